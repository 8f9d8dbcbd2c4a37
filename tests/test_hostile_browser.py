"""Hostile values in a real browser, on every front end: the MkDocs build over HTTP, the
offline build from file://, and the Zensical build.

Every value that the check accepts of those :mod:`tests.hostile_values` plants into every text
field of every schema (a term, an article, an event, termbook.yml) is built into one small
site, each front end building it once, next to a term and an article whose plain fields carry
markup of every family (``fixtures/planted``); the events show on the term pages they are
about and in the table the home page embeds. The test types into the search box, hovers and focuses
every result, opens a tooltip, visits every page, and asserts that no element or attribute
from the data exists in the DOM, that no link leads to ``javascript:``, and that no dialog
ever opens.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest

import termbook
from termbook.charts import gather

from . import hostile_values as hostile
from .conftest import (
    ROOT,
    Site,
    run_mkdocs,
    run_zensical,
    save_screenshot,
    serve,
    wait_until_opaque,
)
from .test_search_browser import RESULT_LINKS, SEARCH_BOX

pytestmark = pytest.mark.browser

PLANTED = Path(__file__).parent / "fixtures" / "planted"
NAME = """Hostile <b onmouseover="alert('term')">Sample</b>"""

#: Run in the page: every element or attribute that only the planted data could have made.
FIND_PLANTED_MARKUP = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) found.push(`${el.tagName}[${attr.name}]`);
      if ((/^(href|src|action|formaction)$/i.test(attr.name)
           && /^\\s*(javascript|data|vbscript):/i.test(attr.value.replace(/[\\s\\u0000-\\u001f]/g, "")))
          || /^srcdoc$/i.test(attr.name))
        found.push(`${el.tagName}[${attr.name}=${attr.value}]`);
    }
  }
  // Structured data holds the names as JSON text, as it should; none of it may end the element.
  for (const el of document.querySelectorAll("script[type='application/ld+json']")) {
    if (el.textContent.includes("<")) found.push(el.outerHTML.slice(0, 120));
  }
  // A chart's drawing (svg.tb-chart-svg) shows the planted text as text, in its title and
  // labels; markup planted inside it would be an element or attribute found above or here.
  for (const el of document.querySelectorAll(
      "script:not([type='application/ld+json']), iframe, style, img[src='x'], svg:not(.tb-chart-svg), b, "
      + "svg.tb-chart-svg foreignObject")) {
    const text = el.textContent + (el.getAttribute("srcdoc") || "");
    if (/alert\\(|display:none}|color:red/.test(text) || el.matches("img[src='x'], b"))
      found.push(el.outerHTML.slice(0, 120));
  }
  // The theme has one announcement bar; a second one could only come from the data.
  const bars = document.querySelectorAll("[data-md-component='announce']");
  if (bars.length > 1) found.push(bars[1].outerHTML.slice(0, 120));
  return found;
}"""

ENTRY_FOLDERS = {hostile.TERM: "glossary", hostile.ARTICLE: "seeds", hostile.EVENT: "events"}


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory: pytest.TempPathFactory, planted: list[hostile.Planted]) -> Path:
    """The small test project with the site's own configurations (its extensions, Zensical's
    configuration, the offline one), the planted term and article, a term and an article for
    each payload and shape holding every value of it that the check accepts, and a
    termbook.yml holding an accepted value in every field it can."""
    accepted = [item for item in planted if not item.refused]

    project = hostile.fresh_project(tmp_path_factory.mktemp("hostile"))
    shutil.copy(PLANTED / "hostile-names.yaml", project / "glossary")
    shutil.copy(PLANTED / "hostile-article.yaml", project / "seeds")
    for folder in ("overrides", "overrides-zensical"):
        shutil.copytree(ROOT / folder, project / folder)
    (project / "mkdocs.yml").write_text(
        "site_name: Mini glossary\nsite_url: https://example.org/\n"
        "theme: {name: material, font: false, custom_dir: overrides}\n"
        "markdown_extensions: [abbr, admonition, attr_list, footnotes, md_in_html, tables, toc,\n"
        "                      pymdownx.details, pymdownx.superfences]\n"
        "plugins: [search, termbook]\n")
    (project / "mkdocs-offline.yml").write_text(
        "INHERIT: mkdocs.yml\nplugins: [search, termbook, offline]\n"
        "extra: {polyfills: [assets/vendor/iframe-worker/shim.js]}\n")
    shutil.copy(ROOT / "zensical.yml", project / "zensical.yml")
    with (project / "docs/index.md").open("a") as home:
        home.write("\nSee [[hostile-names]] for a term with a hostile name.\n")

    for number, ((family, shape), name) in enumerate(
            ((key, name) for key in [(f, s) for f in hostile.PAYLOADS for s in hostile.SHAPES]
             for name in ENTRY_FOLDERS), start=1):
        mine = [item for item in accepted
                if (item.family, item.shape) == (family, shape) and item.field.schema == name]
        for index, document in enumerate(hostile.combine(mine, number) if mine else ()):
            prefix = "2025-01-02-" if name == hostile.EVENT else ""
            hostile.write_yaml(project / ENTRY_FOLDERS[name] / f"{prefix}planted-{family}-{shape}-{index}.yaml",
                               document)
            if "measure" in document:  # again in months, for the chart of them below
                in_months = copy.deepcopy(document)
                for value in in_months["measure"]["values"]:
                    value["unit"] = "months"
                hostile.write_yaml(project / "events" / f"{prefix}planted-{family}-{shape}-{index}-months.yaml",
                                   in_months)
    glossary = termbook.load(termbook.Project.at(project))
    counts = (len(glossary.terms), len(glossary.articles), len(glossary.timeline.events))

    # termbook.yml: each field takes the accepted values in turn, one family after another,
    # and keeps one that leaves the site whole (a planted folder name would hide the articles
    # or the events).
    config = hostile.base_document(hostile.CONFIG, 0)
    offers = [item for item in accepted if item.field.schema == hostile.CONFIG]
    patterns = sorted({item.field.pattern for item in offers}, key=str)
    for turn, pattern in enumerate(patterns):
        values = [item for item in offers if item.field.pattern == pattern]
        for item in values[turn % len(values):] + values[:turn % len(values)]:
            candidate = hostile.with_value(config, item)
            hostile.write_yaml(project / "termbook.yml", candidate)
            found, _ = termbook.check(termbook.Project.at(project))
            if found is not None and (len(found.terms), len(found.articles),
                                      len(found.timeline.events)) == counts:
                config = candidate
                break
    # A chart of every measurement in months, which no planted value of termbook.yml narrows:
    # the planted measurements' methods and bounds show in no page but a chart's, and the
    # planted units in no chart but one of their own.
    config["charts"]["planted-measures"] = {
        "type": "measurements", "title": "Planted measurements", "unit": "months",
        "description": "Every measurement in months.", "kinds": ["measurement"]}
    hostile.write_yaml(project / "termbook.yml", config)
    with (project / "docs/index.md").open("a") as home:
        home.write("\n<!-- termbook:chart planted-measures -->\n")
    glossary = termbook.load(termbook.Project.at(project))
    in_months = [e for e in glossary.timeline.events if e.id.endswith("-months")]
    assert len(gather(glossary.taxonomy.charts[-1], glossary).measurements) > len(in_months) > 0
    return project


BUILDS = ["http", "file", "zensical"]


@pytest.fixture(scope="module", params=BUILDS)
def hostile_site(request, hostile_project: Path, tmp_path_factory: pytest.TempPathFactory):
    site_dir = tmp_path_factory.mktemp(f"hostile-{request.param}") / "site"
    if request.param == "zensical":
        result = run_zensical(hostile_project, site_dir)
    else:
        options = () if request.param == "http" else ("-f", str(hostile_project / "mkdocs-offline.yml"))
        result = run_mkdocs(hostile_project, site_dir, *options)
    assert result.returncode == 0, result.stdout + result.stderr
    if request.param == "file":
        yield Site("file", site_dir.as_uri() + "/", site_dir)
        return
    url, server = serve(site_dir)
    yield Site("http", url, site_dir, engine="zensical" if request.param == "zensical" else "mkdocs")
    server.shutdown()


def assert_nothing_planted(page, where: str) -> None:
    assert page.evaluate(FIND_PLANTED_MARKUP) == [], where


def search_for(page, site: Site, query: str):
    page.goto(site.url(""))
    page.keyboard.press("/")
    box = page.locator(SEARCH_BOX[site.engine])
    box.wait_for(state="visible")
    box.press_sequentially(query, delay=20)
    results = page.locator(RESULT_LINKS[site.engine])
    results.first.wait_for()
    page.wait_for_timeout(500)  # the list updates per keystroke; let the last update land
    return results


def test_planted_markup_stays_text_in_search_tooltips_and_pages(new_page, hostile_site: Site):
    page = new_page(viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    for query in ("Hostile", "Planted"):
        results = search_for(page, hostile_site, query)
        if hostile_site.engine == "mkdocs":
            wait_until_opaque(page, ".md-search__output")
        assert results.count() >= 2
        for index in range(min(results.count(), 30)):
            results.nth(index).hover()
            results.nth(index).focus()
        if query == "Hostile":
            save_screenshot(page, f"{hostile_site.name}-hostile-search")
            shown = results.all_text_contents()
            # Shown as typed, once escaped: in the title, and in Zensical's path line.
            assert any(NAME in text for text in shown), shown
            twice = ("onmouseover=&quot;", "&#x27;term&#x27;", "&lt;b onmouseover")
            assert not [text for text in shown if any(sign in text for sign in twice)], shown
        assert_nothing_planted(page, f"search dialog: {query}")

    page.goto(hostile_site.url(""))
    link = page.locator("article a[data-tb]", has_text="Hostile")
    link.first.hover()
    tooltip = page.locator("#tb-tooltip")
    tooltip.wait_for(state="visible")
    assert "alert('short')" in tooltip.text_content()  # the short definition, as typed
    link.first.focus()
    assert_nothing_planted(page, "tooltip")

    pages = sorted(path for path in hostile_site.directory.rglob("*.html")
                   if path.name != "404.html" and "search" not in path.parts)
    assert len(pages) > 40
    for path in pages:
        page.goto(path.as_uri() if hostile_site.mode == "file"
                  else hostile_site.base_url + path.relative_to(hostile_site.directory).as_posix())
        assert_nothing_planted(page, str(path.relative_to(hostile_site.directory)))
    assert dialogs == []
