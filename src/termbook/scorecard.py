"""The scorecard page (a table of every rated entry) and its ratings as data.

The table is HTML written into the Markdown page (Python-Markdown's ``md_in_html`` turns the
entry links into links MkDocs resolves), so it reads in full without JavaScript. Every row and
cell carries what ``assets/termbook/scorecard.js`` needs to sort, filter and compare
(``data-*`` attributes: the entry's id, type and summary count, each cell's component,
rating and reason), and the table's box carries the scorecard's ratings, in order, and its
types (``data-scorecard``), so the script reads the page itself, knows no rating or type of
its own and fetches nothing: it also works from file://. Every word of the page comes from
the site's ``termbook.yml`` or from termbook's labels (:mod:`termbook.messages`).

Like the rest of the engine, everything here is a pure function of the glossary: the only date
is the latest ``reviewed`` date of the rated entries.
"""

from __future__ import annotations

import copy
import csv
import dataclasses
import functools
import io
import json
from collections.abc import Callable
from typing import Any

from .export import Publication, inert_cell, ratings_record, schema_bytes
from .kept import Kept
from .layout import SCORECARD_ENTRY_COLUMN, SCORECARD_SUMMARY_COLUMN, rel, term_path
from .markup import inert_html
from .messages import SCORECARD_SCRIPT_LABELS, Messages
from .model import Glossary, Rating, Term
from .render import Page, attribute, front_matter, heading, inert, plain, rating_badge
from .schema import EXPORT_SCHEMA, RATINGS_SCHEMA, add_rating_choices, load_schema, ratings_schema
from .taxonomy import SCORECARD_CSV_COLUMNS, EntryType, Scorecard, fill

#: The definitions it takes from glossary.json's schema.
_SHARED_DEFINITIONS = ("address", "date", "web-address", "rating")


def rated_entries(glossary: Glossary) -> list[Term]:
    """The rated entries, A–Z."""
    return [t for t in glossary.alphabetical() if t.ratings]


def ratings_date(entries: list[Term]) -> str:
    """The date the ratings hold for: the latest date a rated entry was checked."""
    return max((t.reviewed for t in entries if t.reviewed), default="")


def by_component(ratings: tuple[Rating, ...]) -> dict[str, str]:
    """An entry's rating ids by component, as a type's rule reads them."""
    return {r.component: r.rating for r in ratings}


def type_of(scorecard: Scorecard, term: Term) -> EntryType | None:
    """The type of a rated entry; None when the scorecard declares no types."""
    return scorecard.type_of(by_component(term.ratings))


def summary_of(scorecard: Scorecard, term: Term) -> int:
    """How many of a rated entry's components have a rating the summary column counts."""
    return scorecard.summary_count(by_component(term.ratings))


# --- The page ------------------------------------------------------------------------------

def _heading(key: str, full: str, short: str) -> str:
    """A column heading: the short name shows, the full name is read out and shows on hover
    and focus (scorecard.js puts a sort button in the heading)."""
    return (f'<th scope="col" data-sort="{attribute(key)}"><span class="tb-col-short" aria-hidden="true">'
            f'{inert(short)}</span><span class="tb-col-full">{inert(full)}</span></th>')


class _Table:
    """The table of one scorecard: its titles looked up once for every row."""

    def __init__(self, scorecard: Scorecard, say: Messages):
        self.scorecard = scorecard
        self.say = say
        self.titles = {c.id: c.title for c in scorecard.components}

    def cell(self, rating: Rating) -> str:
        badge = rating_badge(self.scorecard, rating.rating)
        if rating.evidence:
            badge = (f'<a href="{rating.evidence.attribute()}" title="{inert(rating.reason)}">{badge}'
                     f'<span class="tb-visually-hidden">: {inert(rating.reason)}</span></a>')
        return (f'<td data-component="{attribute(rating.component)}" '
                f'data-rating="{attribute(rating.rating)}" '
                f'data-reason="{inert(rating.reason)}" '
                f'data-label="{inert(self.titles[rating.component])}">{badge}</td>')

    def row(self, term: Term) -> str:
        scorecard = self.scorecard
        link = f"[{plain(term.term)}]({rel(scorecard.paths.page, term_path(term.id))})"
        kind = type_of(scorecard, term)
        attributes = f'data-entry="{attribute(term.id)}" data-name="{inert(term.term)}"'
        badge = summary = ""
        if kind:
            attributes += f' data-type="{attribute(kind.id)}"'
            badge = f' <span class="tb-type tb-type--{attribute(kind.id)}">{inert(kind.title)}</span>'
        if scorecard.summary:
            count = summary_of(scorecard, term)
            attributes += f' data-summary="{count}"'
            summary = (f'<td class="tb-summary" data-label="{inert(scorecard.summary.title)}">'
                       f'{inert(self.say("scorecard_summary_count", count, total=len(self.titles)))}</td>')
        return (f'<tr id="{scorecard.data_names.entry}-{attribute(term.id)}" {attributes} markdown>\n'
                f'<th scope="row" markdown="span">{link}{badge}</th>\n'
                f'{"".join(self.cell(r) for r in term.ratings)}{summary}\n</tr>')

    def html(self, entries: list[Term]) -> str:
        scorecard = self.scorecard
        headings = [_heading(SCORECARD_ENTRY_COLUMN, scorecard.entry_column, scorecard.entry_column)]
        headings += [_heading(c.id, c.title, c.short_title) for c in scorecard.components]
        if scorecard.summary:
            headings.append(_heading(SCORECARD_SUMMARY_COLUMN, scorecard.summary.title,
                                     scorecard.summary.short_title))
        rows = "\n".join(self.row(t) for t in entries)
        return (f'<div class="tb-scorecard-scroll" markdown>\n<table class="tb-scorecard-table" markdown>\n'
                f'<caption>{inert(self.say("scorecard_caption", len(entries)))}</caption>\n'
                f'<thead><tr>{"".join(headings)}</tr></thead>\n<tbody markdown>\n{rows}\n</tbody>\n'
                "</table>\n</div>\n")


class KeptScorecard:
    """The scorecard page and data files of the run before, for a preview that makes them
    again after each edit: they show the rated entries alone, so they are made again only
    when a rated entry changed (or the taxonomy, the language or the site's addresses), not
    after an edit of any other entry."""

    def __init__(self) -> None:
        self._page: Kept[str, str] = Kept()
        self._files: Kept[str, dict[str, bytes]] = Kept()

    @property
    def made(self) -> bool:
        """Whether the page or the files were made, not kept, since :meth:`follow`."""
        return bool(self._page.made or self._files.made)

    def follow(self, glossary: Glossary, publication: Publication) -> None:
        """Keep what was made for the same taxonomy and publication as these."""
        shared = (glossary.taxonomy, dataclasses.replace(publication, inputs_digest=""))
        self._page.follow(shared)
        self._files.follow(shared)

    def page(self, entries: list[Term], make: Callable[[], str]) -> str:
        return self._page.get("page", tuple(entries), make)

    def files(self, entries: list[Term], make: Callable[[], dict[str, bytes]]) -> dict[str, bytes]:
        return self._files.get("files", tuple(entries), make)


def scorecard_pages(glossary: Glossary, say: Messages | None = None,
                    kept: KeptScorecard | None = None) -> list[Page]:
    """The scorecard page, when the site declares a scorecard and an entry is rated; a
    preview passes what it ``kept`` from its run before."""
    scorecard = glossary.taxonomy.scorecard
    if scorecard is None or not any(t.ratings for t in glossary.terms.values()):
        return []
    make = functools.partial(scorecard_page, glossary, scorecard, say or Messages())
    if kept is not None:
        make = functools.partial(kept.page, rated_entries(glossary), make)
    return [Page(scorecard.paths.page, make, link_mentions=False)]


def scorecard_page(glossary: Glossary, scorecard: Scorecard, say: Messages) -> str:
    """Every rated entry with every rating, each linked to its evidence, with sorting,
    filtering and a side-by-side view."""
    entries = rated_entries(glossary)
    date = ratings_date(entries)
    count = len(entries)
    paths = scorecard.paths
    # The date the ratings hold for, where a rated entry says when it was checked.
    as_of = [say("scorecard_as_of", date=plain(date))] if date else []
    how_to = say("scorecard_how_to" if scorecard.types else "scorecard_how_to_no_types")
    downloads = (say("scorecard_downloads", csv=paths.csv, json=paths.json, date=plain(date)) if date
                 else say("scorecard_downloads_undated", csv=paths.csv, json=paths.json))
    parts = [
        front_matter(title=scorecard.title, description=fill(scorecard.description, count=count),
                     hide=["toc"], searched=False),
        f"# {plain(scorecard.title)}\n",
        " ".join([fill(scorecard.intro, count=count), *as_of, how_to]) + "\n",
        f'<div class="tb-scorecard" {_script_data(scorecard, say)} markdown>\n',
        _Table(scorecard, say).html(entries), "</div>\n",
        downloads + "\n{ .tb-downloads }\n",
        heading(say("scorecard_legend"), "legend"),
        _legend([(rating_badge(scorecard, r.id), r.description) for r in scorecard.ratings]),
    ]
    if scorecard.types:
        parts += [say("scorecard_types_intro") + "\n",
                  _legend([(f"**{plain(t.title)}**", t.description) for t in scorecard.types])]
    if scorecard.about:
        parts.append(scorecard.about.strip() + "\n")
    return "\n".join(parts)


def _legend(items: list[tuple[str, str]]) -> str:
    """A Markdown list of names (Markdown) with what each means (plain text), if anything."""
    return "\n".join(f"- {name}: {plain(meaning)}" if meaning else f"- {name}"
                     for name, meaning in items) + "\n"


def _script_data(scorecard: Scorecard, say: Messages) -> str:
    """What scorecard.js needs besides the table, as attributes of the table's box: the words
    it writes, in the site's language (``data-label-sort-by="Sort by"``), which it shows as
    text, placeholders filled; and the ratings, best first, and the types, each with its
    title (``data-scorecard``, JSON)."""
    labels = [f'data-label-{name}="{inert(say.text(key))}"'
              for name, key in SCORECARD_SCRIPT_LABELS.items()]
    declared = {"ratings": [[r.id, r.title] for r in scorecard.ratings],
                "types": [[t.id, t.title] for t in scorecard.types]}
    data = json.dumps(declared, ensure_ascii=False, separators=(",", ":"))
    return " ".join(labels + [f'data-scorecard="{inert_html(data)}"'])


# --- The ratings as data -------------------------------------------------------------------

def scorecard_files(glossary: Glossary, publication: Publication,
                    kept: KeptScorecard | None = None) -> dict[str, bytes]:
    """The ratings as CSV and JSON, and the JSON's schema, for the site root (named after the
    scorecard, :attr:`Scorecard.paths`); none without a scorecard or rated entries. A
    preview passes what it ``kept`` from its run before."""
    scorecard, entries = glossary.taxonomy.scorecard, rated_entries(glossary)
    if scorecard is None or not entries:
        return {}
    paths = scorecard.paths

    def make() -> dict[str, bytes]:
        return {paths.csv: ratings_csv(scorecard, entries, publication),
                paths.json: ratings_json(scorecard, entries, publication),
                paths.schema: schema_bytes(ratings_schema_document(scorecard))}

    return make() if kept is None else kept.files(entries, make)


def ratings_csv(scorecard: Scorecard, entries: list[Term], publication: Publication) -> bytes:
    """One row per entry and component (RFC 4180, UTF-8); each row carries the date its entry
    was checked and the licence of the data, and the entry's type when the scorecard has
    types. Cells a spreadsheet would run as formulas are made inert, as in glossary.csv."""
    entry = scorecard.data_names.entry
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([f"{entry}_id", entry,
                     *(c for c in SCORECARD_CSV_COLUMNS if c != "type" or scorecard.types)])
    for term in entries:
        kind = type_of(scorecard, term)
        for r in term.ratings:
            row = (term.id, term.term, *([kind.id] if kind else []), r.component, r.rating,
                   r.reason, r.evidence or "", term.reviewed or "",
                   publication.url(term_path(term.id)), publication.licence or "")
            writer.writerow([inert_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")


def ratings_json(scorecard: Scorecard, entries: list[Term], publication: Publication) -> bytes:
    """Every rated entry with its ratings, after what the scorecard declares; its format is
    :func:`ratings_schema_document`."""
    names = scorecard.data_names

    def record(term: Term) -> dict[str, Any]:
        kind = type_of(scorecard, term)
        return {"id": term.id, "name": term.term, "url": publication.url(term_path(term.id)),
                **({"type": kind.id} if kind else {}),
                **({names.summary: summary_of(scorecard, term)} if scorecard.summary else {}),
                "reviewed": term.reviewed, "components": ratings_record(term.ratings)}

    document: dict[str, Any] = {
        "title": scorecard.title,
        "date": ratings_date(entries),
        "licence": publication.licence,
        "components": {c.id: c.title for c in scorecard.components},
        "ratings": {r.id: r.description or r.title for r in scorecard.ratings},
        **({"framework": scorecard.framework} if scorecard.framework else {}),
        **({"types": {t.id: t.title for t in scorecard.types}} if scorecard.types else {}),
        names.entries: [record(term) for term in entries],
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def ratings_schema_document(scorecard: Scorecard) -> dict[str, Any]:
    """The JSON Schema of the ratings' JSON file of ``scorecard``: the package's, with the
    definitions it shares with glossary.json's, the scorecard's components, ratings and types
    written in and its list and summary count under the names it gives them; without the
    parts the scorecard does not declare."""
    document = copy.deepcopy(load_schema(RATINGS_SCHEMA))
    document["title"] = f"{scorecard.title} ({scorecard.paths.json})"
    document["$defs"] |= {name: copy.deepcopy(definition)
                          for name, definition in load_schema(EXPORT_SCHEMA)["$defs"].items()
                          if name in _SHARED_DEFINITIONS}
    add_rating_choices(document, scorecard, meanings=True)
    fields, entry = document["properties"], document["$defs"]["entry"]
    entry["properties"]["components"] |= ratings_schema(scorecard)
    declared = {"components": [c.id for c in scorecard.components],
                "ratings": [r.id for r in scorecard.ratings],
                "types": [t.id for t in scorecard.types]}
    for name, ids in declared.items():
        if ids:
            fields[name] |= {"required": ids, "propertyNames": {"enum": ids}}
    if scorecard.types:
        entry["properties"]["type"]["enum"] = declared["types"]
    if scorecard.summary:
        summary = entry["properties"]["summary"]
        summary["description"] = (f"{scorecard.summary.title}: how many of its components are "
                                  f"rated {' or '.join(scorecard.summary.counts)}.")
        summary["maximum"] = len(scorecard.components)
    for name, present in (("framework", scorecard.framework), ("types", scorecard.types)):
        _require_or_drop(document, name, bool(present), before="entries")
    for name, given in (("type", scorecard.types), ("summary", scorecard.summary)):
        _require_or_drop(entry, name, bool(given), before="reviewed")
    names = scorecard.data_names
    _rename(document, "entries", names.entries)
    _rename(entry, "summary", names.summary)
    return document


def _rename(schema: dict[str, Any], name: str, new_name: str) -> None:
    """Call the property ``name`` of an object's ``schema`` ``new_name``, in its place."""
    if name in schema["properties"]:
        schema["properties"] = {new_name if key == name else key: value
                                for key, value in schema["properties"].items()}
        schema["required"] = [new_name if key == name else key for key in schema["required"]]


def _require_or_drop(schema: dict[str, Any], name: str, present: bool, *, before: str) -> None:
    """Make the property ``name`` of an object's ``schema`` required (listed before ``before``)
    when the file has it, or leave it out of the schema when it never does."""
    if present:
        schema["required"].insert(schema["required"].index(before), name)
    else:
        del schema["properties"][name]
