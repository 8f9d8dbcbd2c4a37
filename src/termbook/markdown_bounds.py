"""Markdown that would take the converter minutes, or nest deeper than the code that walks the
converted page can follow: found from the text, before anything converts it.

Profiling Python-Markdown on hostile text shows two costs that grow faster than the text:

- **Reading ahead.** For each ``[`` the link, image, reference and footnote patterns read
  ahead to the matching ``]`` (``getText``), for each ``](`` to the matching ``)``
  (``getLink``), for each ``<`` the HTML parser reads to the end of the tag, and for each run
  of backticks the code-span pattern reads to a run of the same length. When they never
  close, each reads to the end of the paragraph: ``'[a](' * 15000`` (60 KB) is 15,000 reads
  of up to 60,000 characters, about 85 seconds. :func:`read_ahead` adds up, in one pass,
  how far every one of them reads, as the converter would.
- **Depth.** Lists, block quotes, links inside link text and runs of emphasis characters
  nest the elements of the converted page; ``'*' * 2500 + 'a' + '*' * 2500`` makes over a
  thousand levels, and the table of contents, the HTML serializer and termbook's linker
  all walk the tree recursively, so the build ends in a RecursionError. :func:`nesting`
  bounds the depth from above: each block marker or indentation step can open three
  elements (``ul > li > p``), each ``[`` one, each emphasis character one.

Code is counted as Markdown in both (an unclosed fence is no code block to Python-Markdown,
so what looks like code may not be), which can only overestimate. Honest text stays far
below both limits; the limits are set well below what the converter and the recursion limit
can bear.
"""

from __future__ import annotations

import dataclasses
import re

#: Characters the converter may read ahead, over all the places where it starts reading,
#: in one Markdown field: about a second of conversion at worst.
MAX_READ_AHEAD = 1_000_000
#: Levels of elements a Markdown field may nest (from above; see :func:`nesting`).
MAX_NESTING = 50

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_BACKTICKS = re.compile(r"`+")
_TAG_START = re.compile(r"<[A-Za-z/!?]")
_BRACKET = re.compile(r"[\[\]]")
_PAREN = re.compile(r"[()]")
# Python-Markdown's and pymdown-extensions' emphasis delimiters; runs longer than one of them
# (a single one opens at most one level, counted once for all).
_EMPHASIS_CHARACTERS = "*_~^=+"
_EMPHASIS_RUNS = {c: re.compile(re.escape(c) + "{2,}") for c in _EMPHASIS_CHARACTERS}
# The start of a line that opens levels: indentation (a level per four columns), and the
# markers of quotes, bullets and numbered items.
_BLOCK_START = re.compile(r"(?:[ \t]{4,}|[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))"
                          r"(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*")
_OPENS_A_LEVEL = frozenset(" \t>-*+0123456789")
_BLOCK_MARKER = re.compile(r">|[-*+]|\d{1,9}[.)]")


@dataclasses.dataclass(frozen=True)
class Costly:
    offset: int
    rule: str
    message: str
    hint: str


def costly_markdown(text: str) -> Costly | None:
    """Why converting ``text`` would take too long or nest too deep, or None."""
    reads, offset, what = read_ahead(text)
    if reads > MAX_READ_AHEAD:
        return Costly(offset, "markdown-too-costly",
                      f"{what}: converting it would read {reads:,} characters ahead, more than "
                      f"{MAX_READ_AHEAD:,}, and take minutes",
                      "close each bracket, backtick or tag, or escape it with a backslash (\\[)")
    depth, offset, what = nesting(text)
    if depth > MAX_NESTING:
        return Costly(offset, "markdown-too-deep",
                      f"{what}: the page could nest {depth:,} levels deep, more than {MAX_NESTING}",
                      "flatten it: no definition needs that many levels")
    return None


def read_ahead(text: str) -> tuple[int, int, str]:
    """How many characters the converter reads ahead in ``text`` (an upper bound), where the
    first construct that reads to the end of its paragraph is, and what it is. Each kind is
    counted only when its signs are so many that, each reading to the end, they could exceed
    :data:`MAX_READ_AHEAD`: for most texts, none is."""
    total, unclosed = 0, []
    if "`" in text and text.count("`") * len(text) > MAX_READ_AHEAD:
        reads, missing = _backtick_reads(text)
        total += reads
        unclosed.append((missing, "backtick runs (or their tails) never closed by a run of "
                                  "the same length"))
    if "<" in text and text.count("<") * len(text) > MAX_READ_AHEAD:
        reads, missing = _tag_reads(text)  # the HTML parser reads the whole field
        total += reads
        unclosed.append((missing, "'<' never closed with '>'"))
    if "[" in text and text.count("[") * len(text) > MAX_READ_AHEAD:
        start = 0
        for end in [m.start() for m in _PARAGRAPH_BREAK.finditer(text)] + [len(text)]:
            for reads, missing, what in (_bracket_reads(text, start, end), _link_reads(text, start, end)):
                total += reads
                unclosed.append((missing, what))
            start = end
    counted = [(len(missing), missing[0], what) for missing, what in unclosed if missing]
    if not counted:
        return total, 0, "nothing is left open"
    count, first, what = max(counted)
    return total, first, f"{count:,} {what}"


def _backtick_reads(text: str) -> tuple[int, list[int]]:
    """A code span starts at any backtick of a run and reads ahead to a run of exactly as
    many backticks (or to the end)."""
    runs = [(m.start(), m.end() - m.start()) for m in _BACKTICKS.finditer(text)]
    reads, missing = 0, []
    next_of_length: dict[int, int] = {}
    for start, length in reversed(runs):
        never_closed = False
        for shorter in range(1, length + 1):
            closing = next_of_length.get(shorter)
            reads += (closing if closing is not None else len(text)) - start
            never_closed |= closing is None
        if never_closed:
            missing.append(start)
        next_of_length[length] = start
    missing.reverse()
    return reads, missing


def _tag_reads(text: str) -> tuple[int, list[int]]:
    """A tag reads ahead to its '>', or past it when a quote opens an attribute value."""
    reads, missing = 0, []
    for match in _TAG_START.finditer(text):
        start = match.start()
        close = text.find(">", start)
        if close < 0 or '"' in text[start:close] or "'" in text[start:close]:
            close = len(text)
            missing.append(start)
        reads += close - start
    return reads, missing


def _bracket_reads(text: str, start: int, end: int) -> tuple[int, list[int], str]:
    """Each '[' reads ahead to its matching ']', counting nested pairs (getText)."""
    reads, open_at = 0, []
    for match in _BRACKET.finditer(text, start, end):
        if match.group() == "[":
            open_at.append(match.start())
        elif open_at:
            reads += match.start() - open_at.pop()
    reads += sum(end - position for position in open_at)
    return reads, open_at, "'[' never closed with ']'"


def _link_reads(text: str, start: int, end: int) -> tuple[int, list[int], str]:
    """Each '](' reads ahead to its matching ')' (getLink); a quote may hide the ')' from it."""
    if "](" not in text[start:end]:
        return 0, [], ""
    closing: dict[int, int] = {}
    open_at: list[int] = []
    for match in _PAREN.finditer(text, start, end):
        if match.group() == "(":
            open_at.append(match.start())
        elif open_at:
            closing[open_at.pop()] = match.start()
    reads, missing = 0, []
    position = text.find("](", start, end)
    while position >= 0:
        opening = position + 1
        close = closing.get(opening)
        if close is None or '"' in text[opening:close] or "'" in text[opening:close]:
            close = end
            missing.append(position)
        reads += close - opening
        position = text.find("](", opening, end)
    return reads, missing, "'](' never closed with ')'"


def nesting(text: str) -> tuple[int, int, str]:
    """An upper bound on how deep the elements of ``text`` nest once converted, where the
    deepest part starts, and what it is. Code is counted as if it were Markdown: a fence
    that is never closed is no code block to Python-Markdown, so leaving out what looks like
    code could leave out what nests."""
    blocks, blocks_at, line_start = 0, 0, 0
    for line in text.split("\n"):
        if line[:1] in _OPENS_A_LEVEL and (match := _BLOCK_START.match(line)):
            prefix = match.group()
            indent = prefix[:len(prefix) - len(prefix.lstrip(" \t"))]
            depth = len(_BLOCK_MARKER.findall(prefix)) + len(indent.expandtabs(4)) // 4
            if depth > blocks:
                blocks, blocks_at = depth, line_start
        line_start += len(line) + 1
    run, run_at = 0, 0
    for character, runs in _EMPHASIS_RUNS.items():
        if character * 2 in text:  # a single one is counted below, once for all
            for match in runs.finditer(text):
                if match.end() - match.start() > run:
                    run, run_at = match.end() - match.start(), match.start()
    # Brackets nest no deeper than there are of them; counted one by one only when that
    # could pass the limit.
    brackets, brackets_at = text.count("["), text.find("[")
    if 3 * blocks + run + brackets + 1 + len(_EMPHASIS_CHARACTERS) > MAX_NESTING:
        brackets, depth = 0, 0
        for match in _BRACKET.finditer(text):
            depth = depth + 1 if match.group() == "[" else max(depth - 1, 0)
            if depth > brackets:
                brackets, brackets_at = depth, match.start()
    parts = [(3 * blocks, blocks_at, f"lists, quotes and indented blocks nest {blocks:,} levels"),
             (run, run_at, f"a run of {run:,} emphasis characters"),
             (brackets, brackets_at, f"'[' nest {brackets:,} deep")]
    # Each emphasis character can open one level of its own around everything else.
    total = sum(depth for depth, _, _ in parts) + 1 + len(_EMPHASIS_CHARACTERS)
    _, offset, what = max(parts)
    return total, offset, what

