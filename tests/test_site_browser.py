"""The site in Debian's chromium, hosted (HTTP), offline (file://) and built with Zensical: it
loads only its own files, and its navigation, palette switch, A–Z index and narrow screens
work.

Every test here runs on each build (the ``site`` fixture), and the ``new_page`` fixture fails
any test whose pages requested another host."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import ALL_BUILDS, Site, save_screenshot

pytestmark = pytest.mark.browser

TERM = "glossary/mixture-of-experts/"
NARROW = {"width": 375, "height": 740}  # a small phone
#: The start of the address of each engine's main stylesheet.
THEME_STYLESHEET = {"mkdocs": "assets/stylesheets/main.", "zensical": "assets/stylesheets/modern/main."}


def first_article(site: Site, page) -> str:
    """The hosted path of the first article page, read from the Sources index."""
    page.goto(site.url("sources/"))
    return site.path_of(page.locator("article.md-content__inner h2 a").first.evaluate("a => a.href"))


@pytest.mark.parametrize("site", ALL_BUILDS, indirect=True)
def test_every_page_type_loads_only_the_sites_own_files(page, site: Site, requests_made):
    pages = ["", TERM, "glossary/", "glossary/categories/", "openness/", first_article(site, page)]
    for path in pages:
        requests_made.clear()
        page.goto(site.url(path))
        page.wait_for_load_state("networkidle")
        # The theme's own stylesheet and script and termbook's stylesheet, from this site.
        loaded = " ".join(requests_made)
        for asset in (THEME_STYLESHEET[site.engine], "assets/javascripts/bundle.",
                      "assets/termbook/termbook.css"):
            assert site.base_url + asset in loaded, (path, asset)
    # The new_page fixture fails the test if any request above went to another host.


@pytest.mark.parametrize("site", ALL_BUILDS, indirect=True)
def test_screenshots_of_the_home_and_a_term_page(page, site: Site):
    page.goto(site.url(""))
    save_screenshot(page, f"{site.name}-home")
    page.goto(site.url(TERM))
    save_screenshot(page, f"{site.name}-term")
    assert page.title().split(" - ")[0] == "Mixture-of-Experts"


def test_navigation_reaches_the_glossary_and_a_term(page, site: Site):
    page.goto(site.url(""))
    page.locator(".md-nav--primary").get_by_role("link", name="Glossary A–Z").click()
    page.wait_for_url(site.url("glossary/"))
    expect(page.locator("h1")).to_contain_text("Glossary A–Z")
    page.locator(f"article a[href$='mixture-of-experts{'.html' if site.mode == 'file' else '/'}']") \
        .first.click()
    page.wait_for_url(site.url(TERM))
    expect(page.locator("h1")).to_contain_text("Mixture-of-Experts")


def test_palette_switch_changes_the_colours_and_is_remembered(page, site: Site):
    page.goto(site.url(""))
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    light = body.evaluate("b => getComputedStyle(b).backgroundColor")
    page.locator("form[data-md-component=palette] label:visible").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    assert body.evaluate("b => getComputedStyle(b).backgroundColor") != light
    page.goto(site.url(TERM))  # the choice is kept from page to page
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")


def test_az_letters_jump_to_their_section(new_page, site: Site):
    page = new_page(viewport={"width": 1000, "height": 500})
    page.goto(site.url("glossary/"))
    letter = page.locator(".tb-az-nav a").last
    target = letter.get_attribute("href")  # "#letter-w"
    heading = page.locator(target)
    expect(heading).not_to_be_in_viewport()
    letter.click()
    expect(heading).to_be_in_viewport()
    assert page.evaluate("location.hash") == target


def test_narrow_screen_has_a_menu_and_no_sideways_scrolling(new_page, site: Site):
    page = new_page(viewport=NARROW, is_mobile=True, has_touch=True)
    page.goto(site.url(TERM))
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    primary_nav = page.locator(".md-nav--primary")
    expect(primary_nav.get_by_role("link", name="Openness table")).not_to_be_in_viewport()
    page.locator("label.md-header__button[for=__drawer]").click()
    link = primary_nav.get_by_role("link", name="Openness table")
    expect(link).to_be_in_viewport()
    link.click()
    page.wait_for_url(site.url("openness/"))
    # The wide table scrolls inside its own box; the page itself does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    save_screenshot(page, f"{site.name}-narrow-openness")


@pytest.mark.parametrize("site", ALL_BUILDS, indirect=True)
def test_ratings_and_claims_take_the_colours_termbook_yml_gives_them(page, site: Site):
    """termbook.yml gives the ratings and the stances their colours; the stylesheet knows
    none of them."""
    def colour(selector: str, property: str) -> str:
        return page.locator(selector).first.evaluate(f"e => getComputedStyle(e).{property}")

    page.goto(site.url(first_article(site, page)))
    assert colour(".tb-claim--for-openness", "borderLeftColor") == "rgb(27, 127, 59)"
    assert colour(".tb-claim--for-closed-weights", "borderLeftColor") == "rgb(179, 38, 30)"
    neutral = colour(".tb-claim--neutral", "borderLeftColor")
    assert neutral not in ("rgb(27, 127, 59)", "rgb(179, 38, 30)", "rgba(0, 0, 0, 0)")
    page.goto(site.url("openness/"))
    assert colour(".tb-rating--open", "backgroundColor") == "rgb(27, 127, 59)"
    assert colour(".tb-rating--partial", "backgroundColor") == "rgb(138, 97, 0)"
    assert colour(".tb-rating--closed", "backgroundColor") == "rgb(179, 38, 30)"
