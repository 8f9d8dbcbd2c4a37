"""The offline variant (mkdocs-offline.yml, scripts/build-offline): its configuration, the
archive a reader downloads, and search working from file:// with no server and no network.

Navigation, search, the palette and the A–Z index are tested from file:// too, by the tests
that take the ``site`` fixture (test_site_browser.py, test_search_browser.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from mkdocs.config import load_config
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from termbook_mkdocs.offline import pack, packed_here

from .conftest import ROOT, Site
from .test_search_browser import search

SHIM = "assets/vendor/iframe-worker/shim.js"


@pytest.fixture(scope="module")
def configs():
    return load_config(str(ROOT / "mkdocs.yml")), load_config(str(ROOT / "mkdocs-offline.yml"))


def test_offline_config_is_the_hosted_one_plus_the_offline_plugin(configs):
    hosted, offline = configs
    assert list(offline.plugins) == [*hosted.plugins, "material/offline"]
    assert offline.theme["features"] == hosted.theme["features"]
    assert offline.theme["font"] is False


def test_no_instant_navigation(configs):
    # Under file:// it keeps page scripts (search, tooltips) from starting on loaded pages.
    for config in configs:
        assert "navigation.instant" not in config.theme["features"]


def test_the_shim_is_vendored_with_its_licence(configs, offline_site: Path):
    _, offline = configs
    assert offline.extra["polyfills"] == [SHIM]
    vendored = ROOT / "overrides" / SHIM
    assert "window.IFrameWorker" in vendored.read_text()
    # The MIT licence's own words: it must travel with the code.
    assert "Permission is hereby granted, free of charge" in (vendored.parent / "LICENSE").read_text()
    assert (offline_site / SHIM).read_bytes() == vendored.read_bytes()
    assert (offline_site / SHIM).with_name("LICENSE").is_file()


@pytest.mark.parametrize("build", ["real_site", "offline_site", "zensical_site",
                                   "zensical_offline_site"])
def test_pages_load_scripts_styles_and_images_from_the_site_only(build: str, request):
    site: Path = request.getfixturevalue(build)
    resources = ('script[src]', 'link[href]:not([rel="canonical"]):not([rel="alternate"])',
                 'img[src]', 'iframe[src]', 'source[src]')
    html_files = sorted(site.rglob("*.html"))
    assert html_files
    for html_file in html_files:
        page = HTMLParser(html_file.read_text(encoding="utf-8"))
        for node in page.css(", ".join(resources)):
            url = node.attributes.get("src") or node.attributes.get("href")
            parts = urlsplit(url)
            assert not parts.scheme and not parts.netloc, f"{html_file.relative_to(site)}: {url}"


def test_offline_links_point_at_files(offline_site: Path):
    home = HTMLParser((offline_site / "index.html").read_text(encoding="utf-8"))
    hrefs = {a.attributes["href"] for a in home.css(".md-nav--primary a[href]")}
    assert "glossary/index.html" in hrefs and "openness.html" in hrefs
    assert (offline_site / "search/search_index.js").read_text().startswith("var __index = ")


def test_archive_unzips_into_one_folder(offline_site: Path):
    archive = offline_site.parents[1] / "site-offline.zip"
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
    assert {name.split("/")[0] for name in names} == {"site-offline"}
    assert "site-offline/index.html" in names and f"site-offline/{SHIM}" in names
    assert names == sorted(names)


def test_archive_is_reproducible(offline_site: Path, tmp_path: Path):
    first, second = tmp_path / "a" / "site-offline.zip", tmp_path / "b" / "site-offline.zip"
    for archive in (first, second):
        archive.parent.mkdir()
        pack(offline_site, archive)
        os.utime(offline_site / "index.html")  # a newer file date must not change the archive
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("existing", [b"notes the site's owner keeps", b"PK\x05\x06" + bytes(18)],
                         ids=["a text file", "an empty zip of someone else's"])
def test_an_archive_the_command_did_not_pack_is_never_replaced(tmp_path: Path, existing: bytes):
    archive = tmp_path / "site-offline.zip"
    archive.write_bytes(existing)
    result = subprocess.run([sys.executable, "-m", "termbook_mkdocs.offline", "-f",
                             str(ROOT / "mkdocs-offline.yml"), "-d", str(tmp_path / "site-offline")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{archive} exists and was not packed by this command" in result.stderr
    assert archive.read_bytes() == existing
    assert not (tmp_path / "site-offline").exists()  # refused before building anything


def test_an_archive_it_packed_is_replaced(offline_site: Path, tmp_path: Path):
    archive = tmp_path / "site-offline.zip"
    pack(offline_site, archive)
    assert packed_here(archive)
    pack(offline_site, archive)  # packing again over its own archive
    assert zipfile.is_zipfile(archive)


@pytest.mark.browser
@pytest.mark.parametrize("site", ["file", "zensical-file"], indirect=True)
def test_search_runs_from_file_without_a_server(page, site: Site):
    assert search(page, site, "MoE")[0] == "glossary/mixture-of-experts/"
    # The theme's search worker ran in the vendored shim's iframe (no Worker on file://),
    # through termbook's search-names.js, which wraps whichever Worker the page has.
    assert page.evaluate("Worker.prototype === window.IFrameWorker.prototype")
    assert page.locator("iframe[hidden]").count() == 1
