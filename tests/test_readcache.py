"""The read cache (termbook.readcache): a check with it finds exactly what a check without
it finds, parses only the entries that changed, and never trusts what it cannot read."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from termbook import Project, ReadCache, check, yamlfile
from termbook.pipeline import LastRun, after_check
from termbook.readcache import cache_folder

from .conftest import run_termbook

TODAY = datetime.date(2026, 12, 1)


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("TERMBOOK_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files parsed (not taken from the cache), by displayed path, as they are parsed."""
    seen: list[str] = []
    parse = yamlfile.parse_bytes

    def counting(raw: bytes, display: str):
        seen.append(display)
        return parse(raw, display)
    monkeypatch.setattr("termbook.read.parse_bytes", counting)
    return seen


def line_of(path: Path, start: str) -> int:
    """The line of ``path`` that starts with ``start``."""
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if line.startswith(start))


def checked(project: Path, cache: ReadCache | None):
    """A check as a command makes one: the cache saved once the check is over."""
    checking = Project.at(project, docs_dir=project / "docs", cache=cache)
    glossary, findings = check(checking, today=TODAY, report_unmentioned=True)
    after_check(checking)
    return glossary, [str(f) for f in findings]


def test_a_second_check_parses_nothing_and_finds_the_same(mini: Path, cache_dir: Path,
                                                          parsed: list[str]):
    uncached = checked(mini, None)
    first = checked(mini, ReadCache.for_project(mini))
    entries = sum(len(list((mini / folder).glob("*.yaml"))) for folder in ("glossary", "seeds", "events"))
    assert len(parsed) == 2 * entries  # without the cache, then to fill it
    parsed.clear()
    second = checked(mini, ReadCache.for_project(mini))
    assert parsed == []
    assert first == second == uncached


def test_only_the_edited_entry_is_parsed_again(mini: Path, cache_dir: Path, parsed: list[str]):
    checked(mini, ReadCache.for_project(mini))
    weights = mini / "glossary" / "weights.yaml"
    weights.write_text(weights.read_text(encoding="utf-8").replace(
        "The learned values", "The values learned"), encoding="utf-8")
    parsed.clear()
    glossary, _ = checked(mini, ReadCache.for_project(mini))
    assert parsed == ["glossary/weights.yaml"]
    assert glossary.terms["weights"].definition.startswith("The values learned")


def test_an_edit_that_breaks_a_cached_entry_is_reported_at_its_line(mini: Path, cache_dir: Path):
    checked(mini, ReadCache.for_project(mini))
    weights = mini / "glossary" / "weights.yaml"
    weights.write_text(weights.read_text(encoding="utf-8").replace(
        "category: fundamentals", "category: nonsense"), encoding="utf-8")
    glossary, findings = checked(mini, ReadCache.for_project(mini))
    assert glossary is None
    assert any(f.startswith(f"glossary/weights.yaml:{line_of(weights, 'category:')}: category:") for f in findings), findings


def test_a_later_check_on_a_cached_entry_still_names_its_line(mini: Path, cache_dir: Path):
    """Checks after reading (here: dates against today) run on every entry, cached or not,
    and a cached entry's lines are worked out from its text when a finding needs one."""
    checked(mini, ReadCache.for_project(mini))
    _, findings = check(Project.at(mini, cache=ReadCache.for_project(mini)),
                        today=datetime.date(2026, 1, 1))
    assert f"glossary/weights.yaml:{line_of(mini / 'glossary/weights.yaml', 'reviewed:')}: reviewed:" in "\n".join(map(str, findings))


def test_a_check_that_keeps_what_each_file_alone_gave_finds_what_a_fresh_check_finds(
        mini: Path, cache_dir: Path):
    """A preview checks again after each edit, keeping what each file's own checks found the
    run before (LastRun.checked_files): it checks on their own only the files an edit changed, or every
    file when the rules changed, and finds exactly what a check from nothing finds."""
    last_run, cache = LastRun(), ReadCache.for_project(mini)
    weights = mini / "glossary" / "weights.yaml"
    found: list[str] = []

    def checked_on_their_own(today: datetime.date = TODAY) -> set[str]:
        ours = check(Project.at(mini, docs_dir=mini / "docs", cache=cache), today=today,
                     last_run=last_run)
        fresh = check(Project.at(mini, docs_dir=mini / "docs"), today=today)
        found[:] = [str(f) for f in ours[1]]
        assert found == [str(f) for f in fresh[1]]
        assert (ours[0] is None) == (fresh[0] is None)
        return last_run.checked_files.checked

    every_file = {f"{folder}/{path.name}" for folder in ("glossary", "seeds", "events")
                  for path in (mini / folder).glob("*.yaml")}
    assert checked_on_their_own() == every_file
    assert checked_on_their_own() == set()
    # Findings of the edited file's own (an alias too common to link, a review in the future),
    # at lines that moved down.
    text = weights.read_text(encoding="utf-8")
    weights.write_text("# A comment line above.\n" + text.replace("- model weights", "- the").replace(
        "reviewed: 2026-11-20", "reviewed: 2026-12-31"), encoding="utf-8")
    assert checked_on_their_own() == {"glossary/weights.yaml"}
    assert checked_on_their_own() == set()
    for line, field in (("  - the", "aliases[0]"), ("reviewed:", "reviewed")):
        assert f"glossary/weights.yaml:{line_of(weights, line)}: {field}:" in "\n".join(found)
    weights.write_text(text, encoding="utf-8")
    assert checked_on_their_own() == {"glossary/weights.yaml"}
    assert checked_on_their_own(TODAY + datetime.timedelta(days=1)) == every_file
    termbook_yml = mini / "termbook.yml"
    termbook_yml.write_text(termbook_yml.read_text(encoding="utf-8").replace(
        "Named models and model families.", "Models and families of models."), encoding="utf-8")
    assert checked_on_their_own(TODAY + datetime.timedelta(days=1)) == every_file


def test_a_new_category_in_termbook_yml_misses_every_entry(mini: Path, cache_dir: Path,
                                                           parsed: list[str]):
    """The key is the bytes and the schema they were checked against: a category removed
    from termbook.yml must fail the entries that use it, cache or no cache."""
    checked(mini, ReadCache.for_project(mini))
    taxonomy = mini / "termbook.yml"
    text = taxonomy.read_text(encoding="utf-8")
    line = next(row for row in text.splitlines() if row.strip().startswith("fundamentals:"))
    taxonomy.write_text(text.replace(line + "\n", ""), encoding="utf-8")
    parsed.clear()
    glossary, findings = checked(mini, ReadCache.for_project(mini))
    assert "glossary/weights.yaml" in parsed
    assert glossary is None and any(f"glossary/weights.yaml:{line_of(mini / 'glossary/weights.yaml', 'category:')}: category" in f for f in findings)


@pytest.mark.parametrize("content", ["not json", '{"format": 1}', '[1, 2]',
                                     '{"format": 1, "termbook": "0", "entries": {}}'])
def test_a_cache_that_cannot_be_read_is_ignored_and_written_again(mini: Path, cache_dir: Path,
                                                                  content: str):
    path = ReadCache.for_project(mini).path
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    assert checked(mini, ReadCache.for_project(mini)) == checked(mini, None)
    assert json.loads(path.read_text(encoding="utf-8"))["entries"]


def test_entries_with_problems_are_not_remembered(mini: Path, cache_dir: Path, parsed: list[str]):
    weights = mini / "glossary" / "weights.yaml"
    weights.write_text(weights.read_text(encoding="utf-8") + "colour: blue\n", encoding="utf-8")
    checked(mini, ReadCache.for_project(mini))
    parsed.clear()
    _, findings = checked(mini, ReadCache.for_project(mini))
    assert parsed == ["glossary/weights.yaml"]
    assert any(f.startswith(f"glossary/weights.yaml:{line_of(weights, 'colour:')}: colour:") for f in findings), findings


def test_the_cache_lives_outside_the_project(mini: Path, cache_dir: Path):
    before = sorted(p.relative_to(mini) for p in mini.rglob("*"))
    checked(mini, ReadCache.for_project(mini))
    assert sorted(p.relative_to(mini) for p in mini.rglob("*")) == before
    assert [p.parent for p in cache_dir.iterdir()] == [cache_folder()] == [cache_dir]


def test_the_cache_folder_follows_xdg_when_not_set(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.delenv("TERMBOOK_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_folder() == tmp_path / "termbook"


def test_an_unwritable_cache_only_costs_time(mini: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("TERMBOOK_CACHE_DIR", str(blocked / "cache"))
    assert checked(mini, ReadCache.for_project(mini)) == checked(mini, None)


def test_the_check_command_uses_the_cache_and_no_cache_leaves_it(mini: Path, cache_dir: Path):
    result = run_termbook(mini, "check", "--no-cache")
    assert result.returncode == 0, result.stderr
    assert not cache_dir.exists()
    result = run_termbook(mini, "check")
    assert result.returncode == 0, result.stderr
    [stored] = cache_dir.iterdir()
    assert len(json.loads(stored.read_text(encoding="utf-8"))["entries"]) == sum(
        len(list((mini / folder).glob("*.yaml"))) for folder in ("glossary", "seeds", "events"))


@pytest.mark.parametrize("entries", [{}, {"a1": {"term": "Weights", "aliases": ["é", "\"x\""]},
                                          "b2": {"links": [{"title": "T"}]}}])
def test_the_saved_file_is_json_that_loads_back(tmp_path: Path, entries: dict):
    """The file is written an entry at a time; with no entry, or any, it is one JSON document."""
    path = tmp_path / "entries.json"
    earlier = ReadCache(path)
    earlier.put("gone", {"term": "Removed since"})
    earlier.save()
    cache = ReadCache(path)  # a run that reads only ``entries`` (none: every entry has problems)
    for key, data in entries.items():
        cache.put(key, data)
    cache.save()
    assert json.loads(path.read_text(encoding="utf-8"))["entries"] == entries
    assert {key: ReadCache(path).get(key) for key in entries} == entries
