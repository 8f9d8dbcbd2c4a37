"""The forms of every term's names, added to the search index Material's search plugin wrote.

Material's index holds each page's location, title, text and tags, and its search worker
indexes only those; other fields of a page's entry reach the page's scripts untouched, where
``search-names.js`` reads them (see ``termbook/search.py``).
"""

from __future__ import annotations

import json
from pathlib import Path

INDEX_PATH = Path("search") / "search_index.json"


def add_names(site_dir: str, names_by_url: dict[str, object]) -> None:
    """Give each term page's entry in ``site_dir``'s search index a ``names`` field. A site
    built without Material's search plugin has no index and is left alone."""
    path = Path(site_dir) / INDEX_PATH
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        names = names_by_url.get(doc["location"])
        if names is not None:
            doc["names"] = names
    # Written as Material writes it.
    path.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")
