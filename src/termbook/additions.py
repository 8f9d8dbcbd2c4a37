"""What termbook adds to pages once they are converted, the same way for every front end.

- **"Mentioned in"**, on each term page that some page mentions: which pages mention a term
  is known only once every page has been converted (the linker records it,
  :class:`termbook.linking.PageLinks`), so the section is made here as HTML
  (:func:`mentioned_in_section`) and put into the term page's converted HTML before its
  sources (:func:`add_mentioned_in`), its heading in the site's language; the front end adds
  :func:`mentioned_in_toc` to the page's table of contents.
- **The head data** (JSON-LD, links to the data files) of generated pages
  (:func:`termbook.export.head_html`), put at the end of the finished page's head
  (:func:`add_to_head`).

MkDocs' front end does both in its page events; Zensical's does the first in the Markdown
extension (:mod:`termbook_zensical.extension`) and the second on the built pages.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from .layout import MENTIONED_IN_ID, SOURCES_CLASS
from .messages import Messages
from .model import sort_key

# Where a term page's sources start (the citation block of termbook.render, as HTML).
_SOURCES_BLOCK = f'<div class="{SOURCES_CLASS}">'
#: The anchor of the item of a page's table of contents that "Mentioned in" goes before.
SOURCES_ID = "sources"


def mentioned_in_toc(messages: Messages) -> tuple[str, str, int]:
    """The entry of "Mentioned in" in a page's table of contents: (title, in the site's
    language; anchor; level), placed before the item whose anchor is :data:`SOURCES_ID`, or
    last."""
    return messages("mentioned_in"), MENTIONED_IN_ID, 2


def mentioned_in_section(pages: Iterable[tuple[str, str]], messages: Messages, *,
                         permalink: str | None = None) -> str:
    """The "Mentioned in" section listing ``pages``, (plain-text title, URL) pairs, A–Z, its
    heading in the site's language (``messages``); ``permalink`` is the text of the heading's
    permanent link, as the ``toc`` extension's ``permalink`` option gives it (``True`` is
    "&para;"), when the site has one."""
    rows = sorted({(sort_key(title), title, url) for title, url in pages})
    anchor = (f'<a class="headerlink" href="#{MENTIONED_IN_ID}" '
              f'title="{html.escape(messages("permanent_link"))}">{permalink}</a>' if permalink else "")
    items = "".join(f'<li><a href="{html.escape(url)}">{html.escape(title)}</a></li>'
                    for _, title, url in rows)
    return (f'<div class="tb-mentions">\n<h2 id="{MENTIONED_IN_ID}">'
            f'{html.escape(messages("mentioned_in"))}{anchor}</h2>\n<ul>{items}</ul>\n</div>\n')


def permalink_text(toc_options: dict[str, object]) -> str | None:
    """The permanent link's text the ``toc`` extension's options give headings, if any."""
    permalink = toc_options.get("permalink")
    return "&para;" if permalink is True else (str(permalink) if permalink else None)


def add_mentioned_in(content: str, section: str) -> str:
    """A term page's HTML with ``section`` (:func:`mentioned_in_section`) before its sources."""
    before, marker, after = content.partition(_SOURCES_BLOCK)
    return before + section + marker + after if marker else content + section


def add_to_head(page: str, head: str) -> str:
    """A finished page (a whole HTML document) with ``head`` at the end of its head."""
    return page.replace("</head>", head + "</head>", 1)
