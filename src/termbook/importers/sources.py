"""Reading a source: its files, within bounds, as text.

A source is the user's file, but what it holds may come from anywhere (a vocabulary found
online, a spreadsheet someone sent): it is read as hostile, like an entry. A file larger than
:data:`MAX_SOURCE_BYTES` is refused before it is parsed, so that no source can hold the
import's memory; text must be UTF-8.
"""

from __future__ import annotations

import os
from pathlib import Path

from .records import SourceRefused

#: The largest source file read: a glossary of 10,000 terms exported by termbook is 30 MB.
MAX_SOURCE_BYTES = 64 * 1024 * 1024


def read_bytes(path: Path, shown: str) -> bytes:
    """The bytes of the file ``path`` (shown as ``shown``), refused past the bound."""
    if path.is_symlink() or not path.is_file():
        raise SourceRefused(f"{shown}: is not a regular file")
    with path.open("rb") as file:
        raw = file.read(MAX_SOURCE_BYTES + 1)
    if len(raw) > MAX_SOURCE_BYTES:
        raise SourceRefused(f"{shown}: is {os.path.getsize(path):,} bytes; the limit is "
                            f"{MAX_SOURCE_BYTES:,}: split it, and import each part")
    return raw


def read_text(path: Path, shown: str) -> str:
    """The text of a UTF-8 file (a byte order mark is dropped)."""
    raw = read_bytes(path, shown)
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as problem:
        line = raw[:problem.start].count(b"\n") + 1
        raise SourceRefused(f"{shown}:{line}: byte 0x{raw[problem.start]:02x} is not UTF-8 text: "
                            "save the file as UTF-8") from None


def files_in(path: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """``path`` itself, or the files with one of ``suffixes`` under the folder ``path``
    (links are not followed), sorted."""
    if not path.is_dir():
        return [path]
    found = []
    for folder, folders, names in os.walk(path):
        folders.sort()
        found += [Path(folder) / name for name in sorted(names)
                  if name.lower().endswith(suffixes) and not (Path(folder) / name).is_symlink()]
    return found
