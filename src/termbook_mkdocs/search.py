"""The forms of every term's names, added to the search index Material's search plugin wrote.

Material's index holds each page's location, title, text and tags, and its search worker
indexes only those; other fields of a page's entry reach the page's scripts untouched, where
``search-names.js`` reads them (see ``termbook/search.py``).
"""

from __future__ import annotations

import json
from pathlib import Path

INDEX_PATH = Path("search") / "search_index.json"


#: Where the list of pages starts in the index: Material writes ``{"config":...,"docs":[...]}``.
_DOCS_START = '"docs":['
_COMPACT = {"separators": (",", ":"), "default": str}  # as Material writes the index


def add_names(site_dir: str, names_by_url: dict[str, object]) -> None:
    """Give each term page's entry in ``site_dir``'s search index a ``names`` field. A site
    built without Material's search plugin has no index and is left alone.

    The entries are read and written one at a time, as the index's text is gone through:
    the whole index as Python objects would be several times its size, at the end of the
    build, where its memory peaks."""
    path = Path(site_dir) / INDEX_PATH
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    start = text.find(_DOCS_START)
    if start < 0:  # not the layout Material writes: read it whole
        index = json.loads(text)
        for doc in index["docs"]:
            _add(doc, names_by_url)
        path.write_text(json.dumps(index, **_COMPACT), encoding="utf-8")
        return
    decoder = json.JSONDecoder()
    position = start + len(_DOCS_START)
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as out:
        out.write(text[:position])
        while text[position] != "]":
            doc, end = decoder.raw_decode(text, position)
            out.write(json.dumps(_add(doc, names_by_url), **_COMPACT))
            if text[end] == ",":
                out.write(",")
                end += 1
            position = end
        out.write(text[position:])
    temporary.replace(path)


def _add(doc: dict, names_by_url: dict[str, object]) -> dict:
    names = names_by_url.get(doc["location"])
    if names is not None:
        doc["names"] = names
    return doc
