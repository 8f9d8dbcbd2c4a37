"""`termbook generate`: the whole site as files, for another site generator (Zensical).

The generated folder must hold what the MkDocs plugin adds in memory; the MkDocs build of
the same project is the reference for the "Mentioned in" lists and the structured data."""

from __future__ import annotations

import hashlib
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import yaml
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from termbook.model import sort_key
from termbook.site_folder import MENTIONED_IN_FIELD, STATE_FILE, Watcher

from .conftest import run_termbook


def generate(project: Path, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_termbook(project, "generate", "--out", str(out), *args)


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_writes_every_page_asset_and_data_file(mini: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = generate(mini, out)
    assert result.returncode == 0, result.stdout + result.stderr
    files = set(digests(out))
    assert {"index.md", "glossary/index.md", "glossary/categories.md", "glossary/weights.md",
            "glossary/open-weights.md", "sources/index.md", "sources/test-article.md",
            "openness.md", "assets/termbook/termbook.css", "assets/termbook/tooltips.js",
            "assets/termbook/terms.js", "glossary.json", "glossary.ttl", "glossary.csv",
            "events.csv", STATE_FILE} <= files
    assert "added glossary/weights.md" in result.stdout.splitlines()
    assert "generated" in result.stderr
    # The docs page is copied byte for byte, but for the list of events it embeds, which is
    # written out; nothing is written into docs/.
    source = (mini / "docs/index.md").read_text(encoding="utf-8")
    marker = "<!-- termbook:events as=table -->"
    copied = (out / "index.md").read_text(encoding="utf-8")
    assert marker in source and marker not in copied
    assert copied.startswith(source.split(marker)[0])
    assert '<div class="tb-events" markdown>' in copied and "The example model is released" in copied
    assert sorted(p.name for p in (mini / "docs").iterdir()) == ["index.md"]


def test_pages_that_repeat_the_term_pages_are_kept_out_of_search(mini: Path, tmp_path: Path):
    """The indexes and the openness table list what the term pages hold: out of the search
    index, where Zensical refuses sections as long as a large glossary makes them."""
    out = tmp_path / "out"
    assert generate(mini, out).returncode == 0
    for page in ("glossary/index.md", "glossary/categories.md", "openness.md"):
        assert front_matter(out / page)["search"] == {"exclude": True}, page
    assert "search" not in front_matter(out / "glossary/weights.md")


def test_mentioned_in_lists_what_the_mkdocs_build_lists(mini: Path, mini_site: Path,
                                                        tmp_path: Path):
    out = tmp_path / "out"
    assert generate(mini, out).returncode == 0
    compared = 0
    for page in sorted((out / "glossary").glob("*.md")):
        if page.stem in ("index", "categories"):
            continue
        built = HTMLParser((mini_site / "glossary" / page.stem / "index.html").read_text())
        expected = [a.text() for a in built.css(".tb-mentions li a")]
        listed = sorted(front_matter(page).get(MENTIONED_IN_FIELD, []),
                        key=lambda row: (sort_key(row[0]), row[0]))
        assert [title for title, _ in listed] == expected, page.name
        compared += bool(expected)
    assert compared >= 2  # the mini glossary's terms are mentioned on several pages


def test_a_second_run_rewrites_only_what_changed(mini: Path, tmp_path: Path):
    out = tmp_path / "out"
    assert generate(mini, out).returncode == 0
    before = {path: (out / path).stat().st_mtime_ns for path in digests(out)}
    again = generate(mini, out)
    assert again.returncode == 0
    assert again.stdout == ""
    assert "0 added, 0 updated, 0 removed" in again.stderr
    assert {path: (out / path).stat().st_mtime_ns for path in digests(out)} == before

    (mini / "glossary/example-model.yaml").unlink()
    (mini / "events/2025-04-05-example-model.yaml").unlink()  # it is about the model
    (mini / "docs/more.md").write_text("# More\n\nAbout weights.\n", encoding="utf-8")
    (out / "notes.md").write_text("someone's own file\n", encoding="utf-8")
    third = generate(mini, out)
    assert third.returncode == 0, third.stdout
    lines = third.stdout.splitlines()
    assert "added more.md" in lines
    assert "removed glossary/example-model.md" in lines
    assert (out / "notes.md").read_text(encoding="utf-8") == "someone's own file\n"
    assert "updated glossary/weights.md" in lines  # now mentioned in more.md
    assert not (out / "glossary/example-model.md").exists()
    assert ["More", "more.md"] in front_matter(out / "glossary/weights.md")[MENTIONED_IN_FIELD]


def test_bad_data_writes_nothing_and_says_where(mini: Path, tmp_path: Path):
    out = tmp_path / "out"
    assert generate(mini, out).returncode == 0
    before = digests(out)
    entry = mini / "glossary/weights.yaml"
    entry.write_text(entry.read_text().replace("category: fundamentals", "category: nonsense"))
    result = generate(mini, out)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(r"^glossary/weights\.yaml:\d+: category: ", result.stdout, re.MULTILINE)
    assert "nothing written" in result.stderr
    assert digests(out) == before


def test_a_hand_written_page_at_a_generated_path_is_refused(mini: Path, tmp_path: Path):
    (mini / "docs/glossary").mkdir()
    (mini / "docs/glossary/index.md").write_text("# Mine\n", encoding="utf-8")
    result = generate(mini, tmp_path / "out")
    assert result.returncode == 1
    assert "docs/glossary/index.md:1: (file): this file is generated by termbook" in result.stdout
    assert not (tmp_path / "out").exists()


def test_out_inside_docs_is_refused(mini: Path):
    result = generate(mini, mini / "docs" / "generated")
    assert result.returncode == 2
    assert "is inside the hand-written pages" in result.stderr


def test_watch_rewrites_only_the_files_an_edit_affects(mini: Path, tmp_path: Path):
    """Edit one entry's short definition while `generate --watch` runs: the files that show
    it change (its page, the indexes, the tooltip data, the exports), and no other file is
    even rewritten."""
    out = tmp_path / "out"
    # Ctrl+C (SIGINT) stops it, as in a terminal, even when the tests run as a background job,
    # whose children inherit SIGINT ignored.
    watcher = subprocess.Popen([sys.executable, "-m", "termbook.cli", "generate", "--watch",
                                "--out", str(out)], cwd=mini, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    lines = _lines_of(watcher)
    try:
        assert _read_until(lines, "watching for changes")
        before = {path: ((out / path).stat().st_mtime_ns, digest)
                  for path, digest in digests(out).items()}
        entry = mini / "glossary/weights.yaml"
        entry.write_text(entry.read_text().replace(
            "multiplies its inputs by.", "multiplies its inputs by, changed."))
        report = _read_until(lines, "generated")
        assert report
        after = {path: ((out / path).stat().st_mtime_ns, digest)
                 for path, digest in digests(out).items()}
    finally:
        watcher.send_signal(signal.SIGINT)
        watcher.wait(timeout=10)
    changed = {path for path in after if after[path] != before.get(path)}
    assert changed == {"glossary/weights.md", "glossary/index.md", "glossary/categories.md",
                       "assets/termbook/terms.js", "glossary.json", "glossary.ttl",
                       "glossary.csv"}
    assert all(after[path][1] != before[path][1] for path in changed)  # each really differs
    assert sorted(f"updated {path}" for path in changed) == sorted(
        line for line in report if line.startswith("updated"))
    assert "changed." in (out / "glossary/weights.md").read_text(encoding="utf-8")
    assert watcher.returncode == 0


def _read_until(lines: queue.Queue, marker: str, timeout: float = 60) -> list[str]:
    """The lines a process printed (``lines``, filled by :func:`_lines_of`) up to and
    including one containing ``marker``."""
    seen = []
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        try:
            line = lines.get(timeout=left)
        except queue.Empty:
            break
        seen.append(line)
        if marker in line:
            return seen
    raise AssertionError(f"no line with {marker!r} in {seen}")


def _lines_of(process: subprocess.Popen) -> queue.Queue:
    """A queue that a thread fills with the lines ``process`` prints."""
    lines: queue.Queue = queue.Queue()

    def read() -> None:
        for line in process.stdout:
            lines.put(line.rstrip("\n"))

    threading.Thread(target=read, daemon=True).start()
    return lines


def test_the_watcher_tells_of_each_change_to_its_paths_and_of_nothing_else(tmp_path: Path):
    """What ``generate --watch`` runs again after: an edit in place, an editor's save that
    renames a new file over the old, a deletion, a file in a subfolder, the configuration
    file, a watched folder made after the watch began (even two levels down) and the files
    put in it, that folder removed and made again; not a file read, nor a change beside the
    watched paths."""
    glossary, events, docs = tmp_path / "glossary", tmp_path / "events", tmp_path / "site" / "docs"
    glossary.mkdir()
    (glossary / "a.yaml").write_text("term: A\n")
    config = tmp_path / "termbook.yml"
    config.write_text("{}\n")
    told = {}
    with Watcher([glossary, events, docs, config]) as watcher:
        def after(name: str, change: object = None, *, wait: float = 5.0) -> None:
            told[name] = watcher.wait(timeout=wait)

        after("nothing", wait=0.5)
        after("edit in place", (glossary / "a.yaml").write_text("term: B\n"))
        (glossary / ".a.yaml.new").write_text("term: C\n")
        after("saved by a rename", os.replace(glossary / ".a.yaml.new", glossary / "a.yaml"))
        after("a file beside them", (tmp_path / "notes.txt").write_text("x"), wait=0.5)
        after("the configuration", config.write_text("# edited\n"))
        after("a folder made", events.mkdir())
        after("a file in it", (events / "e.yaml").write_text("date: 2026-01-01\n"))
        (glossary / "sub").mkdir()
        after("a file in a subfolder", (glossary / "sub" / "x.yaml").write_text("term: X\n"))
        after("a file read", (glossary / "a.yaml").read_text(), wait=0.5)
        after("a deletion", (glossary / "a.yaml").unlink())
        after("a folder removed", shutil.rmtree(events))
        after("made again", events.mkdir())
        after("a file in it again", (events / "f.yaml").write_text("date: 2026-01-02\n"))
        after("the folder above a folder made", docs.parent.mkdir())
        after("the folder made", docs.mkdir())
        after("a page in it", (docs / "index.md").write_text("# Home\n"))
    assert told == {"nothing": False, "edit in place": True, "saved by a rename": True,
                    "a file beside them": False, "the configuration": True, "a folder made": True,
                    "a file in it": True, "a file in a subfolder": True, "a file read": False,
                    "a deletion": True, "a folder removed": True, "made again": True,
                    "a file in it again": True, "the folder above a folder made": True,
                    "the folder made": True, "a page in it": True}

