"""``mkdocs serve --dirty`` with the plugin: after an edit, only the pages whose content
changed are converted and written again, and each is what a clean build makes.

MkDocs' own rule for a dirty build rebuilds a page whose source file is newer than its
output. termbook's pages are made in memory, so MkDocs would count every one as changed; the
plugin tells it instead (:meth:`RenderedFile.is_modified`) from a digest of each page's
Markdown and head data, compared with the build before. Hand-written pages keep MkDocs' rule.

A page's output also depends on what is outside it, and the preview follows each of those:

- the labels every page is linked by, the site's configuration, termbook.yml and the list
  of pages (the navigation): when any changes, every page is rebuilt (:attr:`BuildState.site_key`);
- the titles of the pages in the navigation, which every page shows: a converted page whose
  title changed makes every page rebuilt;
- "Mentioned in" on a term page, which lists the pages that mention the term: a term page
  whose list changed is converted and written again, once every changed page is converted.

Pages MkDocs skips keep their title from the build before (their source has not changed, so
neither has it), and pages in the navigation are read, as MkDocs reads any page, for what the
theme shows of them there. The search index is the one plugin output made of every page: it
gets the entries of the pages written in this build and keeps every other page's, in the
order of a clean build. Files that a page or termbook no longer makes are removed.

When a build fails, the site of the last good build stays served; the next build compares
with that one. When the glossary's data has errors, the preview goes on with the last good
glossary and shows the errors.

The plugin hands its events to a :class:`CleanBuild`, which does nothing with them, or to a
:class:`DirtyPreview` under ``mkdocs serve --dirty``.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.commands.build import _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from termbook import Glossary, LastRun, Project, SiteOutput
from termbook.findings import Finding, errors_in
from termbook.layout import term_path
from termbook.linking import labels_digest
from termbook.site_folder import remove_empty_folders

from .pages import RenderedFile

log = get_plugin_logger(__name__)

#: The names under which MkDocs and Material install their search plugin.
SEARCH_PLUGINS = ("search", "material/search")


@dataclasses.dataclass
class BuildState:
    """What a build of the preview leaves for the next to compare with."""

    site_key: str
    """Digest of what every page depends on (see :func:`site_key`)."""
    digests: dict[str, str]
    """Generated page (docs path) -> digest of its Markdown and head data."""
    titles: dict[str, str | None] = dataclasses.field(default_factory=dict)
    """Documentation page -> its title once converted."""
    mentions: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)
    """Documentation page -> the terms it mentions."""
    mentioned_in: dict[str, tuple[tuple[str | None, str], ...]] = dataclasses.field(default_factory=dict)
    """Term id -> (title, docs path) of the pages that mention it, in the site's order."""
    search_entries: dict[str, list[Any]] = dataclasses.field(default_factory=dict)
    """Documentation page -> its entries in the search index."""
    written: set[str] = dataclasses.field(default_factory=set)
    """Paths in the site folder of the pages and termbook's files."""


def page_digest(markdown: str, head_html: str | None, link_mentions: bool) -> str:
    digest = hashlib.blake2b(markdown.encode("utf-8"), digest_size=16)
    digest.update(b"\0" + (head_html or "").encode("utf-8") + (b"\0L" if link_mentions else b"\0-"))
    return digest.hexdigest()


def site_key(output: SiteOutput, config: MkDocsConfig, taxonomy_file: Path, link_mode: str,
             pages: Iterable[str]) -> str:
    """Digest of what any page may depend on: the labels mentions are linked by, the link
    mode, termbook.yml, the site's configuration file and the list of pages."""
    digest = hashlib.sha256()
    for part in (labels_digest(output.glossary), link_mode, *sorted(pages)):
        digest.update(part.encode("utf-8") + b"\0")
    for path in (taxonomy_file, Path(config.config_file_path or "")):
        digest.update((path.read_bytes() if path.is_file() else b"") + b"\0")
    return digest.hexdigest()


class CleanBuild:
    """The events a preview follows, in a build that keeps nothing for the next: ``mkdocs
    build``, or ``mkdocs serve`` without ``--dirty``. Each does nothing, save :meth:`checked`.

    The plugin calls :meth:`checked` from ``on_config``, :meth:`files_added` from
    ``on_files``, :meth:`converted` for each page it sees converted, :meth:`before_writing`
    from ``on_env``, :meth:`indexed` for each page written, and :meth:`finish` from
    ``on_post_build`` (:meth:`failed` when a build fails)."""

    last_run: LastRun | None = None
    """What a preview keeps for its next build to check, render and export again only what
    an edit changed (:class:`termbook.pipeline.LastRun`); a build keeps nothing."""

    def checked(self, glossary: Glossary | None, project: Project,
                findings: list[Finding]) -> tuple[Glossary, Project]:
        """The glossary the build goes on with, and its project; the build stops when the
        glossary's data has errors (``glossary`` is None)."""
        if glossary is None:
            raise PluginError(f"{_problems(findings)}; fix them (see the lines above) and build again")
        return glossary, project

    def files_added(self, files: Files, added: list[File], output: SiteOutput, config: MkDocsConfig,
                    project: Project, link_mode: str) -> None:
        pass

    def converted(self, page: Page, mentioned: Iterable[str]) -> None:
        pass

    def before_writing(self, pages: list[Page], config: MkDocsConfig, files: Files,
                       nav: Navigation) -> dict[str, frozenset[str]] | None:
        """The terms each page mentions, by docs path, when they are not what the plugin
        noted as MkDocs converted the pages (None)."""
        return None

    def indexed(self, page: Page, config: MkDocsConfig) -> None:
        pass

    def finish(self, config: MkDocsConfig) -> None:
        pass

    def failed(self) -> None:
        pass


def _problems(findings: list[Finding]) -> str:
    return f"termbook: {len(errors_in(findings))} problem(s) in the glossary data"


class DirtyPreview(CleanBuild):
    """The state of ``mkdocs serve --dirty`` across its builds; see the module's docstring."""

    def __init__(self) -> None:
        self.last_run = LastRun()
        self.good: tuple[Glossary, Project] | None = None  # the last glossary without errors
        self.last: BuildState | None = None
        self.current: BuildState | None = None
        self.wide = True  # every page is rebuilt
        self.converted_pages: set[str] = set()
        self._indexed = 0  # entries of the search index already noted
        self._files: Files | None = None  # the files of the build, once every page is converted
        self._site_touched = False

    # --- on_config ---

    def checked(self, glossary: Glossary | None, project: Project,
                findings: list[Finding]) -> tuple[Glossary, Project]:
        if glossary is not None:
            self.good = glossary, project
        elif self.last is not None and self.good is not None:
            # MkDocs' server holds every request while a build fails: the preview goes on
            # serving the pages of the last good data instead, with the problems shown.
            log.error(f"{_problems(findings)}; the preview shows the glossary as it was before them "
                      "until they are fixed (see the lines above)")
            return self.good
        return super().checked(glossary, project, findings)

    # --- on_files ---

    def files_added(self, files: Files, added: list[File], output: SiteOutput, config: MkDocsConfig,
                    project: Project, link_mode: str) -> None:
        """Mark each generated page changed or not; on a wide rebuild, every page."""
        key = site_key(output, config, project.taxonomy_file, link_mode,
                       [file.src_uri for file in files.documentation_pages()])
        head = output.head_html
        linked = {page.path: page.link_mentions for page in output.pages}
        digests = {file.src_uri: page_digest(file.content_string, head.get(file.src_uri),
                                             linked[file.src_uri])
                   for file in added if isinstance(file, RenderedFile)}
        last = self.last
        self.current = BuildState(key, digests)
        self.converted_pages = set()
        self._indexed = 0
        self.wide = last is None or last.site_key != key
        self._site_touched = True
        for file in added:
            if isinstance(file, RenderedFile):
                file.changed = (self.wide or last is None
                                or last.digests.get(file.src_uri) != digests[file.src_uri])
        if self.wide:
            for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
                _force_rebuild(file)

    # --- while pages are converted ---

    def converted(self, page: Page, mentioned: Iterable[str]) -> None:
        assert self.current is not None
        self.converted_pages.add(page.file.src_uri)
        self.current.mentions[page.file.src_uri] = frozenset(mentioned)

    # --- on_env ---

    def before_writing(self, pages: list[Page], config: MkDocsConfig, files: Files,
                       nav: Navigation) -> dict[str, frozenset[str]]:
        """Convert the pages a change reaches beyond its own (see the module's docstring),
        then give every page left as it was its title and mentions from the build before.
        Returns the terms each page mentions, by docs path; ``pages`` are the
        :func:`documentation_pages`."""
        current, last = self.current, self.last
        assert current is not None
        self._files = files
        self._note_titles(pages)
        in_nav = {page.file.src_uri for page in nav.pages}
        if last is not None and not self.wide and any(
                current.titles[path] != last.titles.get(path) for path in self.converted_pages & in_nav):
            self.wide = True  # the navigation, on every page, changed
            self._convert([page for page in pages if page.file.src_uri not in self.converted_pages],
                          config, files)
            self._note_titles(pages)
        if last is None or self.wide:
            current.mentioned_in = self._mentioned_in(pages)
            return current.mentions
        for page in pages:
            path = page.file.src_uri
            if path not in self.converted_pages:
                current.titles[path] = last.titles.get(path)
                current.mentions[path] = last.mentions.get(path, frozenset())
        mentioned_in = self._mentioned_in(pages)
        changed = {term_path(term_id) for term_id in mentioned_in.keys() | last.mentioned_in.keys()
                   if mentioned_in.get(term_id) != last.mentioned_in.get(term_id)}
        self._convert([page for page in pages if page.file.src_uri in changed
                       and page.file.src_uri not in self.converted_pages], config, files)
        for page in pages:
            if page.file.src_uri not in self.converted_pages:
                self._as_before(page, config, in_nav)
        current.mentioned_in = mentioned_in  # the pages converted here mention what they did
        return current.mentions

    def _note_titles(self, pages: list[Page]) -> None:
        assert self.current is not None
        for page in pages:
            if page.file.src_uri in self.converted_pages:
                self.current.titles[page.file.src_uri] = page.title

    def _convert(self, pages: list[Page], config: MkDocsConfig, files: Files) -> None:
        """Convert ``pages`` as MkDocs converts any page (its events included), and have
        them written."""
        for page in pages:
            _force_rebuild(page.file)
            _populate_page(page, config, files)

    def _as_before(self, page: Page, config: MkDocsConfig, in_nav: set[str]) -> None:
        """A page left as it was: read, when the navigation shows it, as MkDocs reads a page
        (its front matter is the navigation's data on it), with its title of the last build."""
        assert self.last is not None
        if page.file.src_uri in in_nav:
            page.read_source(config)
        page.title = self.last.titles.get(page.file.src_uri)

    def _mentioned_in(self, pages: list[Page]) -> dict[str, tuple[tuple[str | None, str], ...]]:
        assert self.current is not None
        found: dict[str, list[tuple[str | None, str]]] = {}
        for page in pages:
            path = page.file.src_uri
            for term_id in self.current.mentions.get(path, ()):
                found.setdefault(term_id, []).append((self.current.titles.get(path), path))
        return {term_id: tuple(listed) for term_id, listed in found.items()}

    def indexed(self, page: Page, config: MkDocsConfig) -> None:
        """Note the search index's entries of ``page``, just written (the search plugin adds
        them to its list as it writes each page)."""
        assert self.current is not None
        search_index = search_entries(config)
        if search_index is not None:
            self.current.search_entries[page.file.src_uri] = search_index[self._indexed:]
            self._indexed = len(search_index)

    # --- on_post_build ---

    def finish(self, config: MkDocsConfig) -> None:
        """Give the search index the entries of every page, in a clean build's order; remove
        what the build before wrote and this one no longer makes; keep this build for the
        next to compare with."""
        current, last, files = self.current, self.last, self._files
        assert current is not None and files is not None
        search_index = search_entries(config)
        documentation = [page.file.src_uri for page in documentation_pages(files)]
        if last is not None:
            for path in documentation:
                if path not in current.search_entries and path in last.search_entries:
                    current.search_entries[path] = last.search_entries[path]
        if search_index is not None:
            search_index[:] = [entry for path in documentation
                               for entry in current.search_entries.get(path, ())]
        current.written = {file.dest_uri for file in files
                           if file.is_documentation_page() or file.generated_by is not None}
        if last is not None:
            site = Path(config.site_dir)
            for gone in sorted(last.written - current.written):
                (site / gone).unlink(missing_ok=True)
                remove_empty_folders((site / gone).parent, site)
        log.info(f"{'every page' if self.wide else 'only the pages that changed'} converted "
                 f"and written again: {len(self.converted_pages)} of {len(documentation)}")
        self.last, self.current, self._files, self._site_touched = current, None, None, False
        forget_previous_index(config)

    def failed(self) -> None:
        """A build failed: the next compares with the last good build, unless this one had
        started changing the site (then the next rebuilds every page)."""
        if self._site_touched:
            self.last = None
        self.current, self._files, self._site_touched = None, None, False


def documentation_pages(files: Files) -> list[Page]:
    """The pages a preview builds, in the order MkDocs converts them."""
    return [file.page for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            if file.page is not None]


def _force_rebuild(file: File) -> None:
    """Have MkDocs convert and write ``file``'s page in this dirty build: a generated page is
    marked changed; a hand-written page's output is removed, which MkDocs' rule (the output
    older than the source, or missing) then rebuilds."""
    if isinstance(file, RenderedFile):
        file.changed = True
    else:
        Path(file.abs_dest_path).unlink(missing_ok=True)


def search_entries(config: MkDocsConfig) -> list[Any] | None:
    """The entries of the search plugin's index for this build (MkDocs' and Material's
    plugins keep them in a list), or None without a search plugin."""
    for name in SEARCH_PLUGINS:
        plugin = config.plugins.get(name)
        index = getattr(plugin, "search_index", None)
        for attribute in ("entries", "_entries"):
            entries = getattr(index, attribute, None)
            if isinstance(entries, list):
                return entries
    return None


def forget_previous_index(config: MkDocsConfig) -> None:
    """Material's search plugin merges, in a dirty build, the index of the build before with
    the entries of the one page it assumes was rebuilt; the preview hands it the whole index."""
    for name in SEARCH_PLUGINS:
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(plugin, "search_index_prev"):
            plugin.search_index_prev = None

