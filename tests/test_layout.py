"""Where generated pages and files live, and their URLs (termbook.layout)."""

from __future__ import annotations

import posixpath

import pytest

from termbook.layout import (
    article_path,
    rel,
    relative_path,
    site_path,
    term_path,
    to_glossary_folder,
)


def test_page_paths():
    assert term_path("weights") == "glossary/weights.md"
    assert article_path("an-article") == "sources/an-article.md"


@pytest.mark.parametrize("target, directory_urls, expected", [
    ("glossary/weights.md", True, "glossary/weights/"),
    ("glossary/weights.md", False, "glossary/weights.html"),
    ("glossary/index.md", True, "glossary/"),
    ("index.md", True, ""),
    ("glossary.json", True, "glossary.json"),
])
def test_site_path_in_either_url_style(target, directory_urls, expected):
    assert site_path(target, directory_urls=directory_urls) == expected


@pytest.mark.parametrize("from_page, to_page", [
    ("glossary/index.md", "glossary/weights.md"), ("index.md", "glossary/weights.md"),
    ("sources/a.md", "glossary/weights.md"), ("a/b/c.md", "a/x.md"), ("a/./b.md", "c.md"),
])
def test_rel_is_relpath_without_asking_the_os(from_page, to_page):
    assert rel(from_page, to_page) == posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def test_relative_path_keeps_folders_and_is_empty_for_the_folder_itself():
    assert relative_path("glossary/x/", "glossary/y/") == "../y/"
    assert relative_path("glossary/x/", "glossary/x/") == ""


def test_the_way_to_the_glossary_folder():
    assert to_glossary_folder("glossary/weights.md") == ""
    assert to_glossary_folder("index.md") == "glossary/"
    assert to_glossary_folder("sources/a.md") == "../glossary/"
