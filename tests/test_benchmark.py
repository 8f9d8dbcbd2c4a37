"""The build-cost benchmark (``python -m benchmarks``) runs end to end and writes what the
site's results page and the targets need. Timings are not asserted: they depend on the
machine; what is checked is that every measurement is made and reported. The targets' logic
is tested on made-up results in test_benchmark_targets.py."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as etree
from pathlib import Path

import pytest
import yaml

from benchmarks.measure import HOOK_NAMES
from benchmarks.preview import PreviewFailed, latency

from .conftest import ROOT

SIZE = 20


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One benchmark run at a tiny size, into a temporary folder."""
    out = tmp_path_factory.mktemp("benchmark")
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--sizes", str(SIZE),
         "--runs", "1", "--preview-runs", "1", "--work", str(out / "work"), "--results", str(out / "results.json"),
         "--page", str(out / "docs" / "benchmark.md"),
         "--plot", str(out / "docs" / "assets" / "benchmark.svg")],
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Results in {out / 'results.json'}" in result.stdout
    return out


def test_results_file_holds_every_measurement(run: Path):
    results = json.loads((run / "results.json").read_text(encoding="utf-8"))
    assert set(results) == {"date", "machine", "sizes", "targets"}
    assert {"cpu", "cores", "python", "mkdocs", "material", "termbook"} <= set(results["machine"])
    assert set(results["machine"]["load_average"]) == {"start", "end"}
    [size] = results["sizes"]
    assert size["n"] == SIZE and size["runs"] == 1
    assert size["pages"] > SIZE  # term pages, indexes, articles and the long guides
    engine = size["engine"]
    assert list(engine["phases"]) == ["load and validate", "render pages", "find mentions",
                                      "data exports"]
    assert engine["seconds"] == pytest.approx(sum(engine["phases"].values()))
    assert engine["yardstick_seconds"] > 0
    assert size["check_seconds"] > 0 and size["check_cpu_seconds"] > 0
    assert size["check_edited_seconds"] > 0 and size["check_edited_cpu_seconds"] > 0
    # The first check of each run filled an empty read cache, which the check after the edit
    # read; the edited entry was put back.
    work = run / "work" / str(SIZE)
    [cache] = (work / "check-cache").iterdir()
    assert len(json.loads(cache.read_text(encoding="utf-8"))["entries"]) >= SIZE
    assert not any("Checked again" in p.read_text(encoding="utf-8")
                   for p in (work / "glossary").glob("*.yaml"))
    assert size["yardstick_seconds"] > 0
    # The preview: from saving an entry (a page, for the baseline) to the page served with it,
    # by each preview server.
    assert set(size["preview_seconds"]) == {"mkdocs serve --dirty", "Zensical preview"}
    for engine, sides in size["preview_seconds"].items():
        assert set(sides) == {"ours", "baseline"}, engine
        for preview in sides.values():
            assert preview["seconds"] > 0 and preview["all_seconds"] == [round(preview["seconds"], 3)]
    for side in ("ours", "baseline"):
        build = size["build"][side]
        assert build["seconds"] > 0 and build["all_seconds"] == [round(build["seconds"], 3)]
        assert build["cpu_seconds"] > 0
        assert build["peak_rss"] > 0 and build["site_bytes"] > build["search_index_bytes"] > 0
    # Only our site publishes the data downloads; the size is given with and without them.
    assert size["build"]["ours"]["download_bytes"] > 0
    assert size["build"]["baseline"]["download_bytes"] == 0
    assert set(size["ratio"]) == {"seconds", "cpu_seconds", "peak_rss", "site_bytes", "search_index_bytes",
                                  "site_bytes_without_downloads"}
    # Where termbook's time goes in one build: each event, the Markdown extension, the whole;
    # that build, like the measured ones, started with an empty read cache of its own.
    [hooks_cache] = (work / "site-hooks.cache").iterdir()
    assert len(json.loads(hooks_cache.read_text(encoding="utf-8"))["entries"]) >= SIZE
    spent = size["termbook_cpu_seconds"]
    assert set(spent) == {"on_config", "on_files", "linking", "on_page_context", "other events",
                          "whole build"}
    assert all(seconds > 0 for seconds in spent.values())
    # And in one rebuild of the MkDocs preview after an edit, and the Zensical preview's
    # generator after one.
    rebuild = size["preview_termbook_cpu_seconds"]
    assert set(rebuild) == set(spent) and 0 < rebuild["on_config"] < rebuild["whole build"]
    assert 0 < size["generator_seconds"]
    assert sum(v for k, v in spent.items() if k != "whole build") < spent["whole build"]
    # The targets are at N=1,000 and 10,000: with only N=20, each is listed, not measured.
    assert results["targets"] and all(t["value"] is None and t["status"] == "not measured"
                                      for t in results["targets"])


def test_baseline_is_the_same_pages_as_plain_markdown(run: Path):
    project = run / "work" / str(SIZE)
    ours = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    baseline = yaml.safe_load((project / "baseline" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert ours["nav"] == baseline["nav"] and ours["theme"] == baseline["theme"]
    assert ours["markdown_extensions"] == baseline["markdown_extensions"]
    assert "termbook" in json.dumps(ours["plugins"]) and "termbook" not in json.dumps(baseline["plugins"])
    pages = sorted(p.relative_to(project / "baseline" / "docs").as_posix()
                   for p in (project / "baseline" / "docs").rglob("*.md"))
    assert len(pages) == json.loads((run / "results.json").read_text())["sizes"][0]["pages"]
    assert len([p for p in pages if p.startswith("glossary/")]) == SIZE + 2  # and the indexes
    # The definitions' [[id]] links are written as ordinary links in the baseline.
    assert "[[" in "".join(p.read_text() for p in (project / "glossary").glob("*.yaml"))
    assert not any("[[" in (project / "baseline" / "docs" / p).read_text() for p in pages)
    assert html_pages(project / "site-baseline") <= html_pages(project / "site-ours")
    # For Zensical too: the same theme, and the baseline without termbook's Markdown extension
    # or files; the Zensical previews built the same pages.
    ours = yaml.safe_load((project / "zensical.yml").read_text(encoding="utf-8"))
    baseline = yaml.safe_load((project / "baseline" / "zensical.yml").read_text(encoding="utf-8"))
    assert ours["theme"] == baseline["theme"] and Path(ours["theme"]["custom_dir"]).is_dir()
    assert "termbook_zensical.extension" in json.dumps(ours["markdown_extensions"])
    assert "termbook_zensical.extension" not in json.dumps(baseline)
    assert "assets/termbook/" in json.dumps(ours) and "assets/termbook/" not in json.dumps(baseline)
    assert html_pages(project / "baseline" / "site-zensical") == html_pages(project / "site-zensical")


def html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def test_results_page_and_plot_are_written(run: Path):
    page = (run / "docs" / "benchmark.md").read_text(encoding="utf-8")
    assert page.startswith("---\ntitle: Build cost benchmark\n")
    assert "![Whole build time against glossary size" in page and "(assets/benchmark.svg)" in page
    for heading in ("## Targets", "## Results", "## Preview", "## Where termbook's time goes",
                    "## Engine phases (CPU seconds)", "## Run it"):
        assert f"\n{heading}\n" in page
    rows = [line for line in page.splitlines() if line.startswith(f"| {SIZE} |")]
    assert len(rows) == 4  # the results, the preview with each engine and the engine phases
    assert "$" not in page  # every field of the template filled in
    # The page is for readers: it names no issue and no machinery of the project's work.
    assert not re.search(r"(?i)\bissue\b|#\d+|session|agent", page)
    assert "| **termbook, all** |" in page and f"At N={SIZE}, our builds took" in page
    assert "site without downloads MB" in page
    svg = etree.parse(run / "docs" / "assets" / "benchmark.svg").getroot()
    ns = {"svg": "http://www.w3.org/2000/svg"}
    assert len(svg.findall("svg:polyline", ns)) == 2  # ours and the baseline
    assert len(svg.findall("svg:circle", ns)) == 2  # one size, one point each


def test_a_preview_server_that_stops_is_a_failure_that_says_why(tmp_path: Path):
    """A server that exits before serving (a crash, a limit it refuses) is reported with the
    last line it wrote, for the run to record as not measured and go on."""
    def crashing(address: str) -> list[str]:
        return [sys.executable, "-c", "print('starting'); print('Error: too many words'); raise SystemExit(3)"]

    with pytest.raises(PreviewFailed, match=r"exit code 3\); its output ends: Error: too many words"):
        latency(crashing, tmp_path, "/glossary/x/", lambda marker: lambda: None, 1, tmp_path / "server.log")


def test_the_results_page_names_every_event_it_counts_among_the_others():
    """The row of "other events" lists them by name: a new or removed event of the plugin
    changes what the row counts, and its label with it."""
    from termbook_mkdocs.plugin import TermbookPlugin

    others = {name for name in vars(TermbookPlugin)
              if name.startswith("on_") and name not in HOOK_NAMES and name != "on_serve"}
    assert set(re.findall(r"\bon_\w+", HOOK_NAMES["other events"])) == others
