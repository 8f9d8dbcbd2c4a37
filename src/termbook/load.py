"""Load a glossary directory and an articles directory, checking everything on the way.

:func:`check` collects every finding in every file before it reports; :func:`load` is the
same but raises :class:`GlossaryError` when any finding is an error.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import gc
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from . import schema
from .safety import unsafe_markdown
from .findings import ERROR, INFO, Finding, GlossaryError, did_you_mean, errors_in, field_name
from .linker import Matcher, check_links, mentions_in
from .render import article_path, reserved_ids, term_path
from .model import COMPONENTS, Article, Category, Claim, Glossary, Rating, Source, Term
from .yamlfile import Location, YamlRefused, line_of, read_yaml

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_QUOTE_WORDS = 25
# Markdown or HTML that has no place in a plain-text sentence shown in tooltips and previews.
_NOT_PLAIN = ("<", ">", "`", "*", "[[", "](", "\n")
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z]")


class _File:
    """One YAML file on its way to becoming a Term or an Article."""

    __slots__ = ("id", "display", "data", "lines", "valid")

    def __init__(self, entry_id: str, display: str, data: dict[str, Any],
                 lines: Mapping[Location, int], valid: bool):
        self.id = entry_id  # the file name without ".yaml"
        self.display = display
        self.data = data
        self.lines = lines
        self.valid = valid  # passed the schema: safe to check field by field

    def finding(self, location: Location, message: str, hint: str, rule: str,
                severity: str = ERROR) -> Finding:
        return Finding(self.display, line_of(self.lines, location), field_name(location),
                       message, hint, rule, severity)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused (also as a decorator).

    Reading a glossary creates about a million objects (entries, events, findings) that stay
    alive until the reading is done and form no reference cycles. The collector would walk
    them again and again as they pile up, for nothing: a fifth of the time a check of 10,000
    entries takes. Whatever cycles do form are collected once it runs again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@collector_paused()
def check(glossary_dir: Path, seeds_dir: Path | None = None, *, root: Path | None = None,
          only: Iterable[Path] | None = None, today: datetime.date | None = None,
          docs_dir: Path | None = None, report_unmentioned: bool = False,
          ) -> tuple[Glossary | None, list[Finding]]:
    """Read and check every entry; return the glossary (when it has no errors) and all findings.

    ``root`` is what paths in findings are shown relative to (default: the current directory).
    ``only`` limits the findings to those files, while still reading the others, since
    references need the whole glossary to be checked. ``docs_dir`` adds the hand-written
    Markdown pages: their ``[[id]]`` links are checked too. With ``report_unmentioned``, each
    term that no definition, article or page mentions gets an information finding.
    """
    root = root or Path.cwd()
    today = today or datetime.date.today()
    findings: list[Finding] = []
    term_files = _read_dir(glossary_dir, root, schema.TERM_SCHEMA, findings)
    seed_files = _read_dir(seeds_dir, root, schema.SEED_SCHEMA, findings) if seeds_dir else []
    valid_terms = [f for f in term_files if f.valid]
    valid_seeds = [f for f in seed_files if f.valid]
    for file in valid_terms:
        findings += _check_dates(file, today)
        findings += _check_term_file(file)
    for file in valid_seeds:
        findings += _check_dates(file, today)
        findings += _check_seed_file(file)
    ids = {f.id for f in term_files}
    for file in valid_terms + valid_seeds:
        for location in _markdown_fields(file):
            findings += _check_markdown(file, location)
            findings += _check_links(file, location, ids)
    docs = _read_docs(docs_dir, root, ids, findings) if docs_dir else {}
    findings += _check_reserved_ids(term_files, reserved_ids(term_path), "term")
    findings += _check_reserved_ids(seed_files, reserved_ids(article_path), "article")
    findings += _check_labels(term_files)
    findings += _check_references(term_files, seed_files)
    findings += _check_broader_cycles(term_files)

    # Decided before ``only`` filters the findings: an error in a file that was not asked
    # about still means the glossary cannot be built (its references may not resolve).
    has_errors = bool(errors_in(findings))
    wanted = None if only is None else {display_path(Path(p), root) for p in only}
    findings = sorted(f for f in findings if wanted is None or f.path in wanted)
    if has_errors:
        return None, findings
    glossary = Glossary(
        terms={f.id: _term(f) for f in valid_terms},
        articles={f.id: _article(f) for f in valid_seeds},
        categories=tuple(Category(*c) for c in schema.categories()),
    )
    if report_unmentioned:
        findings = sorted(findings + [f for f in _unmentioned_terms(glossary, valid_terms, docs)
                                      if wanted is None or f.path in wanted])
    return glossary, findings


def load(glossary_dir: Path, seeds_dir: Path | None = None, *, root: Path | None = None) -> Glossary:
    """The checked glossary; raises :class:`GlossaryError` listing every error."""
    glossary, findings = check(glossary_dir, seeds_dir, root=root)
    if glossary is None:
        raise GlossaryError(errors_in(findings))
    return glossary


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


def _read_dir(directory: Path, root: Path, schema_name: str, findings: list[Finding]) -> list[_File]:
    """Parse and schema-check each ``*.yaml`` in ``directory``; return every file that parsed
    to a mapping, so that checks across files still run on files with schema errors."""
    if not directory.is_dir():
        return []
    refused = _not_in_project(directory, root, _as_given(directory, root), "(folder)")
    if refused:
        findings.append(refused)
        return []
    files = []
    prefix = display_prefix(directory, root)
    # Directory entries rather than Path objects: they know whether they are files without
    # asking the file system again, and a glossary has thousands of them.
    with os.scandir(directory) as found:
        entries = sorted(found, key=lambda entry: entry.name)
    for entry in entries:
        name = entry.name
        display = prefix + name
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
                                    "use lowercase words joined by hyphens, e.g. open-weights.yaml",
                                    "id-format"))
            continue
        try:
            data, lines, problems = read_yaml(entry.path, display)
        except YamlRefused as refused:
            findings.append(refused.finding)
            continue
        findings += problems
        if not isinstance(data, dict):
            findings.append(Finding(display, 1, "(file)", "the file must be a mapping of fields",
                                    "start each line with a field name, e.g. 'term: Weights'",
                                    "root-not-mapping"))
            continue
        problems = schema.validate(schema_name, data, lines, display)
        findings += problems
        files.append(_File(entry_id, display, data, lines, valid=not problems))
    return files


def _check_reserved_ids(files: list[_File], reserved: Mapping[str, str], kind: str) -> list[Finding]:
    return [Finding(f.display, 1, "(file)",
                    f"the id '{f.id}' is taken: the {kind} page would replace the generated page "
                    f"{reserved[f.id]}", f"rename the file, e.g. to {f.id}-{kind}.yaml",
                    "reserved-id")
            for f in files if f.id in reserved]


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


def _texts(value: Any) -> list[str]:
    """The strings in a list field, ignoring anything the schema check already reported."""
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _text(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else []


def _check_dates(file: _File, today: datetime.date) -> list[Finding]:
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


def _check_term_file(file: _File) -> list[Finding]:
    data, found = file.data, []
    short = data["short"]
    if any(sign in short for sign in _NOT_PLAIN):
        found.append(file.finding(("short",), "must be plain text",
                                  "remove Markdown, HTML, [[links]] and line breaks", "short-not-plain"))
    if _SENTENCE_BREAK.search(short.rstrip()):
        found.append(file.finding(("short",), "must be one sentence",
                                  "move the rest into 'definition'", "short-one-sentence"))
    if "openness" in data and data["category"] != "models":
        found.append(file.finding(("openness",), "only entries in the 'models' category are rated",
                                  "remove the block or set 'category: models'", "openness-not-model"))
    return found


def _markdown_fields(file: _File) -> list[Location]:
    """Where a (schema-valid) entry holds Markdown: a term's definition, an article's summary
    and the context notes of its claims."""
    if "definition" in file.data:
        return [("definition",)]
    return [("summary",)] + [("claims", index, "context", "note")
                             for index, claim in enumerate(file.data["claims"]) if "context" in claim]


def _markdown_field(file: _File, location: Location) -> str:
    """The text of a Markdown field."""
    text: Any = file.data
    for part in location:
        text = text[part]
    return text


def _first_line(file: _File, location: Location) -> int:
    """The line of the file that the Markdown field at ``location`` starts on. Asked only
    when there is something to report: lines cost a second reading of the file."""
    text = _markdown_field(file, location)
    # A block scalar ("definition: |") starts on the line after its key.
    return line_of(file.lines, location) + ("\n" in text.rstrip("\n") or text.endswith("\n"))


def _check_markdown(file: _File, location: Location) -> list[Finding]:
    """Markdown fields may hold Markdown only: no raw HTML, script URLs or attribute lists."""
    text = _markdown_field(file, location)
    unsafe = unsafe_markdown(text)
    first_line = _first_line(file, location) if unsafe else 0
    return [Finding(file.display, first_line + text[: u.offset].count("\n"), field_name(location),
                    u.message, u.hint, u.rule) for u in unsafe]


def _check_links(file: _File, location: Location, ids: set[str]) -> list[Finding]:
    """Every ``[[id]]`` in a Markdown field names a term that exists."""
    found = check_links(file.display, _markdown_field(file, location), ids,
                        field=field_name(location))
    if not found:
        return []
    shift = _first_line(file, location) - 1  # check_links counts from the field's first line
    return [dataclasses.replace(f, line=f.line + shift) for f in found]


def _read_docs(docs_dir: Path, root: Path, ids: set[str], findings: list[Finding]) -> dict[str, str]:
    """The hand-written pages (``*.md`` under ``docs_dir``) by displayed path; their explicit
    links to unknown terms are added to ``findings``."""
    pages = {}
    prefix = display_prefix(docs_dir, root)
    for path in sorted(docs_dir.rglob("*.md")):
        display = prefix + path.relative_to(docs_dir).as_posix()
        try:
            pages[display] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as problem:
            findings.append(Finding(display, 1, "(file)", f"cannot be read as UTF-8 text ({problem})",
                                    "save it as UTF-8", "not-utf8"))
            continue
        findings += check_links(display, pages[display], ids)
    return pages


def _unmentioned_terms(glossary: Glossary, term_files: list[_File],
                       docs: dict[str, str]) -> list[Finding]:
    """An information finding for each term that no other term's page, no article and no
    hand-written page mentions (by name, or with ``[[id]]``), estimated from the sources as
    the build's linker would find them."""
    texts: list[tuple[str, str | None]] = []
    for term in glossary.terms.values():
        reasons = "\n\n".join(r.reason for r in term.openness)
        texts.append((f"{term.short}\n\n{term.definition}\n\n{reasons}", term.id))
    for article in glossary.articles.values():
        parts = [article.summary] + [text for claim in article.claims
                                     for text in (claim.claim, claim.quote, claim.context_note) if text]
        texts.append(("\n\n".join(parts), None))
    texts += [(text, None) for text in docs.values()]
    mentioned = mentions_in(texts, Matcher(glossary.terms.values()))
    return [file.finding(("term",), "no page mentions this term",
                         f"name it, or link it with [[{file.id}]], in another entry's definition, "
                         "an article summary or a page in docs/", "unmentioned-term", INFO)
            for file in term_files if file.id not in mentioned]


def label_key(label: str) -> str:
    """The form in which names, aliases and abbreviations are compared: case does not count."""
    return label.casefold()


def term_labels(data: dict[str, Any]) -> list[tuple[Location, str]]:
    """Every name an entry claims (its term, abbreviation and aliases), with where each is."""
    labels = [(("term",), v) for v in _text(data.get("term"))]
    labels += [(("abbreviation",), v) for v in _text(data.get("abbreviation"))]
    labels += [(("aliases", i), v) for i, v in enumerate(_texts(data.get("aliases")))]
    return labels


def _check_labels(files: list[_File]) -> list[Finding]:
    """A name, alias or abbreviation leads to one entry only (compared by :func:`label_key`).

    Both entries get a finding, so whoever edits either file sees the clash.
    """
    claims: dict[str, list[tuple[_File, Location, str]]] = {}
    for file in files:
        for location, label in term_labels(file.data):
            claims.setdefault(label_key(label), []).append((file, location, label))
    found = []
    for owners in claims.values():
        if len(owners) == 1 or all(file is owners[0][0] for file, _, _ in owners):
            continue  # one entry (maybe twice)
        for file, location, label in owners:
            others = ", ".join(f"{o.display} ({field_name(loc)})" for o, loc, _ in owners
                               if o is not file)
            found.append(file.finding(location, f"'{label}' is also claimed by {others}",
                                      "remove it from one of them: a name leads to one entry",
                                      "label-collision"))
    return found


def _check_references(term_files: list[_File], seed_files: list[_File]) -> list[Finding]:
    ids = {f.id for f in term_files}
    found = []

    def check_ids(file: _File, where: Location, values: Any, allow_self: bool) -> None:
        for index, value in enumerate(values if isinstance(values, list) else []):
            location = where + (index,)
            if not isinstance(value, str):
                continue
            if value not in ids:
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
    return found


def _check_broader_cycles(files: list[_File]) -> list[Finding]:
    """'broader' must form a hierarchy: following it never comes back to where it started."""
    parents = {f.id: [p for p in _texts(f.data.get("broader")) if p != f.id] for f in files}
    by_id = {f.id: f for f in files}
    state: dict[str, int] = {}  # 1: on the current path, 2: known to reach no cycle
    found = []
    for start in sorted(parents):
        if state.get(start) is None:
            for node, parent, cycle in _broader_cycles(start, [start], parents, state):
                file = by_id[node]
                index = _texts(file.data["broader"]).index(parent)
                found.append(file.finding(("broader", index), "broader terms form a cycle: "
                                          + " → ".join(cycle), "remove one of these links",
                                          "broader-cycle"))
    return found


def _broader_cycles(node: str, path: list[str], parents: dict[str, list[str]],
                    state: dict[str, int]) -> Iterator[tuple[str, str, list[str]]]:
    """Follow 'broader' from ``node`` (reached by ``path``) depth first, noting in ``state``
    where it has been; (term, parent, the cycle) for each link back onto the path.

    A function of its own rather than a nested one: a nested function that calls itself is
    held by its own closure, a reference cycle that would keep every entry alive until the
    garbage collector found it."""
    state[node] = 1
    for parent in parents.get(node, []):
        if state.get(parent) == 1:
            yield node, parent, path[path.index(parent):] + [parent]
        elif parent in parents and state.get(parent) is None:
            yield from _broader_cycles(parent, path + [parent], parents, state)
    state[node] = 2


def _check_seed_file(file: _File) -> list[Finding]:
    found, seen = [], {}
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


def _source(data: dict[str, str]) -> Source:
    return Source(data["title"], data["publisher"], data["date"], data.get("url"), data.get("note"))


def _term(file: _File) -> Term:
    d = file.data
    openness = tuple(Rating(c, d["openness"][c]["rating"], d["openness"][c]["reason"],
                            d["openness"][c].get("evidence"))
                     for c in COMPONENTS) if "openness" in d else ()
    return Term(id=file.id, term=d["term"], short=d["short"], definition=d["definition"],
                category=d["category"], sources=tuple(_source(s) for s in d["sources"]),
                reviewed=d["reviewed"], path=file.display, aliases=tuple(d.get("aliases", ())),
                abbreviation=d.get("abbreviation"), related=tuple(d.get("related", ())),
                broader=tuple(d.get("broader", ())), status=d.get("status", "stable"),
                openness=openness)


def _article(file: _File) -> Article:
    d = file.data
    claims = tuple(Claim(id=c["id"], claim=c["claim"], stance=c["stance"], terms=tuple(c["terms"]),
                         quote=c.get("quote"), context_note=c.get("context", {}).get("note"),
                         context_sources=tuple(_source(s) for s in c.get("context", {}).get("sources", ())))
                   for c in d["claims"])
    return Article(id=file.id, title=d["title"], publisher=d["publisher"], date=d["date"],
                   summary=d["summary"], claims=claims, reviewed=d["reviewed"], path=file.display,
                   author=d.get("author"), url=d.get("url"))
