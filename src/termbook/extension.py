"""termbook's cross-linker as a Python-Markdown extension, for site generators that run
Markdown extensions but not MkDocs plugins (Zensical).

List it in the site's ``markdown_extensions`` (``zensical.yml`` does)::

    markdown_extensions:
      - termbook.extension:
          config: mkdocs.yml   # relative to the site configuration's folder

Its settings (the glossary and articles folders, ``link_mentions``) are the termbook
plugin's in that MkDocs configuration, so both front ends are configured in one place.

The glossary is read once per process, not per page, and read again only when the folder
that ``termbook generate`` wrote says the terms' names changed (its ``.termbook-labels``
file), so a preview server links new names without a restart. The page being converted, its
URL and the site's URL style come from Zensical's rendering context; without one (plain
Python-Markdown) the extension leaves the text as it is. Links lead to the terms' Markdown
files, which the site generator turns into URLs as it does for any link between pages. The generated pages, "Mentioned in"
lists and tooltip data come from ``termbook generate``; this extension only links.
"""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension

from .findings import errors_in
from .site_folder import LABELS_STAMP, Settings, read_settings
from .linking import Linker
from .pipeline import check
from .readcache import ReadCache
from .render import render_pages
from .scorecard import scorecard_pages


@dataclasses.dataclass(frozen=True)
class _Loaded:
    stamp: bytes | None
    linker: Linker
    not_linked: frozenset[str]
    """Docs paths of the generated pages whose mentions are not linked (the indexes)."""


_cache: dict[tuple[str, str, str], _Loaded] = {}
_lock = threading.Lock()  # a site generator may render pages on several threads


def _read_stamp(docs_dir: str | None) -> bytes | None:
    if not docs_dir:
        return None
    try:
        return (Path(docs_dir) / LABELS_STAMP).read_bytes()
    except OSError:
        return None


_settings_read: dict[Path, tuple[int, Settings]] = {}


def _settings(config_file: Path) -> Settings:
    """The settings in ``config_file``, read again only when the file changed."""
    changed = config_file.stat().st_mtime_ns
    known = _settings_read.get(config_file)
    if known is None or known[0] != changed:
        known = _settings_read[config_file] = (changed, read_settings(config_file))
    return known[1]


def loaded(glossary_dir: Path, config_file: Path, mode: str, docs_dir: str | None,
           cache: bool = True) -> _Loaded:
    """The linker for this glossary, read once and again only when the stamp changed; with
    ``cache``, reading parses only the entries that changed since the last read."""
    key = (str(glossary_dir), str(config_file), mode)
    stamp = _read_stamp(docs_dir)
    with _lock:
        found = _cache.get(key)
        if found is not None and (found.stamp == stamp or stamp is None):
            return found
        glossary, findings = check(glossary_dir, root=config_file.parent, config=config_file,
                                   cache=ReadCache.for_project(config_file.parent) if cache else None)
        if glossary is None:
            raise ValueError("termbook: the glossary has problems; run `termbook check`:\n"
                             + "\n".join(str(f) for f in errors_in(findings)))
        found = _cache[key] = _Loaded(
            stamp, Linker(glossary, mode=mode),
            frozenset(p.path for p in render_pages(glossary) + scorecard_pages(glossary)
                      if not p.link_mentions))
        return found


class TermbookExtension(Extension):
    def __init__(self, **kwargs: Any):
        self.config = {
            "config": ["mkdocs.yml", "the MkDocs configuration whose termbook plugin settings "
                                     "apply, relative to the site configuration's folder"],
        }
        super().__init__(**kwargs)

    def state(self, site_config: dict) -> _Loaded:
        root = Path(site_config.get("root_dir") or ".")
        settings = _settings(root / self.getConfig("config"))
        return loaded(settings.glossary_dir.resolve(), settings.config_file.resolve(),
                      settings.link_mentions, site_config.get("docs_dir"), settings.cache)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # Zensical makes a converter for each page, with its rendering context registered
        # before any extension: the linker's processors are registered for that page.
        try:
            from zensical.extensions.context import ContextPreprocessor
        except ImportError:
            return
        context = ContextPreprocessor.from_markdown(md)
        if context is None:
            return
        page, config = context.page, context.config
        state = self.state(config)
        path = Path(page.path)
        if path.is_absolute() and config.get("docs_dir"):
            path = path.resolve().relative_to(Path(config["docs_dir"]).resolve())
        docs_path = path.as_posix()
        links = state.linker.extension()
        links.extendMarkdown(md)
        # Links lead to the terms' Markdown files, relative to this one: Zensical turns
        # them into URLs as it does every link between pages.
        links.page = state.linker.page(docs_path, auto_link=docs_path not in state.not_linked)


def makeExtension(**kwargs: Any) -> TermbookExtension:  # noqa: N802 (Python-Markdown's name)
    return TermbookExtension(**kwargs)
