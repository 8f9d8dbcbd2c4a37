"""Preview latency: from saving one entry to its updated page being served by a preview
server, for our site and the baseline.

Each preview engine is one function in :data:`ENGINES`: given a site's configuration file and
a port on 127.0.0.1, it starts that engine's preview server and returns the process. The
measuring is the same for every engine: wait until the server serves the edited term's page,
then, each run, add a sentence with a new marker word to that term's definition (the YAML
entry for our site, the Markdown page for the baseline), save it, and ask for the page over
HTTP until the marker is in it. Every wait is bounded.
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import yaml

from termbook.layout import GLOSSARY_DIR

from .process import build_env
from .sites import Project
from .synthetic import write_yaml

#: How often the page is asked for while waiting (seconds).
POLL_INTERVAL = 0.1
#: The longest wait for a server's first build, and for one edit to show (seconds): far more
#: than a build of 10,000 terms takes, so that only a broken server runs into them.
FIRST_BUILD_TIMEOUT = 1800.0
EDIT_TIMEOUT = 900.0


def mkdocs_serve(config_file: Path, port: int, log: Path) -> subprocess.Popen:
    """``mkdocs serve`` as a contributor runs it: it rebuilds the site when a file changes."""
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config_file),
         "-a", f"127.0.0.1:{port}"],
        cwd=config_file.parent, env=build_env(), stdout=log.open("w"), stderr=subprocess.STDOUT)


#: Each preview engine: starts its server for a configuration file on a port, logging to a file.
ENGINES: dict[str, Callable[[Path, int, Path], subprocess.Popen]] = {"mkdocs serve": mkdocs_serve}


def default_runs(n: int) -> int:
    """Edits per engine and site: three up to 1,000 terms; one at 10,000, where each edit
    makes the server rebuild the whole site, over a minute."""
    return 3 if n <= 1000 else 1


def measure(project: Project, runs: int | None = None) -> dict[str, dict[str, dict]]:
    """Preview latency of each engine for both sites: {engine: {"ours"|"baseline":
    {"seconds": median, "all_seconds": [...]}}}."""
    term_id = min(p.stem for p in (project.folder / "glossary").glob("*.yaml"))
    edits = {"ours": (project.ours_config, _entry_edit(project.folder / "glossary" / f"{term_id}.yaml")),
             "baseline": (project.baseline_config, _page_edit(
                 project.baseline_config.parent / "docs" / GLOSSARY_DIR / f"{term_id}.md"))}
    found: dict[str, dict[str, dict]] = {}
    for engine, start in ENGINES.items():
        found[engine] = {}
        for side, (config_file, edit) in edits.items():
            print(f"N={project.n}: preview with {engine}, {side}...", file=sys.stderr, flush=True)
            seconds = latency(start, config_file, f"/{GLOSSARY_DIR}/{term_id}/", edit,
                              runs or default_runs(project.n),
                              project.folder / f"preview-{side}.log")
            found[engine][side] = {"seconds": statistics.median(seconds),
                                   "all_seconds": [round(s, 3) for s in seconds]}
    return found


Edit = Callable[[str], Callable[[], None]]
"""Adds a sentence with a marker word to a page's source; returns how to undo it."""


def _entry_edit(entry: Path) -> Edit:
    def edit(marker: str) -> Callable[[], None]:
        original = entry.read_bytes()
        data = yaml.safe_load(original)
        data["definition"] = data["definition"].rstrip("\n") + f"\n\nEdited as {marker}.\n"
        write_yaml(entry, data)
        return lambda: entry.write_bytes(original)
    return edit


def _page_edit(page: Path) -> Edit:
    def edit(marker: str) -> Callable[[], None]:
        original = page.read_bytes()
        page.write_text(original.decode("utf-8") + f"\nEdited as {marker}.\n", encoding="utf-8")
        return lambda: page.write_bytes(original)
    return edit


def latency(start: Callable[[Path, int, Path], subprocess.Popen], config_file: Path, path: str,
            edit: Edit, runs: int, log: Path) -> list[float]:
    """Seconds from saving each of ``runs`` edits to the page at ``path`` being served with
    it, by the server ``start`` starts for ``config_file``."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}{path}"
    server = start(config_file, port, log)
    undo: Callable[[], None] | None = None
    try:
        _wait_for(url, lambda page: True, FIRST_BUILD_TIMEOUT, server, log)
        time.sleep(1)  # the server watches the files once it serves; let the watch settle
        seconds = []
        for run in range(runs):
            marker = f"Zqxmarker{run + 1}"
            undo = edit(marker)
            saved = time.perf_counter()
            _wait_for(url, lambda page: marker in page, EDIT_TIMEOUT, server, log)
            seconds.append(time.perf_counter() - saved)
            undo()
            undo = None
            if run + 1 < runs:  # the undo is a change too: the next edit waits until it is served
                _wait_for(url, lambda page: marker not in page, EDIT_TIMEOUT, server, log)
        return seconds
    finally:
        if undo is not None:
            undo()
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_for(url: str, ready: Callable[[str], bool], timeout: float,
              server: subprocess.Popen, log: Path) -> None:
    """Ask for ``url`` until the page it serves is ``ready``, at most ``timeout`` seconds."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"benchmark: the preview server stopped; see {log}:\n"
                             + log.read_text()[-3000:])
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if ready(response.read().decode("utf-8")):
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass  # not serving yet, or rebuilding
        time.sleep(POLL_INTERVAL)
    raise SystemExit(f"benchmark: {url} was not ready after {timeout:.0f} s; see {log}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
