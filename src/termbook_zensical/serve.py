"""``termbook zensical serve``: the fast preview, ``termbook generate --watch`` and ``zensical
serve`` side by side.

The generator writes every page first (Zensical starts once it has; when bad data stops
that first run and there is no folder from an earlier run, the findings are shown and the
preview stops), then keeps watching the glossary, the articles and ``docs/`` and rewrites,
in place, only the files a change affects; Zensical's own watcher sees those and rebuilds
only their pages. The folder is never deleted and made again, which Zensical's watcher would
lose track of. Stopping one process stops the other. The preview's pages leave out the head
data (JSON-LD) that ``termbook zensical build`` adds to the built pages.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from typing import IO

from .site import EXIT_BAD_DATA, ZensicalSite, zensical_config


def serve(site: ZensicalSite, serve_args: Sequence[str]) -> int:
    """Preview ``site`` until Ctrl+C (or SIGTERM); ``serve_args`` go to ``zensical serve``."""
    signal.signal(signal.SIGTERM, _interrupt)  # stop both processes and clean up, as on Ctrl+C
    watcher = subprocess.Popen([sys.executable, "-m", "termbook.cli", "generate", "--watch",
                                "--quiet", "-f", str(site.mkdocs_config),
                                "--out", str(site.generated_dir)],
                               cwd=site.project_dir, stderr=subprocess.PIPE, text=True)
    first_run_done = threading.Event()
    threading.Thread(target=_relay, args=(watcher.stderr, first_run_done), daemon=True).start()
    try:
        while not first_run_done.wait(0.2):
            if watcher.poll() is not None:
                return watcher.returncode or EXIT_BAD_DATA
        if not site.generated_dir.is_dir():  # the first run found problems (printed above)
            return EXIT_BAD_DATA
        with zensical_config(site) as config:
            server = subprocess.Popen([sys.executable, "-m", "zensical", "serve",
                                       "-f", str(config), *serve_args], cwd=site.project_dir)
            try:
                while server.poll() is None and watcher.poll() is None:
                    time.sleep(0.5)
            finally:
                if server.poll() is None:
                    server.terminate()
                    server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        if watcher.poll() is None:
            watcher.terminate()
            watcher.wait()
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _relay(stream: IO[str], first_run_done: threading.Event) -> None:
    """Show the generator's messages; note when its first run is over."""
    for line in stream:
        sys.stderr.write(line)
        sys.stderr.flush()
        if line.startswith("watching for changes"):
            first_run_done.set()
