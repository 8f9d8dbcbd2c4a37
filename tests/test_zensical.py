"""The site built with Zensical (``scripts/build --engine zensical``) against the one MkDocs
and Material build: the same links between terms, the same "Mentioned in" lists and
structured data, the theme's head tags and 404 page; and a failed build changes nothing.
The browser checks that run on both builds are in the *_browser.py files (``site`` fixture)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from .conftest import ROOT, run_zensical


def parse(path: Path) -> HTMLParser:
    return HTMLParser(path.read_text(encoding="utf-8"))


def term_links(page: HTMLParser) -> list[tuple[str, str]]:
    return [(a.attributes["data-tb"], a.text()) for a in page.css("article a[data-tb]")]


PAGES = ["index.html", "debate/index.html", "timeline/index.html",
         "glossary/mixture-of-experts/index.html", "glossary/open-weights/index.html",
         "sources/death-of-the-open-weight-dream/index.html"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_link_the_same_terms_as_the_mkdocs_build(zensical_site: Path, real_site: Path,
                                                       path: str):
    ours, theirs = parse(zensical_site / path), parse(real_site / path)
    assert term_links(ours) == term_links(theirs)
    assert term_links(ours)
    for link in ours.css("article a[data-tb]"):  # each leads to the term's page
        target = urljoin("http://site/" + path, link.attributes["href"]).removeprefix("http://site/")
        assert target == f"glossary/{link.attributes['data-tb']}/", (path, link.attributes["href"])
        assert (zensical_site / target / "index.html").is_file()


def test_every_term_page_has_the_mkdocs_builds_mentions_and_json_ld(zensical_site: Path,
                                                                    real_site: Path):
    checked = 0
    for built in sorted((real_site / "glossary").glob("*/index.html")):
        path = built.relative_to(real_site)
        ours, theirs = parse(zensical_site / path), parse(built)
        mentions = [(a.text(), a.attributes["href"]) for a in theirs.css(".tb-mentions li a")]
        assert [(a.text(), a.attributes["href"]) for a in ours.css(".tb-mentions li a")] == mentions, path
        jsonld = [json.loads(s.text()) for s in theirs.head.css('script[type="application/ld+json"]')]
        assert [json.loads(s.text()) for s in ours.head.css('script[type="application/ld+json"]')] == jsonld
        checked += bool(mentions)
    assert checked > 50


def test_head_tags_and_not_found_page(zensical_site: Path):
    term = parse(zensical_site / "glossary/weights/index.html")
    assert term.css_first('meta[property="og:title"]').attributes["content"] == "Weights"
    assert term.css_first('meta[name="twitter:card"]').attributes["content"] == "summary"
    not_found = parse(zensical_site / "404.html")
    assert not_found.css_first("h1").text() == "Page not found"
    assert not_found.css_first('meta[name="robots"]').attributes["content"] == "noindex"
    # No data-md-component="source": the theme would ask api.github.com for star counts.
    assert term.css_first("a.md-source") and not term.css('[data-md-component="source"]')


@pytest.fixture
def zensical_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "termbook.yml", "zensical.yml", "docs", "glossary", "seeds", "events",
                 "overrides", "overrides-zensical"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, symlinks=True)
        else:
            shutil.copy(source, project / name)
    return project


def test_a_failed_build_leaves_the_previous_site(zensical_project: Path, tmp_path: Path):
    site = tmp_path / "site"
    first = run_zensical(zensical_project, site)
    assert first.returncode == 0, first.stdout + first.stderr
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    entry = zensical_project / "glossary/weights.yaml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("\nshort:", "\nshrot:"))
    (zensical_project / "docs/debate.md").write_text("See [[no-such-term]].\n", encoding="utf-8")
    failed = run_zensical(zensical_project, site)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert "glossary/weights.yaml:" in failed.stdout and "shrot" in failed.stdout
    assert "docs/debate.md:1: (text): unknown term id 'no-such-term'" in failed.stdout
    assert "the previous site" in failed.stderr
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_a_configuration_that_lists_none_of_termbooks_files_builds_the_same_site(
        zensical_project: Path, zensical_site: Path, tmp_path: Path):
    """Zensical loads only the extensions, styles and scripts its configuration lists; the
    build adds whichever of termbook's it leaves out, in the same place in each page."""
    config = zensical_project / "zensical.yml"
    text = config.read_text(encoding="utf-8")
    for line in ("markdown_extensions:\n  - termbook_zensical.extension\n",
                 "  - assets/termbook/termbook.css\n",
                 "  - assets/termbook/tooltips.js\n", "  - assets/termbook/scorecard.js\n",
                 "    - assets/termbook/search-names.js\n"):
        assert line in text
        text = text.replace(line, "")
    config.write_text(text, encoding="utf-8")
    result = run_zensical(zensical_project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    for page in ("glossary/weights/index.html", "debate/index.html"):
        ours, theirs = parse(tmp_path / "site" / page), parse(zensical_site / page)
        assert term_links(ours) == term_links(theirs) and term_links(ours)
        scripts = [s.attributes.get("src") for s in ours.css("script[src]")]
        assert any(src.endswith("assets/termbook/tooltips.js") for src in scripts)
        assert any(src.endswith("assets/termbook/search-names.js") for src in scripts)
        assert any(link.attributes["href"].endswith("assets/termbook/termbook.css")
                   for link in ours.css('link[rel="stylesheet"]'))
    assert not list(zensical_project.glob(".zensical-build-*"))  # the run's configuration is gone


def test_a_configuration_that_cannot_be_built_is_refused(zensical_project: Path, tmp_path: Path):
    config = zensical_project / "zensical.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("docs_dir: build/zensical-docs",
                                                                 "docs_dir: docs"))
    result = run_zensical(zensical_project, tmp_path / "site")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert f"{config}: docs_dir: must name a folder of its own" in result.stderr
    config.write_text("site_name: x\n", encoding="utf-8")
    result = run_zensical(zensical_project, tmp_path / "site")
    assert result.returncode == 2 and "needs 'INHERIT: mkdocs.yml'" in result.stderr
    assert not (tmp_path / "site").exists()
