"""The one reader of site configurations (termbook.siteconfig), as MkDocs and Zensical read
them: INHERIT with each one's way of merging lists, !ENV, !relative and !!python/name tags,
and a clear error, with the file and line, for what it cannot use."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from termbook.site_folder import read_settings
from termbook.siteconfig import (
    MKDOCS,
    ZENSICAL,
    SiteConfigError,
    read_site_config,
    theme_language_at,
)

from .conftest import run_termbook

EMOJI = """markdown_extensions:
  - attr_list
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_python_name_tags_are_the_objects_mkdocs_gives_the_converter(tmp_path: Path):
    from material.extensions import emoji  # what MkDocs' own loader imports for these tags

    config = read_site_config(write(tmp_path, "mkdocs.yml", "site_name: x\n" + EMOJI))
    names, options = config.markdown_extensions()
    assert names == ["attr_list", "pymdownx.emoji"]
    assert options["pymdownx.emoji"] == {"emoji_index": emoji.twemoji, "emoji_generator": emoji.to_svg}


def test_inherit_merges_lists_as_each_site_generator_does(tmp_path: Path):
    write(tmp_path, "mkdocs.yml", "site_name: x\nextra_css: [a.css]\ntheme: {name: material, "
                                  "language: en}\n")
    child = write(tmp_path, "zensical.yml", "INHERIT: mkdocs.yml\nextra_css: [b.css]\n"
                                            "theme: {language: de}\n")
    mkdocs = read_site_config(child, lists=MKDOCS)
    zensical = read_site_config(child, lists=ZENSICAL)
    assert mkdocs.data["extra_css"] == ["b.css"] and zensical.data["extra_css"] == ["a.css", "b.css"]
    assert mkdocs.data["theme"] == {"name": "material", "language": "de"} == zensical.data["theme"]
    assert mkdocs.chain == (child.resolve(), (tmp_path / "mkdocs.yml").resolve())


def test_env_and_relative_tags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SITE_NAME", "From the environment")
    config = read_site_config(write(tmp_path, "mkdocs.yml", (
        "site_name: !ENV SITE_NAME\nsite_url: !ENV [NOT_SET, 'https://example.org/']\n"
        "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [!relative $config_dir/parts]\n"
        "  - other:\n      here: !relative\n")))
    assert config.data["site_name"] == "From the environment"
    assert config.data["site_url"] == "https://example.org/"
    options = config.markdown_extensions()[1]
    assert str(options["pymdownx.snippets"]["base_path"][0]) == str(tmp_path.resolve() / "parts")
    config.converting(tmp_path / "docs" / "guide" / "page.md")
    assert str(options["other"]["here"]) == os.path.join(tmp_path / "docs" / "guide", "")  # as MkDocs


@pytest.mark.parametrize("text, expected", [
    ("site_name: [x\n", "mkdocs.yml:2: "),
    ("- a list\n", "mkdocs.yml:1: the configuration must be a mapping of settings"),
    ("x: !!python/object/apply:os.system ['true']\n",
     "mkdocs.yml:1: !!python/object/apply:os.system is not read: only !!python/name: tags"),
    ("x: !!python/name:no_such_module.thing\n",
     "mkdocs.yml:1: !!python/name:no_such_module.thing cannot be imported"),
    ("INHERIT: missing.yml\n", "mkdocs.yml: INHERIT: leads to "),
    ("x: !relative somewhere\n", "'!relative' takes nothing, $config_dir or $docs_dir"),
])
def test_what_cannot_be_used_is_an_error_that_says_where(tmp_path: Path, text: str, expected: str):
    with pytest.raises(SiteConfigError) as problem:
        read_site_config(write(tmp_path, "mkdocs.yml", text))
    assert expected in str(problem.value)


def test_a_configuration_that_inherits_itself_is_refused(tmp_path: Path):
    write(tmp_path, "a.yml", "INHERIT: b.yml\n")
    write(tmp_path, "b.yml", "INHERIT: a.yml\n")
    with pytest.raises(SiteConfigError, match="inherited twice"):
        read_site_config(tmp_path / "a.yml")


def test_the_generator_takes_the_sites_extensions_with_their_objects(tmp_path: Path):
    from material.extensions import emoji

    settings = read_settings(write(tmp_path, "mkdocs.yml", "site_name: x\nplugins:\n  - search\n"
                                   "  - termbook: {link_mentions: all}\n" + EMOJI))
    assert settings.link_mentions == "all"
    assert settings.markdown_extensions == ("attr_list", "pymdownx.emoji")
    assert settings.extension_configs["pymdownx.emoji"]["emoji_index"] is emoji.twemoji


def test_the_sites_language_is_read_without_importing_what_the_configuration_names(tmp_path: Path):
    """termbook check and termbook new read only theme.language: a `!!python/name:` tag
    naming a module this environment lacks (Material's, where only termbook is installed)
    does not stop them, as it stops a build."""
    text = ("site_name: x\ntheme: {name: material, language: de}\nmarkdown_extensions:\n"
            "  - pymdownx.emoji:\n      emoji_index: !!python/name:not_installed.emoji.index\n")
    config_file = write(tmp_path, "mkdocs.yml", text)
    with pytest.raises(SiteConfigError, match=r"not_installed\.emoji\.index cannot be imported"):
        read_site_config(config_file)
    assert theme_language_at(tmp_path) == "de"
    write(tmp_path, "mkdocs.yml", "site_name: x\ntheme: {name: material}\n")
    assert theme_language_at(tmp_path) is None
    assert theme_language_at(tmp_path / "elsewhere") is None  # no configuration: none


def test_a_configuration_the_check_cannot_read_is_a_usage_error(tmp_path: Path):
    (tmp_path / "glossary").mkdir()
    write(tmp_path, "mkdocs.yml", "site_name: x\ntheme: [unclosed\n")
    result = run_termbook(tmp_path, "check")
    assert result.returncode == 2 and result.stdout == ""
    assert "mkdocs.yml:3:" in result.stderr and "Traceback" not in result.stderr
