"""termbook as any site gets it: the wheel built from this repository, installed with
Material into a fresh virtual environment, builds the example site and this site."""

from __future__ import annotations

import shutil
import venv
import zipfile
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from .conftest import ROOT, run

EXAMPLE = ROOT / "examples" / "version-control"


@pytest.fixture(scope="module")
def fresh(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment with only the wheel and what its ``mkdocs`` and ``charts`` extras need
    (Material, from the package index); returns its bin folder."""
    folder = tmp_path_factory.mktemp("fresh") / "venv"
    venv.create(folder, with_pip=True)
    bin_dir = folder / "bin"
    run(bin_dir / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        f"termbook[mkdocs,charts] @ {wheel.as_uri()}", cwd=folder)
    return bin_dir


def test_the_wheel_has_its_metadata_entry_points_and_package_data(wheel: Path):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = next(n.split("/")[0] for n in names if n.endswith(".dist-info/METADATA"))
        metadata = archive.read(f"{info}/METADATA").decode()
        entry_points = archive.read(f"{info}/entry_points.txt").decode()
    assert {"termbook/schemas/term.schema.json", "termbook/schemas/seed.schema.json",
            "termbook/schemas/termbook.schema.json", "termbook/schemas/glossary-export.schema.json",
            "termbook/assets/tooltips.js", "termbook/assets/termbook.css",
            "termbook/assets/search-names.js", "termbook_mkdocs/plugin.py"} <= names
    assert "Provides-Extra: mkdocs" in metadata and "Provides-Extra: site" in metadata
    assert "termbook = termbook.cli:main" in entry_points
    assert "termbook = termbook_mkdocs.plugin:TermbookPlugin" in entry_points


def test_the_installed_package_is_the_wheel_not_the_source(fresh: Path):
    where = run(fresh / "python", "-c", "import termbook; print(termbook.__file__)", cwd=fresh).stdout
    assert "site-packages" in where and str(ROOT / "src") not in where


def test_the_example_site_builds_and_checks_from_the_wheel(fresh: Path, tmp_path: Path):
    project = tmp_path / "example"
    shutil.copytree(EXAMPLE, project)
    assert "ok: no problems found" in run(fresh / "termbook", "check", cwd=project).stderr
    run(fresh / "mkdocs", "build", "--strict", "-d", tmp_path / "site", cwd=project)
    site = tmp_path / "site"
    assert {"glossary.json", "glossary.ttl", "glossary.csv"} <= {p.name for p in site.iterdir()}
    assert not (site / "openness").exists() and not (site / "sources").exists()
    page = HTMLParser((site / "glossary/commit/index.html").read_text(encoding="utf-8"))
    links = {a.attributes["data-tb"] for a in page.css("article a[data-tb]")}
    assert "repository" in links  # the first mention, and the tooltip's term
    assert "../branch/" in {a.attributes.get("href") for a in page.css("article li a")}  # related
    assert [a.text() for a in page.css(".tb-mentions li a")]  # "Mentioned in"
    categories = (site / "glossary/categories/index.html").read_text(encoding="utf-8")
    assert "Core ideas" in categories and "Everyday operations" in categories


def test_a_site_with_no_taxonomy_builds_from_the_wheel(fresh: Path, tmp_path: Path):
    project = tmp_path / "bare"
    shutil.copytree(EXAMPLE, project)
    (project / "termbook.yml").unlink()
    for path in (project / "glossary").glob("*.yaml"):
        lines = path.read_text(encoding="utf-8").split("\n")
        path.write_text("\n".join(line for line in lines if not line.startswith("category:")),
                        encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      - glossary/categories.md\n", ""), encoding="utf-8")
    (project / "docs/index.md").write_text("# Words\n\nA commit, a branch and a clone.\n",
                                           encoding="utf-8")
    run(fresh / "termbook", "check", cwd=project)
    run(fresh / "mkdocs", "build", "--strict", "-d", tmp_path / "site", cwd=project)
    assert (tmp_path / "site/glossary/merge/index.html").is_file()
    assert not (tmp_path / "site/glossary/categories").exists()


def test_this_site_builds_from_the_wheel(fresh: Path, tmp_path: Path):
    run(fresh / "mkdocs", "build", "--strict", "-f", ROOT / "mkdocs.yml", "-d", tmp_path / "site",
        cwd=tmp_path)
    assert (tmp_path / "site/openness/index.html").is_file()
    assert (tmp_path / "site/glossary/weights/index.html").is_file()
