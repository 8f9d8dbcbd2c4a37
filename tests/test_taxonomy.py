"""The taxonomy a site declares in termbook.yml (termbook.taxonomy, read by termbook.read):
the entry schemas generated from it, a finding for each value it does not declare, and a site
that declares nothing."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest

import termbook
from termbook import schema
from termbook.taxonomy import taxonomy_from

from .conftest import ROOT, run_termbook
from .sample_glossary import SITE_TAXONOMY

TODAY = datetime.date(2026, 11, 23)


def check(project: Path):
    return termbook.check(termbook.Project.at(project), today=TODAY)


def findings_of(project: Path) -> list[str]:
    return [str(f) for f in check(project)[1] if f.severity == "error"]


def test_the_committed_schemas_are_generated_from_termbook_yml():
    """`termbook schema` writes them; after a change to termbook.yml, run it and commit."""
    for name, text in schema.schema_files(SITE_TAXONOMY).items():
        committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
        assert committed == text, f"schemas/{name} is stale: run `termbook schema`"


def test_the_generated_schema_holds_the_declared_values():
    term = schema.entry_schema(schema.TERM_SCHEMA, SITE_TAXONOMY)
    one, several = term["properties"]["category"]["oneOf"]
    assert [o["const"] for o in one["oneOf"]][:2] == ["fundamentals", "architecture"]
    assert several["type"] == "array" and several["items"] == one
    assert "category" in term["required"]
    assert next(iter(term["properties"]["openness"]["properties"])) == "weights"
    assert term["$defs"]["rating"]["properties"]["rating"]["enum"] == ["open", "partial", "closed", "unknown"]
    seed = schema.entry_schema(schema.SEED_SCHEMA, SITE_TAXONOMY)
    assert seed["properties"]["claims"]["items"]["properties"]["stance"]["enum"] == [
        "for-openness", "for-closed-weights", "neutral"]


def test_an_undeclared_category_has_file_line_and_did_you_mean(mini: Path):
    weights = mini / "glossary/weights.yaml"
    weights.write_text(weights.read_text(encoding="utf-8").replace(
        "category: fundamentals", "category: fundamental"), encoding="utf-8")
    assert findings_of(mini) == [
        "glossary/weights.yaml:8: category: 'fundamental' is not one of: fundamentals, architecture, "
        "training-and-use, openness, safety-and-policy, models, organisations; "
        "did you mean 'fundamentals'?"]


def test_an_undeclared_component_or_rating_has_file_line_and_did_you_mean(mini: Path):
    model = mini / "glossary/example-model.yaml"
    text = model.read_text(encoding="utf-8")
    model.write_text(text.replace("  weights: {rating: partial", "  weight: {rating: partail"),
                     encoding="utf-8")
    found = findings_of(mini)
    assert "glossary/example-model.yaml:11: openness.weight: unknown field; did you mean 'weights'?" \
        in found, found


def test_an_undeclared_rating_or_stance_has_did_you_mean(mini: Path):
    model = mini / "glossary/example-model.yaml"
    model.write_text(model.read_text(encoding="utf-8").replace("{rating: partial", "{rating: partail"),
                     encoding="utf-8")
    article = mini / "seeds/test-article.yaml"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "stance: for-openness", "stance: for-open"), encoding="utf-8")
    found = findings_of(mini)
    assert "glossary/example-model.yaml:11: openness.weights.rating: 'partail' is not one of: open, " \
           "partial, closed, unknown; did you mean 'partial'?" in found
    assert any(f.startswith("seeds/test-article.yaml:") and "stance: 'for-open' is not one of: "
               "for-openness, for-closed-weights, neutral; did you mean 'for-openness'?" in f
               for f in found), found


def test_a_site_without_termbook_yml_or_categories_passes(mini: Path):
    (mini / "termbook.yml").unlink()
    shutil.rmtree(mini / "seeds")
    home = mini / "docs/index.md"  # without events declared, a list of them is refused
    home.write_text(home.read_text(encoding="utf-8").split("What happened")[0], encoding="utf-8")
    for path in (mini / "glossary").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        text = "\n".join(line for line in text.split("\n") if not line.startswith("category:"))
        text = text.split("\nopenness:")[0] + "\n"
        path.write_text(text, encoding="utf-8")
    glossary, findings = check(mini)
    assert [f for f in findings if f.severity == "error"] == [] and glossary is not None
    assert glossary.categories == () and not any(t.ratings for t in glossary.terms.values())
    pages = {page.path for page in termbook.generate(
        glossary, termbook.export.Publication("Mini", "sha256:" + "0" * 64)).pages}
    assert "glossary/index.md" in pages and "glossary/weights.md" in pages
    assert not {"glossary/categories.md", "openness.md", "sources/index.md"} & pages
    result = run_termbook(mini, "check")
    assert result.returncode == 0, result.stdout


def test_a_category_without_declared_categories_is_an_unknown_field(mini: Path):
    (mini / "termbook.yml").unlink()
    shutil.rmtree(mini / "seeds")
    assert "glossary/weights.yaml:8: category: unknown field; allowed fields: term, short, definition, " \
           "aliases, abbreviation, related, broader, sources, status, reviewed, sort_as, link, " \
           "proper_noun" in findings_of(mini)


def test_articles_without_declared_articles_are_a_finding(mini: Path):
    config = mini / "termbook.yml"
    config.write_text(config.read_text(encoding="utf-8").split("\narticles:")[0], encoding="utf-8")
    glossary, findings = termbook.check(termbook.Project.at(mini, articles_dir=mini / "seeds"),
                                        today=TODAY)
    assert glossary is None
    assert "seeds/test-article.yaml:1: (file): articles are not declared in termbook.yml; declare " \
           "them ('articles:' with 'dir' and 'stances'), or remove the folder" in map(str, findings)


@pytest.mark.parametrize("change, expected", [
    (lambda t: t.replace("categories:", "categorys:", 1),
     "termbook.yml:5: categorys: unknown field; did you mean 'categories'?"),
    (lambda t: t.replace("rated_categories: [models]", "rated_categories: [model]"),
     "termbook.yml:25: scorecard.rated_categories[0]: 'model' is not one of the categories "
     "declared above; did you mean 'models'?"),
    (lambda t: t.replace("    weights: {title: Weights}", "    Weights: {title: Weights}"),
     "termbook.yml:27: scorecard.components: 'Weights' is not in the expected form"),
    # The types' rules, the summary and the names a scorecard takes.
    (lambda t: t.replace("- all: [weights, inference-code,", "- all: [weight, inference-code,"),
     "termbook.yml:53: scorecard.types.open-source.when[0].all[0]: 'weight' is not one of the "
     "components declared in the scorecard; did you mean 'weights'?"),
    (lambda t: t.replace("rated: [open, partial]", "rated: [open, partail]"),
     "termbook.yml:62: scorecard.types.open-weight.when[0].rated[1]: 'partail' is not one of the "
     "ratings declared in the scorecard; did you mean 'partial'?"),
    (lambda t: t.replace("        - all: [weights]\n", "        - all: [weights]\n          any: [licence]\n"),
     "termbook.yml:61: scorecard.types.open-weight.when[0]: names its components under both 'all' "
     "and 'any'; write either 'all: [...]' (every one of them) or 'any: [...]'"),
    (lambda t: t.replace("        - all: [weights]\n          rated: [open, partial]", "        - rated: [open]"),
     "termbook.yml:61: scorecard.types.open-weight.when[0]: names no components"),
    (lambda t: t.replace("      when:\n        - all: [weights]\n          rated: [open, partial]\n", ""),
     "termbook.yml:57: scorecard.types.open-weight: has no 'when', so it would take every entry "
     "the types above it leave and the types after it could never apply"),
    (lambda t: t.replace("      description: the weights are not released\n",
                         "      description: the weights are not released\n      when:\n"
                         "        - any: [weights]\n          rated: [closed]\n"),
     "termbook.yml:66: scorecard.types.closed.when: is the last type's rule, but the last type "
     "takes none"),
    (lambda t: t.replace("counts: [open]", "counts: [opened]"),
     "termbook.yml:24: scorecard.summary.counts[0]: 'opened' is not one of the ratings declared "
     "in the scorecard; did you mean 'open'?"),
    (lambda t: t.replace("  field: openness\n", "  field: sources\n"),
     "termbook.yml:15: scorecard.field: 'sources' is a field every entry can have"),
    (lambda t: t.replace("  field: openness\n", "  field: openness\n  slug: glossary\n"),
     "termbook.yml:16: scorecard.slug: 'glossary' would put the scorecard's page or files where "
     "termbook writes glossary/index.md"),
    (lambda t: t.replace("    licence: {title: Licence}", "    type: {title: Licence}"),
     "termbook.yml:35: scorecard.components.type: 'type' names a setting of the table's page "
     "address"),
    (lambda t: t.replace("summary: open_parts}", "summary: reviewed}"),
     "termbook.yml:26: scorecard.data_names.summary: 'reviewed' is already a field of each entry "
     "of the JSON file; choose another name"),
    (lambda t: t.replace("{entry: model,", "{entry: component,"),
     "termbook.yml:26: scorecard.data_names.entry: 'component' is already a field of the CSV file"),
    (lambda t: t.replace("entries: models,", "entries: Models,"),
     "termbook.yml:26: scorecard.data_names.entries: 'Models' is not in the expected form; use "
     "lower-case letters, digits and underscores"),
    # The words readers type after a name: one word each, as search reads words.
    (lambda t: t.replace("trailing_words: [model]", "trailing_words: [model, gpt-4]"),
     "termbook.yml:125: search.trailing_words[1]: is not one word of letters and digits; write one "
     "word as readers type it"),
    (lambda t: t.replace("trailing_words: [model]", 'trailing_words: ["AI model"]'),
     "termbook.yml:125: search.trailing_words[0]: is not one word of letters and digits"),
    (lambda t: t.replace("trailing_words: [model]", "trailing_words: model"),
     "termbook.yml:125: search.trailing_words: must be a list"),
])
def test_a_bad_termbook_yml_is_reported_with_its_line(mini: Path, change, expected):
    config = mini / "termbook.yml"
    config.write_text(change(config.read_text(encoding="utf-8")), encoding="utf-8")
    glossary, findings = check(mini)
    assert glossary is None
    assert any(str(f).startswith(expected) for f in findings), [str(f) for f in findings]
    result = run_termbook(mini, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_the_words_readers_type_after_a_name_are_the_sites_own():
    """None unless the site declares them: this site's "model" is no word of termbook's."""
    assert taxonomy_from({}).search.trailing_words == ()
    declared = taxonomy_from({"search": {"trailing_words": ["object", "resource"]}})
    assert declared.search.trailing_words == ("object", "resource")
    assert SITE_TAXONOMY.search.trailing_words == ("model",)


DESCRIPTION = "description: How open {count} AI models are"
ENTRY_INTRO = 'entry_intro: "How open each part of {term} is ([all rated models]({page})):"'


@pytest.mark.parametrize("change, expected", [
    # An unknown name was a KeyError; a format spec made a page of any size (MemoryError);
    # attribute access published Python's internals.
    ((DESCRIPTION, "description: Rated {models} models"),
     "termbook.yml:18: scorecard.description: the placeholder {models} is not one this text "
     "has; use only {count}, each a bare name in braces"),
    ((DESCRIPTION, "description: Rated {count:>999999999999999999} models"),
     "termbook.yml:18: scorecard.description: the placeholder {count:>999999999999999999} is "
     "not allowed; use only {count}"),
    ((DESCRIPTION, "description: Rated {count.__class__.__mro__} models"),
     "termbook.yml:18: scorecard.description: the placeholder {count.__class__.__mro__} is not "
     "allowed; use only {count}"),
    ((DESCRIPTION, "description: Rated {count!r} models"),
     "termbook.yml:18: scorecard.description: the placeholder {count!r} is not allowed"),
    ((DESCRIPTION, "description: Rated {count[0]} models"),
     "termbook.yml:18: scorecard.description: the placeholder {count[0]} is not allowed"),
    ((DESCRIPTION, "description: Rated {0} models"),
     "termbook.yml:18: scorecard.description: the placeholder {0} is not allowed"),
    ((DESCRIPTION, "description: Rated { models"),
     "termbook.yml:18: scorecard.description: has a brace that opens or closes nothing"),
    ((ENTRY_INTRO, 'entry_intro: "How open {term} is ({count} of them):"'),
     "termbook.yml:22: scorecard.entry_intro: the placeholder {count} is not one this text has; "
     "use only {term}, {page}"),
    # Markdown fields follow the rules of entries' Markdown.
    ((ENTRY_INTRO, 'entry_intro: "How open {term} is <img src=x onerror=alert(1)>"'),
     "termbook.yml:22: scorecard.entry_intro: raw HTML is not allowed"),
    ((ENTRY_INTRO, 'entry_intro: "How open {term} is ([all](javascript:alert(1)))"'),
     "termbook.yml:22: scorecard.entry_intro: the link 'javascript:alert(1)' is not an http(s) "
     "address"),
    (("  about: |\n", '  about: |\n    <script>alert(1)</script>\n\n'),
     "termbook.yml:42: scorecard.about: raw HTML is not allowed"),
    (("  about: |\n", '  about: |\n    See [the index](java&#115;cript:alert(1)).\n\n'),
     "termbook.yml:42: scorecard.about: the link 'javascript:alert(1)' is not an http(s) address"),
    (("  about: |\n", '  about: |\n    A paragraph.\n    {: onclick="alert(1)" }\n\n'),
     "termbook.yml:43: scorecard.about: the attribute 'onclick' is not allowed"),
])
def test_termbook_yml_texts_take_named_placeholders_and_safe_markdown(mini: Path, change, expected):
    config = mini / "termbook.yml"
    text = config.read_text(encoding="utf-8")
    assert change[0] in text
    config.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    result = run_termbook(mini, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert expected in result.stdout, result.stdout


def test_placeholders_are_filled_without_str_format():
    from termbook.taxonomy import fill, placeholder_problem

    assert fill("{count} of {term}; {{literal}}", count=3, term="<b>") == "3 of <b>; {literal}"
    assert placeholder_problem("{count} and {count}", ["count"]) is None
    assert placeholder_problem("{count.real}", ["count"])[0] == "the placeholder {count.real} is not allowed"


def test_schema_command_writes_the_schemas_of_the_named_config(mini: Path):
    (mini / "other.yml").write_text("categories:\n  birds: {title: Birds}\n", encoding="utf-8")
    result = run_termbook(mini, "schema", "--config", "other.yml", "--out", "out")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (mini / "out").iterdir()) == ["term.schema.json",
                                                                "termbook.schema.json"]
    term = json.loads((mini / "out/term.schema.json").read_text(encoding="utf-8"))
    assert term["properties"]["category"]["oneOf"][0] == {
        "oneOf": [{"const": "birds", "title": "Birds", "description": ""}]}
    assert term["required"] == ["term"]  # nothing else without an entry policy
    assert "openness" not in term["properties"]
    assert run_termbook(mini, "schema", "--config", "missing.yml").returncode == 2


def test_check_and_new_take_the_config_option(mini: Path):
    (mini / "other.yml").write_text("categories:\n  birds: {title: Birds}\n", encoding="utf-8")
    result = run_termbook(mini, "check", "--config", "other.yml")
    assert result.returncode == 1 and "is not one of: birds" in result.stdout
    result = run_termbook(mini, "new", "Robin", "--category", "birds", "--config", "other.yml")
    assert result.returncode == 0, result.stderr
    assert "category: birds" in (mini / "glossary/robin.yaml").read_text(encoding="utf-8")
    assert run_termbook(mini, "check", "--config", "absent.yml").returncode == 2


def test_types_are_tried_in_order_and_the_last_takes_every_entry_the_others_leave():
    scorecard = taxonomy_from({"scorecard": {
        "components": {c: {"title": c.upper()} for c in ("a", "b", "c")},
        "ratings": {"good": {"title": "Good"}, "fair": {"title": "Fair"},
                    "poor": {"title": "Poor", "colour": "purple"}},
        "summary": {"title": "Good or fair", "counts": ["good", "fair"]},
        "types": {"top": {"title": "Top", "when": [{"all": ["a", "b"], "rated": ["good"]}]},
                  "some": {"title": "Some", "when": [{"any": ["a", "b", "c"], "rated": ["good"]},
                                                     {"all": ["a"], "rated": ["good", "fair"]}]},
                  "rest": {"title": "Rest"}}}}).scorecard
    assert scorecard.type_of({"a": "good", "b": "good", "c": "poor"}).id == "top"
    assert scorecard.type_of({"a": "fair", "b": "poor", "c": "good"}).id == "some"
    # Every condition of a rule must hold: "c" is good, but "a" is neither good nor fair.
    assert scorecard.type_of({"a": "poor", "b": "poor", "c": "good"}).id == "rest"
    assert scorecard.type_of({"a": "poor", "b": "poor", "c": "poor"}).id == "rest"
    assert scorecard.summary_count({"a": "good", "b": "fair", "c": "poor"}) == 2
    assert [r.colour for r in scorecard.ratings] == ["green", "amber", "purple"]
    assert (scorecard.name, scorecard.paths.json) == ("scorecard", "scorecard.json")
    # Without types, no entry has one; without counts, the summary counts the first rating.
    plain = taxonomy_from({"scorecard": {"field": "grades", "slug": "report-card",
                                         "components": {"a": {"title": "A"}},
                                         "ratings": {"good": {"title": "Good"}, "poor": {"title": "Poor"}},
                                         "summary": {"title": "Good parts"}}}).scorecard
    assert plain.type_of({"a": "good"}) is None
    assert plain.summary is not None and plain.summary.counts == ("good",)
    assert (plain.paths.page, plain.paths.csv, plain.paths.schema) == (
        "report-card.md", "report-card.csv", "schemas/report-card.schema.json")
