"""Stage 3, model: the glossary as plain data, made from checked files; what the later
stages (link, render, export) read."""

from __future__ import annotations

import dataclasses
import functools
import re
import sys
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .collation import Collation
from .kept import Kept
from .markup import EXPLICIT_RE
from .read import EntryFile
from .taxonomy import Category, Taxonomy, categories_of
from .urls import Url, url_or_none

if TYPE_CHECKING:  # events.py builds on this module's records
    from .events import Timeline

# The records below have slots: a glossary holds tens of thousands of them for a whole build.

@dataclasses.dataclass(frozen=True, slots=True)
class Source:
    title: str
    publisher: str
    date: str
    url: Url | None = None
    note: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Rating:
    component: str
    rating: str
    reason: str
    evidence: Url | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Term:
    id: str
    term: str
    short: str
    """The short definition as written (it may hold `code` and *emphasis*, see
    :mod:`termbook.inline`), or, for an entry without one, the start of its definition."""
    definition: str
    """Markdown; empty for an entry with only a short definition."""
    categories: tuple[str, ...]
    sources: tuple[Source, ...]
    reviewed: str | None
    path: str
    aliases: tuple[str, ...] = ()
    abbreviation: str | None = None
    related: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    status: str = "stable"
    ratings: tuple[Rating, ...] = ()
    """The entry's scorecard ratings (the field the site's scorecard names), one per
    component in the scorecard's order; empty when the entry is not rated."""
    sort_as: str | None = None
    """How the A–Z index sorts and groups the name, when not as written (a reading)."""
    auto_link: bool = True
    """Whether mentions of its names become links (``link: explicit`` says no)."""
    proper_noun: bool | None = None
    """Whether ``[[id]]`` keeps the name's capital letter inside a sentence; None: as its
    categories say."""

    @property
    def labels(self) -> tuple[str, ...]:
        """Every name the term goes by: its name, abbreviation and aliases."""
        return (self.term,) + ((self.abbreviation,) if self.abbreviation else ()) + self.aliases


@dataclasses.dataclass(frozen=True, slots=True)
class Claim:
    id: str
    claim: str
    stance: str
    terms: tuple[str, ...]
    quote: str | None = None
    context_note: str | None = None
    context_sources: tuple[Source, ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class Article:
    id: str
    title: str
    publisher: str
    date: str
    summary: str
    claims: tuple[Claim, ...]
    reviewed: str
    path: str
    author: str | None = None
    url: Url | None = None

    @property
    def citation(self) -> Source:
        byline = f"{self.author}, {self.publisher}" if self.author else self.publisher
        return Source(self.title, byline, self.date, self.url)


@dataclasses.dataclass
class Glossary:
    """All terms and articles, with the links between them resolved both ways."""

    terms: dict[str, Term]
    articles: dict[str, Article]
    taxonomy: Taxonomy = Taxonomy()
    """What the site declares in termbook.yml: categories, scorecard, stances."""
    timeline: Timeline = dataclasses.field(default_factory=lambda: _no_events())
    """The site's dated events (:mod:`termbook.events`)."""
    narrower: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    related: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    _collation: Collation | None = dataclasses.field(default=None, init=False, repr=False,
                                                     compare=False)
    _a_to_z: tuple[Term, ...] | None = dataclasses.field(default=None, init=False, repr=False,
                                                         compare=False)
    _proper_noun_categories: frozenset[str] = dataclasses.field(default=frozenset(), init=False,
                                                                repr=False, compare=False)

    def __post_init__(self) -> None:
        self.terms = dict(sorted(self.terms.items()))
        names = {key: term.term for key, term in self.terms.items()}
        for key, term in self.terms.items():
            if not term.short:  # an entry with only a definition: its start stands in
                self.terms[key] = dataclasses.replace(term, short=summary_of(term.definition, names))
        self.articles = dict(sorted(self.articles.items()))
        narrower: dict[str, set[str]] = {key: set() for key in self.terms}
        related: dict[str, set[str]] = {key: set(t.related) for key, t in self.terms.items()}
        for term in self.terms.values():
            for parent in term.broader:
                narrower[parent].add(term.id)
            for other in term.related:  # "related" is symmetric: show it on both pages
                related[other].add(term.id)
        self.narrower = {key: tuple(sorted(ids)) for key, ids in narrower.items()}
        self.related = {key: tuple(sorted(ids)) for key, ids in related.items()}
        self._proper_noun_categories = frozenset(c.id for c in self.categories if c.proper_nouns)

    @property
    def categories(self) -> tuple[Category, ...]:
        return self.taxonomy.categories

    def is_proper_noun(self, term: Term) -> bool:
        """Whether ``term``'s name is a proper noun, which keeps its capital letter inside a
        sentence: when its entry says so (``proper_noun: true``) or, unless it says otherwise,
        when one of its categories is of proper nouns (termbook.yml)."""
        if term.proper_noun is not None:
            return term.proper_noun
        return not self._proper_noun_categories.isdisjoint(term.categories)

    def alphabetical(self, ids: Iterable[str] | None = None) -> list[Term]:
        """Terms in the A–Z order of the site's language (ties broken by id, so the order is
        stable); see :meth:`use_collation`."""
        if ids is None:  # the whole glossary, which several pages and files list: sorted once
            if self._a_to_z is None:
                self._a_to_z = tuple(sorted(self.terms.values(), key=self._a_to_z_key))
            return list(self._a_to_z)
        return sorted((self.terms[i] for i in ids), key=self._a_to_z_key)

    @property
    def collation(self) -> Collation:
        """The order of names in the site's language: English unless :meth:`use_collation`
        says otherwise (made when first asked for: a check never sorts)."""
        if self._collation is None:
            self._collation = Collation.of("en")
        return self._collation

    def use_collation(self, collation: Collation) -> None:
        """Sort in the order of ``collation`` (the site's language) from now on."""
        if collation is not self._collation:
            self._collation, self._a_to_z = collation, None

    def _a_to_z_key(self, term: Term) -> tuple[bytes, str]:
        return self.collation.sort_key(term.sort_as or term.term), term.id


def _no_events() -> Timeline:
    from .events import Timeline  # (events.py imports this module)
    return Timeline()


@functools.cache  # the same names are sorted again on every page that lists them
def sort_key(text: str) -> str:
    """Case- and accent-blind key, so "Éclair" sorts with E and "llama" with "Llama"."""
    if text.isascii():  # nothing to decompose: most names
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


# --- from checked files ------------------------------------------------------------------

# The values that many entries share (categories, statuses, review dates, publishers, dates)
# are interned: the parser makes a new string for each, and a build holds the glossary to its end.
_shared = sys.intern


def _shared_or_none(value: str | None) -> str | None:
    return None if value is None else _shared(value)


def source_from(data: dict[str, str]) -> Source:
    return Source(data["title"], _shared(data["publisher"]), _shared(data["date"]),
                  url_or_none(data.get("url")), data.get("note"))


def term_from(file: EntryFile, taxonomy: Taxonomy) -> Term:
    d = file.data
    scorecard = taxonomy.scorecard
    ratings = d.get(scorecard.field) if scorecard else None
    rated = tuple(Rating(c.id, ratings[c.id]["rating"], ratings[c.id]["reason"],
                         url_or_none(ratings[c.id].get("evidence")))
                  for c in scorecard.components) if scorecard and ratings else ()
    definition = d.get("definition", "")
    proper_noun = d.get("proper_noun")
    return Term(id=file.id, term=d["term"], short=d.get("short", ""),
                definition=definition, categories=tuple(map(_shared, categories_of(d))),
                sources=tuple(source_from(s) for s in d.get("sources", ())),
                reviewed=_shared_or_none(d.get("reviewed")), path=file.display,
                aliases=tuple(d.get("aliases", ())),
                abbreviation=d.get("abbreviation"), related=tuple(d.get("related", ())),
                broader=tuple(d.get("broader", ())), status=_shared(d.get("status", "stable")),
                ratings=rated, sort_as=d.get("sort_as"), auto_link=d.get("link") != "explicit",
                proper_noun=None if proper_noun is None else proper_noun == "true")


class KeptTerms:
    """The terms made from the entries of the run before, for a preview that reads the
    glossary again after each edit: a file with the bytes, schema and path of one made before
    (:attr:`termbook.read.EntryFile.key`), under the same taxonomy, gives the same term, which
    is kept rather than made again. At 10,000 terms making every term is half a second, most
    of it parsing the addresses of their sources."""

    def __init__(self) -> None:
        self._terms: Kept[str, Term] = Kept()  # by id: the file name in the glossary's folder

    @property
    def made(self) -> set[str]:
        """The ids of the terms made, not kept, by the last :meth:`of`."""
        return self._terms.made

    def of(self, files: list[EntryFile], taxonomy: Taxonomy) -> dict[str, Term]:
        """The term of each file (each valid), by id, as :func:`term_from` makes it."""
        ids = {file.id for file in files}
        self._terms.follow(taxonomy, ids.__contains__)
        return {file.id: self._terms.get(file.id, file.key, functools.partial(term_from, file, taxonomy))
                for file in files}


#: The most characters of a definition that stand in for a missing short definition.
SUMMARY_LENGTH = 300
_MARKDOWN_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\([^()\n]*\)")


def summary_of(definition: str, names: dict[str, str]) -> str:
    """What stands in for the short definition of an entry that has none: the first paragraph
    of its definition, with links as their text (``names``: each term's name, by id), cut at a
    word near :data:`SUMMARY_LENGTH`."""
    paragraph = " ".join(definition.strip().split("\n\n")[0].split())
    paragraph = EXPLICIT_RE.sub(lambda m: (m.group(2) or names.get(m.group(1).strip(), "")).strip(),
                                paragraph)
    paragraph = _MARKDOWN_LINK.sub(r"\1", paragraph)
    if len(paragraph) <= SUMMARY_LENGTH:
        return paragraph
    return paragraph[:SUMMARY_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def article_from(file: EntryFile) -> Article:
    d = file.data
    claims = tuple(Claim(id=c["id"], claim=c["claim"], stance=c["stance"], terms=tuple(c["terms"]),
                         quote=c.get("quote"), context_note=c.get("context", {}).get("note"),
                         context_sources=tuple(source_from(s) for s in c.get("context", {}).get("sources", ())))
                   for c in d["claims"])
    return Article(id=file.id, title=d["title"], publisher=d["publisher"], date=d["date"],
                   summary=d["summary"], claims=claims, reviewed=d["reviewed"], path=file.display,
                   author=d.get("author"), url=url_or_none(d.get("url")))
