"""The site's search, in Debian's chromium, on the hosted site (HTTP), the offline site
(file://) and the Zensical build: a name, alias or abbreviation finds its term first, and
the result opens it. Material and Zensical draw different search dialogs (Zensical's is in
a shadow root, which Playwright's selectors enter)."""

from __future__ import annotations

import re

import pytest

import termbook
from termbook.search import label_forms

from .conftest import ALL_BUILDS, ROOT, Site, save_screenshot, wait_until_opaque
from .search_queries import query_set

pytestmark = pytest.mark.browser

#: The search box and the result links of each engine's search dialog.
SEARCH_BOX = {"mkdocs": "input.md-search__input", "zensical": "input[role=combobox]"}
RESULT_LINKS = {"mkdocs": ".md-search-result__item > .md-search-result__link",
                "zensical": "a[role=option]"}
#: The builds with Material's search dialog, which the tests typing many queries drive.
MATERIAL_BUILDS = ["http", "file"]


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


#: What the scripts driving Material's search dialog share: its box, its result count and
#: first result; typing into the box (sets it and sends the key event Material listens to);
#: and waiting until a test holds, as the results change (false once ``ms`` have passed).
SEARCH_DIALOG = """
  const box = document.querySelector("input.md-search__input");
  const meta = document.querySelector(".md-search-result__meta");
  const firstLink = () => document.querySelector("%s");
  const type = value => {
    box.value = value;
    box.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}));
  };
  const until = (test, ms) => new Promise(resolve => {
    if (test()) return resolve(true);
    const stop = answer => { observer.disconnect(); clearTimeout(timer); resolve(answer); };
    const observer = new MutationObserver(() => { if (test()) stop(true); });
    const timer = setTimeout(() => stop(false), ms);
    observer.observe(document.querySelector(".md-search-result"),
                     {childList: true, characterData: true, subtree: true});
  });
  const surely = async (test, what) => {
    if (!(await until(test, 30000))) throw new Error(`search: no ${what} within 30 s`);
  };
""" % RESULT_LINKS["mkdocs"]

#: Waits until search answers a query, then empties the box and returns the placeholder the
#: count line shows for it. Material answers the box's latest value once its index is
#: loaded, and may first answer the empty box (the placeholder) as the dialog opens, so
#: only a listed result says that search is ready, whatever the count line showed before.
PLACEHOLDER_ONCE_SEARCH_ANSWERS = """async () => {%s
  type("a");
  if (!(await until(firstLink, 60000))) throw new Error("search: no result for 'a' in 60 s");
  const answered = meta.textContent.trim();
  type("");
  await surely(() => !firstLink() && meta.textContent.trim() !== answered,
               "empty result list for an empty box");
  return meta.textContent.trim();
}""" % SEARCH_DIALOG

#: Types a query after emptying the box and waiting for the placeholder, so the results are
#: the query's own, whatever came before; waits for Material to write the result count,
#: which it does as it lists the results; returns the first result's address, or null.
TYPE_AND_READ_FIRST = """async ([query, placeholder]) => {%s
  type("");
  await surely(() => meta.textContent.trim() === placeholder, "placeholder");
  type(query);
  await surely(() => meta.textContent.trim() !== placeholder, `answer to ${query}`);
  const first = firstLink();
  return first ? first.href : null;
}""" % SEARCH_DIALOG


def first_results(page, site: Site, queries: list[str]) -> list[str | None]:
    """Type each query into the home page's search box in turn (one page load); return the
    hosted path of each query's first result (None for no result)."""
    page.goto(site.url(""))
    page.keyboard.press("/")
    page.locator("input.md-search__input").wait_for(state="visible")
    placeholder = page.evaluate(PLACEHOLDER_ONCE_SEARCH_ANSWERS)
    firsts = [page.evaluate(TYPE_AND_READ_FIRST, [query, placeholder]) for query in queries]
    return [site.path_of(url) if url else None for url in firsts]


def misses_of(queries: list[tuple[str, str]], firsts: list[str | None]) -> list[str]:
    return [f"{query!r} -> {first} (expected {expected})"
            for (query, expected), first in zip(queries, firsts) if first != expected]


@pytest.mark.parametrize("site", ["http", "zensical"], indirect=True)
def test_every_name_alias_and_abbreviation_finds_its_term_first(page, site: Site):
    """All of the real glossary's labels, typed one after another into one search box."""
    glossary = termbook.load(termbook.Project.at(ROOT))
    labels = sorted((label, f"glossary/{term.id}/") for term in glossary.terms.values()
                    for label in term.labels)
    if site.engine == "mkdocs":
        misses = misses_of(labels, first_results(page, site, [label for label, _ in labels]))
        assert not misses, "\n".join(misses)
        return
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


@pytest.mark.parametrize("site", MATERIAL_BUILDS, indirect=True)
def test_the_query_set_finds_each_page_first(page, site: Site):
    """Reader queries (tests/search_queries.yaml and the forms derived from the glossary's
    labels in tests/search_queries.py): each puts its page first."""
    queries = [(q.query, q.page) for q in query_set()]
    misses = misses_of(queries, first_results(page, site, [query for query, _ in queries]))
    hits = f"hit rate {len(queries) - len(misses)}/{len(queries)}"
    print(f"{site.mode}: {hits}")
    assert not misses, f"{hits}; misses:\n" + "\n".join(misses)


def compact(text: str) -> str:
    """A name as the reader's typing compares with it: lower case, letters and digits only."""
    return "".join(re.findall(r"[^\W_]+", text.lower()))


def unique_starts(glossary: termbook.Glossary) -> list[tuple[str, str]]:
    """Each term's name as it is typed, one letter more at a time, from the first start that
    no other term's label starts with: (typed so far, the term's page)."""
    labels = [(compact(label), term.id) for term in glossary.terms.values() for label in term.labels]
    typed = []
    for term in glossary.terms.values():
        for end in range(1, len(term.term) + 1):
            start = compact(term.term[:end])
            if start and {tid for label, tid in labels if label.startswith(start)} == {term.id}:
                # A space or hyphen typed last starts no new word yet: the same search.
                typed += [(term.term[:end], f"glossary/{term.id}/")
                          for end in range(end, len(term.term) + 1)
                          if term.term[end - 1] not in " -"]
                break
    return typed


@pytest.mark.parametrize("site", ["http"], indirect=True)
def test_while_typing_a_unique_start_of_a_name_leads_to_its_term(page, site: Site):
    glossary = termbook.load(termbook.Project.at(ROOT))
    typed = unique_starts(glossary)
    # "Mixt" also starts Mixtral: from "Mixtu" on, only Mixture-of-Experts.
    assert ("Mixtu", "glossary/mixture-of-experts/") in typed
    assert ("Mixt", "glossary/mixture-of-experts/") not in typed
    misses = misses_of(typed, first_results(page, site, [text for text, _ in typed]))
    assert not misses, "\n".join(misses)


@pytest.mark.parametrize("site", MATERIAL_BUILDS, indirect=True)
def test_typing_key_by_key_keeps_the_term_first(page, site: Site):
    """Real keystrokes: once the letters typed start only this term's names, every list of
    results shown while the rest is typed has it first, and Enter opens it."""
    page.goto(site.url(""))
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    first = f"document.querySelector('{RESULT_LINKS['mkdocs']}')"
    box.press_sequentially("Mixtu", delay=50)
    page.wait_for_function(f"{first} && {first}.href.includes('/mixture-of-experts')")
    # From here on, note the first result of every list Material shows.
    page.evaluate(f"""() => {{
      window.shownFirst = [];
      new MutationObserver(() => {{ if ({first}) window.shownFirst.push({first}.href); }})
        .observe(document.querySelector(".md-search-result__list"), {{childList: true}});
    }}""")
    box.press_sequentially("re-of-Experts", delay=50)
    page.wait_for_function("() => window.shownFirst.length >= 10")
    page.wait_for_timeout(500)  # the last keystrokes' results
    shown = page.evaluate("window.shownFirst")
    assert {site.path_of(url) for url in shown} == {"glossary/mixture-of-experts/"}, shown
    box.press("Enter")
    page.wait_for_url(lambda url: site.path_of(url) == "glossary/mixture-of-experts/")


def test_the_page_reduces_names_as_the_build_does(page, site: Site):
    """search-names.js applies the engine's rules to the query: for every label and query of
    the query set it gives the forms termbook.search gives."""
    glossary = termbook.load(termbook.Project.at(ROOT))
    texts = sorted({label for term in glossary.terms.values() for label in term.labels}
                   | {q.query for q in query_set(glossary)} | {"Éclair", "naïve licences", "分词"})
    page.goto(site.url(""))
    in_browser = page.evaluate("texts => texts.map(window.termbookSearchForms)", texts)
    assert {t: tuple(f) for t, f in zip(texts, in_browser)} == {t: label_forms(t) for t in texts}
