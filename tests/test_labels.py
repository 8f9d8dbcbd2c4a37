"""The one rule for when two labels are the same (termbook.labels), as the check and the
matcher both apply it: whatever the check accepts, the matcher can link."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

import termbook
from termbook.labels import collision_key, label_key, term_labels
from termbook.matcher import Matcher

from .sample_glossary import make_term

ENTRY = """\
term: {name}
aliases: [{alias}]
short: A company that appears in the tests.
definition: |
  A company.
category: organisations
sources:
  - title: Annual report
    publisher: The company
    date: 2025-04-05
reviewed: 2026-11-20
"""


def test_label_key_runs_from_the_first_to_the_last_word_character():
    assert label_key("Meta Platforms, Inc.") == label_key("Meta Platforms, Inc") == "Meta Platforms, Inc"
    assert label_key("  open\n source ") == "open source"
    assert label_key("—") is None


def test_collision_key_also_ignores_case():
    assert collision_key("Meta Platforms, Inc.") == collision_key("META PLATFORMS, INC")
    assert collision_key("MoE") == collision_key("moe")
    assert collision_key("Mixture-of-Experts") != collision_key("Mixture of Experts")


def test_term_labels_lists_every_claimed_name_with_its_place():
    assert term_labels({"term": "A", "abbreviation": "B", "aliases": ["C", 3, "D"]}) == [
        (("term",), "A"), (("abbreviation",), "B"), (("aliases", 0), "C"), (("aliases", 2), "D")]


def test_labels_the_matcher_takes_as_one_collide_in_the_check(mini: Path):
    """"Meta Platforms, Inc." and "Meta Platforms, Inc" are one label to the matcher, which
    could link only one of them: the check refuses the pair, naming both files."""
    (mini / "glossary/meta.yaml").write_text(
        ENTRY.format(name="Meta", alias='"Meta Platforms, Inc."'), encoding="utf-8")
    (mini / "glossary/meta-inc.yaml").write_text(
        ENTRY.format(name="Meta Inc", alias='"Meta Platforms, Inc"'), encoding="utf-8")
    glossary, findings = termbook.check(termbook.Project.at(mini),
                                        today=datetime.date(2026, 11, 23))
    assert glossary is None
    clashes = [(f.path, f.line, f.field) for f in findings if f.rule == "label-collision"]
    assert clashes == [("glossary/meta-inc.yaml", 2, "aliases[0]"), ("glossary/meta.yaml", 2, "aliases[0]")]


@pytest.mark.parametrize("labels", [
    ("Meta Platforms, Inc.", "Meta Platform Inc"),
    ("Open source", "Open source AI"),
    ("Token", "Tokens"),
])
def test_labels_the_check_accepts_are_each_linked(labels):
    """Two labels with different collision keys each lead to their own term."""
    assert collision_key(labels[0]) != collision_key(labels[1])
    matcher = Matcher([make_term("first", labels[0]), make_term("second", labels[1])])
    text = f"{labels[0]}; then {labels[1]}."
    assert [term_id for _, _, term_id in matcher.find(text)] == ["first", "second"]
