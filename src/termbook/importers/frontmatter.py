"""A folder of Markdown files with YAML front matter, one term per file, as Hugo, Jekyll and
Docusaurus sites keep glossaries.

The front matter's fields become entry fields through a mapping (``--map title=term,
aka=aliases,tags=category``; a field named as an entry field maps to it without one), and the
body is the definition. With a split marker (``--split '<!--more-->'``) the part before it is
the short definition, unless a field gives one. Links to other terms in the body follow a
pattern given as a regular expression with the groups ``id`` (the other term's id, its file
name or its name) and, optionally, ``text`` (alternatives of a pattern name theirs ``id_2``,
``text_2`` and so on); each becomes ``[[id|text]]``.

What an entry cannot hold is noted and left out: another site generator's shortcodes (their
text is kept), HTML comments, links and images whose address is not an http(s) one (their
text is kept).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..yamlfile import YamlRefused, line_of, parse_yaml
from .records import (
    CARRIED_FIELDS,
    SOURCE_FIELDS,
    Category,
    Link,
    Note,
    Record,
    SourceRefused,
    Text,
    clip,
    explicit_text,
    plain,
)
from .sources import files_in, read_text

#: The fields front matter can be mapped to; a list where several values go.
FRONT_MATTER_FIELDS = ("id", "term", "aliases", "abbreviation", "short", "category", "related",
                       "broader", *CARRIED_FIELDS, *(f"source.{field}" for field in SOURCE_FIELDS))
#: The pages Hugo and other site generators make a folder's page from.
INDEX_PAGES = ("_index", "index")
#: What every file is read with, before the mapping given: its title is the term's name.
DEFAULT_MAPPING = {"title": "term"}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$\n?", re.DOTALL | re.MULTILINE)
# What a body may hold that an entry cannot: HTML comments, another generator's shortcodes,
# and links and images whose address is not one an entry keeps (:data:`_KEPT_LINKS`).
_NOT_MARKDOWN = re.compile(
    r"(?P<comment><!--.*?-->)"
    r"|(?P<shortcode>\{\{[<%][^\n]*?[>%]\}\}|\{%-?[^\n]*?-?%\})"
    r"|(?P<image>!?)\[(?P<label>[^\[\]\n]*)\]\(\s*<?(?P<address>[^()\s<>]*)>?(?:\s+\"[^\"\n]*\")?\s*\)",
    re.DOTALL)
_KEPT_LINKS = ("http://", "https://", "#")
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+\n")


def read_markdown(path: Path, shown: str, *, mapping: Mapping[str, str], split: str | None,
                  link: re.Pattern[str] | None, display: Any) -> tuple[list[Record], list[Note]]:
    """The terms of the Markdown files in the folder (or the file) ``path``; ``display``
    shows a file's path as the report names it."""
    fields = {**{field: field for field in FRONT_MATTER_FIELDS if "." not in field},
              **DEFAULT_MAPPING, **mapping}
    unmapped: dict[str, list[tuple[str, int]]] = {}
    records, notes = [], []
    for file in files_in(path, (".md", ".markdown")):
        file_shown = display(file)
        if file.stem in INDEX_PAGES:
            notes.append(Note(file_shown, "1", "(file)", "is the folder's index page, not a term",
                              "not imported"))
            continue
        record = _read_file(file, file_shown, fields, split, link, unmapped, notes)
        if record is not None:
            records.append(record)
    for field, places in sorted(unmapped.items()):
        first, line = places[0]
        notes.append(Note(first, str(line), field, f"is not mapped to an entry field (in "
                          f"{len(places)} file(s)): not carried over",
                          f"--map '{field}=FIELD' carries it (fields: {', '.join(FRONT_MATTER_FIELDS)})"))
    if not records and not notes:
        raise SourceRefused(f"{shown}: holds no Markdown file with front matter")
    return records, notes


def _read_file(file: Path, shown: str, fields: Mapping[str, str], split: str | None,
               link: re.Pattern[str] | None, unmapped: dict[str, list[tuple[str, int]]],
               notes: list[Note]) -> Record | None:
    text = read_text(file, shown)
    match = _FRONT_MATTER.match(text)
    if match is None:
        notes.append(Note(shown, "1", "(file)", "has no YAML front matter between '---' lines",
                          "the file is not imported"))
        return None
    try:
        data, lines, problems = parse_yaml(match.group(1), shown)
    except YamlRefused as refused:
        finding = refused.finding
        notes.append(Note(shown, str(finding.line + 1), "(front matter)", finding.message,
                          f"{finding.hint}; the file is not imported"))
        return None
    notes += [Note(shown, str(p.line + 1), p.field, p.message, p.hint) for p in problems]
    if not isinstance(data, dict):
        notes.append(Note(shown, "2", "(front matter)", "is not a mapping of fields",
                          "the file is not imported"))
        return None
    values: dict[str, Any] = {}
    where: dict[str, str] = {}
    for key, value in data.items():
        field = fields.get(key)
        if field is None:
            unmapped.setdefault(key, []).append((shown, line_of(lines, (key,)) + 1))
            continue
        if value is not None:
            values[field] = value
            where[field] = str(line_of(lines, (key,)) + 1)
    body_line = text[:match.end()].count("\n") + 1
    name = values.get("term")
    if not isinstance(name, str) or not name.strip():
        notes.append(Note(shown, "1", "term", "the front matter gives no name",
                          "map the field that holds it: --map FIELD=term; the file is not imported"))
        return None
    record = Record(shown, where.get("term", "1"), name, lines=where)
    given = values.get("id")
    record.given_id = given if isinstance(given, str) else None
    record.keys = [k for k in (record.given_id, file.stem, name.strip()) if k]
    record.aliases = _listed(values.get("aliases"))
    record.abbreviation = values.get("abbreviation")
    record.categories = [Category(c) for c in _listed(values.get("category"))]
    record.related, record.broader = _listed(values.get("related")), _listed(values.get("broader"))
    record.fields = {k: values[k] for k in CARRIED_FIELDS if k in values}
    source = {k.removeprefix("source."): v for k, v in values.items() if k.startswith("source.")}
    record.sources = [source] if source else []
    body = text[match.end():]
    before, marker, after = body.partition(split) if split else ("", "", body)
    summary = _body(" ".join(before.split()), body_line, record, link, []) if marker else None
    short = values.get("short")
    if isinstance(short, str):
        record.short = (" ".join(short.split()),)
        if summary and plain(summary) != record.short[0]:
            notes.append(Note(shown, str(body_line), "definition", "the text before the marker "
                              "is left out: the short definition is the front matter's",
                              "compare the two, and keep what reads better"))
    elif summary:
        record.short = summary
    after_line = body_line + (before + marker).count("\n")
    record.lines["definition"] = str(after_line if marker else body_line)
    record.definition = _body(after, after_line, record, link, notes) if marker else \
        _body(body, body_line, record, link, notes)
    return record


def _listed(value: Any) -> list[Any]:
    """A field that holds one value or a list of them, as a list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _body(markdown: str, first_line: int, record: Record, link: re.Pattern[str] | None,
          notes: list[Note]) -> Text | None:
    """The body's Markdown (which starts on line ``first_line`` of the file) as text with
    links: term links by ``link``, what no entry can hold left out (and noted)."""
    first_line += len(markdown) - len(markdown.lstrip("\n")) - markdown[:len(markdown) - len(
        markdown.lstrip("\n"))].count("\r")
    markdown = markdown.strip("\n")
    if not markdown.strip():
        return None
    if not markdown.startswith("    "):  # a space or two before the first line is no code block
        markdown = markdown.lstrip(" ")
    pieces: list[tuple[int, str | Link]] = []  # each with where it starts in ``markdown``
    end = 0
    for match in link.finditer(markdown) if link else ():
        target, text = _group(match, "id"), _group(match, "text")
        pieces += [(end, markdown[end:match.start()]),
                   (match.start(), Link(target, text) if target else match.group())]
        end = match.end()
    pieces.append((end, markdown[end:]))
    cleaned: list[str | Link] = []
    for offset, part in pieces:
        if isinstance(part, Link):
            cleaned.append(part)
            continue

        def drop(match: re.Match[str], what: str, kept: str = "", offset: int = offset) -> str:
            line = first_line + markdown[:offset + match.start()].count("\n")
            notes.append(Note(record.source, str(line), "definition",
                              f"{what} '{clip(match.group())}' is left out",
                              "entries hold Markdown only" + ("; its text is kept" if kept else "")))
            return kept

        part = _NOT_MARKDOWN.sub(lambda m: drop(m, "the HTML comment") if m.group("comment")
                                 else drop(m, "the shortcode") if m.group("shortcode")
                                 else m.group() if m.group("address").startswith(_KEPT_LINKS)
                                 else drop(m, "the image" if m.group("image") else
                                           "the link to a page of another site", m.group("label")),
                                 part)
        if "```" not in part and "~~~" not in part:  # no code, whose blank lines are its own
            part = _BLANK_LINES.sub("\n\n", part)
        cleaned += [p for p in explicit_text(part) if p != ""]
    return tuple(cleaned) or None


def _group(match: re.Match[str], name: str) -> str | None:
    """The group ``name`` of a link pattern's match, or of one of its alternatives, which
    Python's patterns must name differently (``id_2``, ``text_2`` ...)."""
    return next((value for key, value in match.groupdict().items()
                 if value is not None and (key == name or key.startswith(name + "_"))), None)
