"""The site's search, in Debian's chromium, on the hosted site (HTTP), the offline site
(file://) and the Zensical build: a name, alias or abbreviation finds its term first, and
the result opens it. Material and Zensical draw different search dialogs (Zensical's is in
a shadow root, which Playwright's selectors enter)."""

from __future__ import annotations

import pytest

import termbook

from .conftest import ALL_BUILDS, ROOT, Site, save_screenshot, wait_until_opaque

pytestmark = pytest.mark.browser

#: The search box and the result links of each engine's search dialog.
SEARCH_BOX = {"mkdocs": "input.md-search__input", "zensical": "input[role=combobox]"}
RESULT_LINKS = {"mkdocs": ".md-search-result__item > .md-search-result__link",
                "zensical": "a[role=option]"}


def search(page, site: Site, query: str) -> list[str]:
    """Type ``query`` into the home page's search box as a person would; return the hosted
    paths of the results, best first."""
    page.goto(site.url(""))
    page.keyboard.press("/")  # both engines' shortcut opens the search box
    box = page.locator(SEARCH_BOX[site.engine])
    box.wait_for(state="visible")
    # The box listens to key events, so type rather than fill.
    box.press_sequentially(query, delay=20)
    results = page.locator(RESULT_LINKS[site.engine])
    results.first.wait_for()
    # Results update on every keystroke: wait until the list stops changing.
    previous, stable = None, 0
    while stable < 3:
        current = results.evaluate_all("els => els.map(e => e.href)")
        stable = stable + 1 if current == previous else 0
        previous = current
        page.wait_for_timeout(100)
    # Zensical's results carry the query (?h=...) to highlight it on the page.
    return [site.path_of(url) for url in previous]


@pytest.mark.parametrize("query, expected", [
    ("MoE", "glossary/mixture-of-experts/"),
    ("Mixture-of-Experts", "glossary/mixture-of-experts/"),
    ("mixture of experts", "glossary/mixture-of-experts/"),
    ("open-weight model", "glossary/open-weights/"),
    ("open weights", "glossary/open-weights/"),
    ("weights", "glossary/weights/"),
    ("model weights", "glossary/weights/"),
    ("frontier model", "glossary/frontier-model/"),
    ("Muse Spark", "glossary/muse-spark/"),
    ("OSAID", "glossary/open-source-ai-definition/"),
])
@pytest.mark.parametrize("site", ALL_BUILDS, indirect=True)
def test_search_finds_the_term_page_first(page, site: Site, query: str, expected: str):
    paths = search(page, site, query)
    assert paths[0] == expected, paths[:3]


@pytest.mark.parametrize("site", ALL_BUILDS, indirect=True)
def test_clicking_the_first_result_opens_the_term(page, site: Site):
    search(page, site, "MoE")
    if site.engine == "mkdocs":
        wait_until_opaque(page, ".md-search__output")  # the result list fades in
    save_screenshot(page, f"{site.name}-search-result")
    page.locator(RESULT_LINKS[site.engine]).first.click()
    page.wait_for_url(lambda url: site.path_of(url) == "glossary/mixture-of-experts/")
    assert page.title().split(" - ")[0] == "Mixture-of-Experts"


@pytest.mark.parametrize("site", ["http", "zensical"], indirect=True)
def test_every_name_alias_and_abbreviation_finds_its_term_first(page, site: Site):
    """All of the real glossary's labels, typed one after another into one search box."""
    glossary = termbook.load(ROOT / "glossary", ROOT / "seeds", root=ROOT)
    labels = sorted((label, f"glossary/{term.id}/") for term in glossary.terms.values()
                    for label in term.labels)
    search(page, site, labels[0][0])
    box = page.locator(SEARCH_BOX[site.engine])
    results = page.locator(RESULT_LINKS[site.engine])
    misses = []
    for label, expected in labels:
        box.fill(label)
        box.dispatch_event("keyup")  # Material searches on key events, Zensical on input
        previous, stable = None, 0
        while stable < 3:  # the results settle within a few frames
            current = results.evaluate_all("els => els.slice(0, 3).map(e => e.href)")
            stable = stable + 1 if current == previous else 0
            previous = current
            page.wait_for_timeout(60)
        first = site.path_of(previous[0]) if previous else None
        if first != expected:
            misses.append(f"{label!r} -> {first} (expected {expected})")
    assert not misses, "\n".join(misses)
