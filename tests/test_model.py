"""The glossary as data (termbook.model): made from checked files, in stable orders."""

from __future__ import annotations

from pathlib import Path

import termbook
from termbook.model import index_letter, sort_key

from .sample_glossary import COMPONENTS


def test_terms_are_sorted_by_id_and_listed_a_to_z_by_name(mini: Path):
    glossary = termbook.load(termbook.Project.at(mini))
    assert list(glossary.terms) == sorted(glossary.terms)
    names = [t.term for t in glossary.alphabetical()]
    assert names == sorted(names, key=sort_key)


def test_ratings_follow_the_scorecards_order_and_categories_come_from_the_taxonomy(mini: Path):
    glossary = termbook.load(termbook.Project.at(mini))
    model = glossary.terms["example-model"]
    assert [r.component for r in model.openness] == COMPONENTS
    assert model.openness[0].rating == "partial"
    assert [c.id for c in glossary.categories][0] == "fundamentals"
    assert not glossary.terms["weights"].openness


def test_sort_key_and_index_letter_ignore_case_and_accents():
    assert sort_key("Éclair") == sort_key("eclair")
    assert index_letter("Éclair") == "E" and index_letter("4-bit") == "#"
