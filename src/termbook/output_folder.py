"""Folders that commands write into: never one of the project's own, and never a file that
termbook did not write.

``termbook generate --out DIR`` (and the Zensical build, which generates into its
``docs_dir``) keeps in DIR a list of the files it wrote, :data:`MANIFEST`, and removes only
files on that list: a ``CNAME`` or a ``notes/`` folder someone keeps there is never touched.
It writes into a folder that is new, empty, or has the list; a folder that holds other files
is refused before anything is written, and so is a file termbook would replace without
having written it.

Every command that writes a folder (``generate``, ``scripts/build -d``, the offline and
Zensical builds) first asks :func:`protected`: the project folder, its hand-written pages,
its entries and articles, and any folder holding a ``.git`` are never an output folder, nor
inside one (a build replaces its whole output folder). ``termbook import --into DIR`` asks
:func:`overlap`, the same rule for the project's own folders (git's among them); a folder
that merely holds a ``.git`` is allowed there, as an import adds entries and replaces nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from .characters import printable

#: The list of files termbook wrote into an output folder, kept in that folder.
MANIFEST = ".termbook-manifest.json"


class FolderRefused(Exception):
    """The folder is not one termbook may write; the message says why and what to do."""

    def __init__(self, message: str):
        super().__init__(printable(message))  # paths are the user's: shown escaped


def protected(out: Path, project: Path, sources: Iterable[tuple[str, Path]]) -> str | None:
    """Why ``out`` may not be written or replaced by a build of ``project``, or None.
    ``sources``: the project's own folders, each with what it holds ("the hand-written
    pages", "the glossary's entries" ...)."""
    out = out.resolve()
    problem = overlap(out, project, sources, "write into a folder of its own, such as site/ or build/")
    if problem is not None:
        return problem
    if out.is_file():
        return f"{out} is a file, not a folder"
    repository = _repository_in(out)
    if repository is not None:
        return (f"{out} holds a git repository ({repository}), which a build would replace; "
                "build into a folder of its own and copy the site from there")
    return None


def overlap(out: Path, project: Path, sources: Iterable[tuple[str, Path]], fix: str) -> str | None:
    """Why ``out`` is the project folder or holds it, or is, holds or is inside one of the
    project's own folders ``sources`` (see :func:`protected`), ending with ``fix``; or None."""
    out, project = out.resolve(), project.resolve()
    if out == project or out in project.parents:
        return (f"{out} is the project folder" if out == project
                else f"{out} holds the project ({project})") + f"; {fix}"
    for what, folder in sources:
        folder = folder.resolve()
        if out == folder or out in folder.parents:
            return f"{out} holds {what}" + ("" if out == folder else f" ({folder})") + f"; {fix}"
        if folder in out.parents:
            return f"{out} is inside {what} ({folder}), where nothing is ever written; {fix}"
    return None


def _repository_in(folder: Path) -> Path | None:
    """The first ``.git`` (folder or file) in ``folder`` or below it."""
    if not folder.is_dir():
        return None
    for directory, folders, files in os.walk(folder):
        if ".git" in folders or ".git" in files:
            return Path(directory, ".git")
    return None


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def written_before(out: Path, will_write: Iterable[str], legacy_stamp: str) -> dict[str, str]:
    """What termbook wrote into ``out`` before and may now replace or remove (path -> digest
    of the bytes there now), read from its :data:`MANIFEST`. Raises :class:`FolderRefused`
    when ``out`` holds files that are not on it, and a run that writes ``will_write`` would
    replace one of them, or when ``out`` holds files and no list at all.

    A folder written by a termbook older than the list (it has ``legacy_stamp``, a file
    every run wrote, and no list) is taken over when it holds nothing this run does not
    write; otherwise no file of it can be known to be termbook's, and the message says so."""
    will_write = set(will_write)
    if not out.exists():
        return {}
    if not out.is_dir():
        raise FolderRefused(f"{out} is a file, not a folder")
    listed = _read_manifest(out)
    present = sorted(files_under(out))
    if listed is None:
        present = [path for path in present if path != MANIFEST]
        if not present:
            return {}
        others = [path for path in present if path not in will_write]
        if legacy_stamp in present and not others:
            return {path: digest((out / path).read_bytes()) for path in present}
        shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        if legacy_stamp in present:
            raise FolderRefused(
                f"{out} was written by an older termbook, which kept no list of the files it "
                f"wrote, and it holds {len(others)} file(s) this run does not write ({shown}): "
                f"they may be old pages or someone's files, so none is removed. Delete the "
                f"folder (rm -r '{out}') and run again; from then on termbook lists what it "
                f"writes in {MANIFEST} and removes only that")
        raise FolderRefused(
            f"{out} holds files termbook did not write ({shown}); it writes only into a new or "
            f"empty folder, or one it wrote before (listed in {MANIFEST}): choose another "
            "folder")
    clashes = [path for path in present if path in will_write and path not in listed]
    if clashes:
        raise FolderRefused(
            f"{out / clashes[0]} was not written by termbook, and this run would replace it"
            + (f" (and {len(clashes) - 1} more)" if len(clashes) > 1 else "")
            + ": move it out of the folder and run again")
    return {path: digest((out / path).read_bytes()) for path in listed if (out / path).is_file()}


def replaceable(target: Path, built: Path) -> str | None:
    """Why the folder ``target`` may not be replaced by the site just built in ``built``, or
    None: it may hold nothing but files of the new site and files an earlier build listed in
    its :data:`MANIFEST` (a build replaces the whole folder, so any other file would be lost).
    Writes the list of the new site's files into ``built``."""
    new = set(files_under(built))
    (built / MANIFEST).write_bytes(manifest_bytes(new))
    if not target.is_dir():
        return None
    listed = set(_read_manifest(target) or ())
    others = sorted(path for path in files_under(target)
                    if path not in new and path not in listed and path != MANIFEST)
    if not others:
        return None
    shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
    return (f"{target} holds {len(others)} file(s) that no build wrote there ({shown}), and a "
            "build replaces the whole folder: move them out, or build into another folder "
            f"(a folder built before termbook kept its list in {MANIFEST}: delete it once)")


def _read_manifest(out: Path) -> list[str] | None:
    """The paths on the list in ``out``; None when there is none. A path that could lead
    out of the folder (absolute, "..") is left off: the list decides what is removed."""
    try:
        stored = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        stored = {}
    files = stored.get("files") if isinstance(stored, dict) else None
    return [path for path in (files if isinstance(files, list) else [])
            if isinstance(path, str) and _inside(path)]


def _inside(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return bool(parts) and not PurePosixPath(path).is_absolute() and ".." not in parts and "\\" not in path


def manifest_bytes(paths: Iterable[str]) -> bytes:
    """The list of ``paths`` as :data:`MANIFEST` holds it."""
    return (json.dumps({"generated_by": "termbook", "files": sorted(set(paths))}, indent=1,
                       ensure_ascii=False) + "\n").encode("utf-8")


def files_under(folder: Path) -> Iterable[str]:
    """Every file under ``folder``, by its path relative to it."""
    for directory, _, names in os.walk(folder):
        for name in names:
            yield Path(directory, name).relative_to(folder).as_posix()
