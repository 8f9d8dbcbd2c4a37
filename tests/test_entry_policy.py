"""The rules entries follow: what every site shares, what a site declares in termbook.yml
(``entries:``), and how the check reports an entry it could not read or cannot reach."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml

import termbook
from termbook.read import read_taxonomy

from .conftest import run_termbook

TODAY = datetime.date(2026, 11, 23)


def check(project: Path):
    glossary, findings = termbook.check(termbook.Project.at(project), today=TODAY)
    return glossary, [(f.path, f.field, f.rule, f.severity, f.message) for f in findings]


@pytest.fixture
def plain_site(tmp_path: Path) -> Path:
    """A site whose termbook.yml declares categories and nothing else: the default policy."""
    (tmp_path / "glossary").mkdir()
    (tmp_path / "termbook.yml").write_text(
        "categories:\n  core: {title: Core}\n  tools: {title: Tools}\n", encoding="utf-8")
    return tmp_path


def entry(project: Path, name: str, text: str) -> None:
    (project / "glossary" / f"{name}.yaml").write_text(text, encoding="utf-8")


def test_by_default_an_entry_needs_its_name_and_a_short_definition_or_a_definition(plain_site):
    entry(plain_site, "pod", "term: Pod\nshort: A group of containers. Run `kubectl get pods` to "
                             "list them. They are *disposable*.\ncategory: [core, tools]\n")
    entry(plain_site, "node", "term: Node\ndefinition: |\n  A machine that runs [[pod|pods]]. "
                              "It has a kubelet.\n\n  More here.\n")
    glossary, findings = check(plain_site)
    assert findings == []
    assert glossary.terms["pod"].categories == ("core", "tools")
    # Without a short definition, the definition's first paragraph stands in, links as text.
    assert glossary.terms["node"].short == "A machine that runs pods. It has a kubelet."
    entry(plain_site, "bare", "term: Bare\ncategory: core\n")
    _, findings = check(plain_site)
    assert findings == [("glossary/bare.yaml", "(file)", "missing-field", "error",
                         "needs 'short' or 'definition'")]


def test_the_default_short_allows_code_and_emphasis_but_no_html_links_or_excess(plain_site):
    entry(plain_site, "a", "term: A\nshort: Has <b>HTML</b> in it, which is refused.\n")
    entry(plain_site, "b", "term: B\nshort: Links to [[a]] are refused here.\n")
    entry(plain_site, "c", f"term: C\nshort: {'word ' * 61}\n")
    entry(plain_site, "d", "term: D\nshort: Code like `<b>` is fine, and so is *this*.\n")
    _, findings = check(plain_site)
    assert [(path, rule) for path, _, rule, *_ in findings] == [
        ("glossary/a.yaml", "short-not-plain"), ("glossary/b.yaml", "short-not-plain"),
        ("glossary/c.yaml", "schema-maxLength")]


def test_a_site_declares_its_own_rules_for_short_and_the_fields_it_requires(plain_site):
    (plain_site / "termbook.yml").write_text(
        "categories:\n  core: {title: Core}\n"
        "entries:\n  required: [category, reviewed]\n"
        "  short: {max_length: \"60\", sentences: \"2\", markup: none}\n"
        "  descriptions: {reviewed: \"The day the team last read it.\"}\n", encoding="utf-8")
    entry(plain_site, "a", "term: A\nshort: One. Two. Three sentences.\ncategory: core\n"
                           "reviewed: 2026-01-01\n")
    entry(plain_site, "b", "term: B\nshort: It holds `code`.\ncategory: core\nreviewed: 2026-01-01\n")
    entry(plain_site, "c", "term: C\nshort: Nothing else.\n")
    _, findings = check(plain_site)
    assert [(path, field, rule) for path, field, rule, *_ in findings] == [
        ("glossary/a.yaml", "short", "short-one-sentence"),
        ("glossary/b.yaml", "short", "short-not-plain"),
        ("glossary/c.yaml", "category", "missing-field"),
        ("glossary/c.yaml", "reviewed", "missing-field")]
    assert "at most 2 sentences" in findings[0][4]
    result = run_termbook(plain_site, "check")
    assert "glossary/c.yaml:1: reviewed: required field is missing; The day the team last read it." \
        in result.stdout


def test_a_list_of_categories_with_an_unknown_one_says_which_and_what_is_allowed(plain_site):
    entry(plain_site, "a", "term: A\nshort: Something useful.\ncategory: [core, tool]\n")
    result = run_termbook(plain_site, "check")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "glossary/a.yaml:3: category[1]: 'tool' is not one of: core, tools; did you mean 'tools'?")


def test_a_policy_that_requires_categories_needs_categories(tmp_path: Path):
    (tmp_path / "termbook.yml").write_text("entries:\n  required: [category]\n", encoding="utf-8")
    taxonomy, findings = read_taxonomy(tmp_path / "termbook.yml", tmp_path)
    assert taxonomy is None
    assert [str(f) for f in findings] == [
        "termbook.yml:2: entries.required[0]: requires a category, but no categories are "
        "declared; declare them under 'categories', or remove 'category' here"]


def test_an_unreadable_entry_gives_its_own_findings_only(plain_site):
    entry(plain_site, "service", "term: Service\nshort: [unclosed\n")
    entry(plain_site, "endpoint", "term: Endpoint\nshort: One address behind a Service.\n"
                                  "related: [service]\ndefinition: |\n  See [[service]].\n")
    _, findings = check(plain_site)
    errors = [f for f in findings if f[3] == "error"]
    assert [path for path, *_ in errors] == ["glossary/service.yaml"]
    assert ("glossary/endpoint.yaml", "related[0]", "unreadable-term", "info",
            "'service' could not be read") in findings
    assert not any("unknown term id" in message for *_, message in findings)


def test_entries_in_a_subfolder_are_reported_not_skipped(plain_site):
    (plain_site / "glossary/networking/deep").mkdir(parents=True)
    for name in ("service", "ingress"):
        entry(plain_site, f"networking/deep/{name}" if name == "ingress" else f"networking/{name}",
              f"term: {name}\nshort: A networking term.\n")
    (plain_site / "glossary/images").mkdir()  # holds no entries: nothing to say
    (plain_site / "glossary/images/logo.png").write_bytes(b"")
    _, findings = check(plain_site)
    assert findings == [("glossary/networking/", "(folder)", "entry-in-subfolder", "error",
                         "holds 2 entries in a subfolder, which termbook does not read: an "
                         "entry's id is its file name, unique in one folder")]


def test_new_writes_an_entry_in_several_categories_that_follows_the_default_policy(plain_site):
    result = run_termbook(plain_site, "new", "Pod", "--category", "core", "--category", "tools")
    assert result.returncode == 0, result.stderr
    text = (plain_site / "glossary/pod.yaml").read_text("utf-8")
    assert "\ncategory: [core, tools]\n" in text
    # The site asks for no sources or review date: the scaffold offers them commented out.
    assert "\n# sources:\n" in text and "\n# reviewed: " in text
    data = yaml.safe_load(text)
    assert data["category"] == ["core", "tools"] and "sources" not in data
