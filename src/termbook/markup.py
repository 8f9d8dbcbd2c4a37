"""Markdown source, read without converting it: code masked, explicit ``[[id]]`` links found.

``termbook check`` reads entries and hand-written pages as text (converting thousands of
them would cost more than the whole check), so it needs to know where code is, which
``[[id]]`` links a text holds and on which line, and, for the mention scan, which parts are
prose. Builds convert pages and work on the element tree instead (:mod:`termbook.linking`);
both read explicit links with the same pattern (:data:`EXPLICIT_RE`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Iterable

from .findings import ERROR, Finding, did_you_mean

# [[id]] or [[id|text]] in Markdown source; in a table cell the pipe is escaped: [[id\|text]].
# (Greedy repeats: each stops at the first character that can end it, as a lazy one would.)
EXPLICIT_RE = re.compile(r"\[\[([^\[\]|\\\n]+)(?:\\?\|([^\[\]\n]+))?\]\]")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
# A run of backticks (not part of a longer run), the code, and a run of the same length. It
# starts with the backtick itself rather than with "(?<!`)": a pattern that starts with a
# character is searched for by skipping to that character, ten times faster.
_CODE_SPAN = re.compile(r"(`(?<!``)`*)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t].*$", re.MULTILINE)
_HTML_TAG = re.compile(r"<[^<>\n]+>")
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)")
_LINK_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:.*$", re.MULTILINE)
_AUTOLINK = re.compile(r"<https?://[^>\n]*>")


#: Characters that are HTML or Markdown syntax, as character references: a reference is never
#: markup for either, and shows as its character in element text and attribute values alike.
_INERT = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'`*_{}[]()#+!-|:~^\\="})


def inert_html(text: str) -> str:
    """``text`` for HTML that is itself inside Markdown (a table written into a page, whose
    cells Python-Markdown may read as Markdown): element text, or a double-quoted attribute
    value."""
    return text.translate(_INERT)


_FILLER = "\x1f"
_NOT_NEWLINE = re.compile(r"[^\n]")
# Each pattern, with a string that any text it matches contains (a cheap test to skip it).
_NON_PROSE = ((_HEADING, "#"), (_AUTOLINK, "<http"), (_HTML_TAG, "<"), (_LINK_TARGET, "]("),
              (_LINK_DEFINITION, "]:"), (EXPLICIT_RE, "[["))


def _blank(match: re.Match[str]) -> str:
    """The matched text as filler, line breaks kept, so offsets and line numbers still hold.
    The filler is neither a word character nor white space: the words on either side of a
    masked piece never join into one label."""
    text = match.group(0)
    return _FILLER * len(text) if "\n" not in text else _NOT_NEWLINE.sub(_FILLER, text)


def mask_code(text: str) -> str:
    """``text`` with fenced code blocks and code spans blanked out (same length and lines)."""
    if "`" not in text and "~~~" not in text:  # the usual case, and thousands of texts
        return text
    if "```" not in text and "~~~" not in text:  # code spans, but no fence to look for
        return _CODE_SPAN.sub(_blank, text)
    lines = text.split("\n")
    fence = None
    for index, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
        elif fence is not None and opening and opening.group(1)[0] == fence[0] \
                and len(opening.group(1)) >= len(fence):
            fence = None
        elif fence is None:
            continue
        lines[index] = _FILLER * len(line)
    return _CODE_SPAN.sub(_blank, "\n".join(lines))


def mask_non_prose(text: str, *, code_masked: bool = False) -> str:
    """``text`` keeping only what the linker would search for mentions: code, headings, HTML
    tags, link targets and explicit links blanked out. An estimate for ``termbook check``;
    builds use the element tree instead."""
    if not code_masked:
        text = mask_code(text)
    for pattern, sign in _NON_PROSE:
        if sign in text:
            text = pattern.sub(_blank, text)
    return text


@dataclasses.dataclass(frozen=True)
class ExplicitLink:
    line: int  # 1-based, counted from the start of the text
    id: str


def explicit_links(text: str, *, code_masked: bool = False) -> list[ExplicitLink]:
    """Every ``[[id]]`` and ``[[id|text]]`` in Markdown source, outside code."""
    if "[[" not in text:
        return []
    masked = text if code_masked else mask_code(text)
    return [ExplicitLink(masked.count("\n", 0, m.start()) + 1, m.group(1).strip())
            for m in EXPLICIT_RE.finditer(masked)]


def linked_ids(text: str) -> list[str]:
    """The ids of the explicit links in ``text``, as :func:`explicit_links` reads them but
    without their lines (and in code too, unless the code is masked)."""
    return [term_id.strip() for term_id, _ in EXPLICIT_RE.findall(text)] if "[[" in text else []


def check_links(path: str, text: str, ids: Collection[str], *, first_line: int = 1,
                field: str = "(text)") -> list[Finding]:
    """An error for each explicit link to an unknown id (not in ``ids``) in ``text``
    (Markdown that starts on line ``first_line`` of ``path``)."""
    if all(term_id in ids for term_id in linked_ids(text)):
        return []  # the usual case: no need to tell code from text
    return [unknown_link(path, first_line + link.line - 1, link.id, ids, field)
            for link in explicit_links(text) if link.id not in ids]


def unknown_link(path: str, line: int, term_id: str, ids: Iterable[str],
                 field: str = "(text)") -> Finding:
    return Finding(path, line, field, f"unknown term id '{term_id}' in [[{term_id}]]",
                   did_you_mean(term_id, ids) or "see glossary/ for the ids", "unknown-term", ERROR)



# --- lists of events in a hand-written page ----------------------------------------------

#: A list of dated events in a hand-written page, on a line of its own: an HTML comment, so
#: that a Markdown reader without termbook shows nothing rather than a stray instruction.
#: ``<!-- termbook:events kind=release term=llama since=2025 until=2026-06 as=table -->``
EMBED_RE = re.compile(r"^[ \t]*<!--[ \t]*termbook:events\b(?P<options>[^\n]*?)-->[ \t]*$", re.MULTILINE)
#: What an embed may say, and what each option holds.
EMBED_OPTIONS = {"kind": "kinds, separated by commas", "term": "term ids, separated by commas",
                 "since": "a date, YYYY, YYYY-MM or YYYY-MM-DD", "until": "a date, as for since",
                 "as": "list or table"}
EMBED_STYLES = ("list", "table")
_EMBED_DATE = re.compile(r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?")


@dataclasses.dataclass(frozen=True)
class Embed:
    """One ``<!-- termbook:events ... -->`` line: where it is and what it selects."""

    start: int
    end: int
    """Where the line is in the text (offsets)."""
    line: int
    kinds: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    style: str = "list"
    problems: tuple[str, ...] = ()
    """What is wrong with its options, each saying how to write it."""


def embeds(text: str) -> list[Embed]:
    """Every list of events that ``text`` (Markdown) embeds, outside code."""
    if "termbook:events" not in text:
        return []
    found = []
    for match in EMBED_RE.finditer(mask_code(text)):
        options: dict[str, str] = {}
        problems = []
        for word in match.group("options").split():
            name, equals, value = word.partition("=")
            if name not in EMBED_OPTIONS or not equals or not value:
                problems.append(f"'{word}' is not an option: write name=value, with name one of "
                                + ", ".join(EMBED_OPTIONS))
            else:
                options[name] = value
        for name in ("since", "until"):
            if name in options and not _EMBED_DATE.fullmatch(options[name]):
                problems.append(f"{name}={options[name]} is not {EMBED_OPTIONS[name]}")
        if options.get("as", "list") not in EMBED_STYLES:
            problems.append(f"as={options['as']} is not {EMBED_OPTIONS['as']}")
        found.append(Embed(match.start(), match.end(), text.count("\n", 0, match.start()) + 1,
                           kinds=_listed(options, "kind"), terms=_listed(options, "term"),
                           since=options.get("since"),
                           until=options.get("until"), style=options.get("as", "list"),
                           problems=tuple(problems)))
    return found


def _listed(options: dict[str, str], name: str) -> tuple[str, ...]:
    """The values of a comma-separated option ("kind=release,measurement")."""
    return tuple(value for value in options.get(name, "").split(",") if value)


# --- charts in a hand-written page -------------------------------------------------------

#: A chart that termbook.yml declares, shown in a hand-written page on a line of its own, as
#: a list of events is (:data:`EMBED_RE`): ``<!-- termbook:chart capability-gap -->``
#: (:func:`termbook.charts.embed`).
CHART_EMBED_RE = re.compile(r"^[ \t]*<!--[ \t]*termbook:chart[ \t]+(?P<id>[^\s>]+)[ \t]*-->[ \t]*$",
                            re.MULTILINE)


@dataclasses.dataclass(frozen=True)
class ChartEmbed:
    """One ``<!-- termbook:chart <id> -->`` line: where it is and which chart it shows."""

    start: int
    end: int
    """Where the line is in the text (offsets)."""
    line: int
    id: str


def chart_embeds(text: str) -> list[ChartEmbed]:
    """Every chart that ``text`` (Markdown) shows, outside code."""
    if "termbook:chart" not in text:
        return []
    masked = mask_code(text)
    return [ChartEmbed(m.start(), m.end(), masked.count("\n", 0, m.start()) + 1, m.group("id"))
            for m in CHART_EMBED_RE.finditer(masked)]


def check_charts(path: str, text: str, charts: Collection[str]) -> list[Finding]:
    """An error for each chart line, outside code, naming a chart the site does not declare
    (``charts``)."""
    return [Finding(path, embed.line, "termbook:chart",
                    f"'{embed.id}' is not a chart termbook.yml declares",
                    did_you_mean(embed.id, charts)
                    or (f"the charts: {', '.join(charts)}" if charts else
                        "declare the chart under 'charts:' in termbook.yml"), "unknown-chart", ERROR)
            for embed in chart_embeds(text) if embed.id not in charts]
