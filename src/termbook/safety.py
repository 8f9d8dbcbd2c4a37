"""Markdown fields come from pull requests and are rendered into the site: find what could
run script or carry markup of the contributor's own.

A field is rendered with Python-Markdown and the extensions that let Markdown emit raw HTML or
attributes (``md_in_html``, ``attr_list`` ...), and the result is inspected, so that what is
judged is what a browser would get, not a guess from the source text: entity-encoded schemes
(``java&#115;cript:``), reference-style links and attribute lists are all seen for what they are.
"""

from __future__ import annotations

import dataclasses
import functools
import html.parser
import re
from collections.abc import Mapping

import markdown

from . import urls
from .findings import Finding, field_name
from .markdown_bounds import costly_markdown
from .yamlfile import Location, text_line

#: Attributes Markdown itself writes. Anything else (``onclick``, ``style``, ``srcdoc`` ...)
#: can only come from an attribute list a contributor typed.
ALLOWED_ATTRIBUTES = frozenset({"href", "src", "alt", "title", "id", "class"})
# Raw HTML needs "<", links "](" or "]:", attribute lists "{": text without them renders to
# plain paragraphs, so most fields skip the Markdown pass entirely.
_MAY_NEED_A_LOOK = ("<", "](", "]:", "{")
# The opening line of a fenced code block with an attribute list ("```{.py data-x=y}"), which
# Python-Markdown's fenced_code and pymdownx.superfences both write onto the block's elements.
_FENCE_ATTRIBUTES = re.compile(r"^[ \t]*(?:`{3,}|~{3,})[^`\n]*\{.*$", re.MULTILINE)


@dataclasses.dataclass(frozen=True)
class Unsafe:
    offset: int  # where in the field the problem starts (best effort), for the line number
    rule: str
    message: str
    hint: str


@functools.cache
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "footnotes",
                                         "abbr", "admonition", "def_list", "fenced_code"])


def unsafe_markdown(text: str) -> list[Unsafe]:
    """Everything in ``text`` that must not reach a page, in the order it appears."""
    costly = costly_markdown(text)  # before anything converts it
    if costly:
        return [Unsafe(costly.offset, costly.rule, costly.message, costly.hint)]
    if not any(sign in text for sign in _MAY_NEED_A_LOOK):  # (faster than a pattern)
        return []
    fences = [Unsafe(match.start(), "unsafe-attribute",
                     f"a fenced code block may not have an attribute list: {_clip(match.group())}",
                     "write the language alone after the fence (```python), or nothing")
              for match in _FENCE_ATTRIBUTES.finditer(text)] if "{" in text else []
    if fences:  # the fix is to remove the list, whatever it holds
        return fences
    md = _markdown()
    md.reset()
    rendered = md.convert(text)
    raw_html = [Unsafe(_offset(text, block), "raw-html",
                       f"raw HTML is not allowed: {_clip(block)}",
                       "write it in Markdown; HTML here could run script or break the page")
                for block in md.htmlStash.rawHtmlBlocks  # (an Element there is an extension's)
                if isinstance(block, str)
                and block.lstrip().startswith("<") and not block.lstrip().startswith("</")]
    if raw_html:  # the fix is to remove the HTML, whatever its attributes hold
        return raw_html
    found = []
    inspector = _AttributeInspector()
    inspector.feed(rendered)
    for name, value in inspector.attributes:
        if name not in ALLOWED_ATTRIBUTES:
            found.append(Unsafe(_offset(text, name), "unsafe-attribute",
                                f"the attribute '{name}' is not allowed",
                                "remove the {...} attribute list"))
        elif name in ("href", "src"):
            problem = link_problem(value)
            if problem:
                found.append(Unsafe(_offset(text, value.split(":")[0]), "unsafe-url",
                                    f"the link '{_clip(value)}' {problem[0]}", problem[1]))
    return found


def markdown_findings(display: str, text: str, location: Location,
                      lines: Mapping[Location, int]) -> list[Finding]:
    """A finding for everything :func:`unsafe_markdown` finds in ``text``, the Markdown field
    at ``location`` of the file shown as ``display`` (whose lines are ``lines``)."""
    unsafe = unsafe_markdown(text)
    first_line = text_line(lines, location, text) if unsafe else 0
    return [Finding(display, first_line + text[: u.offset].count("\n"), field_name(location),
                    u.message, u.hint, u.rule) for u in unsafe]


def link_problem(address: str) -> tuple[str, str] | None:
    """What is wrong with a link's address in a Markdown field, as Python-Markdown wrote it
    (character references decoded): it must be an http(s) address (:func:`termbook.urls.problem`)
    or an anchor on the same page ("#fn:1", as footnotes write)."""
    return urls.problem("https://example.org/" + address if address.startswith("#") else address)


class _AttributeInspector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # attribute values arrive decoded
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [(name, value or "") for name, value in attrs]


def _offset(text: str, snippet: str) -> int:
    first_line = snippet.strip().splitlines()[0] if snippet.strip() else ""
    position = text.find(first_line) if first_line else -1
    return max(position, 0)


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
