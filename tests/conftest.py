"""Shared fixtures: a small valid project to break on purpose, and real site builds."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from .software_glossary import write_site

if TYPE_CHECKING:
    from .hostile_values import Planted

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"


def pytest_configure(config: pytest.Config) -> None:
    """Every command the tests run keeps termbook's read cache in a folder of this run, not
    in the user's own cache folder (the builds and checks use the cache, as a user's do)."""
    if "TERMBOOK_CACHE_DIR" not in os.environ:
        config.stash[_CACHE_DIR] = os.environ["TERMBOOK_CACHE_DIR"] = tempfile.mkdtemp(
            prefix="termbook-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    if _CACHE_DIR in config.stash:
        shutil.rmtree(config.stash[_CACHE_DIR], ignore_errors=True)
        del os.environ["TERMBOOK_CACHE_DIR"]


_CACHE_DIR = pytest.StashKey[str]()


def run_mkdocs(project: Path, site_dir: Path, *args: str,
               config: str = "mkdocs.yml") -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of ``project`` into ``site_dir``, as a contributor runs it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / config),
         "-d", str(site_dir), *args],
        capture_output=True, text=True, env=env, cwd=project)


def run_zensical(project: Path, site_dir: Path, *args: str,
                 config: str = "zensical.yml") -> subprocess.CompletedProcess[str]:
    """``termbook zensical build`` of ``project`` into ``site_dir`` (what ``scripts/build
    --engine zensical`` runs): generate the pages, then build them with Zensical
    (``--strict``)."""
    return subprocess.run(
        [sys.executable, "-m", "termbook.cli", "zensical", "build", "-f", str(project / config),
         "-d", str(site_dir), *args], capture_output=True, text=True, cwd=project)


def run_termbook(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "termbook.cli", *args],
                          capture_output=True, text=True, cwd=project)


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``command`` as a user of another site runs it: outside this repository's environment."""
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True,
                            env={**env, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """termbook's wheel, built from this repository as docs/use-termbook.md says."""
    out = tmp_path_factory.mktemp("wheel")
    # Built from a copy of what the wheel is made of: building in place would leave
    # setuptools' build/ folder in the repository.
    source = out / "source"
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copyfile(ROOT / name, source / name)
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", out, source, cwd=out)
    [built] = out.glob("termbook-*.whl")
    return built


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A copy of the small valid project, free to change."""
    project = tmp_path / "mini"
    shutil.copytree(MINI, project)
    return project


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("mini-site") / "site"
    result = run_mkdocs(MINI, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site, built once per test run with ``--strict``."""
    site = tmp_path_factory.mktemp("real-site") / "site"
    result = run_mkdocs(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def software_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The second site (tests/software_glossary.py) as an adopter writes it; tests read it
    and build it, and change only copies of it."""
    return write_site(tmp_path_factory.mktemp("software") / "project")


@pytest.fixture(scope="session")
def software_builds(software_project: Path) -> dict[str, Path]:
    """The second site built with each front end, as written, once per test run: the built
    folders by engine ("mkdocs", "zensical")."""
    built = {"mkdocs": software_project / "site", "zensical": software_project / "site-zensical"}
    result = run_mkdocs(software_project, built["mkdocs"])
    assert result.returncode == 0, result.stderr
    result = run_zensical(software_project, built["zensical"])
    assert result.returncode == 0, result.stdout + result.stderr
    return built


@pytest.fixture(scope="session")
def planted(tmp_path_factory: pytest.TempPathFactory) -> list[Planted]:
    """Each hostile value planted into each text field of each schema, in a copy of the mini
    project, with the check's findings on it (tests/hostile_values.py); planted once per test
    run, for the tests of what the check refuses and of what the outputs show."""
    from . import hostile_values as hostile  # which reads this module's MINI

    project = hostile.fresh_project(tmp_path_factory.mktemp("planted"))
    return [item for name in hostile.SCHEMAS for item in hostile.plant(project, name)]


# --- a real browser -----------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
# Debian's chromium; without the background-networking flags it calls Google's hosts at start.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def is_local(url: str) -> bool:
    """True for a request the site may make: its own files, from file:// or loopback HTTP."""
    parts = urlsplit(url)
    return parts.scheme in ("file", "data", "blob", "about") or (
        parts.scheme in ("http", "https", "ws") and parts.hostname in ("127.0.0.1", "localhost"))


@pytest.fixture
def requests_made() -> list[str]:
    """The URL of every request the test's browser tabs made, in order."""
    return []


@pytest.fixture
def new_page(browser, requests_made: list[str]):
    """Open a tab in a fresh browser context (``new_page(viewport=..., color_scheme=...)``).

    Every request is recorded in ``requests_made``; one for another host is blocked, and after
    the test any such request fails it: the site must load nothing from other hosts."""
    contexts = []

    def open_page(**context_options):
        context = browser.new_context(**context_options)
        contexts.append(context)
        context.on("request", lambda request: requests_made.append(request.url))
        context.route(lambda url: not is_local(url), lambda route: route.abort())
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    foreign = [url for url in requests_made if not is_local(url)]
    assert not foreign, f"the site requested other hosts: {foreign}"


@pytest.fixture
def page(new_page):
    return new_page()


def wait_until_opaque(page, selector: str) -> None:
    """Wait until the element ``selector`` has finished fading in (Material's search overlay
    and tooltips do), so that assertions and screenshots see it as a reader does."""
    page.wait_for_function("el => getComputedStyle(el).opacity === '1'",
                           arg=page.locator(selector).element_handle())


ARTIFACTS = ROOT / "test-artifacts"


def save_screenshot(page, name: str) -> Path:
    """Save what ``page`` shows as ``test-artifacts/<name>.png`` (kept for people to look at)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=path)
    return path


def serve(directory: Path):
    """Serve ``directory`` on a free loopback port in a thread; return (base URL, server)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output readable
        pass

    def send_error(self, code, message=None, explain=None):
        """Answer a missing page with the site's own 404.html, as GitHub Pages does."""
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site built with Zensical, as ``scripts/build --engine zensical``
    builds it."""
    site = tmp_path_factory.mktemp("zensical-site") / "site"
    result = run_zensical(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def zensical_offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's site built with Zensical for reading from file://
    (``zensical-offline.yml``)."""
    site = tmp_path_factory.mktemp("zensical-offline-site") / "site"
    result = run_zensical(ROOT, site, config="zensical-offline.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def zensical_site_url(zensical_site: Path):
    url, server = serve(zensical_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def real_site_url(real_site: Path):
    url, server = serve(real_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline variant as a reader gets it: built and packed by the command that
    ``scripts/build-offline`` runs, then unzipped. Returns the folder holding index.html."""
    work = tmp_path_factory.mktemp("offline-site")
    result = subprocess.run(
        [sys.executable, "-m", "termbook_mkdocs.offline", "-d", str(work / "site-offline")],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(work / "site-offline.zip") as archive:
        archive.extractall(work / "unzipped")
    return work / "unzipped" / "site-offline"


@dataclasses.dataclass(frozen=True)
class Site:
    """A built site as a reader reaches it: the hosted build over HTTP (``mode="http"``) or
    the offline build opened from the file system (``mode="file"``), built with MkDocs and
    Material or with Zensical (``engine``). Tests name pages by their hosted path (``""``,
    ``"glossary/"``, ``"glossary/weights/"``)."""

    mode: str
    base_url: str
    directory: Path
    engine: str = "mkdocs"

    @property
    def name(self) -> str:
        """How screenshots and messages name this build: "http", "file" or "zensical-http"."""
        return self.mode if self.engine == "mkdocs" else f"{self.engine}-{self.mode}"

    def url(self, path: str = "") -> str:
        """The address of the page whose hosted path is ``path``."""
        if self.mode == "http":
            return self.base_url + path
        # The offline build has no directory URLs: glossary/ is glossary/index.html and
        # glossary/weights/ is glossary/weights.html.
        if (self.directory / path / "index.html").is_file():
            return self.base_url + path + "index.html"
        return self.base_url + path.rstrip("/") + ".html"

    def path_of(self, url: str) -> str:
        """The hosted path of a page address (query and fragment dropped): the inverse of url()."""
        path = urlsplit(url)._replace(query="", fragment="").geturl().removeprefix(self.base_url)
        if self.mode == "file":
            if path == "index.html" or path.endswith("/index.html"):
                path = path.removesuffix("index.html")
            elif path.endswith(".html"):
                path = path.removesuffix(".html") + "/"
        return path


#: Every build a reader can get: MkDocs' hosted and offline sites, and Zensical's. Tests take
#: the first three (the ``site`` fixture); the core checks name all four.
ALL_BUILDS = ["http", "file", "zensical", "zensical-file"]

#: What another project needs to be built every way this site is: the repository's Zensical
#: and offline configurations (which read the project's mkdocs.yml) and its theme folders
#: (the offline build needs the iframe-worker shim in ``overrides``).
FRONT_END_FILES = ("mkdocs-offline.yml", "zensical.yml", "zensical-offline.yml", "overrides",
                   "overrides-zensical")


def add_front_ends(project: Path) -> Path:
    """Copy :data:`FRONT_END_FILES` into the project (a copy of a test's), over its own."""
    for name in FRONT_END_FILES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, project / name, symlinks=True, dirs_exist_ok=True)
        else:
            shutil.copy(ROOT / name, project / name)
    return project


def build_every_way(project: Path, work: Path, builds: list[str] = ALL_BUILDS) -> dict[str, Path]:
    """The project (with :func:`add_front_ends`, and a theme whose ``custom_dir`` is
    ``overrides``) built into ``work`` for each of ``builds``, as this site's are built; the
    folders by build."""
    configs = {"http": (run_mkdocs, "mkdocs.yml"), "file": (run_mkdocs, "mkdocs-offline.yml"),
               "zensical": (run_zensical, "zensical.yml"),
               "zensical-file": (run_zensical, "zensical-offline.yml")}
    sites = {}
    for build in builds:
        run, config = configs[build]
        result = run(project, work / build, config=config)
        assert result.returncode == 0, result.stdout + result.stderr
        sites[build] = work / build
    return sites


@contextlib.contextmanager
def served_sites(sites: dict[str, Path]):
    """A :class:`Site` of each built folder, by build; those over HTTP are served in a thread
    while the context lasts."""
    servers, found = [], {}
    try:
        for build, directory in sites.items():
            engine = "zensical" if build.startswith("zensical") else "mkdocs"
            if build.endswith("file"):
                found[build] = Site("file", directory.as_uri() + "/", directory, engine=engine)
            else:
                url, server = serve(directory)
                servers.append(server)
                found[build] = Site("http", url, directory, engine=engine)
        yield found
    finally:
        for server in servers:
            server.shutdown()


@pytest.fixture(params=ALL_BUILDS[:3])
def site(request) -> Site:
    """Each test runs three times: on the hosted site over HTTP, on the offline site from
    file://, and on the site Zensical builds, over HTTP (``zensical-file``, Zensical's
    offline build from file://, when a test asks for it)."""
    if request.param == "zensical-file":
        directory = request.getfixturevalue("zensical_offline_site")
        return Site("file", directory.as_uri() + "/", directory, engine="zensical")
    if request.param == "http":
        return Site("http", request.getfixturevalue("real_site_url"),
                    request.getfixturevalue("real_site"))
    if request.param == "zensical":
        return Site("http", request.getfixturevalue("zensical_site_url"),
                    request.getfixturevalue("zensical_site"), engine="zensical")
    directory = request.getfixturevalue("offline_site")
    return Site("file", directory.as_uri() + "/", directory)
