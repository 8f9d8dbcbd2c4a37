"""Text that hides, in every string of every format: each field and key of the schemas of
entries, articles and termbook.yml (found from the schemas, so a field added there is tested
the day it is added) gets each kind of hidden character, written as a YAML escape in an ASCII
file, and must be refused with a finding that names it; labels that look alike are refused
on both entries."""

from __future__ import annotations

import copy
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml

import termbook
from termbook import schema
from termbook.characters import hidden, skeleton
from termbook.findings import field_name
from termbook.read import read_dir, read_taxonomy

from .conftest import MINI, run_termbook

TAXONOMY = read_taxonomy(MINI / "termbook.yml", MINI)[0]
#: A valid file of each format, which each case changes in one place.
SAMPLES = {schema.TERM_SCHEMA: MINI / "glossary/example-model.yaml",
           schema.SEED_SCHEMA: MINI / "seeds/test-article.yaml",
           schema.TAXONOMY_SCHEMA: MINI / "termbook.yml"}
#: One character of each kind that hides, with the rule that refuses it.
HIDDEN = {
    "\u202e": "bidi-control",  # RIGHT-TO-LEFT OVERRIDE
    "\u2066": "bidi-control",  # LEFT-TO-RIGHT ISOLATE
    "\u200f": "bidi-control",  # RIGHT-TO-LEFT MARK
    "\u061c": "bidi-control",  # ARABIC LETTER MARK
    "\u200b": "invisible-character",  # ZERO WIDTH SPACE
    "\ufeff": "invisible-character",  # ZERO WIDTH NO-BREAK SPACE (a BOM inside text)
    "\U000e0041": "invisible-character",  # TAG LATIN CAPITAL LETTER A
    "\u034f": "invisible-character",  # COMBINING GRAPHEME JOINER
    "\ufe0f": "invisible-character",  # VARIATION SELECTOR-16
    "\u3164": "invisible-character",  # HANGUL FILLER
    "\u00ad": "invisible-character",  # SOFT HYPHEN
    "\x1b": "control-character",  # ESCAPE
    "\x00": "control-character",
    "\x07": "control-character",  # BELL
    "\x85": "control-character",  # NEXT LINE
    "\u2028": "control-character",  # LINE SEPARATOR
    "e\u0301": "not-nfc",  # e and a combining acute accent, not é
}


def _kinds(name: str) -> dict[schema.Pattern, str]:
    """What the schema says each place holds: "object", "array" or "string"."""
    found = dict(schema.fields_with(name, "type", TAXONOMY))
    for keyword in ("enum", "oneOf"):  # fields of declared values, such as a category
        found.update({pattern: "string" for pattern, _ in schema.fields_with(name, keyword, TAXONOMY)
                      if pattern not in found})
    return found


def string_places(name: str) -> list[tuple[schema.Pattern, bool]]:
    """Every place of a string in files of schema ``name``: each text field, and the keys of
    each mapping whose keys the file chooses (True for a key)."""
    kinds = _kinds(name)
    texts = [(pattern, False) for pattern, kind in kinds.items() if kind == "string"]
    keys = [(pattern, True) for pattern, _ in schema.fields_with(name, "propertyNames", TAXONOMY)]
    return sorted(texts + keys, key=lambda place: [str(p) for p in place[0]] + [str(place[1])])


def with_value(name: str, pattern: schema.Pattern, is_key: bool, value: str) -> tuple[Any, tuple]:
    """The sample file of schema ``name`` with ``value`` at the first place matching
    ``pattern`` (made where the sample has none), and that place."""
    kinds = _kinds(name)
    data = copy.deepcopy(yaml.safe_load(SAMPLES[name].read_text(encoding="utf-8")))
    data = json.loads(json.dumps(data, default=str))  # dates as the text they are
    container, location = data, ()
    for depth, part in enumerate(pattern):
        if part is None:
            if isinstance(container, list):
                if not container:
                    container.append({} if kinds.get(pattern[:depth + 1]) == "object" else "")
                part = 0
            else:
                part = next(iter(container), "made-up")
        is_last = depth == len(pattern) - 1
        if not is_last and (not isinstance(container, (dict, list)) or
                            (isinstance(container, dict) and not isinstance(container.get(part), (dict, list)))):
            container[part] = [] if kinds.get(pattern[:depth + 1]) == "array" else {}
        location += (part,)
        if is_last:
            if is_key:
                inner = container[part]
                first = next(iter(inner))
                inner[value] = inner.pop(first)
                location += (value,)
            else:
                container[part] = value
        else:
            container = container[part]
    return data, location


def cases(name: str) -> list[tuple[schema.Pattern, bool, str]]:
    return [(pattern, is_key, char) for pattern, is_key in string_places(name) for char in HIDDEN]


def _ascii_yaml(data: Any) -> str:
    """The data as YAML in pure ASCII: every other character is an escape ("\\u202E")."""
    text = yaml.safe_dump(data, allow_unicode=False, sort_keys=False, width=10_000)
    assert text.isascii()
    return text


def test_every_format_has_string_places_found_from_its_schema():
    for name in SAMPLES:
        places = [pattern for pattern, _ in string_places(name)]
        assert len(places) > 5, name
    term_places = [pattern for pattern, _ in string_places(schema.TERM_SCHEMA)]
    # Fields of every kind are among them: plain text, Markdown, ids, addresses, dates, the
    # site's scorecard field and declared values.
    assert {("term",), ("definition",), ("related", None), ("sources", None, "url"),
            ("reviewed",), ("openness", "weights", "reason"), ("category",)} <= set(term_places)


@pytest.mark.parametrize("name", [schema.TERM_SCHEMA, schema.SEED_SCHEMA])
def test_hidden_characters_are_refused_in_every_string_of_entries_and_articles(name: str, tmp_path: Path):
    folder = tmp_path / "entries"
    folder.mkdir()
    expected = {}
    for number, (pattern, is_key, char) in enumerate(cases(name)):
        data, location = with_value(name, pattern, is_key, f"ok{char}ok")
        path = folder / f"case-{number}.yaml"
        path.write_text(_ascii_yaml(data), encoding="ascii")
        expected[f"entries/{path.name}"] = (field_name(location), HIDDEN[char], char)
    findings: list = []
    read_dir(folder, tmp_path, name, findings, TAXONOMY)
    missing = []
    for display, (field, rule, char) in expected.items():
        found = [f for f in findings if f.path == display and f.field == field and f.rule == rule]
        if not found:
            missing.append((display, field, rule, ascii(char), [str(f) for f in findings if f.path == display]))
        else:
            assert f"U+{ord(char[-1]):04X}" in found[0].message, found[0]
            assert str(found[0]).isprintable(), found[0]
    assert not missing, missing[:5]


def test_hidden_characters_are_refused_in_every_string_of_termbook_yml(tmp_path: Path):
    missing = []
    path = tmp_path / "termbook.yml"
    for pattern, is_key, char in cases(schema.TAXONOMY_SCHEMA):
        data, location = with_value(schema.TAXONOMY_SCHEMA, pattern, is_key, f"ok{char}ok")
        path.write_text(_ascii_yaml(data), encoding="ascii")
        taxonomy, findings = read_taxonomy(path, tmp_path)
        if taxonomy is not None or not any(f.field == field_name(location) and f.rule == HIDDEN[char]
                                           for f in findings):
            missing.append((field_name(location), ascii(char), [str(f) for f in findings]))
    assert not missing, missing[:5]


@pytest.mark.parametrize("name", list(SAMPLES))
def test_line_breaks_and_tabs_belong_only_in_markdown_fields(name: str, tmp_path: Path):
    """A newline or a tab is refused in a one-line field, and kept in a Markdown one (the
    schemas mark those with contentMediaType: text/markdown)."""
    markdown = {pattern for pattern, media in schema.fields_with(name, "contentMediaType", TAXONOMY)
                if media == schema.MARKDOWN}
    assert markdown
    for pattern, is_key in string_places(name):
        for char in "\n\t":
            data, location = with_value(name, pattern, is_key, f"ok{char}ok")
            path = tmp_path / ("termbook.yml" if name == schema.TAXONOMY_SCHEMA else "entries/x.yaml")
            path.parent.mkdir(exist_ok=True)
            path.write_text(_ascii_yaml(data), encoding="ascii")
            if name == schema.TAXONOMY_SCHEMA:
                findings = read_taxonomy(path, tmp_path)[1]
            else:
                findings = []
                read_dir(path.parent, tmp_path, name, findings, TAXONOMY)
            refused = [f for f in findings if f.rule == "control-character" and f.field == field_name(location)]
            assert bool(refused) == (is_key or pattern not in markdown), (field_name(location), ascii(char))


def test_every_default_ignorable_and_bidi_control_is_refused():
    """The whole of Unicode's Default_Ignorable_Code_Point and Bidi_Control properties, from
    ICU's copy of the Unicode Character Database, and the joiners outside the places where
    scripts need them."""
    import icu

    for prop, rule in (("[:Bidi_Control:]", "bidi-control"), ("[:Default_Ignorable_Code_Point:]", None)):
        chars = icu.UnicodeSet(prop)
        count = 0
        for index in range(chars.getRangeCount()):
            for code in range(ord(chars.getRangeStart(index)), ord(chars.getRangeEnd(index)) + 1):
                problem = hidden(f"Llama{chr(code)}s", block=True)
                assert problem is not None, hex(code)
                assert problem.rule in ((rule,) if rule else ("bidi-control", "invisible-character"))
                count += 1
        assert count >= (12 if rule else 4000)


def test_joiners_are_kept_where_scripts_need_them():
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # ZWNJ between joining letters
    devanagari = "\u0915\u094d\u200d\u0937"  # ZWJ after a virama
    assert hidden(persian, block=False) is None
    assert hidden(devanagari, block=False) is None
    assert hidden("Lla\u200cma", block=False).rule == "invisible-character"
    assert hidden("Lla\u200dma", block=False).rule == "invisible-character"


def test_text_in_normal_form_c_passes_and_decomposed_text_names_both_forms():
    assert hidden("Café, 東京, Ελληνικά, العربية", block=False) is None
    problem = hidden(unicodedata.normalize("NFD", "Café"), block=False)
    assert problem.rule == "not-nfc"
    assert "U+0301 COMBINING ACUTE ACCENT" in problem.message and "U+00E9" in problem.message


# --- labels that look alike -----------------------------------------------------------------

def _entry(mini: Path, entry_id: str, term: str, **more: str) -> None:
    text = (MINI / "glossary/weights.yaml").read_text(encoding="utf-8")
    text = text.replace("term: Weights", f"term: {json.dumps(term)}").replace("  - model weights\n", "  - x" + entry_id + "\n")
    for key, value in more.items():
        text += f"{key}: {json.dumps(value)}\n"
    (mini / "glossary" / f"{entry_id}.yaml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("look_alike", ["Ll\u0430ma", "Lla\u200bma", "Llam\u0430", "\uff2c\uff4c\uff41\uff4d\uff41"])
def test_a_label_that_looks_like_another_entrys_is_refused_on_both(mini: Path, look_alike: str):
    _entry(mini, "llama", "Llama")
    _entry(mini, "impostor", look_alike)
    _, findings = termbook.check(termbook.Project.at(mini))
    clashes = {f.path for f in findings if f.rule in ("label-confusable", "invisible-character")}
    assert "glossary/impostor.yaml" in clashes
    if look_alike.isprintable() and "\u200b" not in look_alike:
        named = [f for f in findings if f.rule == "label-confusable"]
        assert {f.path for f in named} == {"glossary/llama.yaml", "glossary/impostor.yaml"}
        assert all("glossary/llama.yaml" in f.message or "glossary/impostor.yaml" in f.message for f in named)


def test_composed_and_decomposed_names_are_one_label(mini: Path):
    _entry(mini, "cafe-one", "Café")
    _entry(mini, "cafe-two", unicodedata.normalize("NFD", "Café"))
    _, findings = termbook.check(termbook.Project.at(mini))
    assert [f.path for f in findings if f.rule == "not-nfc"] == ["glossary/cafe-two.yaml"]
    assert skeleton("café") == skeleton(unicodedata.normalize("NFD", "café"))


def test_ascii_labels_are_compared_as_written(mini: Path):
    """Two ASCII names are told apart in a diff ("Modern" and "Modem" share a skeleton);
    beyond ASCII the skeleton decides."""
    _entry(mini, "modern", "Modern")
    _entry(mini, "modem", "Modem")
    _, findings = termbook.check(termbook.Project.at(mini))
    assert not [f for f in findings if f.rule in ("label-confusable", "label-collision")]


def test_new_refuses_a_name_that_looks_like_an_existing_one(mini: Path):
    result = run_termbook(mini, "new", "W\u0435ights")  # Cyrillic е
    assert result.returncode == 1, result.stderr
    assert "glossary/weights.yaml" in result.stderr and "already leads to this entry" in result.stderr
    result = run_termbook(mini, "new", "Lla\u200bma")
    assert result.returncode == 2 and "U+200B ZERO WIDTH SPACE" in result.stderr
    assert not (mini / "glossary/llama.yaml").exists()
