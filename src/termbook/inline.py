"""Short definitions with inline markup: `code`, *emphasis* and **strong emphasis**, nothing else.

A short definition shows in tooltips, indexes, previews and the page description, so it is
read here as a list of :data:`Span` pieces rather than handed to a Markdown converter: the
pages get Markdown made from those pieces, each piece's text escaped (:func:`markdown`), the
page description and data files plain text (:func:`plain_text`), and the tooltip script the
pieces themselves (:func:`spans`), which it turns into elements with ``textContent``, never
into markup. Whatever else a short holds is text, shown as typed; and on a site whose
entries policy allows no markup in ``short`` (``markup: none``), all of it is.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

#: A piece of a short definition: its kind ("text", "code", "em" or "strong") and its text.
Span = tuple[str, str]
#: A code span (backticks around text that holds no run as long), strong emphasis, emphasis.
_INLINE = re.compile(r"(?P<tick>`+)(?P<code>.+?)(?<!`)(?P=tick)(?!`)"
                     r"|\*\*(?P<strong>[^*\s](?:[^*]*[^*\s])?)\*\*"
                     r"|(?<![\w*])\*(?P<em>[^*\s](?:[^*]*[^*\s])?)\*(?![\w*])"
                     r"|(?<!\w)_(?P<em2>[^_\s](?:[^_]*[^_\s])?)_(?!\w)")


@functools.lru_cache(maxsize=4096)
def parse(text: str, markup: str = "inline") -> tuple[Span, ...]:
    """The pieces of ``text`` (white space runs as one space); one piece of text when the
    site allows no ``markup``."""
    text = " ".join(text.split())
    if markup == "none":
        return (("text", text),)
    pieces: list[Span] = []
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            pieces.append(("text", text[position:match.start()]))
        kind = next(k for k in ("code", "strong", "em", "em2") if match.group(k) is not None)
        inner = match.group(kind)
        pieces.append(("em" if kind == "em2" else kind, inner.strip() if kind == "code" else inner))
        position = match.end()
    if position < len(text):
        pieces.append(("text", text[position:]))
    return tuple(pieces)


def plain_text(text: str, markup: str = "inline") -> str:
    """The text of a short definition without its markup (as written when it has none)."""
    pieces = parse(text, markup)
    return text if all(kind == "text" for kind, _ in pieces) else "".join(p for _, p in pieces)


def markdown(text: str, escape: Callable[[str], str], markup: str = "inline") -> str:
    """A short definition as Markdown that shows its code and emphasis and nothing else:
    every piece's text goes through ``escape`` (:func:`termbook.render.plain`), and code is
    fenced by a run of backticks longer than any it holds."""
    out = []
    for kind, piece in parse(text, markup):
        if kind == "code":
            fence = "`" * (max((len(run) for run in re.findall("`+", piece)), default=0) + 1)
            padding = " " if piece.startswith("`") or piece.endswith("`") else ""
            out.append(f"{fence}{padding}{piece}{padding}{fence}")
        elif kind == "text":
            # The escape function folds white space at the ends, which here is the space
            # between this text and the code or emphasis beside it.
            lead = " " if piece.startswith(" ") else ""
            trail = " " if piece.endswith(" ") and piece.strip() else ""
            out.append(lead + escape(piece) + trail)
        else:
            mark = "**" if kind == "strong" else "*"
            out.append(f"{mark}{escape(piece)}{mark}")
    return "".join(out)


def spans(text: str, markup: str = "inline") -> str | list[Span]:
    """What the tooltip script gets: the text itself when it has no markup, else its pieces."""
    pieces = parse(text, markup)
    return text if all(kind == "text" for kind, _ in pieces) else list(pieces)
