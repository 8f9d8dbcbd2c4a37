"""The check's scan for unmentioned terms (:func:`termbook.mentions.mentions_in`) skips every text
and every sentence that cannot name a term not yet known to be mentioned. Skipping must never
change the answer: it must find exactly the terms that searching each text in full would."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from termbook.markup import explicit_links, mask_code, mask_non_prose
from termbook.matcher import Matcher
from termbook.mentions import mentions_in
from termbook.model import Source, Term


def make_term(term_id: str, name: str, *, aliases: tuple[str, ...] = (),
              abbreviation: str | None = None) -> Term:
    return Term(id=term_id, term=name, short=f"What {name} means.", definition="A test term.",
                categories=("fundamentals",), sources=(Source("Source", "Publisher", "2025"),),
                reviewed="2026-01-01", path=f"glossary/{term_id}.yaml", aliases=aliases,
                abbreviation=abbreviation)


# Labels that overlap, share first words, hold punctuation, differ only in case, and fold
# to other letters: the places where a shortcut could go wrong. (No label holds "_", which
# joins words: "AI_x" is one word, so no label ends in its "AI".)
TERMS = [
    make_term("open-source", "Open source"),
    make_term("open-source-ai", "Open source AI"),
    make_term("source-ai", "Source AI"),
    make_term("open-weights", "Open-weights", aliases=("open weights model",)),
    make_term("mixture-of-experts", "Mixture-of-Experts", abbreviation="MoE"),
    make_term("moe-layer", "Moe layer"),
    make_term("meta", "Meta", aliases=("Meta Platforms, Inc.",)),
    make_term("policy", "Policy", aliases=("policy's reach",)),
    make_term("strasse", "Straße model", aliases=("Éclair",)),
    make_term("llm", "Large language model", abbreviation="LLM"),
]
IDS = [term.id for term in TERMS]
MATCHER = Matcher(TERMS)

pieces = st.sampled_from([
    "Open source", "open", "source", "AI", "ai", "Source AI", "open-weights", "Open weights",
    "open weights model", "MoE", "moe", "MOE", "layer", "Mixture-of-Experts", "Meta",
    "Platforms", "Inc", "Meta Platforms, Inc.", "Policy", "policies", "policy's reach", "reach",
    "Straße", "strasse", "model", "Éclair", "ÉCLAIR", "LLM", "LLMs", "Large language model",
    "the", "and", " ", "  ", "\n", "\n\n", ".", ",", "'s", "-", "_", ";",
    "(", ")", "`", "``", "```\n", "~~~\n", "# ", "\n## ", "<b>", "</b>", "<https://x.org/a>",
    "](", "](x)", "[ref]: ", "[[", "]]", "|", "\\|", "\u00a0", "\x1f",
]) | st.sampled_from(IDS).map(lambda term_id: f"[[{term_id}]]")
texts = st.lists(pieces, max_size=24).map("".join)


def mentioned_one_text_at_a_time(items: list[tuple[str, str | None]]) -> set[str]:
    """What the scan stands for: every text searched in full, as a page is."""
    found: set[str] = set()
    for text, own_id in items:
        ids = {link.id for link in explicit_links(mask_code(text))}
        ids |= {term_id for _, _, term_id in MATCHER.find(mask_non_prose(text))}
        found |= ids - {own_id}
    return found


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(texts, st.none() | st.sampled_from(IDS)), max_size=6))
@example([("Source [[meta]] AI", None)])  # a label around what is masked out
@example([("open `code` weights\nmodel", "meta")])
@example([("Open source AI_x", None), ("Meta Platforms,\n Inc.", "open-source")])
def test_skipping_texts_and_sentences_finds_the_same_terms(items):
    assert mentions_in(items, MATCHER) == mentioned_one_text_at_a_time(items)


def test_a_term_naming_itself_is_not_mentioned_but_one_naming_it_is():
    items = [("Open source AI, of course.", "open-source-ai"), ("See [[meta]].", "meta")]
    assert mentions_in(items, MATCHER) == set()
    items.append(("Open source AI models", None))
    assert mentions_in(items, MATCHER) == {"open-source-ai"}
