""""Mentioned in" on term pages: which pages mention each term, collected as MkDocs converts
them, and added to each term page once every page is converted.

The section itself is made and placed by the engine (:mod:`termbook.additions`), as for
Zensical; this module knows MkDocs' pages and URLs.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from termbook.additions import (
    SOURCES_ID,
    add_mentioned_in,
    mentioned_in_section,
    mentioned_in_toc,
    permalink_text,
)
from termbook.messages import Messages

from .toc import add_to_toc


class Backlinks:
    """The pages that mention each term, for one build."""

    def __init__(self, messages: Messages) -> None:
        self.messages = messages  # the site's labels, in its language
        self.mentions: dict[str, set[str]] = {}  # docs path -> the terms its page mentions
        self.mentioned_in: dict[str, list[Page]] = {}  # term id -> pages that mention it
        self.url_from_term_pages: dict[str, str] = {}  # docs path -> its URL from a term page

    def record(self, page: Page, term_ids: set[str]) -> None:
        self.mentions[page.file.src_uri] = term_ids

    def arrange(self, pages: Iterable[Page], mentions: Mapping[str, Iterable[str]] | None = None) -> None:
        """Once every page is converted: list the pages that mention each term in the order
        of ``pages`` (the order MkDocs converts them in), from what each page mentions (by
        default, what :meth:`record` noted). What each page mentions is let go once arranged:
        nothing reads it again, and at 10,000 terms it is about 7 MB that the build would hold
        to its end."""
        mentions = self.mentions if mentions is None else mentions
        for page in pages:
            for term_id in mentions.get(page.file.src_uri, ()):
                self.mentioned_in.setdefault(term_id, []).append(page)
        self.mentions = {}

    def add_to(self, page: Page, term_id: str, config: MkDocsConfig) -> None:
        """Add the "Mentioned in" section to the term page ``page`` (converted, with its
        content and table of contents), when any page mentions its term."""
        pages = self.mentioned_in.get(term_id)
        if not pages or page.content is None:
            return
        # MkDocs' titles are HTML; the section takes plain text.
        listed = [(html.unescape(p.title) if p.title else p.file.src_uri,
                   self._url_from_term_page(p.file, page.file)) for p in pages]
        section = mentioned_in_section(listed, self.messages,
                                       permalink=permalink_text(config.mdx_configs.get("toc", {})))
        page.content = add_mentioned_in(page.content, section)
        add_to_toc(page.toc, AnchorLink(*mentioned_in_toc(self.messages)), before=SOURCES_ID)

    def _url_from_term_page(self, target: File, term_page: File) -> str:
        """The URL of ``target`` relative to a term page's. Term pages are all at
        ``glossary/<id>/`` (or ``glossary/<id>.html``), so it is the same from each of them,
        unless ``target`` lies under that page's own URL; a glossary's thousands of "Mentioned
        in" lists name the same pages again and again."""
        if target.url.startswith(term_page.url):
            return target.url_relative_to(term_page)
        url = self.url_from_term_pages.get(target.src_uri)
        if url is None:
            url = self.url_from_term_pages[target.src_uri] = target.url_relative_to(term_page)
        return url
