"""Labels in the site's language (``language`` in termbook.yml, else ``theme.language``), from
the catalogues in ``termbook/locales``, rewordable in termbook.yml; the A–Z index in that
language's order and groups; and the same language for the common words the check refuses.

The built pages are scanned for termbook's English labels: every fragment of each English
label (the text between its placeholders) that the language translates must be gone from the
visible text of every page, unless the glossary's own data holds it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml
from selectolax.lexbor import LexborHTMLParser

from termbook.messages import MESSAGES, Messages, english, languages, placeholders

from .conftest import MINI, run_mkdocs, run_termbook, run_zensical

#: The languages termbook must have complete labels for.
REQUIRED_LANGUAGES = {"de", "fr", "es", "ja", "zh"}


def english_fragments(language: str) -> set[str]:
    """The pieces of termbook's English labels that ``language`` words differently: the text
    between placeholders and Markdown signs, of at least two words or one capitalised word."""
    say = Messages(language)
    fragments = set()
    for message_id in MESSAGES:
        texts = [english(message_id)] + ([MESSAGES[message_id][0]]
                                         if isinstance(MESSAGES[message_id], tuple) else [])
        translated = say.text(message_id, 2)
        for text in texts:
            for piece in re.split(r"\{[a-z_]+\}|\[|\]\([^)]*\)|\*+|[.:;,()“”]", text):
                piece = piece.strip()
                if re.search(r"[A-Za-z]{3}", piece) and piece not in translated:
                    fragments.add(piece)
    return fragments


def visible_text(page: Path) -> str:
    tree = LexborHTMLParser(page.read_text("utf-8"))
    for hidden in tree.css("script, style, [hidden], .md-search, .md-sidebar--secondary"):
        hidden.decompose()
    return " ".join(tree.body.text(separator=" ").split())


def generated_pages(site: Path) -> list[Path]:
    folders = [site / "glossary", site / "sources", site / "openness"]
    return sorted(p for folder in folders if folder.exists() for p in folder.rglob("index.html"))


def data_text(project: Path) -> str:
    """Everything the site's own files say (entries, articles, pages, termbook.yml): a label
    found there may be the site's, not termbook's."""
    files = [p for folder in ("glossary", "seeds", "events", "docs") if (project / folder).exists()
             for p in (project / folder).rglob("*.*")]
    return " ".join(p.read_text("utf-8") for p in [*files, project / "termbook.yml"] if p.exists())


def set_language(project: Path, language: str) -> None:
    config = project / "mkdocs.yml"
    data = yaml.safe_load(config.read_text("utf-8"))
    data["theme"]["language"] = language
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def english_left(text: str, fragments: set[str], data: str) -> list[str]:
    """The fragments of English labels in ``text`` as words of their own ("Type" is not in
    "Typen"), leaving out those the site's own files hold."""
    return sorted(f for f in fragments if f not in data
                  and re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text))


def assert_no_english_label(project: Path, site: Path, language: str) -> None:
    fragments = english_fragments(language)
    data = data_text(project)
    pages = generated_pages(site)
    assert len(pages) >= 5
    for page in pages:
        left = english_left(visible_text(page), fragments, data)
        assert not left, f"{page.relative_to(site)}: {left}"


def test_every_required_language_has_a_complete_catalogue():
    assert REQUIRED_LANGUAGES <= set(languages())
    for language in languages():
        say = Messages(language)
        for message_id in MESSAGES:
            for count in (1, 2, 5):
                translated = say.text(message_id, count)
                assert translated, (language, message_id)
                assert placeholders(translated) <= placeholders(english(message_id)), (language, message_id)
        # Translated, not copied: only signs and words the languages share stay as they are.
        same = [m for m in MESSAGES if say.text(m, 2) == english(m)]
        assert len(same) <= 6, (language, same)


def test_a_german_site_has_no_english_label(tmp_path: Path):
    project = tmp_path / "mini"
    shutil.copytree(MINI, project)
    set_language(project, "de")
    weights = project / "glossary/weights.yaml"  # a draft, for its note
    weights.write_text(weights.read_text("utf-8").replace("reviewed:", "status: draft\nreviewed:"))
    result = run_mkdocs(project, project / "site")
    assert result.returncode == 0, result.stderr
    assert_no_english_label(project, project / "site", "de")
    page = visible_text(project / "site/glossary/open-weights/index.html")
    assert "Umstrittener Begriff" in page and "Kategorie: " in page and "Geprüft: " in page
    assert "Erwähnt in" in page and "Quellen" in page
    index = visible_text(project / "site/glossary/index.html")
    assert "Glossar A–Z" in index and "siehe" in index


def test_a_site_without_a_language_in_termbook_yml_has_its_pages_language_throughout(
        mini: Path, tmp_path: Path):
    """The check, `termbook new` and both builds take the language of the site's pages
    (``theme.language``) when termbook.yml names none: German words are refused as aliases
    and English ones are not, and every label of both builds is German."""
    set_language(mini, "de")
    weights = mini / "glossary/weights.yaml"
    entry = weights.read_text("utf-8")
    weights.write_text(entry.replace("  - model weights\n", "  - model weights\n  - und\n"), "utf-8")
    result = run_termbook(mini, "check", "--quiet")
    assert result.returncode == 1
    assert "aliases[1]: 'und' is a word so common that nearly every page would link it" in result.stdout
    refused = run_termbook(mini, "new", "Gewichtung", "--alias", "der")
    assert refused.returncode == 2 and "'der' is a word so common" in refused.stderr
    assert not (mini / "glossary/gewichtung.yaml").exists()
    weights.write_text(entry.replace("  - model weights\n", "  - model weights\n  - the\n"), "utf-8")
    assert run_termbook(mini, "check", "--quiet").returncode == 0  # an English word, not a German one
    weights.write_text(entry, "utf-8")

    (mini / "zensical.yml").write_text("INHERIT: mkdocs.yml\ndocs_dir: build/zensical-docs\n", "utf-8")
    built = {"mkdocs": run_mkdocs(mini, tmp_path / "mkdocs"),
             "zensical": run_zensical(mini, tmp_path / "zensical")}
    for engine, result in built.items():
        assert result.returncode == 0, result.stdout + result.stderr
        site = tmp_path / engine
        page = LexborHTMLParser((site / "glossary/open-weights/index.html").read_text("utf-8"))
        assert page.css_first("h2#mentioned-in").text().strip("¶ ") == "Erwähnt in", engine
        assert page.css_first("h2#sources").text().strip("¶ ") == "Quellen"
        toc = [a.text().strip() for a in page.css(".md-nav--secondary a")]
        assert "Erwähnt in" in toc and "Quellen" in toc, (engine, toc)
        assert "Glossar A–Z" in visible_text(site / "glossary/index.html"), engine


def test_the_language_termbook_yml_declares_comes_before_the_pages(mini: Path):
    set_language(mini, "de")
    config = mini / "termbook.yml"
    config.write_text("language: en\n" + config.read_text("utf-8"), "utf-8")
    refused = run_termbook(mini, "new", "Weight decay", "--alias", "the")
    assert refused.returncode == 2 and "'the' is a word so common" in refused.stderr
    result = run_termbook(mini, "generate", "--out", str(mini / "build/out"), "--quiet")
    assert result.returncode == 0, result.stderr
    assert "Glossary A–Z" in (mini / "build/out/glossary/index.md").read_text("utf-8")


def test_a_label_can_be_reworded_in_termbook_yml(mini: Path, tmp_path: Path):
    config = mini / "termbook.yml"
    config.write_text(config.read_text("utf-8").replace(
        "\nlabels:\n", "\nlabels:\n  mentioned_in: Pages that use it\n"
        "  az_count: \"{count} entries in all.\"\n"), encoding="utf-8")
    result = run_mkdocs(mini, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "Pages that use it" in visible_text(tmp_path / "site/glossary/weights/index.html")
    assert "4 entries in all." in visible_text(tmp_path / "site/glossary/index.html")
    config.write_text(config.read_text("utf-8").replace("{count} entries", "{number} entries"))
    result = run_termbook(mini, "check")
    assert result.returncode == 1
    assert "labels.az_count: the placeholder {number} is not one this text has" in result.stdout


JAPANESE_TERMS = {
    # id: (name, reading for sorting when the name is in kanji, categories)
    "commit": ("コミット", None, ["basics"]),
    "clone": ("クローン", None, ["basics", "remote"]),
    "conflict": ("競合", "きょうごう", ["merging"]),
    "diff": ("差分", "さぶん", ["basics", "merging"]),
    "working-tree": ("作業ツリー", "さぎょうツリー", ["basics"]),
    "tag": ("タグ", None, ["basics"]),
    "branch": ("ブランチ", None, ["basics", "merging"]),
    "pull-request": ("プルリクエスト", None, ["remote", "merging"]),
    "fork": ("フォーク", None, ["remote"]),
    "merge": ("マージ", None, ["merging"]),
    "repository": ("リポジトリ", None, ["basics", "remote"]),
    "git": ("Git", None, ["basics"]),
}


def japanese_site(folder: Path) -> Path:
    (folder / "glossary").mkdir(parents=True)
    (folder / "docs").mkdir()
    (folder / "docs/index.md").write_text("# バージョン管理\n\n[[commit]]と[[branch]]から。\n", "utf-8")
    (folder / "mkdocs.yml").write_text(
        "site_name: バージョン管理用語集\ntheme: {name: material, language: ja, font: false}\n"
        "markdown_extensions: [attr_list, md_in_html, admonition, toc]\n"
        "plugins: [search, termbook]\n", "utf-8")
    (folder / "termbook.yml").write_text(
        "categories:\n  basics: {title: 基本}\n  merging: {title: 統合}\n  remote: {title: 共同作業}\n",
        "utf-8")
    for term_id, (name, reading, categories) in JAPANESE_TERMS.items():
        lines = [f"term: {name}", f"category: [{', '.join(categories)}]",
                 f"short: {name}の説明です。詳しくは`git help`を見てください。"]
        if reading:
            lines.append(f"sort_as: {reading}")
        lines.append("definition: |\n  [[repository]]で使う用語。")
        (folder / "glossary" / f"{term_id}.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    return folder


def test_a_japanese_site_groups_names_by_kana_rows_and_has_no_english_label(tmp_path: Path):
    project = japanese_site(tmp_path / "ja")
    result = run_termbook(project, "check")
    assert result.returncode == 0, result.stdout
    result = run_mkdocs(project, project / "site")
    assert result.returncode == 0, result.stderr
    page = LexborHTMLParser((project / "site/glossary/index.html").read_text("utf-8"))
    groups = {}
    for heading in page.css("article h2"):
        listed = heading.next
        while listed.tag != "ul":
            listed = listed.next
        groups[heading.text().strip("¶ ")] = [a.text() for a in listed.css("li > a")]
    assert groups == {
        "G": ["Git"],
        "か": ["競合", "クローン", "コミット"],
        "さ": ["作業ツリー", "差分"],
        "た": ["タグ"],
        "は": ["フォーク", "ブランチ", "プルリクエスト"],
        "ま": ["マージ"],
        "ら": ["リポジトリ"],
    }
    nav = [a.text() for a in page.css(".tb-az-nav a")]
    assert nav == list(groups)  # in the index's order, Latin letters before kana in Japanese
    assert [s.text() for s in page.css(".tb-az-nav .tb-az-empty")] == ["あ", "な", "や", "わ"]
    assert_no_english_label(project, project / "site", "ja")
    term = LexborHTMLParser((project / "site/glossary/diff/index.html").read_text("utf-8"))
    assert term.css_first(".tb-meta").text() == "カテゴリ：基本、統合"


def test_a_regional_language_gets_its_base_languages_labels_only_in_the_same_script():
    assert Messages("de-CH")("sources") == Messages("de")("sources") == "Quellen"
    assert Messages("zh-CN")("sources") == "来源"
    # Traditional Chinese is not written with the simplified catalogue's characters.
    assert Messages("zh-TW")("sources") == Messages("zh-Hant")("sources") == "Sources"
    assert Messages("xx-unknown")("sources") == "Sources"
