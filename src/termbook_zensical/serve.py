"""The fast preview: ``termbook generate --watch`` and ``zensical serve``, side by side.

``python -m termbook_zensical.serve [-f zensical.yml] [zensical serve options]``

The generator writes every page first (Zensical starts once it has; when bad data stops
that first run and there is no folder from an earlier run, the findings are shown and the
preview stops), then keeps watching the glossary, the articles and ``docs/`` and rewrites,
in place, only the files a change affects; Zensical's own watcher sees those and rebuilds only their pages.
The folder is never deleted and made again, which Zensical's watcher would lose track of.
Stopping one process stops the other.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
import time
from pathlib import Path

from termbook.characters import printable
from termbook.cli import EXIT_BAD_DATA, EXIT_USAGE
from termbook.site_folder import SettingsError

from .build import zensical_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m termbook_zensical.serve",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", default="zensical.yml")
    args, serve_args = parser.parse_known_args(argv)
    config_file = Path(args.config_file).resolve()
    if not config_file.is_file():
        parser.error(printable(f"no configuration file at {args.config_file}"))
    try:
        mkdocs_config, docs_dir, _ = zensical_settings(config_file)
    except SettingsError as problem:
        print(f"termbook: error: {printable(str(problem))}", file=sys.stderr)
        return EXIT_USAGE
    watcher = subprocess.Popen([sys.executable, "-m", "termbook.cli", "generate", "--watch",
                                "--quiet", "-f", str(mkdocs_config), "--out", str(docs_dir)],
                               cwd=config_file.parent, stderr=subprocess.PIPE, text=True)
    first_run_done = threading.Event()
    threading.Thread(target=_relay, args=(watcher.stderr, first_run_done), daemon=True).start()
    try:
        while not first_run_done.wait(0.2):
            if watcher.poll() is not None:
                return watcher.returncode or EXIT_BAD_DATA
        if not docs_dir.is_dir():  # the first run found problems (printed above)
            return EXIT_BAD_DATA
        server = subprocess.Popen([sys.executable, "-m", "zensical", "serve",
                                   "-f", str(config_file), *serve_args], cwd=config_file.parent)
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


def _relay(stream, first_run_done: threading.Event) -> None:
    """Show the generator's messages; note when its first run is over."""
    for line in stream:
        sys.stderr.write(line)
        sys.stderr.flush()
        if line.startswith("watching for changes"):
            first_run_done.set()


if __name__ == "__main__":
    sys.exit(main())
