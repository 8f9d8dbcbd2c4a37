"""How long a preview server takes to show an edited entry: from saving the file to the
server answering with the updated term page.

``python scripts/preview_latency.py [--sizes 1000,10000] [--edits 3] [--servers mkdocs,zensical]``

For each size it makes the benchmark's synthetic project (``benchmarks.synthetic``: N
entries, five articles, 20 long pages), starts a preview server on it, waits
until the server answers, then edits one entry's short definition ``--edits`` times (a new
marker each time) and polls the term page every 20 ms until the marker is in it. The
servers:

- ``mkdocs``: ``mkdocs serve`` with the termbook plugin (``scripts/serve``), which rebuilds
  the whole site after any change;
- ``zensical``: ``python -m termbook_zensical.serve`` (``scripts/serve --engine zensical``):
  ``termbook generate --watch`` rewrites the files the edit changes, and ``zensical serve``
  rebuilds those pages.

:func:`measure` returns the numbers; ``main`` prints a report. Other scripts (the build
benchmark) import :func:`measure`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks import sites, synthetic  # noqa: E402  (the build benchmark's projects)

SERVERS = ("mkdocs", "zensical")
POLL_SECONDS = 0.02


def make_project(folder: Path, n: int) -> Path:
    """The benchmark's synthetic project of ``n`` terms in ``folder``, with an mkdocs.yml
    (the repository's theme, extensions and plugins) and a zensical.yml that inherits it."""
    from termbook import load
    from termbook.layout import SCORECARD_PAGE
    from termbook.scorecard import scorecard_pages

    synthetic.generate(folder, n)
    project_config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    pages = scorecard_pages(load(folder / "glossary", folder / "seeds", root=folder))
    nav = sites.nav_for(folder, has_openness=any(p.path == SCORECARD_PAGE for p in pages))
    config = sites.site_config(project_config, with_termbook=True, nav=nav)
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    zensical = yaml.safe_load((ROOT / "zensical.yml").read_text(encoding="utf-8"))
    zensical["theme"]["custom_dir"] = str(ROOT / zensical["theme"]["custom_dir"])
    (folder / "zensical.yml").write_text(yaml.safe_dump(zensical, sort_keys=False), encoding="utf-8")
    return folder


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def _command(server: str, project: Path, address: str) -> list[str]:
    if server == "mkdocs":
        return [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"),
                "-a", address]
    return [sys.executable, "-m", "termbook_zensical.serve", "-f", str(project / "zensical.yml"),
            "-a", address]


@contextlib.contextmanager
def _running(command: list[str], cwd: Path, log: Path) -> Iterator[subprocess.Popen]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT,
                                   env=env, start_new_session=True)
        try:
            yield process
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _wait_for(url: str, marker: str, process: subprocess.Popen, timeout: float) -> float:
    """Seconds until ``url`` answers with ``marker`` in it."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped (exit {process.returncode})")
        body = _get(url)
        if body is not None and marker in body:
            return time.perf_counter() - started
        time.sleep(POLL_SECONDS)
    raise TimeoutError(f"{url} did not show {marker!r} within {timeout:.0f} s")


def measure(project: Path, server: str, *, edits: int = 3, timeout: float = 900,
            log: Path | None = None) -> dict:
    """Start ``server`` ("mkdocs" or "zensical") on ``project`` (see :func:`make_project`),
    edit one entry ``edits`` times, and return the seconds from each save to the updated
    page being served: ``{"server", "startup_seconds", "edit_seconds": [...],
    "median_seconds"}``."""
    if server not in SERVERS:
        raise ValueError(f"server must be one of {', '.join(SERVERS)}")
    entry = sorted((project / "glossary").glob("*.yaml"))[0]
    term_id = entry.stem
    original = entry.read_text(encoding="utf-8")
    address = f"127.0.0.1:{_free_port()}"
    url = f"http://{address}/glossary/{term_id}/"
    log = log or project / f"preview-{server}.log"
    times = []
    try:
        with _running(_command(server, project, address), project, log) as process:
            started = time.perf_counter()
            _wait_for(url, "</html>", process, timeout)
            startup = time.perf_counter() - started
            time.sleep(1)  # let the watchers settle after the first build
            for number in range(1, edits + 1):
                marker = f"Edited{number}x{time.time_ns()}"
                data = yaml.load(original, Loader=yaml.BaseLoader)  # every value as text
                data["short"] = f"{marker} {data['short']}"[:200]
                saved = time.perf_counter()
                synthetic.write_yaml(entry, data)
                _wait_for(url, marker, process, timeout)
                times.append(time.perf_counter() - saved)
                time.sleep(1)
    finally:
        entry.write_text(original, encoding="utf-8")
    return {"server": server, "startup_seconds": startup, "edit_seconds": times,
            "median_seconds": statistics.median(times)}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000",
                        help="comma-separated numbers of terms (default: 1000,10000)")
    parser.add_argument("--servers", default=",".join(SERVERS),
                        help="comma-separated: mkdocs, zensical (default: both)")
    parser.add_argument("--edits", type=int, default=3, help="edits timed per server and size")
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "work" / "preview",
                        help="where the synthetic projects are made")
    parser.add_argument("--timeout", type=float, default=900,
                        help="seconds to wait for the first page, and for each edit to show")
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    servers = args.servers.split(",")
    results = []
    for n in sizes:
        project = args.work.resolve() / str(n)
        print(f"N={n}: generating the project...", file=sys.stderr, flush=True)
        make_project(project, n)
        for server in servers:
            print(f"N={n}: {server}...", file=sys.stderr, flush=True)
            result = measure(project, server, edits=args.edits, timeout=args.timeout)
            results.append({"terms": n, **result})
            print(f"N={n}: {server}: {result['median_seconds']:.2f} s", file=sys.stderr, flush=True)
        shutil.rmtree(project / "build", ignore_errors=True)
    print(f"\nEdit of one entry to the updated page served ({os.cpu_count()} cores; "
          f"median of {args.edits} edits)\n")
    print(f"{'terms':>6}  {'server':<9} {'first page':>11}  {'edit to page':>13}  each edit")
    for row in results:
        each = ", ".join(f"{s:.2f}" for s in row["edit_seconds"])
        print(f"{row['terms']:>6}  {row['server']:<9} {row['startup_seconds']:>9.1f} s  "
              f"{row['median_seconds']:>11.2f} s  {each}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
