"""Backlinks: the "Mentioned in" section of a term page, listing the pages that mention it.

Which pages mention a term is known only once every page has been converted (the linker
records it, :class:`termbook.linking.PageLinks`); a front end collects that and hands the
list to :func:`add_mentioned_in` for each term page's finished HTML.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Iterable

from .layout import MENTIONED_IN_ID, SOURCES_CLASS
from .model import sort_key

# Where a term page's sources start (the citation block of termbook.render, as HTML).
_SOURCES_BLOCK = f'<div class="{SOURCES_CLASS}">'


def add_mentioned_in(content: str, pages: Iterable[tuple[str, str]], *,
                     permalink: str | None = None, heading: str = "Mentioned in",
                     permalink_title: str = "Permanent link") -> str:
    """A term page's HTML with a "Mentioned in" section (``heading``, in the site's language)
    listing ``pages`` ((title, URL) pairs; titles are HTML, as MkDocs gives them), placed
    before the sources."""
    rows = sorted({(*_plain_title(title), url) for title, url in pages})
    anchor = (f'<a class="headerlink" href="#{MENTIONED_IN_ID}" '
              f'title="{html.escape(permalink_title)}">{permalink}</a>' if permalink else "")
    items = "".join(f'<li><a href="{html.escape(url)}">{html.escape(title)}</a></li>'
                    for _, title, url in rows)
    section = (f'<div class="tb-mentions">\n<h2 id="{MENTIONED_IN_ID}">'
               f'{html.escape(heading)}{anchor}</h2>\n<ul>{items}</ul>\n</div>\n')
    before, marker, after = content.partition(_SOURCES_BLOCK)
    return before + section + marker + after if marker else content + section


@functools.lru_cache(maxsize=None)  # the same titles are listed on many term pages
def _plain_title(title: str) -> tuple[str, str]:
    """A page title (HTML) as its A–Z sort key and its plain text."""
    plain = html.unescape(title)
    return sort_key(plain), plain
