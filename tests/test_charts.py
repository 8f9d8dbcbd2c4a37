"""Charts drawn from the events at build time (termbook.charts): the drawing is a pure function
of its data, the table holds the numbers drawn, the page's colours and font apply, a
hand-written page shows a chart on both front ends, and a site of another field declares its
own charts."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import markdown
import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from termbook.charts import ChartData, Measurement, Release, draw, embed, figure, table_rows
from termbook.markup import check_charts
from termbook.taxonomy import Chart, Choice

from .conftest import ROOT, run_mkdocs, run_termbook, run_zensical

RATINGS = (Choice("open", "open"), Choice("partial", "partial"), Choice("closed", "closed"))
RELEASES = ChartData(
    Chart("some-releases", "releases", "Some releases", "Two partial, one closed.",
          component="weights"), RATINGS,
    releases=(Release("2023-02-24", "Alpha", "partial"), Release("2024-07", "Beta", "partial"),
              Release("2026", "Gamma", "closed")))
COUNTS = ChartData(Chart("per-year", "release-counts", "Per year", "Counted by year.",
                         component="weights"), RATINGS,
                   releases=RELEASES.releases + (Release("2024-01-02", "Delta", "open"),))
GAP = ChartData(
    Chart("gap", "measurements", "A gap", "Months behind.", unit="months"), unit="months",
    measurements=(Measurement("2024-11-04", "Method A", 12, approximate=True),
                  Measurement("2025-10-30", "Method B", 3.5, 1.1, 5.3, "90% interval"),
                  Measurement("2026-05-29", "Method B", 4)))
ALL = [RELEASES, COUNTS, GAP]


def rows_of(html: str) -> list[list[str]]:
    table = HTMLParser(html).css_first("table")
    return [[cell.text() for cell in row.css("th, td")] for row in table.css("tbody tr")]


@pytest.mark.parametrize("data", ALL, ids=lambda d: d.chart.type)
def test_a_drawing_is_the_same_every_time_and_names_its_title_and_description(data: ChartData):
    svg = draw(data)
    assert draw(data) == svg
    root = HTMLParser(svg).css_first("svg")
    assert root.attributes["role"] == "img"
    assert HTMLParser(svg).css_first(f"#{root.attributes['aria-labelledby']}").text() == data.chart.title
    assert HTMLParser(svg).css_first(f"#{root.attributes['aria-describedby']}").text() == data.chart.description


@pytest.mark.parametrize("data", ALL, ids=lambda d: d.chart.type)
def test_a_drawing_takes_the_pages_colours_and_font(data: ChartData):
    svg = draw(data)
    # Hatching (a pattern of the drawing's own) is drawn in the same colours.
    colours = {c for c in re.findall(r"(?:fill|stroke): ([^;\"]+)", svg)
               if not c.startswith(f"url(#tb-chart-{data.chart.id}-")}
    assert colours <= {"none", "currentColor", "var(--tb-chart-grid)",
                       *(f"var(--tb-chart-{n})" for n in range(1, 9))}, colours
    assert "currentColor" in colours and colours & {f"var(--tb-chart-{n})" for n in range(1, 4)}
    assert "font-family" not in svg and "<style" not in svg  # no rule that reaches the page
    assert not re.search(r"\n\s*\n", svg)  # a blank line would end Markdown's raw HTML block


def test_two_charts_on_one_page_share_no_id():
    ids = [set(re.findall(r' id="([^"]+)"', draw(data))) for data in ALL]
    assert all(ids) and not (ids[0] & ids[1]) and not (ids[1] & ids[2]) and not (ids[0] & ids[2])
    for svg in map(draw, ALL):  # every reference inside a drawing is to an id of its own
        own = set(re.findall(r' id="([^"]+)"', svg))
        assert set(re.findall(r'(?:href="#|url\(#)([^")]+)', svg)) <= own


def test_the_table_holds_the_numbers_drawn():
    assert rows_of(figure(RELEASES, "")) == [["2023-02-24", "Alpha", "partial"],
                                             ["2024-07", "Beta", "partial"],
                                             ["2026", "Gamma", "closed"]]
    assert [th.text() for th in HTMLParser(figure(RELEASES, "")).css("tbody th")] == ["Alpha", "Beta", "Gamma"]
    # Every year from the first to the last, empty ones too; only the ratings that occur.
    assert table_rows(COUNTS)[0] == ["Year", "open", "partial", "closed", "Total"]
    assert rows_of(figure(COUNTS, "")) == [["2023", "0", "1", "0", "1"], ["2024", "1", "1", "0", "2"],
                                           ["2025", "0", "0", "0", "0"], ["2026", "0", "0", "1", "1"]]
    assert rows_of(figure(GAP, "")) == [["2024-11-04", "Method A", "about 12", ""],
                                        ["2025-10-30", "Method B", "3.5", "1.1–5.3 (90% interval)"],
                                        ["2026-05-29", "Method B", "4", ""]]


def test_text_from_termbook_yml_and_the_events_stays_text_in_one_block_of_html():
    hostile = Chart("x", "releases", "<script>alert(1)</script> $\\frac{",
                    'A "quote" & <b>tag</b>\n\nafter a blank line')
    data = ChartData(hostile, RATINGS, releases=(Release("2024", "<img src=x onerror=alert(1)>\n\nx", "open"),
                                                 Release("2025", "$x$ {y}", "closed")))
    page = markdown.markdown(embed("Before.\n\n<!-- termbook:chart x -->\n\nAfter.\n",
                                   {"x": figure(data, draw(data))}), extensions=["md_in_html"])
    tree = HTMLParser(page)
    assert not tree.css("script, img, b")
    assert len(tree.css("figure")) == 1 and tree.css_first("figure table tbody")  # one block
    assert tree.css_first("figcaption").text().startswith("<script>alert(1)</script> $\\frac{")
    assert "after a blank line" in tree.css_first("figcaption").text()
    assert [t.text() for t in tree.css("svg text")].count("$x$ {y}") == 1  # not read as mathematics



def test_a_chart_line_in_code_stays_as_written_and_the_check_passes_it_by():
    text = "```markdown\n<!-- termbook:chart x -->\n```\n\n<!-- termbook:chart x -->\n"
    assert embed(text, {"x": "<figure>X</figure>"}) == (
        "```markdown\n<!-- termbook:chart x -->\n```\n\n\n<figure>X</figure>\n\n")
    assert [(f.line, f.message) for f in check_charts("page.md", text, ["y"])] == [
        (5, "'x' is not a chart termbook.yml declares")]

# --- this site, built --------------------------------------------------------------------

ERA = "open-weight-era/index.html"


def chart_figures(page: Path) -> dict[str, object]:
    return {node.attributes["id"]: node for node in HTMLParser(page.read_text("utf-8")).css("figure.tb-chart")}


def test_the_era_page_shows_the_three_charts_drawn_from_the_events(real_site: Path):
    found = chart_figures(real_site / ERA)
    assert set(found) == {"chart-meta-releases", "chart-releases-by-year", "chart-capability-gap"}
    meta = [[c.text() for c in row.css("th, td")] for row in found["chart-meta-releases"].css("tbody tr")]
    names = [row[1] for row in meta]
    assert names[0] == "LLaMA 1" and names[-1] == "Muse Spark" and "Llama 3.1" in names
    ratings = {row[1]: row[2] for row in meta}
    assert ratings["LLaMA 1"] == "partial" and ratings["Muse Spark"] == "closed"
    gap = [[c.text() for c in row.css("th, td")] for row in found["chart-capability-gap"].css("tbody tr")]
    assert [row[2] for row in gap] == ["about 12", "3.5", "4"]
    assert gap[1][3] == "1.1–5.3 (90% interval)"
    # The chart line itself is gone.
    assert "termbook:chart" not in (real_site / ERA).read_text("utf-8")


def test_zensical_and_the_offline_builds_show_the_same_charts(real_site: Path, zensical_site: Path,
                                                            offline_site: Path):
    expected = {key: node.css_first("table").html for key, node in chart_figures(real_site / ERA).items()}
    assert expected
    for page in (zensical_site / ERA, offline_site / "open-weight-era.html"):
        found = chart_figures(page)
        assert {key: node.css_first("table").html for key, node in found.items()} == expected, page
        assert all(node.css_first("svg.tb-chart-svg") for node in found.values())


def test_the_check_reports_a_chart_the_site_does_not_declare(mini: Path):
    page = mini / "docs" / "index.md"
    page.write_text(page.read_text("utf-8") + "\n<!-- termbook:chart no-such-chart -->\n", encoding="utf-8")
    result = run_termbook(mini, "check")
    assert result.returncode == 1
    assert "docs/index.md" in result.stdout
    assert "'no-such-chart' is not a chart termbook.yml declares" in result.stdout


def test_the_check_reports_a_chart_drawn_from_a_term_or_kind_that_does_not_exist(tmp_path: Path):
    project = air_quality_site(tmp_path / "air")
    config = project / "termbook.yml"
    config.write_text(config.read_text("utf-8").replace("kinds: [survey]", "kinds: [surveys]\n"
                                                        "    terms: [pm10]")
                      .replace("component: weights", "component: weight"), encoding="utf-8")
    result = run_termbook(project, "check")
    assert result.returncode == 1
    assert ("termbook.yml:1: charts.pm25.kinds: surveys is not a kind termbook.yml declares; "
            "did you mean 'survey'?") in result.stdout
    assert "termbook.yml:1: charts.pm25.terms: pm10 is not a term id" in result.stdout
    assert ("termbook.yml:1: charts.datasets.component: weight is not a component of the "
            "scorecard; did you mean 'weights'?") in result.stdout


# --- a second site, of another field -----------------------------------------------------

AIR_TERMBOOK = """\
scorecard:
  field: access
  components:
    weights: {title: Raw data}
  ratings:
    free: {title: free to download}
    fee: {title: for a fee}
events:
  kinds:
    dataset: {title: Dataset, record: release}
    survey: {title: Survey, record: measure}
charts:
  datasets:
    type: release-counts
    component: weights
    title: Air-quality datasets by year
    description: How many datasets came out each year, free or for a fee.
  pm25:
    type: measurements
    title: Fine particles in the city centre
    description: The yearly mean of PM2.5 as two networks measured it.
    kinds: [survey]
    unit: µg/m³
"""

AIR_EVENTS = {
    "2021-03-01-station-data": ("dataset", "release:\n  name: Station data 2020\n  weights: free\n"),
    "2022-05-sensor-data": ("dataset", "release:\n  name: Sensor data 2021\n  weights: fee\n"),
    "2022-06-10-station-survey": ("survey", "measure:\n  quantity: Yearly mean of PM2.5\n"
                                  "  method: Reference stations\n"
                                  "  values:\n  - {value: 14.2, unit: µg/m³}\n"),
    "2023-06-12-station-survey": ("survey", "measure:\n  quantity: Yearly mean of PM2.5\n"
                                  "  method: Reference stations\n"
                                  "  values:\n  - {value: 11.8, unit: µg/m³, low: 10.1, high: 13.5,"
                                  " bounds: 95% interval}\n"),
    "2023-07-sensor-survey": ("survey", "measure:\n  quantity: Yearly mean of PM2.5\n"
                              "  method: Low-cost sensors\n"
                              "  values:\n  - {value: 16, unit: µg/m³, approximate: true}\n"),
}


def air_quality_site(folder: Path) -> Path:
    """A glossary of air quality: its own rating scale, event kinds and charts."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", folder)
    shutil.rmtree(folder / "seeds")
    for entry in (folder / "glossary").glob("*.yaml"):
        entry.unlink()
    (folder / "glossary" / "pm25.yaml").write_text(textwrap.dedent("""\
        term: PM2.5
        short: Particles in the air of 2.5 micrometres across or less.
        """), encoding="utf-8")
    (folder / "termbook.yml").write_text(AIR_TERMBOOK, encoding="utf-8")
    shutil.rmtree(folder / "events")
    (folder / "events").mkdir()
    for event_id, (kind, record) in AIR_EVENTS.items():
        (folder / "events" / f"{event_id}.yaml").write_text(
            f"date: '{re.match(r'[0-9]{4}(-[0-9]{2})*', event_id).group(0)}'\nkind: {kind}\ntitle: {event_id}\n"
            f"text: Something about [[pm25]] happened.\nterms: [pm25]\n{record}"
            "sources:\n- {title: A source, publisher: The city, date: '2024', url: https://example.org/}\n",
            encoding="utf-8")
    (folder / "docs" / "index.md").write_text(
        "# Air quality\n\nText.\n\n<!-- termbook:chart datasets -->\n\nMore text.\n\n"
        "<!-- termbook:chart pm25 -->\n", encoding="utf-8")
    (folder / "zensical.yml").write_text("INHERIT: mkdocs.yml\ndocs_dir: build/zensical-docs\n"
                                         "site_dir: site-zensical\n", encoding="utf-8")
    return folder


def test_a_site_of_another_field_declares_its_own_charts(tmp_path: Path):
    project = air_quality_site(tmp_path / "air")
    built = {"mkdocs": (run_mkdocs(project, tmp_path / "site"), tmp_path / "site"),
             "zensical": (run_zensical(project, tmp_path / "site-z"), tmp_path / "site-z")}
    for engine, (result, site) in built.items():
        assert result.returncode == 0, (engine, result.stdout + result.stderr)
        found = chart_figures(site / "index.html")
        assert set(found) == {"chart-datasets", "chart-pm25"}, engine
        counts = found["chart-datasets"]
        assert [h.text() for h in counts.css("thead th")] == ["Year", "free to download", "for a fee", "Total"]
        assert [[c.text() for c in r.css("th, td")] for r in counts.css("tbody tr")] == [
            ["2021", "1", "0", "1"], ["2022", "0", "1", "1"]]
        pm25 = found["chart-pm25"]
        assert [[c.text() for c in r.css("th, td")] for r in pm25.css("tbody tr")] == [
            ["Jun 10, 2022", "Reference stations", "14.2", ""],
            ["Jun 12, 2023", "Reference stations", "11.8", "10.1–13.5 (95% interval)"],
            ["Jul 2023", "Low-cost sensors", "about 16", ""]]
        assert "Fine particles in the city centre" in pm25.css_first("svg title").text()
