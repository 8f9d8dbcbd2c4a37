"""The glossary as data (termbook.model): made from checked files, in stable orders."""

from __future__ import annotations

from pathlib import Path

import termbook
from termbook.collation import OTHER, Collation

from .sample_glossary import COMPONENTS


def test_terms_are_sorted_by_id_and_listed_a_to_z_by_name(mini: Path):
    glossary = termbook.load(termbook.Project.at(mini))
    assert list(glossary.terms) == sorted(glossary.terms)
    names = [t.term for t in glossary.alphabetical()]
    assert names == sorted(names, key=Collation.of("en").sort_key)


def test_ratings_follow_the_scorecards_order_and_categories_come_from_the_taxonomy(mini: Path):
    glossary = termbook.load(termbook.Project.at(mini))
    model = glossary.terms["example-model"]
    assert [r.component for r in model.ratings] == COMPONENTS
    assert model.ratings[0].rating == "partial"
    assert glossary.categories[0].id == "fundamentals"
    assert not glossary.terms["weights"].ratings


def test_names_sort_and_group_as_the_sites_language_does():
    english = Collation.of("en")
    assert english.letters == tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    assert sorted(["Ezra", "éclair", "Eclipse"], key=english.sort_key) == ["éclair", "Eclipse", "Ezra"]
    assert english.group("Éclair") == "E" and english.group("4-bit") == OTHER
    spanish, swedish, german = Collation.of("es"), Collation.of("sv"), Collation.of("de")
    assert spanish.group("Ñandú") == "Ñ" and spanish.group("Nube") == "N"
    assert sorted(["ñu", "oso", "nube"], key=spanish.sort_key) == ["nube", "ñu", "oso"]
    assert swedish.group("Öl") == "Ö" and sorted(["Öl", "Zebra"], key=swedish.sort_key) == ["Zebra", "Öl"]
    assert german.group("Äpfel") == "A"


def test_japanese_names_group_by_kana_rows_and_chinese_by_pinyin():
    japanese = Collation.of("ja")
    assert japanese.letters == tuple("あかさたなはまやらわ")
    assert [japanese.group(name) for name in ["コミット", "プルリクエスト", "ぶらんち", "Git"]] == [
        "か", "は", "は", "G"]
    # A name in kanji has no reading ICU can know: it goes last, unless the entry gives one.
    assert japanese.group("差分") == OTHER and japanese.group("さぶん") == "さ"
    chinese = Collation.of("zh")
    assert [chinese.group(name) for name in ["提交", "合并", "仓库"]] == ["T", "H", "C"]
    assert sorted(["提交", "合并", "仓库"], key=chinese.sort_key) == ["仓库", "合并", "提交"]
