"""Write the whole site as Markdown files into a folder, for any Markdown site generator.

``termbook generate --out DIR`` puts into DIR the hand-written pages of ``docs/`` and every
page, asset and data file that the MkDocs plugin adds in memory: term pages with their
"Mentioned in" lists, the A–Z and category indexes, the article pages, the openness table,
the tooltip data, the data exports, and each page's JSON-LD. Cross-links and tooltips inside
the pages come from the Markdown extension :mod:`termbook.extension`, which the site
generator runs on every page (Zensical does; see ``zensical.yml``).

A run compares what it would write with what DIR holds and rewrites only the files whose
bytes changed, each written to a temporary file and renamed over the old one, so a file
watcher never sees half a file and unchanged pages keep their dates; files it no longer
produces are removed. A run that finds a problem writes nothing.

"Mentioned in" needs to know which pages mention which term: every page that links
mentions is converted once with Python-Markdown and the site's own extensions (the same
linker as the plugin's). :class:`Generator` keeps what each page mentions, by the page's
Markdown, so ``--watch`` converts again only the pages whose Markdown changed, unless a
term's name, alias or abbreviation changed (then every page, since any may mention it).
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import json
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import markdown
import yaml

from .export import EXPORT_PATHS, Publication, inputs_digest
from .findings import ERROR, Finding
from .layout import MENTIONED_IN_ID, SOURCES_CLASS, rel, term_path
from .linking import MODES, Linker
from .model import Glossary, sort_key
from .output_folder import MANIFEST, FolderRefused, digest, files_under, manifest_bytes, protected, written_before
from .pipeline import SiteOutput, check, generate
from .read import display_path, read_taxonomy
from .readcache import ReadCache
from .render import Page, plain
from .taxonomy import CONFIG_FILE
from .urls import markdown_destination

#: A small file in the output folder that changes only when the terms' names change: the
#: Markdown extension reloads the glossary when it does (see termbook.extension).
LABELS_STAMP = ".termbook-labels"
#: The front matter field holding HTML for the page's head (JSON-LD, data-file links); the
#: theme's main.html writes it into the head (see overrides/main.html).
HEAD_FIELD = "termbook_head"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
_SOURCES_BLOCK = f'<div class="{SOURCES_CLASS}" markdown>'


# --- the site's settings ------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Settings:
    """What generating needs from the site's configuration (``mkdocs.yml``)."""

    project_dir: Path
    docs_dir: Path
    glossary_dir: Path
    config_file: Path
    """The site's taxonomy (termbook.yml), which names the articles' folder."""
    seeds_dir: Path | None
    """The articles' folder, when the taxonomy declares articles."""
    site_name: str
    site_url: str | None = None
    directory_urls: bool = True
    language: str = "en"
    licence: str | None = None
    link_mentions: str = "first"
    cache: bool = True
    """Whether entries read cleanly are kept in the user's cache folder (``plugins.termbook.cache``)."""
    markdown_extensions: tuple[Any, ...] = ()
    extension_configs: dict[str, dict] = dataclasses.field(default_factory=dict)
    nav_titles: dict[str, str] = dataclasses.field(default_factory=dict)
    """Titles the navigation gives pages, by docs path: MkDocs shows those as their titles."""

    def sources(self) -> list[tuple[str, Path]]:
        """The project's own folders, which no output folder may be, hold or be inside."""
        return [("the hand-written pages", self.docs_dir), ("the glossary's entries", self.glossary_dir),
                *([("the articles", self.seeds_dir)] if self.seeds_dir else [])]

    def watched(self) -> list[Path]:
        """What a change to regenerates the site: the data, the pages and the configuration."""
        return [self.glossary_dir, *([self.seeds_dir] if self.seeds_dir else []), self.docs_dir,
                self.config_file]


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose tags (``!ENV``, ``!!python/name:``) name things only MkDocs
    can make: each tagged value is read as None."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SettingsError(Exception):
    """The configuration file cannot be used; the message says why and where."""


def read_settings(config_file: Path) -> Settings:
    """The settings of the site configured by ``config_file`` (an ``mkdocs.yml``)."""
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as problem:
        raise SettingsError(f"{config_file}: cannot be read ({problem})") from None
    if not isinstance(config, dict):
        raise SettingsError(f"{config_file}:1: the configuration must be a mapping")
    project = config_file.resolve().parent
    options: dict[str, Any] = {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "termbook" in plugin:
            options = plugin["termbook"] or {}
    mode = options.get("link_mentions", "first")
    if mode not in MODES:
        raise SettingsError(f"{config_file}: plugins.termbook.link_mentions: must be one of "
                            f"{', '.join(MODES)}, not {mode!r}")
    extensions, configs = [], {}
    for item in config.get("markdown_extensions") or []:
        name, options_of = (next(iter(item.items())) if isinstance(item, dict) else (item, None))
        if not str(name).startswith("termbook"):  # the linker is added where it is needed
            extensions.append(name)
            if options_of:
                configs[name] = options_of
    theme = config.get("theme") or {}
    taxonomy_file = project / options.get("config_file", CONFIG_FILE)
    # Problems in the taxonomy are reported by the check each run makes.
    taxonomy, _ = read_taxonomy(taxonomy_file, project)
    articles = taxonomy.articles if taxonomy else None
    return Settings(
        project_dir=project,
        docs_dir=project / config.get("docs_dir", "docs"),
        glossary_dir=project / options.get("glossary_dir", "glossary"),
        config_file=taxonomy_file,
        seeds_dir=project / articles.dir if articles else None,
        site_name=str(config.get("site_name", "")),
        site_url=config.get("site_url") or None,
        directory_urls=bool(config.get("use_directory_urls", True)),
        language=(theme.get("language") if isinstance(theme, dict) else None) or "en",
        licence=options.get("licence"),
        link_mentions=mode,
        cache=options.get("cache", True) is not False,
        markdown_extensions=tuple(extensions),
        extension_configs=configs,
        nav_titles=dict(_nav_titles(config.get("nav") or [])),
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
        known = written_before(out, files, LABELS_STAMP)
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
        _remove_empty_folders((out / path).parent, out)
    if listed != set(files):
        write_if_changed(out / MANIFEST, manifest_bytes(files))
    return changes


def _remove_empty_folders(folder: Path, top: Path) -> None:
    while folder != top and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


# --- the generator ------------------------------------------------------------------------

@dataclasses.dataclass
class Result:
    findings: list[Finding]
    changes: Changes | None
    """None when the run found errors and wrote nothing."""


class Generator:
    """Generates the site into ``out``, again and again (``--watch``), keeping what it can."""

    def __init__(self, settings: Settings, out: Path) -> None:
        self.settings = settings
        self.out = out
        self.known: dict[str, str] | None = None  # what the folder holds, once read
        # path -> (its Markdown, its title, the terms it mentions)
        self._mentions: dict[str, tuple[str, str, frozenset[str]]] = {}
        self._labels = ""
        self._converter: markdown.Markdown | None = None
        self._links = None
        # Kept between runs: a run after an edit parses only the entries that changed.
        self._cache = ReadCache.for_project(settings.project_dir) if settings.cache else None

    def run(self) -> Result:
        """Check the glossary and write the site; raises
        :class:`~termbook.output_folder.FolderRefused` when the output folder is not one to
        write (:func:`~termbook.output_folder.protected`, or it holds files termbook did not
        write), before anything is read or written."""
        settings = self.settings
        root = settings.project_dir
        if self.known is None and (problem := protected(self.out, root, settings.sources())):
            raise FolderRefused(problem)
        docs = settings.docs_dir if settings.docs_dir.is_dir() else None
        glossary, findings = check(settings.glossary_dir, root=root, docs_dir=docs,
                                   config=settings.config_file, cache=self._cache)
        if glossary is None:
            return Result(findings, None)
        hand_written = self._hand_written(docs)
        articles = glossary.taxonomy.articles
        publication = Publication(
            title=settings.site_name,
            inputs_digest=inputs_digest(root, [settings.glossary_dir,
                                               *([root / articles.dir] if articles else [])]),
            site_url=settings.site_url, directory_urls=settings.directory_urls,
            language=settings.language, licence=settings.licence)
        output = generate(glossary, publication)
        clashes = sorted(({p.path for p in output.pages} | set(output.files) | set(EXPORT_PATHS))
                         & set(hand_written))
        if clashes:
            shown = display_path(settings.docs_dir, root)
            return Result(findings + [Finding(
                f"{shown}/{path}", 1, "(file)",
                "this file is generated by termbook from the glossary",
                "remove the hand-written file", "generated-path", ERROR) for path in clashes], None)

        files: dict[str, bytes] = dict(hand_written)
        # Each page's Markdown and head are made once: the pages are all written anyway.
        markdown_of = {page.path: page.markdown for page in output.pages}
        mentioned_in = self._mentioned_in(glossary, output.pages, markdown_of, hand_written)
        for page in output.pages:
            text = markdown_of.pop(page.path)
            if page.path in mentioned_in:
                text = _with_mentioned_in(text, page.path, mentioned_in[page.path],
                                          output.messages("mentioned_in"))
            head = output.head_html.get(page.path)
            if head is not None:
                text = _with_front_matter(text, HEAD_FIELD, head)
            files[page.path] = text.encode("utf-8")
        files.update(output.files)
        files.update(_exports(output))
        files[LABELS_STAMP] = (self._labels + "\n").encode("ascii")
        changes = sync(self.out, files, self.known)
        if self.known is None:
            self.known = {path: digest(content)
                          for path, content in files.items()}
        return Result(findings, changes)

    def _hand_written(self, docs: Path | None) -> dict[str, bytes]:
        if docs is None:
            return {}
        return {path: (docs / path).read_bytes() for path in sorted(files_under(docs))}

    # --- "Mentioned in" ---

    def _mentioned_in(self, glossary: Glossary, pages: list[Page], markdown_of: dict[str, str],
                      hand_written: dict[str, bytes]) -> dict[str, list[tuple[str, str]]]:
        """For each term page that some page mentions: (title, docs path) of those pages."""
        labels = _labels_digest(glossary)
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


def _labels_digest(glossary: Glossary) -> str:
    """Changes when a term is added or removed, or its names, categories or links change."""
    names = [(t.id, t.term, list(t.aliases), t.abbreviation, list(t.categories), t.auto_link,
              t.proper_noun)
             for t in glossary.terms.values()]
    return hashlib.sha256(json.dumps(sorted(names, key=lambda n: n[0])).encode()).hexdigest()


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
            title = yaml.load(line.group(1), Loader=_FAST_LOADER)
        except yaml.YAMLError:
            title = None
    return text[match.end():], html.unescape(str(title)) if title else None


def _with_mentioned_in(text: str, here: str, pages: list[tuple[str, str]], heading: str) -> str:
    """A term page's Markdown with its "Mentioned in" section (``heading``, in the site's
    language), before the sources."""
    rows = sorted({(sort_key(title), title, path) for title, path in pages})
    items = "\n".join(f"- [{plain(title)}]({markdown_destination(rel(here, path))})"
                      for _, title, path in rows)
    section = (f'<div class="tb-mentions" markdown>\n\n## {plain(heading)} {{ #{MENTIONED_IN_ID} }}\n\n'
               f"{items}\n\n</div>\n\n")
    before, marker, after = text.partition(_SOURCES_BLOCK)
    return before + section + marker + after if marker else text + "\n" + section


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

def snapshot(paths: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """(modification time, size) of every file under ``paths``."""
    state: dict[str, tuple[int, int]] = {}
    folders = []
    for top in paths:
        if top.is_dir():
            folders.append(str(top))
        elif top.is_file():
            stat = top.stat()
            state[str(top)] = (stat.st_mtime_ns, stat.st_size)
    while folders:  # scandir entries carry their type: one stat per file, not two
        try:
            entries = list(os.scandir(folders.pop()))
        except FileNotFoundError:  # removed while we looked
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                else:
                    stat = entry.stat()
                    state[entry.path] = (stat.st_mtime_ns, stat.st_size)
            except FileNotFoundError:
                continue
    return state


def watch(paths: list[Path], on_change: Callable[[], None], *, interval: float = 0.1,
          stop: Callable[[], bool] = lambda: False,
          since: dict[str, tuple[int, int]] | None = None) -> None:
    """Call ``on_change`` after each change under ``paths`` (a file added, removed or
    rewritten) since the :func:`snapshot` ``since`` (default: now), until ``stop()``. It
    polls every ``interval`` seconds: no watcher library needed, and editors that save by
    renaming a new file over the old one are seen too."""
    before = snapshot(paths) if since is None else since
    while not stop():
        time.sleep(interval)
        now = snapshot(paths)
        if now != before:
            before = now
            on_change()


def _exports(output: SiteOutput) -> dict[str, bytes]:
    """The data exports by site path: the engine streams them into a folder, and the output
    folder is only ever changed through :func:`sync`, file by file."""
    with tempfile.TemporaryDirectory() as folder:
        output.write_exports(Path(folder))
        return {path: (Path(folder) / path).read_bytes() for path in EXPORT_PATHS}
