"""What the benchmark measures at each size: builds of both sites, the engine alone, the
``termbook check`` command, where termbook's time goes in a build, and the preview."""

from __future__ import annotations

import functools
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

import yaml

import termbook
from termbook.export import EXPORT_PATHS, HeadHtml, Publication, export_files
from termbook.linking import Linker
from termbook.markup import mask_non_prose
from termbook.render import render_pages
from termbook.scorecard import scorecard_pages
from termbook.tooltips import tooltip_data

from . import preview
from .process import in_fresh_process, run_measured
from .sites import Project
from .synthetic import edit_definition


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def empty_cache(folder: Path) -> dict[str, str]:
    """The environment for a run of termbook that finds nothing in its read cache
    (:mod:`termbook.readcache`): as the first build or check of a fresh clone."""
    if folder.exists():
        shutil.rmtree(folder)
    return {"TERMBOOK_CACHE_DIR": str(folder)}


def build(config_file: Path, site: Path) -> dict:
    """One ``mkdocs build --strict``, with nothing cached (the baseline has no cache)."""
    if site.exists():
        shutil.rmtree(site)
    seconds, rss, cpu_seconds = run_measured(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site)],
        config_file.parent, site.with_suffix(".log"), empty_cache(site.with_suffix(".cache")))
    # The data exports are files to download, not pages; the baseline has none.
    downloads = [site / path for path in EXPORT_PATHS]
    return {"seconds": seconds, "cpu_seconds": cpu_seconds, "peak_rss": rss,
            "site_bytes": folder_bytes(site),
            "download_bytes": sum(p.stat().st_size for p in downloads if p.is_file()),
            "search_index_bytes": (site / "search" / "search_index.json").stat().st_size}


#: Engine runs per size. An engine run takes seconds even at 10,000 terms, so there are
#: enough for the fastest of them to be a run that other work on the machine left alone.
ENGINE_RUNS = 5


def time_engines(projects: dict[int, Path], runs: int) -> dict[int, dict]:
    """The engine's phases (see :func:`engine_phases`) for each size's project, each run in a
    fresh process, as a build starts with nothing cached.

    The sizes take turns, run after run: engine growth compares sizes, and a shared machine
    can run at half speed for minutes, which would otherwise fall on whichever size was being
    measured. Each phase's time is the fastest of the runs: CPU time still grows when other
    work shares the processor's caches, and the fastest run is the one least disturbed.
    The yardstick (see :func:`yardstick`) runs after each, as work that grows exactly
    linearly with N: how much it grows shows what the machine adds to the engine's growth."""
    results: dict[int, list[dict]] = {n: [] for n in projects}
    yardsticks: dict[int, list[float]] = {n: [] for n in projects}
    for run in range(runs):
        for n, project in projects.items():
            print(f"N={n}: engine {run + 1}/{runs}...", file=sys.stderr, flush=True)
            results[n].append(in_fresh_process(engine_phases, project))
            yardsticks[n].append(in_fresh_process(yardstick, project))
    engines = {}
    for n, runs_at_n in results.items():
        phases = {name: min(r["phases"][name] for r in runs_at_n) for name in runs_at_n[0]["phases"]}
        engines[n] = {"seconds": sum(phases.values()), "phases": phases,
                      "yardstick_seconds": min(yardsticks[n])}
    return engines


def engine_phases(project: Path) -> dict:
    """Run the engine once and time each phase, as a build runs them: read and validate every
    file (``check``); render the pages; find the mentions to link on every page that links
    them (the matching the Markdown extension does, on the Markdown with code, headings, HTML
    and links blanked out: the extension's own walk over the element tree is part of Markdown
    conversion); write the data exports, the JSON-LD and the tooltip data. Times are CPU
    time of this process, so that waiting for the processor does not count."""
    guides = [(p.relative_to(project / "docs").as_posix(), p.read_text(encoding="utf-8"))
              for p in sorted((project / "docs").rglob("*.md"))]
    start = time.process_time()
    glossary, findings = termbook.check(termbook.Project.at(project))
    if glossary is None:
        raise SystemExit("\n".join(map(str, findings)))
    loaded = time.process_time()
    pages = render_pages(glossary) + scorecard_pages(glossary)
    rendered = time.process_time()
    linker = Linker(glossary)
    for path, markdown in [(p.path, p.markdown) for p in pages if p.link_mentions] + guides:
        linker.choose(linker.page(path), mask_non_prose(markdown))
    linked = time.process_time()
    publication = Publication("Benchmark", "sha256:" + "0" * 64, site_url="https://example.org/")
    export_files(glossary, publication)
    head = HeadHtml(glossary, publication)
    for page in pages:
        head.of(page.path)
    tooltip_data(glossary)
    exported = time.process_time()
    return {"phases": {"load and validate": loaded - start, "render pages": rendered - loaded,
                       "find mentions": linked - rendered, "data exports": exported - linked}}


def yardstick(project: Path) -> float:
    """The yardstick for the speed of a machine: the seconds PyYAML's C loader takes to read
    and load every entry of ``project``'s glossary (run it in a fresh process)."""
    start = time.perf_counter()
    for path in sorted((project / "glossary").glob("*.yaml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def time_hooks(config_file: Path, site: Path) -> dict[str, float]:
    """Where termbook's time goes in one whole build, with nothing cached as in the measured
    builds: see :func:`hook_times`."""
    return in_fresh_process(hook_times, config_file, site, empty_cache(site.with_suffix(".cache")))


#: What each of the plugin's events does, for the results page.
HOOK_NAMES = {
    "on_config": "read and check the glossary (on_config)",
    "on_files": "render the pages, data exports and JSON-LD (on_files)",
    "linking": "link mentions and `[[id]]` links (Markdown extension)",
    "on_page_context": "\"Mentioned in\" on term pages (on_page_context)",
    "other events": ("other events (on_page_markdown, on_page_content, on_post_page; on_nav, "
                     "on_env, on_post_build; on_startup, on_shutdown, on_build_error)"),
}


def time_preview_hooks(config_file: Path, site: Path, entry: Path) -> dict[str, float]:
    """Where the time of one rebuild of ``mkdocs serve --dirty`` goes, after an edit of
    ``entry``'s definition: see :func:`hook_times`."""
    return in_fresh_process(hook_times, config_file, site, empty_cache(site.with_suffix(".cache")),
                            entry)


#: The address a preview built in :func:`hook_times` is served at.
PREVIEW_URL = "http://127.0.0.1:8000/"


def hook_times(config_file: Path, site: Path, env: dict[str, str],
               edited: Path | None = None) -> dict[str, float]:
    """Build ``config_file`` in this process and measure the CPU time spent in termbook: in
    each of the plugin's events, and in the Markdown extension's processors while MkDocs
    converts the pages. The rest of the build is MkDocs and Material, including their work
    on what termbook adds (links, larger pages). Run it in a fresh process: it changes the
    plugin's class to time it.

    With ``edited``, the build measured is a rebuild of ``mkdocs serve --dirty``: the site is
    built once as the preview starts, ``edited``'s definition changed, and the site built
    again as the preview does after a change (the edit is undone afterwards)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.plugins import CombinedEvent

    from termbook.linking import LinkerExtension
    from termbook_mkdocs.plugin import TermbookPlugin

    os.chdir(config_file.parent)
    os.environ.update(env)
    spent: dict[str, float] = dict.fromkeys(HOOK_NAMES, 0.0)

    def timed(function, name: str):
        @functools.wraps(function)  # keeps each event's priority (mkdocs_priority)
        def run(*args, **kwargs):
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - start
        return run

    for event, handler in [(name, value) for name, value in vars(TermbookPlugin).items()
                           if name.startswith("on_")]:
        name = event if event in spent else "other events"
        # An event with several handlers (each with its priority) has each one timed.
        setattr(TermbookPlugin, event,
                CombinedEvent(*(timed(method, name) for method in handler.methods))
                if isinstance(handler, CombinedEvent) else timed(handler, name))
    extend = LinkerExtension.extendMarkdown

    def extend_and_time(self, md):  # time the processors the extension registers
        extend(self, md)
        for registry, method in ((md.inlinePatterns, "handleMatch"), (md.treeprocessors, "run")):
            for processor in registry:
                if type(processor).__module__ == "termbook.linking":
                    setattr(processor, method, timed(getattr(processor, method), "linking"))

    LinkerExtension.extendMarkdown = extend_and_time

    def built() -> None:
        config = load_config(str(config_file), site_dir=str(site), strict=edited is None)
        if edited is None:
            mkdocs_build(config)
        else:  # as `mkdocs serve --dirty` builds
            config.site_url = PREVIEW_URL
            mkdocs_build(config, serve_url=PREVIEW_URL, dirty=True)

    startup = load_config(str(config_file), site_dir=str(site))
    # As `mkdocs build` and `mkdocs serve --dirty` start.
    startup.plugins.on_startup(command="build" if edited is None else "serve", dirty=edited is not None)
    undo = None
    try:
        if edited is not None:
            built()
            spent.update(dict.fromkeys(spent, 0.0))
            undo = edit_definition(edited, "Edited for the preview's timing.")
        start = time.process_time()
        built()
        spent["whole build"] = time.process_time() - start
    finally:
        if undo is not None:
            undo()
        startup.plugins.on_shutdown()
    return spent


def generator_seconds(config_file: Path, entry: Path) -> float:
    """Wall seconds that ``termbook generate --watch``, the Zensical preview's generator, takes
    to write what an edit of ``entry``'s definition changes (run it in a fresh process)."""
    from termbook.pipeline import collector_paused
    from termbook.site_folder import Generator, read_settings

    with tempfile.TemporaryDirectory() as out:
        generator = Generator(read_settings(config_file), Path(out) / "generated")
        generator.run()
        undo = edit_definition(entry, "Edited for the preview's timing.")
        try:
            start = time.perf_counter()
            with collector_paused():  # as the command runs it
                generator.run()
            return time.perf_counter() - start
        finally:
            undo()


def time_check(project: Path, runs: int) -> dict[str, float]:
    """Median wall and CPU time of the ``termbook check`` command, interpreter start
    included: with nothing in its read cache (as on a fresh clone), and again after one entry
    is edited (as a contributor checks an edit: only that entry is parsed again); and the
    yardstick (see :func:`yardstick`), run in turn with them so that all see the same machine.
    The target is on wall time; CPU time shows how much of it other work on the machine took."""
    command = [sys.executable, "-m", "termbook.cli", "check"]
    entry = min((project / "glossary").glob("*.yaml"))
    cold, edited, yardsticks = [], [], []
    for run in range(runs):
        cache = empty_cache(project / "check-cache")
        cold.append(run_measured(command, project, project / "check.log", cache))
        undo = edit_definition(entry, f"Checked again as number {run + 1}.")
        try:
            edited.append(run_measured(command, project, project / "check-edited.log", cache))
        finally:
            undo()
        yardsticks.append(in_fresh_process(yardstick, project))
    return {"seconds": statistics.median(t[0] for t in cold),
            "cpu_seconds": statistics.median(t[2] for t in cold),
            "edited_seconds": statistics.median(t[0] for t in edited),
            "edited_cpu_seconds": statistics.median(t[2] for t in edited),
            "yardstick_seconds": statistics.median(yardsticks)}


#: Measurements a run can leave out (``--without``).
OPTIONAL = ("hooks", "preview")


def measure_size(project: Project, runs: int, engine: dict, preview_runs: int | None = None, *,
                 without: Iterable[str] = (),
                 preview_engines: Iterable[str] = tuple(preview.ENGINES)) -> dict:
    """Everything measured at one size but the engine (measured across sizes, given here),
    less what ``without`` names (see :data:`OPTIONAL`); the preview with each of
    ``preview_engines`` (see :data:`benchmarks.preview.ENGINES`)."""
    n = project.n
    print(f"N={n}: check...", file=sys.stderr, flush=True)
    checked = time_check(project.folder, max(runs, 3))
    builds: dict[str, list[dict]] = {"ours": [], "baseline": []}
    for run in range(runs):
        # Alternate which goes first, so drift (caches, clock boost) does not favour one side.
        order = ["baseline", "ours"] if run % 2 == 0 else ["ours", "baseline"]
        for side in order:
            result = build(project.configs[side]["mkdocs"], project.folder / f"site-{side}")
            builds[side].append(result)
            print(f"N={n}: build {run + 1}/{runs} {side}: {result['seconds']:.2f} s",
                  file=sys.stderr, flush=True)
    optional = {}
    if "hooks" not in without:
        print(f"N={n}: where termbook's time goes...", file=sys.stderr, flush=True)
        optional["termbook_cpu_seconds"] = time_hooks(project.configs["ours"]["mkdocs"],
                                                      project.folder / "site-hooks")
    if "preview" not in without:
        optional["preview_seconds"] = preview.measure(project, preview_runs, preview_engines)
        entry = min((project.folder / "glossary").glob("*.yaml"))
        if "hooks" not in without:
            print(f"N={n}: where the preview's time goes...", file=sys.stderr, flush=True)
            optional["preview_termbook_cpu_seconds"] = time_preview_hooks(
                project.configs["ours"]["mkdocs"], project.folder / "site-preview-hooks", entry)
            optional["generator_seconds"] = in_fresh_process(
                generator_seconds, project.configs["ours"]["mkdocs"], entry)
    summary = {side: _summarise(results) for side, results in builds.items()}
    ratios = {key: summary["ours"][key] / summary["baseline"][key]
              for key in ("seconds", "cpu_seconds", "peak_rss", "site_bytes", "search_index_bytes")}
    ratios["site_bytes_without_downloads"] = (
        (summary["ours"]["site_bytes"] - summary["ours"]["download_bytes"])
        / (summary["baseline"]["site_bytes"] - summary["baseline"]["download_bytes"]))
    return {"n": n, "pages": project.pages, "runs": runs, "engine": engine,
            "check_seconds": checked["seconds"], "check_cpu_seconds": checked["cpu_seconds"],
            "check_edited_seconds": checked["edited_seconds"],
            "check_edited_cpu_seconds": checked["edited_cpu_seconds"],
            "yardstick_seconds": checked["yardstick_seconds"],
            "build": summary, "ratio": ratios, **optional}


def _summarise(results: list[dict]) -> dict:
    return {"seconds": statistics.median(r["seconds"] for r in results),
            "all_seconds": [round(r["seconds"], 3) for r in results],
            "cpu_seconds": statistics.median(r["cpu_seconds"] for r in results),
            "peak_rss": statistics.median(r["peak_rss"] for r in results),
            # The site is the same every run; take the last.
            "site_bytes": results[-1]["site_bytes"],
            "download_bytes": results[-1]["download_bytes"],
            "search_index_bytes": results[-1]["search_index_bytes"]}
