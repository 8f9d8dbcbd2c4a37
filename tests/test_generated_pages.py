"""Generated pages are converted by one shared Markdown converter (issue 9): the site must
come out exactly as MkDocs' own per-page rendering makes it."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

from benchmarks import sites, synthetic
from termbook_mkdocs import pages
from termbook_mkdocs.pages import GeneratedPage, SharedConverter

from .conftest import ROOT


def build_in_process(config_file: Path, site: Path) -> None:
    config = load_config(str(config_file), site_dir=str(site), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


@pytest.fixture
def synthetic_project(tmp_path: Path) -> Path:
    """The benchmark's synthetic glossary at 60 terms: code spans, [[id]] links, guides with
    tables, admonitions and code blocks."""
    project = tmp_path / "synthetic"
    synthetic.generate(project, 60)
    sites.prepare(project)
    return project


@pytest.mark.parametrize("which", ["real", "synthetic"])
def test_shared_converter_builds_the_same_site_as_mkdocs(which, synthetic_project, tmp_path,
                                                         monkeypatch):
    project = ROOT if which == "real" else synthetic_project
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # the same dates in both builds
    monkeypatch.chdir(project)
    rendered_shared = []
    render_shared = SharedConverter.render

    def counting_render(self, page, config, files):
        rendered_shared.append(page.file.src_uri)
        render_shared(self, page, config, files)

    monkeypatch.setattr(SharedConverter, "render", counting_render)
    build_in_process(project / "mkdocs.yml", tmp_path / "shared")
    monkeypatch.setattr(GeneratedPage, "render", Page.render)  # MkDocs' own, a converter a page
    build_in_process(project / "mkdocs.yml", tmp_path / "per-page")

    term_pages = len(list((project / "glossary").glob("*.yaml")))
    assert len(set(rendered_shared)) >= term_pages  # the shared converter did the term pages
    shared, per_page = files_of(tmp_path / "shared"), files_of(tmp_path / "per-page")
    assert shared.keys() == per_page.keys()
    assert [path for path in shared if shared[path] != per_page[path]] == []


def test_each_generated_page_is_compressed_once_and_decompressed_once(synthetic_project, tmp_path,
                                                                      monkeypatch):
    """MkDocs and the plugins read and replace a page's HTML several times; holding it
    compressed between conversion and writing, and again once it is written, must cost two
    compressions and one decompression a page, not one at each of those reads."""
    monkeypatch.chdir(synthetic_project)
    calls = {"render": 0, "compress": 0, "decompress": 0}

    def counted(name, function):
        def counting(*args, **kwargs):
            calls[name] += 1
            return function(*args, **kwargs)
        return counting

    monkeypatch.setattr(SharedConverter, "render", counted("render", SharedConverter.render))
    monkeypatch.setattr(pages.zlib, "compress", counted("compress", zlib.compress))
    monkeypatch.setattr(pages.zlib, "decompress", counted("decompress", zlib.decompress))
    build_in_process(synthetic_project / "mkdocs.yml", tmp_path / "site")

    assert calls["render"] >= len(list((synthetic_project / "glossary").glob("*.yaml")))
    assert calls["decompress"] == calls["render"] and calls["compress"] == 2 * calls["render"]
