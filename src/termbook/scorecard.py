"""The scorecard page (this site's openness table) and its ratings as data.

The table is HTML written into the Markdown page (Python-Markdown's ``md_in_html`` turns the
entry links into links MkDocs resolves), so it reads in full without JavaScript. Every row and
cell carries what ``assets/termbook/scorecard.js`` needs to sort, filter and compare
(``data-*`` attributes: the entry's id, type and count of open parts, each cell's component,
rating and reason), so the script reads the table itself and fetches nothing: it also works
from file://. Titles, ratings and the page's wording come from the site's ``termbook.yml``.

Like the rest of the engine, everything here is a pure function of the glossary: the only date
is the latest ``reviewed`` date of the rated entries.
"""

from __future__ import annotations

import csv
import functools
import html
import io
import json
from typing import Any

from .export import Publication, inert_cell
from .layout import SCORECARD_CSV_PATH as CSV_PATH
from .layout import SCORECARD_JSON_PATH as JSON_PATH
from .layout import SCORECARD_PAGE, rel, term_path
from .messages import SCORECARD_SCRIPT_LABELS, Messages
from .model import Glossary, Rating, Term
from .render import Page, attribute, front_matter, heading, inert, plain, rating_badge
from .taxonomy import Scorecard, fill

#: The kinds of model the table can be filtered by, worked out from the ratings by the Open
#: Source AI Definition (see :func:`model_type`). They apply to a scorecard that rates the
#: components the definition names, as this site's openness table does.
MODEL_TYPES = {"open-source": "Open source", "open-weight": "Open weights", "closed": "Closed"}
TYPE_MEANINGS = {
    "open-source": "weights, inference and training code and licence are open, and so is the "
                   "training data or its documentation: what the OSI Open Source AI Definition "
                   "asks for",
    "open-weight": "the weights can be downloaded, but something the definition asks for is "
                   "missing or restricted",
    "closed": "the weights are not released; the model is used through an app or an API",
}
#: What the definition asks to be released under open terms: the weights and the complete
#: code to train and run the model, under an open licence ...
OPEN_SOURCE_COMPONENTS = ("weights", "inference-code", "training-code", "licence")
#: ... and enough information about the data to build a substantially equivalent system: the
#: data itself, or its documentation.
DATA_INFORMATION = ("training-data", "data-documentation")
_TYPED_COMPONENTS = frozenset(OPEN_SOURCE_COMPONENTS + DATA_INFORMATION)


def has_model_types(scorecard: Scorecard) -> bool:
    """Whether the scorecard rates every component :func:`model_type` reads."""
    return _TYPED_COMPONENTS <= {c.id for c in scorecard.components}


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


def open_parts(scorecard: Scorecard, ratings: tuple[Rating, ...]) -> int:
    """How many components have the scorecard's first rating ("open")."""
    return sum(r.rating == scorecard.ratings[0].id for r in ratings)


def rated_entries(glossary: Glossary) -> list[Term]:
    """The rated entries, A–Z."""
    return [t for t in glossary.alphabetical() if t.openness]


def ratings_date(entries: list[Term]) -> str:
    """The date the ratings hold for: the latest date a rated entry was checked."""
    return max((t.reviewed for t in entries if t.reviewed), default="")


# --- The page ------------------------------------------------------------------------------

def _heading(key: str, full: str, short: str) -> str:
    """A column heading: the short name shows, the full name is read out and shows on hover
    and focus (scorecard.js puts a sort button in the heading)."""
    return (f'<th scope="col" data-sort="{attribute(key)}"><span class="tb-col-short" aria-hidden="true">'
            f'{inert(short)}</span><span class="tb-col-full">{inert(full)}</span></th>')


class _Table:
    """The table of one scorecard: its titles looked up once for every row."""

    def __init__(self, scorecard: Scorecard, say: Messages):
        self.scorecard = scorecard
        self.say = say
        self.titles = {c.id: c.title for c in scorecard.components}
        self.typed = has_model_types(scorecard)

    def cell(self, rating: Rating) -> str:
        badge = rating_badge(self.scorecard, rating.rating)
        if rating.evidence:
            badge = (f'<a href="{rating.evidence.attribute()}" title="{inert(rating.reason)}">{badge}'
                     f'<span class="tb-visually-hidden">: {inert(rating.reason)}</span></a>')
        return (f'<td data-component="{attribute(rating.component)}" '
                f'data-rating="{attribute(rating.rating)}" '
                f'data-reason="{inert(rating.reason)}" '
                f'data-label="{inert(self.titles[rating.component])}">{badge}</td>')

    def row(self, term: Term) -> str:
        count = open_parts(self.scorecard, term.openness)
        link = f"[{plain(term.term)}]({rel(SCORECARD_PAGE, term_path(term.id))})"
        kind = model_type(term.openness) if self.typed else ""
        badge = (f' <span class="tb-type tb-type--{kind}">{MODEL_TYPES[kind]}</span>'
                 if kind else "")
        summary = (f'<td data-component="open-parts" data-label="{inert(self.scorecard.summary)}">'
                   f'{self.say("scorecard_open_count", count, total=len(self.titles))}</td>'
                   if self.scorecard.summary else "")
        return (f'<tr id="model-{attribute(term.id)}" data-model="{attribute(term.id)}" '
                f'data-name="{inert(term.term)}" '
                f'data-type="{kind}" data-open="{count}" markdown>\n'
                f'<th scope="row" markdown="span">{link}{badge}</th>\n'
                f'{"".join(self.cell(r) for r in term.openness)}{summary}\n</tr>')

    def html(self, entries: list[Term]) -> str:
        scorecard = self.scorecard
        headings = [_heading("model", scorecard.entry_column, scorecard.entry_column)]
        headings += [_heading(c.id, c.title, c.short_title) for c in scorecard.components]
        if scorecard.summary:
            headings.append(_heading("open-parts", scorecard.summary, scorecard.summary.split()[0]))
        rows = "\n".join(self.row(t) for t in entries)
        return (f'<div class="tb-openness-scroll" markdown>\n<table class="tb-openness-table" markdown>\n'
                f'<caption>{inert(self.say("scorecard_caption", len(entries)))}</caption>\n'
                f'<thead><tr>{"".join(headings)}</tr></thead>\n<tbody markdown>\n{rows}\n</tbody>\n'
                "</table>\n</div>\n")


def scorecard_pages(glossary: Glossary, say: Messages | None = None) -> list[Page]:
    """The scorecard page, when the site declares a scorecard and an entry is rated."""
    scorecard = glossary.taxonomy.scorecard
    if scorecard is None or not any(t.openness for t in glossary.terms.values()):
        return []
    return [Page(SCORECARD_PAGE, functools.partial(scorecard_page, glossary, scorecard,
                                                   say or Messages()),
                 link_mentions=False)]


def scorecard_page(glossary: Glossary, scorecard: Scorecard, say: Messages) -> str:
    """Every rated entry with every rating, each linked to its evidence, with sorting,
    filtering and a side-by-side view (this site's openness table)."""
    entries = rated_entries(glossary)
    date = ratings_date(entries)
    count = len(entries)
    legend = "\n".join(f"- {rating_badge(scorecard, r.id)}: {plain(r.description)}"
                       if r.description else f"- {rating_badge(scorecard, r.id)}"
                       for r in scorecard.ratings)
    parts = [
        front_matter(title=scorecard.title, description=fill(scorecard.description, count=count),
                     hide=["toc"], searched=False),
        f"# {plain(scorecard.title)}\n",
        fill(scorecard.intro, count=count) + " " + say("scorecard_as_of", date=plain(date)) + "\n",
        f'<div class="tb-openness" {_script_labels(say)} markdown>\n',
        _Table(scorecard, say).html(entries), "</div>\n",
        say("scorecard_downloads", csv=CSV_PATH, json=JSON_PATH, date=plain(date))
        + "\n{ .tb-downloads }\n",
        heading(say("scorecard_legend"), "legend"), legend + "\n",
    ]
    if has_model_types(scorecard):
        parts += ["The type of each model follows from its ratings:\n",
                  "\n".join(f"- **{MODEL_TYPES[t]}**: {TYPE_MEANINGS[t]}" for t in MODEL_TYPES) + "\n"]
    if scorecard.about:
        parts.append(scorecard.about.strip() + "\n")
    return "\n".join(parts)


def _script_labels(say: Messages) -> str:
    """The words scorecard.js writes, in the site's language, as attributes of the table's
    box (``data-label-sort-by="Sort by"``): the script shows them as text, placeholders filled."""
    return " ".join(f'data-label-{name}="{inert(say.text(key))}"'
                    for name, key in SCORECARD_SCRIPT_LABELS.items())


# --- The ratings as data -------------------------------------------------------------------

def scorecard_files(glossary: Glossary, publication: Publication) -> dict[str, bytes]:
    """``openness.csv`` and ``openness.json`` for the site root; none without a scorecard or
    rated entries."""
    scorecard, entries = glossary.taxonomy.scorecard, rated_entries(glossary)
    if scorecard is None or not entries:
        return {}
    return {CSV_PATH: ratings_csv(scorecard, entries, publication),
            JSON_PATH: ratings_json(scorecard, entries, publication)}


CSV_COLUMNS = ("model_id", "model", "type", "component", "rating", "reason", "evidence",
               "reviewed", "url", "licence")


def ratings_csv(scorecard: Scorecard, entries: list[Term], publication: Publication) -> bytes:
    """One row per entry and component (RFC 4180, UTF-8); each row carries the date its entry
    was checked and the licence of the data. Cells a spreadsheet would run as formulas are
    made inert, as in glossary.csv."""
    typed = has_model_types(scorecard)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for term in entries:
        kind = model_type(term.openness) if typed else ""
        for r in term.openness:
            row = (term.id, term.term, kind, r.component, r.rating, r.reason, r.evidence or "",
                   term.reviewed, publication.url(term_path(term.id)), publication.licence or "")
            writer.writerow([inert_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")


def ratings_json(scorecard: Scorecard, entries: list[Term], publication: Publication) -> bytes:
    typed = has_model_types(scorecard)
    document: dict[str, Any] = {
        "title": scorecard.title,
        "date": ratings_date(entries),
        "licence": publication.licence,
        "components": {c.id: c.title for c in scorecard.components},
        "ratings": {r.id: r.description or r.title for r in scorecard.ratings},
        **({"framework": "European Open Source AI Index components; types after the OSI Open "
                         "Source AI Definition", "types": MODEL_TYPES} if typed else {}),
        "models": [{
            "id": term.id, "name": term.term, "url": publication.url(term_path(term.id)),
            **({"type": model_type(term.openness)} if typed else {}),
            "open_parts": open_parts(scorecard, term.openness), "reviewed": term.reviewed,
            "components": {r.component: {"rating": r.rating, "reason": r.reason,
                                         "evidence": r.evidence} for r in term.openness},
        } for term in entries],
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
