"""The forms of names search compares queries with (termbook.search), as the build writes
them into the search index. How the page ranks by them is tested in Chromium
(test_search_browser.py)."""

from __future__ import annotations

import json
from pathlib import Path

import termbook
from termbook.search import RULES, label_forms, search_names, stem

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
    glossary = termbook.load(ROOT / "glossary", ROOT / "seeds", root=ROOT)
    owner: dict[str, str] = {}
    for term in glossary.terms.values():
        for plain, stems, compound in search_names(term):
            for form in {plain, stems.replace(" ", ""), compound}:
                assert owner.setdefault(form, term.id) == term.id, (form, owner[form], term.id)


def test_every_term_page_has_its_names_in_the_search_index(real_site: Path):
    glossary = termbook.load(ROOT / "glossary", ROOT / "seeds", root=ROOT)
    index = json.loads((real_site / "search/search_index.json").read_text(encoding="utf-8"))
    named = {doc["location"]: doc["names"] for doc in index["docs"] if "names" in doc}
    assert named == {f"glossary/{term.id}/": [list(forms) for forms in search_names(term)]
                     for term in glossary.terms.values()}


def test_the_names_add_at_most_five_percent_to_the_search_index(real_site: Path):
    path = real_site / "search/search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        doc.pop("names", None)
    without = len(json.dumps(index, separators=(",", ":"), default=str).encode())
    assert path.stat().st_size <= without * 1.05


def test_the_search_script_carries_the_rules(real_site: Path, offline_site: Path):
    script = (real_site / "assets/termbook/search-names.js").read_text(encoding="utf-8")
    assert "/*RULES*/" not in script and json.dumps(RULES[0], separators=(",", ":")) in script
    # The offline build inlines the index, names included, into a script.
    assert '"names":[["llama 4 scout"' in (offline_site / "search/search_index.js").read_text()
