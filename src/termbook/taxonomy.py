"""The taxonomy a site declares in ``termbook.yml``: its categories, its scorecard (a grid of
ratings per entry, with the types of entry its ratings make), its articles, its dated events
and their kinds (``events``), the rules of its links (``links``: whether GitHub and Hugging
Face addresses must name a commit), the rules its entries follow (``entries``), the wording of
its pages (``labels``), how its search reads queries (``search``) and how contributors check
and preview an entry (``contributing``).

Every part is optional. Without ``categories`` entries have no category (and there is no
category index); without ``scorecard`` no entry is rated; without ``articles`` there are no
article summaries; without ``entries`` an entry needs only its name and a short definition or
a definition (:class:`EntryPolicy`); without ``labels`` the pages use termbook's wording in
the site's language (:mod:`termbook.messages`); without ``charts`` no page shows a chart
(:mod:`termbook.charts`); without ``search`` a query loses no word after a name but version
numbers. The entry schemas are generated from the taxonomy
(:func:`termbook.schema.entry_schema`), so an undeclared category, component, rating or
stance is reported like any other value the schema refuses, with its line and a "did you
mean". The file itself is read by :func:`termbook.read.read_taxonomy`; its format is
``schemas/termbook.schema.json``.
"""

from __future__ import annotations

import dataclasses
import string
from collections.abc import Collection, Mapping
from typing import Any

from .layout import ScorecardPaths

#: The file name a project's taxonomy has, at the project root.
CONFIG_FILE = "termbook.yml"
#: Where ``termbook schema`` writes the project's entry schemas, relative to the project root.
SCHEMA_DIR = "schemas"


# --- texts with placeholders ---------------------------------------------------------------

_PARSER = string.Formatter()


def placeholder_problem(template: str, allowed: Collection[str]) -> tuple[str, str] | None:
    """What is wrong with the placeholders of ``template``, a text of termbook.yml that may name
    ``allowed`` (``{count}``), and how to fix it; None when nothing is. A placeholder is a name
    in braces and nothing more: no attribute or item ("{count.real}"), no format ("{count:>9}")
    and no conversion ("{count!r}"), which would let a site's text read Python's internals or
    make a page of any size."""
    choices = ", ".join(f"{{{name}}}" for name in allowed) or "none"
    try:
        parts = list(_PARSER.parse(template))
    except ValueError as error:
        return (f"has a brace that opens or closes nothing ({error})",
                f"write a literal brace twice ({{{{ or }}}}); the placeholders here: {choices}")
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in allowed or spec or conversion:
            shown = ("{" + name + (f"!{conversion}" if conversion else "")
                     + (f":{spec}" if spec else "") + "}")
            what = (f"the placeholder {shown} is not allowed"
                    if name in allowed or not name.isidentifier()
                    else f"the placeholder {{{name}}} is not one this text has")
            return what, f"use only {choices}, each a bare name in braces"
    return None


def fill(template: str, **values: object) -> str:
    """``template`` with each placeholder replaced by its value (as text). Only bare names are
    read, and only from ``values``: nothing is looked up or formatted as str.format would.
    The template passed :func:`placeholder_problem` when termbook.yml was read."""
    return "".join(literal + ("" if name is None else str(values[name]))
                   for literal, name, _, _ in _PARSER.parse(template))


# --- what a site declares ------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Choice:
    """One declared value: a category, a scorecard component or rating, a stance."""

    id: str
    title: str
    description: str = ""
    short: str = ""
    """A shorter title, where space is tight (a table's column headings); the title if empty."""

    @property
    def short_title(self) -> str:
        return self.short or self.title


@dataclasses.dataclass(frozen=True)
class EventKind(Choice):
    record: str | None = None
    """The record every event of this kind carries (``release`` or ``measure``), if any."""


@dataclasses.dataclass(frozen=True)
class Category(Choice):
    proper_nouns: bool = False
    """Whether the names of its terms are proper nouns, which keep their capital letter when
    ``[[id]]`` writes them inside a sentence ("Llama", not "llama")."""


#: The colours a site can give its ratings and stances; without a declared one, the ratings
#: take them in this order.
COLOURS = ("green", "amber", "red", "grey", "blue", "purple")


@dataclasses.dataclass(frozen=True)
class ColouredChoice(Choice):
    """A declared value shown in a colour: a scorecard's rating, or a claim's stance."""

    colour: str = ""
    """One of :data:`COLOURS`; none when empty."""


@dataclasses.dataclass(frozen=True)
class Condition:
    """One condition of a type's rule: ``every`` (or at least one) of ``components`` has one
    of ``ratings``."""

    every: bool
    components: tuple[str, ...]
    ratings: tuple[str, ...]

    def holds(self, rating_of: Mapping[str, str]) -> bool:
        test = all if self.every else any
        return test(rating_of[c] in self.ratings for c in self.components)


@dataclasses.dataclass(frozen=True)
class EntryType(Choice):
    """A kind of rated entry, worked out from its ratings by the rule :attr:`when`."""

    when: tuple[Condition, ...] = ()
    """The rule: every condition holds. Empty for the last type, which takes every entry the
    rules of the types before it leave."""

    def fits(self, rating_of: Mapping[str, str]) -> bool:
        return all(condition.holds(rating_of) for condition in self.when)


@dataclasses.dataclass(frozen=True)
class Summary:
    """A column counting, for each rated entry, the components with one of some ratings."""

    title: str
    counts: tuple[str, ...]
    """The ids of the ratings it counts."""
    short: str = ""
    """A shorter heading, where space is tight; the title if empty."""

    @property
    def short_title(self) -> str:
        return self.short or self.title


#: The columns of a scorecard's CSV after the entry's id and name (``type`` only when the
#: scorecard has types).
SCORECARD_CSV_COLUMNS = ("type", "component", "rating", "reason", "evidence", "reviewed", "url",
                         "licence")


@dataclasses.dataclass(frozen=True)
class DataNames:
    """The names the scorecard's data files give a rated entry, the list of them and its
    summary count, in the site's own terms (``model``, ``models``, ``open_parts``); the rows
    of the table take the entry's name as their anchor (``#model-llama``)."""

    entry: str = "entry"
    """A rated entry: the CSV's columns ``<entry>_id`` and ``<entry>`` (its name)."""
    entries: str = "entries"
    """The JSON's list of every rated entry."""
    summary: str = "summary"
    """The summary count of an entry in the JSON."""


@dataclasses.dataclass(frozen=True)
class Scorecard:
    """A grid of ratings: each rated entry gives every component a rating, a reason and an
    evidence address; one generated page lists every rated entry."""

    components: tuple[Choice, ...]
    ratings: tuple[ColouredChoice, ...]
    """In order, best first: sorting by a component puts an entry with the first at the top."""
    field: str = "scorecard"
    """The entry field that holds the ratings."""
    slug: str = ""
    """The name of the page of every rated entry and of its data files; the field's name if
    empty (see :attr:`name`)."""
    title: str = "Scorecard"
    """The title of the page listing every rated entry."""
    heading: str = "Scorecard"
    """The heading of the ratings on an entry's page."""
    description: str = "{count} entries, rated component by component."
    """The page's description; ``{count}`` is the number of rated entries."""
    intro: str = "{count} entries, rated component by component. Each rating links to its evidence."
    """Markdown under the page's title; ``{count}`` as above."""
    entry_intro: str = "How each part of {term} is rated ([all rated entries]({page})):"
    """Markdown above an entry's ratings; ``{term}`` is its name, ``{page}`` the link to the
    page of all rated entries."""
    entry_column: str = "Entry"
    """The heading of the page's first column."""
    summary: Summary | None = None
    """A last column counting some ratings of each entry; none when None."""
    types: tuple[EntryType, ...] = ()
    """The kinds of rated entry, tried in order (see :meth:`type_of`); none when empty."""
    about: str = ""
    """Markdown at the end of the page: how the ratings are made."""
    framework: str = ""
    """What the ratings follow, stated in the data files."""
    rated_categories: tuple[str, ...] = ()
    """Only entries in these categories may be rated (any entry when empty)."""
    data_names: DataNames = DataNames()
    """What the data files call a rated entry, the list of them and its summary count."""

    @property
    def name(self) -> str:
        """The name of the page of every rated entry and of its data files."""
        return self.slug or self.field

    @property
    def paths(self) -> ScorecardPaths:
        """Where its page and data files are."""
        return ScorecardPaths(self.name)

    def type_of(self, rating_of: Mapping[str, str]) -> EntryType | None:
        """The first type whose rule holds for an entry with these ratings (by component);
        None when the scorecard declares no types."""
        return next((t for t in self.types if t.fits(rating_of)), None)

    def summary_count(self, rating_of: Mapping[str, str]) -> int:
        """How many components have a rating the summary column counts."""
        counted = self.summary.counts if self.summary else ()
        return sum(rating in counted for rating in rating_of.values())


@dataclasses.dataclass(frozen=True)
class Articles:
    """Article summaries with attributed claims, each claim taking one of the stances."""

    stances: tuple[ColouredChoice, ...]
    dir: str = "seeds"
    """The folder of the summaries, relative to the project root."""


@dataclasses.dataclass(frozen=True)
class Events:
    """Dated events, one file each in :attr:`dir`, each of one of the declared kinds."""

    kinds: tuple[EventKind, ...]
    dir: str = "events"
    """The folder of the events, relative to the project root."""

    def kind(self, kind_id: str) -> EventKind | None:
        return next((k for k in self.kinds if k.id == kind_id), None)


@dataclasses.dataclass(frozen=True)
class Links:
    """The rules for the addresses of entries, articles and events."""

    pinned: bool = False
    """Whether GitHub and Hugging Face addresses must name a commit (:func:`termbook.urls.unpinned`)."""
    unpinned: tuple[tuple[str, str], ...] = ()
    """The addresses allowed to stay unpinned, each with its reason."""


#: The fields an entry policy can require (the name, ``term``, always is).
REQUIRABLE_FIELDS = ("short", "definition", "category", "sources", "reviewed", "aliases",
                     "abbreviation", "related", "broader", "status")
#: What ``short`` may hold: ``inline`` code spans and emphasis, or ``none`` (plain text).
SHORT_MARKUP = ("inline", "none")


@dataclasses.dataclass(frozen=True)
class ShortRules:
    """What a short definition (tooltips, previews, the page description) may be."""

    max_length: int = 300
    sentences: int | None = None
    """At most this many sentences; any number when None."""
    markup: str = "inline"
    """``inline``: `code` and *emphasis* are allowed and shown as such; ``none``: plain text."""


@dataclasses.dataclass(frozen=True)
class EntryPolicy:
    """The rules a site's entries follow, beyond the format every site shares. With nothing
    declared, an entry needs its ``term`` and one of ``short`` or ``definition``."""

    required: tuple[str, ...] = ()
    """Fields every entry must have, besides ``term`` (see :data:`REQUIRABLE_FIELDS`)."""
    short: ShortRules = ShortRules()
    descriptions: tuple[tuple[str, str], ...] = ()
    """The site's own wording of what a field holds, by field name: the schema's description,
    which ``termbook check`` gives as the hint and ``termbook new`` as the comment."""


@dataclasses.dataclass(frozen=True)
class Contributing:
    """How a contributor checks and previews a new entry in this site: what ``termbook new``
    tells them to do next."""

    check: str = "termbook check {file}"
    """The command that checks one entry; ``{file}`` is its path."""
    preview: str = "mkdocs serve"
    """The command that serves a preview at http://127.0.0.1:8000/."""
    guide: str | None = None
    """The file or address of the site's guide for contributors."""
    example: str | None = None
    """The id of a finished entry to read as an example."""


@dataclasses.dataclass(frozen=True)
class Chart:
    """A chart drawn from the site's events (:mod:`termbook.charts`), and which events feed it."""

    id: str
    type: str
    """``releases``, ``release-counts`` or ``measurements`` (:data:`termbook.charts.CHART_TYPES`)."""
    title: str
    description: str
    kinds: tuple[str, ...] = ()
    """Only events of these kinds; any kind that carries what the chart shows when empty."""
    terms: tuple[str, ...] = ()
    """Only events about any of these terms."""
    quantities: tuple[str, ...] = ()
    """Only measurements of these quantities; any when empty."""
    unit: str | None = None
    """The unit of the measurements drawn."""
    since: str | None = None
    until: str | None = None
    """Only events dated in this range (each end as precise as its text: "2026" ends with 2026)."""
    component: str | None = None
    """Releases: the scorecard component whose rating marks each release (a release of rated
    entries takes each entry's rating of it; a release named without an entry gives its own)."""


@dataclasses.dataclass(frozen=True)
class Search:
    """How the site's search reads what readers type, beyond the words of its language
    (:mod:`termbook.search`)."""

    trailing_words: tuple[str, ...] = ()
    """Words readers type after a term's name that name nothing of their own ("model" on a
    site about AI models, "object" on one about a software platform): search leaves them out
    at the end of a query that names no term as typed, as it does version numbers."""


@dataclasses.dataclass(frozen=True)
class Taxonomy:
    language: str | None = None
    """The site's language (a BCP 47 tag) as termbook.yml declares it; when it declares none,
    the site's configuration decides (:attr:`termbook.pipeline.Project.language`)."""
    categories: tuple[Category, ...] = ()
    scorecard: Scorecard | None = None
    articles: Articles | None = None
    events: Events | None = None
    links: Links = Links()
    entries: EntryPolicy = EntryPolicy()
    labels: tuple[tuple[str, str], ...] = ()
    """The site's own wording of termbook's labels, by message id (:mod:`termbook.messages`)."""
    contributing: Contributing = Contributing()
    charts: tuple[Chart, ...] = ()
    """The charts a hand-written page can show, in the order termbook.yml declares them."""
    search: Search = Search()


def _chart(key: str, data: dict[str, Any]) -> Chart:
    """A chart as termbook.yml declares it, its lists as tuples."""
    fields: dict[str, Any] = {name: tuple(value) if isinstance(value, list) else value
                              for name, value in data.items()}
    return Chart(id=key, **fields)


def taxonomy_from(data: dict[str, Any]) -> Taxonomy:
    """The taxonomy in the (schema-valid) data of a ``termbook.yml``."""
    scorecard = data.get("scorecard")
    articles = data.get("articles")
    events = data.get("events")
    links = data.get("links", {})
    return Taxonomy(
        **({"language": data["language"]} if "language" in data else {}),
        categories=tuple(_choice(key, value, Category, proper_nouns=value.get("proper_nouns") == "true")
                         for key, value in data.get("categories", {}).items()),
        scorecard=scorecard_from(scorecard) if scorecard else None,
        articles=Articles(stances=tuple(_choice(key, value, ColouredChoice,
                                                colour=value.get("colour", ""))
                                        for key, value in articles["stances"].items()),
                          **({"dir": articles["dir"]} if "dir" in articles else {}))
        if articles else None,
        events=Events(kinds=tuple(_choice(key, value, EventKind, record=value.get("record"))
                                  for key, value in events["kinds"].items()),
                      **({"dir": events["dir"]} if "dir" in events else {}))
        if events else None,
        links=Links(pinned=links.get("pinned") == "true",
                    unpinned=tuple((item["url"], item["reason"]) for item in links.get("unpinned", ()))),
        entries=policy_from(data.get("entries", {})),
        labels=tuple(sorted(data.get("labels", {}).items())),
        contributing=Contributing(**data.get("contributing", {})),
        charts=tuple(_chart(key, chart) for key, chart in data.get("charts", {}).items()),
        search=Search(trailing_words=tuple(data.get("search", {}).get("trailing_words", ()))),
    )


def _choice(key: str, value: dict[str, Any], kind: type[Choice] = Choice, **fields: Any) -> Any:
    """A declared value of kind ``kind``, with ``fields`` beyond those every choice has."""
    return kind(id=key, title=value["title"], description=value.get("description", ""),
                short=value.get("short", ""), **fields)


def scorecard_from(data: dict[str, Any]) -> Scorecard:
    """The scorecard in the (schema-valid) ``scorecard`` section of a ``termbook.yml``."""
    ratings = tuple(_choice(key, value, ColouredChoice,
                            colour=value.get("colour", COLOURS[index % len(COLOURS)]))
                    for index, (key, value) in enumerate(data["ratings"].items()))
    summary = data.get("summary")
    return Scorecard(
        components=tuple(_choice(*item) for item in data["components"].items()),
        ratings=ratings,
        summary=Summary(title=summary["title"], short=summary.get("short", ""),
                        counts=tuple(summary.get("counts", (ratings[0].id,))))
        if summary else None,
        types=tuple(_choice(key, value, EntryType, when=tuple(
                        Condition(every="all" in condition,
                                  components=tuple(condition.get("all", condition.get("any", ()))),
                                  ratings=tuple(condition["rated"]))
                        for condition in value.get("when", ())))
                    for key, value in data.get("types", {}).items()),
        rated_categories=tuple(data.get("rated_categories", ())),
        data_names=DataNames(**data.get("data_names", {})),
        **{key: value for key, value in data.items() if isinstance(value, str)})


def categories_of(entry: dict[str, Any]) -> tuple[str, ...]:
    """The ids of an entry's categories: ``category`` is one id or a list of them (values of
    the wrong type, which the schema check reports, are left out)."""
    value = entry.get("category")
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return tuple(v for v in values if isinstance(v, str))


def policy_from(data: dict[str, Any]) -> EntryPolicy:
    """The entry policy in the (schema-valid) ``entries`` section of a ``termbook.yml``;
    every value is text there, as in entries."""
    short = data.get("short", {})
    return EntryPolicy(
        required=tuple(data.get("required", ())),
        short=ShortRules(max_length=int(short.get("max_length", ShortRules.max_length)),
                         sentences=int(short["sentences"]) if "sentences" in short else None,
                         markup=short.get("markup", ShortRules.markup)),
        descriptions=tuple(sorted(data.get("descriptions", {}).items())))
