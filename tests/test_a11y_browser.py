"""An automated accessibility check (axe-core, shipped inside axe-playwright-python, so
nothing is downloaded) of each main page type, in the light and the dark palette."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import Site
from .test_site_browser import TERM, first_article

pytestmark = pytest.mark.browser

PAGES = {"home": "", "term": TERM, "glossary index": "glossary/",
         "categories": "glossary/categories/", "openness table": "openness/"}


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical findings on the page, one readable line per element."""
    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']}: {node['target']} {node.get('failureSummary', '')}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")
            for node in v["nodes"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("site", ["http", "zensical"], indirect=True)
def test_main_pages_have_no_serious_accessibility_violations(new_page, site: Site, scheme: str):
    page = new_page(color_scheme=scheme)
    paths = {**PAGES, "article": first_article(site, page)}
    found = {}
    for name, path in paths.items():
        page.goto(site.url(path))
        page.wait_for_load_state("networkidle")
        if violations := serious_violations(page):
            found[name] = violations
    assert not found, "\n".join(f"{name}: {line}" for name, lines in found.items() for line in lines)
