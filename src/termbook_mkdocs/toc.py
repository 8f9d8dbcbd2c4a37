"""Splicing an entry into a page's table of contents, as MkDocs holds it."""

from __future__ import annotations

from mkdocs.structure.toc import AnchorLink, TableOfContents


def add_to_toc(toc: TableOfContents, entry: AnchorLink, *, before: str) -> None:
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
