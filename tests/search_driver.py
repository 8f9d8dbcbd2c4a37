"""Typing queries into a built site's search box in Chromium and reading the results, on
either engine: the driver of the search tests (test_search_browser.py) and of the hit-rate
measurement (``python -m tests.search_queries --site``).

Material draws its search dialog in the page; Zensical draws its own in a shadow root. Both
list the results of the box's latest value once their worker has answered it; the scripts
here empty the box and wait for the empty list before typing each query, so that the list
they read is the query's own."""

from __future__ import annotations

from .conftest import Site

#: The search box and the result links of each engine's search dialog.
SEARCH_BOX = {"mkdocs": "input.md-search__input", "zensical": "input[role=combobox]"}
RESULT_LINKS = {"mkdocs": ".md-search-result__item > .md-search-result__link",
                "zensical": "a[role=option]"}

#: What the scripts driving a search dialog share: the dialog's root (Zensical's shadow
#: root), its box, its status line (Material's result count) and result links; typing into
#: the box (sets it and sends the event the engine listens to); and waiting until a test
#: holds, as the results change (false once ``ms`` have passed).
SEARCH_DIALOG = """
  const zensical = engine === "zensical";
  const root = zensical ? [...document.querySelectorAll("*")].map(e => e.shadowRoot)
    .find(shadow => shadow && shadow.querySelector(boxSelector)) : document;
  const box = root.querySelector(boxSelector);
  const status = root.querySelector(zensical ? "[role=status][aria-live]" : ".md-search-result__meta");
  const links = () => [...root.querySelectorAll(linkSelector)];
  const type = value => {
    box.value = value;
    box.dispatchEvent(zensical ? new Event("input", {bubbles: true})
                               : new KeyboardEvent("keyup", {bubbles: true}));
  };
  const until = (test, ms) => new Promise(resolve => {
    if (test()) return resolve(true);
    const stop = answer => { observer.disconnect(); clearTimeout(timer); resolve(answer); };
    const observer = new MutationObserver(() => { if (test()) stop(true); });
    const timer = setTimeout(() => stop(false), ms);
    observer.observe(zensical ? root : document.querySelector(".md-search-result"),
                     {childList: true, characterData: true, subtree: true});
  });
  const surely = async (test, what) => {
    if (!(await until(test, 30000))) throw new Error(`search: no ${what} within 30 s`);
  };
"""

#: Waits until search answers a query, then empties the box and returns what the status line
#: shows for it. Material answers the box's latest value once its index is loaded, and may
#: first answer the empty box (the placeholder) as the dialog opens, so only a listed result
#: says that search is ready, whatever the status line showed before.
EMPTY_BOX_ONCE_SEARCH_ANSWERS = """async ([engine, boxSelector, linkSelector]) => {%s
  type("a");
  if (!(await until(() => links().length, 60000))) throw new Error("search: no result for 'a' in 60 s");
  const answered = status.textContent.trim();
  type("");
  await surely(() => !links().length && status.textContent.trim() !== answered,
               "empty result list for an empty box");
  return status.textContent.trim();
}""" % SEARCH_DIALOG  # noqa: UP031 - JavaScript: str.format would need its braces doubled

#: Types a query after emptying the box and waiting for its status, so the results are the
#: query's own, whatever came before; waits for the answer (Material writes the result count
#: as it lists the results; Zensical's count has a digit, while "No results" also shows
#: before its worker answers, so an empty answer is read after ``emptyWait`` ms); returns the
#: results' addresses.
TYPE_AND_READ = """async ([engine, boxSelector, linkSelector, query, empty, emptyWait]) => {%s
  type("");
  await surely(() => !links().length && status.textContent.trim() === empty, "empty box");
  type(query);
  if (zensical) await until(() => links().length && /[0-9]/.test(status.textContent), emptyWait);
  else await surely(() => status.textContent.trim() !== empty, `answer to ${query}`);
  return links().map(link => link.href);
}""" % SEARCH_DIALOG  # noqa: UP031 - as above


def open_search(page, site: Site) -> str:
    """Open the home page's search dialog with its shortcut; return the status line of the
    empty box once search answers."""
    page.goto(site.url(""))
    page.keyboard.press("/")  # both engines' shortcut opens the search box
    page.locator(SEARCH_BOX[site.engine]).wait_for(state="visible")
    return page.evaluate(EMPTY_BOX_ONCE_SEARCH_ANSWERS, _selectors(site))


def result_pages(page, site: Site, queries: list[str], count: int = 3,
                 empty_wait: float = 5.0) -> list[list[str]]:
    """Type each query in turn into the home page's search box (one page load); return the
    hosted paths of the first ``count`` pages each lists (a page's sections share its path,
    and are counted once). On Zensical, a query listing nothing is read as such after
    ``empty_wait`` seconds."""
    empty = open_search(page, site)
    listed = []
    for query in queries:
        addresses = page.evaluate(TYPE_AND_READ, [*_selectors(site), query, empty, empty_wait * 1000])
        paths = list(dict.fromkeys(site.path_of(address) for address in addresses))
        listed.append(paths[:count])
    return listed


def _selectors(site: Site) -> list[str]:
    return [site.engine, SEARCH_BOX[site.engine], RESULT_LINKS[site.engine]]


def misses(queries: list[tuple[str, tuple[str, ...]]], listed: list[list[str]]) -> list[str]:
    """The queries whose results do not start with their pages, each with what came first."""
    return [f"{query!r} -> {found[:len(pages)]} (expected {list(pages)})"
            for (query, pages), found in zip(queries, listed, strict=True)
            if found[:len(pages)] != list(pages)]
