"""Build the offline site and pack it into one zip archive a reader can download and open.

``python -m termbook_mkdocs.offline [-f mkdocs-offline.yml] [-d DIR]``

The site is built like any other (``termbook_mkdocs.build``: ``--strict``, atomic) into DIR
(the config's ``site_dir`` by default), then packed into ``DIR.zip``. Every file goes into the
archive under one folder named like DIR, so unzipping never scatters files; the reader opens
``index.html`` from it. The archive is reproducible: entries are sorted by path and carry a
fixed date and fixed permissions, so the same site always gives a byte-identical archive. It is
written next to its final place and renamed, so a failure never leaves half an archive. It
replaces only an archive it packed itself (marked by its zip comment, :data:`MARK`): a
``DIR.zip`` from anywhere else is refused before anything is built.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import zipfile
from pathlib import Path

from termbook.characters import printable
from termbook.siteconfig import SiteConfigError, read_site_config

from . import build

#: The earliest date a zip entry can hold; any fixed date makes the archive reproducible.
FIXED_DATE = (1980, 1, 1, 0, 0, 0)
#: The archive's comment: what marks it as packed here, so that packing again may replace it.
MARK = b"generated_by termbook offline site"


def packed_here(archive: Path) -> bool:
    """Whether ``archive`` is missing or an archive :func:`pack` wrote, which it may replace."""
    if not archive.exists() and not archive.is_symlink():
        return True
    if archive.is_symlink() or not archive.is_file() or not zipfile.is_zipfile(archive):
        return False
    with zipfile.ZipFile(archive) as zipped:
        return zipped.comment == MARK


def pack(site_dir: Path, archive: Path) -> int:
    """Write ``archive`` from the files under ``site_dir``; return how many files it holds."""
    folder = archive.name.removesuffix(".zip")
    # Sorted by path text, as a listing shows it ("glossary.csv" before "glossary/..."), which
    # is not the order of Path objects (they compare folder by folder).
    files = sorted((p for p in site_dir.rglob("*") if p.is_file()),
                   key=lambda p: p.relative_to(site_dir).as_posix())
    handle, temporary = tempfile.mkstemp(prefix=f".{archive.name}.", dir=archive.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w") as zipped:
            zipped.comment = MARK
            for path in files:
                entry = zipfile.ZipInfo(f"{folder}/{path.relative_to(site_dir).as_posix()}",
                                        date_time=FIXED_DATE)
                entry.external_attr = 0o644 << 16  # rw-r--r--, whoever built it
                entry.compress_type = zipfile.ZIP_DEFLATED
                zipped.writestr(entry, path.read_bytes())
        os.chmod(temporary, 0o644)  # mkstemp makes it private; it is meant to be published
        os.replace(temporary, archive)
    except BaseException:
        os.unlink(temporary)
        raise
    return len(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m termbook_mkdocs.offline",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", default="mkdocs-offline.yml")
    parser.add_argument("-d", "--site-dir")
    args = parser.parse_args(argv)

    if not Path(args.config_file).is_file():
        parser.error(printable(f"no configuration file at {args.config_file}"))
    try:
        configured = read_site_config(Path(args.config_file), import_names=False).folder("site_dir", "site")
    except SiteConfigError as problem:
        print(f"termbook: error: {printable(str(problem))}", file=sys.stderr)
        return 2
    site_dir = Path(args.site_dir or configured).resolve()
    archive = site_dir.with_name(site_dir.name + ".zip")
    if not packed_here(archive):
        print(printable(f"{archive} exists and was not packed by this command, which would "
                        "replace it; move it away, or build into another folder with -d DIR"),
              file=sys.stderr)
        return 2
    status = build.main(["-f", args.config_file, "-d", str(site_dir)])
    if status != 0:
        return status
    count = pack(site_dir, archive)
    print(printable(f"Offline site packed into {archive} ({count} files): unzip it and open "
                    f"{site_dir.name}/index.html"), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
