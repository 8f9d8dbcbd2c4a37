"""A built site put in place only when its build succeeded, for every front end's build.

The new site is built into a staging folder next to the old one, so the swap is two renames
on one file system; the old site is deleted only after the new one is in place. A failed
build (bad data, a warning under ``--strict``, a crash) leaves the previous site exactly as
it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def staging_folder(target: Path, *, beside: Path | None = None) -> Path:
    """A new, empty folder to build the site for ``target`` in: next to ``target`` (or in
    ``beside``), named after it, readable by a web server. Folders an interrupted build left
    there are removed first."""
    parent = beside or target.parent
    parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{target.name}.building-"
    for leftover in parent.glob(prefix + "*"):
        shutil.rmtree(leftover, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must be able to read it
    return staging


def swap_in(staging: Path, target: Path) -> None:
    """Put ``staging`` where ``target`` is, removing the old ``target`` afterwards. A staging
    folder on another file system is copied next to ``target`` first."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if os.stat(target.parent).st_dev != os.stat(staging.parent).st_dev:
        moved = staging_folder(target)
        shutil.rmtree(moved)
        shutil.copytree(staging, moved)
        shutil.rmtree(staging)
        staging = moved
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.rename(target, old)
    os.rename(staging, target)
    if old is not None:
        shutil.rmtree(old)
