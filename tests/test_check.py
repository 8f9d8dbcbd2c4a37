"""The checker: one case per rule it enforces, each naming the file, the line and the field."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

import termbook
from termbook.findings import GlossaryError

from .conftest import run_termbook
from .sample_glossary import COMPONENTS

GOOD = """\
term: Router
short: The part of a Mixture-of-Experts layer that picks which experts handle each token.
definition: |
  Picks experts.
category: architecture
related: [mixture-of-experts]
sources:
  - title: Llama 4 model card
    publisher: Meta
    date: 2025-04-05
reviewed: 2026-11-20
"""


def findings_for(project: Path, name: str, text: str, folder: str = "glossary"):
    (project / folder / name).write_text(text, encoding="utf-8")
    glossary, findings = termbook.check(termbook.Project.at(project),
                                        today=datetime.date(2026, 11, 23))
    return glossary, findings


def test_the_valid_project_has_no_findings(mini: Path):
    glossary, findings = findings_for(mini, "router.yaml", GOOD)
    assert findings == []
    assert glossary is not None and "router" in glossary.terms


# (rule, file name, change to GOOD, expected line, expected field)
CASES = [
    ("missing-field", "router.yaml", lambda t: t.replace("category: architecture\n", ""), 1, "category"),
    ("unknown-field", "router.yaml", lambda t: t + "aliasses: [x]\n", 12, "aliasses"),
    ("schema-maxLength", "router.yaml",
     lambda t: t.replace("short: The part", "short: " + "very " * 40 + "The part"), 2, "short"),
    ("schema-enum", "router.yaml", lambda t: t.replace("architecture", "architectur"), 5, "category"),
    ("schema-enum", "router.yaml", lambda t: t + "status: settled\n", 12, "status"),
    ("unsafe-url", "router.yaml",
     lambda t: t.replace("    date: 2025-04-05\n", "    date: 2025-04-05\n    url: javascript:alert(1)\n"),
     11, "sources[0].url"),
    ("schema-minItems", "router.yaml",
     lambda t: t.split("sources:")[0] + "sources: []\nreviewed: 2026-11-20\n", 7, "sources"),
    ("schema-type", "router.yaml", lambda t: t.replace("related: [mixture-of-experts]", "related: weights"),
     6, "related"),
    ("invalid-date", "router.yaml", lambda t: t.replace("reviewed: 2026-11-20", "reviewed: 2026-02-30"),
     11, "reviewed"),
    ("invalid-date", "router.yaml", lambda t: t.replace("date: 2025-04-05", "date: 2025-13"), 10,
     "sources[0].date"),
    ("date-in-future", "router.yaml", lambda t: t.replace("reviewed: 2026-11-20", "reviewed: 2027-01-01"),
     11, "reviewed"),
    ("unknown-term", "router.yaml", lambda t: t.replace("[mixture-of-experts]", "[mixture-of-expert]"),
     6, "related[0]"),
    ("self-reference", "router.yaml", lambda t: t.replace("[mixture-of-experts]", "[router]"), 6,
     "related[0]"),
    ("label-collision", "router.yaml", lambda t: t + "abbreviation: moe\n", 12, "abbreviation"),
    ("label-collision", "router.yaml", lambda t: t.replace("term: Router", "term: Model Weights"), 1,
     "term"),
    ("short-not-plain", "router.yaml", lambda t: t.replace("picks which", "picks [[weights]]"), 2, "short"),
    ("short-one-sentence", "router.yaml", lambda t: t.replace("each token.", "each token. It is small."),
     2, "short"),
    ("unrated-category", "router.yaml",
     lambda t: t + "openness:\n" + "".join(f"  {c}: {{rating: open, reason: r}}\n" for c in
                                           COMPONENTS), 12, "openness"),
    ("id-format", "Router.yaml", lambda t: t, 1, "(file)"),
    ("file-extension", "router.yml", lambda t: t, 1, "(file)"),
    ("root-not-mapping", "router.yaml", lambda t: "- just\n- a list\n", 1, "(file)"),
    ("yaml-duplicate-key", "router.yaml", lambda t: t + "term: Again\n", 12, "term"),
    ("yaml-tag", "router.yaml", lambda t: t.replace("term: Router", "term: !!python/name:os.system"), 1,
     "term"),
    ("yaml-anchor", "router.yaml", lambda t: t.replace("related: [", "related: &r ["), 6, "related"),
    ("bidi-control", "router.yaml", lambda t: t.replace("Picks experts", "Picks \u202eexperts"),
     4, "definition"),
    ("invisible-character", "router.yaml", lambda t: t.replace("Picks experts", "Picks \u200bexperts"),
     4, "definition"),
]


@pytest.mark.parametrize("rule, name, change, line, field", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_rule_names_file_line_and_field(mini: Path, rule, name, change, line, field):
    glossary, findings = findings_for(mini, name, change(GOOD))
    mine = [f for f in findings if f.path == f"glossary/{name}"]
    assert glossary is None, "a build with errors must not produce a glossary"
    assert [(f.rule, f.line, f.field) for f in mine] == [(rule, line, field)], [str(f) for f in mine]
    assert str(mine[0]).startswith(f"glossary/{name}:{line}: {field}: ")


def test_did_you_mean_for_typos(mini: Path):
    _, findings = findings_for(mini, "router.yaml",
                               GOOD.replace("[mixture-of-experts]", "[open-weight]") + "aliasses: []\n")
    hints = {f.field: f.hint for f in findings}
    assert hints["related[0]"] == "did you mean 'open-weights'?"
    assert hints["aliasses"] == "did you mean 'aliases'?"


def test_broader_cycle(mini: Path):
    _, findings = findings_for(mini, "weights.yaml",
                               (mini / "glossary/weights.yaml").read_text() + "broader: [open-weights]\n")
    cycle = [f for f in findings if f.rule == "broader-cycle"]
    assert len(cycle) == 1
    assert (cycle[0].path, cycle[0].field) == ("glossary/weights.yaml", "broader[0]")
    assert cycle[0].message.endswith("open-weights → weights → open-weights")


def test_every_problem_is_collected_not_just_the_first(mini: Path):
    (mini / "glossary/a.yaml").write_text(GOOD.replace("term: Router", "term: A").replace("reviewed", "reviewd"))
    (mini / "glossary/b.yaml").write_text(GOOD.replace("term: Router", "term: B").replace("[mixture-of-experts]", "[nope]"))
    _, findings = termbook.check(termbook.Project.at(mini))
    assert {(f.path, f.rule) for f in findings} >= {
        ("glossary/a.yaml", "unknown-field"), ("glossary/a.yaml", "missing-field"),
        ("glossary/b.yaml", "unknown-term")}


def test_load_raises_one_error_type_listing_everything(mini: Path):
    (mini / "glossary/a.yaml").write_text("term: [")
    (mini / "glossary/b.yaml").write_text("- x")
    with pytest.raises(GlossaryError) as error:
        termbook.load(termbook.Project.at(mini))
    assert [f.path for f in error.value.findings] == ["glossary/a.yaml", "glossary/b.yaml"]


SEED_CASES = [
    ("unknown-term", lambda t: t.replace("terms: [weights, open-weights]", "terms: [weight]"),
     "claims[0].terms[0]"),
    ("schema-pattern", lambda t: t.replace("claim: The article argues that closing",
                                           "claim: Closing"), "claims[0].claim"),
    ("quote-too-long", lambda t: t.replace("quote: a short quote", "quote: " + "word " * 26),
     "claims[0].quote"),
    ("duplicate-claim-id", lambda t: t.replace("id: open-access", "id: closing-weights"), "claims[1].id"),
    ("schema-enum", lambda t: t.replace("stance: for-openness", "stance: pro-open"), "claims[1].stance"),
]


@pytest.mark.parametrize("rule, change, field", SEED_CASES, ids=[c[0] for c in SEED_CASES])
def test_article_rules(mini: Path, rule, change, field):
    text = (mini / "seeds/test-article.yaml").read_text()
    glossary, findings = findings_for(mini, "test-article.yaml", change(text), folder="seeds")
    assert glossary is None
    assert [(f.path, f.rule, f.field) for f in findings] == [("seeds/test-article.yaml", rule, field)]


def test_narrower_is_derived_and_related_is_symmetric(mini: Path):
    glossary = termbook.load(termbook.Project.at(mini))
    assert glossary.narrower["weights"] == ("open-weights",)
    assert glossary.related["mixture-of-experts"] == ("open-weights",)


# --- the command line ---------------------------------------------------------------------

def test_cli_clean_exits_0(mini: Path):
    result = run_termbook(mini, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_cli_bad_data_exits_1_one_line_per_problem(mini: Path):
    (mini / "glossary/router.yaml").write_text(
        GOOD.replace("[mixture-of-experts]", "[mixture-of-expert]").replace("2026-11-20", "2026-02-30"))
    result = run_termbook(mini, "check")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "glossary/router.yaml:6: related[0]: unknown term id 'mixture-of-expert'; "
        "did you mean 'mixture-of-experts'?",
        "glossary/router.yaml:11: reviewed: '2026-02-30' is not a real date; "
        "A calendar date, YYYY-MM-DD.",
    ]
    assert "Traceback" not in result.stderr


def test_cli_json_format(mini: Path):
    (mini / "glossary/router.yaml").write_text(GOOD + "colour: blue\n")
    result = run_termbook(mini, "check", "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["errors"] == 1
    assert report["findings"][0] | {"hint": ""} == {
        "path": "glossary/router.yaml", "line": 12, "field": "colour", "message": "unknown field",
        "hint": "", "rule": "unknown-field", "severity": "error"}


def test_cli_named_files_only(mini: Path):
    (mini / "glossary/router.yaml").write_text(GOOD + "colour: blue\n")
    assert run_termbook(mini, "check", "glossary/weights.yaml").returncode == 0
    assert run_termbook(mini, "check", "glossary/router.yaml").returncode == 1


def test_cli_named_file_is_checked_when_another_file_has_a_broken_reference(mini: Path):
    # An unknown id elsewhere must not crash the check of a good file (it once raised KeyError
    # while building the glossary from the filtered findings).
    (mini / "glossary/router.yaml").write_text(GOOD.replace("[mixture-of-experts]", "[no-such-term]"))
    result = run_termbook(mini, "check", "glossary/weights.yaml")
    assert (result.returncode, result.stderr) == (0, "ok: no problems found\n")
    assert run_termbook(mini, "check", "glossary/router.yaml").returncode == 1


@pytest.mark.parametrize("args", [["check", "--format", "xml"], ["frobnicate"], ["check", "nope.yaml"],
                                  ["check", "--glossary", "nowhere"]])
def test_cli_misuse_exits_2(mini: Path, args):
    result = run_termbook(mini, *args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
