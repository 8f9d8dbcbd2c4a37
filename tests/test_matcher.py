"""The matcher (termbook.matcher): which labels it finds in text, and how."""

from __future__ import annotations

from termbook.matcher import Matcher

from .sample_glossary import GLOSSARY, make_term


def found(text: str) -> list[tuple[str, str]]:
    """(matched text, term id) for each mention the matcher finds in ``text``."""
    return [(text[start:end], term_id) for start, end, term_id in Matcher(GLOSSARY.terms.values()).find(text)]


def test_longest_match_wins():
    assert found("Open source AI is not open source.") == [
        ("Open source AI", "open-source-ai"), ("open source", "open-source")]
    assert found("the Open Source AI Definition") == [
        ("Open Source AI Definition", "open-source-ai-definition")]


def test_names_and_aliases_match_whatever_their_case():
    assert found("MODEL WEIGHTS, Weights, weights") == [
        ("MODEL WEIGHTS", "weights"), ("Weights", "weights"), ("weights", "weights")]


def test_abbreviations_match_only_with_their_case():
    assert found("MoE, moe, MOE, Moe") == [("MoE", "mixture-of-experts")]
    assert found("LLM and llm") == [("LLM", "large-language-model")]


def test_words_match_on_word_boundaries():
    assert found("weightsy preweights load_llama llamas MoEx") == [("llamas", "llama")]
    assert found("Llama's licence; (MoE)") == [("Llama", "llama"), ("MoE", "mixture-of-experts")]


def test_regular_plurals_of_names_aliases_and_abbreviations():
    assert found("Transformers, tokens, acceptable use policies, LLMs, MoEs") == [
        ("Transformers", "transformer"), ("tokens", "token"),
        ("acceptable use policies", "acceptable-use-policy"), ("LLMs", "large-language-model"),
        ("MoEs", "mixture-of-experts")]
    assert found("weightses") == []  # "Weights" already ends in s


def test_labels_with_punctuation_and_line_breaks():
    assert found("Meta Platforms, Inc. said") == [("Meta Platforms, Inc", "meta")]
    assert found("an open\nsource   AI model") == [("open\nsource   AI", "open-source-ai")]
    assert found("open, source") == []  # punctuation a label does not have breaks it


def test_one_matcher_for_thousands_of_terms():
    terms = [make_term(f"term-{i}", f"Zorblat {i} widget") for i in range(5000)]
    matcher = Matcher(terms)
    text = "a zorblat 4321 widget and Zorblat 17 Widget."
    assert [(text[start:end], term_id) for start, end, term_id in matcher.find(text)] == [
        ("zorblat 4321 widget", "term-4321"), ("Zorblat 17 Widget", "term-17")]
    # A long text naming many different terms is read in one pass; the result is the same.
    numbers = range(100, 4000, 37)
    text = " and ".join(f"zorblat {i} widgets" for i in numbers)
    assert [term_id for _, _, term_id in matcher.find(text)] == [f"term-{i}" for i in numbers]
