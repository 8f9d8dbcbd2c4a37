"""What every reader of another format hands on: one :class:`Record` per term, and one
:class:`Note` for each thing it could not carry over.

A record holds what the source says, in the source's own terms: links and relations name other
terms by the source's keys (an IRI, an id, a file name, a name), categories by the source's
labels. :mod:`termbook.importers.entries` turns records into entries of the site.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from ..characters import printable
from ..markup import EXPLICIT_RE, mask_code


@dataclasses.dataclass(frozen=True)
class Link:
    """A link to another term of the source, by its ``key``; ``text`` is what the link shows
    (None: the term's name)."""

    key: str
    text: str | None = None
    pipe: str = "|"
    """What separates the id from the text: ``\\|`` in a table cell, where "|" ends the cell."""


#: Markdown with links to other terms of the source: text (already Markdown) and links.
Text = tuple["str | Link", ...]


@dataclasses.dataclass(frozen=True)
class Category:
    """A category as the source names it: ``key`` identifies it (an IRI, an id, a tag),
    ``title`` is its label where the source has one."""

    key: str
    title: str | None = None
    description: str | None = None
    proper_nouns: bool = False
    """Whether the source declares its terms' names proper nouns (termbook's own files do)."""


#: The fields of a source citation an entry has.
SOURCE_FIELDS = ("title", "publisher", "date", "url", "note")
#: Entry fields a record carries as they are (:attr:`Record.fields`), in the order an entry
#: lists them.
CARRIED_FIELDS = ("status", "reviewed", "sort_as", "link", "proper_noun")


@dataclasses.dataclass
class Record:
    """One term as read from a source."""

    source: str
    """The source file, as the report shows it."""
    where: str
    """Where in it: a line number, or the term's identifier in the source."""
    term: str
    keys: list[str] = dataclasses.field(default_factory=list)
    """What other terms of the source call this one by in links and relations."""
    given_id: str | None = None
    """The source's own id for the term, when it has one (used when it is a valid id)."""
    aliases: list[str] = dataclasses.field(default_factory=list)
    abbreviation: str | None = None
    short: Text | None = None
    """Inline text: its links are written as their text."""
    definition: Text | None = None
    categories: list[Category] = dataclasses.field(default_factory=list)
    related: list[str] = dataclasses.field(default_factory=list)
    """Keys of related terms."""
    broader: list[str] = dataclasses.field(default_factory=list)
    sources: list[dict[str, str]] = dataclasses.field(default_factory=list)
    fields: dict[str, Any] = dataclasses.field(default_factory=dict)
    """Entry fields carried as they are: :data:`CARRIED_FIELDS` and the scorecard's ratings (by the field the source names them with)."""
    lines: dict[str, str] = dataclasses.field(default_factory=dict)
    """Where each field is in the source, when it is not :attr:`where`."""

    def at(self, field: str) -> str:
        return self.lines.get(field, self.where)


@dataclasses.dataclass(frozen=True, order=True)
class Note:
    """One thing that could not be carried over: ``source:where: field: message; hint``, in
    the form of :class:`termbook.findings.Finding`."""

    source: str
    where: str
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.source}:{self.where}: {self.field}: {self.message}"
        return printable(f"{text}; {self.hint}" if self.hint else text)


def note(record: Record, field: str, message: str, hint: str = "") -> Note:
    return Note(record.source, record.at(field), field, message, hint)


class SourceRefused(Exception):
    """A source cannot be read at all; the message says which and why."""


# --- text ---------------------------------------------------------------------------------

# Characters that start Markdown inline syntax anywhere in a line; "_" only where it can open
# or close emphasis, "&" only where it would start a character reference.
_INLINE = re.compile(r"[\\`*\[\]{}<]|(?<!\w)_|_(?!\w)|&(?=#?\w+;)")
# Characters that start a block at the beginning of a line: a heading, a quote, a list item,
# a numbered item, a definition.
_LINE_START = re.compile(r"^([ \t]*)(#|>|[-+*](?=[ \t]|$)|\d+(?=[.)][ \t])|:(?=[ \t]))", re.MULTILINE)


def markdown_text(text: str) -> str:
    """Plain text as Markdown that shows that text: every character that would start markup
    escaped, and nothing else, so that the entry stays readable to whoever edits it next."""
    text = _INLINE.sub(lambda m: "&lt;" if m.group() == "<" else
                       "&amp;" if m.group() == "&" else "\\" + m.group(), text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2).isdigit()
                           else m.group(1) + m.group(2) + "\\", text)


def code_span(code: str) -> str:
    """``code`` as a Markdown code span, with enough backticks around it."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if code.startswith("`") or code.endswith("`") else ""
    return f"{fence}{pad}{code}{pad}{fence}"


def explicit_text(markdown: str) -> Text:
    """Markdown whose ``[[id]]`` and ``[[id|text]]`` links (outside code) become links."""
    if "[[" not in markdown:
        return (markdown,)
    masked = mask_code(markdown)
    parts: list[str | Link] = []
    end = 0
    for match in EXPLICIT_RE.finditer(masked):
        parts.append(markdown[end:match.start()])
        key, text = markdown[match.start(1):match.end(1)], match.group(2)
        parts.append(Link(key.strip(), markdown[match.start(2):match.end(2)] if text else None,
                          "\\|" if "\\|" in match.group() else "|"))
        end = match.end()
    parts.append(markdown[end:])
    return tuple(p for p in parts if p != "")


def plain(text: Text) -> str:
    """``text`` with each link written as its text (or its key, when it has none)."""
    return "".join(part if isinstance(part, str) else (part.text or part.key) for part in text)


def clip(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut to ``limit`` characters, for a line of the report."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
