"""MkDocs plugin: adds the pages and files termbook generates to the site, in memory.

An adapter only: the engine (:func:`termbook.check`, :func:`termbook.generate`,
:mod:`termbook.linking`, :mod:`termbook.additions`) does the work; this class hands its
output to MkDocs' events. Nothing is written into ``docs/``, ``glossary/`` or ``seeds/``."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

import termbook
from termbook.additions import add_to_head
from termbook.findings import ERROR
from termbook.pipeline import check_in_process

from . import generated
from .backlinks import Backlinks
from .config import TermbookConfig
from .nav import arrange
from .pages import GeneratedPage, SharedConverter
from .preview import CleanBuild, DirtyPreview, documentation_pages

if TYPE_CHECKING:  # only `mkdocs serve` loads the live-reload server: a build need not import it
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)


class TermbookPlugin(BasePlugin[TermbookConfig]):
    def __init__(self) -> None:
        self.not_linked: set[str] = set()  # docs paths of pages whose mentions are not linked
        self.preview = CleanBuild()  # a DirtyPreview under `mkdocs serve --dirty`

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Under ``mkdocs serve --dirty``, keep each build for the next to compare with (see
        :mod:`termbook_mkdocs.preview`); defining this event has MkDocs keep the plugin between builds."""
        self.preview = DirtyPreview() if command == "serve" and dirty else CleanBuild()

    def on_shutdown(self) -> None:
        self.preview = CleanBuild()

    @event_priority(50)  # before other plugins' on_config, to see the URL style as configured (see on_files)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.hosted_directory_urls = config.use_directory_urls  # the URL style of the hosted site
        project = generated.project_of(config, self.config)
        glossary, findings = check_in_process(project, last_run=self.preview.last_run)
        for finding in findings:
            (log.error if finding.severity == ERROR else log.info)(str(finding))
        project = replace(project, cache=None)  # the cache's data, saved, is not needed again
        self.glossary, self.project = self.preview.checked(glossary, project, findings)
        generated.register_assets(config)
        # One Markdown extension links every page; on_page_markdown tells it which page.
        self.linker, self.links = generated.add_linker(config, self.glossary, self.config.link_mentions)
        return config

    def _add_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        output = self.output = termbook.generate(self.glossary, generated.publication(
            config, self.project, self.hosted_directory_urls, self.config.licence),
            last_run=self.preview.last_run)
        self.converter = SharedConverter()  # one per build: the Markdown extensions may change
        self.added = generated.add_output(files, config, output, self.project, self.converter)
        self.not_linked = {page.path for page in output.pages if not page.link_mentions}
        self.backlinks = Backlinks(output.messages)
        self.preview.files_added(files, self.added, output, config, self.project, self.config.link_mentions)
        return files

    # A plugin may rebuild the site's files from docs/, as static-i18n does as the last of
    # them (-100): termbook's files, which are not in docs/, are set aside while it runs.
    @event_priority(-99)
    def _set_files_aside(self, files: Files, *, config: MkDocsConfig) -> Files:
        return generated.set_aside(files, self.added)

    @event_priority(-110)
    def _put_files_back(self, files: Files, *, config: MkDocsConfig) -> Files:
        return generated.put_back(files, self.added)

    on_files = CombinedEvent(_add_files, _set_files_aside, _put_files_back)

    @event_priority(10)  # before the plugins that read the navigation's pages
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = arrange(nav, files, self.glossary, self.backlinks.messages,
                           from_folders=config.nav is None, term_pages=self.config.term_pages_in_nav)
        return self.nav

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        """Pages are converted before the templates are set up: arrange "Mentioned in" (a dirty preview first
        converts the pages a change reaches), release the linker's tables, hold the last page converted."""
        pages = documentation_pages(files)
        self.backlinks.arrange(pages, self.preview.before_writing(pages, config, files, self.nav))
        self.linker.release()
        self.converter.hold_last_converted()
        return env

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Tell the linker which page it converts next (links are relative to it, a term page never
        links its own term); write out the lists of events and the charts a hand-written page embeds."""
        path = page.file.src_uri
        self.links.page = self.linker.page(path, auto_link=path not in self.not_linked,
                                           term_url=generated.term_url(page, config))
        if page.file.generated_by is None:  # a hand-written page: its lists of events, charts
            markdown, findings = generated.embeds_written_out(markdown, page, self.output, self.project.root)
            for finding in findings:
                log.warning(str(finding))
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Note which terms the page mentions; warn about explicit links to unknown terms."""
        found, self.links.page = self.links.page, None
        if found is not None:
            self.backlinks.record(page, found.mentioned)
            self.preview.converted(page, found.mentioned)
            for finding in generated.unknown_links(self.linker, found, page, self.project.root):
                log.warning(str(finding))
        return html

    @event_priority(-100)  # after the search plugin has indexed the page: see the docstring
    def on_page_context(self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        """Add "Mentioned in" to a term page, every mention known by now; after the search plugin, so that
        this list of titles stays out of the search index (a heading would start a search section)."""
        term_id = self.linker.term_at(page.file.src_uri)
        if term_id:
            self.backlinks.add_to(page, term_id, config)
        self.preview.indexed(page, config)
        return context

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.preview.finish(config)

    def on_build_error(self, *, error: Exception) -> None:
        self.preview.failed()

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Add head data (JSON-LD) to generated pages; hold a generated page's HTML again, compressed."""
        if isinstance(page, GeneratedPage):
            page.hold()
        head = self.output.head_html.get(page.file.src_uri)
        return add_to_head(output, head) if head else output

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer:
        generated.watch_inputs(server, self.project)
        return server
