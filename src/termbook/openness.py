"""The openness table: the page that compares every rated model, and its ratings as data.

The table is HTML written into the Markdown page (Python-Markdown's ``md_in_html`` turns the
model links into links MkDocs resolves), so it reads in full without JavaScript. Every row and
cell carries what ``assets/openness.js`` needs to sort, filter and compare (``data-*``
attributes: the model's id, type and count of open parts, each cell's component, rating and
reason), so the script reads the table itself and fetches nothing: it also works from file://.

Like the rest of the engine, everything here is a pure function of the glossary: the only date
is the latest ``reviewed`` date of the rated models.
"""

from __future__ import annotations

import csv
import html
import io
import json
from typing import Any

from .export import Publication, inert_cell
from .model import COMPONENTS, RATINGS, Glossary, Rating, Term
from .render import (COMPONENT_TITLES, OPENNESS_PAGE, front_matter, plain, rating_badge, rel,
                     term_path)

CSV_PATH = "openness.csv"
JSON_PATH = "openness.json"

#: Short column headings, so that all columns fit a laptop screen; the full name shows on
#: hover and focus and is what screen readers read.
SHORT_TITLES = {
    "weights": "Weights", "inference-code": "Infer. code", "training-code": "Train. code",
    "training-data": "Train. data", "data-documentation": "Data docs", "model-card": "Card",
    "technical-paper": "Paper", "licence": "Licence",
}

#: The kinds of model the table can be filtered by, worked out from the ratings (see
#: :func:`model_type`).
MODEL_TYPES = {"open-source": "Open source", "open-weight": "Open weights", "closed": "Closed"}
#: What the Open Source AI Definition asks to be released under open terms: the weights and the
#: complete code to train and run the model, under an open licence ...
OPEN_SOURCE_COMPONENTS = ("weights", "inference-code", "training-code", "licence")
#: ... and enough information about the data to build a substantially equivalent system: the
#: data itself, or its documentation.
DATA_INFORMATION = ("training-data", "data-documentation")


def model_type(ratings: tuple[Rating, ...]) -> str:
    """``open-source`` when every part the OSI definition asks for is open, ``closed`` when
    the weights cannot be downloaded, ``open-weight`` otherwise."""
    by_component = {r.component: r.rating for r in ratings}
    if by_component["weights"] in ("closed", "unknown"):
        return "closed"
    if all(by_component[c] == "open" for c in OPEN_SOURCE_COMPONENTS) and any(
            by_component[c] == "open" for c in DATA_INFORMATION):
        return "open-source"
    return "open-weight"


def open_parts(ratings: tuple[Rating, ...]) -> int:
    return sum(r.rating == "open" for r in ratings)


def rated_models(glossary: Glossary) -> list[Term]:
    """The rated models, A–Z."""
    return [t for t in glossary.alphabetical() if t.openness]


def ratings_date(models: list[Term]) -> str:
    """The date the ratings hold for: the latest date a rated entry was checked."""
    return max(t.reviewed for t in models)


# --- The page ------------------------------------------------------------------------------

#: Characters that are HTML or Markdown syntax, as character references. The cells sit inside
#: ``markdown`` elements, so Python-Markdown may read their text as Markdown; a reference is
#: never markup for either, and shows as its character in text and attributes alike.
_INERT = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'`*_{}[]()#+!-|:~^\\="})


def _inert(text: str) -> str:
    """Text from an entry, for the table's HTML (element text or a quoted attribute)."""
    return " ".join(text.split()).translate(_INERT)


def _heading(key: str, full: str, short: str) -> str:
    """A column heading: the short name shows, the full name is read out and shows on hover
    and focus (openness.js puts a sort button in the heading)."""
    return (f'<th scope="col" data-sort="{key}"><span class="tb-col-short" aria-hidden="true">'
            f'{html.escape(short)}</span><span class="tb-col-full">{html.escape(full)}</span></th>')


def _cell(rating: Rating) -> str:
    label = COMPONENT_TITLES[rating.component]
    badge = rating_badge(rating.rating)
    if rating.evidence:
        badge = (f'<a href="{_inert(rating.evidence)}" title="{_inert(rating.reason)}">{badge}'
                 f'<span class="tb-visually-hidden">: {_inert(rating.reason)}</span></a>')
    return (f'<td data-component="{rating.component}" data-rating="{rating.rating}" '
            f'data-reason="{_inert(rating.reason)}" data-label="{html.escape(label)}">{badge}</td>')


def _row(term: Term) -> str:
    kind = model_type(term.openness)
    count = open_parts(term.openness)
    link = f"[{plain(term.term)}]({rel(OPENNESS_PAGE, term_path(term.id))})"
    cells = "".join(_cell(r) for r in term.openness)
    return (f'<tr id="model-{term.id}" data-model="{term.id}" data-name="{_inert(term.term)}" '
            f'data-type="{kind}" data-open="{count}" markdown>\n'
            f'<th scope="row" markdown="span">{link} '
            f'<span class="tb-type tb-type--{kind}">{MODEL_TYPES[kind]}</span></th>\n'
            f'{cells}<td data-component="open-parts" data-label="Open parts">'
            f'{count} of {len(COMPONENTS)}</td>\n</tr>')


def openness_table(models: list[Term]) -> str:
    headings = [_heading("model", "Model", "Model")]
    headings += [_heading(c, COMPONENT_TITLES[c], SHORT_TITLES[c]) for c in COMPONENTS]
    headings.append(_heading("open-parts", "Open parts", "Open"))
    rows = "\n".join(_row(t) for t in models)
    return (f'<div class="tb-openness-scroll" markdown>\n<table class="tb-openness-table" markdown>\n'
            f'<caption>{len(models)} models, rated component by component, A–Z</caption>\n'
            f'<thead><tr>{"".join(headings)}</tr></thead>\n<tbody markdown>\n{rows}\n</tbody>\n'
            "</table>\n</div>\n")


def openness_page(glossary: Glossary) -> str:
    models = rated_models(glossary)
    date = ratings_date(models)
    legend = "\n".join(f"- {rating_badge(r)}: {RATING_MEANINGS[r]}" for r in RATINGS)
    types = "\n".join(f"- **{MODEL_TYPES[t]}**: {TYPE_MEANINGS[t]}" for t in MODEL_TYPES)
    return "\n".join([
        front_matter(title="Openness table",
                     description=f"How open {len(models)} AI models are, component by component, "
                                 "with evidence for every rating.", hide=["toc"]),
        "# Openness table\n",
        f"{len(models)} models, rated component by component (ratings as of {date}). Each rating "
        "links to its evidence; hover it to read the reason, or open the model's page for the "
        "full table. Sort by any column, filter by rating or type, and tick two to four models "
        "to compare them side by side; the address of the page keeps the view, so it can be "
        "shared.\n",
        '<div class="tb-openness" markdown>\n',
        openness_table(models),
        "</div>\n",
        f"Download the ratings: [CSV]({CSV_PATH}) · [JSON]({JSON_PATH}) (ratings as of {date}; "
        "each file states its date and licence).\n{ .tb-downloads }\n",
        "## Legend\n", legend + "\n",
        "The type of each model follows from its ratings:\n", types + "\n",
        "## How the ratings are made\n",
        "The ratings follow the [European Open Source AI Index](https://osai-index.eu/), which rates "
        "each component of a model open, partial or closed and links the evidence for each "
        "rating. The components also map onto the classes of the [Model Openness Framework]"
        "(https://arxiv.org/abs/2403.13784) (LF AI & Data): class III, *open model*, needs the "
        "weights, model card and technical report under open licences; class II, *open tooling*, "
        "adds training and inference code; class I, *open science*, adds the training data and "
        "its documentation. A model is open source AI under the [OSI Open Source AI Definition]"
        "(https://opensource.org/ai/open-source-ai-definition) only when weights, code and data "
        "information are all available under terms that let anyone use, study, modify and share "
        "them: open weights alone are not enough.\n",
        "Where a rating here differs from the Index's record for the same model, the reason "
        "says why. Code that only runs a model counts as inference code here, never as "
        "training code, which the Index rates partial when only inference code is out. The "
        "Index has no inference code dimension of its own (its code rating is about "
        "documentation), so those ratings are ours.\n",
        "“Open parts” counts the components rated open; it is a reading aid, not a score either "
        "framework defines.\n",
    ])


RATING_MEANINGS = {
    "open": "released for anyone to use, study, change and share",
    "partial": "released with restrictions, or only in part",
    "closed": "not released",
    "unknown": "no public information found",
}
TYPE_MEANINGS = {
    "open-source": "weights, inference and training code and licence are open, and so is the "
                   "training data or its documentation: what the OSI Open Source AI Definition "
                   "asks for",
    "open-weight": "the weights can be downloaded, but something the definition asks for is "
                   "missing or restricted",
    "closed": "the weights are not released; the model is used through an app or an API",
}


# --- The ratings as data -------------------------------------------------------------------

def openness_files(glossary: Glossary, publication: Publication) -> dict[str, bytes]:
    """``openness.csv`` and ``openness.json`` for the site root; none without rated models."""
    models = rated_models(glossary)
    if not models:
        return {}
    return {CSV_PATH: ratings_csv(models, publication), JSON_PATH: ratings_json(models, publication)}


CSV_COLUMNS = ("model_id", "model", "type", "component", "rating", "reason", "evidence",
               "reviewed", "url", "licence")


def ratings_csv(models: list[Term], publication: Publication) -> bytes:
    """One row per model and component (RFC 4180, UTF-8); each row carries the date its entry
    was checked and the licence of the data. Cells a spreadsheet would run as formulas are
    made inert, as in glossary.csv."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for term in models:
        for r in term.openness:
            row = (term.id, term.term, model_type(term.openness), r.component, r.rating,
                   r.reason, r.evidence or "", term.reviewed,
                   publication.url(term_path(term.id)), publication.licence or "")
            writer.writerow([inert_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")


def ratings_json(models: list[Term], publication: Publication) -> bytes:
    document: dict[str, Any] = {
        "title": "Openness ratings",
        "date": ratings_date(models),
        "licence": publication.licence,
        "framework": "European Open Source AI Index components; types after the OSI Open "
                     "Source AI Definition",
        "components": {c: COMPONENT_TITLES[c] for c in COMPONENTS},
        "ratings": RATING_MEANINGS,
        "types": {t: MODEL_TYPES[t] for t in MODEL_TYPES},
        "models": [{
            "id": term.id, "name": term.term, "url": publication.url(term_path(term.id)),
            "type": model_type(term.openness), "open_parts": open_parts(term.openness),
            "reviewed": term.reviewed,
            "components": {r.component: {"rating": r.rating, "reason": r.reason,
                                         "evidence": r.evidence} for r in term.openness},
        } for term in models],
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
