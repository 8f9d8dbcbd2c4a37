"""A contributor's path from "I want to add a term" to a page on the site, tried for real.

On a copy of the mini project: ``termbook new`` scaffolds an entry, which fails the check
only with "is empty" lines until it is filled in; each usual mistake then gets one line naming
the file, the line and the fix; the corrected entry builds with ``mkdocs build --strict``,
shows on the site and is found by search. Also here: what ``termbook new`` refuses, the
example entry and sample output in CONTRIBUTING.md, and the pre-commit hook.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

import termbook
from termbook import schema
from termbook.scaffold import derive_id, entry_text, new_entry

from .conftest import MINI, ROOT, Site, run_mkdocs, run_termbook, serve
from .sample_glossary import COMPONENTS, SITE_TAXONOMY
from .test_search_browser import search

NAME = "Retrieval-augmented generation"
ENTRY = "glossary/retrieval-augmented-generation.yaml"
TODAY = datetime.date.today().isoformat()  # what `termbook new` writes into `reviewed`

# What a contributor writes in place of each empty line of the scaffold.
FILL_IN = {
    "short:": "short: A way of answering in which a model first looks up passages in a document "
              "collection and then writes its answer from them.",
    "definition: |": "definition: |\n  A retriever finds passages and the model answers from them, "
                     "without changing its [[weights]].",
    "category:": "category: training-and-use",
    "related: []": "related: [mixture-of-experts]",
    "  - title:": "  - title: Retrieval-Augmented Generation for Knowledge-Intensive NLP Tasks",
    "    publisher:": "    publisher: Lewis et al., arXiv",
    "    url:": "    url: https://arxiv.org/abs/2005.11401",
    "    date:": "    date: 2020-05-22",
}


def fill_in(text: str) -> str:
    return "\n".join(FILL_IN.get(line, line) for line in text.split("\n"))


def scaffold(project: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], str]:
    result = run_termbook(project, "new", NAME, "--abbreviation", "RAG", *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result, (project / ENTRY).read_text(encoding="utf-8")


def check_entry(project: Path, text: str, *options: str) -> subprocess.CompletedProcess[str]:
    """Save ``text`` as the new entry and run ``termbook check`` on it, as CONTRIBUTING says."""
    (project / ENTRY).write_text(text, encoding="utf-8")
    result = run_termbook(project, "check", *options, ENTRY)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def error_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The check's problem lines, without its "[info]" advice (such as "no page mentions
    this term", which a brand-new entry always gets)."""
    return [line for line in result.stdout.splitlines() if not line.endswith(" [info]")]


def line_number(text: str, marker: str) -> int:
    """The 1-based number of the first line of ``text`` that contains ``marker``."""
    return next(n for n, line in enumerate(text.split("\n"), 1) if marker in line)


# --- the scaffold ---------------------------------------------------------------------------

def test_new_prints_the_path_and_the_next_steps(mini: Path):
    result, _ = scaffold(mini)
    assert result.stdout.splitlines() == [
        f"created {ENTRY}",
        "next:",
        "  1. fill in every empty field; the comment above each says what goes there",
        f"  2. check it:   .venv/bin/termbook check {ENTRY}",
        "  3. preview it: scripts/serve, then open "
        "http://127.0.0.1:8000/glossary/retrieval-augmented-generation/",
    ]
    # The project had no schemas/: the entry's first line names the one written now.
    assert result.stderr.splitlines() == [
        f"wrote schemas/{name} (the entry's first line names it)"
        for name in ("term.schema.json", "seed.schema.json", "event.schema.json",
                     "termbook.schema.json")]
    assert run_termbook(mini, "new", "Another one").stderr == ""


def _comment_above(lines: list[str], index: int) -> str:
    """The comment lines right above ``lines[index]``, joined into one text."""
    above = []
    while index > 0 and lines[index - 1].lstrip().startswith("#"):
        index -= 1
        above.insert(0, lines[index].lstrip().removeprefix("#").strip())
    return " ".join(above)


def _field_line(lines: list[str], field: str, indent: str) -> int:
    """Where ``field`` is written, as a key or commented out (optional fields)."""
    pattern = re.compile(rf"^{indent}(- )?(# )?{re.escape(field)}:")
    return next(i for i, line in enumerate(lines) if pattern.match(line))


def test_scaffold_offers_the_ratings_where_any_entry_may_be_rated():
    """A scorecard that names no rated categories may rate any entry: a new entry has its
    ratings block commented out, under the field's description, ready to use."""
    taxonomy = dataclasses.replace(SITE_TAXONOMY, scorecard=dataclasses.replace(
        SITE_TAXONOMY.scorecard, rated_categories=()))
    text = entry_text(NAME, abbreviation=None, aliases=(), categories=(),
                      today=datetime.date(2026, 1, 2), schema_ref="term.schema.json",
                      taxonomy=taxonomy)
    spec = schema.entry_schema(schema.TERM_SCHEMA, taxonomy)["properties"]["openness"]
    lines = text.split("\n")
    index = _field_line(lines, "openness", "")
    assert lines[index] == "# openness:"
    assert spec["description"] in _comment_above(lines, index)
    uncommented = "\n".join(line.removeprefix("# ") for line in lines[index:])
    assert list(yaml.safe_load(uncommented)["openness"]) == list(spec["properties"])


@pytest.mark.parametrize("category", [None, "models"])
def test_scaffold_has_every_field_under_its_schema_description(mini: Path, category):
    _, text = scaffold(mini, *(["--category", category] if category else []))
    lines = text.split("\n")
    term_schema = schema.entry_schema(schema.TERM_SCHEMA, SITE_TAXONOMY)
    defs = term_schema["$defs"]
    for field, spec in term_schema["properties"].items():
        if field == "openness" and category != "models":
            index = next(i for i, line in enumerate(lines) if line.startswith("# openness:"))
            assert spec["description"] in " ".join(
                line.removeprefix("# ") for line in lines[index:] if line.startswith("#"))
            continue
        index = _field_line(lines, field, "")
        assert spec["description"] in _comment_above(lines, index), field
    for field, spec in defs["source"]["properties"].items():
        description = spec.get("description") or defs[spec["$ref"].rsplit("/", 1)[1]]["description"]
        assert description in _comment_above(lines, _field_line(lines, field, "  (  )?")), field
    if category == "models":
        data = yaml.safe_load(text)
        assert list(data["openness"]) == list(term_schema["properties"]["openness"]["properties"])


def test_scaffold_names_the_schema_and_is_dated_today_as_a_draft(mini: Path):
    _, text = scaffold(mini)
    first = text.split("\n")[0]
    assert first.startswith("# yaml-language-server: $schema=")
    # The project's own schema, written by `termbook new` when the project has none yet.
    schema_path = (mini / "glossary" / first.split("$schema=", 1)[1]).resolve()
    assert schema_path == (mini / "schemas/term.schema.json").resolve() and schema_path.is_file()
    data = yaml.safe_load(text)
    assert (data["term"], data["abbreviation"]) == (NAME, "RAG")
    assert (data["status"], str(data["reviewed"])) == ("draft", TODAY)


def test_names_are_written_so_any_yaml_reader_reads_them_back(mini: Path):
    """termbook reads every scalar as text, but an editor's YAML reader would turn a plain
    ``yes`` into true and ``2024`` into a number: such names are quoted."""
    names = ['C# "quoted": thing', "yes", "2024", "2026-01-01", "#hashtag", "- dash", "null"]
    result = run_termbook(mini, "new", names[0], "--id", "tricky",
                          *[arg for name in names[1:] for arg in ("--alias", name)])
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load((mini / "glossary/tricky.yaml").read_text(encoding="utf-8"))
    assert [data["term"], *data["aliases"]] == names


EMPTY_FIELDS = ["short", "definition", "category", "sources[0].title", "sources[0].publisher",
                "sources[0].url", "sources[0].date"]


@pytest.mark.parametrize("category, expected", [
    (None, EMPTY_FIELDS),
    ("models", [f for f in EMPTY_FIELDS if f != "category"] + [
        f"openness.{c}.{part}" for c in COMPONENTS
        for part in ("rating", "reason", "evidence")]),
])
def test_the_scaffold_fails_the_check_only_with_fill_in_lines(mini: Path, category, expected):
    _, text = scaffold(mini, *(["--category", category] if category else []))
    result = check_entry(mini, text, "--format", "json")
    assert result.returncode == 1
    findings = [f for f in json.loads(result.stdout)["findings"] if f["severity"] == "error"]
    assert {f["rule"] for f in findings} == {"empty-field"}
    assert sorted(f["field"] for f in findings) == sorted(expected)
    lines = text.split("\n")
    for finding in findings:  # each points at its own empty line and says what goes there
        assert re.fullmatch(r"\s*(- )?[\w-]+:( \|)?", lines[finding["line"] - 1]), finding
        assert finding["message"] == "is empty" and finding["hint"]
    hints = {f["field"]: f["hint"] for f in findings}
    if category == "models":
        assert hints["openness.weights.rating"] == "Write one of: open, partial, closed, unknown."
    else:
        assert hints["category"].endswith("Write one of: " + ", ".join(
            c.id for c in SITE_TAXONOMY.categories) + ".")
    assert hints["sources[0].url"].endswith("Or delete the line: the field is optional.")
    assert not hints["sources[0].title"].endswith("optional.")


def test_the_filled_in_scaffold_passes(mini: Path):
    _, text = scaffold(mini)
    result = check_entry(mini, fill_in(text))
    assert (result.returncode, error_lines(result)) == (0, []), result.stdout


def test_a_filled_in_model_passes(mini: Path):
    _, text = scaffold(mini, "--category", "models")
    text = re.sub(r"\n    evidence:", "", fill_in(text))  # nothing to point to: delete the lines
    text = text.replace("    rating:\n    reason:", "    rating: closed\n    reason: Not published.")
    result = check_entry(mini, text)
    assert (result.returncode, error_lines(result)) == (0, []), result.stdout


# --- the usual mistakes, one clear line each --------------------------------------------------

def _without_sources(text: str) -> str:
    return re.sub(r"\n# Where the definition comes from.*?\n\n", "\n\n", text, flags=re.S)


# (mistake, change to the filled-in entry, text on the line reported, field, message, hint)
MISTAKES = [
    ("no sources at all", _without_sources, "term:", "sources", "required field is missing",
     "Where the definition comes from."),
    ("an empty list of sources", lambda t: re.sub(r"sources:\n.*?\n\n", "sources: []\n\n", t,
                                                   flags=re.S),
     "sources: []", "sources", "needs at least 1 item(s)", "Where the definition comes from."),
    ("a typo in a related id", lambda t: t.replace("[mixture-of-experts]", "[mixture-of-expert]"),
     "related:", "related[0]", "unknown term id 'mixture-of-expert'",
     "did you mean 'mixture-of-experts'?"),
    ("an alias another term has", lambda t: t.replace("aliases: []", "aliases: [model weights]"),
     "aliases:", "aliases[0]", "'model weights' is also claimed by glossary/weights.yaml "
     "(aliases[0])", "remove it from one of them"),
    ("a short that is too long", lambda t: t.replace("document collection", "document " * 20
                                                     + "collection"),
     "short:", "short", "characters long; the limit is 200", "One plain-text sentence"),
    ("a date written day first", lambda t: t.replace(f"reviewed: {TODAY}", "reviewed: 23/11/2026"),
     "reviewed:", "reviewed", "'23/11/2026' is not in the expected form", "YYYY-MM-DD"),
    ("a date that does not exist", lambda t: t.replace(f"reviewed: {TODAY}", "reviewed: 2026-02-30"),
     "reviewed:", "reviewed", "'2026-02-30' is not a real date", "YYYY-MM-DD"),
    ("a review date in the future", lambda t: t.replace(f"reviewed: {TODAY}", "reviewed: 2999-01-01"),
     "reviewed:", "reviewed", "'2999-01-01' is in the future", f"on or before {TODAY}"),
    ("a source date in words", lambda t: t.replace("date: 2020-05-22", "date: May 2020"),
     "date: May", "sources[0].date", "'May 2020' is not in the expected form", "YYYY-MM"),
]


@pytest.mark.parametrize("mistake, change, marker, field, message, hint", MISTAKES,
                         ids=[m[0] for m in MISTAKES])
def test_each_usual_mistake_gets_one_line_naming_file_line_and_fix(
        mini: Path, mistake, change, marker, field, message, hint):
    _, text = scaffold(mini)
    wrong = change(fill_in(text))
    assert wrong != fill_in(text), "the mistake was not made"
    result = check_entry(mini, wrong)
    assert result.returncode == 1
    [line] = error_lines(result)  # exactly one line for one mistake
    assert line.startswith(f"{ENTRY}:{line_number(wrong, marker)}: {field}: "), line
    # what is wrong, then "; " and how to fix it
    fix = line[line.index(message) + len(message):]
    assert fix.startswith("; ") and hint in fix, line


def test_json_gives_the_same_findings(mini: Path):
    _, text = scaffold(mini)
    wrong = fill_in(text).replace("[mixture-of-experts]", "[mixture-of-expert]")
    [text_line] = error_lines(check_entry(mini, wrong))
    findings = json.loads(check_entry(mini, wrong, "--format", "json").stdout)["findings"]
    [finding] = [f for f in findings if f["severity"] == "error"]
    assert text_line == f"{finding['path']}:{finding['line']}: {finding['field']}: " \
                        f"{finding['message']}; {finding['hint']}"


# --- the corrected entry on the site --------------------------------------------------------

@pytest.fixture(scope="module")
def contributed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini project with the scaffolded, filled-in entry, built with --strict."""
    work = tmp_path_factory.mktemp("contributed")
    project = work / "mini"
    shutil.copytree(MINI, project)
    _, text = scaffold(project)
    assert check_entry(project, fill_in(text)).returncode == 0
    result = run_mkdocs(project, work / "site")
    assert result.returncode == 0, result.stderr
    return work / "site"


def _html(site: Path, path: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / path).read_text(encoding="utf-8"))


def test_the_entry_has_its_page(contributed_site: Path):
    page = _html(contributed_site, "glossary/retrieval-augmented-generation/index.html")
    assert page.css_first("article h1").text(strip=True) == NAME
    description = page.css_first('meta[name="description"]').attributes["content"]
    assert description == FILL_IN["short:"].removeprefix("short: ")
    links = {a.attributes.get("href") for a in page.css("article a")}
    assert "../weights/" in links  # the [[weights]] link in the definition
    assert "../mixture-of-experts/" in links  # related


def test_the_entry_is_listed_and_linked_back(contributed_site: Path):
    index = _html(contributed_site, "glossary/index.html")
    assert "retrieval-augmented-generation/" in {a.attributes.get("href")
                                                  for a in index.css("article a")}
    moe = _html(contributed_site, "glossary/mixture-of-experts/index.html")  # related is mutual
    assert "../retrieval-augmented-generation/" in {a.attributes.get("href")
                                                    for a in moe.css("article a")}


def test_the_entry_is_in_the_search_index(contributed_site: Path):
    index = json.loads((contributed_site / "search/search_index.json").read_text(encoding="utf-8"))
    docs = [d for d in index["docs"] if d["location"] == "glossary/retrieval-augmented-generation/"]
    assert docs and docs[0]["title"] == NAME
    assert "RAG" in json.dumps(docs)  # the abbreviation is searchable


@pytest.mark.browser
def test_search_finds_the_new_entry(contributed_site: Path, page):
    base_url, server = serve(contributed_site)
    try:
        site = Site("http", base_url, contributed_site)
        for query in ("RAG", "retrieval-augmented"):
            assert search(page, site, query)[0] == "glossary/retrieval-augmented-generation/"
    finally:
        server.shutdown()


# --- what `termbook new` refuses --------------------------------------------------------------

def test_new_never_overwrites(mini: Path):
    scaffold(mini)
    (mini / ENTRY).write_text("term: Work in progress\n", encoding="utf-8")
    result = run_termbook(mini, "new", NAME)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{ENTRY}:1: (file): an entry with this id already exists; "
        "edit that entry instead, or choose another id with --id",
        "termbook: nothing written"]
    assert (mini / ENTRY).read_text(encoding="utf-8") == "term: Work in progress\n"


@pytest.mark.parametrize("args, clash", [
    (["Model Weights"], "glossary/weights.yaml:4: aliases[0]: the name 'Model Weights' "
                        "already leads to this entry"),
    (["Sparse routing", "--abbreviation", "moe"],
     "glossary/mixture-of-experts.yaml:2: abbreviation: the abbreviation 'moe' already leads "
     "to this entry"),
    (["Model parameters", "--alias", "WEIGHTS"],
     "glossary/weights.yaml:2: term: the alias 'WEIGHTS' already leads to this entry"),
    (["Mixture of experts", "--id", "moe-layer"],
     "glossary/mixture-of-experts.yaml:3: aliases[0]: the name 'Mixture of experts' already "
     "leads to this entry"),
])
def test_new_refuses_a_name_another_term_has(mini: Path, args, clash):
    before = sorted((mini / "glossary").iterdir())
    result = run_termbook(mini, "new", *args)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{clash}; improve this entry instead, or give the new term a name no entry uses",
        "termbook: nothing written"]
    assert sorted((mini / "glossary").iterdir()) == before


@pytest.mark.parametrize("label", ["model weights", "MODEL WEIGHTS", "Model Weights", "MoE",
                                   "model-weights", "modelweights", "Weights!", "open weight"])
def test_new_refuses_exactly_what_the_check_calls_a_label_collision(mini: Path, label):
    """One normalisation for both: what `new` refuses is what the check would reject."""
    created, refusals = new_entry(mini / "glossary", "Probe term", aliases=[label], root=mini)
    created.unlink(missing_ok=True)  # compare with the glossary as it was
    (mini / "glossary/by-hand.yaml").write_text(
        f"term: By hand\naliases: [{json.dumps(label)}]\nshort: Written by hand for this test.\n"
        "definition: x\ncategory: fundamentals\nsources: [{title: t, publisher: p, date: '2024'}]\n"
        "reviewed: 2026-01-01\n", encoding="utf-8")
    _, findings = termbook.check(termbook.Project.at(mini), only=[mini / "glossary/by-hand.yaml"])
    assert bool(refusals) == any(f.rule == "label-collision" for f in findings)


@pytest.mark.parametrize("args, message", [
    ([], "the following arguments are required: name"),
    (["   "], "the term's name is empty"),
    (["日本語"], "cannot make an id from '日本語': give one with --id"),
    (["Thing", "--id", "Not_Valid"], "'Not_Valid' is not a valid id"),
    (["Thing", "--category", "model"], "unknown category 'model' (one of: fundamentals, "
     "architecture, training-and-use, openness, safety-and-policy, models, organisations); "
     "did you mean 'models'?"),
    (["Thing", "--glossary", "nowhere"], "no glossary folder at 'nowhere'"),
])
def test_new_misuse_exits_2(mini: Path, args, message):
    before = sorted((mini / "glossary").iterdir())
    result = run_termbook(mini, "new", *args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert sorted((mini / "glossary").iterdir()) == before


@pytest.mark.parametrize("name, expected", [
    ("Retrieval-augmented generation", "retrieval-augmented-generation"),
    ("  Llama 4: Scout ", "llama-4-scout"),
    ("Éclair à la crème", "eclair-a-la-creme"),
    ("GPT-4o", "gpt-4o"),
    ("Open-weight  model (OWM)", "open-weight-model-owm"),
    ("日本語", ""),
])
def test_derive_id(name, expected):
    assert derive_id(name) == expected


def test_an_id_given_with_the_name_is_used(mini: Path):
    result = run_termbook(mini, "new", "Retrieval-augmented generation", "--id", "rag")
    assert result.returncode == 0 and (mini / "glossary/rag.yaml").is_file()


# --- CONTRIBUTING.md --------------------------------------------------------------------------

CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def _block(heading: str, language: str) -> str:
    """The first fenced ``language`` block after ``heading`` in CONTRIBUTING.md."""
    section = CONTRIBUTING.split(heading, 1)[1]
    return re.search(rf"```{language}\n(.*?)```", section, re.S).group(1)


@pytest.fixture
def example_project(tmp_path: Path) -> Path:
    """The repository's own glossary with the CONTRIBUTING example saved in it: the example
    must be valid against the real glossary, since that is where contributors copy it."""
    project = tmp_path / "repo"
    shutil.copytree(ROOT / "glossary", project / "glossary")
    shutil.copyfile(ROOT / "termbook.yml", project / "termbook.yml")
    (project / ENTRY).write_text(_block("## A complete example", "yaml"), encoding="utf-8")
    return project


def test_the_example_entry_passes_the_check(example_project: Path):
    result = run_termbook(example_project, "check", ENTRY)
    assert (result.returncode, error_lines(result)) == (0, []), result.stdout


def test_the_example_uses_every_field_the_scaffold_asks_for():
    example = yaml.safe_load(_block("## A complete example", "yaml"))
    required = schema.entry_schema(schema.TERM_SCHEMA, SITE_TAXONOMY)["required"]
    assert set(required) <= set(example)


# The mistakes CONTRIBUTING.md shows, made on its example entry: (old text, new text).
DOCUMENTED_MISTAKES = [
    ("[large-language-model, context-window]", "[large-language-models, context-window]"),
    ("aliases: [retrieval augmented generation]", "aliases: [LLM]"),
    ("reviewed: 2026-11-23", "reviewed: 23/11/2026"),
]


def test_the_sample_output_in_contributing_is_what_the_check_prints(example_project: Path):
    text = (example_project / ENTRY).read_text(encoding="utf-8")
    lines = []
    for old, new in DOCUMENTED_MISTAKES:
        assert old in text
        (example_project / ENTRY).write_text(text.replace(old, new), encoding="utf-8")
        lines += error_lines(run_termbook(example_project, "check", ENTRY))
    assert lines == _block("## When the check finds a problem", "text").splitlines()


# --- the pre-commit hook ------------------------------------------------------------------

def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                    "-c", "commit.gpgsign=false", *args], cwd=repo, check=True,
                   capture_output=True)


def test_pre_commit_checks_the_changed_entries(tmp_path: Path):
    """A commit that adds a broken entry is stopped with the checker's line; a good one and
    a change to no entry pass."""
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo)
    shutil.copy(ROOT / ".pre-commit-config.yaml", repo)
    (repo / ".venv").symlink_to(ROOT / ".venv")  # the hook runs the project's .venv/bin/termbook
    (repo / ".gitignore").write_text(".venv\n")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "start")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache")}

    def pre_commit() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pre_commit", "run"], cwd=repo, env=env,
                              capture_output=True, text=True)

    assert run_termbook(repo, "new", NAME).returncode == 0
    _git(repo, "add", ENTRY)
    result = pre_commit()
    assert result.returncode == 1
    assert f"{ENTRY}:" in result.stdout and "short: is empty;" in result.stdout

    (repo / ENTRY).write_text(fill_in((repo / ENTRY).read_text()), encoding="utf-8")
    _git(repo, "add", ENTRY)
    result = pre_commit()
    assert result.returncode == 0, result.stdout
    assert re.search(r"termbook check \(changed entries\)\.+Passed", result.stdout)

    _git(repo, "commit", "-q", "--no-verify", "-m", "entry")
    (repo / "docs/index.md").write_text("# Changed\n")
    _git(repo, "add", "docs/index.md")
    result = pre_commit()
    assert result.returncode == 0 and "(no files to check)Skipped" in result.stdout
