"""The charts in a real browser, in every build and both palettes: drawn, in the palette's
colours, readable by name and description, with the numbers a reader can open, and no serious
accessibility violation."""

from __future__ import annotations

import pytest

from .conftest import Site, save_screenshot
from .test_a11y_browser import serious_violations

pytestmark = pytest.mark.browser

ERA = "open-weight-era/"
CHARTS = ("meta-releases", "releases-by-year", "capability-gap")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_charts_are_drawn_in_the_palettes_colours_and_pass_the_accessibility_check(
        new_page, site: Site, scheme: str):
    page = new_page(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page.goto(site.url(ERA))
    page.wait_for_load_state("networkidle")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    for chart in CHARTS:
        svg = page.locator(f"#chart-{chart} svg.tb-chart-svg")
        assert svg.bounding_box()["width"] > 400, chart
        # Its accessible name and description are the chart's title and description.
        name = page.locator(f"#chart-{chart} .tb-chart-title").inner_text()
        assert svg.get_attribute("aria-labelledby") and name
        assert page.evaluate("(svg) => document.getElementById(svg.getAttribute('aria-labelledby')).textContent",
                             svg.element_handle()) == name
        # Text is in the page's colour, which stands out from its background in both palettes.
        text_colour = page.evaluate("(svg) => getComputedStyle(svg.querySelector('text')).fill",
                                    svg.element_handle())
        assert text_colour == page.evaluate("getComputedStyle(document.body).color")
        assert text_colour != background
        # The marks take the palette's colour for their series (a CSS variable of termbook.css).
        mark, expected = page.evaluate(
            "(svg) => { const mark = svg.querySelector('[style*=\"fill: var(--tb-chart-\"]');"
            " const name = mark.getAttribute('style').match(/var\\((--tb-chart-\\d)\\)/)[1];"
            " const probe = document.createElement('span'); probe.style.color = `var(${name})`;"
            " svg.parentNode.append(probe); const colour = getComputedStyle(probe).color; probe.remove();"
            " return [getComputedStyle(mark).fill, colour]; }", svg.element_handle())
        assert mark == expected and mark.startswith("rgb") and mark != background, (chart, mark)
        # The numbers open for anyone.
        numbers = page.locator(f"#chart-{chart} details.tb-chart-numbers")
        numbers.locator("summary").click()
        assert numbers.locator("tbody tr").count() >= 3
    page.locator("#chart-meta-releases").scroll_into_view_if_needed()
    save_screenshot(page, f"charts-{site.name}-{scheme}")
    assert not serious_violations(page)
