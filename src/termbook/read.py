"""Stage 1, read: every entry file parsed, schema-checked and kept with where each value is.

The hostile-input rules of reading live here and in :mod:`termbook.yamlfile` (a file that
is not UTF-8, YAML tags, anchors, duplicate keys, files too large) and in :mod:`termbook.schema`
(unknown fields, values of the wrong form). What is read is an :class:`EntryFile` for each
file that parsed to a mapping, valid or not, so that the checks across files still run.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from . import layout, messages, schema, search
from .characters import hidden, strings_to_check
from .findings import ERROR, Finding, did_you_mean, field_name
from .readcache import ReadCache
from .safety import markdown_findings
from .taxonomy import (
    SCORECARD_CSV_COLUMNS,
    DataNames,
    Taxonomy,
    fill,
    placeholder_problem,
    taxonomy_from,
)
from .yamlfile import (
    Location,
    YamlRefused,
    line_of,
    lines_of,
    parse_bytes,
    read_bytes,
    read_yaml,
    text_line,
)

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: The longest id: with what a build adds around it (``glossary/<id>/index.html``, the
#: temporary ``.<id>.md.xxxxxxxx`` a page is written to first), every file system takes the
#: file names it makes (eCryptfs, the strictest common one, takes 143 bytes), and so does
#: Windows' 260-character path in a project folder up to 140 characters deep.
MAX_ID_LENGTH = schema.load_schema(schema.TERM_SCHEMA)["$defs"]["id"]["maxLength"]
#: The fields of an entry, and of a term of glossary.json, that a scorecard's field cannot be.
_ENTRY_FIELDS = tuple(schema.load_schema(schema.TERM_SCHEMA)["properties"])
_EXPORT_FIELDS = tuple(schema.load_schema(schema.EXPORT_SCHEMA)["$defs"]["term"]["properties"])
#: The fields of a scorecard's JSON file and of each of its entries, which the names a
#: scorecard gives its list of entries and their summary count (``data_names``) cannot be.
_RATINGS_FIELDS = tuple(schema.load_schema(schema.RATINGS_SCHEMA)["properties"])
_RATED_ENTRY_FIELDS = tuple(
    schema.load_schema(schema.RATINGS_SCHEMA)["$defs"]["entry"]["properties"])


class EntryFile:
    """One YAML file on its way to becoming a Term or an Article."""
    __slots__ = ("data", "display", "id", "key", "lines", "valid")

    def __init__(self, entry_id: str, display: str, data: dict[str, Any],
                 lines: Mapping[Location, int], valid: bool, key: str | None = None):
        self.id = entry_id  # the file name without ".yaml"
        self.display = display
        self.data = data
        self.lines = lines
        self.valid = valid  # passed the schema: safe to check field by field
        # The digest of its bytes and schema (the read cache's key), when there is a cache:
        # what the file's own checks found can be kept by it (termbook.check.CheckedFiles).
        self.key = key

    def finding(self, location: Location, message: str, hint: str, rule: str,
                severity: str = ERROR) -> Finding:
        return Finding(self.display, line_of(self.lines, location), field_name(location),
                       message, hint, rule, severity)



def display_path(path: Path, root: Path) -> str:
    """``path`` as findings show it: relative to ``root`` where it is inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def display_prefix(directory: Path, root: Path) -> str:
    """What :func:`display_path` shows before the names of the files in ``directory``:
    ``"glossary/"``, or ``""`` for ``root`` itself. Resolving a path asks the file system
    about each of its parts, so a folder of 10,000 entries is resolved once, not per file."""
    shown = display_path(directory, root)
    return "" if shown == "." else shown + "/"



def read_dir(directory: Path, root: Path, schema_name: str, findings: list[Finding],
             taxonomy: Taxonomy = schema.NO_TAXONOMY,
             cache: ReadCache | None = None,
             unreadable: dict[str, str] | None = None,
             digests: dict[str, str] | None = None) -> list[EntryFile]:
    """Parse and schema-check each ``*.yaml`` in ``directory``; return every file that parsed
    to a mapping, so that checks across files still run on files with schema errors. The ids
    of the files that could not be read at all go into ``unreadable``, each with the path
    findings show: references to them are then not reported as references to unknown ids.

    Entries are read from ``directory`` itself, not from its subfolders: an entry's id is its
    file name, and one folder is what keeps ids (and the pages' addresses) unique; grouping is
    what categories are for. A subfolder that holds entries is reported, never skipped unseen.
    With a ``cache``, a file read cleanly before with the same bytes and schema is not parsed
    again (see :mod:`termbook.readcache`); the file is still read, and every rule about
    which files may be read still applies. ``digests``, when given, gets the SHA-256 (hex) of
    each file read, by the path findings show (for :func:`termbook.export.inputs_digest`)."""
    if not directory.is_dir():
        return []
    refused = _not_in_project(directory, root, _as_given(directory, root), "(folder)")
    if refused:
        findings.append(refused)
        return []
    files = []
    prefix = display_prefix(directory, root)
    key = cache.keyer(schema.entry_schema(schema_name, taxonomy)) if cache is not None else None
    # Directory entries rather than Path objects: they know whether they are files without
    # asking the file system again, and a glossary has thousands of them.
    with os.scandir(directory) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        name = entry.name
        display = prefix + name
        if entry.is_dir(follow_symlinks=False):
            nested = _entries_under(Path(entry.path))
            if nested:
                findings.append(Finding(
                    display + "/", 1, "(folder)",
                    f"holds {nested} entr{'y' if nested == 1 else 'ies'} in a subfolder, which "
                    "termbook does not read: an entry's id is its file name, unique in one folder",
                    f"move the files into {prefix or './'} (group them with 'category' instead)",
                    "entry-in-subfolder"))
            continue
        # As Path.suffix sees it: a name that is only ".yaml" has no suffix.
        if name.endswith(".yml") and len(name) > len(".yml"):
            findings.append(Finding(display, 1, "(file)", "entries must end in .yaml",
                                    f"rename it to {name[:-len('.yml')]}.yaml", "file-extension"))
        if not (name.endswith(".yaml") and len(name) > len(".yaml")):
            continue
        # A link is refused whatever it points to: a pull request can add one to any file
        # on the machine that builds the site, and the entry's text would be published.
        if entry.is_symlink():
            findings.append(_not_in_project(Path(entry.path), root, display, "(file)")
                            or _symlink_finding(display, "(file)"))
            continue
        if not entry.is_file(follow_symlinks=False):
            continue
        entry_id = name[:-len(".yaml")]
        if not ID_PATTERN.match(entry_id):
            findings.append(Finding(display, 1, "(file)",
                                    f"'{entry_id}' is not a valid id: the file name is the id",
                                    "use lowercase words joined by hyphens, e.g. my-term.yaml",
                                    "id-format"))
            continue
        if len(entry_id) > MAX_ID_LENGTH:
            findings.append(Finding(display, 1, "(file)",
                                    f"the id (the file name) is {len(entry_id)} characters long; "
                                    f"the limit is {MAX_ID_LENGTH}",
                                    f"rename the file, e.g. to {shorter_id(entry_id)}.yaml", "id-too-long"))
            continue
        try:
            raw = read_bytes(entry.path, display)
        except YamlRefused as problem:
            findings.append(problem.finding)
            if unreadable is not None:
                unreadable[entry_id] = display
            continue
        # The file's digest, when the inputs' digest or the cache needs it.
        file_digest = hashlib.sha256(raw).hexdigest() if digests is not None or key else ""
        if digests is not None:
            digests[display] = file_digest
        read_before = key(file_digest) if key else None  # the cache's key, when there is a cache
        cached = cache.get(read_before) if cache is not None and read_before else None
        if cached is not None:
            files.append(EntryFile(entry_id, display, cached, lines_of(raw, display), valid=True,
                                   key=read_before))
            continue
        found: list[Finding] = []
        file = read_entry(raw, entry_id, display, schema_name, found, taxonomy)
        findings += found
        if file is None:
            if unreadable is not None:
                unreadable[entry_id] = display
            continue
        file.key = read_before
        files.append(file)
        if cache is not None and read_before and not found:
            cache.put(read_before, file.data)
    return files


def read_entry(raw: bytes, entry_id: str, display: str, schema_name: str,
               findings: list[Finding], taxonomy: Taxonomy = schema.NO_TAXONOMY) -> EntryFile | None:
    """One entry from its bytes, with every finding of its own (YAML, hidden text, schema)
    added to ``findings``; None when it cannot be read at all. What :func:`read_dir` does for
    each file, and ``termbook import`` for each entry before it writes it."""
    try:
        data, lines, problems = parse_bytes(raw, display)
    except YamlRefused as refused:
        findings.append(refused.finding)
        return None
    findings += problems
    if not isinstance(data, dict):
        findings.append(Finding(display, 1, "(file)", "the file must be a mapping of fields",
                                "start each line with a field name, e.g. 'term: Weights'",
                                "root-not-mapping"))
        return None
    text_problems = _hidden_text(schema_name, data, lines, display, taxonomy)
    findings += text_problems
    schema_problems = schema.validate(schema_name, data, lines, display, taxonomy)
    findings += schema_problems
    return EntryFile(entry_id, display, data, lines, valid=not schema_problems)



def shorter_id(entry_id: str) -> str:
    """``entry_id`` cut to :data:`MAX_ID_LENGTH` characters, at a hyphen where there is one."""
    cut = entry_id[:MAX_ID_LENGTH]
    return cut.rsplit("-", 1)[0] if "-" in cut else cut


def _hidden_text(schema_name: str, data: dict[str, Any], lines: Mapping[Location, int],
                 display: str, taxonomy: Taxonomy = schema.NO_TAXONOMY) -> list[Finding]:
    """Every string of a file that hides something (:mod:`termbook.characters`); newlines and
    tabs belong in the fields its schema marks as Markdown."""
    blocks: set[Location] | None = None  # worked out when a string needs it
    found = []
    for location, text, is_key in strings_to_check(data):
        if blocks is None:
            blocks = set(schema.markdown_fields(schema_name, data, taxonomy))
        problem = hidden(text, block=not is_key and location in blocks)
        if problem:
            first = line_of(lines, location) if is_key else text_line(lines, location, text)
            found.append(Finding(display, first + text[:problem.offset].count("\n"),
                                 field_name(location), problem.message, problem.hint, problem.rule))
    return found


def _entries_under(folder: Path) -> int:
    """How many ``*.yaml`` files ``folder`` and its subfolders hold (links not followed)."""
    count = 0
    for _, _, names in os.walk(folder):
        count += sum(name.endswith((".yaml", ".yml")) for name in names)
    return count


def _not_in_project(path: Path, root: Path, display: str, field: str) -> Finding | None:
    """A finding when ``path`` is a symbolic link or its real path lies outside ``root``:
    entries are read only from regular files and folders inside the project."""
    real, project = path.resolve(), root.resolve()
    if not real.is_relative_to(project):
        return Finding(display, 1, field, f"its real path {real} is outside the project ({project})",
                       "keep the glossary and article folders inside the project, as regular "
                       "files and folders", "outside-project")
    if path.is_symlink():
        return _symlink_finding(display, field)
    return None


def _as_given(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` without following links (:func:`display_path` follows
    them, and a link's target is not where the reader put it)."""
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()


def _symlink_finding(display: str, field: str) -> Finding:
    return Finding(display, 1, field, "is a symbolic link; termbook reads only regular files "
                   "and folders", "replace the link with the file or folder itself", "symlink")


def read_docs(docs_dir: Path, root: Path, findings: list[Finding]) -> dict[str, str]:
    """The hand-written pages (``*.md`` under ``docs_dir``) as text, by displayed path; a
    page that cannot be read is a finding."""
    pages = {}
    prefix = display_prefix(docs_dir, root)
    for path in sorted(docs_dir.rglob("*.md")):
        display = prefix + path.relative_to(docs_dir).as_posix()
        try:
            pages[display] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as problem:
            findings.append(Finding(display, 1, "(file)", f"cannot be read as UTF-8 text ({problem})",
                                    "save it as UTF-8", "not-utf8"))
    return pages


#: What the Markdown check puts in each placeholder of a termbook.yml text: values of the kind
#: the page puts there ({page} is the address of a generated page).
_SAMPLE_VALUES = {"count": "12", "term": "Term", "page": "https://example.org/page/"}


def _check_texts(data: dict[str, Any], lines: Mapping[Location, int], display: str) -> list[Finding]:
    """The texts of a (schema-valid) termbook.yml: placeholders only of the names each text
    may hold, and Markdown by the rules of entries' Markdown."""
    found = []
    placeholders = {location: names
                    for pattern, names in schema.fields_with(schema.TAXONOMY_SCHEMA, "x-placeholders")
                    for location in schema.locations(data, pattern)}
    for location, names in placeholders.items():
        problem = placeholder_problem(schema.value_at(data, location), names)
        if problem:
            found.append(Finding(display, line_of(lines, location), field_name(location),
                                 *problem, "placeholder"))
    if found:
        return found
    for location in schema.markdown_fields(schema.TAXONOMY_SCHEMA, data):
        text = schema.value_at(data, location)
        if location in placeholders:
            text = fill(text, **_SAMPLE_VALUES)
        found += markdown_findings(display, text, location, lines)
    return found


def read_taxonomy(path: Path, root: Path) -> tuple[Taxonomy | None, list[Finding]]:
    """The taxonomy declared in ``path`` (a ``termbook.yml``), read with the same rules as
    entries; None, with the findings that say why, when it has problems. A site without the
    file declares nothing: the empty taxonomy."""
    if not path.is_file():
        return schema.NO_TAXONOMY, []
    display = _as_given(path, root)
    refused = _not_in_project(path, root, display, "(file)")
    if refused:  # the taxonomy decides what is published, as entries do: the same rules
        return None, [refused]
    try:
        data, lines, findings = read_yaml(str(path), display)
    except YamlRefused as problem:
        return None, [problem.finding]
    if data is None:  # an empty file, or only comments: nothing declared
        return (schema.NO_TAXONOMY if not findings else None), findings
    if not isinstance(data, dict):
        return None, findings + [Finding(display, 1, "(file)", "the file must be a mapping of sections",
                                         "start with 'categories:', 'scorecard:' or 'articles:'",
                                         "root-not-mapping")]
    findings += _hidden_text(schema.TAXONOMY_SCHEMA, data, lines, display)
    findings += schema.validate(schema.TAXONOMY_SCHEMA, data, lines, display)
    if findings:
        return None, findings
    findings += _check_texts(data, lines, display)
    if findings:
        return None, findings
    taxonomy = taxonomy_from(data)
    if taxonomy.scorecard:
        findings += _check_scorecard(data["scorecard"], taxonomy, lines, display)
    findings += _check_policy_and_labels(taxonomy, lines, display)
    findings += _check_search(taxonomy, lines, display)
    return (None if findings else taxonomy), findings


def _check_scorecard(data: dict[str, Any], taxonomy: Taxonomy, lines: Mapping[Location, int],
                     display: str) -> list[Finding]:
    """What the schema cannot see in a (schema-valid) scorecard section ``data``: each
    category, component and rating it names is declared, each type's rule names its
    components one way, only the last type takes no rule, and its field, its name and its
    components' ids are free for it."""
    found = []
    scorecard = taxonomy.scorecard
    assert scorecard is not None

    def at(location: Location, message: str, hint: str, rule: str) -> None:
        location = ("scorecard", *location)
        found.append(Finding(display, line_of(lines, location), field_name(location), message,
                             hint, rule))

    kinds = {"categories": ([c.id for c in taxonomy.categories], "above", "unknown-category"),
             "components": ([c.id for c in scorecard.components], "in the scorecard", "unknown-component"),
             "ratings": ([r.id for r in scorecard.ratings], "in the scorecard", "unknown-rating")}

    def known(location: Location, values: Iterable[str], kind: str) -> None:
        """Each of ``values`` (at ``location``) is one of the declared ``kind``."""
        choices, where, rule = kinds[kind]
        for index, value in enumerate(values):
            if value not in choices:
                at((*location, index), f"'{value}' is not one of the {kind} declared {where}",
                   did_you_mean(value, choices) or f"declare it under '{kind}'", rule)

    known(("rated_categories",), scorecard.rated_categories, "categories")
    if "counts" in data.get("summary", {}):
        known(("summary", "counts"), data["summary"]["counts"], "ratings")
    types = list(data.get("types", {}).items())
    for number, (type_id, declared) in enumerate(types, start=1):
        last = number == len(types)
        if last and "when" in declared:
            at(("types", type_id, "when"), "is the last type's rule, but the last type takes none: "
               "it is the type of every entry the rules above it leave",
               "add a type after it for those entries, or remove its 'when'", "type-rule")
        elif not last and "when" not in declared:
            at(("types", type_id), "has no 'when', so it would take every entry the types above "
               "it leave and the types after it could never apply",
               "give it a rule under 'when', or make it the last type", "type-rule")
        for index, condition in enumerate(declared.get("when", ())):
            place = ("types", type_id, "when", index)
            named = [key for key in ("all", "any") if key in condition]
            if len(named) != 1:
                at(place, "names its components under both 'all' and 'any'" if named else
                   "names no components", "write either 'all: [...]' (every one of them) or "
                   "'any: [...]' (at least one of them), with 'rated: [...]'", "type-rule")
            for key in named:
                known((*place, key), condition[key], "components")
            known((*place, "rated"), condition["rated"], "ratings")
    taken = {**dict.fromkeys(_EXPORT_FIELDS, "a field of every term in glossary.json"),
             **dict.fromkeys(_ENTRY_FIELDS, "a field every entry can have")}
    if scorecard.field in taken:
        at(("field",), f"'{scorecard.field}' is {taken[scorecard.field]}",
           "name the ratings' field something else, such as 'ratings'", "reserved-name")
    reserved = layout.reserved_scorecard_names()
    if scorecard.name in reserved:
        at(("slug",) if scorecard.slug else ("field",),
           f"'{scorecard.name}' would put the scorecard's page or files where termbook writes "
           f"{reserved[scorecard.name]}", "set 'slug' to another name for the page and its files",
           "reserved-name")
    for component in scorecard.components:
        if component.id in layout.SCORECARD_ADDRESS_NAMES:
            at(("components", component.id), f"'{component.id}' names a setting of the table's page "
               "address", "give the component another id", "reserved-name")
    for key, name, clash in _data_name_clashes(scorecard.data_names):
        at(("data_names", key), f"'{name}' is already a field of {clash}", "choose another name",
           "reserved-name")
    return found


def _data_name_clashes(names: DataNames) -> Iterator[tuple[str, str, str]]:
    """Each name a scorecard gives in ``data_names`` that its data files already use for
    something else: the key it is given under, the name, and the place that uses it."""
    uses = {"entries": ((names.entries,), "the JSON file",
                        set(_RATINGS_FIELDS) - {"entries"}),
            "summary": ((names.summary,), "each entry of the JSON file",
                        set(_RATED_ENTRY_FIELDS) - {"summary"}),
            "entry": ((f"{names.entry}_id", names.entry), "the CSV file",
                      set(SCORECARD_CSV_COLUMNS))}
    for key, (given, place, taken) in uses.items():
        for name in given:
            if name in taken:
                yield key, name, place


def _check_search(taxonomy: Taxonomy, lines: Mapping[Location, int], display: str) -> list[Finding]:
    """Each word readers type after a name is one word: search leaves the last words of a
    query out one at a time, each a run of letters and digits."""
    places = [("search", "trailing_words", index)
              for index, word in enumerate(taxonomy.search.trailing_words) if not search.is_word(word)]
    return [Finding(display, line_of(lines, place), field_name(place),
                    "is not one word of letters and digits",
                    "write one word as readers type it (model, object); list several words one by one",
                    "search-word") for place in places]


def _check_policy_and_labels(taxonomy: Taxonomy, lines: Mapping[Location, int],
                             display: str) -> list[Finding]:
    """The entry policy asks only for what the site can have, and each label the site rewords
    is one termbook writes, with no placeholder its default text does not have."""
    found = []

    def at(location: Location, message: str, hint: str, rule: str) -> None:
        found.append(Finding(display, line_of(lines, location), field_name(location), message,
                             hint, rule))

    if "category" in taxonomy.entries.required and not taxonomy.categories:
        index = taxonomy.entries.required.index("category")
        at(("entries", "required", index), "requires a category, but no categories are declared",
           "declare them under 'categories', or remove 'category' here", "unknown-category")
    for key, text in taxonomy.labels:
        if key not in messages.MESSAGES:
            at(("labels", key), "is not a label termbook writes",
               did_you_mean(key, messages.MESSAGES) or "see termbook/messages.py for the labels",
               "unknown-label")
            continue
        problem = placeholder_problem(text, sorted(messages.placeholders(messages.english(key))))
        if problem:
            at(("labels", key), *problem, "placeholder")
    return found
