"""Reading files (termbook.read): entries, hand-written pages and termbook.yml."""

from __future__ import annotations

from pathlib import Path

from termbook import schema
from termbook.read import display_path, display_prefix, read_dir, read_docs, read_taxonomy

from .sample_glossary import SITE_TAXONOMY


def test_entries_are_read_in_name_order_with_their_lines(mini: Path):
    findings = []
    files = read_dir(mini / "glossary", mini, schema.TERM_SCHEMA, findings, SITE_TAXONOMY)
    assert [f.id for f in files] == sorted(f.id for f in files) and findings == []
    weights = next(f for f in files if f.id == "weights")
    assert weights.display == "glossary/weights.yaml" and weights.valid
    assert weights.finding(("short",), "m", "h", "rule").line == 5


def test_a_folder_that_is_not_there_holds_no_entries(tmp_path: Path):
    assert read_dir(tmp_path / "nowhere", tmp_path, schema.TERM_SCHEMA, []) == []


def test_pages_that_are_not_utf8_are_a_finding(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/good.md").write_text("# Good\n", encoding="utf-8")
    (tmp_path / "docs/bad.md").write_bytes(b"\xff\xfe bad")
    findings = []
    assert read_docs(tmp_path / "docs", tmp_path, findings) == {"docs/good.md": "# Good\n"}
    assert [(f.path, f.rule) for f in findings] == [("docs/bad.md", "not-utf8")]


def test_no_termbook_yml_or_an_empty_one_declares_nothing(tmp_path: Path):
    assert read_taxonomy(tmp_path / "termbook.yml", tmp_path) == (schema.NO_TAXONOMY, [])
    (tmp_path / "termbook.yml").write_text("# nothing yet\n", encoding="utf-8")
    assert read_taxonomy(tmp_path / "termbook.yml", tmp_path) == (schema.NO_TAXONOMY, [])


def test_termbook_yml_follows_the_rules_of_entries(tmp_path: Path):
    (tmp_path / "termbook.yml").write_text("categories: !!python/name:os.system\n", encoding="utf-8")
    taxonomy, findings = read_taxonomy(tmp_path / "termbook.yml", tmp_path)
    assert taxonomy is None and [f.path for f in findings] == ["termbook.yml"]


def test_paths_are_shown_relative_to_the_project(tmp_path: Path):
    assert display_path(tmp_path / "glossary/x.yaml", tmp_path) == "glossary/x.yaml"
    assert display_prefix(tmp_path, tmp_path) == ""
    assert display_prefix(tmp_path / "glossary", tmp_path) == "glossary/"


def test_a_symlinked_termbook_yml_is_refused(tmp_path: Path):
    (tmp_path / "elsewhere.yml").write_text("categories:\n  a: {title: A}\n", encoding="utf-8")
    (tmp_path / "termbook.yml").symlink_to(tmp_path / "elsewhere.yml")
    taxonomy, findings = read_taxonomy(tmp_path / "termbook.yml", tmp_path)
    assert taxonomy is None
    assert [(f.path, f.rule) for f in findings] == [("termbook.yml", "symlink")]
