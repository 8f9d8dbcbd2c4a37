"""The page "Use termbook in your own site" in Debian's chromium, on a desktop and a phone:
it is in the navigation, its code examples are readable, and nothing overflows the screen."""

from __future__ import annotations

import pytest

from .conftest import save_screenshot

pytestmark = pytest.mark.browser

PATH = "use-termbook/"


@pytest.mark.parametrize("name, viewport", [
    ("use-termbook-desktop", {"width": 1280, "height": 900}),
    ("use-termbook-phone", {"width": 390, "height": 844}),
])
def test_the_use_termbook_page_reads_on_desktop_and_phone(new_page, real_site_url, name, viewport):
    page = new_page(viewport=viewport)
    page.goto(real_site_url + PATH)
    assert page.locator("article h1").inner_text().rstrip("¶") == "Use termbook in your own site"
    assert page.locator("article pre code").count() >= 6
    assert "termbook init my-glossary" in page.locator("article").inner_text()
    # The page itself never scrolls sideways: long code lines scroll inside their own block.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    if viewport["width"] >= 1220:  # Material shows the navigation beside the page from here
        active = page.locator("nav.md-nav--primary .md-nav__link--active").last
        assert active.inner_text().strip() == "Use termbook in your own site"
    save_screenshot(page, name)
