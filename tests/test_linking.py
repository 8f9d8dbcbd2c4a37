"""Cross-linking (issue 4): which mentions become links, explicit [[id]] links, the check's
findings about links and mentions, and "Mentioned in" on term pages.

Most rules are tested on the engine alone (termbook.linking, converting Markdown with the same
Python-Markdown extensions as the site); whole mini-site builds test what MkDocs adds: URLs,
the strict build failing on an unknown link, backlinks, the published tooltip files."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import markdown
import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

import termbook
from termbook.linking import Linker, PageLinks
from termbook.model import Glossary

from .conftest import MINI, ROOT, run_mkdocs, run_termbook
from .sample_glossary import GLOSSARY, make_term

SITE_EXTENSIONS = ["abbr", "admonition", "attr_list", "footnotes", "md_in_html", "tables",
                   "toc", "fenced_code"]


def convert(text: str, *, path: str = "page.md", mode: str = "first",
            auto_link: bool = True) -> tuple[HTMLParser, PageLinks]:
    """``text`` converted as the site converts a page at ``path``; the HTML and what the
    linker found."""
    linker = Linker(GLOSSARY, mode=mode)
    extension = linker.extension()
    extension.page = page = linker.page(path, auto_link=auto_link)
    html = markdown.markdown(text, extensions=[*SITE_EXTENSIONS, extension])
    return HTMLParser(html), page


def links(tree: HTMLParser) -> list[tuple[str, str]]:
    """(link text, term id) of each term link, in order."""
    return [(a.text(), a.attributes["data-tb"]) for a in tree.css("a[data-tb]")]


# --- linking a page -----------------------------------------------------------------------

def test_first_mention_only_by_default():
    tree, page = convert("Weights here. More weights there and model weights.\n\n- weights again")
    assert links(tree) == [("Weights", "weights")]
    assert page.mentioned == {"weights"}


def test_every_mention_or_none_by_option():
    text = "Weights here. More weights there and MoE."
    tree, _ = convert(text, mode="all")
    assert links(tree) == [("Weights", "weights"), ("weights", "weights"), ("MoE", "mixture-of-experts")]
    tree, page = convert(text, mode="none")
    assert links(tree) == []
    assert page.mentioned == {"weights", "mixture-of-experts"}  # still recorded for backlinks


def test_links_are_relative_to_the_page():
    tree, _ = convert("Weights.", path="guides/deep/page.md")
    assert tree.css_first("a[data-tb]").attributes["href"] == "../../glossary/weights.md"
    tree, _ = convert("Weights.", path="glossary/token.md")
    assert tree.css_first("a[data-tb]").attributes["href"] == "weights.md"


def test_links_get_their_url_when_the_page_knows_the_site_urls():
    linker = Linker(GLOSSARY)
    extension = linker.extension()
    extension.page = linker.page("guides/page.md", term_url=("../../glossary/", "/"))
    html = markdown.markdown("Weights and [[token]].", extensions=[*SITE_EXTENSIONS, extension])
    assert [(a.attributes["href"], a.attributes["data-tb"]) for a in HTMLParser(html).css("a")] == [
        ("../../glossary/weights/", "weights"), ("../../glossary/token/", "token")]
    assert "termbook-a" not in html  # the placeholder tag never reaches the page


def test_a_page_converted_after_the_linker_lets_go_of_its_tables_is_linked_the_same():
    linker = Linker(GLOSSARY)
    extension = linker.extension()
    text = "Weights, MoE and [[token]]."

    def convert_page() -> str:
        extension.page = linker.page("guides/page.md")
        return markdown.markdown(text, extensions=[*SITE_EXTENSIONS, extension])

    before = convert_page()
    linker.release()
    assert convert_page() == before
    assert len(HTMLParser(before).css("a[data-tb]")) == 3


NEVER_LINKED = {
    "code span": "Use `weights` here.",
    "code block": "```\nweights and MoE\n```",
    "indented code": "    weights and MoE",
    "heading": "# Weights\n\n## About MoE",
    "existing link": "[all about weights](https://example.org/) and <https://example.org/weights>",
    "image alt text": "![weights and MoE](diagram.png)",
    "HTML attribute": '<span title="weights">x</span>\n{: title="MoE" }',
    "raw HTML link": '<a href="https://example.org/">weights</a>',
    "raw HTML block": '<div class="box">\nweights and MoE\n</div>',
    "admonition title": '!!! note "Weights"\n    x',
    "abbr": "*[XYZ]: weights\n\nXYZ",
    "keyboard": "<kbd>MoE</kbd>",
}


@pytest.mark.parametrize("context", NEVER_LINKED)
def test_never_linked(context: str):
    tree, _ = convert(NEVER_LINKED[context])
    assert links(tree) == []
    text = NEVER_LINKED[context]
    for word in ("weights", "MoE"):  # nothing is lost either
        if word in text.replace("<kbd>", " "):
            assert word in tree.html


def test_attribute_values_are_left_alone():
    tree, _ = convert("![weights](w.png)\n\nweights")
    assert tree.css_first("img").attributes["alt"] == "weights"
    assert links(tree) == [("weights", "weights")]


def test_text_around_skipped_elements_is_linked():
    tree, _ = convert("`x` weights [a](b.md) MoE <kbd>k</kbd> token.")
    assert links(tree) == [("weights", "weights"), ("MoE", "mixture-of-experts"), ("token", "token")]
    assert tree.css_first("p").text() == "x weights a MoE k token."


def test_never_on_the_terms_own_page():
    tree, page = convert("Weights are model weights; see MoE.", path="glossary/weights.md")
    assert links(tree) == [("MoE", "mixture-of-experts")]
    assert page.mentioned == {"mixture-of-experts"}


def test_links_inside_emphasis_lists_tables_and_admonitions():
    tree, _ = convert("*weights*\n\n- MoE\n\n| a |\n|---|\n| token |\n\n!!! note\n    Llama")
    assert links(tree) == [("weights", "weights"), ("MoE", "mixture-of-experts"),
                           ("token", "token"), ("Llama", "llama")]


def test_an_existing_link_to_a_term_page_counts_as_its_first_link():
    tree, page = convert("[About weights](glossary/weights.md). Weights and MoE.")
    assert links(tree) == [("MoE", "mixture-of-experts")]
    assert page.mentioned == {"weights", "mixture-of-experts"}


def test_citations_and_metadata_lines_are_not_mentions():
    tree, page = convert('<div class="tb-sources" markdown>\n\n1. *Title*. Meta. 2025.\n\n</div>\n\n'
                         "Reviewed by Meta\n{ .tb-meta }")
    assert links(tree) == [] and page.mentioned == set()


def test_indexes_are_not_linked():
    tree, page = convert("- Weights: the numbers", auto_link=False)
    assert links(tree) == [] and page.mentioned == set()


# --- explicit links -----------------------------------------------------------------------

def test_explicit_link_shows_the_terms_name_or_the_given_text():
    tree, page = convert("Each [[token]] goes to an expert of a [[mixture-of-experts|sparse model]].")
    assert links(tree) == [("token", "token"), ("sparse model", "mixture-of-experts")]
    assert tree.css_first("a[data-tb]").attributes["href"] == "glossary/token.md"
    assert page.mentioned == {"token", "mixture-of-experts"}


def test_explicit_link_keeps_the_capital_of_proper_nouns_and_at_sentence_start():
    tree, _ = convert("[[token]]s are small. A [[llama]] model, the [[open-source-ai-definition]] "
                      "and [[open-source-ai]]. [[weights]] matter.\n\n| [[transformer]] |\n|---|\n| x |")
    assert [text for text, _ in links(tree)] == [
        "Token", "Llama", "Open Source AI Definition", "open source AI", "Weights", "Transformer"]


def test_explicit_link_in_a_table_with_an_escaped_pipe():
    tree, _ = convert("| a | b |\n|---|---|\n| [[weights\\|the numbers]] | `[[weights]]` |")
    assert links(tree) == [("the numbers", "weights")]
    assert tree.css("td")[1].text() == "[[weights]]"  # in code it stays as typed


def test_explicit_link_text_is_markdown_the_name_is_plain_text():
    tree, _ = convert("[[weights|*the* `numbers`]]")
    assert tree.css_first("a[data-tb]").html.endswith("><em>the</em> <code>numbers</code></a>")
    risky = Glossary(terms={"x": make_term("x", "<img src=x> *X*")}, articles={},
                     taxonomy=GLOSSARY.taxonomy)
    linker = Linker(risky)
    extension = linker.extension()
    extension.page = linker.page("page.md")
    html = markdown.markdown("See [[x]].", extensions=[extension])
    assert "&lt;img src=x&gt; *X*</a>" in html and "<img" not in html


def test_explicit_link_counts_as_the_first_mention():
    tree, _ = convert("[[weights|The numbers]] and then weights again.")
    assert links(tree) == [("The numbers", "weights")]


def test_explicit_link_to_an_unknown_term_is_recorded_and_shown_as_text():
    tree, page = convert("See [[wieghts]] and [[nothing|this]].")
    assert links(tree) == [] and page.unknown == ["wieghts", "nothing"]
    assert tree.css_first("p").text() == "See wieghts and this."


def test_explicit_link_to_the_pages_own_term_is_plain_text():
    tree, _ = convert("The [[weights]] of a model.", path="glossary/weights.md")
    assert links(tree) == [] and tree.css_first("p").text() == "The weights of a model."


# --- the check ----------------------------------------------------------------------------

def check(project: Path, *, docs_dir: Path | None = None, **options):
    return termbook.check(termbook.Project.at(project, docs_dir=docs_dir), **options)


def test_check_reports_unknown_links_in_definitions_and_articles_with_lines(mini: Path):
    weights = mini / "glossary/weights.yaml"
    weights.write_text(weights.read_text().replace("[[open-weights]]", "[[open-weight]]"))
    article = mini / "seeds/test-article.yaml"
    article.write_text(article.read_text()
                       .replace("things about [[open-weights]]", "things about\n  [[weigths|it]]")
                       .replace("note: Another source disagrees.",
                                "note: Another source disagrees about [[moe]]."))
    glossary, findings = check(mini)
    assert glossary is None
    assert [str(f) for f in findings] == [
        "glossary/weights.yaml:7: definition: unknown term id 'open-weight' in [[open-weight]]; "
        "did you mean 'open-weights'?",
        "seeds/test-article.yaml:7: summary: unknown term id 'weigths' in [[weigths]]; "
        "did you mean 'weights'?",
        "seeds/test-article.yaml:19: claims[1].context.note: unknown term id 'moe' in [[moe]]; "
        "see glossary/ for the ids",
    ]
    assert {f.rule for f in findings} == {"unknown-term"}


def test_check_reports_unknown_links_in_hand_written_pages(mini: Path):
    (mini / "docs/guide.md").write_text("# Guide\n\nSee `[[not-checked]]` and\n[[waits]].\n")
    _, findings = check(mini, docs_dir=mini / "docs")
    assert [str(f) for f in findings] == [
        "docs/guide.md:4: (text): unknown term id 'waits' in [[waits]]; did you mean 'weights'?"]


UNMENTIONED_HOME = "# Test site\n\nWeights and open weights and MoE.\n"


def test_check_lists_terms_no_page_mentions_as_information(mini: Path):
    assert check(mini, docs_dir=mini / "docs", report_unmentioned=True)[1] == []
    (mini / "docs/index.md").write_text(UNMENTIONED_HOME)
    glossary, findings = check(mini, docs_dir=mini / "docs", report_unmentioned=True)
    assert glossary is not None  # information, not an error
    assert [(f.path, f.line, f.rule, f.severity) for f in findings] == [
        ("glossary/example-model.yaml", 1, "unmentioned-term", "info")]
    # A mention in code does not count; one in prose does.
    (mini / "docs/more.md").write_text("`Example model`\n\n# Example model\n")
    assert len(check(mini, docs_dir=mini / "docs", report_unmentioned=True)[1]) == 1
    (mini / "docs/more.md").write_text("An example model.\n")
    assert check(mini, docs_dir=mini / "docs", report_unmentioned=True)[1] == []


def test_a_term_mentioning_itself_is_not_mentioned(mini: Path):
    (mini / "docs/index.md").write_text(UNMENTIONED_HOME)
    model = mini / "glossary/example-model.yaml"
    model.write_text(model.read_text().replace("definition: A test model.",
                                               "definition: An example model for tests."))
    assert [f.rule for f in check(mini, docs_dir=mini / "docs", report_unmentioned=True)[1]] == [
        "unmentioned-term"]


def test_cli_reads_docs_by_default_and_reports_information(mini: Path):
    (mini / "docs/index.md").write_text(UNMENTIONED_HOME)
    result = run_termbook(mini, "check")
    assert result.returncode == 0
    # One summary line for each kind of information finding, unless they are asked for.
    assert result.stdout.splitlines() == [
        "1 file(s): no page mentions this term (unmentioned-term; --list-info lists them) [info]"]
    result = run_termbook(mini, "check", "--list-info")
    assert result.stdout.splitlines() == [
        "glossary/example-model.yaml:1: term: no page mentions this term; name it, or link it "
        "with [[example-model]], in another entry's definition, an article summary or a page in "
        "docs/ [info]"]
    quiet = run_termbook(mini, "check", "--quiet")
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
    (mini / "docs/index.md").write_text("[[exampel-model]]\n")
    result = run_termbook(mini, "check")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "docs/index.md:1: (text): unknown term id 'exampel-model' in [[exampel-model]]; "
        "did you mean 'example-model'?")


def test_cli_docs_option(mini: Path):
    (mini / "pages").mkdir()
    (mini / "pages/a.md").write_text("x\n\n[[nope]]\n")
    result = run_termbook(mini, "check", "--docs", "pages")
    assert result.returncode == 1 and result.stdout.startswith("pages/a.md:3: (text): unknown term id 'nope'")
    assert run_termbook(mini, "check", "--docs", "nowhere").returncode == 2


# --- whole builds -------------------------------------------------------------------------

GUIDE = """\
# A guide to weights

Open weights are released weights; a MoE model has experts. Open weights again.

## Weights in a heading

```
weights in code
```

See [[mixture-of-experts|the MoE page]], [[example-model]] and [[weights]].
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    """The mini project with a guide page, built once: (project, site)."""
    project = tmp_path_factory.mktemp("linking") / "mini"
    shutil.copytree(MINI, project)
    (project / "docs/guides").mkdir()
    (project / "docs/guides/guide.md").write_text(GUIDE)
    site = project.parent / "site"
    result = run_mkdocs(project, site)
    assert result.returncode == 0, result.stderr
    return project, site


def page_tree(site: Path, path: str) -> HTMLParser:
    return HTMLParser((site / path / "index.html").read_text(encoding="utf-8"))


def article_links(tree: HTMLParser) -> list[tuple[str, str, str]]:
    return [(a.text(), a.attributes["data-tb"], a.attributes["href"])
            for a in tree.css("article a[data-tb]")]


def test_built_page_links_first_mentions_and_explicit_links(built):
    _, site = built
    assert article_links(page_tree(site, "guides/guide")) == [
        ("Open weights", "open-weights", "../../glossary/open-weights/"),
        ("weights", "weights", "../../glossary/weights/"),
        ("MoE", "mixture-of-experts", "../../glossary/mixture-of-experts/"),
        ("the MoE page", "mixture-of-experts", "../../glossary/mixture-of-experts/"),
        ("Example model", "example-model", "../../glossary/example-model/"),
        ("weights", "weights", "../../glossary/weights/"),  # explicit links always link
    ]


def test_term_and_article_pages_are_linked_the_indexes_are_not(built):
    _, site = built
    assert ("MoE", "mixture-of-experts", "../mixture-of-experts/") in article_links(
        page_tree(site, "glossary/weights"))
    assert article_links(page_tree(site, "sources/test-article"))[0] == (
        "open weights", "open-weights", "../../glossary/open-weights/")
    for index in ("glossary", "glossary/categories", "sources", "openness"):
        assert article_links(page_tree(site, index)) == [], index


def test_term_pages_list_the_pages_that_mention_them(built):
    _, site = built
    tree = page_tree(site, "glossary/open-weights")
    section = tree.css_first(".tb-mentions")
    assert section.css_first("h2").attributes["id"] == "mentioned-in"
    assert [(a.text(), a.attributes["href"]) for a in section.css("a")] == [
        ("A guide to weights", "../../guides/guide/"),
        ("A test article about open weights", "../../sources/test-article/"),
        ("Example model", "../example-model/"),  # in its History, an event about both
        ("Test site", "../../"),
        ("Weights", "../weights/"),
    ]
    # It comes before the sources, and the table of contents lists it there.
    html = tree.html
    assert html.index('id="mentioned-in"') < html.index('id="sources"')
    toc = [a.attributes["href"] for a in tree.css(".md-sidebar--secondary a.md-nav__link")]
    assert toc.index("#mentioned-in") == toc.index("#sources") - 1
    # Backlinks list titles, not content: they stay out of the search index.
    index = json.loads((site / "search/search_index.json").read_text())
    assert not any("Mentioned in" in doc["text"] or doc["location"].endswith("#mentioned-in")
                   for doc in index["docs"])


def test_pages_carry_term_ids_not_definitions(built):
    _, site = built
    data = (site / "assets/termbook/terms.js").read_text()
    shorts = json.loads(data.partition(" = ")[2].rstrip().rstrip(";"))
    assert set(shorts) == {"example-model", "mixture-of-experts", "open-weights", "weights"}
    guide = (site / "guides/guide/index.html").read_text()
    assert shorts["open-weights"] not in guide
    assert '<script src="../../assets/termbook/tooltips.js"></script>' in guide
    assert (site / "assets/termbook/tooltips.js").read_bytes() == (
        ROOT / "src/termbook/assets/tooltips.js").read_bytes()


def test_unknown_explicit_link_fails_the_strict_build_with_file_and_line(mini: Path, tmp_path: Path):
    (mini / "docs/index.md").write_text("---\ntitle: Home\n---\n\n# Home\n\nSee [[open-weight|this]].\n")
    result = run_mkdocs(mini, tmp_path / "site")
    assert result.returncode == 1
    assert re.search(r"WARNING +- +termbook_mkdocs: docs/index.md:7: \(text\): unknown term id "
                     r"'open-weight' in \[\[open-weight\]\]; did you mean 'open-weights'\?",
                     result.stderr), result.stderr
    assert "Aborted with 1 warnings in strict mode" in result.stdout + result.stderr


def test_link_mentions_option(mini: Path, tmp_path: Path):
    (mini / "docs/index.md").write_text("# Home\n\nWeights, weights and [[weights|more]].\n")
    (mini / "events/2025-04-05-example-model.yaml").unlink()  # its text links the model
    config = mini / "mkdocs.yml"
    base = config.read_text()
    for mode, expected in [("all", ["Weights", "weights", "more"]), ("none", ["more"])]:
        config.write_text(base.replace("plugins: [search, termbook]",
                                       f"plugins: [search, {{termbook: {{link_mentions: {mode}}}}}]"))
        result = run_mkdocs(mini, tmp_path / mode)
        assert result.returncode == 0, result.stderr
        assert [text for text, _, _ in article_links(page_tree(tmp_path / mode, ""))] == expected
        # Nothing mentions the example model now: its page has no "Mentioned in".
        assert page_tree(tmp_path / mode, "glossary/example-model").css(".tb-mentions") == []
    config.write_text(base.replace("plugins: [search, termbook]",
                                   "plugins: [search, {termbook: {link_mentions: some}}]"))
    assert run_mkdocs(mini, tmp_path / "bad").returncode == 1


def test_file_urls_when_directory_urls_are_off(mini: Path, tmp_path: Path):
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text() + "use_directory_urls: false\n")
    result = run_mkdocs(mini, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    home = HTMLParser((tmp_path / "site/index.html").read_text())
    assert home.css("article a[data-tb]")[0].attributes["href"] == "glossary/weights.html"
    weights = HTMLParser((tmp_path / "site/glossary/weights.html").read_text())
    assert "../index.html" in [a.attributes["href"] for a in weights.css(".tb-mentions a")]


def test_same_sources_same_bytes(built, tmp_path: Path):
    project, site = built
    again = tmp_path / "again"
    assert run_mkdocs(project, again).returncode == 0
    for path in ("glossary/open-weights/index.html", "guides/guide/index.html",
                 "assets/termbook/terms.js"):
        assert (again / path).read_bytes() == (site / path).read_bytes(), path


# --- the real site ------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["", "debate/", "sources/death-of-the-open-weight-dream/",
                                  "glossary/mixture-of-experts/"])
def test_real_site_pages_link_their_terms(real_site: Path, path: str):
    tree = HTMLParser((real_site / path / "index.html").read_text(encoding="utf-8"))
    found_links = tree.css("article a[data-tb]")
    assert len(found_links) >= 5, path
    for link in found_links:
        assert (real_site / "glossary" / link.attributes["data-tb"] / "index.html").is_file()
    assert tree.css_first('script[src$="assets/termbook/tooltips.js"]') is not None


def test_real_site_term_pages_show_backlinks(real_site: Path):
    tree = HTMLParser((real_site / "glossary/open-weights/index.html").read_text(encoding="utf-8"))
    titles = [a.text() for a in tree.css(".tb-mentions li a")]
    assert {"Home", "The debate", "Weights"} <= set(titles)  # pages show by their nav titles
    assert titles == sorted(titles, key=str.casefold)
