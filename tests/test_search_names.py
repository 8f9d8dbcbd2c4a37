"""The forms of names search compares queries with (termbook.search), and the names the
search index holds, as term pages' tags, for the page to reduce to them. How the page ranks
by them is tested in Chromium (test_search_browser.py)."""

from __future__ import annotations

import html
import json
from pathlib import Path

import termbook
from termbook.search import RULES, label_forms, stem

from .conftest import ROOT


def test_other_forms_of_a_name_share_its_stems():
    same = [("Quantization", "quantised", "quantize", "quantizing", "quantisations"),
            ("Distillation", "distilled", "distil", "distils", "distilling"),
            ("licence", "licenses", "licensed", "licensing"),
            ("Token", "tokens"), ("Transformer", "transformers"), ("weights", "weight"),
            ("policy", "policies"), ("behaviour", "behavior"), ("centre", "center"),
            ("MoE", "MoEs"), ("API", "APIs")]
    for forms in same:
        assert len({stem(word.lower()) for word in forms}) == 1, forms


def test_names_written_as_one_word_or_several_compare_alike():
    for forms in [("Pre-training", "pre training", "pretraining"),
                  ("Fine-tuning", "fine tuned", "finetuning"), ("GPT-4", "gpt 4", "gpt4")]:
        assert len({label_forms(form)[2] for form in forms}) == 1, forms


def test_short_words_and_abbreviations_keep_their_form():
    for word in ["moe", "use", "oss", "pre", "api", "gpt", "llm", "r1"]:
        assert stem(word) == word


def test_the_rules_merge_no_two_terms_names():
    glossary = termbook.load(termbook.Project.at(ROOT))
    owner: dict[str, str] = {}
    for term in glossary.terms.values():
        for plain, stems, compound in map(label_forms, term.labels):
            for form in {plain, stems.replace(" ", ""), compound}:
                assert owner.setdefault(form, term.id) == term.id, (form, owner[form], term.id)


def test_every_term_page_lists_its_names_in_the_search_index_as_written(real_site: Path):
    """Each term page's entry holds the term's names as its tags, and nothing is added to
    Material's index after it is written: the page reads the names from the tags."""
    glossary = termbook.load(termbook.Project.at(ROOT))
    index = json.loads((real_site / "search/search_index.json").read_text(encoding="utf-8"))
    pages = {doc["location"]: doc for doc in index["docs"] if "#" not in doc["location"]}
    for term in glossary.terms.values():
        assert [html.unescape(tag) for tag in pages[f"glossary/{term.id}/"]["tags"]] == list(term.labels)
    assert all(set(doc) <= {"location", "title", "text", "tags"} for doc in index["docs"])


def test_the_search_script_carries_the_rules(real_site: Path, offline_site: Path):
    script = (real_site / "assets/termbook/search-names.js").read_text(encoding="utf-8")
    assert "/*RULES*/" not in script and json.dumps(RULES[0], separators=(",", ":")) in script
    # The offline build inlines the index, names included, into a script.
    assert '"tags":["Llama 4 Scout"' in (offline_site / "search/search_index.js").read_text()
