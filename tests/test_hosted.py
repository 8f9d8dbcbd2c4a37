"""The hosted site's HTML: canonical links, sitemap, page descriptions, Open Graph tags and
the 404 page (the templates are in overrides/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from selectolax.lexbor import LexborHTMLParser as HTMLParser

import termbook

from .conftest import ROOT, run_mkdocs, save_screenshot

SITE_URL = load_config(str(ROOT / "mkdocs.yml")).site_url


def pages(site: Path) -> dict[str, HTMLParser]:
    """Every page of a built site (the 404 page aside) by its hosted path ("", "glossary/")."""
    found = {}
    for index in sorted(site.rglob("index.html")):
        folder = index.parent.relative_to(site).as_posix()
        found["" if folder == "." else folder + "/"] = HTMLParser(index.read_text(encoding="utf-8"))
    return found


def meta(page: HTMLParser, name: str) -> str | None:
    """The content of ``<meta name=...>`` or ``<meta property=...>`` (entities decoded)."""
    node = page.css_first(f'meta[name="{name}"], meta[property="{name}"]')
    return node.attributes.get("content") if node else None


def test_every_page_has_its_canonical_link(real_site: Path):
    site = pages(real_site)
    assert site
    for path, page in site.items():
        canonical = page.css_first('link[rel="canonical"]')
        assert canonical is not None and canonical.attributes["href"] == SITE_URL + path, path
        assert meta(page, "og:url") == SITE_URL + path, path


def test_sitemap_lists_every_page_including_every_term(real_site: Path):
    sitemap = HTMLParser((real_site / "sitemap.xml").read_text(encoding="utf-8"))
    listed = {node.text(strip=True) for node in sitemap.css("loc")}
    assert listed == {SITE_URL + path for path in pages(real_site)}
    glossary = termbook.load(termbook.Project.at(ROOT))
    assert {SITE_URL + f"glossary/{term_id}/" for term_id in glossary.terms} <= listed


def test_term_pages_describe_themselves_with_the_short_definition(real_site: Path):
    glossary = termbook.load(termbook.Project.at(ROOT))
    site = pages(real_site)
    for term in glossary.terms.values():
        page = site[f"glossary/{term.id}/"]
        assert meta(page, "description") == term.short, term.id
        assert meta(page, "og:description") == term.short, term.id
        assert meta(page, "twitter:description") == term.short, term.id
        assert meta(page, "og:title") == term.term, term.id
        assert meta(page, "og:type") == "article", term.id
        assert meta(page, "twitter:card") == "summary", term.id


def test_home_page_shares_as_the_site(real_site: Path):
    config = load_config(str(ROOT / "mkdocs.yml"))
    home = pages(real_site)[""]
    assert meta(home, "og:title") == config.site_name
    assert meta(home, "og:site_name") == config.site_name
    assert meta(home, "og:type") == "website"
    # The home page's own description (its front matter) says more than the site's.
    described = meta(home, "description")
    assert meta(home, "og:description") == described
    assert described.startswith("Why Meta's closed Muse Spark model")


def test_share_tags_show_markup_characters_as_typed(mini: Path, tmp_path: Path):
    """Titles and descriptions are escaped exactly once, whatever characters a term holds."""
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "  name: material\n", f"  name: material\n  custom_dir: {ROOT / 'overrides'}\n"))
    entry = mini / "glossary/weights.yaml"
    short = 'The "learned" numbers & values of a model.'
    entry.write_text(entry.read_text()
                     .replace("term: Weights", "term: 'Weights & <biases>'")
                     .replace("short: The numbers a model learns in training and multiplies its "
                              "inputs by.", f"short: '{short}'"))
    site = tmp_path / "site"
    result = run_mkdocs(mini, site)
    assert result.returncode == 0, result.stderr
    page = pages(site)["glossary/weights/"]
    assert meta(page, "og:title") == meta(page, "twitter:title") == "Weights & <biases>"
    assert meta(page, "og:description") == meta(page, "description") == short


def test_404_page_offers_search_and_the_glossary(real_site: Path):
    page = HTMLParser((real_site / "404.html").read_text(encoding="utf-8"))
    assert meta(page, "robots") == "noindex"
    assert page.css_first("h1").text() == "Page not found"
    links = {a.attributes["href"] for a in page.css("article a")}
    # Absolute links: a host serves this page at any depth.
    assert {"/glossary/", "/glossary/categories/", "/"} <= links
    stylesheets = [link.attributes["href"] for link in page.css('link[rel="stylesheet"]')]
    assert stylesheets and all(href.startswith("/assets/") for href in stylesheets)


@pytest.mark.browser
def test_a_missing_term_gets_a_404_that_searches_for_it(page, real_site_url: str):
    response = page.goto(real_site_url + "glossary/mixture-of-expert/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    # The site's stylesheet loaded although the page is two folders deep.
    assert page.locator(".md-header").evaluate("h => getComputedStyle(h).position") == "sticky"
    save_screenshot(page, "http-404")
    suggestion = page.get_by_role("link", name="Search this site for “mixture of expert”")
    suggestion.click()
    results = page.locator(".md-search-result__item > .md-search-result__link")
    results.first.wait_for()
    assert "glossary/mixture-of-experts/" in results.first.get_attribute("href")
