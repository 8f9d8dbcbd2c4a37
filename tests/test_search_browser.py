"""Material's search, in Debian's chromium, on the hosted site (HTTP) and the offline site
(file://): a name, alias or abbreviation finds its term first, and the result opens it."""

from __future__ import annotations

import pytest

import termbook

from .conftest import ROOT, Site, save_screenshot, wait_until_opaque
from .search_queries import query_set

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


def first_results(page, site: Site, queries: list[str]) -> list[str | None]:
    """Type each query into the home page's search box in turn (one page load); return the
    hosted path of each query's first result (None for no result).

    Before each query the box is emptied and the list allowed to clear, so the results read
    are the query's own, whatever came before: Material answers every query, in order, and
    writes the result count as it lists them."""
    page.goto(site.url(""))
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    meta = page.locator(".md-search-result__meta")
    text = "el => el.textContent.trim()"
    changes = "([el, before]) => el.textContent.trim() !== before"
    # Once search is ready it answers a query; emptied, the box shows the placeholder.
    initial = meta.evaluate(text)
    box.fill("a")
    box.dispatch_event("keyup")
    page.wait_for_function(changes, arg=[meta.element_handle(), initial])
    answered = meta.evaluate(text)
    box.fill("")
    box.dispatch_event("keyup")
    page.wait_for_function(changes, arg=[meta.element_handle(), answered])
    placeholder = meta.evaluate(text)
    firsts = []
    for query in queries:
        box.fill("")
        box.dispatch_event("keyup")
        page.wait_for_function("([el, placeholder]) => el.textContent.trim() === placeholder",
                               arg=[meta.element_handle(), placeholder])
        box.fill(query)
        box.dispatch_event("keyup")  # Material searches on key events
        page.wait_for_function(changes, arg=[meta.element_handle(), placeholder])
        first = page.locator(RESULT_LINKS).first
        firsts.append(site.path_of(first.evaluate("a => a.href")) if first.count() else None)
    return firsts


def misses_of(queries: list[tuple[str, str]], firsts: list[str | None]) -> list[str]:
    return [f"{query!r} -> {first} (expected {expected})"
            for (query, expected), first in zip(queries, firsts) if first != expected]


@pytest.mark.parametrize("site", ["http"], indirect=True)
def test_every_name_alias_and_abbreviation_finds_its_term_first(page, site: Site):
    """All of the real glossary's labels, typed one after another into one search box."""
    glossary = termbook.load(ROOT / "glossary", ROOT / "seeds", root=ROOT)
    labels = sorted((label, f"glossary/{term.id}/") for term in glossary.terms.values()
                    for label in term.labels)
    misses = misses_of(labels, first_results(page, site, [label for label, _ in labels]))
    assert not misses, "\n".join(misses)


def test_the_query_set_finds_each_page_first(page, site: Site):
    """Reader queries (tests/search_queries.yaml and the forms derived from the glossary's
    labels in tests/search_queries.py): each puts its page first."""
    queries = [(q.query, q.page) for q in query_set()]
    misses = misses_of(queries, first_results(page, site, [query for query, _ in queries]))
    hits = f"hit rate {len(queries) - len(misses)}/{len(queries)}"
    print(f"{site.mode}: {hits}")
    assert not misses, f"{hits}; misses:\n" + "\n".join(misses)
