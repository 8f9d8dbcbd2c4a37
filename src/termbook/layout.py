"""Where everything termbook generates lives in a site: the one place that knows paths and URLs.

Pages are named by their path relative to the docs directory (``glossary/weights.md``), as
MkDocs and other Markdown site generators name source files; files that are not pages
(assets, data exports) by their path in the built site. :func:`site_path` turns a page path
into the path of the built page, in either URL style. Every other module asks here.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Callable

#: The folder of term pages and the glossary's indexes.
GLOSSARY_DIR = "glossary"
#: The folder of article pages and their index.
SOURCES_DIR = "sources"
GLOSSARY_INDEX = f"{GLOSSARY_DIR}/index.md"
CATEGORY_INDEX = f"{GLOSSARY_DIR}/categories.md"
SOURCES_INDEX = f"{SOURCES_DIR}/index.md"

#: Static files the generated pages need, by their path in the built site, with the name of
#: the packaged file (``termbook/assets/``). Nothing is fetched from another host.
ASSETS = {"assets/termbook/termbook.css": "termbook.css",
          "assets/termbook/tooltips.js": "tooltips.js",
          "assets/termbook/search-names.js": "search-names.js",
          "assets/termbook/scorecard.js": "scorecard.js",
          "assets/termbook/az-filter.js": "az-filter.js"}
#: The script that puts the term a search names first (it gets the rules of termbook.search).
SEARCH_SCRIPT = "assets/termbook/search-names.js"
#: Assets a page must load before the theme's own scripts (the others load after them).
EARLY_SCRIPTS = (SEARCH_SCRIPT,)
#: The generated script holding every term's short definition, for the tooltips.
TOOLTIP_DATA_PATH = "assets/termbook/terms.js"

#: The data exports, at the site root.
JSON_PATH = "glossary.json"
TURTLE_PATH = "glossary.ttl"
CSV_PATH = "glossary.csv"
#: The dated events, one row each, for a site that has them (glossary.json holds them too).
EVENTS_CSV_PATH = "events.csv"
EXPORT_SCHEMA_PATH = "schemas/glossary.schema.json"

#: The folder of the data files' JSON Schemas.
SCHEMA_DIR = posixpath.dirname(EXPORT_SCHEMA_PATH)


@dataclasses.dataclass(frozen=True)
class ScorecardPaths:
    """Where a scorecard named ``name`` (its ``slug``, or its field) puts its page of every
    rated entry and its ratings as data: ``<name>.md``, and ``<name>.csv``, ``<name>.json``
    and the JSON's schema at the site root."""

    name: str

    @property
    def page(self) -> str:
        return f"{self.name}.md"

    @property
    def csv(self) -> str:
        return f"{self.name}.csv"

    @property
    def json(self) -> str:
        return f"{self.name}.json"

    @property
    def schema(self) -> str:
        return f"{SCHEMA_DIR}/{self.name}.schema.json"


#: The sort keys of a scorecard table's first and last columns (the others are its components'),
#: and the names of the other settings its page address keeps (scorecard.js): a component
#: id, which names its column and its filter in the address, can be none of them.
SCORECARD_ENTRY_COLUMN = "entry"
SCORECARD_SUMMARY_COLUMN = "summary"
SCORECARD_ADDRESS_NAMES = (SCORECARD_ENTRY_COLUMN, SCORECARD_SUMMARY_COLUMN, "sort", "order",
                           "type", "compare")


def reserved_scorecard_names() -> dict[str, str]:
    """The names a scorecard cannot have, each with a path of termbook's own it would take:
    the folders and data files termbook writes at the site root, and the home page."""
    own = [GLOSSARY_INDEX, SOURCES_INDEX, JSON_PATH, TURTLE_PATH, CSV_PATH, EXPORT_SCHEMA_PATH,
           TOOLTIP_DATA_PATH, *ASSETS, "index.md"]
    return {path.split("/")[0].split(".")[0]: path for path in reversed(own)}


#: The anchor of the "Mentioned in" section of term pages.
MENTIONED_IN_ID = "mentioned-in"
#: The class of the block of citations on generated pages: never searched for mentions, and
#: "Mentioned in" goes before it.
SOURCES_CLASS = "tb-sources"


#: Pages in the folders of term and article pages that are no entry's: an entry whose id is
#: one of their names would take its page's place.
_FOLDER_PAGES = (GLOSSARY_INDEX, CATEGORY_INDEX, SOURCES_INDEX)


def term_path(term_id: str) -> str:
    return f"{GLOSSARY_DIR}/{term_id}.md"


def article_path(article_id: str) -> str:
    return f"{SOURCES_DIR}/{article_id}.md"


def reserved_ids(page_of: Callable[[str], str]) -> dict[str, str]:
    """The ids that an entry whose page is ``page_of(id)`` (:func:`term_path`,
    :func:`article_path`) cannot have, each with the generated page it would replace."""
    folder = posixpath.dirname(page_of("id"))
    return {posixpath.splitext(posixpath.basename(page))[0]: page
            for page in _FOLDER_PAGES if posixpath.dirname(page) == folder}


def site_path(target: str, *, directory_urls: bool = True) -> str:
    """The path of ``target`` in the built site: a page by its docs path becomes the URL
    MkDocs gives it ("glossary/weights/" or "glossary/weights.html"); other files stay."""
    if not target.endswith(".md"):
        return target
    stem = target.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def rel(from_page: str, to_page: str) -> str:
    """A link from one docs-relative page to another, relative as MkDocs expects.

    The same as ``posixpath.relpath(to_page, dirname(from_page))``, worked out from the
    folder names alone: relpath asks the OS for the working directory on every call, and a
    glossary of 10,000 terms makes over 100,000 links.
    """
    target = to_page.split("/")
    if "" in target or not {".", ".."}.isdisjoint([*from_page.split("/")[:-1], *target]):
        return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return relative_path(from_page, to_page)


def relative_path(from_page: str, to: str) -> str:
    """``to`` relative to the folder of ``from_page``, from their folder names alone (paths
    without "." or ".." parts; a final "/" marks a folder and is kept). Empty for the folder
    itself."""
    folders, target = from_page.split("/")[:-1], to.split("/")
    common = 0
    while common < len(folders) and common < len(target) - 1 and folders[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(folders) - common) + target[common:])


def to_glossary_folder(page: str) -> str:
    """The relative path from the page at docs path ``page`` to the folder of term pages
    ("../glossary/", or "" from a page in that folder)."""
    folders = page.split("/")[:-1]
    if folders[:1] == [GLOSSARY_DIR]:
        return "../" * (len(folders) - 1)
    return "../" * len(folders) + GLOSSARY_DIR + "/"
