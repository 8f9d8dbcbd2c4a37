"""Material's search, in Debian's chromium, on the hosted site (HTTP) and the offline site
(file://): a name, alias or abbreviation finds its term first, and the result opens it."""

from __future__ import annotations

import pytest

import termbook

from .conftest import ROOT, Site, save_screenshot, wait_until_opaque

pytestmark = pytest.mark.browser

RESULT_LINKS = ".md-search-result__item > .md-search-result__link"


def search(page, site: Site, query: str) -> list[str]:
    """Type ``query`` into the home page's search box as a person would; return the hosted
    paths of the results, best first."""
    page.goto(site.url(""))
    page.keyboard.press("/")  # Material's shortcut focuses the search box
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    # The box listens to key events, so type rather than fill.
    box.press_sequentially(query, delay=20)
    results = page.locator(RESULT_LINKS)
    results.first.wait_for()
    # Results update on every keystroke: wait until the list stops changing.
    previous, stable = None, 0
    while stable < 3:
        current = results.evaluate_all("els => els.map(e => e.href)")
        stable = stable + 1 if current == previous else 0
        previous = current
        page.wait_for_timeout(100)
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
def test_search_finds_the_term_page_first(page, site: Site, query: str, expected: str):
    paths = search(page, site, query)
    assert paths[0] == expected, paths[:3]


def test_clicking_the_first_result_opens_the_term(page, site: Site):
    search(page, site, "MoE")
    wait_until_opaque(page, ".md-search__output")  # the result list fades in
    save_screenshot(page, f"{site.mode}-search-result")
    page.locator(RESULT_LINKS).first.click()
    page.wait_for_url(lambda url: site.path_of(url) == "glossary/mixture-of-experts/")
    assert page.title().split(" - ")[0] == "Mixture-of-Experts"


@pytest.mark.parametrize("site", ["http"], indirect=True)
def test_every_name_alias_and_abbreviation_finds_its_term_first(page, site: Site):
    """All of the real glossary's labels, typed one after another into one search box."""
    glossary = termbook.load(ROOT / "glossary", ROOT / "seeds", root=ROOT)
    labels = sorted((label, f"glossary/{term.id}/") for term in glossary.terms.values()
                    for label in term.labels)
    search(page, site, labels[0][0])
    box, results = page.locator("input.md-search__input"), page.locator(RESULT_LINKS)
    misses = []
    for label, expected in labels:
        box.fill(label)
        box.dispatch_event("keyup")  # Material searches on key events
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
