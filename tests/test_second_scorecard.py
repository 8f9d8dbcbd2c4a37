"""A scorecard of another field: the container platform's glossary (tests/software_glossary.py)
rates how mature ten features are in each of four releases, with ratings (stable, beta, alpha,
deprecated, removed), colours, types and a summary column of its own, and names its page and
files by a slug. Its data files follow schemas made from its own taxonomy; in Chromium its
table sorts by every column, filters by rating and type, compares two to four features side
by side and keeps the view in the page address, on the MkDocs and Zensical builds, served and
read from file://. Nothing of this site's openness table shows through."""

from __future__ import annotations

import copy
import csv
import dataclasses
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from playwright.sync_api import expect
from selectolax.lexbor import LexborHTMLParser

from termbook.export import export_schema
from termbook.scorecard import ratings_schema_document

from .conftest import run_mkdocs, run_termbook, run_zensical, save_screenshot, serve
from .sample_glossary import SITE_TAXONOMY
from .software_glossary import MATURITY, RELEASES, TERMS, write_site

SLUG = "feature-maturity"
TABLE = "table.tb-scorecard-table"
LAPTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
#: The ratings, best first, and the types, as the site declares them.
RATINGS = ["stable", "beta", "alpha", "deprecated", "removed"]
NAMES = {term_id: name for term_id, name, *_ in TERMS}


def type_of(term_id: str) -> str:
    """A feature's type, as the site's rules mean it: on its way out when deprecated or
    removed in a release; generally available when stable in the latest; else in development."""
    ratings = MATURITY[term_id][0]
    if {"deprecated", "removed"} & set(ratings):
        return "retiring"
    return "available" if ratings[-1] == "stable" else "maturing"


def stable_count(term_id: str) -> int:
    return MATURITY[term_id][0].count("stable")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = write_site(tmp_path_factory.mktemp("second-scorecard") / "site", with_scorecard=True)
    # The variants to read from file://: pages as files (feature-maturity.html).
    (project / "mkdocs-file.yml").write_text("INHERIT: mkdocs.yml\nuse_directory_urls: false\n",
                                             encoding="utf-8")
    (project / "zensical-file.yml").write_text("INHERIT: zensical.yml\nuse_directory_urls: false\n",
                                               encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def built(project: Path) -> Path:
    result = run_mkdocs(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


@dataclasses.dataclass(frozen=True)
class Build:
    """One build of the site as a reader reaches it: ``page`` is the scorecard page's address."""

    name: str
    page: str


@pytest.fixture(scope="module", params=["mkdocs-http", "mkdocs-file", "zensical-http", "zensical-file"])
def build(request, project: Path, built: Path):
    engine, mode = request.param.split("-")
    if engine == "mkdocs" and mode == "http":
        site = built
    else:
        site = project / f"site-{request.param}"
        result = (run_mkdocs(project, site, "-f", str(project / "mkdocs-file.yml")) if engine == "mkdocs"
                  else run_zensical(project, site, config=f"zensical{'-file' if mode == 'file' else ''}.yml"))
        assert result.returncode == 0, result.stdout + result.stderr
    if mode == "file":
        yield Build(request.param, (site / f"{SLUG}.html").as_uri())
        return
    url, server = serve(site)
    yield Build(request.param, f"{url}{SLUG}/")
    server.shutdown()


def visible(page: Path) -> str:
    tree = LexborHTMLParser(page.read_text("utf-8"))
    for hidden in tree.css("script, style, [hidden]"):
        hidden.decompose()
    return " ".join(tree.css_first("article").text(separator=" ").split())


# --- the page and the data files ------------------------------------------------------------

def test_the_page_is_the_sites_own_in_every_word(built: Path):
    text = visible(built / SLUG / "index.html")
    assert text.startswith("Feature maturity 10 features, rated release by release. Sort by any column")
    assert "Ratings as of" not in text  # no rated feature says when it was checked
    assert "(each file states its licence)" in text
    assert "On its way out : deprecated or removed in one of the releases" in text
    for word in ("open", "Open", "model", "Model", "weights"):  # nothing of this site's table
        assert not re.search(rf"\b{word}\b", text), word
    html = LexborHTMLParser((built / SLUG / "index.html").read_text("utf-8"))
    headings = [th.attributes["data-sort"] for th in html.css(f"{TABLE} thead th")]
    assert headings == ["entry", *RELEASES, "summary"]
    rows = {row.attributes["data-entry"]: row for row in html.css(f"{TABLE} tbody tr")}
    assert set(rows) == set(MATURITY)
    for term_id, row in rows.items():
        assert row.attributes["data-type"] == type_of(term_id)
        assert row.attributes["data-summary"] == str(stable_count(term_id))
        assert [c.attributes["data-rating"] for c in row.css("td[data-rating]")] == list(MATURITY[term_id][0])
    # Each rating has its declared colour, and links the release notes where the entry gives them.
    beta = html.css_first(f'{TABLE} td[data-rating="beta"] .tb-rating')
    assert "tb-colour-blue" in beta.attributes["class"]
    assert html.css_first(f'{TABLE} tr[data-entry="gateway-api"] td a') is None
    assert html.css_first(f'{TABLE} tr[data-entry="endpoint"] td a[href^="https://platform.invalid/"]')
    # The rows' anchors take the name the site gives a rated entry.
    assert rows["endpoint"].attributes["id"] == "feature-endpoint"
    # An entry's page links the scorecard page by its slug.
    entry = (built / "glossary/endpoint/index.html").read_text("utf-8")
    assert f'href="../../{SLUG}/"' in entry and "Maturity" in entry


def validator(schema: dict) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema,
                                           format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_the_data_files_follow_schemas_made_from_the_sites_taxonomy(built: Path):
    def valid(document_path: str, schema_path: str) -> dict:
        document = json.loads((built / document_path).read_text("utf-8"))
        schema = json.loads((built / schema_path).read_text("utf-8"))
        assert not list(validator(schema).iter_errors(document)), document_path
        return schema

    schema = valid(f"{SLUG}.json", f"schemas/{SLUG}.schema.json")
    assert schema["$defs"]["rating"]["properties"]["rating"]["enum"] == RATINGS
    assert schema["$defs"]["entry"]["properties"]["components"]["required"] == list(RELEASES)
    assert schema["$defs"]["entry"]["properties"]["type"]["enum"] == ["retiring", "available", "maturing"]
    document = json.loads((built / f"{SLUG}.json").read_text("utf-8"))
    assert document["date"] == "" and document["framework"].startswith("The platform's feature stages")
    # The list and the count have the names the site gives them.
    assert {e["id"]: (e["type"], e["stable_releases"]) for e in document["features"]} == {
        term_id: (type_of(term_id), stable_count(term_id)) for term_id in MATURITY}
    assert not (built / "openness.json").exists() and not (built / "schemas/openness.schema.json").exists()

    rows = list(csv.DictReader(io.StringIO((built / f"{SLUG}.csv").read_text("utf-8"))))
    assert list(rows[0]) == ["feature_id", "feature", "type", "component", "rating", "reason",
                             "evidence", "reviewed", "url", "licence"]
    assert len(rows) == len(MATURITY) * len(RELEASES)

    # glossary.json carries the ratings under the site's field, described by its own schema.
    glossary_schema = valid("glossary.json", "schemas/glossary.schema.json")
    assert json.loads((built / "glossary.json").read_text("utf-8"))["$schema"].endswith(
        "/schemas/glossary.schema.json")
    field = glossary_schema["$defs"]["term"]["properties"]["maturity"]["oneOf"][0]
    assert field["required"] == list(RELEASES)
    assert "openness" not in glossary_schema["$defs"]["term"]["properties"]
    terms = {t["id"]: t for t in json.loads((built / "glossary.json").read_text("utf-8"))["terms"]}
    assert terms["endpoint"]["maturity"]["v1-33"]["rating"] == "deprecated"
    assert terms["pod"]["maturity"] is None and "openness" not in terms["pod"]


def test_the_data_files_fail_against_another_sites_schemas_and_with_a_rating_undeclared(built: Path):
    """The schemas say what this site declares: the openness table's schemas refuse the
    files, and the site's own refuse a rating, a component or a type it does not declare."""
    ratings = json.loads((built / f"{SLUG}.json").read_text("utf-8"))
    glossary = json.loads((built / "glossary.json").read_text("utf-8"))
    assert list(validator(ratings_schema_document(SITE_TAXONOMY.scorecard)).iter_errors(ratings))
    assert list(validator(export_schema(SITE_TAXONOMY)).iter_errors(glossary))

    own = json.loads((built / f"schemas/{SLUG}.schema.json").read_text("utf-8"))
    own_glossary = json.loads((built / "schemas/glossary.schema.json").read_text("utf-8"))
    for change in (lambda d: d["features"][0]["components"]["v1-30"].update(rating="open"),
                   lambda d: d["features"][0]["components"].pop("v1-33"),
                   lambda d: d["features"][0].update(type="open-weight"),
                   lambda d: d["features"][0].update(stable_releases=len(RELEASES) + 1),
                   lambda d: d.update(models=d.pop("features"))):
        changed = copy.deepcopy(ratings)
        change(changed)
        assert list(validator(own).iter_errors(changed))
    rated = next(t for t in glossary["terms"] if t["maturity"])
    rated["maturity"]["v1-30"]["rating"] = "partial"
    assert list(validator(own_glossary).iter_errors(glossary))


@pytest.mark.parametrize("file, change, expected", [
    ("glossary/endpoint.yaml", lambda t: t.replace("rating: deprecated", "rating: open"),
     "glossary/endpoint.yaml:{line}: maturity.v1-33.rating: 'open' is not one of: stable, beta, alpha, "
     "deprecated, removed"),
    ("glossary/endpoint.yaml", lambda t: t.replace("  v1-31:", "  v1-34:"),
     "glossary/endpoint.yaml:{line}: maturity.v1-34: unknown field"),
    ("termbook.yml", lambda t: t.replace("- any: [v1-30, v1-31,", "- any: [v1-29, v1-31,"),
     "termbook.yml:{line}: scorecard.types.retiring.when[0].any[0]: 'v1-29' is not one of the "
     "components declared in the scorecard"),
    ("termbook.yml", lambda t: t.replace("rated: [deprecated, removed]", "rated: [deprecated, gone]"),
     "termbook.yml:{line}: scorecard.types.retiring.when[0].rated[1]: 'gone' is not one of the "
     "ratings declared in the scorecard"),
])
def test_the_check_names_the_file_and_line_of_a_rating_or_rule_the_site_does_not_declare(
        tmp_path: Path, file: str, change, expected: str):
    """The finding is on the line that was changed; the check fails without a traceback."""
    project = write_site(tmp_path / "site", with_scorecard=True)
    path = project / file
    before = path.read_text("utf-8").splitlines()
    path.write_text(change("\n".join(before) + "\n"), encoding="utf-8")
    after = path.read_text("utf-8").splitlines()
    line = next(n for n, (old, new) in enumerate(zip(before, after, strict=False), start=1) if old != new)
    result = run_termbook(project, "check")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert any(out.startswith(expected.format(line=line)) for out in output.splitlines()), output


def test_the_script_knows_no_rating_type_or_component_of_any_site(built: Path):
    script = (built / "assets/termbook/scorecard.js").read_text("utf-8")
    for taxonomy_ids in ([r.id for r in SITE_TAXONOMY.scorecard.ratings],
                         [t.id for t in SITE_TAXONOMY.scorecard.types],
                         [c.id for c in SITE_TAXONOMY.scorecard.components], RATINGS, RELEASES):
        for value in taxonomy_ids:
            assert f'"{value}"' not in script, value


# --- in Chromium ------------------------------------------------------------------------------

def shown(page) -> list[str]:
    return page.eval_on_selector_all(f"{TABLE} tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.entry)")


def expected_order(key: str, descending: bool) -> list[str]:
    """The rows as the table sorts them: by name; or by rating (best first when descending)
    or summary count, ties A–Z either way."""
    by_name = sorted(MATURITY, key=lambda term_id: NAMES[term_id].casefold())
    if key == "entry":
        return by_name[::-1] if descending else by_name

    def value(term_id: str) -> int:
        if key == "summary":
            return stable_count(term_id)
        return -RATINGS.index(MATURITY[term_id][0][RELEASES.index(key)])

    return sorted(by_name, key=lambda term_id: -value(term_id) if descending else value(term_id))


@pytest.mark.browser
def test_the_table_sorts_by_every_column_both_ways(new_page, build: Build):
    page = new_page(viewport=LAPTOP)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(build.page)
    assert shown(page) == expected_order("entry", False)
    for key in ["entry", *RELEASES, "summary"]:
        heading = page.locator(f'{TABLE} th[data-sort="{key}"] button')
        for order in ("descending", "ascending"):  # a new column sorts best first; again, back
            heading.click()
            expect(page.locator(f'{TABLE} th[data-sort="{key}"]')).to_have_attribute("aria-sort", order)
            assert shown(page) == expected_order(key, order == "descending"), (key, order)
            assert page.locator(f"{TABLE} th[aria-sort]").count() == 1
            if (key, order) != ("entry", "ascending"):  # the default view has a bare address
                assert f"sort={key}&order={order}" in page.url
    assert shown(page) != expected_order("entry", False)  # the last sort moved rows
    assert errors == []
    save_screenshot(page, f"second-scorecard-{build.name}-sorted")


@pytest.mark.browser
def test_filters_by_rating_and_type_keep_the_view_in_the_address(new_page, build: Build):
    page = new_page(viewport=LAPTOP)
    page.goto(build.page)
    # The controls offer the site's own ratings and types, by their titles.
    assert page.eval_on_selector_all("#tb-filter-v1-33 option", "os => os.map(o => o.value)") == ["", *RATINGS]
    assert page.eval_on_selector_all("#tb-type option", "os => os.map(o => o.textContent)")[1:] == [
        "On its way out", "Generally available", "In development"]
    page.locator("#tb-filter-v1-33").select_option("beta")
    beta = [t for t in expected_order("entry", False) if MATURITY[t][0][3] == "beta"]
    assert beta and shown(page) == beta and "v1-33=beta" in page.url
    expect(page.locator(".tb-status")).to_have_text(f"Showing {len(beta)} of {len(MATURITY)}.")
    page.locator("#tb-filter-v1-33").select_option("")
    page.locator("#tb-type").select_option("retiring")
    retiring = [t for t in expected_order("entry", False) if type_of(t) == "retiring"]
    assert retiring and shown(page) == retiring and "type=retiring" in page.url
    # The address holds the whole view: opened anew, it shows the same rows, sorted the same.
    address = page.url.split("?")[1]
    page.goto(build.page + "?" + address + "&sort=v1-30&order=ascending")
    assert shown(page) == [t for t in expected_order("v1-30", False) if t in retiring]
    expect(page.locator("#tb-type")).to_have_value("retiring")
    expect(page.locator("#tb-sort")).to_have_value("v1-30")
    # A value the site does not declare, or a name an object inherits, leaves the default view.
    page.goto(build.page + "?type=closed&v1-30=open&sort=__proto__&compare=toString,valueOf")
    assert shown(page) == expected_order("entry", False)
    expect(page.locator("#tb-type")).to_have_value("")
    expect(page.locator(".tb-compare")).to_be_hidden()


@pytest.mark.browser
def test_two_to_four_features_compare_side_by_side(new_page, build: Build):
    page = new_page(viewport=LAPTOP)
    page.goto(build.page)
    view = page.locator("#compare")
    compare = page.locator(".tb-actions .md-button")
    expect(compare).to_have_text("Compare 0 of 4")
    expect(compare).to_be_disabled()
    chosen = ["endpoint", "gateway-api", "sidecar-container", "cronjob"]
    for term_id in chosen:
        page.get_by_label(f"Compare {NAMES[term_id]}").check()
    expect(compare).to_have_text("Compare 4 of 4")
    expect(page.get_by_label(f"Compare {NAMES['pod-security-policy']}")).to_be_disabled()
    compare.click()
    expect(view).to_be_visible()
    columns = view.locator("thead th[data-entry]")
    assert [columns.nth(i).get_attribute("data-entry") for i in range(4)] == sorted(
        chosen, key=lambda t: NAMES[t].casefold())
    assert "compare=" + ",".join(sorted(chosen, key=lambda t: NAMES[t].casefold())) in page.url
    endpoint = view.locator('thead th[data-entry="endpoint"]')
    expect(endpoint).to_contain_text("On its way out")
    expect(endpoint).to_contain_text("Stable releases: 3 of 4")
    last_row = view.locator("tbody tr").last
    expect(last_row.locator("th")).to_have_text("Release 1.33")
    badge = last_row.locator('td[data-rating="deprecated"] .tb-rating')
    expect(badge).to_have_text("deprecated")
    assert badge.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(179, 38, 30)"  # red
    expect(last_row).to_contain_text("Deprecated: served with a warning.")
    save_screenshot(page, f"second-scorecard-{build.name}-compare")
    # Back to the table, and forward again by the browser's history.
    view.get_by_text("Back to the table").click()
    expect(view).to_be_hidden()
    page.go_back()
    expect(view).to_be_visible()
    # Two from the address alone.
    page.goto(build.page + "?compare=vertical-pod-autoscaler,pod-security-policy")
    expect(view.locator("thead th[data-entry]")).to_have_count(2)
    expect(view.locator("h2")).to_have_text("Side by side: Vertical pod autoscaler, Pod Security Policy")


@pytest.mark.browser
def test_a_phone_shows_one_card_per_feature(new_page, build: Build):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(build.page)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    card = page.locator(f"{TABLE} tbody tr").first
    for cell in card.locator("td").all():
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    expect(card.locator("td.tb-summary")).to_have_text("4 of 4")
    save_screenshot(page, f"second-scorecard-{build.name}-phone")


@pytest.mark.browser
def test_the_table_starts_when_instant_navigation_brings_it(new_page, project: Path, tmp_path: Path):
    """Material's instant navigation swaps pages without loading them: a reader who follows a
    link to the table, there and back, gets its controls each time."""
    site = tmp_path / "instant"
    site.mkdir()
    url, server = serve(site)  # instant navigation needs the site's address
    config = project / "mkdocs-instant.yml"
    config.write_text(f"INHERIT: mkdocs.yml\nsite_url: {url}\n"
                      "theme: {features: [navigation.instant]}\n", encoding="utf-8")
    try:
        result = run_mkdocs(project, site, "-f", str(config))
        assert result.returncode == 0, result.stderr
        page = new_page(viewport=LAPTOP)
        page.goto(f"{url}{SLUG}/")
        controls = page.locator(".tb-scorecard-controls")
        expect(controls).to_have_count(1)
        page.evaluate("window.notReloaded = true")
        page.locator(f"{TABLE} tbody th a").first.click()  # to a rated entry's page, instantly
        expect(controls).to_have_count(0)
        page.locator(f'article a[href$="{SLUG}/"]').first.click()  # and back to the table
        expect(controls).to_have_count(1)
        assert page.evaluate("window.notReloaded") is True  # the same document throughout
    finally:
        server.shutdown()
