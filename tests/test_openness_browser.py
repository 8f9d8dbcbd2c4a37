"""The openness table in Debian's chromium, hosted (HTTP) and offline (file://): it fits a
laptop screen and a phone, sorts, filters, keeps the view in its address and compares models.

Every test runs in both modes (the ``site`` fixture); ``new_page`` fails a test whose pages
requested another host."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

import termbook

from .conftest import ROOT, Site, save_screenshot
from .sample_glossary import SITE_TAXONOMY

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
TABLE = "table.tb-scorecard-table"


@pytest.fixture(scope="module")
def rated() -> dict[str, termbook.Term]:
    glossary = termbook.load(termbook.Project.at(ROOT))
    return {t.id: t for t in glossary.alphabetical() if t.ratings}


def shown_models(page) -> list[str]:
    return page.eval_on_selector_all(f"{TABLE} tbody tr:not([hidden])",
                                     "rows => rows.map(r => r.dataset.entry)")


def type_of(term: termbook.Term) -> str:
    kind = SITE_TAXONOMY.scorecard.type_of({r.component: r.rating for r in term.ratings})
    assert kind is not None
    return kind.id


def test_every_column_is_visible_on_a_laptop_screen(new_page, site: Site, rated):
    page = new_page(viewport=LAPTOP)
    page.goto(site.url("openness/"))
    box = page.locator(".tb-scorecard-scroll")
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth"), "the table scrolls sideways"
    headings = page.locator(f"{TABLE} thead th")
    assert headings.count() == 10
    for index in range(headings.count()):
        expect(headings.nth(index)).to_be_in_viewport()
        right = headings.nth(index).evaluate("th => th.getBoundingClientRect().right")
        assert right <= LAPTOP["width"], headings.nth(index).inner_text()
    # The short heading shows the full name on focus.
    button = page.locator(f'{TABLE} th[data-sort="inference-code"] button')
    button.focus()
    full = button.locator(".tb-col-full")
    expect(full).to_have_text("Inference code")
    assert full.evaluate("el => el.getBoundingClientRect().width > 20")
    assert len(shown_models(page)) == len(rated)
    save_screenshot(page, f"{site.mode}-openness-laptop")


def test_a_phone_shows_one_card_per_model_without_sideways_scrolling(new_page, site: Site, rated):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(site.url("openness/"))
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    first = page.locator(f"{TABLE} tbody tr").first
    first.scroll_into_view_if_needed()
    # Every rating of a card is on screen, with its label.
    for cell in first.locator("td").all():
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert cell.evaluate("td => getComputedStyle(td, '::before').content") != "none"
    save_screenshot(page, f"{site.mode}-openness-phone")


def test_sorting_by_a_column_reorders_the_table_and_sets_aria_sort(new_page, site: Site, rated):
    page = new_page(viewport=LAPTOP)
    page.goto(site.url("openness/"))
    alphabetical = shown_models(page)
    assert alphabetical == list(rated)
    heading = page.locator(f'{TABLE} th[data-sort="summary"]')
    heading.locator("button").click()
    expect(heading).to_have_attribute("aria-sort", "descending")
    by_open_parts = shown_models(page)
    counts = [sum(r.rating == "open" for r in rated[m].ratings) for m in by_open_parts]
    assert counts == sorted(counts, reverse=True) and by_open_parts != alphabetical
    assert page.locator(f'{TABLE} th[aria-sort]').count() == 1
    assert "sort=summary" in page.url and "order=descending" in page.url
    # The keyboard works too: Enter on a focused heading sorts by it; again reverses it.
    licence = page.locator(f'{TABLE} th[data-sort="licence"]')
    licence.locator("button").focus()
    page.keyboard.press("Enter")
    expect(licence).to_have_attribute("aria-sort", "descending")
    expect(heading).not_to_have_attribute("aria-sort", "descending")
    first = shown_models(page)[0]
    assert rated[first].ratings[-1].rating == "open"
    page.keyboard.press("Enter")
    expect(licence).to_have_attribute("aria-sort", "ascending")
    assert rated[shown_models(page)[0]].ratings[-1].rating != "open"


def test_a_view_in_the_address_is_applied_on_load(new_page, site: Site, rated):
    page = new_page(viewport=LAPTOP)
    page.goto(site.url("openness/") + "?type=open-source&sort=entry&order=descending")
    expected = [m for m in rated if type_of(rated[m]) == "open-source"]
    assert expected and shown_models(page) == sorted(expected, key=list(rated).index, reverse=True)
    expect(page.locator("#tb-type")).to_have_value("open-source")
    expect(page.locator(f'{TABLE} th[data-sort="entry"]')).to_have_attribute("aria-sort", "descending")
    expect(page.locator(".tb-status")).to_have_text(f"Showing {len(expected)} of {len(rated)} models.")

    page.goto(site.url("openness/") + "?weights=closed&licence=closed")
    closed = [m for m in rated if {r.component: r.rating for r in rated[m].ratings}["weights"] == "closed"
              and rated[m].ratings[-1].rating == "closed"]
    assert closed and shown_models(page) == closed
    # Choosing a filter puts it in the address, so the view can be shared.
    page.locator("#tb-filter-weights").select_option("open")
    assert "weights=open" in page.url
    assert all({r.component: r.rating for r in rated[m].ratings}["weights"] == "open"
               for m in shown_models(page))


@pytest.mark.parametrize("query", [
    "?sort=__proto__", "?sort=constructor&order=__proto__", "?compare=__proto__,constructor",
    "?compare=toString,valueOf,hasOwnProperty", "?type=__proto__&weights=constructor",
    "?type=toString&licence=__proto__&compare=__proto__"])
def test_an_address_naming_no_column_or_model_leaves_the_default_view(new_page, site: Site,
                                                                       rated, query: str):
    """Names an object inherits ("__proto__", "constructor") are not columns, types, ratings
    or models: the page shows the whole table, sorted A-Z, with every control in place."""
    page = new_page(viewport=LAPTOP)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site.url("openness/") + query)
    expect(page.locator(".tb-status")).to_have_text(f"Showing {len(rated)} of {len(rated)} models.")
    assert errors == []
    assert shown_models(page) == list(rated)  # A-Z, as the table is written
    expect(page.locator(f'{TABLE} th[data-sort="entry"]')).to_have_attribute("aria-sort", "ascending")
    expect(page.locator("#tb-sort")).to_have_value("entry")
    expect(page.locator("#tb-type")).to_have_value("")
    expect(page.locator(f"{TABLE} th button.tb-sort")).to_have_count(10)
    expect(page.locator(f"{TABLE} input.tb-pick")).to_have_count(len(rated))
    expect(page.locator(".tb-compare")).to_be_hidden()


def test_compare_shows_the_chosen_models_side_by_side(new_page, site: Site, rated):
    page = new_page(viewport=LAPTOP)
    chosen = ["olmo", "gemma", "gpt-4"]
    page.goto(site.url("openness/") + "?compare=" + ",".join(chosen))
    view = page.locator("#compare")
    expect(view).to_be_visible()
    for term_id in chosen:
        expect(view.locator("h2")).to_contain_text(rated[term_id].term)
    columns = view.locator("thead th[data-entry]")
    assert [columns.nth(i).get_attribute("data-entry") for i in range(columns.count())] == chosen
    reason = rated["gemma"].ratings[-1]
    expect(view.locator("tbody tr").last).to_contain_text(" ".join(reason.reason.split()))
    assert view.locator(f'tbody a[href="{reason.evidence}"]').count() >= 1
    save_screenshot(page, f"{site.mode}-openness-compare")

    # Picking models in the table opens the same view at its own address.
    page.goto(site.url("openness/"))
    expect(view).to_be_hidden()
    compare = page.get_by_role("button", name="Compare 0 of 4")
    expect(compare).to_be_disabled()
    page.get_by_label("Compare Pythia").check()
    page.get_by_label("Compare Gemini 3 Pro").check()
    page.get_by_role("button", name="Compare 2 of 4").click()
    expect(view).to_be_visible()
    assert "compare=gemini,pythia" in page.url
    expect(view.locator("thead th[data-entry]")).to_have_count(2)
    page.go_back()
    expect(view).to_be_hidden()


def test_without_javascript_the_whole_table_reads(new_page, site: Site, rated):
    page = new_page(viewport=LAPTOP, java_script_enabled=False)
    page.goto(site.url("openness/"))
    assert page.locator(f"{TABLE} tbody tr").count() == len(rated)
    assert page.locator(".tb-scorecard-controls").count() == 0
    expect(page.locator(f'{TABLE} tr[data-entry="olmo"] th a')).to_have_text(rated["olmo"].term)
    assert page.locator(f"{TABLE} td[data-rating] a[href]").count() == len(rated) * 8
