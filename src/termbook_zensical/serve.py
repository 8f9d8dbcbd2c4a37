"""The fast preview: ``termbook generate --watch`` and ``zensical serve``, side by side.

``python -m termbook_zensical.serve [-f zensical.yml] [zensical serve options]``

The pages are generated once (bad data stops here, with the findings), then a generator
keeps watching the glossary, the articles and ``docs/`` and rewrites, in place, only the
files a change affects; Zensical's own watcher sees those and rebuilds only their pages.
The folder is never deleted and made again, which Zensical's watcher would lose track of.
Stopping one process stops the other.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from termbook.generate import SettingsError

from .build import generate, zensical_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m termbook_zensical.serve",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", default="zensical.yml")
    args, serve_args = parser.parse_known_args(argv)
    config_file = Path(args.config_file).resolve()
    if not config_file.is_file():
        parser.error(f"no configuration file at {args.config_file}")
    try:
        mkdocs_config, docs_dir, _ = zensical_settings(config_file)
        status = generate(config_file)
    except SettingsError as problem:
        print(f"termbook: error: {problem}", file=sys.stderr)
        return 2
    if status != 0:
        return status
    watcher = subprocess.Popen([sys.executable, "-m", "termbook.cli", "generate", "--watch",
                                "--quiet", "-f", str(mkdocs_config), "--out", str(docs_dir)],
                               cwd=config_file.parent)
    try:
        server = subprocess.Popen([sys.executable, "-m", "zensical", "serve",
                                   "-f", str(config_file), *serve_args], cwd=config_file.parent)
        try:
            while server.poll() is None and watcher.poll() is None:
                try:
                    server.wait(timeout=0.5)
                except subprocess.TimeoutExpired:
                    pass
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


if __name__ == "__main__":
    sys.exit(main())
