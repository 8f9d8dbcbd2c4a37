"""MkDocs plugin: adds the pages and files termbook generates to the site, in memory.

An adapter only: the engine (:func:`termbook.check`, :func:`termbook.generate`,
:mod:`termbook.linking`, :mod:`termbook.additions`) does the work; this class hands its
output to MkDocs' events. Nothing is written into ``docs/``, ``glossary/`` or ``seeds/``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

import termbook
from termbook.additions import add_to_head
from termbook.findings import ERROR, errors_in
from termbook.layout import term_path
from termbook.linking import Linker, LinkerExtension
from termbook.check import check_embeds
from termbook.read import display_path
from termbook.pipeline import check_in_process

from .backlinks import Backlinks
from .config import TermbookConfig
from .generated import (add_output, publication, put_back, register_assets, set_aside, term_url,
                        unknown_links)
from .nav import arrange
from .pages import GeneratedPage, SharedConverter
from .preview import DirtyPreview, documentation_pages, forget_previous_index, search_entries, site_key

if TYPE_CHECKING:  # only `mkdocs serve` loads the live-reload server: a build need not import it
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)


class TermbookPlugin(BasePlugin[TermbookConfig]):
    def __init__(self) -> None:
        self.hosted_directory_urls = True  # the URL style mkdocs.yml gives the hosted site
        self.head_html: Mapping[str, str] = {}  # HTML for the head of generated pages, by docs path
        self.not_linked: set[str] = set()  # docs paths of pages whose mentions are not linked
        self.preview: DirtyPreview | None = None  # under `mkdocs serve --dirty`

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Under ``mkdocs serve --dirty``, keep what each build made for the next to compare
        with (see :mod:`termbook_mkdocs.preview`). Defining this event also has MkDocs keep
        the plugin from one build of the preview to the next."""
        self.preview = DirtyPreview() if command == "serve" and dirty else None

    def on_shutdown(self) -> None:
        self.preview = None

    # Before other plugins' on_config, to see the URL style as configured (see on_files).
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.hosted_directory_urls = config.use_directory_urls
        project = termbook.Project.at(
            root, glossary_dir=root / self.config.glossary_dir, taxonomy_file=root / self.config.config_file,
            cache=termbook.ReadCache.for_project(root) if self.config.cache else None,
            site_language=config.theme.get("language"))
        glossary, findings = check_in_process(project)
        for finding in findings:
            (log.error if finding.severity == ERROR else log.info)(str(finding))
        problems = f"termbook: {len(errors_in(findings))} problem(s) in the glossary data"
        if glossary is None and self.preview is not None and self.preview.last is not None:
            # MkDocs' server holds every request while a build fails: the preview goes on
            # serving the pages of the last good data instead, with the problems shown.
            log.error(f"{problems}; the preview shows the glossary as it was before them until "
                      "they are fixed (see the lines above)")
            glossary, project = self.glossary, self.project
        elif glossary is None:
            raise PluginError(f"{problems}; fix them (see the lines above) and build again")
        self.project = replace(project, cache=None)  # the cache's data, saved, is not needed again
        self.glossary = glossary
        register_assets(config)
        # One Markdown extension links every page; on_page_markdown tells it which page.
        self.linker = Linker(glossary, mode=self.config.link_mentions)
        self.links: LinkerExtension = self.linker.extension()
        config.markdown_extensions.append(self.links)
        return config

    def _add_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        output = termbook.generate(self.glossary, publication(
            config, self.project, self.hosted_directory_urls, self.config.licence))
        self.converter = SharedConverter()  # one per build: the Markdown extensions may change
        self.added = add_output(files, config, output, self.project, self.converter)
        self.not_linked = {page.path for page in output.pages if not page.link_mentions}
        self.output = output
        self.head_html = output.head_html
        self.backlinks = Backlinks(output.messages)
        if self.preview is not None:
            pages = [file.src_uri for file in files.documentation_pages()]
            key = site_key(output, config, self.project.taxonomy_file, self.config.link_mentions, pages)
            self.preview.files_added(files, self.added, output, key)
        return files

    # A plugin may rebuild the site's files from docs/, as static-i18n does as the last of
    # them (-100): termbook's files, which are not in docs/, are set aside while it runs.
    @event_priority(-99)
    def _set_files_aside(self, files: Files, *, config: MkDocsConfig) -> Files:
        return set_aside(files, self.added)

    @event_priority(-110)
    def _put_files_back(self, files: Files, *, config: MkDocsConfig) -> Files:
        return put_back(files, self.added)

    on_files = CombinedEvent(_add_files, _set_files_aside, _put_files_back)

    @event_priority(10)  # before the plugins that read the navigation's pages
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = arrange(nav, files, self.glossary, self.backlinks.messages,
                           from_folders=config.nav is None, term_pages=self.config.term_pages_in_nav)
        return self.nav

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        """MkDocs has converted every page when it sets up the templates, before it writes
        any: what each page mentions is known, for "Mentioned in" (in a dirty preview, after
        converting the term pages whose list changed: see termbook_mkdocs.preview); the
        linker's tables of labels are not needed for the rest of the build, and the last page
        converted can be held like the others (see GeneratedPage)."""
        pages = documentation_pages(files)
        if self.preview is not None:  # converts the pages a change reaches beyond its own
            self.backlinks.arrange(pages, self.preview.before_writing(config, files, nav=self.nav,
                                                                      term_page=term_path))
        else:
            self.backlinks.arrange(pages)
        self.files = files
        self.linker.release()
        self.converter.hold_last_converted()
        return env

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        """Tell the linker which page it converts next: links are relative to it, and a term
        page never links its own term. Write out the lists of events and the charts a
        hand-written page embeds."""
        path = page.file.src_uri
        self.links.page = self.linker.page(path, auto_link=path not in self.not_linked,
                                           term_url=term_url(page, config))
        if page.file.generated_by is None:  # a hand-written page: its lists of events, charts
            shown = display_path(Path(page.file.abs_src_path or path), self.project.root)
            for finding in check_embeds(shown, markdown, set(self.glossary.terms), self.glossary.taxonomy):
                log.warning(str(finding))
            markdown = self.output.written_out(markdown)
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        """Note which terms the page mentions; warn about explicit links to unknown terms."""
        found, self.links.page = self.links.page, None
        if found is not None:
            self.backlinks.record(page, found.mentioned)
            if self.preview is not None:
                self.preview.converted(page, found.mentioned)
            for finding in unknown_links(self.linker, found, page, self.project.root):
                log.warning(str(finding))
        return html

    @event_priority(-100)  # after the search plugin has indexed the page: see the docstring
    def on_page_context(self, context: Any, /, *, page: Page, config: MkDocsConfig,
                        nav: Any) -> Any:
        """Add "Mentioned in" to a term page. Every page has been converted by now, so every
        mention is known; running after the search plugin keeps this list of titles out of
        the search index (a heading would start a search section of its own)."""
        term_id = self.linker.term_at(page.file.src_uri)
        if term_id:
            self.backlinks.add_to(page, term_id, config)
        if self.preview is not None:
            self.preview.indexed(page, search_entries(config))
        return context

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.preview is not None:
            self.preview.finish(config, self.files, search_entries(config))
            forget_previous_index(config)

    def on_build_error(self, *, error: Exception) -> None:
        if self.preview is not None:
            self.preview.failed()

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Add the page's head data (JSON-LD) to the head of generated pages, and hold a
        generated page's HTML again, compressed, now that it is written."""
        if isinstance(page, GeneratedPage):
            page.hold()
        head = self.head_html.get(page.file.src_uri)
        return add_to_head(output, head) if head else output

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer:
        for watched in [*self.project.entry_folders(), self.project.taxonomy_file]:
            if watched.exists():
                server.watch(str(watched))
        return server
