"""`termbook init`: a new site that builds at once with both front ends, loads nothing from
other hosts, and in which `termbook new` writes entries whose schema line resolves and names
commands that exist there. Material's emoji configuration changes nothing but the emoji."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from .conftest import run_mkdocs, run_termbook, run_zensical

EMOJI_CONFIG = """  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
"""


def init(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_termbook(folder.parent, "init", folder.name, *args)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("init") / "site"
    result = init(folder)
    assert result.returncode == 0, result.stderr
    return folder


def test_init_writes_a_whole_site(site: Path):
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert files == {"mkdocs.yml", "zensical.yml", "termbook.yml", "docs/index.md",
                     "glossary/term.yaml", ".gitignore", "requirements.txt",
                     ".github/workflows/pages.yml", "schemas/term.schema.json",
                     "schemas/termbook.schema.json"}
    assert "site_name: Site\n" in (site / "mkdocs.yml").read_text(encoding="utf-8")
    assert "font: false" in (site / "mkdocs.yml").read_text(encoding="utf-8")
    assert "INHERIT: mkdocs.yml" in (site / "zensical.yml").read_text(encoding="utf-8")


def built_pages(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.html")}


def assert_local_only(folder: Path) -> None:
    """No page of the built site loads a style, script, font or image from another host."""
    for path, content in built_pages(folder).items():
        page = HTMLParser(content.decode("utf-8"))
        for element, attribute in (("script", "src"), ("link", "href"), ("img", "src"),
                                   ("iframe", "src"), ("source", "src")):
            for node in page.css(f"{element}[{attribute}]"):
                address = node.attributes[attribute] or ""
                if element == "link" and node.attributes.get("rel") in ("canonical", "alternate"):
                    continue
                assert not re.match(r"(https?:)?//", address), (path, address)


def test_the_new_site_builds_with_both_front_ends(site: Path, tmp_path: Path):
    mkdocs = run_mkdocs(site, tmp_path / "mkdocs")
    assert mkdocs.returncode == 0, mkdocs.stderr
    zensical = run_zensical(site, tmp_path / "zensical")
    assert zensical.returncode == 0, zensical.stdout + zensical.stderr
    for built in (tmp_path / "mkdocs", tmp_path / "zensical"):
        term = HTMLParser((built / "glossary/term/index.html").read_text(encoding="utf-8"))
        assert term.css_first("article h1").text().rstrip("¶") == "Term"
        assert (built / "assets/termbook/tooltips.js").is_file()
        assert (built / "glossary.json").is_file()
        index = HTMLParser((built / "index.html").read_text(encoding="utf-8"))
        assert [a.attributes["data-tb"] for a in index.css("article a[data-tb]")] == ["term"]
        assert term.head.css('script[type="application/ld+json"]')
        assert_local_only(built)
    assert not list(site.glob(".*building*")) and not list(site.glob(".zensical-build-*"))


SCORECARD_AND_CATEGORIES = """
categories:
  concepts: {title: Core ideas, description: "What Git keeps, and where."}
scorecard:
  field: support
  components: {linux: {title: Linux}, windows: {title: Windows}}
  ratings: {full: {title: full}, none: {title: none}}
"""


def test_the_pages_a_declared_taxonomy_adds_build_in_a_new_site(tmp_path: Path):
    """A category index and a scorecard page, which termbook.yml adds to a new site, build
    with its own navigation, which does not list them (its strict build warns of any page
    the navigation leaves out); each is linked from the pages that lead to it."""
    folder = tmp_path / "site"
    assert init(folder).returncode == 0
    with (folder / "termbook.yml").open("a", encoding="utf-8") as config:
        config.write(SCORECARD_AND_CATEGORIES)
    with (folder / "glossary/term.yaml").open("a", encoding="utf-8") as entry:
        entry.write("category: concepts\nsupport:\n"
                    "  linux: {rating: full, reason: Native.}\n"
                    "  windows: {rating: none, reason: None.}\n")
    built = run_mkdocs(folder, tmp_path / "built")
    assert built.returncode == 0, built.stderr
    for page in ("glossary/categories/index.html", "support/index.html"):
        assert (tmp_path / "built" / page).is_file(), page
    nav = HTMLParser((tmp_path / "built/index.html").read_text(encoding="utf-8"))
    assert not nav.css('nav a[href$="support/"]')  # the site's navigation stays its own


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.md").write_text("mine\n", encoding="utf-8")
    result = init(folder)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "'mine' is not an empty folder" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["notes.md"]
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert init(tmp_path / "file").returncode == 2
    assert (tmp_path / "file").read_text(encoding="utf-8") == "x"


def test_init_writes_into_a_repository_just_made(tmp_path: Path):
    folder = tmp_path / "repository"
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    head = (folder / ".git" / "HEAD").read_bytes()
    result = init(folder)
    assert result.returncode == 0, result.stderr
    assert (folder / "mkdocs.yml").is_file() and (folder / ".gitignore").is_file()
    assert (folder / ".git" / "HEAD").read_bytes() == head
    # Any other file makes it a folder that is not empty.
    (tmp_path / "cloned" / ".git").mkdir(parents=True)
    (tmp_path / "cloned" / "README.md").write_text("mine\n", encoding="utf-8")
    assert init(tmp_path / "cloned").returncode == 2
    assert sorted(p.name for p in (tmp_path / "cloned").iterdir()) == [".git", "README.md"]


@pytest.fixture
def fresh_site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    assert init(folder).returncode == 0
    return folder


def test_new_writes_an_entry_whose_schema_line_resolves(fresh_site: Path):
    result = run_termbook(fresh_site, "new", "Pull request")
    assert result.returncode == 0, result.stderr
    text = (fresh_site / "glossary/pull-request.yaml").read_text(encoding="utf-8")
    reference = text.split("\n")[0].removeprefix("# yaml-language-server: $schema=")
    assert reference == "../schemas/term.schema.json"
    assert (fresh_site / "glossary" / reference).resolve() == (fresh_site / "schemas/term.schema.json").resolve()
    said = result.stdout + result.stderr + text
    assert "termbook check glossary/pull-request.yaml" in said
    assert "mkdocs serve, then open http://127.0.0.1:8000/glossary/pull-request/" in result.stdout
    for foreign in (".venv", "scripts/serve", "CONTRIBUTING", "open-weights", "site-packages"):
        assert foreign not in said, foreign


def test_the_emoji_configuration_changes_nothing_but_the_emoji(fresh_site: Path, tmp_path: Path):
    """Material's own emoji configuration, with its !!python/name tags, reaches the Markdown
    converter of both front ends: an icon shortcode becomes the icon, and nothing else changes."""
    index = fresh_site / "docs/index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nA book: :material-book-open:\n",
                     encoding="utf-8")
    before = {engine: tmp_path / f"{engine}-before" for engine in ("mkdocs", "zensical")}
    assert run_mkdocs(fresh_site, before["mkdocs"]).returncode == 0
    assert run_zensical(fresh_site, before["zensical"]).returncode == 0
    config = fresh_site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - toc:\n", EMOJI_CONFIG + "  - toc:\n"), encoding="utf-8")
    assert EMOJI_CONFIG in config.read_text(encoding="utf-8")
    mkdocs = run_mkdocs(fresh_site, tmp_path / "mkdocs-after")
    assert mkdocs.returncode == 0, mkdocs.stderr
    zensical = run_zensical(fresh_site, tmp_path / "zensical-after")
    assert zensical.returncode == 0, zensical.stdout + zensical.stderr
    assert run_termbook(fresh_site, "check").returncode == 0
    for engine in ("mkdocs", "zensical"):
        old, new = built_pages(before[engine]), built_pages(tmp_path / f"{engine}-after")
        assert old.keys() == new.keys()
        assert {path for path in old if old[path] != new[path]} == {"index.html"}, engine
        old_index, new_index = (HTMLParser(pages["index.html"].decode()) for pages in (old, new))
        assert ":material-book-open:" in old_index.css_first("article").text()
        assert ":material-book-open:" not in new_index.css_first("article").text()
        assert new_index.css_first("article .twemoji svg"), engine
        for node in new_index.css("article .twemoji"):
            node.decompose()
        for node in old_index.css("article p"):
            if ":material-book-open:" in node.text():
                node.replace_with(node.text().replace(":material-book-open:", "").strip())
        assert " ".join(new_index.css_first("article").text().split()) == \
            " ".join(old_index.css_first("article").text().split())


def test_generate_and_check_read_the_same_configuration(fresh_site: Path, tmp_path: Path):
    config = fresh_site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - toc:\n", EMOJI_CONFIG + "  - toc:\n")
                      .replace("site_name: Site", "site_name: !ENV [SITE_TITLE, Site]"), encoding="utf-8")
    env = {**os.environ, "SITE_TITLE": "Words"}
    result = subprocess.run([sys.executable, "-m", "termbook.cli", "generate", "--out", str(tmp_path / "out")],
                            capture_output=True, text=True, cwd=fresh_site, env=env)
    assert result.returncode == 0, result.stderr
    assert b'"title":"Words"' in (tmp_path / "out/glossary.json").read_bytes()


def test_zensical_alone_refuses_what_would_ship_without_tooltips(fresh_site: Path, tmp_path: Path):
    """Run by hand on the folder termbook wrote, Zensical with a configuration that lists only
    termbook's extension stops and says what is missing, rather than build a site without
    tooltips or search by name."""
    assert run_zensical(fresh_site, tmp_path / "built").returncode == 0
    config = fresh_site / "zensical.yml"
    config.write_text(config.read_text(encoding="utf-8")
                      + "markdown_extensions:\n  - termbook_zensical.extension\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "zensical", "build", "-f", str(config)],
                            capture_output=True, text=True, cwd=fresh_site)
    assert result.returncode != 0
    assert "leaves out" in result.stderr and "assets/termbook/tooltips.js" in result.stderr
    assert "termbook zensical build" in result.stderr


@pytest.mark.parametrize("target", [".", "..", "docs", "glossary", "glossary/inner", "build"])
def test_the_zensical_build_never_replaces_the_project_or_what_it_reads(fresh_site: Path,
                                                                       target: str):
    before = sorted(p.relative_to(fresh_site.parent) for p in fresh_site.parent.rglob("*"))
    result = run_zensical(fresh_site, fresh_site / target)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "termbook: error: -d: " in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.relative_to(fresh_site.parent) for p in fresh_site.parent.rglob("*")) == before
