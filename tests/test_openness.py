"""The openness table's data: every rating on the site has a reason and a fixed evidence link,
the model types follow the ratings, and the ratings are published as CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

import termbook
from termbook.model import Rating
from termbook.scorecard import CSV_PATH, JSON_PATH, model_type

from .conftest import ROOT
from .sample_glossary import COMPONENTS

#: An evidence link to a record that changes over time: a file or folder on a branch of a
#: GitHub or Hugging Face repository, instead of at a commit.
MOVING_RECORD = re.compile(r"^https://(github\.com|huggingface\.co)/.+/(blob|tree|resolve)/"
                           r"(main|master|HEAD)(/|$)")


@pytest.fixture(scope="module")
def rated() -> list[termbook.Term]:
    glossary = termbook.load(termbook.Project.at(ROOT))
    return [t for t in glossary.alphabetical() if t.openness]


def test_every_rating_has_a_reason_and_evidence_fixed_in_time(rated):
    assert len(rated) >= 20
    problems = []
    for term in rated:
        assert [r.component for r in term.openness] == list(COMPONENTS)
        for r in term.openness:
            if not r.reason.strip():
                problems.append(f"{term.path}: {r.component}: no reason")
            if not r.evidence:
                problems.append(f"{term.path}: {r.component}: no evidence link")
            elif MOVING_RECORD.match(r.evidence):
                problems.append(f"{term.path}: {r.component}: {r.evidence} is not pinned to a commit")
    assert not problems, "\n".join(problems)


def test_moving_records_are_recognised():
    assert MOVING_RECORD.match("https://github.com/meta-llama/llama-models/blob/main/LICENSE")
    assert MOVING_RECORD.match("https://huggingface.co/org/model/blob/main/README.md")
    assert MOVING_RECORD.match("https://github.com/org/repo/tree/master")
    assert not MOVING_RECORD.match("https://github.com/meta-llama/llama-models/blob/"
                                   "a9c89c471f793423afd4cc3ca8671d6e56fe64cb/LICENSE")
    assert not MOVING_RECORD.match("https://huggingface.co/openai/gpt-oss-120b")


def test_every_rating_on_the_site_shows_its_reason_and_evidence(real_site: Path, rated):
    html = LexborHTMLParser((real_site / "openness" / "index.html").read_text(encoding="utf-8"))
    cells = html.css("table.tb-openness-table td[data-rating]")
    assert len(cells) == len(rated) * len(COMPONENTS)
    for cell in cells:
        where = (cell.parent.attributes["data-model"], cell.attributes["data-component"])
        assert cell.attributes.get("data-reason", "").strip(), where
        link = cell.css_first("a[href]")
        assert link is not None and link.attributes["href"].startswith(("https://", "http://")), where
        assert not MOVING_RECORD.match(link.attributes["href"]), where
        assert link.attributes.get("title", "").strip(), where
    # Each model page shows the same ratings with their reasons and links.
    for term in rated:
        page = (real_site / "glossary" / term.id / "index.html").read_text(encoding="utf-8")
        for r in term.openness:
            assert f'href="{r.evidence}"' in page, (term.id, r.component)


def ratings(**by_component: str) -> tuple[Rating, ...]:
    return tuple(Rating(c, by_component.get(c.replace("-", "_"), "closed"), "why") for c in COMPONENTS)


def test_model_type_follows_the_open_source_ai_definition():
    everything = {c.replace("-", "_"): "open" for c in COMPONENTS}
    assert model_type(ratings(**everything)) == "open-source"
    # Data information: the data itself or its documentation will do ...
    assert model_type(ratings(**{**everything, "data_documentation": "partial"})) == "open-source"
    assert model_type(ratings(**{**everything, "training_data": "closed"})) == "open-source"
    # ... but not neither, and not a licence with use restrictions.
    assert model_type(ratings(**{**everything, "training_data": "partial",
                                 "data_documentation": "partial"})) == "open-weight"
    assert model_type(ratings(**{**everything, "licence": "partial"})) == "open-weight"
    assert model_type(ratings(weights="partial")) == "open-weight"
    assert model_type(ratings(weights="unknown")) == "closed"
    assert model_type(ratings()) == "closed"


def test_ratings_download_as_csv_and_json_with_date_and_licence(real_site: Path, rated):
    page = (real_site / "openness" / "index.html").read_text(encoding="utf-8")
    assert f'href="../{CSV_PATH}"' in page and f'href="../{JSON_PATH}"' in page
    licence = "https://creativecommons.org/licenses/by/4.0/"

    document = json.loads((real_site / JSON_PATH).read_text(encoding="utf-8"))
    assert document["licence"] == licence
    assert document["date"] == max(t.reviewed for t in rated)
    assert document["date"] in page
    assert [m["id"] for m in document["models"]] == [t.id for t in rated]
    first = document["models"][0]
    assert first["url"].startswith("https://") and first["url"].endswith(f"/glossary/{first['id']}/")
    assert set(first["components"]) == set(COMPONENTS)
    assert first["components"]["weights"] == {
        "rating": rated[0].openness[0].rating, "reason": rated[0].openness[0].reason,
        "evidence": rated[0].openness[0].evidence}

    rows = list(csv.DictReader(io.StringIO((real_site / CSV_PATH).read_text(encoding="utf-8"))))
    assert len(rows) == len(rated) * len(COMPONENTS)
    assert {row["licence"] for row in rows} == {licence}
    by_term = {t.id: t for t in rated}
    for row in rows:
        term = by_term[row["model_id"]]
        rating = {r.component: r for r in term.openness}[row["component"]]
        assert (row["rating"], row["reason"], row["evidence"]) == (rating.rating, rating.reason,
                                                                   rating.evidence)
        assert row["reviewed"] == term.reviewed and row["type"] == model_type(term.openness)
