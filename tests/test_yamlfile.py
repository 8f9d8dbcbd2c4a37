"""The YAML reader: plain data with line numbers, and a refusal for every unneeded feature."""

from __future__ import annotations

from pathlib import Path

import pytest

from termbook.yamlfile import MAX_BYTES, MAX_DEPTH, YamlRefused, parse_yaml, read_yaml


def test_reads_every_scalar_as_text_with_lines():
    data, lines, findings = parse_yaml("term: Weights\nreviewed: 2026-11-20\nnorway: no\n"
                                       "aliases:\n  - a\n  - b\nempty:\n", "x.yaml")
    assert data == {"term": "Weights", "reviewed": "2026-11-20", "norway": "no",
                    "aliases": ["a", "b"], "empty": None}
    assert lines[("reviewed",)] == 2
    assert lines[("aliases", 1)] == 6
    assert findings == []


@pytest.mark.parametrize("text, rule, line", [
    ("a: &anchor 1\n", "yaml-anchor", 1),
    ("a: 1\nb: *x\n", "yaml-alias", 2),
    ("a: &x [1]\nb: *x\n", "yaml-anchor", 1),
    ("a: 1\nb: !!python/object/apply:os.system [ls]\n", "yaml-tag", 2),
    ("a: !custom 1\n", "yaml-tag", 1),
    ("a: !!str 1\n", "yaml-tag", 1),
    ("? [a, b]\n: c\n", "yaml-complex-key", 1),
    ("a: [1\n", "yaml-syntax", 2),
    ("a: 1\n---\nb: 2\n", "yaml-multiple-documents", 2),
])
def test_refusals(text, rule, line):
    with pytest.raises(YamlRefused) as refused:
        parse_yaml(text, "x.yaml")
    assert refused.value.finding.rule == rule
    assert refused.value.finding.line == line
    assert refused.value.finding.path == "x.yaml"


def test_billion_laughs_is_refused_before_expansion():
    text = 'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
    with pytest.raises(YamlRefused, match="anchor"):
        parse_yaml(text, "x.yaml")


def test_duplicate_key_keeps_reading_and_reports_both_lines():
    data, _, findings = parse_yaml("term: A\nshort: x\nterm: B\n", "x.yaml")
    assert data["term"] == "A"
    assert [(f.rule, f.line, f.field) for f in findings] == [("yaml-duplicate-key", 3, "term")]
    assert "line 1" in findings[0].message


def test_control_characters_the_parser_refuses_are_named():
    with pytest.raises(YamlRefused) as refused:
        parse_yaml("term: ok\nshort: |\n  line one\n  evil\u0007here\n", "x.yaml")
    assert (refused.value.finding.rule, refused.value.finding.line) == ("control-character", 4)


def test_nesting_deeper_than_the_limit_is_refused_before_anything_recurses():
    deep = "definition: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    with pytest.raises(YamlRefused) as refused:
        parse_yaml(deep, "x.yaml")
    assert (refused.value.finding.rule, refused.value.finding.line) == ("yaml-too-deep", 1)
    deepest_allowed = "definition: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    assert parse_yaml(deepest_allowed, "x.yaml")[2] == []


def test_not_utf8_names_the_line(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"term: ok\nshort: caf\xe9\n")
    with pytest.raises(YamlRefused) as refused:
        read_yaml(path, "glossary/x.yaml")
    assert (refused.value.finding.rule, refused.value.finding.line) == ("not-utf8", 2)


def test_size_limit(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_text("definition: " + "a" * MAX_BYTES)
    with pytest.raises(YamlRefused) as refused:
        read_yaml(path, "glossary/x.yaml")
    assert refused.value.finding.rule == "file-too-large"


def test_byte_order_mark_at_start_is_accepted(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_bytes("\ufeffterm: ok\n".encode())
    assert read_yaml(path, "x.yaml")[0] == {"term": "ok"}


@pytest.mark.parametrize("path", sorted(Path(__file__).parent.glob("fixtures/**/*.yaml")),
                         ids=lambda p: p.name)
def test_quick_reading_gives_what_the_full_reader_gives(path: Path):
    """Files are read first without line numbers, and their lines worked out only when a
    finding needs one: the data and the lines must be exactly the full reader's."""
    from termbook.yamlfile import _parse_with_lines, _plain_data

    text = path.read_bytes().decode("utf-8", errors="replace")  # one fixture is not UTF-8
    try:
        full_data, full_lines, findings = _parse_with_lines(text, "x.yaml")
    except YamlRefused:
        assert _plain_data(text) is None
        return
    data, lines, quick_findings = parse_yaml(text, "x.yaml")
    assert data == full_data
    assert dict(lines) == full_lines
    assert quick_findings == findings
    if findings:  # a file with something to report is read by the full reader
        assert _plain_data(text) is None
