"""The engine as a one-way pipeline (termbook.pipeline): each stage imports only earlier ones,
nothing imports MkDocs, and :func:`termbook.generate` makes every page and file of a site."""

from __future__ import annotations

import ast
from pathlib import Path

import termbook
from termbook.export import Publication
from termbook.layout import (ASSETS, CSV_PATH, EXPORT_SCHEMA_PATH, JSON_PATH, SCORECARD_CSV_PATH,
                            SCORECARD_JSON_PATH, TOOLTIP_DATA_PATH, TURTLE_PATH)

from .conftest import ROOT

ENGINE = ROOT / "src" / "termbook"
#: Each engine module's place: a module may import modules of its own place or earlier ones.
ORDER = [
    {"findings", "yamlfile", "characters", "labels", "languages", "layout", "markup",
     "markdown_bounds", "output_folder", "safety", "taxonomy", "urls", "collation", "inline",
     "messages"},  # foundations
    {"schema"},
    {"readcache", "read"},
    {"check"},
    {"model"},
    {"matcher", "mentions", "linking", "tooltips", "backlinks", "search"},  # link
    {"render"},
    {"export"},
    {"scorecard"},
    {"pipeline"},
    {"site_folder", "extension"},  # the site as files, for other site generators
    {"scaffold", "cli"},  # commands
]
PLACE = {name: place for place, names in enumerate(ORDER) for name in names}


def engine_imports(module: Path) -> set[str]:
    """The names of the engine modules and of the outside packages ``module`` imports."""
    found = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            found |= {node.module} if node.module else {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
    return found


def test_every_engine_module_has_a_place():
    modules = {p.stem for p in ENGINE.glob("*.py")} - {"__init__"}
    assert modules == set(PLACE)


def test_each_stage_imports_only_earlier_ones_and_never_mkdocs():
    for module in sorted(ENGINE.glob("*.py")):
        if module.stem == "__init__":
            continue
        imported = engine_imports(module)
        assert "mkdocs" not in imported and "material" not in imported, module.name
        later = {name for name in imported & PLACE.keys() if PLACE[name] > PLACE[module.stem]}
        assert not later, f"{module.name} imports later stages: {sorted(later)}"


def test_the_importers_are_a_command_that_no_stage_imports():
    """``termbook import`` reads other formats (and rdflib) only when it is run: no stage of
    the pipeline imports it, and it imports no site generator."""
    for module in sorted((ENGINE / "importers").glob("*.py")):
        imported = engine_imports(module)
        assert not imported & {"mkdocs", "material", "zensical"}, module.name
    for module in sorted(ENGINE.glob("*.py")):
        if module.stem != "cli":
            assert "importers" not in engine_imports(module), module.name


def test_generate_makes_every_page_asset_and_data_file(mini: Path, tmp_path: Path):
    glossary = termbook.load(mini / "glossary", mini / "seeds", root=mini)
    output = termbook.generate(glossary, Publication("Mini", "sha256:" + "0" * 64))
    paths = {page.path for page in output.pages}
    assert {"glossary/index.md", "glossary/categories.md", "glossary/weights.md",
            "sources/index.md", "sources/test-article.md", "openness.md"} <= paths
    assert set(output.files) == {*ASSETS, TOOLTIP_DATA_PATH, SCORECARD_CSV_PATH, SCORECARD_JSON_PATH}
    output.write_exports(tmp_path / "site")
    assert {p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*")
            if p.is_file()} == {
        JSON_PATH, TURTLE_PATH, CSV_PATH, EXPORT_SCHEMA_PATH}
    assert output.files[TOOLTIP_DATA_PATH].startswith(b"window.termbookShorts = ")
    assert set(output.head_html) == {"glossary/index.md", *(f"glossary/{t}.md" for t in glossary.terms)}
    again = termbook.generate(glossary, Publication("Mini", "sha256:" + "0" * 64))
    assert [(p.path, p.markdown) for p in again.pages] == [(p.path, p.markdown) for p in output.pages]
    assert again.files == output.files
