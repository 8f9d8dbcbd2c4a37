"""Build the site into a fresh folder and swap it in only when the build succeeds.

``python -m termbook_mkdocs.build [-f mkdocs.yml] [-d site] [mkdocs build options]``

The site folder is replaced whole, so it may not be the project, its pages, entries or
articles, nor hold any of them or a git repository (:func:`termbook.output_folder.protected`).

A failed build (bad data, a warning under ``--strict``, a crash) leaves the previously built
site exactly as it was (:mod:`termbook.sitedir`).

Builds are reproducible: when ``SOURCE_DATE_EPOCH`` is not set, it is set to the time of the
last git commit, so the only dated files (``sitemap.xml`` and ``sitemap.xml.gz``) do not
change from one day to the next.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from termbook.characters import printable
from termbook.output_folder import protected, replaceable
from termbook.site_folder import settings_of
from termbook.siteconfig import SiteConfigError, read_site_config
from termbook.sitedir import staging_folder, swap_in


def _last_commit_time(folder: Path) -> str | None:
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=folder,
                                capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout.strip() or None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m termbook_mkdocs.build", description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    parser.add_argument("-d", "--site-dir")
    args, mkdocs_args = parser.parse_known_args(argv)

    config_file = Path(args.config_file).resolve()
    if not config_file.is_file():
        parser.error(printable(f"no configuration file at {args.config_file}"))
    try:
        # Its !!python/name tags are not imported: only its folders are read here.
        config = read_site_config(config_file, import_names=False)
        sources = settings_of(config).sources()
    except SiteConfigError as unreadable:
        print(f"termbook: error: {printable(str(unreadable))}", file=sys.stderr)
        return 2
    target = Path(args.site_dir or config.folder("site_dir", "site")).resolve()
    problem = protected(target, config_file.parent, sources)
    if problem:
        print(f"termbook: error: -d: {printable(problem)}", file=sys.stderr)
        return 2
    staging = staging_folder(target)

    env = dict(os.environ)
    if "SOURCE_DATE_EPOCH" not in env and (epoch := _last_commit_time(config_file.parent)):
        env["SOURCE_DATE_EPOCH"] = epoch
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                             "-f", str(config_file), "-d", str(staging), *mkdocs_args], env=env)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(printable(f"Build failed; the previous site in {target} is unchanged."), file=sys.stderr)
        return result.returncode
    problem = replaceable(target, staging)
    if problem:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"termbook: error: -d: {printable(problem)}; the site there is unchanged", file=sys.stderr)
        return 2
    swap_in(staging, target)
    print(printable(f"Site built in {target}"), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
