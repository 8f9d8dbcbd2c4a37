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
import urllib.parse

import markdown

#: Attributes Markdown itself writes. Anything else (``onclick``, ``style``, ``srcdoc`` ...)
#: can only come from an attribute list a contributor typed.
ALLOWED_ATTRIBUTES = frozenset({"href", "src", "alt", "title", "id", "class"})
#: Link schemes a reader can follow safely; "" is a relative link or an anchor.
SAFE_SCHEMES = frozenset({"", "http", "https", "mailto"})
# Raw HTML needs "<", links "](" or "]:", attribute lists "{": text without them renders to
# plain paragraphs, so most fields skip the Markdown pass entirely.
_MAY_NEED_A_LOOK = ("<", "](", "]:", "{")


@dataclasses.dataclass(frozen=True)
class Unsafe:
    offset: int  # where in the field the problem starts (best effort), for the line number
    rule: str
    message: str
    hint: str


@functools.cache
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "footnotes",
                                         "abbr", "admonition", "def_list"])


def unsafe_markdown(text: str) -> list[Unsafe]:
    """Everything in ``text`` that must not reach a page, in the order it appears."""
    if not any(sign in text for sign in _MAY_NEED_A_LOOK):  # (faster than a pattern)
        return []
    md = _markdown()
    md.reset()
    rendered = md.convert(text)
    raw_html = [Unsafe(_offset(text, block), "raw-html",
                       f"raw HTML is not allowed: {_clip(block)}",
                       "write it in Markdown; HTML in an entry could run script or break the page")
                for block in md.htmlStash.rawHtmlBlocks
                if block.lstrip().startswith("<") and not block.lstrip().startswith("</")]
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
        elif name in ("href", "src") and _scheme(value) not in SAFE_SCHEMES:
            found.append(Unsafe(_offset(text, value.split(":")[0]), "unsafe-url",
                                f"'{_clip(value)}' is not an http(s) link",
                                "link to an http:// or https:// address"))
    return found


def _scheme(url: str) -> str:
    # urlsplit drops the tabs and newlines a browser would also ignore inside "java\tscript:".
    return urllib.parse.urlsplit(url.strip()).scheme.lower()


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
