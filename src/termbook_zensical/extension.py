"""termbook's cross-linker as a Python-Markdown extension for Zensical, which runs Markdown
extensions but not MkDocs plugins.

``termbook zensical build`` and ``termbook zensical serve`` add it to the site's Markdown
extensions, after ``termbook generate`` has written every page into the folder Zensical
builds. That folder's :data:`~termbook.site_folder.STATE_FILE` says where the glossary is and
how to link it (the termbook plugin's settings in ``mkdocs.yml``), so both front ends are
configured in one place.

The glossary is read once per process, not per page, and read again only when the state
file says the terms' names changed, so a preview server links new names without a restart.
The page being converted, its URL and the site's URL style come from Zensical's rendering
context; without one (plain Python-Markdown) the extension leaves the text as it is. Links
lead to the terms' Markdown files, which the site generator turns into URLs as it does for
any link between pages. On a term page, the extension also adds the "Mentioned in" section
that ``termbook generate`` listed in its front matter (:mod:`termbook.additions`).
"""

from __future__ import annotations

import dataclasses
import html
import threading
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from termbook.additions import SOURCES_ID, mentioned_in_section, mentioned_in_toc, permalink_text
from termbook.findings import errors_in
from termbook.layout import SOURCES_CLASS, rel
from termbook.linking import Linker
from termbook.messages import Messages
from termbook.pipeline import Project, check_in_process
from termbook.readcache import ReadCache
from termbook.site_folder import MENTIONED_IN_FIELD, STATE_FILE, GeneratedState, read_state

from .site import additions


@dataclasses.dataclass(frozen=True)
class _Loaded:
    labels: str
    linker: Linker
    not_linked: frozenset[str]
    """Docs paths of the generated pages whose mentions are not linked (the indexes)."""


_loaded: dict[str, _Loaded] = {}
_lock = threading.Lock()  # a site generator may render pages on several threads


def loaded(state: GeneratedState) -> _Loaded:
    """The linker for the glossary ``state`` names, read again only when its labels changed;
    reading parses only the entries that changed since the last read when the site keeps
    the read cache."""
    with _lock:
        found = _loaded.get(state.glossary_dir)
        if found is not None and found.labels == state.labels:
            return found
        root = Path(state.project_dir)
        project = Project.at(root, glossary_dir=Path(state.glossary_dir),
                             taxonomy_file=Path(state.taxonomy_file),
                             cache=ReadCache.for_project(root) if state.cache else None,
                             site_language=state.language)
        glossary, findings = check_in_process(project)
        if glossary is None:
            raise ValueError("termbook: the glossary has problems; run `termbook check`:\n"
                             + "\n".join(str(f) for f in errors_in(findings)))
        found = _loaded[state.glossary_dir] = _Loaded(
            state.labels, Linker(glossary, mode=state.link_mentions), frozenset(state.not_linked))
        return found


class TermbookExtension(Extension):
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
        docs_dir = Path(config.get("root_dir") or ".", config["docs_dir"]).resolve()
        state = read_state(docs_dir)
        if state is None:
            raise ValueError(f"termbook: {docs_dir} was not written by termbook (it has no "
                             f"{STATE_FILE}); build the site with `termbook zensical build`")
        missing = additions(config, list(config.get("markdown_extensions") or []))
        missing.pop("markdown_extensions", None)  # this one runs
        if missing:
            raise ValueError(f"termbook: Zensical's configuration leaves out {missing}, without "
                             "which tooltips, search by name or the scorecard do not work; build "
                             "the site with `termbook zensical build`, which adds them")
        linked = loaded(state)
        path = Path(page.path)
        if path.is_absolute():
            path = path.resolve().relative_to(docs_dir)
        docs_path = path.as_posix()
        links = linked.linker.extension()
        links.extendMarkdown(md)
        # Links lead to the terms' Markdown files, relative to this one: Zensical turns
        # them into URLs as it does every link between pages.
        links.page = linked.linker.page(docs_path, auto_link=docs_path not in linked.not_linked)
        listed = page.meta.get(MENTIONED_IN_FIELD)
        if listed:
            # Links to the pages' Markdown files, relative to this one, as the linker's:
            # Zensical turns them into URLs.
            messages = Messages(state.language, state.site_labels)
            section = mentioned_in_section(
                [(str(title), rel(docs_path, str(target))) for title, target in listed], messages,
                permalink=permalink_text((config.get("mdx_configs") or {}).get("toc") or {}))
            md.treeprocessors.register(_MentionedIn(md, section, mentioned_in_toc(messages)),
                                       "termbook-mentioned-in", 0)


class _MentionedIn(Treeprocessor):
    """Adds the "Mentioned in" section to the term page before its sources, once the ``toc``
    extension has made the table of contents (the section goes in as raw HTML, made by the
    engine as for MkDocs' front end), and adds it to the table of contents' tokens, which
    Zensical reads once the page is converted."""

    def __init__(self, md: Markdown, section: str, toc_entry: tuple[str, str, int]) -> None:
        super().__init__(md)
        self.section = section
        self.toc_entry = toc_entry  # (title, anchor, level)

    def run(self, root: etree.Element) -> None:
        block = etree.Element("p")
        block.text = self.md.htmlStash.store(self.section)
        sources = next((index for index, child in enumerate(root)
                        if SOURCES_CLASS in (child.get("class") or "").split()), len(root))
        root.insert(sources, block)
        tokens: list[dict[str, Any]] | None = getattr(self.md, "toc_tokens", None)
        if tokens is None:
            return
        title, anchor, level = self.toc_entry
        shown = html.escape(title)  # as the toc extension gives a heading's text: HTML
        entry = {"level": level, "id": anchor, "name": shown, "html": shown,
                 "data-toc-label": "", "children": []}
        if not _insert_before(tokens, entry, SOURCES_ID):
            (tokens[0]["children"] if tokens else tokens).append(entry)


def _insert_before(tokens: list[dict[str, Any]], entry: Mapping[str, Any], anchor: str) -> bool:
    for index, token in enumerate(tokens):
        if token["id"] == anchor:
            tokens.insert(index, {**entry, "level": token["level"]})
            return True
        if _insert_before(token["children"], entry, anchor):
            return True
    return False


def makeExtension(**kwargs: Any) -> TermbookExtension:  # noqa: N802 (Python-Markdown's name)
    return TermbookExtension(**kwargs)
