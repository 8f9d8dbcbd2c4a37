"""How problems are reported (termbook.findings): one line each, the same everywhere."""

from __future__ import annotations

from termbook.findings import (
    ERROR,
    INFO,
    Finding,
    GlossaryError,
    did_you_mean,
    errors_in,
    field_name,
)


def test_a_finding_is_one_line_with_path_line_field_message_and_hint():
    finding = Finding("glossary/x.yaml", 3, "related[0]", "unknown term id 'y'", "did you mean 'z'?")
    assert str(finding) == "glossary/x.yaml:3: related[0]: unknown term id 'y'; did you mean 'z'?"
    assert str(Finding("a.yaml", 1, "(file)", "bad")) == "a.yaml:1: (file): bad"


def test_field_names_and_did_you_mean():
    assert field_name(("sources", 0, "url")) == "sources[0].url"
    assert field_name(()) == "(file)"
    assert did_you_mean("aliasses", ["aliases", "term"]) == "did you mean 'aliases'?"
    assert did_you_mean("zzz", ["aliases"]) == ""


def test_errors_are_told_from_information_and_carried_sorted():
    later = Finding("b.yaml", 1, "term", "x")
    earlier = Finding("a.yaml", 2, "term", "y")
    note = Finding("a.yaml", 1, "term", "z", severity=INFO)
    assert errors_in([later, note, earlier]) == [later, earlier]
    assert GlossaryError([later, earlier]).findings == [earlier, later]
    assert later.severity == ERROR
