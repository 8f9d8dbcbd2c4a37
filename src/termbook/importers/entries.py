"""From the records a reader made to entries of the site: ids, links, categories, the same
checks as every entry, and files written only where nothing is lost.

What happens to each record, in order:

1. **Ids.** The source's own id where it gives one in the id form (with ``ids="source"``),
   else the id ``termbook new`` makes from the name (:func:`termbook.scaffold.derive_id`).
   Two terms with one id: the second gets ``-2`` (and so on); an id the generated pages use
   gets ``-term``; an id too long is cut. Each change is a note.
2. **Values.** Every text goes through the rules every entry's text does: hidden characters
   (:func:`termbook.characters.hidden`), addresses (:func:`termbook.urls.problem`) and, for
   Markdown, :func:`termbook.safety.unsafe_markdown`. A value they refuse is left out and
   noted; a term whose name they refuse is not imported.
3. **Links.** Links and relations name terms by the source's keys; each becomes the term's new
   id (``[[id|text]]`` in Markdown). A link to a term the source does not have is written as
   its text, and noted.
4. **Categories.** A source's category is the declared category with that id or title, or a
   new id for which the report gives the ``termbook.yml`` lines to add: termbook.yml is never
   changed.
5. **Files.** Each entry is written with PyYAML's safe dumper and read back with termbook's
   own reader before anything is written: a file that would not read back as the same data,
   or that is larger than entries may be, is not written. Then every new entry is checked with
   the site's glossary, exactly as ``termbook check`` checks it; what it finds is what needs a
   human.

An existing entry is replaced only with ``force``, and only when it is a regular file that
reads as an entry; nothing else in the folder is ever touched.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml

from .. import schema
from ..characters import hidden
from ..check import check_files, check_short
from ..findings import Finding, errors_in
from ..labels import fold
from ..layout import reserved_ids, term_path
from ..read import (
    ID_PATTERN,
    MAX_ID_LENGTH,
    EntryFile,
    display_path,
    read_dir,
    read_entry,
    shorter_id,
)
from ..safety import unsafe_markdown
from ..scaffold import derive_id, schema_ref
from ..taxonomy import CONFIG_FILE, Taxonomy, categories_of
from ..urls import problem as url_problem
from ..yamlfile import MAX_BYTES, YamlRefused, parse_bytes
from .records import (
    CARRIED_FIELDS,
    SOURCE_FIELDS,
    Category,
    Note,
    Record,
    Text,
    markdown_text,
    note,
)

#: The values of carried fields (:data:`~.records.CARRIED_FIELDS`) that an entry without them
#: has: not written (termbook's files state them).
DEFAULTS = {"status": "stable", "link": "auto"}
#: How the scorecard's ratings are named in a record's :attr:`Record.fields`.
SCORECARD = "scorecard"


@dataclasses.dataclass(frozen=True)
class Site:
    """Where the entries go and the rules they follow."""

    root: Path
    """The project folder: paths are shown relative to it."""
    glossary_dir: Path
    taxonomy: Taxonomy
    config: Path
    """The taxonomy's file, for the lines the report asks to add to it."""
    language: str
    """The site's language (:attr:`termbook.pipeline.Project.language`): its common words are
    the ones an alias may not be, as ``termbook check`` finds them."""


@dataclasses.dataclass(frozen=True)
class Planned:
    """One entry to write."""

    id: str
    path: Path
    display: str
    text: str
    replaces: bool
    """Whether it replaces an existing entry (``force``)."""


@dataclasses.dataclass
class Plan:
    """What an import would write, and its report."""

    entries: list[Planned]
    notes: list[Note]
    """What could not be carried over, one line per term and field."""
    findings: list[Finding]
    """What the check finds in the new entries: the entries that need a human."""
    categories: dict[str, dict[str, Any]]
    """Categories the entries use that termbook.yml does not declare: id -> the declaration
    to add (title, and description and proper_nouns where the source gives them)."""
    config: str
    """The taxonomy's file as shown."""

    def config_lines(self) -> list[str]:
        """The lines to add under ``categories:`` in termbook.yml for :attr:`categories`."""
        return [f"  {category_id}: " + yaml.dump(declared, Dumper=_Dumper, default_flow_style=True,
                                                sort_keys=False, width=10_000).strip()
                for category_id, declared in sorted(self.categories.items())]

    def needs_a_human(self) -> list[str]:
        """The entries the check has errors for, as shown."""
        return sorted({f.path for f in errors_in(self.findings)})


def plan(records: Sequence[Record], site: Site, *, notes: Iterable[Note] = (), force: bool = False,
         ids: str = "source", today: datetime.date | None = None) -> Plan:
    """What importing ``records`` into ``site`` writes (nothing is written here)."""
    builder = _Builder(site, list(notes), force)
    kept = builder.screen_names(records)
    builder.assign_ids(kept, ids)
    entries = {entry_id: builder.entry(builder.records[key], entry_id)
               for key, entry_id in builder.ids.items() if entry_id not in builder.refused_ids}
    _state_related_once(entries)
    planned = [p for key, entry_id in builder.ids.items() if entry_id in entries
               and (p := builder.planned(builder.records[key], entry_id, entries[entry_id]))]
    findings = builder.check(planned, today or datetime.date.today())
    return Plan(planned, sorted(builder.notes), findings, builder.undeclared,
                display_path(site.config, site.root))


class _Builder:
    """The state of one import: the site's existing entries, the ids given so far."""

    def __init__(self, site: Site, notes: list[Note], force: bool) -> None:
        self.site, self.notes, self.force = site, notes, force
        self.unreadable: dict[str, str] = {}
        # What the check finds in them is the check's to report, not the import's.
        self.existing = {f.id: f for f in read_dir(site.glossary_dir, site.root, schema.TERM_SCHEMA,
                                                    [], site.taxonomy, unreadable=self.unreadable)}
        self.ids: dict[int, str] = {}
        self.records: dict[int, Record] = {}
        self.refused_ids: set[str] = set()
        self.by_key: dict[str, str] = {}
        self.names: dict[str, str] = {}
        self.undeclared: dict[str, dict[str, Any]] = {}
        declared = site.taxonomy.categories
        self.category_ids = {c.id for c in declared}
        self.category_titles = {fold(c.title): c.id for c in declared}

    # --- names and ids ---------------------------------------------------------------------

    def screen_names(self, records: Sequence[Record]) -> list[Record]:
        """The records whose name can be an entry's name."""
        kept = []
        for record in records:
            name = " ".join(record.term.split())
            problem = hidden(name, block=False)
            if not name or problem:
                self.notes.append(note(record, "term", problem.message if problem else "is empty",
                                       (problem.hint + "; " if problem else "")
                                       + "the term is not imported: fix its name in the source"))
                continue
            record.term = name
            kept.append(record)
        return kept

    def assign_ids(self, records: list[Record], ids: str) -> None:
        reserved = reserved_ids(term_path)
        taken: dict[str, Record] = {}
        for record in records:
            given = record.given_id if ids == "source" else None
            if given is not None and not (ID_PATTERN.match(given) and len(given) <= MAX_ID_LENGTH):
                self.notes.append(note(record, "id", f"'{given}' is not a valid id",
                                       "the id is made from the name instead"))
                given = None
            entry_id = given or derive_id(record.term)
            if not entry_id:
                self.notes.append(note(record, "term", f"cannot make an id from '{record.term}': "
                                       "it has no letter or digit from a to z or 0 to 9",
                                       "give the term an id in the source, or import it with "
                                       "`termbook new --id`; the term is not imported"))
                continue
            if len(entry_id) > MAX_ID_LENGTH:
                shorter = shorter_id(entry_id)
                self.notes.append(note(record, "id", f"'{entry_id}' is longer than "
                                       f"{MAX_ID_LENGTH} characters", f"the id is '{shorter}'"))
                entry_id = shorter
            if entry_id in reserved:
                self.notes.append(note(record, "id", f"'{entry_id}' is the name of the page "
                                       f"{reserved[entry_id]}", f"the id is '{entry_id}-term'"))
                entry_id += "-term"
            wanted, number = entry_id, 1
            while entry_id in taken:
                number += 1
                entry_id = f"{wanted}-{number}"
            if entry_id != wanted:
                first = taken[wanted]
                self.notes.append(note(record, "id", f"'{wanted}' is also the id of '{first.term}' "
                                       f"({first.source}:{first.where})",
                                       f"this term's id is '{entry_id}'; rename the file if "
                                       "another reads better"))
            taken[entry_id] = record
            self.ids[id(record)] = entry_id
            self.records[id(record)] = record
            self.names[entry_id] = record.term
            self._replaceable(record, entry_id)
        for record in records:  # keys after every id is known: the first term with a key wins
            record_id = self.ids.get(id(record))
            if record_id is None:
                continue
            for key in record.keys:
                if self.by_key.setdefault(key, record_id) != record_id:
                    self.notes.append(note(record, "id", f"'{key}' also names "
                                           f"'{self.names[self.by_key[key]]}'",
                                           "links to it lead to that term"))

    def _replaceable(self, record: Record, entry_id: str) -> None:
        """Note (and refuse) an id whose file exists and may not be replaced."""
        path = self.site.glossary_dir / f"{entry_id}.yaml"
        if not (path.exists() or path.is_symlink()):
            return
        shown = display_path(path, self.site.root) if not path.is_symlink() else str(path)
        if not self.force:
            why, fix = "already exists", "--force replaces it; links to the term lead to it"
        elif path.is_symlink() or not path.is_file():
            why, fix = "is not a regular file", "it is never replaced; move it away first"
        elif entry_id not in self.existing or "term" not in self.existing[entry_id].data:
            why, fix = "is not a glossary entry termbook can read", \
                "it is never replaced; move it away or fix it first"
        else:
            return
        self.notes.append(note(record, "id", f"{shown} {why}: not written", fix))
        self.refused_ids.add(entry_id)

    # --- values ----------------------------------------------------------------------------

    def text(self, record: Record, field: str, value: Any, *, block: bool = False) -> str | None:
        """``value`` when it is text that an entry may hold; None, noted, when it is not."""
        if not isinstance(value, str):
            if value is not None:
                self.notes.append(note(record, field, "is not text", "left out"))
            return None
        text = value.strip() if not block else value.strip("\n")
        if not text:
            return None
        problem = hidden(text, block=block)
        if problem:
            self.notes.append(note(record, field, problem.message, f"left out; {problem.hint}"))
            return None
        return text

    def markdown(self, record: Record, field: str, text: Text | None, inline: bool) -> str | None:
        """``text`` with its links written for this site; inline: as their text."""
        if not text:
            return None
        parts = []
        for part in text:
            if isinstance(part, str):
                parts.append(part)
                continue
            target = self.by_key.get(part.key)
            if target is None:
                self.notes.append(note(record, field, f"links to '{part.key}', which is not "
                                       "among the terms imported", "written as its text; link "
                                       "another term with [[id]] by hand"))
            if inline or target is None:
                shown = part.text or (self.names[target] if target else part.key)
                parts.append(markdown_text(" ".join(shown.split())))
            elif part.text is None:
                parts.append(f"[[{target}]]")
            else:
                label = " ".join(part.text.replace("[", "(").replace("]", ")").split())
                parts.append(f"[[{target}{part.pipe}{label}]]")
        value = self.text(record, field, "".join(parts), block=not inline)
        if value is None:
            return None
        unsafe = unsafe_markdown(value)  # a short definition is shown as Markdown too
        for found in unsafe:
            self.notes.append(note(record, field, found.message, f"left out; {found.hint}"))
        return None if unsafe else value if inline else value + "\n"

    def url(self, record: Record, field: str, value: Any) -> str | None:
        address = self.text(record, field, value)
        if address is None:
            return None
        problem = url_problem(address)
        if problem:
            self.notes.append(note(record, field, f"'{address}' {problem[0]}", f"left out; {problem[1]}"))
            return None
        return address

    def keys_to_ids(self, record: Record, field: str, keys: list[str], own: str) -> list[str]:
        found = []
        for key in keys:
            target = self.by_key.get(key)
            if target is None:
                self.notes.append(note(record, field, f"'{key}' is not among the terms imported",
                                       "left out; add the link by hand once the term exists"))
            elif target != own and target not in found:
                found.append(target)
        return found

    def category(self, record: Record, category: Category) -> str | None:
        if category.key in self.category_ids:
            return category.key
        for label in (category.title, category.key):
            if label and fold(" ".join(label.split())) in self.category_titles:
                return self.category_titles[fold(" ".join(label.split()))]
        title = self.text(record, "category", category.title or _named(_last_part(category.key)))
        category_id = (category.key if ID_PATTERN.match(category.key)
                       and len(category.key) <= MAX_ID_LENGTH else derive_id(title or ""))
        if not category_id or title is None:
            self.notes.append(note(record, "category", f"cannot make a category id from "
                                   f"'{category.key}'", "left out; add the category by hand"))
            return None
        description = self.text(record, "category", category.description)
        self.undeclared.setdefault(category_id, {
            "title": title, **({"description": description} if description else {}),
            **({"proper_nouns": True} if category.proper_nouns else {})})
        return category_id

    # --- the entry -------------------------------------------------------------------------

    def entry(self, record: Record, entry_id: str) -> dict[str, Any]:
        """The entry's data, in the order hand-written entries give their fields."""
        data: dict[str, Any] = {"term": record.term}
        abbreviation = self.text(record, "abbreviation", record.abbreviation)
        if abbreviation:
            data["abbreviation"] = abbreviation
        seen = {record.term, abbreviation}  # the same name twice; other spellings stay
        aliases = []
        for given in record.aliases:
            alias = self.text(record, "aliases", given)
            if alias and alias not in seen:
                seen.add(alias)
                aliases.append(alias)
        if aliases:
            data["aliases"] = aliases
        short = self.markdown(record, "short", record.short, inline=True)
        definition_text = record.definition
        if short and record.short and not self._fits_short(short):
            # Longer, or of more sentences, than this site's short definitions: it opens the
            # definition, whose start then stands in for the short one.
            definition_text = (*record.short, *(("\n\n", *definition_text) if definition_text else ()))
            short = None
        definition = self.markdown(record, "definition", definition_text, inline=False)
        if short:
            data["short"] = short
        if definition:
            data["definition"] = definition
        categories = list(dict.fromkeys(filter(None, (self.category(record, c)
                                                      for c in record.categories))))
        if categories:
            data["category"] = categories[0] if len(categories) == 1 else categories
        for field, keys in (("related", record.related), ("broader", record.broader)):
            ids = self.keys_to_ids(record, field, keys, entry_id)
            if ids:
                data[field] = ids
        sources = [s for s in (self.source(record, i, s) for i, s in enumerate(record.sources)) if s]
        if sources:
            data["sources"] = sources
        for field in CARRIED_FIELDS:
            value = self.text(record, field, record.fields.get(field))
            if value is not None and value != DEFAULTS.get(field):
                data[field] = value
        ratings = self.ratings(record, record.fields.get(SCORECARD))
        scorecard = self.site.taxonomy.scorecard
        if ratings and scorecard:
            data[scorecard.field] = ratings
        return data

    def _fits_short(self, short: str) -> bool:
        """Whether ``short`` is a short definition by this site's rules."""
        rules = self.site.taxonomy.entries.short
        probe = EntryFile("", "", {"short": short}, {}, valid=True)
        return len(short) <= rules.max_length and not check_short(probe, short, rules)

    def source(self, record: Record, index: int, source: dict[str, Any]) -> dict[str, str] | None:
        field = f"sources[{index}]"
        cited = {}
        for key in SOURCE_FIELDS:
            value = (self.url if key == "url" else self.text)(record, f"{field}.{key}", source.get(key))
            if value is not None:
                cited[key] = value
        return cited or None

    def ratings(self, record: Record, ratings: Any) -> dict[str, dict[str, str]] | None:
        if not ratings:
            return None
        scorecard = self.site.taxonomy.scorecard
        if scorecard is None:
            self.notes.append(note(record, SCORECARD, "has ratings, but this site declares no "
                                   "scorecard", f"left out; declare one in {CONFIG_FILE}"))
            return None
        components = {c.id for c in scorecard.components}
        carried = {}
        for component, rating in ratings.items():
            field = f"{scorecard.field}.{component}"
            if component not in components:
                self.notes.append(note(record, field, "is not a component of this site's scorecard",
                                       "left out"))
                continue
            values = {"rating": self.text(record, field, rating.get("rating")),
                      "reason": self.text(record, field, rating.get("reason")),
                      "evidence": self.url(record, f"{field}.evidence", rating.get("evidence"))}
            carried[component] = {k: v for k, v in values.items() if v is not None}
        return carried

    # --- files -----------------------------------------------------------------------------

    def planned(self, record: Record, entry_id: str, data: dict[str, Any]) -> Planned | None:
        path = self.site.glossary_dir / f"{entry_id}.yaml"
        display = display_path(path, self.site.root)
        text = entry_yaml(data, schema_ref(self.site.glossary_dir, self.site.root))
        size = len(text.encode("utf-8"))
        if size > MAX_BYTES:
            self.notes.append(note(record, "(file)", f"the entry would be {size:,} bytes; the "
                                   f"limit is {MAX_BYTES:,}", "not written: shorten the "
                                   "definition in the source, or split the term"))
            return None
        try:
            read_back = parse_bytes(text.encode("utf-8"), display)[0]
        except YamlRefused as refused:  # pragma: no cover - the dumper writes what it reads
            read_back = refused
        if read_back != data:  # pragma: no cover - the same: never write what would not read back
            self.notes.append(note(record, "(file)", "the entry would not read back as written",
                                   "not written"))
            return None
        return Planned(entry_id, path, display, text, replaces=path.exists())

    def check(self, planned: list[Planned], today: datetime.date) -> list[Finding]:
        """What ``termbook check`` would find in the new entries, with the rest of the
        glossary as it would be once they are written."""
        findings: list[Finding] = []
        new = [file for p in planned
               if (file := read_entry(p.text.encode("utf-8"), p.id, p.display, schema.TERM_SCHEMA,
                                      findings, self.site.taxonomy)) is not None]
        replaced = {p.id for p in planned}
        files = [f for i, f in self.existing.items() if i not in replaced] + new
        unreadable = {i: path for i, path in self.unreadable.items() if i not in replaced}
        findings += check_files(files, [], {}, today=today, taxonomy=self.site.taxonomy,
                                language=self.site.language, unreadable=unreadable)
        new_by_path = {file.display: file for file in new}
        return sorted(f for f in findings if f.path in new_by_path
                      and not self._undeclared_category(f, new_by_path[f.path]))

    def _undeclared_category(self, finding: Finding, file: EntryFile) -> bool:
        """Whether ``finding`` is about a category that the report asks to declare."""
        return (finding.field.startswith("category")
                and bool(set(categories_of(file.data)) & self.undeclared.keys()))


def _state_related_once(entries: dict[str, dict[str, Any]]) -> None:
    """``related`` goes both ways: a pair that both entries list (as termbook's own exports
    list every pair) is kept on the entry whose id sorts first."""
    listed = {entry_id: set(data.get("related", ())) for entry_id, data in entries.items()}
    for entry_id, data in entries.items():
        kept = [other for other in data.get("related", ())
                if not (other < entry_id and entry_id in listed.get(other, ()))]
        if kept:
            data["related"] = kept
        else:
            data.pop("related", None)


def _named(tag: str) -> str:
    """A category's title made from its tag ("fundamental" -> "Fundamental")."""
    return tag[:1].upper() + tag[1:]


def _last_part(key: str) -> str:
    """The last part of an address or path ("…/scheme#Fruit" -> "Fruit")."""
    return key.rstrip("/#").replace("#", "/").rsplit("/", 1)[-1]


# --- YAML ---------------------------------------------------------------------------------

class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, writing entries as people write them: lists indented under their
    field, text of several lines as a literal block."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value,
                                   style="|" if "\n" in value else None)


_Dumper.add_representer(str, _text)


def entry_yaml(data: dict[str, Any], schema_ref: str) -> str:
    """The file of an entry: the schema comment editors read, then its fields."""
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=96,
                     default_flow_style=False)
    return f"# yaml-language-server: $schema={schema_ref}\n{body}"


# --- writing ------------------------------------------------------------------------------

def write(planned: Iterable[Planned]) -> list[Planned]:
    """Write each entry: a new one only where no file is (``"x"``), a replacement through a
    temporary file in the same folder, moved over the entry, so that a failure leaves the old
    entry whole. Returns what was written."""
    written = []
    for entry in planned:
        entry.path.parent.mkdir(parents=True, exist_ok=True)
        if not entry.replaces:
            with entry.path.open("x", encoding="utf-8", newline="\n") as out:
                out.write(entry.text)
        else:
            if entry.path.is_symlink() or not entry.path.is_file():  # changed since the plan
                raise FileExistsError(f"{entry.path} is no longer a regular file")
            handle, temporary = tempfile.mkstemp(dir=entry.path.parent, prefix=f".{entry.id}.",
                                                 suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                    out.write(entry.text)
                os.replace(temporary, entry.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        written.append(entry)
    return written
