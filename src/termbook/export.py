"""The glossary as data for other sites and tools: JSON, SKOS in Turtle, CSV and JSON-LD.

Files are returned as bytes by their path in the built site, never written; the MkDocs plugin
publishes them next to the pages. What the files need beyond the glossary (the site's name and
address, its URL style, the licence, the digest of the build inputs) is a :class:`Publication`.

Every function here is a pure function of its arguments: terms and links are sorted, nothing
depends on the clock, and the only dates are the entries' own ``reviewed`` dates. The same
inputs give byte-identical files.

The Turtle is written here rather than through an RDF library: the output is a handful of
fixed statement shapes, and writing it directly keeps rdflib (large, and slow to import) out of
every site build. The tests parse every file with rdflib, so the hand-written syntax is checked
by a real parser.
"""

from __future__ import annotations

import copy
import csv
import dataclasses
import functools
import hashlib
import html
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .events import Event
from .kept import Kept
from .layout import (
    CATEGORY_INDEX,
    CSV_PATH,
    EVENTS_CSV_PATH,
    EXPORT_SCHEMA_PATH,
    GLOSSARY_DIR,
    GLOSSARY_INDEX,
    JSON_PATH,
    TURTLE_PATH,
    relative_path,
    site_path,
    term_path,
)
from .model import Glossary, Rating, Source, Term
from .read import display_prefix
from .schema import EXPORT_SCHEMA, add_rating_choices, load_schema, ratings_schema
from .taxonomy import Taxonomy

#: The version glossary.json names as its generator's: the installed package's.
_VERSION = metadata.version("termbook")
#: Every data file, by its path in the site.
EXPORT_PATHS = (JSON_PATH, TURTLE_PATH, CSV_PATH, EXPORT_SCHEMA_PATH)
#: The field of a term's record that its ratings follow, in glossary.json and its schema.
_SCORECARD_AFTER = "sources"
#: The generated page that stands for the whole glossary (the SKOS concept scheme).
INDEX_PAGE = GLOSSARY_INDEX

SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
#: LexInfo, the OntoLex vocabulary of linguistic categories: a collection whose terms' names
#: are proper nouns says so as ``lexinfo:partOfSpeech lexinfo:properNoun``, which SKOS has no
#: word for.
LEXINFO = "http://www.lexinfo.net/ontology/3.0/lexinfo#"
#: The datatype of Markdown text in the Turtle: the media type's address, as IANA registers it.
MARKDOWN = "https://www.iana.org/assignments/media-types/text/markdown"
# The vocabulary stem schema.org's own JSON-LD context maps its terms to.
SCHEMA_ORG = "http://schema.org/"

#: The JSON-LD context of the page data, inline so that no reader has to fetch a context from
#: another host. ``url`` and ``inDefinedTermSet`` hold addresses, as in schema.org's own
#: context; a page's context also declares the other properties it has that hold addresses
#: (the SKOS links, the licence), so that every address is a plain string.
JSONLD_CONTEXT = {
    "@vocab": SCHEMA_ORG,
    "skos": SKOS,
    "url": {"@type": "@id"},
    "inDefinedTermSet": {"@type": "@id"},
}
#: How a context declares a property whose values are addresses.
_ADDRESS = {"@type": "@id"}
#: The JSON writer of the data files and the page data, made once: ``json.dumps`` with
#: options makes a new one on every call, and there is a call for every page.
_COMPACT_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))

CSV_COLUMNS = ("id", "term", "abbreviation", "aliases", "short", "categories", "url", "definition",
               "broader", "related", "proper_noun")
#: How several aliases share one CSV cell.
CSV_LIST_SEPARATOR = "; "
#: A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# A language tag as Turtle's LANGTAG accepts it ("en", "en-GB", "zh-Hant").
_LANGUAGE_TAG = re.compile(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*")


@dataclasses.dataclass(frozen=True)
class Publication:
    """Where and how the glossary is published: what the exported data needs besides terms."""

    title: str
    """The site's name, used as the name of the concept scheme and of the term set."""
    inputs_digest: str
    """``sha256:<hex>`` of the build inputs; see :func:`inputs_digest`."""
    site_url: str | None = None
    """The site's address; without one, links are relative (see :meth:`url`)."""
    directory_urls: bool = True
    """True when pages live at ``glossary/weights/``, False for ``glossary/weights.html``."""
    language: str = "en"
    """The language of the labels and definitions, as a language tag."""
    licence: str | None = None
    """Address of the licence of the glossary text, published with the data."""

    def __post_init__(self) -> None:
        if not _LANGUAGE_TAG.fullmatch(self.language):
            raise ValueError(f"'{self.language}' is not a language tag such as 'en' or 'en-GB'")
        if self.site_url and not self.site_url.endswith("/"):
            object.__setattr__(self, "site_url", self.site_url + "/")

    def url(self, target: str, *, from_page: str | None = None) -> str:
        """The address of ``target``: a generated page by its docs path ("glossary/weights.md")
        or a published file by its site path ("glossary.json").

        With a site URL the address is absolute. Without one it is relative: to the site root
        (where the exported files are) by default, or to ``from_page`` for data embedded in
        that page, since a relative address there is read against the page's own address.
        """
        path = self.site_path(target)
        if self.site_url:
            return self.site_url + path
        if from_page is None:
            return path
        return self.relative_url(target, from_page=from_page)

    def relative_url(self, target: str, *, from_page: str) -> str:
        """The address of ``target`` relative to ``from_page``, with or without a site URL."""
        return _relative(self.site_path(target), self.site_path(from_page))

    def site_path(self, target: str) -> str:
        """The path of ``target`` in the built site, as MkDocs writes its links."""
        return site_path(target, directory_urls=self.directory_urls)


def _relative(path: str, from_path: str) -> str:
    """``path`` relative to the page at ``from_path`` (both site paths, as :meth:`Publication.
    site_path` makes them: no "." or ".." parts; "x/" is a folder); "./" for its own folder."""
    return relative_path(from_path, path) or "./"


def inputs_digest(root: Path, folders: Iterable[Path], known: Mapping[str, str] | None = None) -> str:
    """``sha256:<hex>`` identifying the build inputs: every ``*.yaml`` file in ``folders``.

    It is the SHA-256 of the listing ``sha256sum`` prints for those files sorted by their path
    relative to ``root`` (one ``<hex>  <path>`` line each), so anyone can recompute it from a
    checkout: ``LC_ALL=C sha256sum glossary/*.yaml seeds/*.yaml events/*.yaml | sha256sum``.
    ``known``: the SHA-256 of files already read, by that path (the check's), not read again.
    """
    files = []
    for folder in folders:
        if folder.is_dir():
            prefix = display_prefix(folder, root)  # once per folder: it asks the file system
            with os.scandir(folder) as entries:  # file types without a stat call per file
                files += [(prefix + entry.name, entry.path) for entry in entries
                          if entry.name.endswith(".yaml") and entry.is_file(follow_symlinks=False)]
    known = known or {}
    listing = "".join(f"{known.get(name) or hashlib.sha256(Path(path).read_bytes()).hexdigest()}  {name}\n"
                      for name, path in sorted(files))
    return "sha256:" + hashlib.sha256(listing.encode("utf-8")).hexdigest()


def export_files(glossary: Glossary, publication: Publication,
                 kept: TermRecords | None = None) -> dict[str, bytes]:
    """Every data file to publish at the site root, by its path in the site; a preview that
    makes them again after each edit passes the terms' records it ``kept`` from its run
    before (:class:`TermRecords`), and only those whose content changed are made."""
    if kept is not None:
        kept.follow(glossary, publication)
    return {path: "".join(parts(glossary, publication, _records(kept, path, glossary))).encode("utf-8")
            for path, parts in _EXPORT_PARTS.items()} | {
        EXPORT_SCHEMA_PATH: export_schema_bytes(glossary.taxonomy)}


#: How a data file gets a term's record (its part of the file): made by the function given.
Record = Callable[[Term, Callable[[], str]], str]


class TermRecords:
    """The terms' records in the data files of the run before, for a preview that makes
    the files again after each edit: a record is made again only when its term, or the
    terms it is linked to, changed.

    A term's record in each file is made from its term and the terms narrower than and
    related to it (the broader ones are on the term), with the site's taxonomy and its
    addresses (:class:`Publication`, less the digest of the inputs, which only the head of a
    file shows). When the taxonomy or the publication changed, every record is made again."""

    def __init__(self) -> None:
        self._records: Kept[tuple[str, str], str] = Kept()  # by (file, term id)

    @property
    def made(self) -> set[str]:
        """The ids of the terms with a record made, not kept, since :meth:`follow`."""
        return {term_id for _, term_id in self._records.made}

    def follow(self, glossary: Glossary, publication: Publication) -> None:
        """Keep the records made for the same taxonomy and publication as these."""
        self._records.follow((dataclasses.replace(publication, inputs_digest=""), glossary.taxonomy),
                             lambda key: key[1] in glossary.terms)

    def record(self, path: str, glossary: Glossary, term: Term, make: Callable[[], str]) -> str:
        """The record of ``term`` in the file at ``path``: kept, or made by ``make``."""
        return self._records.get((path, term.id),
                                 (term, glossary.narrower[term.id], glossary.related[term.id]), make)


def _made_now(term: Term, make: Callable[[], str]) -> str:
    """A record made now: what a build does, which makes each once."""
    return make()


def _records(kept: TermRecords | None, path: str, glossary: Glossary) -> Record:
    return _made_now if kept is None else functools.partial(kept.record, path, glossary)


def write_exports(glossary: Glossary, publication: Publication, folder: Path,
                  kept: TermRecords | None = None) -> None:
    """Write every data file (:data:`EXPORT_PATHS`) under ``folder`` (the site's folder), as
    :func:`export_files` makes them.

    Each file is written as it is made, term by term: at 10,000 terms the files come to
    30 MB, and held whole (with the records they are made from) they would be the largest
    part of a build's memory.
    """
    if kept is not None:
        kept.follow(glossary, publication)
    for path, parts in _EXPORT_PARTS.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8", newline="") as out:
            out.writelines(parts(glossary, publication, _records(kept, path, glossary)))
    (folder / EXPORT_SCHEMA_PATH).parent.mkdir(parents=True, exist_ok=True)
    (folder / EXPORT_SCHEMA_PATH).write_bytes(export_schema_bytes(glossary.taxonomy))


def export_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    """The JSON Schema that documents glossary.json for a site with ``taxonomy``: the
    package's, with the site's scorecard field (its components and ratings) when it has one."""
    document = copy.deepcopy(load_schema(EXPORT_SCHEMA))
    scorecard = taxonomy.scorecard
    if scorecard:
        term = document["$defs"]["term"]
        fields = list(term["properties"].items())
        place = next(i for i, (name, _) in enumerate(fields) if name == _SCORECARD_AFTER) + 1
        fields.insert(place, (scorecard.field, {
            "description": f"{scorecard.heading}: each component's rating, with its reason and "
                           "evidence; null for an entry that is not rated.",
            "oneOf": [ratings_schema(scorecard), {"type": "null"}]}))
        term["properties"] = dict(fields)
        term["required"].insert(term["required"].index(_SCORECARD_AFTER) + 1, scorecard.field)
    add_rating_choices(document, scorecard, meanings=True)
    return document


def export_schema_bytes(taxonomy: Taxonomy) -> bytes:
    """:func:`export_schema` as published, in ``schemas/``."""
    return schema_bytes(export_schema(taxonomy))


def schema_bytes(document: dict[str, Any]) -> bytes:
    """A JSON Schema as a data file of the site: indented, since people read it."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def alternate_labels(term: Term) -> list[str]:
    """The term's other names (abbreviation first, then aliases) for SKOS ``altLabel`` and
    schema.org ``alternateName``: no repeats, and never the name itself, since SKOS forbids a
    label from being both a term's preferred and an alternative label."""
    labels: list[str] = []
    for label in term.labels[1:]:
        if label != term.term and label not in labels:
            labels.append(label)
    return labels


def _term_urls(glossary: Glossary, publication: Publication) -> dict[str, str]:
    """Each term page's address as the exported files write it (see :meth:`Publication.url`),
    worked out once per file: the links of 10,000 terms name each term several times."""
    return {term_id: publication.url(term_path(term_id)) for term_id in glossary.terms}


# --- glossary.json ------------------------------------------------------------------------

def glossary_json(glossary: Glossary, publication: Publication) -> bytes:
    """Every term with all its fields and its links resolved to addresses; documented by
    ``schemas/glossary-export.schema.json``."""
    return "".join(_json_parts(glossary, publication, _made_now)).encode("utf-8")


def _json_parts(glossary: Glossary, publication: Publication, record: Record) -> Iterator[str]:
    """glossary.json in pieces: the document's fields, then its terms one by one."""
    urls = _term_urls(glossary, publication)
    document = {
        "$schema": publication.url(EXPORT_SCHEMA_PATH),
        "title": publication.title,
        "url": publication.url(INDEX_PAGE),
        "language": publication.language,
        "licence": publication.licence,
        "generator": {"name": "termbook", "version": _VERSION},
        "inputs_digest": publication.inputs_digest,
        "last_reviewed": max((t.reviewed for t in glossary.terms.values() if t.reviewed), default=None),
        "categories": [{"id": c.id, "title": c.title, "description": c.description,
                        "proper_nouns": c.proper_nouns} for c in glossary.categories],
    }
    # Compact: indentation would make the file a fifth larger (and Python's JSON encoder
    # indents in Python, not C, ten times slower); any JSON viewer spaces it out again.
    # The terms are written after the other fields one by one, then the events, if any.
    yield _COMPACT_JSON.encode(document)[:-1] + ',"terms":['
    for index, term in enumerate(glossary.terms.values()):
        yield ("," if index else "") + record(term, functools.partial(
            _encoded_term_record, glossary, term, urls))
    kinds = glossary.taxonomy.events
    if kinds is None:
        yield "]}\n"
        return
    yield "]," + _COMPACT_JSON.encode({
        "event_kinds": [{"id": k.id, "title": k.title, "description": k.description} for k in kinds.kinds],
        "events": [_event_record(event, urls) for event in glossary.timeline.events]})[1:] + "\n"


def _encoded_term_record(glossary: Glossary, term: Term, urls: dict[str, str]) -> str:
    return _COMPACT_JSON.encode(_term_record(glossary, term, urls))


def _term_record(glossary: Glossary, term: Term, urls: dict[str, str]) -> dict[str, Any]:
    """``term`` as glossary.json lists it; ``urls``: every term's address (:func:`_term_urls`)."""
    def links(ids: Iterable[str]) -> list[dict[str, str]]:
        return [{"id": i, "url": urls[i]} for i in sorted(ids)]

    scorecard = glossary.taxonomy.scorecard

    return {
        "id": term.id,
        "term": term.term,
        "url": urls[term.id],
        "abbreviation": term.abbreviation,
        "aliases": list(term.aliases),
        "short": term.short,
        "definition": term.definition.strip(),
        "categories": list(term.categories),
        "status": term.status,
        "broader": links(term.broader),
        "narrower": links(glossary.narrower[term.id]),
        "related": links(glossary.related[term.id]),
        "sources": [_source_record(s) for s in term.sources],
        **({scorecard.field: ratings_record(term.ratings)} if scorecard else {}),
        "reviewed": term.reviewed,
        "sort_as": term.sort_as,
        "link": "auto" if term.auto_link else "explicit",
        "proper_noun": term.proper_noun,
    }


def ratings_record(ratings: tuple[Rating, ...]) -> dict[str, dict[str, str | None]] | None:
    """An entry's ratings as the data files give them, by component; None when it has none."""
    return {r.component: {"rating": r.rating, "reason": r.reason, "evidence": r.evidence}
            for r in ratings} or None


def _event_record(event: Event, urls: dict[str, str]) -> dict[str, Any]:
    """``event`` as glossary.json lists it."""
    def links(ids: Iterable[str]) -> list[dict[str, str]]:
        return [{"id": i, "url": urls[i]} for i in ids]

    release, measure = event.release, event.measure
    return {
        "id": event.id, "date": event.date, "precision": event.precision,
        "date_note": event.date_note, "kind": event.kind, "title": event.title, "text": event.text,
        "terms": links(event.terms),
        "release": {"models": links(release.models), "name": release.name,
                    "weights": release.weights, "licence": release.licence} if release else None,
        "measure": {"quantity": measure.quantity, "method": measure.method, "period": measure.period,
                    "values": [{"value": _number(v.value), "unit": v.unit, "approximate": v.approximate,
                                "low": _number(v.low), "high": _number(v.high), "bounds": v.bounds}
                               for v in measure.values]} if measure else None,
        "sources": [_source_record(s) for s in event.sources],
    }


def _number(text: str | None) -> int | float | None:
    """A number as the event file writes it ("3.5", "7"), as a JSON number."""
    if text is None:
        return None
    return float(text) if "." in text else int(text)


# --- events.csv ---------------------------------------------------------------------------

EVENTS_CSV_COLUMNS = ("date", "precision", "kind", "title", "text", "terms", "sources", "id")


def event_files(glossary: Glossary) -> dict[str, bytes]:
    """``events.csv`` for the site root: one row per event, in date order (RFC 4180, UTF-8,
    cells that a spreadsheet would run as a formula made inert); none for a site without
    events. The sources' addresses share one cell, separated by "; "."""
    if glossary.taxonomy.events is None:
        return {}
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EVENTS_CSV_COLUMNS)
    for event in glossary.timeline.events:
        row = (event.date, event.precision, event.kind, event.title, event.text,
               CSV_LIST_SEPARATOR.join(event.terms),
               CSV_LIST_SEPARATOR.join(s.url or s.title for s in event.sources), event.id)
        writer.writerow([inert_cell(cell) for cell in row])
    return {EVENTS_CSV_PATH: buffer.getvalue().encode("utf-8")}


def _source_record(source: Source) -> dict[str, str | None]:
    return {"title": source.title, "publisher": source.publisher, "date": source.date,
            "url": source.url, "note": source.note}


# --- glossary.ttl (SKOS) ------------------------------------------------------------------

def glossary_turtle(glossary: Glossary, publication: Publication) -> bytes:
    """The glossary as a SKOS concept scheme in Turtle: one ``skos:Concept`` per term.

    The scheme is the glossary index page and each concept is its term page, so every
    identifier is also an address a reader can open. They are written relative to the
    glossary folder, which ``@base`` names: every Turtle reader resolves them to the full
    addresses, and the file is a third smaller than with each address written in full.
    """
    return "".join(_turtle_parts(glossary, publication, _made_now)).encode("utf-8")


def _turtle_parts(glossary: Glossary, publication: Publication, record: Record) -> Iterator[str]:
    """glossary.ttl in pieces: the prefixes and the scheme, then each concept."""
    folder = GLOSSARY_DIR + "/"
    iris = {term_id: _iri(publication.relative_url(term_path(term_id), from_page=folder))
            for term_id in glossary.terms}

    def concepts(ids: Iterable[str]) -> list[str]:
        return [iris[i] for i in sorted(ids)]

    scheme = _iri(publication.relative_url(INDEX_PAGE, from_page=folder))
    language = publication.language
    yield "\n".join([
        f"# {publication.title}: the glossary as a SKOS concept scheme.\n"
        f"# Built from inputs {publication.inputs_digest}.\n",
        f"@base {_iri(publication.url(folder))} .\n"
        f"@prefix dcterms: <{DCTERMS}> .\n@prefix lexinfo: <{LEXINFO}> .\n"
        f"@prefix skos: <{SKOS}> .\n",
        _statements(scheme, [
            ("a", ["skos:ConceptScheme"]),
            ("dcterms:title", [_literal(publication.title, language)]),
            ("dcterms:license", [_iri(publication.licence)] if publication.licence else []),
            ("skos:hasTopConcept", concepts(t.id for t in glossary.terms.values() if not t.broader)),
        ])])
    members: dict[str, list[str]] = {category.id: [] for category in glossary.categories}
    for term in glossary.terms.values():
        for category_id in term.categories:
            members[category_id].append(term.id)
    for category in glossary.categories:
        anchor = publication.relative_url(CATEGORY_INDEX, from_page=folder) + "#" + category.id
        yield "\n" + _statements(_iri(anchor), [
            ("a", ["skos:Collection"]),
            ("dcterms:identifier", [_literal(category.id)]),
            ("skos:prefLabel", [_literal(category.title, language)]),
            ("skos:definition", [_literal(category.description, language)] if category.description else []),
            ("lexinfo:partOfSpeech", ["lexinfo:properNoun"] if category.proper_nouns else []),
            ("skos:member", concepts(members[category.id])),
        ])

    def concept(term: Term) -> str:
        return "\n" + _statements(iris[term.id], [
            ("a", ["skos:Concept"]),
            ("dcterms:identifier", [_literal(term.id)]),
            ("skos:prefLabel", [_literal(term.term, language)]),
            ("skos:altLabel", [_literal(label, language) for label in alternate_labels(term)]),
            ("skos:notation", [_literal(term.abbreviation)] if term.abbreviation else []),
            ("skos:definition", [_literal(term.short, language)]),
            ("dcterms:description", [_literal(term.definition.strip()) + f"^^<{MARKDOWN}>"]
             if term.definition.strip() else []),
            ("skos:broader", concepts(term.broader)),
            ("skos:narrower", concepts(glossary.narrower[term.id])),
            ("skos:related", concepts(glossary.related[term.id])),
            ("skos:inScheme", [scheme]),
            ("skos:topConceptOf", [] if term.broader else [scheme]),
        ])

    for term in glossary.terms.values():
        yield record(term, functools.partial(concept, term))


def _statements(subject: str, pairs: list[tuple[str, list[str]]]) -> str:
    """One Turtle subject block; predicates with no objects are left out."""
    lines = [f"    {predicate} " + ",\n        ".join(objects)
             for predicate, objects in pairs if objects]
    return f"{subject}\n" + " ;\n".join(lines) + " .\n"


# Turtle string escapes: the quote, the backslash and line breaks must be escaped; other
# control characters are escaped too, so the file shows nothing invisible.
_TURTLE_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r",
                   ord("\t"): "\\t", ord("\b"): "\\b", ord("\f"): "\\f"}
_TURTLE_ESCAPES.update({c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F] if c not in _TURTLE_ESCAPES})
_TURTLE_ESCAPED = re.compile("[" + re.escape("".join(map(chr, _TURTLE_ESCAPES))) + "]")
# Characters an IRI written <...> may not hold; they are percent-encoded.
_IRI_FORBIDDEN = set('<>"{}|^`\\') | {chr(c) for c in range(0x21)}


def _literal(text: str, language: str | None = None) -> str:
    # Most text has nothing to escape: finding that out is faster than translating it.
    quoted = '"' + (text.translate(_TURTLE_ESCAPES) if _TURTLE_ESCAPED.search(text) else text) + '"'
    return f"{quoted}@{language}" if language else quoted


def _iri(address: str) -> str:
    if _IRI_FORBIDDEN.isdisjoint(address):  # every address the site makes itself
        return f"<{address}>"
    return "<" + "".join(quote(c, safe="") if c in _IRI_FORBIDDEN else c for c in address) + ">"


# --- glossary.csv -------------------------------------------------------------------------

def glossary_csv(glossary: Glossary, publication: Publication) -> bytes:
    """One row per term (A–Z): RFC 4180 (comma-separated, CRLF line ends), UTF-8.

    Aliases, categories and linked terms share one cell each, separated by "; ". The last
    column says whether the name keeps its capital letter inside a sentence
    (:func:`_proper_noun_cell`). A cell that
    a spreadsheet would run as a formula gets a leading apostrophe, so opening the file never
    runs anything.
    """
    return "".join(_csv_parts(glossary, publication, _made_now)).encode("utf-8")


def _csv_parts(glossary: Glossary, publication: Publication, record: Record) -> Iterator[str]:
    """glossary.csv row by row."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    urls = _term_urls(glossary, publication)
    yield buffer.getvalue()  # the header

    def row(term: Term) -> str:
        cells = (term.id, term.term, term.abbreviation or "", CSV_LIST_SEPARATOR.join(term.aliases),
                 term.short, CSV_LIST_SEPARATOR.join(term.categories), urls[term.id],
                 term.definition.strip(), CSV_LIST_SEPARATOR.join(sorted(term.broader)),
                 CSV_LIST_SEPARATOR.join(glossary.related[term.id]),
                 _proper_noun_cell(glossary, term))
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([inert_cell(cell) for cell in cells])
        return buffer.getvalue()

    for term in glossary.alphabetical():
        yield record(term, functools.partial(row, term))


def _proper_noun_cell(glossary: Glossary, term: Term) -> str:
    """"true" when the term's name keeps its capital letter inside a sentence, by its entry or
    by its category (the file does not declare categories); "false" when its entry says it
    does not; else empty."""
    if glossary.is_proper_noun(term):
        return "true"
    return "false" if term.proper_noun is False else ""


def inert_cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


#: How each data file but the schema is made, in pieces, by its path in the site.
_EXPORT_PARTS: dict[str, Callable[[Glossary, Publication, Record], Iterator[str]]] = {
    JSON_PATH: _json_parts, TURTLE_PATH: _turtle_parts, CSV_PATH: _csv_parts}


# --- JSON-LD in the pages -----------------------------------------------------------------

class PageData:
    """The JSON-LD of the generated pages of one glossary, published as ``publication`` says.

    The data writes addresses relative to its page, as the page's own links are: short, and
    right for any reader, since a relative address in a page is read against the page's
    address. With a site URL, the context's ``@base`` names the page's hosted address, so that
    JSON-LD readers resolve them to the hosted addresses wherever the page is read, even in a
    copy of the site built for reading offline, whose pages are elsewhere: a term keeps one
    identifier. Each page's context also declares which of its properties hold addresses, so
    that every address is a plain string.
    """

    def __init__(self, glossary: Glossary, publication: Publication) -> None:
        self.glossary = glossary
        self.publication = publication
        self.index = publication.site_path(INDEX_PAGE)
        self.paths = {term_id: publication.site_path(term_path(term_id)) for term_id in glossary.terms}
        # Each term page's path inside the glossary folder ("weights/" or "weights.html"):
        # from any page, a term's address is the way up to that folder and then this.
        folder = GLOSSARY_DIR + "/"
        self.in_folder = {term_id: path.removeprefix(folder) for term_id, path in self.paths.items()}

    def _up_to_glossary_folder(self, page: str) -> str:
        """How a relative address from the page at site path ``page`` to any page of the
        glossary folder starts ("../", or nothing from a page in that folder, as links to
        "weights.html" are written): worked out once per page, not once per link."""
        return _relative(GLOSSARY_DIR + "/", page).removeprefix("./")

    def term(self, term: Term) -> dict[str, Any]:
        """The term page's data. Every term page carries it, so it says each thing once: the
        name, other names and short definition as schema.org's ``name``, ``alternateName``
        and ``description``. The SKOS labels, notation and scheme membership, which would
        repeat them, are in ``glossary.ttl``."""
        here = self.paths[term.id]
        itself = _relative(here, here)
        up = self._up_to_glossary_folder(here)
        links = {relation: [up + self.in_folder[i] for i in sorted(ids)]
                 for relation, ids in (("skos:broader", term.broader),
                                       ("skos:narrower", self.glossary.narrower[term.id]),
                                       ("skos:related", self.glossary.related[term.id])) if ids}
        node: dict[str, Any] = {
            "@context": self._context(here, links),
            "@id": itself,
            "@type": ["DefinedTerm", "skos:Concept"],
            "name": term.term,
            "alternateName": alternate_labels(term),
            "description": term.short,
            "url": itself,
            "termCode": term.id,
            "inDefinedTermSet": _relative(self.index, here),
            **links,
        }
        return {key: value for key, value in node.items() if value != []}

    def term_set(self) -> dict[str, Any]:
        """The glossary index's data, with the address of every term."""
        here = self.index
        itself = _relative(here, here)
        up = self._up_to_glossary_folder(here)
        licence = self.publication.licence

        def member(term: Term) -> dict[str, str]:
            page = up + self.in_folder[term.id]
            return {"@id": page, "@type": "DefinedTerm", "name": term.term, "url": page,
                    "termCode": term.id}

        node: dict[str, Any] = {
            "@context": self._context(here, ["license"] if licence else []),
            "@id": itself,
            "@type": ["DefinedTermSet", "skos:ConceptScheme"],
            "name": self.publication.title,
            "url": itself,
            "license": licence,
            "hasDefinedTerm": [member(term) for term in self.glossary.terms.values()],
        }
        return {key: value for key, value in node.items() if value is not None}

    def _context(self, page: str, addresses: Iterable[str]) -> dict[str, Any]:
        """The context of the data in the page at site path ``page``; ``addresses`` names the
        properties, besides ``url`` and ``inDefinedTermSet``, whose values are addresses."""
        site_url = self.publication.site_url
        base = {"@base": site_url + page} if site_url else {}
        return {**base, **JSONLD_CONTEXT, **dict.fromkeys(addresses, _ADDRESS)}


def jsonld_script(data: dict[str, Any]) -> str:
    """``data`` as a ``<script type="application/ld+json">`` element.

    Every "<" is written as its JSON escape, so no text in the data can end the script
    element ("</script>") or open an HTML comment inside it; JSON readers see the same text.
    """
    text = _COMPACT_JSON.encode(data).replace("<", "\\u003c")
    return f'<script type="application/ld+json">{text}</script>'


def head_html(glossary: Glossary, publication: Publication) -> HeadHtml:
    """HTML to add to the head of generated pages, by their docs path: see :class:`HeadHtml`."""
    return HeadHtml(glossary, publication)


class HeadHtml(Mapping[str, str]):
    """HTML to add to the head of generated pages, by their docs path: the JSON-LD of each
    term page, and on the glossary index its JSON-LD and links to the data files. Each page's
    is made when it is asked for (:meth:`of`), as the page is written: made for every page at
    once and held, it would be 15 MB at 10,000 terms."""

    def __init__(self, glossary: Glossary, publication: Publication) -> None:
        # Relative even on a hosted site: Material's script reads absolute alternate links as
        # other versions of the site and fetches their sitemap from that host.
        this_build = dataclasses.replace(publication, site_url=None)
        self.alternates = "".join(
            f'<link rel="alternate" type="{media_type}" '
            f'href="{html.escape(this_build.url(path, from_page=INDEX_PAGE))}">'
            for path, media_type in ((JSON_PATH, "application/json"), (TURTLE_PATH, "text/turtle"),
                                     (CSV_PATH, "text/csv")))
        self.glossary = glossary
        self.data = PageData(glossary, publication)

    def of(self, path: str) -> str | None:
        """The HTML for the head of the page at docs path ``path``; None for other pages."""
        if path == INDEX_PAGE:
            return jsonld_script(self.data.term_set()) + self.alternates
        term_id = path.removeprefix(GLOSSARY_DIR + "/").removesuffix(".md")
        term = self.glossary.terms.get(term_id)
        return jsonld_script(self.data.term(term)) if term and term_path(term_id) == path else None

    def __getitem__(self, path: str) -> str:
        found = self.of(path)
        if found is None:
            raise KeyError(path)
        return found

    def __iter__(self) -> Iterator[str]:
        yield INDEX_PAGE
        yield from map(term_path, self.glossary.terms)

    def __len__(self) -> int:
        return 1 + len(self.glossary.terms)
