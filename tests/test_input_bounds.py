"""Input that could hang or crash a check or a build, findings that could paint over a
terminal, output folders that could hold someone else's files, common words as names, and a
read cache that must forget what an older rule accepted."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import termbook
from termbook.markdown_bounds import MAX_NESTING, costly_markdown
from termbook.output_folder import MANIFEST
from termbook.read import MAX_ID_LENGTH

from .conftest import MINI, ROOT, run_mkdocs, run_termbook, run_zensical
from .test_site import tree_digest

WEIGHTS = (MINI / "glossary/weights.yaml").read_text(encoding="utf-8")


def with_definition(mini: Path, definition: str, entry_id: str = "hostile") -> Path:
    """Add an entry to the project whose definition is ``definition`` (written as JSON, which
    is YAML)."""
    text = WEIGHTS.replace("term: Weights", f"term: Hostile {entry_id}").replace("  - model weights\n", f"  - x{entry_id}\n")
    text = re.sub(r"definition: \|\n(  .*\n)+", f"definition: {json.dumps(definition)}\n", text)
    path = mini / "glossary" / f"{entry_id}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def timed_check(mini: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.perf_counter()
    result = run_termbook(mini, "check", "--no-cache", *args)
    return result, time.perf_counter() - started


# --- Markdown that would hang or crash the converter -----------------------------------------

PATHOLOGICAL = {
    "unclosed link targets": ("[a](" * 15000, "markdown-too-costly"),
    "unclosed brackets": ("[" * 15000, "markdown-too-costly"),
    "unclosed references": ("[a][" * 15000, "markdown-too-costly"),
    "unclosed tags": ("<a " * 15000, "markdown-too-costly"),
    "backtick runs": ("``a`" * 15000, "markdown-too-costly"),
    "a run of emphasis": ("*" * 2500 + "a" + "*" * 2500, "markdown-too-deep"),
    "nested list markers": ("- " * 2000 + "a", "markdown-too-deep"),
    "nested numbers": ("1. " * 2000 + "a", "markdown-too-deep"),
    "nested quotes": ("> " * 3000 + "a", "markdown-too-deep"),
    "nested brackets": ("[" * 2000 + "a" + "](b)" * 2000, "markdown-too-costly"),
}


@pytest.mark.parametrize("case", PATHOLOGICAL)
def test_pathological_markdown_is_refused_quickly_with_one_line(mini: Path, case: str):
    text, rule = PATHOLOGICAL[case]
    with_definition(mini, text)
    result, seconds = timed_check(mini)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    problems = [line for line in result.stdout.splitlines() if not line.endswith("[info]")]
    assert len(problems) == 1 and problems[0].startswith("glossary/hostile.yaml:"), problems
    assert ": definition: " in problems[0]
    finding = termbook.check(termbook.Project.at(mini))[1]
    assert [f.rule for f in finding if f.path == "glossary/hostile.yaml"] == [rule]
    assert seconds < 10, f"the check took {seconds:.1f} s"  # it took minutes before


@pytest.mark.parametrize("case", ["unclosed link targets", "a run of emphasis"])
def test_pathological_markdown_fails_the_build_with_a_finding_not_a_traceback(mini: Path, tmp_path: Path, case: str):
    with_definition(mini, PATHOLOGICAL[case][0])
    result = run_mkdocs(mini, tmp_path / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr
    assert "glossary/hostile.yaml:" in result.stderr


def _depth(element: etree.Element) -> int:
    deepest, pending = 0, [(element, 1)]
    while pending:
        node, depth = pending.pop()
        deepest = max(deepest, depth)
        pending += [(child, depth + 1) for child in node]
    return deepest


#: The site's own Markdown extensions, and pymdown-extensions' emphasis and inline ones,
#: which nest elements too.
SITE_EXTENSIONS = ["abbr", "admonition", "attr_list", "footnotes", "md_in_html", "tables", "toc",
                   "def_list", "pymdownx.details", "pymdownx.superfences", "pymdownx.betterem",
                   "pymdownx.caret", "pymdownx.mark", "pymdownx.tilde"]
TOKENS = ["[", "]", "(", ")", "](", "[a](", "![", "<a ", ">", "`", "``", "*", "**", "_", "~~",
          "^^", "==", "- ", "1. ", "> ", "    ", "\n", "\n\n", "a", " ", '"', "[^", "\\"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(TOKENS), st.integers(1, 400)), min_size=1, max_size=12))
@example([("~~", 2), ("\n", 1), (">", 51)])  # a fence never closed is no code block
@example([("[a](", 240)])
def test_markdown_the_guard_accepts_converts_promptly_and_shallow(pieces):
    """Any text the guard lets through converts, with the site's extensions, without a
    RecursionError and into a tree no deeper than the limit. (The time is only a guard
    against a hang, which took minutes: the check's own speed is the benchmark's.)"""
    text = "".join(token * count for token, count in pieces)[:20000]
    if costly_markdown(text) is not None:
        return
    converter = markdown.Markdown(extensions=SITE_EXTENSIONS)
    root = etree.Element("div")
    converter.treeprocessors.register(_Collect(root), "collect", 0)
    started = time.perf_counter()
    converter.convert(text)
    assert time.perf_counter() - started < 20
    assert _depth(root) <= MAX_NESTING + 2


class _Collect(markdown.treeprocessors.Treeprocessor):
    def __init__(self, into: etree.Element):
        super().__init__()
        self.into = into

    def run(self, root: etree.Element) -> None:
        self.into.append(root)


# --- data nested deep, long chains, long ids ------------------------------------------------

def test_yaml_nested_995_deep_is_refused_with_a_finding(mini: Path):
    with_definition(mini, "x")
    path = mini / "glossary/hostile.yaml"
    path.write_text(path.read_text().replace('definition: "x"', "definition: " + "[" * 995 + "]" * 995))
    result, seconds = timed_check(mini)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"^glossary/hostile\.yaml:\d+: definition.*: lists and mappings nest more than 16",
                     result.stdout, re.MULTILINE), result.stdout
    assert seconds < 10


def _chain(mini: Path, length: int, cycle: bool) -> None:
    for index in range(length):
        parent = (index + 1) % length if cycle else index + 1
        text = WEIGHTS.replace("term: Weights", f"term: Link {index}").replace("aliases:\n  - model weights\n", "")
        text = text.replace("category: fundamentals", "category: fundamentals\nbroader: "
                            + (f"[link-{parent}]" if cycle or index + 1 < length else "[weights]"))
        text = text.replace("[[open-weights]] and [[mixture-of-experts|MoE]]", "weights")
        (mini / "glossary" / f"link-{index}.yaml").write_text(text, encoding="utf-8")


def test_a_broader_chain_of_3000_terms_is_checked_without_recursion(mini: Path):
    _chain(mini, 3000, cycle=False)
    glossary, findings = termbook.check(termbook.Project.at(mini))
    assert glossary is not None, [str(f) for f in findings if f.severity == "error"][:3]


def test_a_broader_cycle_of_3000_terms_is_one_finding_each_way_round(mini: Path):
    _chain(mini, 3000, cycle=True)
    _, findings = termbook.check(termbook.Project.at(mini))
    cycles = [f for f in findings if f.rule == "broader-cycle"]
    assert len(cycles) == 1 and "more) →" in cycles[0].message and len(str(cycles[0])) < 300


def test_an_id_longer_than_any_file_system_takes_is_refused_and_generate_writes_nothing(mini: Path, tmp_path: Path):
    long_id = "a" + "-b" * 121 + "c"
    assert len(long_id) == 244 > MAX_ID_LENGTH
    shutil.copy(mini / "glossary/weights.yaml", mini / "glossary" / f"{long_id}.yaml")
    result = run_termbook(mini, "check")
    assert result.returncode == 1
    assert f"the id (the file name) is 244 characters long; the limit is {MAX_ID_LENGTH}" in result.stdout
    out = tmp_path / "out"
    result = run_termbook(mini, "generate", "--out", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert not out.exists()
    (mini / "glossary" / f"{long_id}.yaml").unlink()
    shutil.copy(mini / "glossary/weights.yaml", mini / "glossary/x.yaml")
    (mini / "glossary/x.yaml").write_text(WEIGHTS.replace("category: fundamentals", f"category: fundamentals\nrelated: [{long_id}]"))
    assert "is 244 characters long; the limit is 100" in run_termbook(mini, "check").stdout


# --- what termbook prints -------------------------------------------------------------------

PAINT_OVER = "\x1b[2K\rok: no problems found\x1b[8m"


def test_findings_cannot_paint_over_the_terminal(mini: Path, tmp_path: Path):
    """A value that reaches a message (here an unknown id, which only the check knows is
    wrong) is printed with its control characters escaped, in every output."""
    entry = mini / "glossary/weights.yaml"
    entry.write_text(WEIGHTS + f"related: {json.dumps([PAINT_OVER])}\n", encoding="utf-8")
    shutil.copy(ROOT / "zensical.yml", mini / "zensical.yml")
    outputs = {
        "check": run_termbook(mini, "check"),
        "check --format json": run_termbook(mini, "check", "--format", "json"),
        "generate": run_termbook(mini, "generate", "--out", str(tmp_path / "out")),
        "mkdocs build": run_mkdocs(mini, tmp_path / "site"),
        "zensical build": run_zensical(mini, tmp_path / "site-zensical"),
    }
    for command, result in outputs.items():
        assert result.returncode == 1, command
        printed = result.stdout + result.stderr
        assert "\x1b" not in printed and "\r" not in printed.replace("\r\n", "\n"), command
        if command.endswith("json"):  # the same text as the lines, in JSON strings
            printed = " ".join(f["message"] for f in json.loads(result.stdout)["findings"])
        assert "\\x1b[2K\\rok: no problems found" in printed, (command, printed[-500:])


def test_arguments_echoed_in_usage_errors_are_escaped(mini: Path):
    for args in (["check", "--bogus" + PAINT_OVER], ["check", "no-such" + PAINT_OVER + ".yaml"],
                 ["generate", "--out", "x", "-f", "none" + PAINT_OVER]):
        result = run_termbook(mini, *args)
        assert result.returncode == 2
        assert "\x1b" not in result.stderr and "\\x1b[2K" in result.stderr, result.stderr


# --- output folders -------------------------------------------------------------------------

def _git_project(mini: Path) -> None:
    subprocess.run(["git", "init", "-q", str(mini)], check=True)
    (mini / ".git/keep").write_text("a repository's own file\n")


@pytest.mark.parametrize("out", [".", "glossary", "docs", "seeds", "..", "glossary/new", "docs/generated",
                                 "events", "events/new"])
def test_generate_refuses_the_projects_own_folders_and_touches_nothing(mini: Path, out: str):
    _git_project(mini)
    before = tree_digest(mini.parent)
    result = run_termbook(mini, "generate", "--out", out)
    assert result.returncode == 2, result.stderr
    assert "termbook: error: --out:" in result.stderr and "write into a folder of its own" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(mini.parent) == before


def someone_elses_folder(folder: Path) -> dict[str, str]:
    """Make ``folder`` hold a CNAME and notes, as a user's published folder may; its digest."""
    (folder / "notes").mkdir(parents=True)
    (folder / "CNAME").write_text("glossary.example.org\n")
    (folder / "notes/todo.md").write_text("# To do\n")
    return tree_digest(folder)


def build(mini: Path, *args: str, module: str = "termbook_mkdocs.build") -> subprocess.CompletedProcess[str]:
    """What ``scripts/build`` runs (``module="termbook_mkdocs.offline"``: ``scripts/build-offline``)."""
    return subprocess.run([sys.executable, "-m", module, *args], cwd=mini, capture_output=True,
                          text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_generate_refuses_a_folder_of_someone_elses_files_and_keeps_them(mini: Path, tmp_path: Path):
    out = tmp_path / "published"
    before = someone_elses_folder(out)
    result = run_termbook(mini, "generate", "--out", str(out))
    assert result.returncode == 2
    assert "holds files termbook did not write (CNAME, notes/todo.md)" in result.stderr
    assert tree_digest(out) == before


def test_generate_removes_only_what_it_wrote(mini: Path, tmp_path: Path):
    out = tmp_path / "out"
    assert run_termbook(mini, "generate", "--out", str(out)).returncode == 0
    listed = json.loads((out / MANIFEST).read_text())["files"]
    assert "glossary/example-model.md" in listed and MANIFEST not in listed
    (out / "CNAME").write_text("glossary.example.org\n")
    (mini / "glossary/example-model.yaml").unlink()
    (mini / "events/2025-04-05-example-model.yaml").unlink()  # it is about the model
    result = run_termbook(mini, "generate", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "removed glossary/example-model.md" in result.stdout
    assert (out / "CNAME").read_text() == "glossary.example.org\n"
    # A file of someone else's where termbook now wants to write one is not replaced.
    (mini / "glossary/example-model.yaml").write_text((MINI / "glossary/example-model.yaml").read_text())
    (out / "glossary/example-model.md").write_text("mine\n")
    result = run_termbook(mini, "generate", "--out", str(out))
    assert result.returncode == 2 and "was not written by termbook" in result.stderr
    assert (out / "glossary/example-model.md").read_text() == "mine\n"


def test_a_folder_from_an_older_termbook_is_taken_over_or_explained_once(mini: Path, tmp_path: Path):
    out = tmp_path / "out"
    assert run_termbook(mini, "generate", "--out", str(out)).returncode == 0
    (out / MANIFEST).unlink()  # as an older termbook left it
    assert run_termbook(mini, "generate", "--out", str(out)).returncode == 0  # all its files are ours
    assert (out / MANIFEST).is_file()
    (out / MANIFEST).unlink()
    (mini / "glossary/example-model.yaml").unlink()  # its page is now unaccounted for
    (mini / "events/2025-04-05-example-model.yaml").unlink()  # it is about the model
    before = tree_digest(out)
    result = run_termbook(mini, "generate", "--out", str(out))
    assert result.returncode == 2
    assert "written by an older termbook" in result.stderr and "rm -r" in result.stderr
    assert tree_digest(out) == before


def test_a_planted_list_cannot_make_generate_delete_outside_its_folder(mini: Path, tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "precious.txt").write_text("keep me\n")
    (out / MANIFEST).write_text(json.dumps({"files": ["../precious.txt", "/etc/hostname"]}))
    assert run_termbook(mini, "generate", "--out", str(out)).returncode == 0
    assert (tmp_path / "precious.txt").read_text() == "keep me\n"


@pytest.mark.parametrize("site_dir", ["docs", ".", "glossary", "seeds"])
def test_the_builds_refuse_to_replace_the_projects_own_folders(mini: Path, site_dir: str):
    _git_project(mini)
    before = tree_digest(mini)
    for module, config in (("termbook_mkdocs.build", []), ("termbook_mkdocs.offline", ["-f", "mkdocs.yml"])):
        result = build(mini, *config, "-d", site_dir, module=module)
        assert result.returncode == 2, (module, result.stderr)
        assert "termbook: error: -d:" in result.stderr
    assert tree_digest(mini) == before


def test_the_builds_name_the_line_of_a_configuration_they_cannot_read(mini: Path):
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text() + "nav: [\n")
    lines = len(config.read_text().splitlines())
    before = tree_digest(mini)
    for module in ("termbook_mkdocs.build", "termbook_mkdocs.offline"):
        result = build(mini, "-f", "mkdocs.yml", module=module)
        assert result.returncode == 2, (module, result.stderr)
        assert result.stderr.startswith(f"termbook: error: {config}:{lines + 1}: "), result.stderr
        assert "Traceback" not in result.stderr
    assert tree_digest(mini) == before


def test_the_build_keeps_a_site_folder_that_holds_someone_elses_files(mini: Path, tmp_path: Path):
    site = tmp_path / "site"
    before = someone_elses_folder(site)
    result = build(mini, "-d", str(site))
    assert result.returncode == 2 and "no build wrote there (CNAME, notes/todo.md)" in result.stderr
    assert tree_digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini", "site"]  # no staging left
    # A site it built itself is replaced as before.
    assert build(mini, "-d", str(tmp_path / "built")).returncode == 0
    assert build(mini, "-d", str(tmp_path / "built")).returncode == 0


def test_the_zensical_build_refuses_the_projects_own_folders(mini: Path):
    shutil.copy(ROOT / "zensical.yml", mini / "zensical.yml")
    before = tree_digest(mini)
    for site_dir in ("docs", ".", "glossary"):
        result = run_zensical(mini, mini / site_dir)
        assert result.returncode == 2, result.stderr
        assert "termbook: error: -d:" in result.stderr
    config = mini / "zensical.yml"
    config.write_text(config.read_text().replace("docs_dir: build/zensical-docs", "docs_dir: docs"))
    before = tree_digest(mini)
    result = run_zensical(mini, mini.parent / "site")
    assert result.returncode == 2 and "the hand-written pages" in result.stderr
    assert tree_digest(mini) == before


# --- common words as names ------------------------------------------------------------------

def test_common_words_are_refused_as_aliases_and_abbreviations_in_the_sites_language(mini: Path):
    entry = mini / "glossary/weights.yaml"
    entry.write_text(WEIGHTS.replace("  - model weights\n", "  - the\n  - Of The\n  - IT\n") + "abbreviation: And\n")
    _, findings = termbook.check(termbook.Project.at(mini))
    refused = sorted(f.field for f in findings if f.rule == "stop-word")
    assert refused == ["abbreviation", "aliases[0]", "aliases[1]", "aliases[2]"]
    entry.write_text(WEIGHTS + "abbreviation: IT\n")  # as an abbreviation it keeps its case
    _, findings = termbook.check(termbook.Project.at(mini))
    assert not [f for f in findings if f.rule == "stop-word"]
    # A site in a language termbook has no word list for is not held to English's.
    entry.write_text(WEIGHTS.replace("  - model weights\n", "  - the\n"))
    config = mini / "termbook.yml"
    config.write_text("language: fr\n" + config.read_text())
    _, findings = termbook.check(termbook.Project.at(mini))
    assert not [f for f in findings if f.rule == "stop-word"]


def test_the_word_lists_are_data_keyed_by_language():
    from termbook.languages import words

    assert {"the", "and", "a", "of"} <= words("en", "stop_words") == words("en-GB", "stop_words")
    assert {"und", "der", "über"} <= words("de", "stop_words") == words("de-AT", "stop_words")
    assert not words("de", "stop_words") & {"the", "and"}
    assert words("xx", "stop_words") == frozenset()


# --- the read cache follows the rules -------------------------------------------------------

def test_the_read_cache_forgets_what_a_changed_rule_accepted(tmp_path: Path):
    """The cache's key is a digest of the code and data that decide what a read accepts: a
    change to a rule module, with the version number unchanged, gives another key."""
    package = tmp_path / "src" / "termbook"
    shutil.copytree(ROOT / "src" / "termbook", package, ignore=shutil.ignore_patterns("__pycache__"))

    def digest() -> str:
        return subprocess.run([sys.executable, "-c", "from termbook.readcache import rules_digest; "
                               "print(rules_digest())"], env={**os.environ, "PYTHONPATH": str(package.parent)},
                              capture_output=True, text=True, check=True).stdout.strip()

    before = digest()
    with (package / "yamlfile.py").open("a") as module:
        module.write("\n# a changed rule\n")
    assert digest() != before
