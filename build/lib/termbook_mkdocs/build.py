"""Build the site into a fresh folder and swap it in only when the build succeeds.

``python -m termbook_mkdocs.build [-f mkdocs.yml] [-d site] [mkdocs build options]``

A failed build (bad data, a warning under ``--strict``, a crash) leaves the previously built
site exactly as it was. The new site is built next to the old one, so the swap is two renames
on one file system; the old site is deleted only after the new one is in place.

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
import tempfile
from pathlib import Path

from mkdocs.config import load_config


def _last_commit_time(folder: Path) -> str | None:
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=folder,
                                capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout.strip() or None


def swap_in(staging: Path, target: Path) -> None:
    """Put ``staging`` where ``target`` is, removing the old ``target`` afterwards."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.rename(target, old)
    os.rename(staging, target)
    if old is not None:
        shutil.rmtree(old)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m termbook_mkdocs.build", description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    parser.add_argument("-d", "--site-dir")
    args, mkdocs_args = parser.parse_known_args(argv)

    config_file = Path(args.config_file).resolve()
    if not config_file.is_file():
        parser.error(f"no configuration file at {args.config_file}")
    target = Path(args.site_dir or load_config(str(config_file)).site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    # Remove what an interrupted build may have left behind.
    for leftover in target.parent.glob(f".{target.name}.building-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must be able to read it

    env = dict(os.environ)
    if "SOURCE_DATE_EPOCH" not in env and (epoch := _last_commit_time(config_file.parent)):
        env["SOURCE_DATE_EPOCH"] = epoch
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                             "-f", str(config_file), "-d", str(staging), *mkdocs_args], env=env)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Build failed; the previous site in {target} is unchanged.", file=sys.stderr)
        return result.returncode
    swap_in(staging, target)
    print(f"Site built in {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
