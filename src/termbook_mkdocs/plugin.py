"""MkDocs plugin: adds the pages and files termbook generates to the site, in memory.

An adapter only: the engine (:func:`termbook.check`, :func:`termbook.generate`,
:mod:`termbook.linking`) does the work; this class hands its output to MkDocs' events.
Nothing is written into ``docs/``, ``glossary/`` or ``seeds/``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import termbook
from termbook.export import Publication, inputs_digest
from termbook.findings import ERROR, errors_in
from termbook.layout import GLOSSARY_DIR
from termbook.linking import Linker, LinkerExtension
from termbook.read import display_path

from .backlinks import Backlinks
from .config import TermbookConfig
from .generated import add_output, name_sections, register_assets
from .pages import GeneratedPage, SharedConverter

if TYPE_CHECKING:  # only `mkdocs serve` loads the live-reload server: a build need not import it
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)


class TermbookPlugin(BasePlugin[TermbookConfig]):
    def __init__(self) -> None:
        self.project_dir = Path.cwd()
        self.hosted_directory_urls = True  # the URL style mkdocs.yml gives the hosted site
        self.head_html: Mapping[str, str] = {}  # HTML for the head of generated pages, by docs path
        self.not_linked: set[str] = set()  # docs paths of pages whose mentions are not linked
        self.backlinks = Backlinks()

    def _dirs(self) -> list[Path]:
        """The folders of entries: the glossary's, and the articles' when the site has them."""
        articles = self.glossary.taxonomy.articles
        return [self.project_dir / self.config.glossary_dir,
                *([self.project_dir / articles.dir] if articles else [])]

    # Before other plugins' on_config, to see the URL style as configured (see on_files).
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.project_dir = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.hosted_directory_urls = config.use_directory_urls
        glossary, findings = termbook.check(self.project_dir / self.config.glossary_dir,
                                            root=self.project_dir,
                                            config=self.project_dir / self.config.config_file,
                                            cache=termbook.ReadCache.for_project(self.project_dir)
                                            if self.config.cache else None)
        for finding in findings:
            (log.error if finding.severity == ERROR else log.info)(str(finding))
        if glossary is None:
            raise PluginError(f"termbook: {len(errors_in(findings))} problem(s) in the glossary data; "
                              "fix them (see the lines above) and build again")
        self.glossary = glossary
        register_assets(config)
        # One Markdown extension links every page; on_page_markdown tells it which page.
        self.linker = Linker(glossary, mode=self.config.link_mentions)
        self.links: LinkerExtension = self.linker.extension()
        config.markdown_extensions.append(self.links)
        self.backlinks = Backlinks()
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # Absolute addresses name the hosted pages, so they keep the configured URL style even
        # in a build that changes it (Material's offline plugin turns directory URLs off for
        # reading from file://): a term keeps one identifier. Relative addresses must lead to
        # the files of this build.
        directory_urls = self.hosted_directory_urls if config.site_url else config.use_directory_urls
        publication = Publication(
            title=config.site_name, inputs_digest=inputs_digest(self.project_dir, self._dirs()),
            site_url=config.site_url or None, directory_urls=directory_urls,
            language=config.theme.get("language") or "en", licence=self.config.licence)
        output = termbook.generate(self.glossary, publication)
        self.converter = SharedConverter()  # one per build: the Markdown extensions may change
        add_output(files, config, output, self.converter)
        self.not_linked = {page.path for page in output.pages if not page.link_mentions}
        self.head_html = output.head_html
        self.backlinks.messages = output.messages
        return files

    def on_nav(self, nav, /, *, config: MkDocsConfig, files: Files):
        if config.nav is None:  # made from the folders: name termbook's in the site's language
            name_sections(nav, self.backlinks.messages)
        return nav

    def on_env(self, env, /, *, config: MkDocsConfig, files: Files):
        """MkDocs has converted every page when it sets up the templates, before it writes
        any: the linker's tables of labels are not needed for the rest of the build, and the
        last page converted can be held like the others (see GeneratedPage)."""
        self.linker.release()
        self.converter.hold_last_converted()
        return env

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        """Tell the linker which page it converts next: links are relative to it, and a term
        page never links its own term."""
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
        found, self.links.page = self.links.page, None
        if found is None:
            return html
        self.backlinks.record(page, found.mentioned)
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
        term_id = self.linker.term_at(page.file.src_uri)
        if term_id:
            self.backlinks.add_to(page, term_id, config)
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Add the page's structured data (JSON-LD) to the head of generated pages."""
        if isinstance(page, GeneratedPage):
            page.written()
        extra = self.head_html.get(page.file.src_uri)
        return output.replace("</head>", extra + "</head>", 1) if extra else output

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        for watched in [*self._dirs(), self.project_dir / self.config.config_file]:
            if watched.exists():
                server.watch(str(watched))
        return server

