"""The openness table's data: every rating on the site has a reason and a fixed evidence link,
the model types follow the OSI reading this site declares in termbook.yml, and the ratings are
published as CSV and JSON, the JSON with its schema."""

from __future__ import annotations

import csv
import io
import itertools
import json
from pathlib import Path

import jsonschema
import pytest
from selectolax.lexbor import LexborHTMLParser

import termbook
from termbook.urls import unpinned

from .conftest import ROOT
from .sample_glossary import COMPONENTS, SITE_TAXONOMY

SCORECARD = SITE_TAXONOMY.scorecard
PATHS = SCORECARD.paths

#: The evidence addresses this site lets stay unpinned, each with its reason in termbook.yml.
ALLOWED_UNPINNED = dict(SITE_TAXONOMY.links.unpinned)


def moves(address: str) -> bool:
    """Whether an evidence link leads to a record that changes over time (a GitHub or Hugging
    Face repository's content on a branch, not at a commit) without the site saying why."""
    return unpinned(address) is not None and address not in ALLOWED_UNPINNED


@pytest.fixture(scope="module")
def rated() -> list[termbook.Term]:
    glossary = termbook.load(termbook.Project.at(ROOT))
    return [t for t in glossary.alphabetical() if t.ratings]


def test_every_rating_has_a_reason_and_evidence_fixed_in_time(rated):
    assert len(rated) >= 20
    problems = []
    for term in rated:
        assert [r.component for r in term.ratings] == list(COMPONENTS)
        for r in term.ratings:
            if not r.reason.strip():
                problems.append(f"{term.path}: {r.component}: no reason")
            if not r.evidence:
                problems.append(f"{term.path}: {r.component}: no evidence link")
            elif moves(r.evidence):
                problems.append(f"{term.path}: {r.component}: {r.evidence} is not pinned to a commit")
    assert not problems, "\n".join(problems)


def test_every_rating_on_the_site_shows_its_reason_and_evidence(real_site: Path, rated):
    html = LexborHTMLParser((real_site / "openness" / "index.html").read_text(encoding="utf-8"))
    cells = html.css("table.tb-scorecard-table td[data-rating]")
    assert len(cells) == len(rated) * len(COMPONENTS)
    for cell in cells:
        where = (cell.parent.attributes["data-entry"], cell.attributes["data-component"])
        assert cell.attributes.get("data-reason", "").strip(), where
        link = cell.css_first("a[href]")
        assert link is not None and link.attributes["href"].startswith(("https://", "http://")), where
        assert not moves(link.attributes["href"]), where
        assert link.attributes.get("title", "").strip(), where
    # Each model page shows the same ratings with their reasons and links.
    for term in rated:
        page = (real_site / "glossary" / term.id / "index.html").read_text(encoding="utf-8")
        for r in term.ratings:
            assert f'href="{r.evidence}"' in page, (term.id, r.component)


def osi_type(rating: dict[str, str]) -> str:
    """The type of a model with these ratings (by component) under the OSI Open Source AI
    Definition, as this site reads it: ``closed`` when the weights cannot be downloaded;
    ``open-source`` when the weights and the complete code to train and run the model are
    under an open licence, with the data itself or its documentation; ``open-weight``
    otherwise. Written out here to hold the rules termbook.yml declares to it."""
    if rating["weights"] in ("closed", "unknown"):
        return "closed"
    if all(rating[c] == "open" for c in ("weights", "inference-code", "training-code", "licence")) \
            and "open" in (rating["training-data"], rating["data-documentation"]):
        return "open-source"
    return "open-weight"


def test_the_declared_types_are_the_osi_reading_for_every_combination_of_ratings():
    """Every combination of ratings of the components the definition reads (the others rated
    alike, open or closed) gets the type the definition gives it."""
    read = ("weights", "inference-code", "training-code", "training-data", "data-documentation",
            "licence")
    ratings = [r.id for r in SCORECARD.ratings]
    seen = set()
    for combination in itertools.product(ratings, repeat=len(read)):
        for others in ("open", "closed"):
            rating = dict.fromkeys(COMPONENTS, others) | dict(zip(read, combination, strict=True))
            declared = SCORECARD.type_of(rating)
            assert declared is not None and declared.id == osi_type(rating), rating
            seen.add(declared.id)
    assert seen == {"open-source", "open-weight", "closed"}


#: Each rated model's type as the site gave it before its types were declared in termbook.yml.
TYPES_BEFORE = {
    "amber": "open-source", "bloom": "open-weight", "claude": "closed", "deepseek-r1": "open-weight",
    "gemini": "closed", "gemma": "open-weight", "gpt-4": "closed", "gpt-oss": "open-weight",
    "k2": "open-source", "llama-1": "open-weight", "llama-2": "open-weight",
    "llama-3": "open-weight", "llama-3-1": "open-weight", "llama-4-maverick": "open-weight",
    "llama-4-scout": "open-weight", "mistral-7b": "open-weight", "mixtral": "open-weight",
    "muse-spark": "closed", "olmo": "open-source", "phi": "open-weight", "pythia": "open-source",
    "qwen": "open-weight"}


def test_every_rated_model_keeps_its_type(real_site: Path, rated):
    """The models rated then keep their types; a model rated since gets the definition's."""
    document = json.loads((real_site / PATHS.json).read_text(encoding="utf-8"))
    types = {entry["id"]: entry["type"] for entry in document["models"]}
    assert TYPES_BEFORE.items() <= types.items()
    for term in rated:
        assert types[term.id] == osi_type({r.component: r.rating for r in term.ratings}), term.id
    html = LexborHTMLParser((real_site / "openness" / "index.html").read_text(encoding="utf-8"))
    rows = html.css("table.tb-scorecard-table tbody tr")
    assert {row.attributes["data-entry"]: row.attributes["data-type"] for row in rows} == types
    # A row's anchor keeps the name it had before the page was generic: #model-<id>.
    assert all(row.attributes["id"] == f"model-{row.attributes['data-entry']}" for row in rows)


def test_ratings_download_as_csv_and_json_with_date_and_licence(real_site: Path, rated):
    page = (real_site / "openness" / "index.html").read_text(encoding="utf-8")
    assert f'href="../{PATHS.csv}"' in page and f'href="../{PATHS.json}"' in page
    licence = "https://creativecommons.org/licenses/by/4.0/"

    document = json.loads((real_site / PATHS.json).read_text(encoding="utf-8"))
    assert document["licence"] == licence
    assert document["date"] == max(t.reviewed for t in rated)
    assert document["date"] in page
    assert [m["id"] for m in document["models"]] == [t.id for t in rated]
    first = document["models"][0]
    assert first["url"].startswith("https://") and first["url"].endswith(f"/glossary/{first['id']}/")
    assert set(first["components"]) == set(COMPONENTS)
    assert first["components"]["weights"] == {
        "rating": rated[0].ratings[0].rating, "reason": rated[0].ratings[0].reason,
        "evidence": rated[0].ratings[0].evidence}
    assert first["open_parts"] == sum(r.rating == "open" for r in rated[0].ratings)
    assert document["types"] == {"open-source": "Open source", "open-weight": "Open weights",
                                 "closed": "Closed"}

    rows = list(csv.DictReader(io.StringIO((real_site / PATHS.csv).read_text(encoding="utf-8"))))
    assert len(rows) == len(rated) * len(COMPONENTS)
    assert {row["licence"] for row in rows} == {licence}
    by_term = {t.id: t for t in rated}
    types = {entry["id"]: entry["type"] for entry in document["models"]}
    for row in rows:
        term = by_term[row["model_id"]]
        rating = {r.component: r for r in term.ratings}[row["component"]]
        assert (row["rating"], row["reason"], row["evidence"]) == (rating.rating, rating.reason,
                                                                   rating.evidence)
        assert row["reviewed"] == term.reviewed and row["type"] == types[term.id]


def test_the_ratings_json_follows_its_published_schema_which_names_this_sites_taxonomy(real_site: Path):
    document = json.loads((real_site / PATHS.json).read_text(encoding="utf-8"))
    schema = json.loads((real_site / PATHS.schema).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert not list(validator.iter_errors(document))
    entry = schema["$defs"]["entry"]
    assert entry["properties"]["components"]["required"] == COMPONENTS
    assert entry["properties"]["type"]["enum"] == ["open-source", "open-weight", "closed"]
    assert schema["$defs"]["rating"]["properties"]["rating"]["enum"] == [
        "open", "partial", "closed", "unknown"]
    # Strict enough to catch a broken file: a rating, a type or a component it does not know.
    first = document["models"][0]
    first["components"]["weights"]["rating"] = "half-open"
    first["type"] = "open-ish"
    document["models"][1]["components"]["source-code"] = first["components"]["licence"]
    problems = {tuple(e.absolute_path) for e in validator.iter_errors(document)}
    assert problems == {("models", 0, "components", "weights", "rating"), ("models", 0, "type"),
                        ("models", 1, "components")}
