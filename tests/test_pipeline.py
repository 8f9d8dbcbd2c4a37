"""The engine as a one-way pipeline (termbook.pipeline): each stage imports only earlier ones,
nothing in it imports MkDocs or Zensical, the front ends stay out of each other, and
:func:`termbook.generate` makes every page and file of a site."""

from __future__ import annotations

import ast
from pathlib import Path

import termbook
from termbook.export import Publication
from termbook.layout import (
    ASSETS,
    CSV_PATH,
    EVENTS_CSV_PATH,
    EXPORT_SCHEMA_PATH,
    JSON_PATH,
    TOOLTIP_DATA_PATH,
    TURTLE_PATH,
    ScorecardPaths,
)

from .conftest import ROOT

SRC = ROOT / "src"
ENGINE = SRC / "termbook"
#: Each engine module's place: a module may import modules of its own place or earlier ones.
ORDER = [
    {"findings", "yamlfile", "characters", "labels", "languages", "layout", "markup",
     "markdown_bounds", "output_folder", "safety", "taxonomy", "urls", "collation", "inline",
     "messages", "siteconfig", "sitedir", "search", "kept"},  # foundations (search: the rules of words)
    {"schema"},
    {"readcache", "read"},
    {"check"},
    {"model", "events"},
    {"matcher", "mentions", "linking", "tooltips", "additions"},  # link
    {"render", "charts"},
    {"export"},
    {"scorecard"},
    {"pipeline"},
    {"__init__"},  # the package itself: it imports the pipeline
    {"site_folder"},  # the site as files, for other site generators
    {"scaffold", "newsite", "cli"},  # commands
]
PLACE = {name: place for place, names in enumerate(ORDER) for name in names}
#: Site generators: the engine imports none of them, anywhere.
SITE_GENERATORS = {"mkdocs", "material", "zensical"}
#: The front ends, and what each may import besides the engine: each stays out of the other's.
FRONT_ENDS = {"termbook_mkdocs": {"mkdocs", "material"}, "termbook_zensical": {"zensical"}}


def imports(module: Path) -> set[str]:
    """What ``module`` imports, anywhere in it (at the top, inside functions, under
    TYPE_CHECKING): engine modules by name (``"pipeline"``; ``"__init__"`` for the package
    itself), other packages by their top-level name."""
    folders = module.parent.parts
    # The package and its subpackages: ("termbook", "importers") for termbook/importers/x.py.
    package = folders[max(i for i, name in enumerate(folders) if name.startswith("termbook")):]
    found = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level > len(package):
                raise AssertionError(f"{module.name}: imports from beyond its package")
            base = node.module or ""
            if node.level:
                base = ".".join(package[:len(package) - node.level + 1] + ((base,) if base else ()))
            found |= _named(base, None, [alias.name for alias in node.names])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                top, _, rest = alias.name.partition(".")
                found |= _named(top, rest or None, [])
    return found


def _named(base: str, inner: str | None, names: list[str]) -> set[str]:
    """The modules an import names: ``from termbook.x import y`` names x; ``from termbook
    import x`` names x when it is a module, else the package itself."""
    top, _, rest = base.partition(".")
    inner = inner or rest or None
    if top != "termbook":
        return {top}
    if inner:
        return {inner.split(".")[0]}
    return {name if name in PLACE else "__init__" for name in names} or {"__init__"}


def test_every_engine_module_has_a_place():
    modules = {p.stem for p in ENGINE.glob("*.py")}
    assert modules == set(PLACE)


def test_each_stage_imports_only_earlier_ones_and_no_site_generator():
    for module in sorted(ENGINE.glob("*.py")):
        imported = imports(module)
        assert not imported & SITE_GENERATORS, module.name
        later = {name for name in imported & PLACE.keys() if PLACE[name] > PLACE[module.stem]}
        assert not later, f"{module.name} imports later stages: {sorted(later)}"
        front_ends = imported & FRONT_ENDS.keys()
        # The command line runs the Zensical front end (`termbook zensical`), which runs
        # Zensical in a process of its own; nothing else in the engine knows a front end.
        assert front_ends <= ({"termbook_zensical"} if module.stem == "cli" else set()), module.name


def test_each_front_end_imports_its_own_site_generator_only():
    for package, allowed in FRONT_ENDS.items():
        others = set(FRONT_ENDS) - {package}
        forbidden = (SITE_GENERATORS - allowed) | others
        modules = sorted((SRC / package).glob("*.py"))
        assert modules, package
        for module in modules:
            imported = imports(module)
            assert not imported & forbidden, f"{package}/{module.name}: {sorted(imported & forbidden)}"


def test_the_mkdocs_plugin_class_only_hands_events_to_modules():
    """The plugin stays small, as mkdocs-gen-files keeps its own: the class hands MkDocs'
    events to the modules beside it, which do the work."""
    plugin = SRC / "termbook_mkdocs" / "plugin.py"
    lines = plugin.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 150, f"{plugin.name} has {len(lines)} lines: hand the work to a module"
    assert [number for number, line in enumerate(lines, 1) if len(line) > 110] == []


def test_the_import_check_sees_every_form_of_import(tmp_path: Path):
    """Absolute imports, the package root and imports inside functions count."""
    module = tmp_path / "termbook" / "render.py"
    module.parent.mkdir()
    module.write_text("import termbook.pipeline\n"
                      "def f():\n    from . import __version__\n    from termbook import export\n"
                      "    import mkdocs.plugins\n")
    assert imports(module) == {"pipeline", "__init__", "export", "mkdocs"}


def test_the_importers_are_a_command_that_no_stage_imports():
    """``termbook import`` reads other formats (and rdflib) only when it is run: no stage of
    the pipeline imports it, and it imports no site generator."""
    importers = sorted((ENGINE / "importers").glob("*.py"))
    assert importers
    for module in importers:
        imported = imports(module)
        assert not imported & (SITE_GENERATORS | FRONT_ENDS.keys()), module.name
    for module in sorted(ENGINE.glob("*.py")):
        if module.stem != "cli":
            assert "importers" not in imports(module), module.name


def test_generate_makes_every_page_asset_and_data_file(mini: Path, tmp_path: Path):
    glossary = termbook.load(termbook.Project.at(mini))
    output = termbook.generate(glossary, Publication("Mini", "sha256:" + "0" * 64))
    paths = {page.path for page in output.pages}
    assert {"glossary/index.md", "glossary/categories.md", "glossary/weights.md",
            "sources/index.md", "sources/test-article.md", "openness.md"} <= paths
    scorecard = ScorecardPaths("openness")  # the mini site's scorecard field
    assert set(output.files) == {*ASSETS, TOOLTIP_DATA_PATH, scorecard.csv, scorecard.json,
                                 scorecard.schema, EVENTS_CSV_PATH}
    output.write_exports(tmp_path / "site")
    assert {p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*")
            if p.is_file()} == {
        JSON_PATH, TURTLE_PATH, CSV_PATH, EXPORT_SCHEMA_PATH}
    assert output.files[TOOLTIP_DATA_PATH].startswith(b"window.termbookShorts = ")
    assert set(output.head_html) == {"glossary/index.md", *(f"glossary/{t}.md" for t in glossary.terms)}
    again = termbook.generate(glossary, Publication("Mini", "sha256:" + "0" * 64))
    assert [(p.path, p.markdown) for p in again.pages] == [(p.path, p.markdown) for p in output.pages]
    assert again.files == output.files
