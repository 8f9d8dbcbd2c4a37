"""Hostile entries in a real browser: markup planted in every plain-text field of a term and
an article (tags, event attributes, ``javascript:`` URLs, entity-encoded variants) shows as
text everywhere a reader meets it, in the hosted build and in the offline build from file://.

The search dialog is the sharpest case: Material inserts result titles, texts and tags as
HTML. The test types the name into the search box, hovers and focuses every result, opens
the tooltip of a link to the term, visits every page that shows the data, and asserts that
no element or attribute from the data exists in the DOM and that no dialog ever opens.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import MINI, ROOT, Site, run_mkdocs, save_screenshot, serve, wait_until_opaque
from .test_search_browser import RESULT_LINKS

pytestmark = pytest.mark.browser

PLANTED = Path(__file__).parent / "fixtures" / "planted"
NAME = """Hostile <b onmouseover="alert('term')">Sample</b>"""
PAGES = ["", "glossary/", "glossary/categories/", "glossary/hostile-names/", "sources/",
         "sources/hostile-article/", "openness/"]

#: Run in the page: every element or attribute that only the planted data could have made.
FIND_PLANTED_MARKUP = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) found.push(`${el.tagName}[${attr.name}]`);
      if ((/^(href|src)$/i.test(attr.name) && /^\\s*javascript:/i.test(attr.value))
          || /^srcdoc$/i.test(attr.name))
        found.push(`${el.tagName}[${attr.name}=${attr.value}]`);
    }
  }
  // Structured data holds the names as JSON text, as it should; none of it may end the element.
  for (const el of document.querySelectorAll("script[type='application/ld+json']")) {
    if (el.textContent.includes("<")) found.push(el.outerHTML.slice(0, 120));
  }
  for (const el of document.querySelectorAll(
      "script:not([type='application/ld+json']), iframe, style, img[src='x'], svg")) {
    const text = el.textContent + (el.getAttribute("srcdoc") || "");
    if (/alert\\(|display:none}|color:red/.test(text) || el.matches("img[src='x']"))
      found.push(el.outerHTML.slice(0, 120));
  }
  return found;
}"""


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small test project with the planted term and article, linked from its home page,
    and an offline configuration like the repository's."""
    project = tmp_path_factory.mktemp("hostile") / "project"
    shutil.copytree(MINI, project)
    shutil.copy(PLANTED / "hostile-names.yaml", project / "glossary")
    shutil.copy(PLANTED / "hostile-article.yaml", project / "seeds")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    with (project / "docs/index.md").open("a") as home:
        home.write("\nSee [[hostile-names]] for a term with a hostile name.\n")
    (project / "mkdocs-offline.yml").write_text(
        "INHERIT: mkdocs.yml\ntheme: {custom_dir: overrides}\n"
        "plugins: [search, termbook, offline]\n"
        "extra: {polyfills: [assets/vendor/iframe-worker/shim.js]}\n")
    return project


@pytest.fixture(scope="module", params=["http", "file"])
def hostile_site(request, hostile_project: Path, tmp_path_factory: pytest.TempPathFactory):
    site_dir = tmp_path_factory.mktemp(f"hostile-{request.param}") / "site"
    options = () if request.param == "http" else ("-f", str(hostile_project / "mkdocs-offline.yml"))
    result = run_mkdocs(hostile_project, site_dir, *options)
    assert result.returncode == 0, result.stderr
    if request.param == "file":
        yield Site("file", site_dir.as_uri() + "/", site_dir)
        return
    url, server = serve(site_dir)
    yield Site("http", url, site_dir)
    server.shutdown()


def assert_nothing_planted(page, where: str) -> None:
    assert page.evaluate(FIND_PLANTED_MARKUP) == [], where


def test_planted_markup_stays_text_in_search_tooltips_and_pages(new_page, hostile_site: Site):
    page = new_page(viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(hostile_site.url(""))
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    box.press_sequentially("Hostile", delay=20)
    results = page.locator(RESULT_LINKS[hostile_site.engine])
    results.first.wait_for()
    page.wait_for_timeout(500)  # the list updates per keystroke; let the last update land
    wait_until_opaque(page, ".md-search__output")
    links = page.locator(".md-search-result__link:visible")
    assert links.count() >= 2
    for index in range(links.count()):
        links.nth(index).hover()
        links.nth(index).focus()
    titles = page.locator(".md-search-result__article h1").all_text_contents()
    assert NAME in titles, titles  # shown as typed
    save_screenshot(page, f"{hostile_site.mode}-hostile-search")
    assert_nothing_planted(page, "search dialog")

    page.keyboard.press("Escape")
    link = page.locator("article a[data-tb]", has_text="Hostile")
    link.first.hover()
    tooltip = page.locator("#tb-tooltip")
    tooltip.wait_for(state="visible")
    assert "alert('short')" in tooltip.text_content()  # the short definition, as typed
    link.first.focus()
    assert_nothing_planted(page, "tooltip")

    for path in PAGES:
        page.goto(hostile_site.url(path))
        assert_nothing_planted(page, path)
    assert dialogs == []
