"""``termbook import``: bring an existing glossary into a site, one entry per term.

Each format has a reader that turns its source into :class:`~.records.Record` values, one per
term, and notes what it cannot carry over; :mod:`.entries` then makes the site's entries from
them, by the same rules and checks as every entry. The readers:

- ``skos``: SKOS in Turtle, RDF/XML, JSON-LD or N-Triples (:mod:`.skos`, with rdflib);
- ``json``, ``csv``, ``tsv``: termbook's own ``glossary.json`` and ``glossary.csv``, and any
  CSV or TSV file with a column mapping (:mod:`.tables`);
- ``markdown``: a folder of Markdown files with YAML front matter (:mod:`.frontmatter`);
- ``sphinx``: the ``.. glossary::`` blocks of reStructuredText files (:mod:`.sphinx`);
- ``abbreviations``: ``*[HTML]: Hyper Text Markup Language`` lines (:mod:`.abbreviations`).

Nothing here is part of a build: only the command imports it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from ..read import display_path
from .abbreviations import read_abbreviations
from .entries import Plan, Site, plan, write
from .frontmatter import read_markdown
from .records import Note, Record, SourceRefused
from .skos import read_skos
from .sphinx import read_sphinx
from .tables import read_json, read_table

__all__ = ["FORMATS", "Options", "Plan", "Site", "SourceRefused", "import_plan", "read_sources",
           "write"]

#: Every format, with what it reads.
FORMATS = {
    "skos": "a SKOS vocabulary: Turtle (.ttl), RDF/XML (.rdf, .xml, .owl), JSON-LD (.jsonld) or N-Triples (.nt)",
    "json": "termbook's glossary.json",
    "csv": "termbook's glossary.csv, or any CSV file with --map",
    "tsv": "a TSV file (tab-separated) with --map",
    "markdown": "a folder of Markdown files with YAML front matter (--map, --split, --link)",
    "sphinx": "reStructuredText files with '.. glossary::' blocks",
    "abbreviations": "an abbreviation file: '*[HTML]: Hyper Text Markup Language' lines",
}


@dataclasses.dataclass(frozen=True)
class Options:
    """How to read a source, where its format leaves a choice."""

    language: str = "en"
    """The language of the labels to take from a vocabulary that has several."""
    mapping: Mapping[str, str] = dataclasses.field(default_factory=dict)
    """Column or front matter field -> entry field."""
    separator: str = "; "
    """What separates several values in one cell."""
    split: str | None = None
    """The marker between the short definition and the rest of a Markdown body."""
    link: re.Pattern[str] | None = None
    """The pattern of links to other terms in a Markdown body (groups ``id``, ``text``)."""
    plain_text: bool = False
    """The definitions of a table are plain text, not Markdown."""


def read_sources(format_name: str, sources: Sequence[Path], root: Path,
                 options: Options) -> tuple[list[Record], list[Note]]:
    """Every term of ``sources`` in ``format_name``; :class:`SourceRefused` when one cannot be
    read at all."""
    def shown(path: Path) -> str:
        return display_path(path, root)

    readers: dict[str, Callable[[Path], tuple[list[Record], list[Note]]]] = {
        "skos": lambda path: read_skos(path, shown(path), options.language),
        "json": lambda path: read_json(path, shown(path)),
        "csv": lambda path: _read_table(path, shown(path), ",", options),
        "tsv": lambda path: _read_table(path, shown(path), "\t", options),
        "markdown": lambda path: read_markdown(path, shown(path), mapping=options.mapping,
                                               split=options.split, link=options.link,
                                               display=shown),
        "sphinx": lambda path: read_sphinx(path, shown(path), display=shown),
        "abbreviations": lambda path: read_abbreviations(path, shown(path)),
    }
    records: list[Record] = []
    notes: list[Note] = []
    for source in sources:
        if not source.exists():
            raise SourceRefused(f"{shown(source)}: no such file or folder")
        if source.is_dir() and format_name not in ("markdown", "sphinx"):
            raise SourceRefused(f"{shown(source)}: is a folder; name the file to import")
        found, noted = readers[format_name](source)
        records += found
        notes += noted
    return records, notes


def _read_table(path: Path, shown: str, delimiter: str,
                options: Options) -> tuple[list[Record], list[Note]]:
    return read_table(path, shown, delimiter=delimiter, mapping=options.mapping,
                      separator=options.separator, plain_text=options.plain_text)


def import_plan(format_name: str, sources: Sequence[Path], site: Site, options: Options, *,
                force: bool = False, ids: str = "source") -> Plan:
    """What importing ``sources`` into ``site`` would write, and the report."""
    records, notes = read_sources(format_name, sources, site.root, options)
    return plan(records, site, notes=notes, force=force, ids=ids)
