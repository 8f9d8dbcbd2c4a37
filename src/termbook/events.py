"""Dated events: one YAML file each (a release, a law, a report, a measurement...), read,
schema-checked and turned into :class:`Event` records that pages, charts and data downloads
read, so that a date is typed in one place only.

A site declares its events in ``termbook.yml``::

    events:
      dir: events             # the folder, relative to the project root (default: events)
      kinds:                  # the kinds an event can be, in the order lists offer them
        release: {title: Release, description: "...", record: release}
        report: {title: Report}

The format of a file is ``schemas/event.schema.json``, with the site's kinds written in
(:func:`termbook.schema.entry_schema`). A kind may declare a ``record`` that every event of
that kind carries: ``release`` (what was released: term ids, or a name) or ``measure`` (a
quantity and its values). The rules across files (known term ids, one date per released
thing, the file name starting with the date, pinned evidence) are
:func:`termbook.check.check_files`'s.

An event's date is as precise as its source: ``2025``, ``2025-12`` or ``2025-12-01``
(:attr:`Event.precision`). Events sort by their date as written, which puts a month before
its days ("2025-12" before "2025-12-01"), then by id.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from . import schema
from .findings import Finding
from .model import Source, source_from
from .read import EntryFile, read_dir
from .readcache import ReadCache
from .taxonomy import Taxonomy

#: The precision of a date, by the number of its parts.
PRECISIONS = ("year", "month", "day")


@dataclasses.dataclass(frozen=True, slots=True)
class Release:
    """What an event of a kind with the ``release`` record released."""

    models: tuple[str, ...] = ()
    """The term ids of what was released (an entry's ratings say how open it was)."""
    name: str | None = None
    """The name of what was released, when no entry covers it."""
    weights: str | None = None
    """How its weights were released, on the site's rating scale (with ``name`` only)."""
    licence: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Value:
    """One value of a measurement, in one unit; the numbers as the file writes them."""

    value: str
    unit: str
    approximate: bool = False
    low: str | None = None
    high: str | None = None
    bounds: str | None = None
    """What ``low`` and ``high`` are ("90% interval")."""


@dataclasses.dataclass(frozen=True, slots=True)
class Measure:
    """What an event of a kind with the ``measure`` record measured."""

    quantity: str
    values: tuple[Value, ...]
    method: str | None = None
    period: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Event:
    id: str
    """The file name without ``.yaml``: the date, then words."""
    date: str
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, as precise as the source."""
    kind: str
    title: str
    """Plain text."""
    text: str
    """Markdown with ``[[id]]`` links."""
    terms: tuple[str, ...]
    sources: tuple[Source, ...]
    path: str
    """The file, as findings show it."""
    date_note: str | None = None
    release: Release | None = None
    measure: Measure | None = None

    @property
    def precision(self) -> str:
        """``year``, ``month`` or ``day``: how much of the date is known."""
        return PRECISIONS[self.date.count("-")]

    @property
    def sort_key(self) -> tuple[str, str]:
        return self.date, self.id


def date_in(date: str, since: str | None, until: str | None) -> bool:
    """Whether the date ``date`` (of any precision) lies in the range from ``since`` to
    ``until`` (each of any precision, both ends included; None: open). "2025" is within
    "2025-03" to "2025-06" only in part, and counts: a date is in the range when the range
    and the period it names overlap."""
    return ((since is None or date >= since[:len(date)])
            and (until is None or date[:len(until)] <= until))


@dataclasses.dataclass(frozen=True)
class Timeline:
    """Every event of a site, in date order."""

    events: tuple[Event, ...] = ()
    _about: dict[str, list[Event]] = dataclasses.field(default_factory=dict, init=False, repr=False,
                                                       compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "events", tuple(sorted(self.events, key=lambda e: e.sort_key)))
        for event in self.events:  # every term page asks for its own: indexed once
            for term_id in event.terms:
                self._about.setdefault(term_id, []).append(event)

    def __bool__(self) -> bool:
        return bool(self.events)

    def select(self, *, kinds: Iterable[str] = (), terms: Iterable[str] = (),
               since: str | None = None, until: str | None = None) -> list[Event]:
        """The events of any of ``kinds`` about any of ``terms`` (every one, when empty),
        dated from ``since`` to ``until`` (see :func:`date_in`), in date order."""
        kinds, terms = frozenset(kinds), frozenset(terms)
        return [e for e in self.events
                if (not kinds or e.kind in kinds) and (not terms or terms.intersection(e.terms))
                and date_in(e.date, since, until)]

    def about(self, term_id: str) -> list[Event]:
        """The events about one term, in date order: its History."""
        return list(self._about.get(term_id, ()))


def events_dir(root: Path, taxonomy: Taxonomy) -> Path | None:
    """The folder of the site's events, when it declares any."""
    return root / taxonomy.events.dir if taxonomy.events else None


def read_events(directory: Path, root: Path, findings: list[Finding], taxonomy: Taxonomy,
                cache: ReadCache | None = None,
                digests: dict[str, str] | None = None) -> list[EntryFile]:
    """Every event file in ``directory``, parsed and schema-checked by the rules entries are
    read by (:func:`termbook.read.read_dir`); the files with problems too, so the checks
    across files still run."""
    return read_dir(directory, root, schema.EVENT_SCHEMA, findings, taxonomy, cache, digests=digests)


def event_from(file: EntryFile) -> Event:
    """The event in a checked file."""
    d = file.data
    release = d.get("release")
    measure = d.get("measure")
    return Event(
        id=file.id, date=d["date"], kind=d["kind"], title=d["title"], text=d["text"],
        terms=tuple(d["terms"]), sources=tuple(source_from(s) for s in d["sources"]),
        path=file.display, date_note=d.get("date_note"),
        release=Release(models=tuple(release.get("models", ())), name=release.get("name"),
                        weights=release.get("weights"), licence=release.get("licence"))
        if release else None,
        measure=Measure(quantity=measure["quantity"], method=measure.get("method"),
                        period=measure.get("period"),
                        values=tuple(Value(value=v["value"], unit=v["unit"],
                                           approximate=v.get("approximate") == "true",
                                           low=v.get("low"), high=v.get("high"),
                                           bounds=v.get("bounds"))
                                     for v in measure["values"]))
        if measure else None)
