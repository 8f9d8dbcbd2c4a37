"""Dated events: read from one YAML file each, checked (every refusal names the file, the line
and the field), listed on the term pages they are about and in the hand-written pages that
embed them, on both front ends, in the data downloads, on this site and on a site of another
field with kinds of its own; and GitHub and Hugging Face links that name no commit refused."""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

import termbook
from termbook.events import date_in
from termbook.messages import Messages
from termbook.render import expand_events
from termbook.urls import unpinned

from .conftest import ROOT, run_mkdocs, run_termbook, run_zensical
from .software_glossary import add_events, write_site

TODAY = datetime.date(2026, 11, 23)

RELEASE = """\
date: "2025-06-01"
kind: release
title: The planted model is released
text: The [[example-model]] again, with [[weights]].
terms: [weights]
release:
  models: [weights]
sources:
  - title: Notes
    publisher: Tests
    date: "2025-06-01"
    url: https://example.org/notes
"""


def check(project: Path, files: dict[str, str] | None = None):
    """The glossary and the findings of ``project`` with ``files`` (path: text) written into it."""
    for path, text in (files or {}).items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text(text, encoding="utf-8")
    glossary, findings = termbook.check(termbook.Project.at(project, docs_dir=project / "docs"),
                                        today=TODAY)
    return glossary, findings


def found(findings, rule: str) -> list[str]:
    return [f"{f.path}:{f.line}: {f.field}" for f in findings if f.rule == rule]


# --- reading -----------------------------------------------------------------------------

def test_the_events_are_read_in_date_order_with_their_precision(mini: Path):
    glossary, findings = check(mini)
    assert [str(f) for f in findings] == []
    events = glossary.timeline.events
    assert [(e.id, e.precision) for e in events] == [
        ("2025-04-05-example-model", "day"), ("2025-11-gap", "month")]
    release, gap = events
    assert release.release.models == ("example-model",) and release.kind == "release"
    assert gap.measure.values[0].bounds == "90% interval" and gap.date_note.startswith("Month only")
    assert release.sources[0].url == "https://example.org/release"
    assert glossary.timeline.about("weights") == [gap]


def test_a_site_without_events_reads_none(tmp_path: Path):
    site = write_site(tmp_path / "site")
    (site / "events").mkdir()  # a folder the site does not declare is not read
    (site / "events" / "2020-x.yaml").write_text("not: an event\n")
    glossary, findings = check(site)
    assert glossary is not None and not glossary.timeline and [str(f) for f in findings] == []


@pytest.mark.parametrize("since,until,date,inside", [
    ("2025", "2025", "2025-12-01", True), ("2025-03", "2025-06", "2025", True),
    ("2025-03", "2025-06", "2025-07-01", False), (None, "2024", "2025-01", False),
    ("2025-12-02", None, "2025-12-01", False), ("2025-12-02", None, "2025-12", True)])
def test_a_date_is_in_a_range_when_the_period_it_names_overlaps_it(since, until, date, inside):
    assert date_in(date, since, until) is inside


# --- what the check refuses, with file and line ------------------------------------------

def test_an_event_without_a_source_is_refused(mini: Path):
    text = RELEASE.split("sources:")[0]
    _, findings = check(mini, {"events/2025-06-01-planted.yaml": text})
    assert found(findings, "missing-field") == ["events/2025-06-01-planted.yaml:1: sources"]
    no_url = RELEASE.replace("    url: https://example.org/notes\n", "")
    _, findings = check(mini, {"events/2025-06-01-planted.yaml": no_url})
    assert found(findings, "missing-field") == ["events/2025-06-01-planted.yaml:9: sources[0].url"]


def test_two_events_that_date_one_release_are_both_refused(mini: Path):
    again = RELEASE.replace("models: [weights]", "models: [example-model]")
    _, findings = check(mini, {"events/2025-06-01-planted.yaml": again})
    assert sorted(found(findings, "release-dated-twice")) == [
        "events/2025-04-05-example-model.yaml:7: release.models[0]",
        "events/2025-06-01-planted.yaml:7: release.models[0]"]
    message = next(str(f) for f in findings if f.path == "events/2025-06-01-planted.yaml")
    assert "also by events/2025-04-05-example-model.yaml (2025-04-05)" in message


def test_two_events_that_name_one_release_alike_are_refused(mini: Path):
    named = RELEASE.replace("models: [weights]", "name: Planted Model")
    renamed = named.replace('2025-06-01"', '2025-06-02"').replace("name: Planted Model", "name: planted model")
    _, findings = check(mini, {"events/2025-06-01-planted.yaml": named,
                               "events/2025-06-02-planted.yaml": renamed})
    assert sorted(found(findings, "release-dated-twice")) == [
        "events/2025-06-01-planted.yaml:7: release.name", "events/2025-06-02-planted.yaml:7: release.name"]


@pytest.mark.parametrize("change,rule,where", [
    (lambda t: t.replace("kind: release", "kind: rumour"), "schema-enum", "2: kind"),
    (lambda t: t.replace("terms: [weights]", "terms: [wieghts]"), "unknown-term", "5: terms[0]"),
    (lambda t: t.replace("[[weights]]", "[[wieghts]]"), "unknown-term", "4: text"),
    (lambda t: t.replace("models: [weights]", "models: [nothing]"), "unknown-term", "7: release.models[0]"),
    (lambda t: t.replace('date: "2025-06-01"\nkind', 'date: "2025-06-02"\nkind'), "event-file-name", "1: date"),
    (lambda t: t.replace("release:\n  models: [weights]\n", ""), "missing-field", "2: kind"),
    (lambda t: t.replace("kind: release", "kind: report"), "record-of-other-kind", "6: release"),
    (lambda t: t.replace('date: "2025-06-01"\nkind', 'date: "2025-06-31"\nkind'), "invalid-date", "1: date"),
    (lambda t: t.replace("url: https://example.org/notes",
                         "url: https://github.com/example/repo/blob/main/NOTES.md"), "unpinned-link",
     "12: sources[0].url"),
])
def test_each_rule_names_the_file_the_line_and_the_field(mini: Path, change, rule, where):
    _, findings = check(mini, {"events/2025-06-01-planted.yaml": change(RELEASE)})
    assert found(findings, rule) == [f"events/2025-06-01-planted.yaml:{where}"], [str(f) for f in findings]


def test_an_event_in_the_future_is_refused(mini: Path):
    future = RELEASE.replace("2025-06-01", "2027-01-01")
    _, findings = check(mini, {"events/2027-01-01-planted.yaml": future})
    assert found(findings, "date-in-future") == ["events/2027-01-01-planted.yaml:1: date",
                                                 "events/2027-01-01-planted.yaml:11: sources[0].date"]


def test_an_unpinned_link_in_markdown_is_refused_at_its_line(mini: Path):
    entry = mini / "glossary/weights.yaml"
    text = entry.read_text()
    assert "definition: |\n" in text
    entry.write_text(text.replace("definition: |\n", "definition: |\n  See [the card](https://huggingface"
                                  ".co/org/model/blob/main/README.md) first.\n"))
    line = entry.read_text().splitlines().index("definition: |") + 2
    _, findings = check(mini)
    assert found(findings, "unpinned-link") == [f"glossary/weights.yaml:{line}: definition"]


def test_an_unpinned_link_the_site_lists_with_its_reason_is_shown_not_refused(mini: Path):
    branch = "https://github.com/example/repo/tree/main"
    planted = RELEASE.replace("url: https://example.org/notes", f"url: {branch}")
    config = (mini / "termbook.yml").read_text()
    config = config.replace('links:\n  pinned: "true"\n', 'links:\n  pinned: "true"\n  unpinned:\n'
                            f"  - {{url: '{branch}', reason: the repository is gone}}\n")
    glossary, findings = check(mini, {"events/2025-06-01-planted.yaml": planted, "termbook.yml": config})
    assert glossary is not None
    [allowed] = [f for f in findings if f.rule == "unpinned-link-allowed"]
    assert allowed.severity == "info" and allowed.line == 12
    assert "allowed: the repository is gone" in str(allowed)
    result = run_termbook(mini, "check", "--list-info")
    assert "the repository is gone" in result.stdout


@pytest.mark.parametrize("address,moves", [
    ("https://github.com/org/repo/blob/main/LICENSE", True),
    ("https://github.com/org/repo/tree/master", True),
    ("https://github.com/org/repo/blob/v1.0/LICENSE", True),  # a tag can be moved
    ("https://github.com/org/repo", True),
    ("https://github.com/org/repo/tree", True),
    ("https://raw.githubusercontent.com/org/repo/main/LICENSE", True),
    ("https://huggingface.co/org/model", True),
    ("https://huggingface.co/org/model/blob/main/README.md", True),
    ("https://huggingface.co/datasets/org/data", True),
    ("https://huggingface.co/spaces/org/app", True),
    ("https://github.com/org/repo/blob/0123456789abcdef0123456789abcdef01234567/LICENSE", False),
    ("https://raw.githubusercontent.com/org/repo/0123456789abcdef0123456789abcdef01234567/x", False),
    ("https://huggingface.co/org/model/tree/0123456789abcdef0123456789abcdef01234567", False),
    ("https://github.com/org/repo/issues/12", False),
    ("https://github.com/org/repo/pull/3", False),
    ("https://github.com/org/repo/releases/tag/v1.0", False),
    ("https://github.com/org", False),
    ("https://huggingface.co/papers/2403.13784", False),
    ("https://huggingface.co/docs/hub/model-cards", False),
    ("https://huggingface.co/org/model/discussions/4", False),
    ("https://example.org/blob/main", False),
])
def test_a_link_that_names_no_commit_moves(address: str, moves: bool):
    assert (unpinned(address) is not None) is moves


def test_this_site_names_a_commit_in_every_github_and_hugging_face_link():
    _, findings = termbook.check(termbook.Project.at(ROOT))
    allowed = [f for f in findings if f.rule == "unpinned-link-allowed"]
    assert not [str(f) for f in findings if f.rule == "unpinned-link"]
    # Each exception termbook.yml lists is used, and shown with its reason.
    listed = dict(termbook.Project.at(ROOT).taxonomy.links.unpinned)
    assert {url for url in listed if any(url in str(f) for f in allowed)} == set(listed)


@pytest.mark.parametrize("line,rule,message", [
    ("<!-- termbook:events kind=rumour -->", "unknown-kind", "kind=rumour is not a kind"),
    ("<!-- termbook:events term=wieghts -->", "unknown-term", "term=wieghts is not a term id"),
    ("<!-- termbook:events since=May -->", "embed-option", "since=May is not a date"),
    ("<!-- termbook:events as=chart -->", "embed-option", "as=chart is not list or table"),
    ("<!-- termbook:events colour=red -->", "embed-option", "'colour=red' is not an option"),
])
def test_an_embed_with_a_bad_option_is_refused_at_its_line(mini: Path, line: str, rule: str, message: str):
    _, findings = check(mini, {"docs/page.md": f"# Page\n\nText.\n\n{line}\n"})
    [finding] = [f for f in findings if f.path == "docs/page.md"]
    assert (finding.rule, finding.line) == (rule, 5) and message in finding.message


def test_an_embed_in_code_is_left_as_it_is(mini: Path):
    text = "# Page\n\n```\n<!-- termbook:events kind=rumour -->\n```\n"
    glossary, findings = check(mini, {"docs/page.md": text})
    assert [str(f) for f in findings] == []
    assert expand_events(text, glossary, Messages()) == text


# --- what pages show ---------------------------------------------------------------------

def test_an_embed_selects_by_kind_term_and_date_and_writes_a_list_or_a_table(mini: Path):
    glossary, _ = check(mini)
    say = Messages()
    table = expand_events("<!-- termbook:events kind=measurement as=table -->\n", glossary, say)
    assert "| Date | What happened | Sources |" in table
    assert "Nov 2025" in table and "A report measures the gap" in table
    assert "The example model is released" not in table
    listed = expand_events("Before\n<!-- termbook:events term=example-model until=2025-04 -->\nAfter\n",
                           glossary, say)
    assert listed.startswith("Before\n") and listed.endswith("After\n")
    assert "**Apr 5, 2025** · Release · **The example model is released**" in listed
    assert "gap" not in listed
    nothing = expand_events("<!-- termbook:events since=2030 -->", glossary, say)
    assert "No events." in nothing


@pytest.fixture(scope="module")
def mini_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from .conftest import MINI
    folder = tmp_path_factory.mktemp("events-mini")
    built = {"mkdocs": folder / "mkdocs", "zensical": folder / "zensical"}
    result = run_mkdocs(MINI, built["mkdocs"])
    assert result.returncode == 0, result.stderr
    project = folder / "project"
    import shutil
    shutil.copytree(MINI, project)
    (project / "zensical.yml").write_text("INHERIT: mkdocs.yml\ndocs_dir: build/zensical-docs\n")
    result = run_zensical(project, built["zensical"])
    assert result.returncode == 0, result.stdout + result.stderr
    return built


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_both_front_ends_show_history_and_the_embedded_table(mini_builds: dict[str, Path], engine: str):
    site = mini_builds[engine]
    page = LexborHTMLParser((site / "glossary/example-model/index.html").read_text("utf-8"))
    history = page.css_first("#history")
    assert history is not None and history.text().strip() == "History"
    events = page.css_first("article .tb-events")
    assert "The example model is released" in events.text() and "gap" not in events.text()
    assert events.css_first("a[href='https://example.org/release']") is not None
    home = LexborHTMLParser((site / "index.html").read_text("utf-8"))
    rows = home.css("article .tb-events table tbody tr")
    assert [row.css("td")[0].text().strip() for row in rows] == ["Apr 5, 2025", "Nov 2025"]
    assert "termbook:events" not in (site / "index.html").read_text("utf-8")
    # The links in the events' text lead to the terms' pages.
    assert rows[1].css_first("a[href*='glossary/weights']") is not None


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_the_events_are_in_the_data_downloads(mini_builds: dict[str, Path], engine: str):
    import jsonschema
    site = mini_builds[engine]
    document = json.loads((site / "glossary.json").read_text("utf-8"))
    schema = json.loads((site / "schemas/glossary.schema.json").read_text("utf-8"))
    jsonschema.validate(document, schema, format_checker=jsonschema.FormatChecker())
    assert [k["id"] for k in document["event_kinds"]] == ["release", "measurement", "report"]
    release, gap = document["events"]
    assert release["release"]["models"] == [{"id": "example-model",
                                            "url": "https://example.org/glossary/example-model/"}]
    assert gap["precision"] == "month" and gap["measure"]["values"][0] == {
        "value": 3.5, "unit": "months", "approximate": False, "low": 1.1, "high": 5.3,
        "bounds": "90% interval"}
    rows = list(csv.DictReader(io.StringIO((site / "events.csv").read_text("utf-8"))))
    assert [(r["date"], r["kind"], r["terms"]) for r in rows] == [
        ("2025-04-05", "release", "example-model; open-weights"), ("2025-11", "measurement", "weights")]


def test_a_site_without_events_publishes_no_event_data(tmp_path: Path):
    site = write_site(tmp_path / "site")
    result = run_mkdocs(site, site / "site")
    assert result.returncode == 0, result.stderr
    assert not (site / "site/events.csv").exists()
    assert "events" not in json.loads((site / "site/glossary.json").read_text("utf-8"))


# --- this site ---------------------------------------------------------------------------

def test_this_sites_dated_tables_are_made_from_the_events(real_site: Path):
    for page in ("timeline.md", "open-weight-era.md"):
        text = (ROOT / "docs" / page).read_text("utf-8")
        # No table row of the hand-written page starts with a date: the embeds write them.
        assert not [line for line in text.splitlines()
                    if line.startswith("| ") and any(str(year) in line.split("|")[1] for year in range(2015, 2031))]
        assert "<!-- termbook:events" in text
    glossary = termbook.load(termbook.Project.at(ROOT))
    timeline = LexborHTMLParser((real_site / "timeline/index.html").read_text("utf-8"))
    titles = [row.css("td")[1].css_first("strong").text() for row in timeline.css("article .tb-events tbody tr")]
    assert titles == [e.title for e in glossary.timeline.events] and len(titles) >= 30
    era = LexborHTMLParser((real_site / "open-weight-era/index.html").read_text("utf-8"))
    releases = [row.css("td")[1].css_first("strong").text() for row in era.css("article .tb-events")[0].css("tbody tr")]
    assert "DeepSeek releases DeepSeek-V3.2" in releases and len(releases) >= 10
    # One date per event: every page that shows an event shows the date the event file gives.
    say = Messages()
    for event in glossary.timeline.events:
        for term_id in event.terms:
            page = (real_site / "glossary" / term_id / "index.html").read_text("utf-8")
            assert f"<strong>{say.date(event.date)}</strong>" in page, (event.id, term_id)


# --- a site of another field, with kinds of its own ----------------------------------------

@pytest.fixture(scope="module")
def software(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return add_events(write_site(tmp_path_factory.mktemp("software-events") / "site"))


def test_another_fields_site_declares_its_own_kinds_and_builds_with_both_front_ends(software: Path):
    result = run_termbook(software, "check")
    assert result.returncode == 0, result.stdout
    assert run_mkdocs(software, software / "site").returncode == 0
    zensical = run_zensical(software, software / "site-zensical")
    assert zensical.returncode == 0, zensical.stdout + zensical.stderr
    for site in (software / "site", software / "site-zensical"):
        pod = LexborHTMLParser((site / "glossary/pod/index.html").read_text("utf-8"))
        items = [li.text() for li in pod.css("article .tb-events li")]
        assert len(items) == 2
        assert items[0].startswith("Jul 21, 2015 · Version · Version 1.0 of the platform")
        assert items[1].startswith("2021 · Security advisory · An advisory on container escapes")
        changes = LexborHTMLParser((site / "changes/index.html").read_text("utf-8"))
        listed = changes.css("article .tb-events li")
        assert [li.text().split(" · ")[:2] for li in listed] == [["Sep 2019", "Deprecation"]]
        assert listed[0].css_first("code").text() == "apps/v1"
    schema = json.loads((software / "site/glossary.json").read_text("utf-8"))
    assert [k["id"] for k in schema["event_kinds"]] == ["version", "deprecation", "advisory"]


def test_an_attribute_list_that_would_land_on_a_table_cell_is_refused(mini: Path):
    """In a paragraph, an attribute list after the text is text; at the end of a table cell,
    where the timeline puts an event's text, it would become the cell's attributes."""
    hostile = RELEASE.replace("text: The [[example-model]] again, with [[weights]].",
                              """text: 'The [[example-model]] again. {: onclick="alert(1)" }'""")
    _, findings = check(mini, {"events/2025-06-01-planted.yaml": hostile})
    assert found(findings, "unsafe-attribute") == ["events/2025-06-01-planted.yaml:4: text"]
