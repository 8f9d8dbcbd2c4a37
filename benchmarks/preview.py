"""Preview latency: from saving one entry to its updated page being served by a preview
server, for our site and the baseline.

Each preview engine is one entry of :data:`ENGINES`: which site generator's configuration file
it serves (see :data:`benchmarks.sites.CONFIG_FILES`), and the command that starts it for our
site or the baseline on an address. The measuring is the same for every engine: wait until
the server serves the edited term's page, then, each run, add a sentence with a new marker
word to that term's definition (the YAML entry for our site, the Markdown page for the
baseline), save it, and ask for the page over HTTP until the marker is in it. Every wait is
bounded. A server that stops, or does not serve in time, leaves that engine and site not
measured, with the reason, and the run goes on.
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from termbook.layout import GLOSSARY_DIR

from .process import build_env
from .sites import Project
from .synthetic import edit_definition

#: How often the page is asked for while waiting (seconds).
POLL_INTERVAL = 0.1
#: The longest wait for a server's first build, and for one edit to show (seconds): far more
#: than a build of 10,000 terms takes, so that only a broken server runs into them.
FIRST_BUILD_TIMEOUT = 1800.0
EDIT_TIMEOUT = 900.0
#: How long a server may take to stop once asked to (seconds).
STOP_TIMEOUT = 30.0


def mkdocs_serve(config_file: Path, ours: bool, address: str) -> list[str]:
    """``mkdocs serve --dirty`` as a contributor runs it (``scripts/serve``). Our site's
    configuration has the termbook plugin, which has MkDocs convert and write again only the
    pages a change affects; the baseline's has not, and MkDocs' own rule rebuilds the edited
    page alone."""
    return [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(config_file), "-a", address]


def zensical_preview(config_file: Path, ours: bool, address: str) -> list[str]:
    """Zensical's preview. For our site ``termbook zensical serve`` (``scripts/serve --engine
    zensical``): ``termbook generate --watch`` rewrites the files an edit changes and
    ``zensical serve`` rebuilds their pages. The baseline is plain Markdown, with nothing to
    generate: ``zensical serve`` alone. (Zensical answers a request only once its first build
    is done, as ``mkdocs serve`` does, so the first page served is of the whole site.)"""
    serve = ["termbook.cli", "zensical", "serve"] if ours else ["zensical", "serve"]
    return [sys.executable, "-m", *serve, "-f", str(config_file), "-a", address]


class Engine(NamedTuple):
    """A preview server."""
    #: The site generator whose configuration file of a site it serves.
    generator: str
    #: Its command for a site's configuration file (our site's or not), serving on an address.
    command: Callable[[Path, bool, str], list[str]]


#: Each preview engine, by the name the results give it.
ENGINES: dict[str, Engine] = {"mkdocs serve --dirty": Engine("mkdocs", mkdocs_serve),
                              "Zensical preview": Engine("zensical", zensical_preview)}


def default_runs(n: int) -> int:
    """Edits per engine and site: three up to 1,000 terms; one at 10,000, where a server's
    first build alone takes minutes."""
    return 3 if n <= 1000 else 1


class PreviewFailed(Exception):
    """A preview server stopped, or did not serve what was asked in time; says why."""


def measure(project: Project, runs: int | None = None,
            engines: Iterable[str] = tuple(ENGINES)) -> dict[str, dict[str, dict]]:
    """Preview latency of each of ``engines`` for both sites: {engine: {"ours"|"baseline":
    {"seconds": median, "all_seconds": [...]}}}, or ``{"failed": why}`` for a site whose
    server failed (see :class:`PreviewFailed`)."""
    term_id = min(p.stem for p in (project.folder / "glossary").glob("*.yaml"))
    baseline_docs = project.configs["baseline"]["mkdocs"].parent / "docs"
    edits = {"ours": _entry_edit(project.folder / "glossary" / f"{term_id}.yaml"),
             "baseline": _page_edit(baseline_docs / GLOSSARY_DIR / f"{term_id}.md")}
    found: dict[str, dict[str, dict]] = {}
    for name in engines:
        engine = ENGINES[name]
        found[name] = {}
        for side, edit in edits.items():
            print(f"N={project.n}: preview with {name}, {side}...", file=sys.stderr, flush=True)
            config_file = project.configs[side][engine.generator]
            log = project.folder / f"preview-{engine.generator}-{side}.log"
            try:
                seconds = latency(
                    functools.partial(engine.command, config_file, side == "ours"),
                    config_file.parent, f"/{GLOSSARY_DIR}/{term_id}/", edit,
                    runs or default_runs(project.n), log)
            except PreviewFailed as failed:
                print(f"N={project.n}: preview with {name}, {side}: not measured: {failed} "
                      f"(see {log})", file=sys.stderr, flush=True)
                found[name][side] = {"failed": str(failed)}
                continue
            found[name][side] = {"seconds": statistics.median(seconds),
                                 "all_seconds": [round(s, 3) for s in seconds]}
    return found


Edit = Callable[[str], Callable[[], None]]
"""Adds a sentence with a marker word to a page's source; returns how to undo it."""


def _entry_edit(entry: Path) -> Edit:
    return lambda marker: edit_definition(entry, f"Edited as {marker}.")


def _page_edit(page: Path) -> Edit:
    def edit(marker: str) -> Callable[[], None]:
        original = page.read_bytes()
        page.write_text(original.decode("utf-8") + f"\nEdited as {marker}.\n", encoding="utf-8")
        return lambda: page.write_bytes(original)
    return edit


def latency(command: Callable[[str], list[str]], cwd: Path, path: str, edit: Edit, runs: int,
            log: Path) -> list[float]:
    """Seconds from saving each of ``runs`` edits to the page at ``path`` being served with
    it, by the server that ``command`` (given the address to serve on) starts in ``cwd``."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}{path}"
    undo: Callable[[], None] | None = None
    with _serving(command(f"127.0.0.1:{port}"), cwd, log) as server:
        try:
            _wait_for(url, lambda page: True, FIRST_BUILD_TIMEOUT, server, log)
            time.sleep(1)  # the server watches the files once it serves; let the watch settle
            seconds = []
            for run in range(runs):
                marker = f"Zqxmarker{run + 1}"
                undo = edit(marker)
                saved = time.perf_counter()
                _wait_for(url, lambda page, marker=marker: marker in page, EDIT_TIMEOUT,
                          server, log)
                seconds.append(time.perf_counter() - saved)
                undo()
                undo = None
                if run + 1 < runs:  # the undo is a change too: the next edit waits until it is served
                    _wait_for(url, lambda page, marker=marker: marker not in page,
                              EDIT_TIMEOUT, server, log)
            return seconds
        finally:
            if undo is not None:
                undo()


@contextlib.contextmanager
def _serving(command: list[str], cwd: Path, log: Path) -> Iterator[subprocess.Popen]:
    """``command`` running, its output in ``log``, until the block ends. A preview server can
    start processes of its own (the Zensical preview runs two), so it runs in a process group
    of its own, and is stopped as Ctrl-C stops it in a terminal: SIGINT to the whole group;
    then SIGKILL to whatever in it is still running once the server has stopped, or after
    :data:`STOP_TIMEOUT`."""
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=cwd, env=build_env(), stdout=output,
                                  stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield server
    finally:
        _signal_group(server, signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=STOP_TIMEOUT)
        _signal_group(server, signal.SIGKILL)
        server.wait()


def _signal_group(server: subprocess.Popen, signal_number: int) -> None:
    """Send ``signal_number`` to every process in ``server``'s group, if any is left."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal_number)


def _wait_for(url: str, ready: Callable[[str], bool], timeout: float,
              server: subprocess.Popen, log: Path) -> None:
    """Ask for ``url`` until the page it serves is ``ready``, at most ``timeout`` seconds;
    :class:`PreviewFailed` when the server stops first or the time runs out."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            raise PreviewFailed(f"the server stopped (exit code {server.returncode}); "
                                f"its output ends: {_last_line(log)}")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if ready(response.read().decode("utf-8")):
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass  # not serving yet, or rebuilding
        time.sleep(POLL_INTERVAL)
    raise PreviewFailed(f"{url} was not ready after {timeout:.0f} s; its output ends: {_last_line(log)}")


def _last_line(log: Path, limit: int = 300) -> str:
    """The last line a server wrote (its error, when it stopped), at most ``limit`` characters."""
    lines = [line.strip() for line in log.read_text(errors="replace").splitlines() if line.strip()]
    return (lines[-1][:limit] if lines else "(nothing)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
