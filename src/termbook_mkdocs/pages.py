"""Pages termbook generates, converted by one Markdown converter per build.

MkDocs builds a new Python-Markdown converter for every page it renders, loading every
configured extension each time: about 2 ms a page, a tenth of the time Markdown takes on a
site of short pages such as a glossary's. Python-Markdown's converters are made to be reused
(``Markdown.reset`` between documents), so :class:`GeneratedPage` renders with one converter
that :class:`SharedConverter` keeps for the whole build; hand-written pages keep MkDocs' own
rendering.

:meth:`SharedConverter.render` does what ``mkdocs.structure.pages.Page.render`` (MkDocs
1.6.1, the last 1.x release) does, with the same per-page processors: those record what the
page holds (its title, its anchors, the anchors it links to) and turn ``.md`` links into
URLs, so they are registered afresh for each page, replacing the previous page's. The tests
build the site both ways and compare every page (``tests/test_linking.py``).
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Callable

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import (
    Page,
    _ExtractAnchorsTreeprocessor,
    _ExtractTitleTreeprocessor,
    _RawHTMLPreprocessor,
    _RelativePathTreeprocessor,
)
from mkdocs.structure.pages import log as pages_log
from mkdocs.structure.toc import get_toc
from mkdocs.utils import meta


class SharedConverter:
    """One Python-Markdown converter with the site's extensions, made on first use; it also
    knows which page it converted last, to hold that page's HTML once MkDocs is done with it
    (see :class:`GeneratedPage`)."""

    def __init__(self) -> None:
        self._markdown: markdown.Markdown | None = None
        self._last_converted: GeneratedPage | None = None

    def render(self, page: GeneratedPage, config: MkDocsConfig, files: Files) -> None:
        """Convert ``page.markdown`` as ``Page.render`` does, setting the same attributes."""
        # MkDocs finishes converting a page (on_page_content, storing its result) before it
        # reads the next one's source, and has no event in between: this is the first moment
        # the previous page's HTML is known to be final.
        self.hold_last_converted()
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        if self._markdown is None:
            self._markdown = markdown.Markdown(extensions=config["markdown_extensions"],
                                               extension_configs=config["mdx_configs"] or {})
        md = self._markdown.reset()
        raw_html = _RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = _ExtractAnchorsTreeprocessor(page.file, files, config)
        anchors._register(md)
        relative_paths = _RelativePathTreeprocessor(page.file, files, config)
        relative_paths._register(md)
        title = _ExtractTitleTreeprocessor()
        title._register(md)

        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = title.title
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if pages_log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative_paths.links_to_anchors
        self._last_converted = page

    def hold_last_converted(self) -> None:
        """Hold the HTML of the page converted last: the front end calls this once every page
        is converted, before any is written."""
        if self._last_converted is not None:
            self._last_converted.hold()
            self._last_converted = None


class GeneratedPage(Page):
    """A page termbook generates, rendered by the build's :class:`SharedConverter`.

    Once converted, the page keeps not its Markdown, which MkDocs would hold for every page
    until the end of the build (the largest part of a large glossary's memory): it is made
    again from the glossary if anything asks for it. Its HTML is held compressed (:meth:`hold`)
    whenever MkDocs is not working on it: between conversion and writing (MkDocs converts
    every page before it writes any), and again once the page is written. At 10,000 terms the
    HTML is tens of megabytes as text, and under half of that compressed. Reading
    :attr:`content` always gives the HTML, as for any MkDocs page: plugins that read it after
    the pages are written (print and PDF exporters, in ``on_post_build``) get every page.
    """

    def __init__(self, file: File, config: MkDocsConfig, converter: SharedConverter) -> None:
        self._markdown: str | None = None
        self._html: str | bytes | None = None  # bytes: held compressed
        super().__init__(None, file, config)
        self.converter = converter

    @property
    def content(self) -> str | None:
        if isinstance(self._html, bytes):
            self._html = zlib.decompress(self._html).decode("utf-8")
        return self._html

    @content.setter
    def content(self, value: str | None) -> None:
        self._html = value

    def hold(self) -> None:
        """Compress the page's HTML until it is next read."""
        if isinstance(self._html, str):
            self._html = zlib.compress(self._html.encode("utf-8"), 1)

    @property
    def markdown(self) -> str | None:
        if self._markdown is None and self._html is not None:  # converted
            return meta.get_data(self.file.content_string)[0]
        return self._markdown

    @markdown.setter
    def markdown(self, value: str | None) -> None:
        self._markdown = value

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.converter.render(self, config, files)
        # MkDocs works the title out from the Markdown whenever it is asked for: keep it.
        self.title = self.title
        self._markdown = None


class RenderedFile(File):
    """A generated page whose Markdown is made whenever MkDocs reads the file, and not kept.

    MkDocs keeps the Markdown it reads (``Page.markdown``, without the front matter) for the
    whole build; a file generated with its content would hold that content again, front
    matter and all, for every page. MkDocs reads a page's content through ``File._content``
    (the ``content_string`` and ``content_bytes`` properties, ``is_modified``), so that is
    where the content is made; setting content, as other plugins may, fixes it.
    """

    _render: Callable[[], str | bytes | None]
    changed = True
    """Whether a dirty build converts and writes the page (see :mod:`termbook_mkdocs.preview`);
    MkDocs asks only in a dirty build."""

    @classmethod
    def rendered(cls, config: MkDocsConfig, path: str, render: Callable[[], str], *,
                 inclusion: InclusionLevel) -> RenderedFile:
        file = cls.generated(config, path, content="", inclusion=inclusion)
        assert isinstance(file, RenderedFile)  # File.generated makes a `cls`, typed as a File
        file._render = render
        return file

    @property
    def _content(self) -> str | bytes | None:
        return self._render()

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:
        self._render = lambda: value

    def is_modified(self) -> bool:
        return self.changed
