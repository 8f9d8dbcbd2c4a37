"""MkDocs plugin: adds the pages termbook generates to the site, in memory.

All the work happens in the ``termbook`` engine; this class only connects it to MkDocs'
events. Nothing is written into ``docs/``, ``glossary/`` or ``seeds/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import get_relative_url

import termbook
from termbook.export import EXPORT_PATHS, HeadHtml, Publication, inputs_digest, write_exports
from termbook.findings import ERROR, errors_in
from termbook.linker import (MENTIONED_IN_ID, MODES, TOOLTIP_DATA_PATH, Linker, LinkerExtension,
                             add_mentioned_in, tooltip_data)
from termbook.load import display_path
from termbook.render import ASSETS, EARLY_SCRIPTS, GLOSSARY_DIR, assets, render_pages

from .pages import GeneratedPage, RenderedFile, SharedConverter

if TYPE_CHECKING:  # only `mkdocs serve` loads the live-reload server: a build need not import it
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)


class TermbookConfig(base.Config):
    glossary_dir = c.Type(str, default="glossary")
    """Folder of glossary entries (one ``<id>.yaml`` per term), relative to mkdocs.yml."""
    seeds_dir = c.Type(str, default="seeds")
    """Folder of article summaries (one ``<id>.yaml`` per article), relative to mkdocs.yml."""
    licence = c.Optional(c.Type(str))
    """Address of the licence of the glossary text, stated in the published data files."""
    link_mentions = c.Choice(MODES, default="first")
    """Which mentions of a term become links on a page: the first, all, or none (explicit
    ``[[id]]`` links always do)."""


class TermbookPlugin(BasePlugin[TermbookConfig]):
    def __init__(self) -> None:
        self.glossary: termbook.Glossary | None = None
        self.project_dir = Path.cwd()
        self.inputs_digest = ""
        self.head_html: HeadHtml | None = None  # HTML for the head of generated pages
        self.hosted_directory_urls = True  # the URL style mkdocs.yml gives the hosted site
        self.linker: Linker | None = None
        self.links: LinkerExtension | None = None
        self.not_linked: set[str] = set()  # docs paths of pages whose mentions are not linked
        self.mentioned_in: dict[str, list[Page]] = {}  # term id -> pages that mention it
        self.url_from_term_pages: dict[str, str] = {}  # docs path -> its URL from a term page

    def _dir(self, name: str) -> Path:
        return self.project_dir / name

    # Before other plugins' on_config, to see the URL style as configured (see on_files).
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.project_dir = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.hosted_directory_urls = config.use_directory_urls
        glossary, findings = termbook.check(self._dir(self.config.glossary_dir),
                                            self._dir(self.config.seeds_dir),
                                            root=self.project_dir)
        for finding in findings:
            (log.error if finding.severity == ERROR else log.info)(str(finding))
        if glossary is None:
            raise PluginError(f"termbook: {len(errors_in(findings))} problem(s) in the glossary data; "
                              "fix them (see the lines above) and build again")
        self.glossary = glossary
        self.inputs_digest = inputs_digest(self.project_dir, [self._dir(self.config.glossary_dir),
                                                              self._dir(self.config.seeds_dir)])
        # Material loads extra.polyfills in the head, before its own scripts, and the offline
        # plugin lists the iframe-worker shim there; early scripts go after anything listed.
        polyfills = config.extra.setdefault("polyfills", [])
        for path in ASSETS:
            if path in EARLY_SCRIPTS:
                if path not in polyfills:
                    polyfills.append(path)
            elif path.endswith(".css") and path not in config.extra_css:
                config.extra_css.append(path)
            elif path.endswith(".js") and path not in map(str, config.extra_javascript):
                config.extra_javascript.append(path)
        # One Markdown extension links every page; on_page_markdown tells it which page.
        self.linker = Linker(glossary, mode=self.config.link_mentions)
        self.links = self.linker.extension()
        config.markdown_extensions.append(self.links)
        self.mentioned_in, self.not_linked, self.url_from_term_pages = {}, set(), {}
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.glossary is not None
        converter = SharedConverter()  # one per build: the Markdown extensions may change
        for page in render_pages(self.glossary):
            _refuse_hand_written(files, config, page.path, "page")
            if not page.link_mentions:
                self.not_linked.add(page.path)
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = RenderedFile.rendered(config, page.path, page.render, inclusion=inclusion)
            files.append(file)
            # Pages in the navigation get their Page, and its title, from the navigation.
            if not page.in_nav:
                GeneratedPage(file, config, converter)
        for path, content in assets().items():
            files.append(File.generated(config, path, content=content))
        _refuse_hand_written(files, config, TOOLTIP_DATA_PATH, "file")
        files.append(File.generated(config, TOOLTIP_DATA_PATH, content=tooltip_data(self.glossary)))
        # Absolute addresses name the hosted pages, so they keep the configured URL style even
        # in a build that changes it (Material's offline plugin turns directory URLs off for
        # reading from file://): a term keeps one identifier. Relative addresses must lead to
        # the files of this build.
        directory_urls = self.hosted_directory_urls if config.site_url else config.use_directory_urls
        publication = Publication(
            title=config.site_name, inputs_digest=self.inputs_digest,
            site_url=config.site_url or None, directory_urls=directory_urls,
            language=config.theme.get("language") or "en", licence=self.config.licence)
        # Written straight into the site as they are made (MkDocs then leaves a file whose
        # source is its destination where it is): held in memory, they would be the largest
        # part of a large glossary's build.
        for path in EXPORT_PATHS:
            _refuse_hand_written(files, config, path, "file")
        site_dir = Path(config.site_dir)
        write_exports(self.glossary, publication, site_dir)
        for path in EXPORT_PATHS:
            files.append(File.generated(config, path, abs_src_path=str(site_dir / path)))
        self.head_html = HeadHtml(self.glossary, publication)
        return files

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Add the page's structured data (JSON-LD) to the head of generated pages."""
        if isinstance(page, GeneratedPage):
            page.written()
        extra = self.head_html.of(page.file.src_uri) if self.head_html else None
        return output.replace("</head>", extra + "</head>", 1) if extra else output

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        """Tell the linker which page it converts next: links are relative to it, and a term
        page never links its own term."""
        assert self.linker is not None and self.links is not None
        path = page.file.src_uri
        # Term pages are at glossary/<id>/ (or glossary/<id>.html): links get their final URL.
        to_glossary = get_relative_url(GLOSSARY_DIR + "/", page.file.url)
        term_url = ("" if to_glossary == "./" else to_glossary,
                    "/" if config.use_directory_urls else ".html")
        self.links.page = self.linker.page(path, auto_link=path not in self.not_linked,
                                           term_url=term_url)
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        """Note which terms the page mentions; warn about explicit links to unknown terms."""
        assert self.linker is not None and self.links is not None
        found, self.links.page = self.links.page, None
        if found is None:
            return html
        for term_id in found.mentioned:
            self.mentioned_in.setdefault(term_id, []).append(page)
        if found.unknown:
            source = Path(page.file.abs_src_path) if page.file.abs_src_path else None
            shown = display_path(source, self.project_dir) if source else page.file.src_uri
            for finding in self.linker.unknown_links(found, shown, page.file.content_string):
                log.warning(str(finding))
        return html

    @event_priority(-100)  # after the search plugin has indexed the page: see the docstring
    def on_page_context(self, context, /, *, page: Page, config: MkDocsConfig, nav):
        """Add "Mentioned in" to a term page. Every page has been converted by now, so every
        mention is known; running after the search plugin keeps this list of titles out of
        the search index (a heading would start a search section of its own)."""
        assert self.linker is not None
        pages = self.mentioned_in.get(self.linker.term_at(page.file.src_uri) or "")
        if pages and page.content is not None:
            permalink = config.mdx_configs.get("toc", {}).get("permalink")
            listed = [(p.title or p.file.src_uri, self._url_from_term_page(p.file, page.file))
                      for p in pages]
            page.content = add_mentioned_in(
                page.content, listed,
                permalink="&para;" if permalink is True else (permalink or None))
            _add_to_toc(page.toc, AnchorLink("Mentioned in", MENTIONED_IN_ID, 2), before="sources")
        return context

    def _url_from_term_page(self, target: File, term_page: File) -> str:
        """The URL of ``target`` relative to a term page's. Term pages are all at
        ``glossary/<id>/`` (or ``glossary/<id>.html``), so it is the same from each of them, unless
        ``target`` lies under that page's own URL; a glossary's thousands of "Mentioned in"
        lists name the same pages again and again."""
        if target.url.startswith(term_page.url):
            return target.url_relative_to(term_page)
        url = self.url_from_term_pages.get(target.src_uri)
        if url is None:
            url = self.url_from_term_pages[target.src_uri] = target.url_relative_to(term_page)
        return url

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        for name in (self.config.glossary_dir, self.config.seeds_dir):
            if self._dir(name).is_dir():
                server.watch(str(self._dir(name)))
        return server


def _refuse_hand_written(files: Files, config: MkDocsConfig, path: str, kind: str) -> None:
    """Stop the build when docs/ holds a file at a path termbook generates."""
    existing = files.get_file_from_path(path)
    if existing is not None and existing.generated_by is None:
        raise PluginError(f"{config.docs_dir}/{path}: this {kind} is generated by termbook from "
                          "the glossary; remove the hand-written file")


def _add_to_toc(toc: TableOfContents, entry: AnchorLink, *, before: str) -> None:
    """Put ``entry`` in the table of contents before the item with id ``before``, or last
    under the page's title when there is none."""
    def insert(items: list[AnchorLink]) -> bool:
        for index, item in enumerate(items):
            if item.id == before:
                entry.level = item.level
                items.insert(index, entry)
                return True
            if insert(item.children):
                return True
        return False

    if not insert(toc.items):
        (toc.items[0].children if toc.items else toc.items).append(entry)
