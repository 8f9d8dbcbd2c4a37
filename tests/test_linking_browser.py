"""Term tooltips in Debian's chromium: hovering a term link, focusing it with the keyboard or
tapping it shows the term's short definition, without hiding the link; served over HTTP and
opened from file:// (the definitions are a script, not fetched data), and built with Zensical."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from .conftest import (
    ALL_BUILDS,
    MINI,
    Site,
    add_front_ends,
    run_mkdocs,
    run_zensical,
    save_screenshot,
    serve,
)

pytestmark = pytest.mark.browser

WEIGHTS_SHORT = "The numbers a model learns in training and multiplies its inputs by."
TOOLTIP = "#tb-tooltip"


@pytest.fixture(scope="module")
def mini_sites(tmp_path_factory: pytest.TempPathFactory):
    """The mini project built three times: with directory URLs (to serve), with file URLs
    (to open from the file system, as the offline site is), and with Zensical (to serve),
    using the repository's own Zensical configuration."""
    work = tmp_path_factory.mktemp("linking-browser")
    hosted, offline, zensical = work / "hosted", work / "offline", work / "zensical"
    add_front_ends(shutil.copytree(MINI, work / "project"))
    assert run_mkdocs(work / "project", hosted).returncode == 0
    result = run_zensical(work / "project", zensical)
    assert result.returncode == 0, result.stdout + result.stderr
    config = work / "project/mkdocs.yml"
    config.write_text(config.read_text() + "use_directory_urls: false\n")
    assert run_mkdocs(work / "project", offline).returncode == 0
    url, server = serve(hosted)
    zensical_url, zensical_server = serve(zensical)
    yield {"http": Site("http", url, hosted), "file": Site("file", offline.as_uri() + "/", offline),
           "zensical": Site("http", zensical_url, zensical, engine="zensical")}
    server.shutdown()
    zensical_server.shutdown()


@pytest.fixture(params=["http", "file", "zensical"])
def mini_site(request, mini_sites) -> Site:
    return mini_sites[request.param]


def first_term_link(page):
    return page.locator("article a[data-tb]").first


def settled_box(locator, tries: int = 40) -> dict:
    """The element's box once it has stopped moving: focusing a link scrolls the page
    smoothly, and a box read mid-scroll no longer matches what is on screen."""
    previous = None
    for _ in range(tries):
        box = locator.bounding_box()
        if box == previous:
            return box
        previous = box
        locator.page.wait_for_timeout(50)
    raise AssertionError(f"{locator} kept moving: {previous}")


def assert_shows_definition_beside(page, link, text: str) -> None:
    """The tooltip shows ``text``, describes the link, and leaves the link visible."""
    tooltip = page.locator(TOOLTIP)
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(text)
    expect(tooltip).to_have_attribute("role", "tooltip")
    expect(link).to_have_attribute("aria-describedby", "tb-tooltip")
    link_box, tip_box = settled_box(link), settled_box(tooltip)
    overlap_x = min(link_box["x"] + link_box["width"], tip_box["x"] + tip_box["width"]) \
        - max(link_box["x"], tip_box["x"])
    overlap_y = min(link_box["y"] + link_box["height"], tip_box["y"] + tip_box["height"]) \
        - max(link_box["y"], tip_box["y"])
    assert overlap_x <= 0 or overlap_y <= 0, (link_box, tip_box)
    centre = (link_box["x"] + link_box["width"] / 2, link_box["y"] + link_box["height"] / 2)
    assert link.evaluate("(a, [x, y]) => a.contains(document.elementFromPoint(x, y))", list(centre))


def test_hover_shows_the_definition(page, mini_site: Site):
    page.goto(mini_site.url(""))
    link = first_term_link(page)
    expect(link).to_have_text("Weights")
    expect(page.locator(TOOLTIP)).to_have_count(0)  # nothing until a reader asks
    link.hover()
    assert_shows_definition_beside(page, link, WEIGHTS_SHORT)
    save_screenshot(page, f"{mini_site.name}-term-tooltip")
    page.mouse.move(0, 0)
    expect(page.locator(TOOLTIP)).to_be_hidden()
    expect(link).not_to_have_attribute("aria-describedby", "tb-tooltip")


def test_keyboard_focus_shows_the_definition_and_escape_closes_it(page, mini_site: Site):
    page.goto(mini_site.url(""))
    for _ in range(60):  # Tab through the header and navigation to the first term link
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('article a[data-tb]')"):
            break
    link = page.locator("article a[data-tb]:focus")
    expect(link).to_have_text("Weights")
    assert_shows_definition_beside(page, link, WEIGHTS_SHORT)
    page.keyboard.press("Escape")
    expect(page.locator(TOOLTIP)).to_be_hidden()
    expect(link).to_be_focused()  # closing the tooltip does not move the reader
    page.keyboard.press("Tab")  # the next term link shows its own definition
    expect(page.locator(TOOLTIP)).to_be_visible()
    expect(page.locator(TOOLTIP)).to_have_text(
        "A model whose trained weights anyone can download and run, whatever the licence says "
        "about other uses.")
    page.keyboard.press("Enter")  # and the link still works from the keyboard
    page.wait_for_url(mini_site.url("glossary/open-weights/"))


def test_tap_shows_the_definition_and_a_second_tap_follows_the_link(new_page, mini_site: Site):
    page = new_page(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page.goto(mini_site.url(""))
    link = first_term_link(page)
    link.tap()
    assert_shows_definition_beside(page, link, WEIGHTS_SHORT)
    assert mini_site.path_of(page.url) == ""  # still on the page
    page.locator("article h1").tap()  # a tap elsewhere closes it
    expect(page.locator(TOOLTIP)).to_be_hidden()
    link.tap()
    expect(page.locator(TOOLTIP)).to_be_visible()
    link.tap()
    page.wait_for_url(mini_site.url("glossary/weights/"))
    expect(page.locator("h1")).to_have_text("Weights")


def test_term_links_on_term_and_article_pages(page, mini_site: Site):
    for path, term_id in [("glossary/weights/", "mixture-of-experts"),
                          ("sources/test-article/", "open-weights")]:
        page.goto(mini_site.url(path))
        link = page.locator(f"article a[data-tb='{term_id}']").first
        link.hover()
        expect(page.locator(TOOLTIP)).to_be_visible()
        assert page.locator(TOOLTIP).text_content() == page.evaluate(
            f"window.termbookShorts['{term_id}']")


@pytest.mark.parametrize("path", ["", "debate/", "sources/death-of-the-open-weight-dream/"])
@pytest.mark.parametrize("site", ALL_BUILDS, indirect=True)
def test_real_site_shows_definitions(page, site: Site, path: str):
    """The repository's own site, hosted and offline, on both engines: the home page, the debate and an
    article show a term's definition on hover."""
    page.goto(site.url(path))
    link = first_term_link(page)
    link.scroll_into_view_if_needed()
    link.hover()
    term_id = link.get_attribute("data-tb")
    expect(page.locator(TOOLTIP)).to_be_visible()
    assert page.locator(TOOLTIP).text_content() == page.evaluate(f"window.termbookShorts['{term_id}']")
    save_screenshot(page, f"{site.name}-tooltip-{path.strip('/').replace('/', '-') or 'home'}")
