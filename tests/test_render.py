"""Generated Markdown: what each page says, escaping, and stable output."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import termbook
from termbook.render import plain, render_pages, term_page
from termbook.scorecard import scorecard_pages


def load_mini(project: Path) -> termbook.Glossary:
    return termbook.load(termbook.Project.at(project))


def pages_of(project: Path) -> dict[str, str]:
    glossary = load_mini(project)
    return {p.path: p.markdown for p in render_pages(glossary) + scorecard_pages(glossary)}


def test_every_term_gets_a_page_out_of_the_nav(mini: Path):
    pages = {p.path: p for p in render_pages(load_mini(mini))}
    for term_id in ("weights", "open-weights", "mixture-of-experts", "example-model"):
        assert pages[f"glossary/{term_id}.md"].in_nav is False
    assert pages["glossary/index.md"].in_nav and pages["glossary/categories.md"].in_nav
    assert pages["sources/test-article.md"].in_nav is False


def test_term_page_sections(mini: Path):
    page = pages_of(mini)["glossary/mixture-of-experts.md"]
    assert page.startswith('---\ntitle: "Mixture-of-Experts"\ndescription: "A model design')
    assert 'tags: ["Mixture-of-Experts", "MoE", "mixture of experts"]' in page
    assert "Also known as: **MoE** (abbreviation), mixture of experts." in page
    assert "An architecture with experts and a router" in page
    assert "- **Related:** [Open weights](open-weights.md)" in page  # declared on the other side
    assert "## Sources { #sources }\n\n1. [*Llama 4 model card*](<https://github.com/meta-llama" in page
    assert "Reviewed: 2026\\-11\\-20" in page  # escaped as every value is; shows as typed


def test_narrower_is_shown_without_being_typed(mini: Path):
    page = pages_of(mini)["glossary/weights.md"]
    assert "- **Narrower:** [Open weights](open-weights.md)" in page


def entry(name: str, related: list[str]) -> str:
    """A minimal glossary entry in YAML."""
    return (f"term: {name}\nshort: A test term.\ndefinition: A test entry.\ncategory: fundamentals\n"
            f"related: [{', '.join(related)}]\nsources:\n  - title: Test source\n"
            "    publisher: Tests\n    date: \"2026\"\nreviewed: 2026-11-21\n")


def test_linked_terms_are_listed_a_to_z_by_name(mini: Path):
    """By name, blind to case, not by id: "Alpha" (zz-top), "Weights", "zebra" (aardvark)."""
    (mini / "glossary/aardvark.yaml").write_text(entry("zebra", []), encoding="utf-8")
    (mini / "glossary/zz-top.yaml").write_text(entry("Alpha", []), encoding="utf-8")
    (mini / "glossary/hub.yaml").write_text(entry("Hub", ["aardvark", "zz-top", "weights"]),
                                            encoding="utf-8")
    page = pages_of(mini)["glossary/hub.md"]
    assert "- **Related:** [Alpha](zz-top.md), [Weights](weights.md), [zebra](aardvark.md)" in page


def test_contested_status_is_flagged(mini: Path):
    assert '!!! warning "Contested term"' in pages_of(mini)["glossary/open-weights.md"]


def test_az_index_lists_aliases_as_pointers(mini: Path):
    page = pages_of(mini)["glossary/index.md"]
    assert "- MoE: see [Mixture\\-of\\-Experts](mixture-of-experts.md)" in page
    assert "## M { #letter-m }" in page
    assert '<span class="tb-az-empty">Z</span>' in page
    # Aliases sort among the terms, blind to case: "Mixture-of-Experts" < "model weights" < "MoE".
    m_section = page.split("## M { #letter-m }")[1].split("## ")[0]
    assert m_section.index("- [Mixture\\-of\\-Experts](") < m_section.index("- model weights: see")
    assert m_section.index("- model weights: see") < m_section.index("- MoE: see")


def test_category_index_groups_terms(mini: Path):
    page = pages_of(mini)["glossary/categories.md"]
    assert "## Architecture { #architecture }" in page
    assert "- [Mixture\\-of\\-Experts](mixture-of-experts.md): A model design" in page
    assert "## Safety and policy" not in page  # empty categories are left out


def test_openness_table_has_every_component(mini: Path):
    page = pages_of(mini)["openness.md"]
    assert page.count('<th scope="col" data-sort=') == 10  # model, eight components, open parts
    row = next(line for line in page.splitlines() if 'data-entry="example-model"' in line)
    assert 'data-summary="2"' in row and 'data-type="open-weight"' in row
    cells = page[page.index(row):page.index("</tr>", page.index(row))]
    assert cells.count("tb-rating--") == 8 and "2 of 8</td>" in cells
    assert "[Example model](glossary/example-model.md)" in cells
    assert "European Open Source AI Index" in page and "Model Openness Framework" in page


def test_article_page_attributes_every_claim(mini: Path):
    page = pages_of(mini)["sources/test-article.md"]
    assert '<div class="tb-claim tb-claim--for-closed-weights tb-colour-red" id="closing-weights" markdown>' in page
    assert "The article argues that closing weights protects an investment." in page
    assert "“a short quote” (the article)" in page
    assert "**Context:** Another source disagrees." in page
    assert "Terms: [Weights](../glossary/weights.md), [Open weights](../glossary/open-weights.md)" in page


def test_plain_text_never_becomes_markup():
    assert plain("<script>alert(1)</script> *x* [a](b) `c` #d") == (
        "&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\*x\\* \\[a\\]\\(b\\) \\`c\\` \\#d")


def test_names_with_markup_characters_render_as_text(mini: Path):
    glossary = load_mini(mini)
    term = dataclasses.replace(glossary.terms["weights"], term="<b>W</b> *eights*",
                               aliases=("a_b_c",))
    page = term_page(glossary, term)
    assert "# &lt;b&gt;W&lt;/b&gt; \\*eights\\*" in page
    assert "a\\_b\\_c" in page


def test_same_input_same_bytes(mini: Path):
    assert pages_of(mini) == pages_of(mini)
