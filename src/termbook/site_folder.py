"""Write the whole site as Markdown files into a folder, for any Markdown site generator.

``termbook generate --out DIR`` puts into DIR the hand-written pages of ``docs/`` and every
page, asset and data file that the MkDocs plugin adds in memory: term pages with the pages
that mention them listed in their front matter (:data:`MENTIONED_IN_FIELD`), the A–Z and
category indexes, the article pages, the scorecard page, the tooltip data and the data
exports; the head data of each page is the run's :attr:`Result.head_html`, for the front end
to add to the built pages. Cross-links, tooltips and the "Mentioned in" sections come from the
Markdown extension :mod:`termbook_zensical.extension`, which Zensical runs on every page.

A run compares what it would write with what DIR holds and rewrites only the files whose
bytes changed, each written to a temporary file and renamed over the old one, so a file
watcher never sees half a file and unchanged pages keep their dates; files it no longer
produces are removed. A run that finds a problem writes nothing. A :class:`Generator` keeps
its :class:`~termbook.pipeline.LastRun`, so that a run after an edit checks on their own, and
makes again, only the entries the edit changed.

"Mentioned in" needs to know which pages mention which term: every page that links
mentions is converted once with Python-Markdown and the site's own extensions (the same
linker as the plugin's). :class:`Generator` keeps what each page mentions, by the page's
Markdown, so ``--watch`` converts again only the pages whose Markdown changed, unless a
term's name, alias or abbreviation changed (then every page, since any may mention it).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import html
import json
import os
import re
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar

import markdown
import yaml
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

from .export import EXPORT_PATHS
from .findings import ERROR, Finding
from .kept import Kept
from .layout import term_path
from .linking import MODES, Linker, LinkerExtension, labels_digest
from .model import Glossary
from .output_folder import (
    MANIFEST,
    FolderRefused,
    digest,
    files_under,
    manifest_bytes,
    protected,
    written_before,
)
from .pipeline import LastRun, Project, SiteOutput, after_check, check, collector_paused, generate
from .read import display_path
from .readcache import ReadCache
from .render import Page
from .siteconfig import SiteConfig, SiteConfigError, read_site_config
from .taxonomy import CONFIG_FILE

#: A small file in the output folder that tells the Markdown extension where the glossary is
#: and how to link it; it changes only when the terms' names change, and the extension reads
#: the glossary again when it does (see termbook_zensical.extension). Named for what it held
#: first, the digest of the names; every run writes it, so a folder that has it and no list
#: (MANIFEST) was written by a termbook older than the list.
STATE_FILE = ".termbook-labels"
#: The front matter field of a term page listing the pages that mention it, as [title, docs
#: path] pairs: the Markdown extension makes the "Mentioned in" section from it.
MENTIONED_IN_FIELD = "termbook_mentioned_in"
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.DOTALL)


@dataclasses.dataclass(frozen=True)
class GeneratedState:
    """The contents of :data:`STATE_FILE`."""

    labels: str
    """Changes when a term's names change (:func:`termbook.linking.labels_digest`)."""
    project_dir: str
    glossary_dir: str
    taxonomy_file: str
    link_mentions: str
    cache: bool
    not_linked: list[str]
    """Docs paths of the generated pages whose mentions are not linked (the indexes)."""
    language: str
    """The site's language (:attr:`termbook.pipeline.Project.language`)."""
    site_labels: list[tuple[str, str]]
    """The labels termbook.yml rewords (:attr:`termbook.taxonomy.Taxonomy.labels`)."""


def read_state(folder: Path) -> GeneratedState | None:
    """The state ``termbook generate`` left in ``folder``; None when it wrote none there."""
    try:
        return GeneratedState(**json.loads((folder / STATE_FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


# --- the site's settings ------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Settings:
    """What generating needs from the site's configuration (``mkdocs.yml``)."""

    project_dir: Path
    docs_dir: Path
    glossary_dir: Path
    config_file: Path
    """The site's taxonomy (termbook.yml), which names the articles' folder."""
    site_name: str
    site_url: str | None = None
    directory_urls: bool = True
    theme_language: str | None = None
    """``theme.language``: the site's language when termbook.yml declares none."""
    licence: str | None = None
    link_mentions: str = "first"
    cache: bool = True
    """Whether entries read cleanly are kept in the user's cache folder (``plugins.termbook.cache``)."""
    markdown_extensions: tuple[Any, ...] = ()
    extension_configs: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)
    nav_titles: dict[str, str] = dataclasses.field(default_factory=dict)
    """Titles the navigation gives pages, by docs path: MkDocs shows those as their titles."""
    site_config: SiteConfig | None = None
    """The configuration read (its ``!relative`` paths follow the page being converted)."""

    def project(self, cache: ReadCache | None = None) -> Project:
        """The project these settings name, its taxonomy read now."""
        docs = self.docs_dir if self.docs_dir.is_dir() else None
        return Project.at(self.project_dir, glossary_dir=self.glossary_dir,
                          taxonomy_file=self.config_file, docs_dir=docs, cache=cache,
                          site_language=self.theme_language)

    def sources(self, project: Project | None = None) -> list[tuple[str, Path]]:
        """The project's own folders, which no output folder may be, hold or be inside
        (``project``: these settings' :meth:`project`, when it is already made)."""
        project = project or self.project()
        return [("the hand-written pages", self.docs_dir), ("the glossary's entries", self.glossary_dir),
                *[("the articles", folder) for folder in [project.articles_dir] if folder],
                *[("the events", folder) for folder in [project.events_dir] if folder]]

    def watched(self) -> list[Path]:
        """What a change to regenerates the site: the data, the pages and the configuration."""
        return [*self.project().entry_folders(), self.docs_dir, self.config_file]


def read_settings(config_file: Path) -> Settings:
    """The settings of the site configured by ``config_file`` (an ``mkdocs.yml``)."""
    return settings_of(read_site_config(config_file))


def settings_of(config: SiteConfig) -> Settings:
    """The settings of the site ``config`` (an ``mkdocs.yml`` as MkDocs reads it) configures."""
    where = config.path
    options = config.plugin_options("termbook") or {}
    mode = options.get("link_mentions", "first")
    if mode not in MODES:
        raise SiteConfigError(f"{where}: plugins.termbook.link_mentions: must be one of "
                              f"{', '.join(MODES)}, not {mode!r}")
    names, configs = config.markdown_extensions()
    # The linker is added where it is needed.
    extensions = tuple(name for name in names if not str(name).startswith("termbook"))
    project = config.project_dir
    return Settings(
        project_dir=project,
        docs_dir=config.docs_dir,
        glossary_dir=project / str(options.get("glossary_dir", "glossary")),
        config_file=project / str(options.get("config_file", CONFIG_FILE)),
        site_name=str(config.data.get("site_name", "")),
        site_url=config.data.get("site_url") or None,
        directory_urls=bool(config.data.get("use_directory_urls", True)),
        theme_language=config.theme_language,
        licence=options.get("licence"),
        link_mentions=mode,
        cache=options.get("cache", True) is not False,
        markdown_extensions=extensions,
        extension_configs={name: value for name, value in configs.items() if name in extensions},
        nav_titles=dict(_nav_titles(config.data.get("nav") or [])),
        site_config=config,
    )


def _nav_titles(nav: Iterable[Any]) -> Iterator[tuple[str, str]]:
    for item in nav:
        if isinstance(item, dict):
            for title, target in item.items():
                if isinstance(target, str):
                    yield target, str(title)
                elif isinstance(target, list):
                    yield from _nav_titles(target)


# --- what a run writes --------------------------------------------------------------------

@dataclasses.dataclass
class Changes:
    """What a run changed in the output folder, by path relative to it."""

    added: list[str] = dataclasses.field(default_factory=list)
    updated: list[str] = dataclasses.field(default_factory=list)
    removed: list[str] = dataclasses.field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def lines(self) -> list[str]:
        return ([f"added {p}" for p in self.added] + [f"updated {p}" for p in self.updated]
                + [f"removed {p}" for p in self.removed])

    def summary(self) -> str:
        return (f"{len(self.added)} added, {len(self.updated)} updated, "
                f"{len(self.removed)} removed")


def write_if_changed(path: Path, content: bytes) -> None:
    """Replace ``path`` by ``content`` in one rename: a reader sees the old file or the new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; it is meant to be published
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def sync(out: Path, files: dict[str, bytes], known: dict[str, str] | None = None) -> Changes:
    """Make ``out`` hold ``files``, and no longer hold the files termbook wrote there before
    and no longer makes; every other file in it is left as it is. ``known``, when given, is
    what the previous run wrote (path -> SHA-256), so unchanged files are not read back; else
    it is read from the folder's list (:func:`termbook.output_folder.written_before`, which
    refuses a folder that is not termbook's). Updates ``known``."""
    changes = Changes()
    if known is None:
        known = written_before(out, files, STATE_FILE)
    # What the folder's list names now (None: there is none yet, e.g. a new folder).
    listed = set(known) if (out / MANIFEST).is_file() else None
    out.mkdir(parents=True, exist_ok=True)
    # The list names every file that may be termbook's before any is written, so a run that
    # stops half-way leaves no file of its own off it.
    if listed is None or not listed.issuperset(files):
        write_if_changed(out / MANIFEST, manifest_bytes([*known, *files]))
    for path in sorted(files):
        content_digest = digest(files[path])
        if known.get(path) == content_digest:
            continue
        (changes.updated if path in known else changes.added).append(path)
        write_if_changed(out / path, files[path])
        known[path] = content_digest
    for path in sorted(set(known) - set(files)):
        (out / path).unlink(missing_ok=True)
        del known[path]
        changes.removed.append(path)
        remove_empty_folders((out / path).parent, out)
    if listed != set(files):
        write_if_changed(out / MANIFEST, manifest_bytes(files))
    return changes


def remove_empty_folders(folder: Path, top: Path) -> None:
    """Remove ``folder`` and the folders above it, up to ``top``, while they are empty."""
    while folder != top and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


# --- the generator ------------------------------------------------------------------------

@dataclasses.dataclass
class Result:
    findings: list[Finding]
    changes: Changes | None
    """None when the run found errors and wrote nothing."""
    head_html: Mapping[str, str] = dataclasses.field(default_factory=dict)
    """HTML for the head of generated pages, by docs path, for the front end to add to the
    built pages (:func:`termbook.additions.add_to_head`)."""


class Generator:
    """Generates the site into ``out``, again and again (``--watch``), keeping what it can."""

    def __init__(self, settings: Settings, out: Path) -> None:
        self.settings = settings
        self.out = out
        self.known: dict[str, str] | None = None  # what the folder holds, once read
        # path -> (its Markdown, its title, the terms it mentions)
        self._mentions: dict[str, tuple[str, str, frozenset[str]]] = {}
        # Each generated page's file, by its Markdown and the pages that mention it: a run
        # after an edit writes the front matter of only the pages it changed.
        self._page_files: Kept[str, bytes] = Kept()
        self._labels = ""
        self._converter: markdown.Markdown | None = None
        self._links: LinkerExtension | None = None
        # Kept between runs: a run after an edit parses only the entries that changed.
        self._cache = ReadCache.for_project(settings.project_dir) if settings.cache else None
        # What the run before found and made: a run redoes only what an edit changed.
        self.last_run = LastRun()

    def run(self) -> Result:
        """Check the glossary and write the site; raises
        :class:`~termbook.output_folder.FolderRefused` when the output folder is not one to
        write (:func:`~termbook.output_folder.protected`, or it holds files termbook did not
        write), before anything is read or written."""
        settings = self.settings
        project = settings.project(self._cache)
        if self.known is None and (problem := protected(self.out, settings.project_dir,
                                                        settings.sources(project))):
            raise FolderRefused(problem)
        try:
            with collector_paused():
                glossary, findings = check(project, last_run=self.last_run)
            if glossary is None:
                return Result(findings, None)
            return self._write(project, glossary, findings)
        finally:
            # After the files are written: the preview shows an edit without waiting for the
            # read cache to be saved (a tenth of a run at 10,000 terms).
            after_check(project, checking_again=True)

    def _write(self, project: Project, glossary: Glossary, findings: list[Finding]) -> Result:
        """Generate the site of a checked glossary and bring the output folder up to date."""
        settings = self.settings
        hand_written = self._hand_written(project.docs_dir)
        publication = project.publication(settings.site_name, site_url=settings.site_url,
                                          directory_urls=settings.directory_urls,
                                          licence=settings.licence)
        output = generate(glossary, publication, last_run=self.last_run)
        clashes = sorted(({p.path for p in output.pages} | set(output.files) | set(EXPORT_PATHS))
                         & set(hand_written))
        if clashes:
            shown = display_path(settings.docs_dir, project.root)
            return Result(findings + [Finding(
                f"{shown}/{path}", 1, "(file)",
                "this file is generated by termbook from the glossary",
                "remove the hand-written file", "generated-path", ERROR) for path in clashes], None)

        # The lists of events and the charts a hand-written page embeds are written out here,
        # as the MkDocs plugin writes them out before converting the page: every front end
        # reads the same.
        hand_written = {path: output.written_out(content.decode("utf-8")).encode("utf-8")
                        if path.endswith(".md") and b"termbook:" in content else content
                        for path, content in hand_written.items()}
        files: dict[str, bytes] = dict(hand_written)
        # Each page's Markdown is made once: the pages are all written anyway.
        markdown_of = {page.path: page.markdown for page in output.pages}
        mentioned_in = self._mentioned_in(glossary, output.pages, markdown_of, hand_written)
        self._page_files.follow(None, markdown_of.__contains__)
        for page in output.pages:
            text, mentions = markdown_of[page.path], tuple(mentioned_in.get(page.path, ()))
            files[page.path] = self._page_files.get(
                page.path, (text, mentions), functools.partial(_page_file, text, mentions))
        files.update(output.files)
        files.update(output.exports())
        files[STATE_FILE] = self._state(output).encode("utf-8")
        changes = sync(self.out, files, self.known)
        if self.known is None:
            self.known = {path: digest(content)
                          for path, content in files.items()}
        return Result(findings, changes, output.head_html)

    def _state(self, output: SiteOutput) -> str:
        """What the Markdown extension needs to link the pages of this folder (see
        :class:`GeneratedState`)."""
        settings = self.settings
        state = GeneratedState(
            labels=self._labels, project_dir=str(settings.project_dir),
            glossary_dir=str(settings.glossary_dir), taxonomy_file=str(settings.config_file),
            link_mentions=settings.link_mentions, cache=settings.cache,
            not_linked=sorted(p.path for p in output.pages if not p.link_mentions),
            language=output.publication.language, site_labels=list(output.glossary.taxonomy.labels))
        return json.dumps(dataclasses.asdict(state), indent=1, ensure_ascii=False) + "\n"

    def _hand_written(self, docs: Path | None) -> dict[str, bytes]:
        if docs is None:
            return {}
        return {path: (docs / path).read_bytes() for path in sorted(files_under(docs))}

    # --- "Mentioned in" ---

    def _mentioned_in(self, glossary: Glossary, pages: list[Page], markdown_of: dict[str, str],
                      hand_written: dict[str, bytes]) -> dict[str, list[tuple[str, str]]]:
        """For each term page that some page mentions: (title, docs path) of those pages."""
        labels = labels_digest(glossary)
        if labels != self._labels:  # any page may mention a term by a new name
            self._labels, self._mentions = labels, {}
            linker = Linker(glossary, mode=self.settings.link_mentions)
            self._links = linker.extension()
            self._converter = markdown.Markdown(
                extensions=[*self.settings.markdown_extensions, self._links],
                extension_configs=self.settings.extension_configs)
        texts = [(p.path, markdown_of[p.path]) for p in pages if p.link_mentions]
        texts += [(path, content.decode("utf-8", errors="replace"))
                  for path, content in hand_written.items() if path.endswith(".md")]
        found: dict[str, list[tuple[str, str]]] = {}
        kept = {}
        for path, text in texts:
            title, term_ids = self._mentions_on(path, text)
            kept[path] = self._mentions[path]
            for term_id in term_ids:
                found.setdefault(term_path(term_id), []).append((title, path))
        self._mentions = kept  # forget pages that are gone
        return found

    def _mentions_on(self, path: str, text: str) -> tuple[str, frozenset[str]]:
        """The page's title and the terms it mentions, converted again only when its
        Markdown changed."""
        cached = self._mentions.get(path)
        if cached is not None and cached[0] == text:
            return cached[1], cached[2]
        assert self._converter is not None and self._links is not None
        linker = self._links.linker
        body, title = _split_front_matter(text)
        self._links.page = linker.page(path)
        if self.settings.site_config is not None:  # for the extensions' !relative paths
            self.settings.site_config.converting(self.settings.docs_dir / path)
        self._converter.reset().convert(body)
        term_ids = frozenset(self._links.page.mentioned)
        self._links.page = None
        if path in self.settings.nav_titles:  # the navigation's title is the one shown
            title = self.settings.nav_titles[path]
        elif title is None:
            heading = re.search(r"^#[ \t]+(.+?)[ \t#]*$", body, re.MULTILINE)
            title = heading.group(1) if heading else path
        self._mentions[path] = (text, title, term_ids)
        return title, term_ids


_TITLE = re.compile(r"^title:[ \t]*(.+?)[ \t]*$", re.MULTILINE)


def _split_front_matter(text: str) -> tuple[str, str | None]:
    """The Markdown after the front matter, and the title the front matter gives, if any
    (read from its ``title:`` line alone: the generated pages write it as JSON)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, None
    line = _TITLE.search(match.group(0))
    title = None
    if line:
        try:
            title = yaml.load(line.group(1), Loader=_FAST_LOADER)  # noqa: S506 (a SafeLoader)
        except yaml.YAMLError:
            title = None
    return text[match.end():], html.unescape(str(title)) if title else None


def _page_file(markdown: str, mentioned_in: tuple[tuple[str, str], ...]) -> bytes:
    """The file of a generated page: its ``markdown``, with the pages it is ``mentioned_in``
    (title, docs path) in its front matter, when there are any."""
    if mentioned_in:
        markdown = _with_front_matter(markdown, MENTIONED_IN_FIELD, mentioned_in)
    return markdown.encode("utf-8")


def _with_front_matter(text: str, field: str, value: object) -> str:
    """The page's Markdown with ``field: value`` (as JSON, which is YAML) in its front
    matter."""
    match = _FRONT_MATTER.match(text)
    line = f"{field}: {json.dumps(value, ensure_ascii=False)}\n"
    if not match:
        return f"---\n{line}---\n\n{text}"
    closing = match.group(0).rstrip("\n").rfind("\n") + 1
    return text[:closing] + line + text[closing:]


# --- watching -----------------------------------------------------------------------------

class Watcher:
    """Tells of each change under some paths (a file added, removed, rewritten or renamed
    over) as the operating system reports it, through watchdog (inotify on Linux, FSEvents on
    macOS, ReadDirectoryChangesW on Windows). Nothing is looked at while nothing changes:
    looking at every file of a glossary of 10,000 entries ten times a second kept a third of
    a core busy, beside the site generator rebuilding the preview.

    A watched folder that does not exist yet is watched for from the nearest folder above it
    that does, and watched once it appears; one removed is watched for again. Start one before
    the first run: a change made while a run runs is seen after it (:meth:`wait`)."""

    #: How long the paths must stay quiet before a change is told: an editor saves in
    #: several steps (truncate, write, rename), and one run should see them all.
    SETTLE = 0.05

    def __init__(self, paths: list[Path]) -> None:
        self._paths = [path.absolute() for path in paths]
        self._changed = threading.Event()
        self._handler = _Changes(self._paths, self._changed)
        self._observer = Observer()
        self._watches: dict[tuple[Path, bool], ObservedWatch] = {}  # by (folder, recursive)
        self._look_out()
        self._observer.start()

    def close(self) -> None:
        self._observer.stop()
        self._observer.join()

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until something under the paths changed and has settled; False when
        ``timeout`` seconds passed first."""
        if not self._changed.wait(timeout):
            return False
        while self._changed.is_set():
            self._changed.clear()
            time.sleep(self.SETTLE)
        self._look_out()  # a watched folder made or removed since
        return True

    def _look_out(self) -> None:
        """Watch each path that is a folder, with all below it; for a file, or a folder not
        made yet, the nearest folder above it (only what concerns the path is told)."""
        wanted = set()
        for path in self._paths:
            folder = path if path.is_dir() else path.parent
            while not folder.is_dir() and folder != folder.parent:
                folder = folder.parent
            wanted.add((folder, folder == path))
        for gone in set(self._watches) - wanted:
            with contextlib.suppress(KeyError):  # the observer may have dropped it, removed
                self._observer.unschedule(self._watches[gone])
            del self._watches[gone]
        for folder, recursive in sorted(wanted - set(self._watches)):
            self._watches[folder, recursive] = self._observer.schedule(
                self._handler, str(folder), recursive=recursive, event_filter=list(_Changes.KINDS))


class _Changes(FileSystemEventHandler):
    """Sets ``changed`` on each change that concerns one of ``paths``."""

    #: The events that change what a path holds. The operating system is asked for these
    #: alone: each run reads every entry, and being told of each file opened and read (three
    #: events a file) kept the watcher's thread busy for a third of a run at 10,000 entries.
    KINDS: ClassVar[tuple[type[FileSystemEvent], ...]] = (
        FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent,
        DirCreatedEvent, DirDeletedEvent, DirMovedEvent)

    def __init__(self, paths: list[Path], changed: threading.Event) -> None:
        self._paths = [str(path) for path in paths]
        self._changed = changed

    def on_any_event(self, event: FileSystemEvent) -> None:
        # A move's destination too: an editor saves by renaming a new file over the old.
        if any(path and self._concerns(os.fsdecode(path)) for path in (event.src_path, event.dest_path)):
            self._changed.set()

    def _concerns(self, path: str) -> bool:
        """Whether ``path`` is a watched path, is under one, or holds one (a folder made or
        removed above a watched path)."""
        return any(path == top or path.startswith(top + os.sep) or top.startswith(path + os.sep)
                   for top in self._paths)


def watch(watcher: Watcher, on_change: Callable[[], object]) -> None:
    """Call ``on_change`` after each change the ``watcher`` tells of, until interrupted."""
    while True:
        if watcher.wait(timeout=0.5):  # waits in turns, so that Ctrl+C is seen on any system
            on_change()
