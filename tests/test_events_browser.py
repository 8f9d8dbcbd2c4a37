"""The events in a real browser, on the hosted MkDocs site, the offline one from file:// and
the Zensical one: a term page's History list, and the tables the timeline and the era page
embed, each event once with the date its file gives, its links working, nothing fetched from
another host."""

from __future__ import annotations

import pytest

import termbook
from termbook.messages import Messages

from .conftest import ROOT, Site, save_screenshot

pytestmark = pytest.mark.browser

GLOSSARY = termbook.load(termbook.Project.at(ROOT))
SAY = Messages()


def test_a_term_page_lists_its_history_and_its_links_lead_to_terms(page, site: Site):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site.url("glossary/llama-2/"))
    heading = page.locator("article h2#history")
    heading.scroll_into_view_if_needed()
    assert heading.is_visible()
    items = page.locator("article .tb-events li")
    expected = GLOSSARY.timeline.about("llama-2")
    assert items.count() == len(expected) >= 1
    first = items.first.inner_text()
    assert first.startswith(f"{SAY.date(expected[0].date)} · Release · {expected[0].title}")
    save_screenshot(page, f"{site.name}-events-history-phone")
    # A source opens where the event file says; a term link opens that term's page.
    source = items.first.locator("a[href^='https://']").first
    assert source.get_attribute("href") == expected[0].sources[0].url
    term = items.first.locator("a[data-tb]").first
    target = term.get_attribute("data-tb")
    term.click()
    page.wait_for_load_state()
    assert site.path_of(page.url) == f"glossary/{target}/"


def test_the_timeline_shows_every_event_once_in_date_order(page, site: Site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site.url("timeline/"))
    rows = page.locator("article .tb-events tbody tr")
    assert rows.count() == len(GLOSSARY.timeline.events)
    dates = rows.locator("td:first-child").all_inner_texts()
    assert dates == [SAY.date(e.date) for e in GLOSSARY.timeline.events]
    titles = rows.locator("td:nth-child(2) strong").all_inner_texts()
    assert titles == [e.title for e in GLOSSARY.timeline.events]
    assert "termbook:events" not in page.content()
    save_screenshot(page, f"{site.name}-events-timeline")


def test_the_era_page_embeds_the_releases_and_the_measurements(page, site: Site):
    page.goto(site.url("open-weight-era/"))
    tables = page.locator("article .tb-events table")
    assert tables.count() == 2
    releases = tables.nth(0).locator("tbody tr td:nth-child(2) strong").all_inner_texts()
    expected = GLOSSARY.timeline.select(kinds=["release"], terms=["open-weights"], since="2025")
    assert releases == [e.title for e in expected]
    measured = tables.nth(1).locator("tbody tr td:first-child").all_inner_texts()
    assert measured == [SAY.date(e.date) for e in
                        GLOSSARY.timeline.select(kinds=["measurement"], terms=["closed-weights"])]
