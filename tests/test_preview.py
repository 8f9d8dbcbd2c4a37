"""The previews after a series of edits: every page they serve is the page a clean build
makes, on both front ends, and they redo only what an edit changes.

MkDocs: ``mkdocs serve --dirty`` builds again and again in one process, with the plugin kept
from one build to the next (MkDocs keeps a plugin that has ``on_startup``); the tests build
the same way, in this process, and compare the site folder after each edit with a clean
``mkdocs build`` of the same files at the preview's address. Zensical: the preview's
generator (``termbook generate --watch``) runs again after each edit, and its folder, which
``zensical serve`` builds, is compared with a fresh run's.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from termbook.site_folder import Generator, read_settings

from .software_glossary import write_site

SERVE_URL = "http://127.0.0.1:8000/"


class MkDocsPreview:
    """``mkdocs serve --dirty`` of ``project``, one build per call of :meth:`build`."""

    def __init__(self, project: Path, site: Path) -> None:
        self.project, self.site = project, site
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=True)
        self.plugin = config.plugins["termbook"]

    def build(self) -> None:
        """One build, as ``mkdocs serve`` runs it after a change."""
        config = load_config(str(self.project / "mkdocs.yml"), site_dir=str(self.site))
        config.site_url = SERVE_URL
        build(config, serve_url=SERVE_URL, dirty=True)

    @property
    def converted(self) -> set[str]:
        """The pages the last build converted."""
        return self.plugin.preview.converted_pages

    @property
    def pages(self) -> set[str]:
        """Every page of the last build."""
        return set(self.plugin.preview.last.titles)

    def differences_from_clean_build(self, reference: Path) -> list[str]:
        """Every file that the preview's site and a clean build's hold differently."""
        inherit = self.project / ".clean-build.yml"  # the preview's address, as MkDocs gives it
        inherit.write_text(f"INHERIT: mkdocs.yml\nsite_url: {SERVE_URL}\n", encoding="utf-8")
        shutil.rmtree(reference, ignore_errors=True)
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(inherit),
                                 "-d", str(reference)], capture_output=True, text=True)
        inherit.unlink()
        assert result.returncode == 0, result.stderr
        return folder_differences(self.site, reference)


def folder_differences(ours: Path, clean: Path) -> list[str]:
    def files(folder: Path) -> dict[str, bytes]:
        # Gzip files carry the time they were made: their content is compared uncompressed.
        return {p.relative_to(folder).as_posix(): p.read_bytes()
                for p in folder.rglob("*") if p.is_file() and p.suffix != ".gz"}
    a, b = files(ours), files(clean)
    return ([f"only in the preview: {p}" for p in sorted(a.keys() - b.keys())]
            + [f"only in the clean build: {p}" for p in sorted(b.keys() - a.keys())]
            + [f"differs: {p}" for p in sorted(a.keys() & b.keys()) if a[p] != b[p]])


@pytest.fixture
def mkdocs_preview(tmp_path: Path) -> Iterator[Callable[[Path], MkDocsPreview]]:
    made: list[MkDocsPreview] = []

    def start(project: Path) -> MkDocsPreview:
        made.append(MkDocsPreview(project, tmp_path / "preview-site"))
        return made[-1]
    yield start
    for preview in made:  # MkDocs keeps the plugin for the rest of the process
        preview.plugin.on_shutdown()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def rename_entry(project: Path, old: str, new: str) -> None:
    """Rename an entry as its author would: its file, and its id in the events about it."""
    (project / "glossary" / f"{old}.yaml").rename(project / "glossary" / f"{new}.yaml")
    for event in (project / "events").glob("*.yaml"):
        text = event.read_text(encoding="utf-8")
        if old in text:
            event.write_text(text.replace(old, new), encoding="utf-8")


def delete_entry(project: Path, entry_id: str) -> None:
    """Delete an entry as its author would: its file, and the events about it."""
    (project / "glossary" / f"{entry_id}.yaml").unlink()
    for event in (project / "events").glob("*.yaml"):
        if entry_id in event.read_text(encoding="utf-8"):
            event.unlink()


def test_mkdocs_preview_after_a_series_of_edits_serves_what_a_clean_build_makes(
        mini: Path, tmp_path: Path, mkdocs_preview: Callable[[Path], MkDocsPreview],
        caplog: pytest.LogCaptureFixture):
    preview = mkdocs_preview(mini)
    clean = tmp_path / "clean"
    glossary, home = mini / "glossary", mini / "docs" / "index.md"

    def built_as_clean() -> None:
        preview.build()
        assert preview.differences_from_clean_build(clean) == []

    built_as_clean()
    every_page = set(preview.converted)
    assert "glossary/weights.md" in every_page and "index.md" in every_page

    # A definition now mentions a term it did not: its page, and the "Mentioned in" of the
    # term it mentions, and nothing else.
    edit(glossary / "weights.yaml", "The learned values inside a model.",
         "The learned values inside a model, such as an example model.")
    built_as_clean()
    assert preview.converted == {"glossary/weights.md", "glossary/example-model.md"}
    last_run = preview.plugin.preview.last_run  # only the edited entry is made again
    assert last_run.checked_files.checked == {"glossary/weights.yaml"}
    assert last_run.terms.made == last_run.term_pages.made == last_run.term_records.made == {"weights"}

    # A hand-written page follows MkDocs' rule: it is converted again, and so is the page of
    # the term it no longer mentions.
    edit(home, "and MoE, ", "")
    built_as_clean()
    assert preview.converted == {"index.md", "glossary/mixture-of-experts.md"}

    # A short definition is shown on the indexes too.
    edit(glossary / "weights.yaml", "multiplies its inputs by.", "multiplies its inputs by, edited.")
    built_as_clean()
    assert {"glossary/weights.md", "glossary/index.md"} <= preview.converted < every_page

    # A new alias that matches text on other pages: every page may link it.
    edit(glossary / "open-weights.yaml", "aliases: [open-weight model, open-weight models]",
         "aliases: [open-weight model, open-weight models, learned values]")
    built_as_clean()
    assert preview.converted == every_page

    # Renamed, then deleted: the old page is gone from the site.
    rename_entry(mini, "example-model", "sample-model")
    built_as_clean()
    assert not (preview.site / "glossary/example-model").exists()
    delete_entry(mini, "sample-model")
    built_as_clean()

    # A broken entry: its problem is shown, and the preview keeps the last good site.
    last_good = {p: p.read_bytes() for p in preview.site.rglob("*.html")}
    good = (glossary / "weights.yaml").read_text(encoding="utf-8")
    (glossary / "weights.yaml").write_text(good.replace("term: Weights", "term: [Weights"),
                                           encoding="utf-8")
    with caplog.at_level(logging.INFO):
        preview.build()
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("glossary/weights.yaml:3:" in m and "not valid YAML" in m for m in errors)
    assert any("the preview shows the glossary as it was before them" in m for m in errors)
    assert {p: p.read_bytes() for p in preview.site.rglob("*.html")} == last_good

    # Fixed, with another change.
    (glossary / "weights.yaml").write_text(good.replace("inside a model", "inside any model"),
                                           encoding="utf-8")
    built_as_clean()
    assert "inside any model" in (preview.site / "glossary/weights/index.html").read_text()

    # A new title for a page in the navigation, which every page shows.
    edit(home, "# Test site", "# The test site")
    built_as_clean()
    assert preview.converted == preview.pages

    # termbook.yml changed: every page.
    taxonomy = mini / "termbook.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    built_as_clean()
    assert preview.converted == preview.pages


def test_mkdocs_preview_of_another_field_serves_what_a_clean_build_makes(
        tmp_path: Path, mkdocs_preview: Callable[[Path], MkDocsPreview]):
    site = write_site(tmp_path / "software")
    preview = mkdocs_preview(site)
    preview.build()
    entry = sorted((site / "glossary").glob("*.yaml"))[0]
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("definition: ", "definition: Edited. ", 1), encoding="utf-8")
    preview.build()
    assert preview.converted and len(preview.converted) <= 3
    assert preview.differences_from_clean_build(tmp_path / "clean") == []


@pytest.mark.parametrize("language", ["en", "fr"])
def test_zensical_preview_of_another_field_generates_what_a_fresh_run_does(tmp_path: Path, language: str):
    """A site of another field, in English and in French, with a scorecard that rates entries:
    after an edit, the preview's generator makes again only the edited entry's page and
    records, and its folder holds what a fresh run writes."""
    site = write_site(tmp_path / "software", language=language, with_scorecard=True)
    out = tmp_path / "generated"
    generator = Generator(read_settings(site / "mkdocs.yml"), out)
    assert generator.run().changes is not None
    entry = sorted((site / "glossary").glob("*.yaml"))[0]
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("definition: ", "definition: Edited. ", 1), encoding="utf-8")
    assert generator.run().changes is not None
    last_run = generator.last_run
    assert last_run.term_pages.made == last_run.term_records.made == {entry.stem}
    # The entry's short definition is as it was: the indexes list it as before; the entry is
    # not rated: the scorecard is as it was.
    assert last_run.term_pages.indexes_made == set()
    assert not last_run.scorecard.made
    fresh = tmp_path / "fresh"
    assert Generator(read_settings(site / "mkdocs.yml"), fresh).run().changes is not None
    assert folder_differences(out, fresh) == []


def test_zensical_preview_after_a_series_of_edits_generates_what_a_fresh_run_does(
        mini: Path, tmp_path: Path):
    """The generator of ``termbook zensical serve`` runs again after each edit; its folder,
    which Zensical builds, holds what a fresh run writes, and it rewrites only the files an
    edit changes, making again only the term pages whose content changed."""
    settings = read_settings(mini / "mkdocs.yml")
    out = tmp_path / "generated"
    generator = Generator(settings, out)
    glossary, home = mini / "glossary", mini / "docs" / "index.md"

    def generated_as_fresh() -> set[str]:
        result = generator.run()
        assert result.changes is not None, [str(f) for f in result.findings]
        fresh = tmp_path / "fresh"
        shutil.rmtree(fresh, ignore_errors=True)
        assert Generator(read_settings(mini / "mkdocs.yml"), fresh).run().changes is not None
        assert folder_differences(out, fresh) == []
        return set(result.changes.added + result.changes.updated + result.changes.removed)

    every_term = {path.stem for path in glossary.glob("*.yaml")}
    generated_as_fresh()
    last_run = generator.last_run
    assert last_run.term_pages.made == every_term
    indexes = {"glossary/index.md", "glossary/categories.md"}
    assert last_run.term_pages.indexes_made == indexes
    edit(glossary / "weights.yaml", "The learned values inside a model.",
         "The learned values inside a model, such as an example model.")
    changed = generated_as_fresh()
    assert {"glossary/weights.md", "glossary/example-model.md"} <= changed
    assert "glossary/open-weights.md" not in changed
    # The example model's page lists the pages that mention it outside its Markdown.
    assert last_run.terms.made == last_run.term_pages.made == last_run.term_records.made == {"weights"}
    assert last_run.term_pages.indexes_made == set()  # its name and short definition are as they were
    edit(home, "and MoE, ", "")
    assert "glossary/mixture-of-experts.md" in generated_as_fresh()
    assert last_run.term_pages.made == last_run.term_records.made == set()
    edit(glossary / "example-model.yaml", "category: models", "category: models\nrelated: [weights]")
    assert {"glossary/weights.md", "glossary/example-model.md"} <= generated_as_fresh()
    assert last_run.term_pages.made == last_run.term_records.made == {"weights", "example-model"}
    edit(mini / "events" / "2025-04-05-example-model.yaml", "behind a licence form",
         "behind a form to accept its licence")
    generated_as_fresh()
    assert last_run.term_pages.made == {"example-model", "open-weights"}
    edit(glossary / "open-weights.yaml", "aliases: [open-weight model, open-weight models]",
         "aliases: [open-weight model, open-weight models, learned values]")
    generated_as_fresh()
    # Other pages show its name, not its aliases (their mentions are linked as Zensical
    # converts them, with the new alias): only its own page is made again.
    assert last_run.term_pages.made == {"open-weights"}
    assert "glossary/index.md" in last_run.term_pages.indexes_made  # it lists every alias
    edit(mini / "termbook.yml", "Named models and model families.", "Models and families of models.")
    generated_as_fresh()
    assert last_run.terms.made == last_run.term_pages.made == last_run.term_records.made == every_term
    assert last_run.term_pages.indexes_made == indexes
    rename_entry(mini, "example-model", "sample-model")
    assert "glossary/example-model.md" in generated_as_fresh()
    assert not (out / "glossary/example-model.md").exists()
    delete_entry(mini, "sample-model")
    generated_as_fresh()
    good = (glossary / "weights.yaml").read_text(encoding="utf-8")
    (glossary / "weights.yaml").write_text(good.replace("term: Weights", "term: [Weights"),
                                           encoding="utf-8")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    broken = generator.run()
    assert broken.changes is None
    assert any(f.path == "glossary/weights.yaml" and f.line == 3 for f in broken.findings)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    (glossary / "weights.yaml").write_text(good.replace("inside a model", "inside any model"),
                                           encoding="utf-8")
    assert "glossary/weights.md" in generated_as_fresh()
