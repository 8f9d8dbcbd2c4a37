"""The forms of names search compares queries with (termbook.search), how it reads a
question or a comparison in the site's language, and the names the search index holds, as
term pages' tags, for the page to reduce to them. How the page ranks by them is tested in
Chromium (test_search_browser.py)."""

from __future__ import annotations

import html
import json
from pathlib import Path

import termbook
from termbook.languages import words
from termbook.layout import SEARCH_SCRIPT
from termbook.render import assets
from termbook.search import RULES, filler, is_word, label_forms, query_parts, stem

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


def test_an_ending_typed_as_a_word_of_its_own_is_no_ending():
    """"Llama 4 S" is on its way to "Llama 4 Scout", not the plural of "Llama 4"; "Llama 4s"
    is that plural."""
    assert label_forms("Llama 4 S")[2] != label_forms("Llama 4")[2] == label_forms("Llama 4s")[2]


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


def test_questions_lose_the_words_that_name_nothing():
    """The language's stop words, which the check refuses as aliases, name nothing."""
    for query, parts in [("what are model weights", ("model weights",)),
                         ("What's a token?", ("s token",)),
                         ("who makes Muse Spark", ("makes muse spark",)),
                         ("how does distillation work", ("distillation work",)),
                         ("the", ("the",)),  # nothing else: the whole query
                         ("eu ai act article 53", ("eu ai act article 53",))]:
        assert query_parts(query, "en") == parts, query
    assert {"what", "is", "the", "who", "how"} <= filler("en") <= words("en", "stop_words")


def test_comparisons_are_split_into_the_names_compared():
    for query in ["open weights vs open source", "Open weights vs. open source",
                  "open weights versus open source", "open weights or open source",
                  "open weights compared to open source", "open weights compared with open source",
                  "difference between open weights and open source",
                  "What is the difference between open weights and open source?",
                  "how do open weights differ from open source",
                  "how are the open weights different from open source"]:
        assert query_parts(query, "en") == ("open weights", "open source"), query
    # "and" splits only after "difference between"; the first "or" splits.
    assert query_parts("free and open source software", "en") == ("free open source software",)
    assert query_parts("llama or mistral or qwen", "en") == ("llama", "mistral qwen")


def test_query_words_follow_the_site_language():
    """A German site drops "was" and "ist", and keeps "who" ("WHO Leitlinien") and "what";
    a language termbook has no words for compares the whole query."""
    assert query_parts("Was ist ein Token?", "de") == ("token",)
    assert query_parts("Unterschied zwischen offenen Gewichten und Open Source", "de-AT") == (
        "offenen gewichten", "open source")
    assert query_parts("WHO Leitlinien", "de") == ("who leitlinien",)
    assert query_parts("what is moe", "de") == ("what is moe",)
    assert query_parts("Qu'est-ce qu'un modèle de fondation ?", "fr") == ("modele fondation",)
    assert query_parts("¿Qué es un token?", "es") == ("token",)
    assert query_parts("what is moe vs dense", "ja") == ("what is moe vs dense",)


def test_the_search_script_gets_the_words_of_the_site_language():
    english, german, japanese = (assets(language)[SEARCH_SCRIPT].decode() for language in ("en", "de", "ja"))
    assert '"what"' in english and '"was"' in german and '"who"' not in german
    assert '"filler":[],"comparisons":[]' in japanese


def rules_in(script_text: str) -> dict:
    """The rules written into a search script."""
    return json.loads(script_text.split("var RULES = ", 1)[1].split(";\n", 1)[0])


def test_the_search_script_gets_the_words_the_site_declares_after_names():
    """termbook.yml's search.trailing_words, as search reads words (lower case, no accents),
    once each; none by default: termbook itself knows of no word readers type after names."""
    assert rules_in(assets("en")[SEARCH_SCRIPT].decode())["trailing"] == []
    declared = rules_in(assets("fr", ["Modèle", "modele", "Object"])[SEARCH_SCRIPT].decode())
    assert declared["trailing"] == ["modele", "object"] and declared["filler"] == sorted(filler("fr"))


def test_a_trailing_word_is_one_word_as_search_reads_words():
    for word in ["model", "Modèle", "objects", "v2", "模型"]:
        assert is_word(word), word
    for text in ["", "gpt-4", "AI model", "model ", "model.", "<img src=x>", "a_b"]:
        assert not is_word(text), text


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
    assert '"what"' in script and '"was"' in script  # the site's theme.language is "en"
    assert rules_in(script)["trailing"] == ["model"]  # this site's termbook.yml declares it
    # The offline build inlines the index, names included, into a script.
    assert '"tags":["Llama 4 Scout"' in (offline_site / "search/search_index.js").read_text()
