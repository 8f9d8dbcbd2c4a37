"""Words of a site's language that termbook needs, as data: one JSON file per language in
``languages/`` (``en.json``), each holding lists of words by what they are for.

``stop_words``: words so common in running text that a term's alias or abbreviation must not
be one of them (:func:`termbook.check` refuses ``aliases: [the, and]``), or nearly every page
would link them; for the same reason, search leaves them out of a query before comparing it
with names (:mod:`termbook.search`). ``comparisons``: the patterns of a search query that
compares two names ("A vs B"), as regular expressions, in the order they are tried. Another
list a feature needs goes into the same files, under its own name.

The language is the site's (:attr:`termbook.pipeline.Project.language`: ``language`` in
``termbook.yml``, else ``theme.language`` in the site's configuration, else English), a BCP 47
tag; "en-GB" reads ``en.json``. A language without a file has no lists: its words are not
checked, and its queries are compared whole, until someone adds one.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

DEFAULT_LANGUAGE = "en"


@functools.cache
def _lists(language: str) -> dict[str, Any]:
    """The lists of ``language``'s file, by kind; none without a file."""
    for tag in (language.lower(), language.lower().split("-")[0]):
        data_file = resources.files(__package__) / "languages" / f"{tag}.json"
        if data_file.is_file():
            lists: dict[str, Any] = json.loads(data_file.read_text("utf-8"))
            return lists
    return {}


@functools.cache
def words(language: str, kind: str) -> frozenset[str]:
    """The words of ``kind`` (``"stop_words"``) in ``language``, lowercase."""
    return frozenset(word.casefold() for word in _lists(language).get(kind, {}).get("words", ()))


@functools.cache
def patterns(language: str, kind: str) -> tuple[str, ...]:
    """The patterns of ``kind`` (``"comparisons"``) in ``language``, in their order."""
    return tuple(_lists(language).get(kind, {}).get("patterns", ()))
