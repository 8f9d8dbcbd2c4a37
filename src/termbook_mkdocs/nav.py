"""termbook's pages in MkDocs' navigation.

- A navigation MkDocs makes from the folders (no ``nav`` in mkdocs.yml) names each folder
  after itself ("Glossary", "Sources"): the folders of generated pages get their titles in
  the site's language instead (:func:`termbook.render.folder_titles`).
- Term pages are left out of the navigation by default: Material writes the whole navigation
  into every page, so a glossary of thousands of terms would make every page's build as long
  as the glossary. Plugins that print the navigation's pages (print-site, PDF exporters) then
  leave them out too; a small glossary can list them (``term_pages_in_nav``), A–Z, right after
  the glossary index.
"""

from __future__ import annotations

from collections.abc import Sequence

from mkdocs.structure import StructureItem
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from termbook import Glossary
from termbook.layout import GLOSSARY_INDEX, term_path
from termbook.messages import Messages
from termbook.render import folder_titles


def arrange(nav: Navigation, files: Files, glossary: Glossary, messages: Messages, *,
            from_folders: bool, term_pages: bool) -> Navigation:
    """``nav`` with the folders of generated pages named in the site's language, when MkDocs
    made it ``from_folders``, and with every term page, when the site wants ``term_pages``."""
    if from_folders:
        name_folders(nav, folder_titles(messages))
    return add_term_pages(nav, files, glossary) if term_pages else nav


def name_folders(nav: Navigation, titles: dict[str, str]) -> None:
    """Give the top-level sections MkDocs named after the folders in ``titles`` (by folder
    name) their titles from it."""
    for item in nav.items:
        if isinstance(item, Section) and item.children:
            first = next((c for c in item.children if isinstance(c, Page)), None)
            folder = first.file.src_uri.split("/")[0] if first else None
            if folder in titles and item.title == folder.capitalize():
                item.title = titles[folder]


def add_term_pages(nav: Navigation, files: Files, glossary: Glossary) -> Navigation:
    """``nav`` with every term page, A–Z, right after the glossary index."""
    pages = [files.get_file_from_path(term_path(term.id)) for term in glossary.alphabetical()]
    add_after(nav, [file.page for file in pages if file is not None and file.page is not None],
              after=GLOSSARY_INDEX)
    return nav


def add_after(nav: Navigation, pages: Sequence[Page], after: str) -> None:
    """Put ``pages`` in ``nav`` right after the page at docs path ``after``, in its section
    (at the end of the navigation when it is not there), with their parent, previous and next
    links as MkDocs sets them."""
    def insert(items: list[StructureItem], parent: Section | None) -> bool:
        for index, item in enumerate(items):
            if isinstance(item, Page) and item.file.src_uri == after:
                items[index + 1:index + 1] = pages
                for page in pages:
                    page.parent = parent
                return True
            if isinstance(item, Section) and insert(item.children, item):
                return True
        return False

    if not insert(nav.items, None):
        nav.items.extend(pages)
    place = next((index + 1 for index, page in enumerate(nav.pages) if page.file.src_uri == after),
                 len(nav.pages))
    nav.pages[place:place] = pages
    for index, page in enumerate(nav.pages):
        page.previous_page = nav.pages[index - 1] if index else None
        page.next_page = nav.pages[index + 1] if index + 1 < len(nav.pages) else None
