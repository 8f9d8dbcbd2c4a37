"""The second glossary in Chromium: the A–Z index narrowed to a category (the choice kept in
the address, applied from it, and only from its own options), on both front ends and from
file://; a tooltip that shows a short definition's code as code, made without markup; and
the words the scripts write, in the site's language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import MINI, run_mkdocs, serve
from .software_glossary import TERMS
from .test_site_language import data_text, english_fragments, english_left, set_language

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def urls(software_builds: dict[str, Path]):
    """Each build served over HTTP, by front end."""
    served = {engine: serve(folder) for engine, folder in software_builds.items()}
    yield {engine: base for engine, (base, _) in served.items()}
    for _, server in served.values():
        server.shutdown()


def in_category(category: str) -> set[str]:
    return {name for _, name, categories, *_ in TERMS if category in categories}


def shown_terms(page) -> set[str]:
    return set(page.eval_on_selector_all(
        "article li[data-tb-categories]:not(.tb-see):not([hidden]) > a:first-child",
        "links => links.filter(a => a.offsetParent !== null).map(a => a.textContent)"))


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_the_a_to_z_index_narrows_to_a_category_and_keeps_it_in_the_address(urls, engine, page):
    base = urls[engine]
    page.goto(base + "glossary/")
    assert shown_terms(page) == {name for _, name, *_ in TERMS}
    page.select_option("#tb-az-category", "storage")
    assert shown_terms(page) == in_category("storage")
    assert page.url.endswith("glossary/?category=storage")
    status = page.inner_text(".tb-az-status")
    assert status == f"{len(in_category('storage'))} of {len(TERMS)} terms shown."
    # Groups left empty are hidden, and their letters dimmed.
    assert page.is_hidden("h2#letter-q") and page.locator('.tb-az-nav a[href="#letter-q"]')\
        .get_attribute("class") == "tb-az-dimmed"
    page.goto(base + "glossary/?category=security")
    assert page.input_value("#tb-az-category") == "security"
    assert shown_terms(page) == in_category("security")
    for unknown in ("__proto__", "constructor", "nothing"):
        page.goto(base + f"glossary/?category={unknown}")
        assert page.input_value("#tb-az-category") == ""
        assert len(shown_terms(page)) == len(TERMS)


def test_the_filter_works_from_file_and_the_list_is_whole_without_javascript(software_builds, new_page):
    page = new_page()
    page.goto((software_builds["mkdocs"] / "glossary/index.html").as_uri() + "?category=tool")
    assert shown_terms(page) == in_category("tool")
    page.select_option("#tb-az-category", "")
    assert len(shown_terms(page)) == len(TERMS)
    without = new_page(java_script_enabled=False)
    without.goto((software_builds["mkdocs"] / "glossary/index.html").as_uri() + "?category=tool")
    assert without.is_hidden(".tb-az-filter")
    assert len(shown_terms(without)) == len(TERMS)


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_tooltip_shows_code_as_code_without_reading_markup(urls, engine, page):
    base = urls[engine]
    page.goto(base + "glossary/kubeconfig/")
    page.hover('article a[data-tb="kubectl"]')
    page.wait_for_selector("#tb-tooltip:not([hidden])")
    assert page.inner_text("#tb-tooltip code") == "kubectl get pods -n shop"
    assert page.eval_on_selector("#tb-tooltip", "box => [...box.querySelectorAll('*')]"
                                 ".map(e => e.tagName)") == ["CODE"]


def test_a_german_site_shows_no_english_label_once_its_scripts_have_run(tmp_path: Path, page):
    """What the scripts write (the openness table's controls, the A–Z filter) is in the
    site's language too."""
    project = tmp_path / "mini"
    shutil.copytree(MINI, project)
    set_language(project, "de")
    result = run_mkdocs(project, project / "site")
    assert result.returncode == 0, result.stderr
    fragments, data = english_fragments("de"), data_text(project)
    for path in ("openness/index.html", "glossary/index.html"):
        page.goto((project / "site" / path).as_uri())
        page.wait_for_selector(".tb-scorecard-controls, .tb-az-filter:not([hidden])")
        text = " ".join(page.inner_text("article").split())
        assert not english_left(text, fragments, data), path
    page.goto((project / "site/openness/index.html").as_uri())
    assert page.inner_text(".tb-scorecard-controls legend >> nth=0") == "Sortieren"
    assert page.inner_text(".tb-status") == "1 von 1 angezeigt."
