"""A glossary of another field, as a new adopter brings it: 122 terms of a container platform,
most in several categories, most without sources or review dates, short definitions of
several sentences with inline code, bare ``[[id]]`` links, and a termbook.yml that declares
its categories and nothing else (tests/software_glossary.py). It passes the check and both
builds as written, and its pages show what it has and nothing it lacks."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

from .conftest import run_termbook
from .software_glossary import CATEGORIES, TERMS


@pytest.fixture
def built(software_builds: dict[str, Path]) -> Path:
    return software_builds["mkdocs"]


def article(site: Path, page: str) -> LexborHTMLParser:
    return LexborHTMLParser(LexborHTMLParser((site / page).read_text("utf-8"))
                            .css_first("article").html)


def test_the_glossary_has_the_shape_of_a_real_projects_glossary(software_project: Path):
    entries = {p.stem: yaml.safe_load(p.read_text("utf-8")) for p in (software_project / "glossary").glob("*.yaml")}
    assert len(entries) >= 100
    assert sum(isinstance(e["category"], list) and len(e["category"]) > 1 for e in entries.values()) > 50
    assert sum("sources" not in e and "reviewed" not in e for e in entries.values()) > 100
    several_with_code = [e for e in entries.values()
                         if "`" in e["short"] and re.search(r"[.!?] [A-Z`]", e["short"])]
    assert len(several_with_code) >= 5
    assert sum(bool(re.search(r"\[\[[a-z0-9-]+\]\]", e["definition"])) for e in entries.values()) > 80
    assert yaml.safe_load((software_project / "termbook.yml").read_text("utf-8")).keys() == {"categories"}


def test_it_passes_the_check_as_written(software_project: Path):
    result = run_termbook(software_project, "check")
    assert result.returncode == 0, result.stdout
    assert [line for line in result.stdout.splitlines() if not line.endswith("[info]")] == []
    quiet = run_termbook(software_project, "check", "--quiet")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


def test_a_term_page_shows_every_category_and_no_empty_review_line(built: Path):
    page = article(built, "glossary/statefulset/index.html")
    meta = page.css_first(".tb-meta")
    assert [a.text() for a in meta.css("a")] == ["Core objects", "Workloads", "Storage"]
    assert meta.text().startswith("Categories: ")
    assert "Status" not in meta.text() and "Reviewed" not in meta.text()
    assert not page.css(".tb-sources") and "Sources" not in [h.text() for h in page.css("h2")]
    reviewed = article(built, "glossary/etcd/index.html").css_first(".tb-meta").text()
    assert "Status: stable" in reviewed and "Reviewed: 2025-03-01" in reviewed


def test_the_category_index_lists_a_term_under_each_of_its_categories(built: Path):
    page = article(built, "glossary/categories/index.html")
    for category in CATEGORIES:
        listed = page.css_first(f"h2#{category}").next.next  # the description, then the list
        while listed is not None and listed.tag != "ul":
            listed = listed.next
        names = {a.text() for a in listed.css("li > a")}
        expected = {name for _, name, categories, *_ in TERMS if category in categories}
        assert names == expected, category


def test_short_definitions_keep_their_code_and_emphasis_on_pages_and_in_the_tooltip_data(built: Path):
    short = article(built, "glossary/kubectl/index.html").css_first(".tb-short")
    assert [c.text() for c in short.css("code")] == ["kubectl get pods -n shop"]
    secret = article(built, "glossary/secret/index.html").css_first(".tb-short")
    assert [s.text() for s in secret.css("strong")] == ["not"]
    data = (built / "assets/termbook/terms.js").read_text("utf-8")
    shorts = json.loads(data.removeprefix("window.termbookShorts = ").rstrip().rstrip(";"))
    assert ["code", "kubectl get pods -n shop"] in shorts["kubectl"]
    assert isinstance(shorts["cluster"], str)  # plain text stays a string
    description = LexborHTMLParser((built / "glossary/kubectl/index.html").read_text("utf-8")) \
        .css_first('meta[name="description"]').attributes["content"]
    assert "`" not in description and "kubectl get pods -n shop" in description


def test_explicit_terms_are_linked_only_by_their_id_and_kinds_keep_their_capital(built: Path):
    # "Object" is a common word: the entry keeps it out of automatic linking.
    annotation = article(built, "glossary/annotation/index.html")
    assert "objects" in annotation.text() and not annotation.css('a[data-tb="object"]')
    uid = article(built, "glossary/uid/index.html")  # [[object|objects]] still links
    assert uid.css('a[data-tb="object"]')
    # [[deployment]] inside a sentence reads "Deployment": the entry says it keeps its case.
    pod = article(built, "glossary/pod/index.html")
    assert [a.text() for a in pod.css('a[data-tb="deployment"]')] == ["Deployment"]
    assert [a.text() for a in pod.css('a[data-tb="workload"]')] == ["workload"]


def test_the_a_to_z_index_can_be_narrowed_to_a_category_without_losing_the_full_list(built: Path):
    page = article(built, "glossary/index.html")
    form = page.css_first(".tb-az-filter")
    assert "hidden" in form.attributes  # shown by the script; the list is whole without it
    assert [o.attributes["value"] for o in form.css("option")] == ["", *CATEGORIES]
    rows = page.css("li[data-tb-categories]")
    assert len([r for r in rows if "tb-see" not in (r.attributes.get("class") or "")]) == len(TERMS)
    row = next(r for r in rows if r.css_first('a[href="statefulset/"]') and not r.attributes.get("class"))
    assert row.attributes["data-tb-categories"] == "core-object workload storage"


def test_it_builds_with_zensical_as_written(software_builds: dict[str, Path]):
    page = (software_builds["zensical"] / "glossary/statefulset/index.html").read_text("utf-8")
    assert "Categories: " in page and "Reviewed" not in page
