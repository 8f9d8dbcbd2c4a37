"""Stage 3, model: the glossary as plain data, made from checked files; what the later
stages (link, render, export) read."""

from __future__ import annotations

import dataclasses
import functools
import sys
import unicodedata
from collections.abc import Iterable

from .read import EntryFile
from .taxonomy import Category, Taxonomy
from .urls import Url, url_or_none

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
    definition: str
    category: str | None
    sources: tuple[Source, ...]
    reviewed: str
    path: str
    aliases: tuple[str, ...] = ()
    abbreviation: str | None = None
    related: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    status: str = "stable"
    openness: tuple[Rating, ...] = ()
    """The entry's scorecard ratings (the field the site's scorecard names), one per
    component in the scorecard's order; empty when the entry is not rated."""

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
    narrower: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    related: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    _a_to_z: tuple[Term, ...] | None = dataclasses.field(default=None, init=False, repr=False,
                                                         compare=False)

    def __post_init__(self) -> None:
        self.terms = dict(sorted(self.terms.items()))
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

    @property
    def categories(self) -> tuple[Category, ...]:
        return self.taxonomy.categories

    def alphabetical(self, ids: Iterable[str] | None = None) -> list[Term]:
        """Terms in A–Z order of their names (ties broken by id, so the order is stable)."""
        if ids is None:  # the whole glossary, which several pages and files list: sorted once
            if self._a_to_z is None:
                self._a_to_z = tuple(sorted(self.terms.values(), key=_a_to_z_key))
            return list(self._a_to_z)
        return sorted((self.terms[i] for i in ids), key=_a_to_z_key)


def _a_to_z_key(term: Term) -> tuple[str, str]:
    return sort_key(term.term), term.id


@functools.cache  # the same names are sorted again on every page that lists them
def sort_key(text: str) -> str:
    """Case- and accent-blind key, so "Éclair" sorts with E and "llama" with "Llama"."""
    if text.isascii():  # nothing to decompose: most names
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def index_letter(text: str) -> str:
    """The A–Z section a name is listed under; "#" for names that start with no letter."""
    first = sort_key(text)[:1].upper()
    return first if "A" <= first <= "Z" else "#"


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
    openness = tuple(Rating(c.id, ratings[c.id]["rating"], ratings[c.id]["reason"],
                            url_or_none(ratings[c.id].get("evidence")))
                     for c in scorecard.components) if ratings else ()
    return Term(id=file.id, term=d["term"], short=d["short"], definition=d["definition"],
                category=_shared_or_none(d.get("category")),
                sources=tuple(source_from(s) for s in d["sources"]),
                reviewed=_shared(d["reviewed"]), path=file.display, aliases=tuple(d.get("aliases", ())),
                abbreviation=d.get("abbreviation"), related=tuple(d.get("related", ())),
                broader=tuple(d.get("broader", ())), status=_shared(d.get("status", "stable")),
                openness=openness)


def article_from(file: EntryFile) -> Article:
    d = file.data
    claims = tuple(Claim(id=c["id"], claim=c["claim"], stance=c["stance"], terms=tuple(c["terms"]),
                         quote=c.get("quote"), context_note=c.get("context", {}).get("note"),
                         context_sources=tuple(source_from(s) for s in c.get("context", {}).get("sources", ())))
                   for c in d["claims"])
    return Article(id=file.id, title=d["title"], publisher=d["publisher"], date=d["date"],
                   summary=d["summary"], claims=claims, reviewed=d["reviewed"], path=file.display,
                   author=d.get("author"), url=url_or_none(d.get("url")))
