"""Stage 2, check: the rules an entry must follow beyond its schema, within and across files.

Every rule reports a :class:`~termbook.findings.Finding` naming the file, the line and the
field; every finding is collected before any is reported. Labels are compared by the one
rule in :mod:`termbook.labels`, explicit links read by :mod:`termbook.markup`, Markdown
fields screened by :mod:`termbook.safety`.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import importlib.util
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .characters import skeleton
from .findings import INFO, Finding, did_you_mean, field_name
from .inline import parse as parse_inline
from .kept import Kept
from .labels import collision_key, differences, fold, label_key, look_alike, term_labels
from .languages import DEFAULT_LANGUAGE, words
from .layout import article_path, reserved_ids, term_path
from .markup import check_charts, check_links, embeds, mask_code
from .read import EntryFile
from .safety import markdown_findings, unsafe_markdown
from .schema import (
    EVENT_SCHEMA,
    NO_TAXONOMY,
    SEED_SCHEMA,
    TERM_SCHEMA,
    fields_with,
    locations,
    markdown_fields,
    value_at,
)
from .taxonomy import CONFIG_FILE, ShortRules, Taxonomy, categories_of
from .urls import FORMAT as URL_FORMAT
from .urls import unpinned
from .yamlfile import Location, text_line

MAX_QUOTE_WORDS = 25
# Markdown or HTML that has no place in a plain-text sentence shown in tooltips and previews.
_NOT_PLAIN = ("<", ">", "`", "*", "[[", "](", "\n")
# What a short definition with inline markup still may not hold, outside its code: HTML,
# links, and paragraphs.
_NOT_INLINE = re.compile(r"<[A-Za-z/!?]|\[\[|\]\(|\n[ \t]*\n")
# The end of a sentence: ., ! or ? then a capital letter (Latin), or 。！？ in CJK text.
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z]|[。！？](?=\S)")


def check_files(term_files: list[EntryFile], seed_files: list[EntryFile],
                docs: dict[str, str], *, today: datetime.date,
                taxonomy: Taxonomy = NO_TAXONOMY, language: str = DEFAULT_LANGUAGE,
                unreadable: Mapping[str, str] | None = None,
                event_files: list[EntryFile] | None = None,
                kept: CheckedFiles | None = None) -> list[Finding]:
    """Every finding about what was read: each valid file on its own, then across files.
    ``docs``: the hand-written pages, by displayed path, whose ``[[id]]`` links are checked.
    ``event_files``: the dated events (:mod:`termbook.events`).
    ``language``: the site's, whose common words an alias may not be.
    ``unreadable``: the ids of entries that could not be read at all; they have findings of
    their own, and a reference to one is not a reference to an unknown id.
    ``kept``: what each file's own checks found in the run before, for a preview that checks
    again after each edit (:class:`CheckedFiles`)."""
    findings: list[Finding] = []
    valid_terms = [f for f in term_files if f.valid]
    valid_seeds = [f for f in seed_files if f.valid]
    valid_events = [f for f in event_files or () if f.valid]
    rules = FileRules(today, taxonomy, words(language, "stop_words"))
    if kept is not None:
        kept.follow(rules)
    # An entry that could not be read is reported in its own file only: links to it are
    # links to an entry that exists.
    unreadable = unreadable or {}
    ids = {f.id for f in term_files} | set(unreadable)
    checked = ((valid_terms, TERM_SCHEMA), (valid_seeds, SEED_SCHEMA), (valid_events, EVENT_SCHEMA))
    for files, schema_name in checked:
        for file in files:
            own = kept.own(file, schema_name) if kept is not None else rules.own(file, schema_name)
            findings += own.findings
            for location, text in own.markdown:
                findings += _check_links(file, location, text, ids)
    for display, text in docs.items():
        findings += check_links(display, text, ids)
        findings += check_embeds(display, text, ids, taxonomy)
    findings += _check_reserved_ids(term_files, reserved_ids(term_path), "term")
    findings += _check_reserved_ids(seed_files, reserved_ids(article_path), "article")
    findings += _check_labels(term_files)
    findings += _check_references(term_files, seed_files, unreadable, valid_events)
    findings += _check_one_date_per_release(valid_events)
    findings += _check_charts(taxonomy, ids)
    findings += _check_broader_cycles(term_files)
    return findings


@dataclasses.dataclass(frozen=True)
class OwnChecks:
    """What the checks of one file on its own found, and its Markdown fields, whose links
    are then checked against the other files."""

    findings: list[Finding]
    markdown: list[tuple[Location, str]]


@dataclasses.dataclass(frozen=True)
class FileRules:
    """What the checks of a file on its own depend on besides the file."""

    today: datetime.date
    taxonomy: Taxonomy
    stop_words: frozenset[str]
    """The common words of the site's language, which an alias may not be."""

    def own(self, file: EntryFile, schema_name: str) -> OwnChecks:
        """The findings of every check of ``file`` (a valid file of ``schema_name``) that
        reads no other file."""
        findings = _check_dates(file, self.today)
        if schema_name == TERM_SCHEMA:
            findings += _check_term_file(file, self.taxonomy)
            findings += _check_stop_words(file, self.stop_words)
        elif schema_name == SEED_SCHEMA:
            findings += _check_seed_file(file)
        else:
            findings += _check_event_file(file, self.taxonomy)
        markdown = [(location, value_at(file.data, location))
                    for location in markdown_fields(schema_name, file.data, self.taxonomy)]
        for location, text in markdown:
            findings += markdown_findings(file.display, text, location, file.lines)
        if self.taxonomy.links.pinned:
            findings += _check_pinned(file, schema_name, markdown, self.taxonomy)
        return OwnChecks(findings, markdown)


class CheckedFiles:
    """What each file's own checks found in the run before, for a preview that checks the
    glossary again after each edit: a file with the bytes, schema and path of one checked
    before, under the same rules (:class:`FileRules`), is not checked on its own again. Only
    files read with a read cache are kept (:attr:`termbook.read.EntryFile.key` says what they
    hold). The checks across files (links, references, labels) run on every file each time."""

    def __init__(self) -> None:
        self._rules: FileRules | None = None
        self._checked: Kept[str, OwnChecks] = Kept()  # by the path findings name

    @property
    def checked(self) -> set[str]:
        """The files (as findings name them) checked on their own, not kept, since :meth:`follow`."""
        return self._checked.made

    def follow(self, rules: FileRules) -> None:
        """Check under ``rules`` from now on; forget what was found under others."""
        self._rules = rules
        self._checked.follow(rules)

    def own(self, file: EntryFile, schema_name: str) -> OwnChecks:
        """:meth:`FileRules.own` of ``file``, kept from the run before when it is the same."""
        assert self._rules is not None, "follow() comes first"
        return self._checked.get(file.display, file.key,
                                 functools.partial(self._rules.own, file, schema_name))


def _check_reserved_ids(files: list[EntryFile], reserved: Mapping[str, str], kind: str) -> list[Finding]:
    return [Finding(f.display, 1, "(file)",
                    f"the id '{f.id}' is taken: the {kind} page would replace the generated page "
                    f"{reserved[f.id]}", f"rename the file, e.g. to {f.id}-{kind}.yaml",
                    "reserved-id")
            for f in files if f.id in reserved]


def _texts(value: Any) -> list[str]:
    """The strings in a list field, ignoring anything the schema check already reported."""
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _check_dates(file: EntryFile, today: datetime.date) -> list[Finding]:
    """Partial source dates must exist, and nobody reviews an entry in the future."""
    found = []
    for location, value in _dates(file.data):
        day = _first_day(value)
        if day is None:
            found.append(file.finding(location, f"'{value}' is not a real date",
                                      "write YYYY-MM-DD, YYYY-MM or YYYY", "invalid-date"))
        elif day > today:
            found.append(file.finding(location, f"'{value}' is in the future",
                                      f"use a date on or before {today.isoformat()}", "date-in-future"))
    return found


@functools.cache  # thousands of entries share a few hundred dates
def _first_day(value: str) -> datetime.date | None:
    """The first day of a (schema-valid) YYYY-MM-DD, YYYY-MM or YYYY date, or None when
    there is no such day."""
    parts = [int(p) for p in value.split("-")]
    try:
        return datetime.date(parts[0], *(parts[1:] + [1] * (3 - len(parts))))
    except ValueError:
        return None


def _dates(value: Any, location: Location = ()) -> Iterable[tuple[Location, str]]:
    """Every ``date`` field at any depth, and the top-level ``reviewed``, with its location.
    Only mappings and lists are descended into: most values are text, and a generator per
    value costs more than the check itself."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str):
                if key == "date" or (key == "reviewed" and not location):
                    yield location + (key,), item
            elif isinstance(item, (dict, list)):
                yield from _dates(item, location + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, (dict, list)):
                yield from _dates(item, location + (index,))


def _check_term_file(file: EntryFile, taxonomy: Taxonomy) -> list[Finding]:
    data = file.data
    found = check_short(file, data["short"], taxonomy.entries.short) if "short" in data else []
    scorecard = taxonomy.scorecard
    if (scorecard and scorecard.field in data and scorecard.rated_categories
            and not set(categories_of(data)) & set(scorecard.rated_categories)):
        rated = " or ".join(f"'{c}'" for c in scorecard.rated_categories)
        found.append(file.finding((scorecard.field,), f"only entries in the {rated} category are rated",
                                  f"remove the block or set 'category: {scorecard.rated_categories[0]}'",
                                  "unrated-category"))
    return found


def check_short(file: EntryFile, short: str, rules: ShortRules) -> list[Finding]:
    """The short definition follows the site's rules (termbook.yml's ``entries.short``)."""
    found = []
    if rules.markup == "none":
        if any(sign in short for sign in _NOT_PLAIN):
            found.append(file.finding(("short",), "must be plain text",
                                      "remove Markdown, HTML, [[links]] and line breaks",
                                      "short-not-plain"))
        prose = short
    else:
        prose = "".join(text if kind != "code" else "x" for kind, text in parse_inline(short))
        if _NOT_INLINE.search(prose):
            found.append(file.finding(("short",), "may hold `code` and *emphasis*, but no HTML, "
                                      "links or paragraphs", "move links and the rest into "
                                      "'definition'", "short-not-plain"))
    if rules.sentences is not None:
        sentences = 1 + len(_SENTENCE_BREAK.findall(prose.rstrip()))
        if sentences > rules.sentences:
            what = "one sentence" if rules.sentences == 1 else f"at most {rules.sentences} sentences"
            found.append(file.finding(("short",), f"must be {what}",
                                      "move the rest into 'definition'", "short-one-sentence"))
    return found


def _check_links(file: EntryFile, location: Location, text: str, ids: set[str]) -> list[Finding]:
    """Every ``[[id]]`` in the Markdown field ``text`` at ``location`` names a term that exists."""
    found = check_links(file.display, text, ids, field=field_name(location))
    if not found:
        return []
    # check_links counts from the field's first line; lines cost a second reading of the file.
    shift = text_line(file.lines, location, text) - 1
    return [dataclasses.replace(f, line=f.line + shift) for f in found]


def _check_stop_words(file: EntryFile, stop_words: frozenset[str]) -> list[Finding]:
    """No alias or abbreviation is made of words so common that nearly every page would link
    them (:func:`common_words`)."""
    return [file.finding(location, *problem, "stop-word")
            for location, label in term_labels(file.data) if location[0] != "term"
            if (problem := common_words(str(location[0]), label, stop_words))]


def common_words(field: str, label: str, stop_words: frozenset[str]) -> tuple[str, str] | None:
    """(message, hint) when ``label``, an alias or the abbreviation (``field``), is made of
    words so common ("the", "and", "of the") that nearly every page would link it. Aliases
    match whatever their case; abbreviations match with theirs, so "IT" and "US" are fine,
    but "it" and "The" are not."""
    key = label_key(label)
    if not key:
        return None
    if field == "abbreviation" and key not in (key.lower(), key.capitalize()):
        return None  # as it is written, it matches no common word
    if not all(word in stop_words for word in fold(key).split()):
        return None
    cased = field == "aliases" and key not in (key.lower(), key.capitalize())
    return (f"'{label}' is a word so common that nearly every page would link it to this entry"
            + (f" (an alias matches in any case: '{key.lower()}')" if cased else ""),
            "make it the abbreviation, which matches only as written" if cased
            else "remove it: a name readers look up is one only this term has")


def _check_labels(files: list[EntryFile]) -> list[Finding]:
    """A name, alias or abbreviation leads to one entry only (compared by
    :func:`termbook.labels.collision_key`, as the matcher compares them: "Meta Platforms,
    Inc." and "Meta Platforms, Inc" are one label), and looks like no other entry's
    (:func:`termbook.labels.look_alike`: "Llаma" with a Cyrillic "а" beside "Llama").

    Both entries get a finding, so whoever edits either file sees the clash.
    """
    claims: list[tuple[EntryFile, Location, str, str]] = []
    for file in files:
        for location, label in term_labels(file.data):
            key = collision_key(label)
            if key is not None:  # no word character: it can never be found, nor clash
                claims.append((file, location, label, key))
    # Labels that look alike have the same skeleton; only text beyond ASCII needs it.
    ascii_only = all(key.isascii() for _, _, _, key in claims)
    groups: dict[str, list[tuple[EntryFile, Location, str, str]]] = {}
    for claim in claims:
        groups.setdefault(claim[3] if ascii_only else skeleton(claim[3]), []).append(claim)
    found = []
    for owners in groups.values():
        if len(owners) == 1 or all(file is owners[0][0] for file, _, _, _ in owners):
            continue  # one entry (maybe twice)
        for file, location, label, key in owners:
            same = [f"{o.display} ({field_name(loc)})" for o, loc, _, other in owners
                    if o is not file and other == key]
            if same:
                found.append(file.finding(location, f"'{label}' is also claimed by {', '.join(same)}",
                                          "remove it from one of them: a name leads to one entry",
                                          "label-collision"))
            for other_file, other_location, other_label, other_key in owners:
                if other_file is not file and look_alike(key, other_key):
                    found.append(file.finding(
                        location, f"'{label}' looks like '{other_label}' in {other_file.display} "
                        f"({field_name(other_location)}): {differences(label, other_label)}",
                        "write the name in the characters of its own language; a name must not "
                        "pass for another entry's", "label-confusable"))
    return found


def _check_references(term_files: list[EntryFile], seed_files: list[EntryFile],
                      unreadable: Mapping[str, str], event_files: Iterable[EntryFile] = ()
                      ) -> list[Finding]:
    ids = {f.id for f in term_files}
    found = []

    def check_ids(file: EntryFile, where: Location, values: Any, allow_self: bool) -> None:
        for index, value in enumerate(values if isinstance(values, list) else []):
            location = where + (index,)
            if not isinstance(value, str):
                continue
            if value in unreadable:
                found.append(file.finding(location, f"'{value}' could not be read",
                                          f"see the findings for {unreadable[value]}",
                                          "unreadable-term", INFO))
            elif value not in ids:
                found.append(file.finding(location, f"unknown term id '{value}'",
                                          did_you_mean(value, ids) or "see glossary/ for the ids",
                                          "unknown-term"))
            elif value == file.id and not allow_self:
                found.append(file.finding(location, "an entry cannot point to itself",
                                          "remove it", "self-reference"))

    for file in term_files:
        check_ids(file, ("related",), file.data.get("related"), False)
        check_ids(file, ("broader",), file.data.get("broader"), False)
    for file in seed_files:
        claims = file.data.get("claims")
        for index, claim in enumerate(claims if isinstance(claims, list) else []):
            if isinstance(claim, dict):
                check_ids(file, ("claims", index, "terms"), claim.get("terms"), True)
    for file in event_files:
        check_ids(file, ("terms",), file.data["terms"], True)
        check_ids(file, ("release", "models"), file.data.get("release", {}).get("models"), True)
    return found


def _check_broader_cycles(files: list[EntryFile]) -> list[Finding]:
    """'broader' must form a hierarchy: following it never comes back to where it started."""
    parents = {f.id: [p for p in _texts(f.data.get("broader")) if p != f.id] for f in files}
    by_id = {f.id: f for f in files}
    found = []
    for node, parent, cycle in _broader_cycles(parents):
        file = by_id[node]
        index = _texts(file.data["broader"]).index(parent)
        found.append(file.finding(("broader", index), "broader terms form a cycle: " + _chain(cycle),
                                  "remove one of these links", "broader-cycle"))
    return found


def _broader_cycles(parents: dict[str, list[str]]) -> Iterator[tuple[str, str, list[str]]]:
    """Follow 'broader' from every term depth first; (term, parent, the cycle) for each
    link back onto the path being followed. Iterative, with the path's positions indexed: a
    chain of 10,000 terms is as cheap to follow as a short one, and needs no recursion."""
    done: set[str] = set()  # terms from which no new cycle can be reached
    for start in sorted(parents):
        if start in done:
            continue
        path, position = [start], {start: 0}
        pending = [iter(parents[start])]
        while pending:
            parent = next(pending[-1], None)
            node = path[-1]
            if parent is None:  # every parent of node followed
                pending.pop()
                done.add(path.pop())
                del position[node]
            elif parent in position:
                yield node, parent, path[position[parent]:] + [parent]
            elif parent in parents and parent not in done:
                position[parent] = len(path)
                path.append(parent)
                pending.append(iter(parents[parent]))


def _chain(ids: list[str], shown: int = 4) -> str:
    """``a → b → c``, with the middle of a long chain left out."""
    if len(ids) <= 2 * shown:
        return " → ".join(ids)
    return " → ".join(ids[:shown]) + f" → … ({len(ids) - 2 * shown} more) → " + " → ".join(ids[-shown:])


def _check_seed_file(file: EntryFile) -> list[Finding]:
    found: list[Finding] = []
    seen: dict[str, int] = {}
    for index, claim in enumerate(file.data["claims"]):
        if claim["id"] in seen:
            found.append(file.finding(("claims", index, "id"),
                                      f"claim id '{claim['id']}' is already used by claims[{seen[claim['id']]}]",
                                      "give each claim its own id", "duplicate-claim-id"))
        seen.setdefault(claim["id"], index)
        words = len(claim.get("quote", "").split())
        if words > MAX_QUOTE_WORDS:
            found.append(file.finding(("claims", index, "quote"),
                                      f"quote is {words} words; the limit is {MAX_QUOTE_WORDS}",
                                      "shorten it or say it in your own words", "quote-too-long"))
    return found


# --- events --------------------------------------------------------------------------------

# The date an event's file name starts with ("2025-12-01-"), before its words.
_LEADING_DATE = re.compile(r"^[0-9]{4}(?:-[0-9]{2}){0,2}-")


def _check_event_file(file: EntryFile, taxonomy: Taxonomy) -> list[Finding]:
    """An event's file name starts with its date, and it carries the record its kind
    declares (a release, a measure) and no other."""
    data, found = file.data, []
    if not (file.id == data["date"] or file.id.startswith(data["date"] + "-")):
        found.append(file.finding(("date",), f"the file name does not start with the date '{data['date']}'",
                                  f"rename the file to {data['date']}-{_LEADING_DATE.sub('', file.id)}.yaml, "
                                  "or correct the date", "event-file-name"))
    # The text is shown on one line in a table cell, where an attribute list at its end
    # ("{: onclick=...}") would become the cell's attributes: checked as it is placed there.
    # (What the text holds anywhere is reported where the text's Markdown is checked.)
    if not unsafe_markdown(data["text"]):
        in_cell = f"| x |\n| --- |\n| {' '.join(data['text'].split())} |\n"
        found += [file.finding(("text",), u.message, u.hint, u.rule) for u in unsafe_markdown(in_cell)]
    kind = taxonomy.events.kind(data["kind"]) if taxonomy.events else None
    for record in ("release", "measure"):
        wanted = kind is not None and kind.record == record
        if wanted and record not in data:
            found.append(file.finding(("kind",), f"an event of kind '{data['kind']}' needs '{record}'",
                                      f"add '{record}:' (see the events' format)", "missing-field"))
        elif record in data and not wanted:
            kinds = [k.id for k in taxonomy.events.kinds if k.record == record] if taxonomy.events else []
            found.append(file.finding((record,), f"only events of kind {' or '.join(kinds)} have '{record}'",
                                      f"remove it, or change 'kind' to {' or '.join(kinds)}",
                                      "record-of-other-kind"))
    return found


def _check_charts(taxonomy: Taxonomy, ids: set[str]) -> list[Finding]:
    """Each chart termbook.yml declares draws from events the site declares, by kinds and
    terms that exist, with Matplotlib installed to draw it."""
    if not taxonomy.charts:
        return []
    found = []

    def at(chart: str, field: str, message: str, hint: str, rule: str) -> None:
        found.append(Finding(CONFIG_FILE, 1, f"charts.{chart}{field}", message, hint, rule))

    if importlib.util.find_spec("matplotlib") is None:
        at(taxonomy.charts[0].id, "", "charts are declared, but Matplotlib, which draws them, is "
           "not installed", "pip install 'termbook[charts]'", "charts-need-matplotlib")
    kinds = [k.id for k in taxonomy.events.kinds] if taxonomy.events else []
    for chart in taxonomy.charts:
        if not taxonomy.events:
            at(chart.id, "", "a chart draws events, but the site declares none",
               "declare them in termbook.yml ('events:')", "events-not-declared")
            continue
        for kind in chart.kinds:
            if kind not in kinds:
                at(chart.id, ".kinds", f"{kind} is not a kind termbook.yml declares",
                   did_you_mean(kind, kinds) or f"the kinds: {', '.join(kinds)}", "unknown-kind")
        for term_id in chart.terms:
            if term_id not in ids:
                at(chart.id, ".terms", f"{term_id} is not a term id",
                   did_you_mean(term_id, ids) or "see glossary/ for the ids", "unknown-term")
        components = [c.id for c in taxonomy.scorecard.components] if taxonomy.scorecard else []
        if chart.component is not None and chart.component not in components:
            at(chart.id, ".component", f"{chart.component} is not a component of the scorecard",
               did_you_mean(chart.component, components)
               or (f"the components: {', '.join(components)}" if components
                   else "declare a scorecard in termbook.yml, or leave the component out"),
               "unknown-component")
    return found


def check_embeds(display: str, text: str, ids: set[str], taxonomy: Taxonomy) -> list[Finding]:
    """Each list of events a hand-written page embeds selects by options it has, kinds the
    site declares and terms that exist; each chart it shows is one the site declares."""
    found = check_charts(display, text, [chart.id for chart in taxonomy.charts])
    kinds = [k.id for k in taxonomy.events.kinds] if taxonomy.events else []
    for embed in embeds(text):
        def at(message: str, hint: str, rule: str = "embed-option", line: int = embed.line) -> None:
            found.append(Finding(display, line, "termbook:events", message, hint, rule))

        if not taxonomy.events:
            at("lists events, but the site declares none", "declare them in termbook.yml ('events:')",
               "events-not-declared")
            continue
        for problem in embed.problems:
            at(problem, "see 'Dated events' on the page on using termbook")
        for kind in embed.kinds:
            if kind not in kinds:
                at(f"kind={kind} is not a kind termbook.yml declares",
                   did_you_mean(kind, kinds) or f"the kinds: {', '.join(kinds)}", "unknown-kind")
        for term_id in embed.terms:
            if term_id not in ids:
                at(f"term={term_id} is not a term id", did_you_mean(term_id, ids) or
                   "see glossary/ for the ids", "unknown-term")
    return found


def _check_one_date_per_release(files: list[EntryFile]) -> list[Finding]:
    """One released thing has one date: no two events name the same model (a term id) or the
    same release name (compared as labels are). Both events get a finding."""
    claims: dict[str, list[tuple[EntryFile, Location, str]]] = {}
    for file in files:
        release = file.data.get("release")
        if not isinstance(release, dict):
            continue
        for index, model in enumerate(release.get("models", ())):
            claims.setdefault("id:" + model, []).append((file, ("release", "models", index), model))
        if "name" in release:
            key = collision_key(release["name"]) or release["name"]
            claims.setdefault("name:" + key, []).append((file, ("release", "name"), release["name"]))
    found = []
    for owners in claims.values():
        if len(owners) < 2:
            continue
        for file, location, what in owners:
            others = ", ".join(f"{o.display} ({o.data['date']})" for o, _, _ in owners if o is not file)
            found.append(file.finding(
                location, f"'{what}' is released here on {file.data['date']} and also by {others}",
                "keep one event per release, with the developer's date (say why in 'date_note'); "
                "a later release of the same thing needs its own name", "release-dated-twice"))
    return found


# --- pinned evidence -----------------------------------------------------------------------

# An address in Markdown text: a link's destination, an autolink or a bare address.
_ADDRESS = re.compile(r"https?://[^\s<>()\[\]\"'`|]+")


def _check_pinned(file: EntryFile, schema_name: str, markdown: list[tuple[Location, str]],
                  taxonomy: Taxonomy) -> list[Finding]:
    """Every GitHub and Hugging Face address of an entry, article or event names a commit
    (:func:`termbook.urls.unpinned`): the address fields and the addresses in its Markdown
    fields (``markdown``). An address termbook.yml lists under ``links.unpinned`` is reported
    as information, with its reason, so that every exception stays visible."""
    allowed = dict(taxonomy.links.unpinned)
    address_fields = [pattern for pattern, value in fields_with(schema_name, "format", taxonomy)
                      if value == URL_FORMAT]
    places = [(location, value_at(file.data, location), 0)
              for pattern in address_fields for location in locations(file.data, pattern)]
    for location, text in markdown:
        masked = mask_code(text)
        places += [(location, match.group(0).rstrip(".,;:!?"), text.count("\n", 0, match.start()) + 1)
                   for match in _ADDRESS.finditer(masked)]
    found = []
    for location, address, line_in_text in places:
        problem = unpinned(address)
        if problem is None:
            continue
        line = (text_line(file.lines, location, value_at(file.data, location)) + line_in_text - 1
                if line_in_text else None)
        finding = file.finding(location, f"'{address}' {problem}",
                               "link to a commit (press y on a GitHub file page; on Hugging "
                               "Face open the file's history), or list the address under "
                               "links.unpinned in termbook.yml with the reason",
                               "unpinned-link")
        if address in allowed:
            finding = dataclasses.replace(
                finding, message=f"'{address}' {problem}; allowed: {allowed[address]}",
                hint="", rule="unpinned-link-allowed", severity=INFO)
        found.append(finding if line is None else dataclasses.replace(finding, line=line))
    return found
