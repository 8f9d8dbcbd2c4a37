"""SKOS vocabularies in Turtle, RDF/XML, JSON-LD or N-Triples, read with rdflib.

Each ``skos:Concept`` becomes a term (docs/use-termbook.md has the mapping). Labels are
taken in the site's language: a label in exactly that language, else in a variant of it
(``en-GB`` for ``en``, or ``en`` for ``en-GB``), else one with no language; a concept with no
name in the language is not imported, and labels in other languages are noted once per source.

Nothing is fetched: rdflib is given the file's bytes, never an address, and a JSON-LD context
that names another document (``"@context": "https://..."``, ``@import``) or an RDF/XML
document type with external entities is refused before rdflib sees it. ``owl:imports`` is
noted, not followed. While rdflib parses, opening a network connection raises, so that no
path through it can reach another host.

rdflib is an optional dependency (``pip install "termbook[import]"``): only this reader
needs it.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..export import LEXINFO
from .records import Category, Note, Record, SourceRefused, Text, clip, explicit_text, markdown_text
from .sources import read_bytes

#: The RDF syntax of each file name ending.
SYNTAXES = {".ttl": "turtle", ".turtle": "turtle", ".rdf": "xml", ".xml": "xml", ".owl": "xml",
            ".jsonld": "json-ld", ".json": "json-ld", ".nt": "nt"}
SKOS = "http://www.w3.org/2004/02/skos/core#"
SKOSXL = "http://www.w3.org/2008/05/skos-xl#"
DCTERMS = "http://purl.org/dc/terms/"
DC = "http://purl.org/dc/elements/1.1/"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
OWL_IMPORTS = "http://www.w3.org/2002/07/owl#imports"
#: The datatype of a Markdown literal: termbook's Turtle writes a term's full definition so.
MARKDOWN = "https://www.iana.org/assignments/media-types/text/markdown"
#: The notes SKOS has that entries have no field for.
OTHER_NOTES = ("example", "historyNote", "editorialNote", "changeNote", "note")

def _rdflib() -> Any:
    try:
        import rdflib
    except ImportError:
        raise SourceRefused("reading SKOS needs rdflib, which is not installed: "
                            'pip install "termbook[import]"') from None
    return rdflib


def read_skos(path: Path, shown: str, language: str) -> tuple[list[Record], list[Note]]:
    """The concepts of a SKOS file as records, with the labels of ``language``."""
    syntax = SYNTAXES.get(path.suffix.lower())
    if syntax is None:
        raise SourceRefused(f"{shown}: cannot tell the RDF syntax from its name: end it in "
                            f"{', '.join(sorted(SYNTAXES))}")
    raw = read_bytes(path, shown)
    if syntax == "json-ld":
        _refuse_remote_contexts(raw, shown)
    elif syntax == "xml":
        _refuse_external_entities(raw, shown)
    rdflib = _rdflib()
    graph = rdflib.Graph()
    try:
        with _no_network():
            graph.parse(data=raw, format=syntax, publicID=path.resolve().as_uri())
    except SourceRefused:
        raise
    except Exception as problem:  # rdflib's parsers raise many kinds
        raise SourceRefused(f"{shown}: is not valid {syntax} ({_first_line(problem)})") from None
    return _Vocabulary(graph, shown, language).records()


def _first_line(problem: Exception) -> str:
    return (str(problem).strip().splitlines() or [type(problem).__name__])[0][:200]


def _refuse_remote_contexts(raw: bytes, shown: str) -> None:
    """Refuse JSON-LD that names a context to fetch: a string where a context goes, or
    ``@import``. A context written out in full is read."""
    try:
        document = json.loads(raw)
    except (ValueError, RecursionError) as problem:
        raise SourceRefused(f"{shown}: is not JSON ({problem})") from None
    pending = [document]
    while pending:
        value = pending.pop()
        if isinstance(value, list):
            pending += value
        elif isinstance(value, dict):
            contexts = value.get("@context")
            for context in contexts if isinstance(contexts, list) else [contexts]:
                if isinstance(context, str):
                    raise SourceRefused(f"{shown}: its @context names a document to fetch "
                                        f"({context}); nothing is fetched: write the context "
                                        "out in the file")
                if isinstance(context, dict) and "@import" in context:
                    raise SourceRefused(f"{shown}: its @context imports {context['@import']}; "
                                        "nothing is fetched: write the context out in the file")
            pending += value.values()


_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_EXTERNAL = re.compile(rb"<!ENTITY\s+(%\s*)?\S+\s+(SYSTEM|PUBLIC)\b|<!ENTITY\s+%", re.IGNORECASE)


def _refuse_external_entities(raw: bytes, shown: str) -> None:
    """Refuse RDF/XML whose document type declares external or parameter entities, which an
    XML parser would read from another file or host. Internal entities, which older files use
    to shorten namespaces, are read."""
    if _DOCTYPE.search(raw) and _EXTERNAL.search(raw):
        raise SourceRefused(f"{shown}: its document type declares an external entity, which "
                            "would be read from elsewhere; nothing is fetched: remove it")


@contextlib.contextmanager
def _no_network() -> Iterator[None]:
    """Any attempt to open a connection raises while this holds."""
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise SourceRefused("the vocabulary asked for a document from another host; nothing "
                            "is fetched")

    connect, connect_ex = socket.socket.connect, socket.socket.connect_ex
    socket.socket.connect = socket.socket.connect_ex = refuse  # type: ignore[method-assign]
    try:
        yield
    finally:
        socket.socket.connect, socket.socket.connect_ex = connect, connect_ex  # type: ignore[method-assign]


class _Vocabulary:
    """One parsed vocabulary, read concept by concept."""

    def __init__(self, graph: Any, shown: str, language: str) -> None:
        import rdflib

        self.graph, self.shown, self.language = graph, shown, language.lower()
        self.rdflib = rdflib
        self.other_languages: set[str] = set()

    def iri(self, name: str) -> Any:
        return self.rdflib.URIRef(name)

    def skos(self, name: str) -> Any:
        return self.iri(SKOS + name)

    def objects(self, subject: Any, *predicates: str) -> list[Any]:
        found = []
        for predicate in predicates:
            found += sorted(self.graph.objects(subject, self.iri(predicate)), key=str)
        return found

    def labels(self, subject: Any, *predicates: str, every: bool = False) -> list[str]:
        """The literals of ``predicates`` in the site's language (see the module's docs);
        ``every``: those in a variant of it and with no language too, after them."""
        literals = [o for o in self.objects(subject, *predicates) if isinstance(o, self.rdflib.Literal)]
        exact = [o for o in literals if (o.language or "").lower() == self.language]
        base = self.language.split("-")[0]
        variant = [o for o in literals if o.language and o not in exact
                   and o.language.lower().split("-")[0] == base]
        bare = [o for o in literals if not o.language]
        chosen = exact + variant + bare if every else exact or variant or bare
        self.other_languages |= {o.language.lower() for o in literals
                                 if o.language and o not in exact and o not in variant}
        return [str(o) for o in chosen]

    def name(self, subject: Any) -> str | None:
        """A label of any kind for a scheme, a collection or a cited document."""
        for predicates in ((SKOS + "prefLabel",), (DCTERMS + "title", DC + "title"), (RDFS + "label",)):
            found = self.labels(subject, *predicates)
            if found:
                return found[0]
        return None

    def records(self) -> tuple[list[Record], list[Note]]:
        graph = self.graph
        notes = [Note(self.shown, str(subject), "owl:imports", f"{target} is not read",
                      "termbook reads only the files given: import that vocabulary's file too")
                 for subject, target in sorted(graph.subject_objects(self.iri(OWL_IMPORTS)))]
        concepts = sorted(set(graph.subjects(self.iri(RDF_TYPE), self.skos("Concept"))), key=str)
        schemes = sorted(set(graph.subjects(self.iri(RDF_TYPE), self.skos("ConceptScheme"))), key=str)
        categories = self._collections()
        if len(schemes) > 1:
            for scheme in schemes:
                category = Category(str(scheme), self.name(scheme))
                for concept in set(graph.subjects(self.skos("inScheme"), scheme)) | set(
                        graph.subjects(self.skos("topConceptOf"), scheme)):
                    categories.setdefault(concept, []).append(category)
        narrower_of: dict[Any, list[str]] = {}
        for concept in concepts:
            for child in self.objects(concept, SKOS + "narrower"):
                narrower_of.setdefault(child, []).append(str(concept))
        records = []
        for concept in concepts:
            record = self._record(concept, categories.get(concept, []), narrower_of.get(concept, []),
                                  notes)
            if record is not None:
                records.append(record)
        if self.other_languages - {self.language}:
            shown = ", ".join(sorted(self.other_languages - {self.language}))
            notes.append(Note(self.shown, "1", "(labels)", f"labels in other languages ({shown}) "
                              "are not carried over: a site has one language",
                              "import with --language into a site in that language"))
        return records, notes

    def _collections(self) -> dict[Any, list[Category]]:
        """Each concept's collections, as categories."""
        rdflib = self.rdflib
        found: dict[Any, list[Category]] = {}
        for kind in ("Collection", "OrderedCollection"):
            for collection in sorted(set(self.graph.subjects(self.iri(RDF_TYPE), self.skos(kind))), key=str):
                definitions = self.labels(collection, SKOS + "definition")
                identifiers = self.objects(collection, DCTERMS + "identifier", DC + "identifier")
                category = Category(str(identifiers[0]) if identifiers else str(collection),
                                    self.name(collection), definitions[0] if definitions else None,
                                    self.iri(LEXINFO + "properNoun") in self.objects(
                                        collection, LEXINFO + "partOfSpeech"))
                members = self.objects(collection, SKOS + "member")
                for head in self.objects(collection, SKOS + "memberList"):
                    members += list(rdflib.collection.Collection(self.graph, head))
                for member in members:
                    found.setdefault(member, []).append(category)
        return found

    def _record(self, concept: Any, categories: list[Category], narrower_of: list[str],
                notes: list[Note]) -> Record | None:
        where = str(concept)
        names = self.labels(concept, SKOS + "prefLabel") or [
            str(form) for label in self.objects(concept, SKOSXL + "prefLabel")
            for form in self.objects(label, SKOSXL + "literalForm")]
        if not names:
            notes.append(Note(self.shown, where, "prefLabel", f"has no name in '{self.language}'",
                              "the concept is not imported: import it with --language set to "
                              "a language it has a name in"))
            return None
        identifiers = [str(o) for o in self.objects(concept, DCTERMS + "identifier", DC + "identifier")]
        abbreviation = None
        for notation in self.objects(concept, SKOS + "notation"):
            if abbreviation is None and any(ch.isalpha() for ch in str(notation)):
                abbreviation = str(notation)
            else:
                notes.append(Note(self.shown, where, "notation", f"'{notation}' is not carried over",
                                  "a code of digits is no name readers use; an entry has one "
                                  "abbreviation"))
        definitions = self.labels(concept, SKOS + "definition")
        described = [o for o in self.objects(concept, DCTERMS + "description")
                     if getattr(o, "datatype", None) == self.iri(MARKDOWN)]
        paragraphs: list[Text] = [explicit_text(str(described[0]).strip())] if described else []
        paragraphs += [(markdown_text(text.strip()),) for text in definitions[1:]]
        paragraphs += [(markdown_text(text.strip()),) for text in self.labels(concept, SKOS + "scopeNote")]
        for kind in OTHER_NOTES:
            for text in self.labels(concept, SKOS + kind):
                notes.append(Note(self.shown, where, f"{kind}", f"'{clip(text)}' is not carried over",
                                  "entries have no field for it: add it to the definition by hand"))
        definition: list[str | Any] = []
        for paragraph in paragraphs:
            definition += [*(["\n\n"] if definition else []), *paragraph]
        return Record(
            self.shown, where, names[0], keys=[where, *identifiers],
            given_id=identifiers[0] if identifiers else None,
            aliases=names[1:] + self.labels(concept, SKOS + "altLabel", SKOS + "hiddenLabel", every=True),
            abbreviation=abbreviation, short=(definitions[0],) if definitions else None,
            definition=tuple(definition) or None, categories=categories,
            related=[str(o) for o in self.objects(concept, SKOS + "related")],
            broader=list(dict.fromkeys([str(o) for o in self.objects(concept, SKOS + "broader")]
                                       + narrower_of)),
            sources=[self._source(o) for o in self.objects(concept, DCTERMS + "source", DC + "source",
                                                           RDFS + "seeAlso")])

    def _source(self, cited: Any) -> dict[str, str]:
        """A cited document: its address, and its title, publisher and date where the
        vocabulary describes it."""
        if isinstance(cited, self.rdflib.Literal):
            return {"title": str(cited)}
        source = {"title": self.name(cited)}
        publishers = self.objects(cited, DCTERMS + "publisher", DC + "publisher")
        if publishers:
            publisher = publishers[0]
            source["publisher"] = (str(publisher) if isinstance(publisher, self.rdflib.Literal)
                                   else self.name(publisher))
        dates = self.objects(cited, DCTERMS + "date", DCTERMS + "issued", DCTERMS + "created", DC + "date")
        if dates:
            source["date"] = str(dates[0])[:10]
        if isinstance(cited, self.rdflib.URIRef):
            source["url"] = str(cited)
        return {key: value for key, value in source.items() if value}
