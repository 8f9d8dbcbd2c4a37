"""Markdown source read as text (termbook.markup): explicit links and their lines."""

from __future__ import annotations

from termbook.markup import check_links, explicit_links


def test_explicit_links_in_source_with_lines_outside_code():
    text = "x [[a]] `[[b]]`\n```\n[[c]]\n```\n[[d|text]] [[e\\|t]]\n"
    assert [(link.line, link.id) for link in explicit_links(text)] == [(1, "a"), (5, "d"), (5, "e")]
    findings = check_links("docs/p.md", text, {"a", "d"}, first_line=10)
    assert [str(f) for f in findings] == [
        "docs/p.md:14: (text): unknown term id 'e' in [[e]]; see glossary/ for the ids"]
