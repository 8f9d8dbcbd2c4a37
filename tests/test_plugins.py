"""termbook's pages behave like any MkDocs page for the plugins sites pair with Material:
this site builds --strict with each of them, and each plugin's output covers the term pages
wherever it covers pages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from .conftest import ROOT

TERMS = sorted(p.stem for p in (ROOT / "glossary").glob("*.yaml"))
SITE_URL = "https://open-weights-explained.github.io/"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of this site in a git repository of its own (the plugins that date pages read
    git's history)."""
    folder = tmp_path_factory.mktemp("plugins") / "site"
    folder.mkdir()
    for name in ("mkdocs.yml", "termbook.yml", "docs", "glossary", "seeds", "events", "overrides"):
        source = ROOT / name
        (shutil.copytree(source, folder / name) if source.is_dir() else shutil.copy(source, folder / name))
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "The site"]):
        subprocess.run([*git, *command], cwd=folder, check=True, capture_output=True)
    return folder


def build(project: Path, out: Path, plugin: object, termbook: dict | None = None) -> Path:
    """Build ``project`` --strict with ``plugin`` added last to its plugins."""
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    plugins = [{"termbook": {**p["termbook"], **(termbook or {})}} if isinstance(p, dict) and "termbook" in p
               else p for p in config["plugins"]]
    config["plugins"] = [*plugins, plugin]
    config_file = project / "mkdocs-with-plugin.yml"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(out)],
        capture_output=True, text=True, cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    return out


def term_page(site: Path, term: str) -> HTMLParser:
    return HTMLParser((site / "glossary" / term / "index.html").read_text(encoding="utf-8"))


def print_site(site: Path) -> None:
    page = HTMLParser((site / "print_page/index.html").read_text(encoding="utf-8"))
    printed = {node.attributes.get("id") for node in page.css("section.print-page")}
    assert {f"glossary-{term}" for term in TERMS} <= printed
    weights = page.css_first("section#glossary-weights")
    assert "The learned numbers inside a trained model" in weights.text()


def llms_txt(site: Path) -> None:
    listed = (site / "llms.txt").read_text(encoding="utf-8")
    for term in TERMS:
        assert f"({SITE_URL}glossary/{term}/index.md)" in listed, term
        assert (site / "glossary" / term / "index.md").stat().st_size > 100
    assert "learned numbers inside a trained model" in (site / "glossary/weights/index.md").read_text()


def rss(site: Path) -> None:
    feed = (site / "feed_rss_created.xml").read_text(encoding="utf-8")
    for term in TERMS:
        assert f"<link>{SITE_URL}glossary/{term}/</link>" in feed, term


def static_i18n(site: Path) -> None:
    for term in TERMS:
        assert term_page(site, term).css_first("article h1")
    assert term_page(site, "weights").css(".tb-mentions li a")


def revision_date(site: Path) -> None:
    for term in TERMS:
        assert term_page(site, term).css_first(".git-revision-date-localized-plugin-date"), term


def minify(site: Path) -> None:
    for term in TERMS:
        html = (site / "glossary" / term / "index.html").read_text(encoding="utf-8")
        assert html.count("\n") < 3 and "  <" not in html, term  # one line, no indentation
    assert term_page(site, "weights").css(".tb-mentions li a")


def glightbox(site: Path) -> None:
    for term in TERMS:
        scripts = [s.attributes.get("src") or "" for s in term_page(site, term).css("script")]
        assert any("glightbox" in src for src in scripts), term


PLUGINS: dict[str, tuple[object, dict | None, Callable[[Path], None]]] = {
    # The print page holds the navigation's pages: the site lists its term pages there.
    "print-site": ("print-site", {"term_pages_in_nav": True}, print_site),
    "llmstxt": ({"llmstxt": {"sections": {"Glossary": ["glossary/*.md"]}}}, None, llms_txt),
    "rss": ({"rss": {"length": 1000}}, None, rss),
    "static-i18n": ({"i18n": {"languages": [{"locale": "en", "default": True, "name": "English"}]}},
                    None, static_i18n),
    "git-revision-date-localized": ("git-revision-date-localized", None, revision_date),
    "minify": ({"minify": {"minify_html": True}}, None, minify),
    "glightbox": ("glightbox", None, glightbox),
}


@pytest.mark.parametrize("name", PLUGINS)
def test_the_site_builds_with_the_plugin_and_it_covers_the_term_pages(project: Path, tmp_path: Path,
                                                                       name: str):
    plugin, termbook, covers = PLUGINS[name]
    covers(build(project, tmp_path / "site", plugin, termbook))


def test_generated_pages_keep_their_html_for_plugins_that_read_it_after_the_build(project: Path,
                                                                                 tmp_path: Path):
    """A plugin may read ``page.content`` once every page is written (print and PDF exporters
    do, in on_post_build): a term page's HTML is still there."""
    hook = project / "read_content.py"
    hook.write_text(
        "import json, pathlib\nseen = {}\n"
        "def on_post_page(output, page, config):\n    seen[page.file.src_uri] = page\n    return output\n"
        "def on_post_build(config):\n"
        "    pathlib.Path(config.site_dir, 'contents.json').write_text(json.dumps(\n"
        "        {uri: page.content for uri, page in seen.items()}))\n", encoding="utf-8")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = ["read_content.py"]
    (project / "mkdocs-hook.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs-hook.yml", "-d",
         str(tmp_path / "site")], capture_output=True, text=True, cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    import json
    contents = json.loads((tmp_path / "site/contents.json").read_text(encoding="utf-8"))
    for term in TERMS:
        assert "<h1" in (contents[f"glossary/{term}.md"] or ""), term
    assert "Mentioned in" in contents["glossary/weights.md"]
