"""Untrusted entries: every refusal rule, neutralised markup, atomic and reproducible builds.

Each folder in fixtures/hostile/ is named after the rule it breaks (``rule--variant`` for a
second case of one rule) and holds the file(s) a malicious pull request would add.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser as HTMLParser

import termbook
from termbook.findings import GlossaryError

from .conftest import run_mkdocs, run_termbook
from .test_site import tree_digest

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
CASES = sorted(p.name for p in HOSTILE.iterdir())


def add_hostile(project: Path, case: str) -> list[str]:
    """Copy a hostile case into the project's glossary; return the paths as findings show them."""
    names = []
    for source in sorted((HOSTILE / case).iterdir()):
        shutil.copy(source, project / "glossary" / source.name)
        names.append(f"glossary/{source.name}")
    return names


def atomic_build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "termbook_mkdocs.build", "-d", str(site)],
                          cwd=project, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.mark.parametrize("case", CASES)
def test_hostile_entry_is_refused_by_the_check(mini: Path, case: str):
    paths = add_hostile(mini, case)
    rule = case.split("--")[0]
    glossary, findings = termbook.check(termbook.Project.at(mini))
    assert glossary is None
    matching = [f for f in findings if f.rule == rule and f.path in paths]
    assert matching, [str(f) for f in findings]
    assert all(str(f).startswith(f"{f.path}:{f.line}: ") for f in matching)


@pytest.mark.parametrize("case", CASES)
def test_hostile_entry_fails_the_build_and_nothing_reaches_the_output(mini: Path, tmp_path: Path,
                                                                       case: str):
    paths = add_hostile(mini, case)
    site = tmp_path / "site"
    result = run_mkdocs(mini, site)
    assert result.returncode == 1
    assert any(path in result.stderr for path in paths), result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists() or not any(site.rglob("*.html"))
    assert not Path("/tmp/pwned").exists()


def test_markup_in_plain_fields_is_shown_as_text(mini: Path, tmp_path: Path):
    entry = mini / "glossary/weights.yaml"
    entry.write_text(entry.read_text()
                     .replace("term: Weights", 'term: "<img src=x onerror=alert(1)> Weights"')
                     .replace("  - model weights", "  - '<script>alert(1)</script>'")
                     .replace("title: Machine Learning Glossary", 'title: "</a><script>alert(2)</script>"'))
    site = tmp_path / "site"
    assert run_mkdocs(mini, site).returncode == 0
    for path in site.rglob("*.html"):
        page = path.read_text()
        assert "<script>alert" not in page and "<img src=x" not in page, path
    page = (site / "glossary/weights/index.html").read_text()
    assert "<title>&lt;img src=x onerror=alert(1)&gt; Weights - Mini glossary</title>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_quotes_in_a_short_definition_stay_inside_the_attribute(mini: Path, tmp_path: Path):
    entry = mini / "glossary/weights.yaml"
    entry.write_text(entry.read_text().replace(
        "short: The numbers a model learns in training and multiplies its inputs by.",
        """short: 'The numbers " onfocus="alert(1)" a model learns.'"""))
    site = tmp_path / "site"
    result = run_mkdocs(mini, site)
    assert result.returncode == 0, result.stderr
    page = (site / "glossary/weights/index.html").read_text()
    tree = HTMLParser(page)
    assert tree.css("[onfocus]") == []
    description = tree.css_first('meta[name="description"]').attributes["content"]
    assert description == 'The numbers " onfocus="alert(1)" a model learns.'


# --- atomic and reproducible builds -------------------------------------------------------

def test_failed_build_leaves_the_previous_site_as_it_was(mini: Path, tmp_path: Path):
    site = tmp_path / "site"
    assert atomic_build(mini, site).returncode == 0
    before = tree_digest(site)
    add_hostile(mini, "raw-html")
    result = atomic_build(mini, site)
    assert result.returncode == 1
    assert "the previous site in" in result.stderr and "is unchanged" in result.stderr
    assert tree_digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini", "site"]  # no staging left


def test_strict_warning_after_pages_are_written_still_keeps_the_old_site(mini: Path, tmp_path: Path):
    site = tmp_path / "site"
    assert atomic_build(mini, site).returncode == 0
    before = tree_digest(site)
    (mini / "docs/index.md").write_text("# Test\n\n[broken](nowhere.md)\n")
    assert atomic_build(mini, site).returncode == 1
    assert tree_digest(site) == before


def test_successful_build_replaces_the_site(mini: Path, tmp_path: Path):
    site = tmp_path / "site"
    assert atomic_build(mini, site).returncode == 0
    (mini / "docs/index.md").write_text("# Changed home\n")
    assert atomic_build(mini, site).returncode == 0
    assert "Changed home" in (site / "index.html").read_text()


def test_two_builds_are_byte_identical(mini: Path, tmp_path: Path):
    # SOURCE_DATE_EPOCH pins the only dated output (the sitemap); the build script sets it
    # from the last commit.
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1790000000"}
    sites = []
    for name in ("one", "two"):
        site = tmp_path / name
        result = subprocess.run([sys.executable, "-m", "termbook_mkdocs.build", "-d", str(site)],
                                cwd=mini, capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stderr
        sites.append({str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*"))
                      if p.is_file()})
    assert sites[0].keys() == sites[1].keys()
    assert [k for k in sites[0] if sites[0][k] != sites[1][k]] == []


# --- fuzzing: the loader only ever raises its own error type ------------------------------

GOOD = (Path(__file__).parent / "fixtures/mini/glossary/open-weights.yaml").read_text()


@st.composite
def mutated_entries(draw) -> str:
    text = GOOD
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate-line"]))
        if action == "insert":
            text = text[:position] + draw(st.text(min_size=1, max_size=8)) + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 20)):]
        else:
            lines = text.splitlines(keepends=True)
            index = position % max(len(lines), 1)
            text = "".join(lines[:index + 1] + lines[index:])
    return text


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(mutated_entries(), st.text(max_size=300),
                 yaml_values.map(lambda v: __import__("yaml").safe_dump(v)),
                 st.binary(max_size=200)))
def test_loader_raises_only_its_own_error(content):
    with tempfile.TemporaryDirectory() as folder:
        glossary_dir = Path(folder) / "glossary"
        glossary_dir.mkdir()
        target = glossary_dir / "fuzzed.yaml"
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
        try:
            termbook.load(termbook.Project.at(Path(folder), glossary_dir=glossary_dir))
            findings = None
        except GlossaryError as error:
            findings = error.findings
    # The load may pass; when it fails, the error must be its own, naming the file.
    assert findings is None or (findings and {f.path for f in findings} == {"glossary/fuzzed.yaml"})


# --- files from outside the project and ids of generated pages ----------------------------

SECRET = "term: Secret\nshort: Text from outside the project.\n"


@pytest.fixture
def outside_file(tmp_path: Path) -> Path:
    """A YAML file elsewhere on the machine that builds the site."""
    secret = tmp_path / "elsewhere" / "secret.yaml"
    secret.parent.mkdir()
    secret.write_text(SECRET + (HOSTILE / "reserved-id/categories.yaml").read_text().split("\n", 2)[2])
    return secret


def test_a_symlink_to_a_file_outside_the_project_is_refused_unread(mini: Path, tmp_path: Path,
                                                                   outside_file: Path):
    (mini / "glossary/leak.yaml").symlink_to(outside_file)
    result = run_termbook(mini, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"glossary/leak.yaml:1: (file): its real path {outside_file}" in result.stdout
    glossary, findings = termbook.check(termbook.Project.at(mini))
    assert glossary is None and [f.rule for f in findings] == ["outside-project"]
    site = tmp_path / "site"
    build = run_mkdocs(mini, site)
    assert build.returncode == 1 and "glossary/leak.yaml" in build.stderr
    assert "Traceback" not in build.stderr
    assert not site.exists() or not any("Text from outside" in p.read_text()
                                        for p in site.rglob("*") if p.is_file())


def test_a_symlink_inside_the_project_is_refused_too(mini: Path):
    (mini / "glossary/copy.yaml").symlink_to(mini / "glossary/weights.yaml")
    glossary, findings = termbook.check(termbook.Project.at(mini))
    assert glossary is None
    assert [(f.path, f.line, f.rule) for f in findings] == [("glossary/copy.yaml", 1, "symlink")]


def test_a_symlinked_glossary_folder_is_refused(mini: Path, tmp_path: Path, outside_file: Path):
    shutil.rmtree(mini / "seeds")
    (mini / "seeds").symlink_to(outside_file.parent, target_is_directory=True)
    glossary, findings = termbook.check(termbook.Project.at(mini))
    assert glossary is None
    assert [(f.path, f.field, f.rule) for f in findings] == [("seeds", "(folder)", "outside-project")]
    inside = mini / "more-entries"
    shutil.copytree(mini / "glossary", inside)
    shutil.rmtree(mini / "glossary")
    (mini / "glossary").symlink_to(inside, target_is_directory=True)
    (mini / "seeds").unlink()  # without it, the articles' folder termbook.yml names is empty
    shutil.rmtree(mini / "events")  # (their terms are in the refused folder)
    _, findings = termbook.check(termbook.Project.at(mini))
    # The charts termbook.yml declares name terms that are in the refused folder.
    refused = [(f.path, f.field, f.rule) for f in findings if f.rule != "unknown-term"]
    assert refused == [("glossary", "(folder)", "symlink")]


def test_an_article_id_that_is_a_generated_page_is_refused(mini: Path):
    shutil.copy(mini / "seeds/test-article.yaml", mini / "seeds/index.yaml")
    glossary, findings = termbook.check(termbook.Project.at(mini))
    assert glossary is None
    assert [str(f) for f in findings if f.rule == "reserved-id"] == [
        "seeds/index.yaml:1: (file): the id 'index' is taken: the article page would replace "
        "the generated page sources/index.md; rename the file, e.g. to index-article.yaml"]


@pytest.mark.parametrize("extension", ["fenced_code", "pymdownx.superfences"])
def test_an_attribute_list_on_a_fenced_block_is_refused_whichever_extension_writes_it(
        mini: Path, tmp_path: Path, extension: str):
    """Both fence extensions, with attr_list, put a fence's attribute list onto the block
    (``data-md-component="announce"`` would make it Material's announcement bar): the check
    and the build refuse it before any extension sees it."""
    fence = (HOSTILE / "unsafe-attribute--fenced-code" / "hostile.yaml").read_text()
    block = fence.split("definition: |\n", 1)[1].split("category:")[0]
    written = markdown.markdown("\n".join(line[2:] for line in block.splitlines()),
                                extensions=["attr_list", extension])
    assert 'data-md-component="announce"' in written  # what would reach the page
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "markdown_extensions: [attr_list,", f"markdown_extensions: [{extension}, attr_list,"))
    add_hostile(mini, "unsafe-attribute--fenced-code")
    result = run_mkdocs(mini, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert ("glossary/hostile.yaml:6: definition: a fenced code block may not have an attribute "
            'list: ```{.python data-md-component="announce"}') in result.stderr
