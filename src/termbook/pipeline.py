"""The engine's one-way pipeline, and the two calls a front end needs.

Stages, each importing only earlier ones::

    read          ->  check  ->  model  ->  link  ->  render  ->  export
    read.py           check.py   model.py   matcher.py       render.py   export.py
    readcache.py
                                    mentions.py
                                    linking.py, tooltips.py, backlinks.py

with shared foundations that depend on no stage: :mod:`~termbook.findings` (how problems are
reported), :mod:`~termbook.layout` (paths and URLs), :mod:`~termbook.labels` (when two names
are one), :mod:`~termbook.markup` (Markdown source read as text), :mod:`~termbook.yamlfile`,
:mod:`~termbook.characters`, :mod:`~termbook.markdown_bounds` and :mod:`~termbook.safety`
(hostile input), :mod:`~termbook.output_folder` (where commands may write),
:mod:`~termbook.languages` (words of a site's language), :mod:`~termbook.taxonomy` (what a
site declares in termbook.yml), :mod:`~termbook.schema` (the entry formats generated from it),
:mod:`~termbook.messages` and :mod:`~termbook.collation` (labels and the order of names in
the site's language) and :mod:`~termbook.inline` (the markup a short definition may hold).
``tests/test_pipeline.py`` holds the order and fails when a module imports a later stage.

A front end calls :func:`check` (or :func:`load`) for the glossary, then :func:`generate` for
every page and file to publish, and converts the pages with a Markdown converter that has
:class:`termbook.linking.LinkerExtension`. Nothing here imports MkDocs.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import gc
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from . import schema
from .check import check_files
from .collation import Collation
from .export import Publication, head_html, write_exports
from .findings import INFO, Finding, GlossaryError, errors_in
from .layout import TOOLTIP_DATA_PATH
from .mentions import mentioned_terms
from .messages import Messages
from .model import Glossary, article_from, term_from
from .readcache import ReadCache
from .read import EntryFile, display_path, read_dir, read_docs, read_taxonomy
from .render import Page, assets, render_pages
from .scorecard import scorecard_files, scorecard_pages
from .taxonomy import CONFIG_FILE
from .tooltips import tooltip_data


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused (also as a decorator).

    Reading a glossary creates about a million objects (entries, events, findings) that stay
    alive until the reading is done and form no reference cycles. The collector would walk
    them again and again as they pile up, for nothing: a fifth of the time a check of 10,000
    entries takes. Whatever cycles do form are collected once it runs again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@collector_paused()
def check(glossary_dir: Path, seeds_dir: Path | None = None, *, root: Path | None = None,
          only: Iterable[Path] | None = None, today: datetime.date | None = None,
          docs_dir: Path | None = None, report_unmentioned: bool = False,
          config: Path | None = None,
          cache: ReadCache | None = None) -> tuple[Glossary | None, list[Finding]]:
    """Read and check every entry; return the glossary (when it has no errors) and all findings.

    The taxonomy is read from ``config`` (default: ``termbook.yml`` in ``root``; a site without
    one declares nothing). The articles are read from ``seeds_dir``, or else from the folder
    the taxonomy's ``articles`` names.
    ``root`` is what paths in findings are shown relative to (default: the current directory).
    ``only`` limits the findings to those files, while still reading the others, since
    references need the whole glossary to be checked. ``docs_dir`` adds the hand-written
    Markdown pages: their ``[[id]]`` links are checked too. With ``report_unmentioned``, each
    term that no definition, article or page mentions gets an information finding.
    With a ``cache`` (:meth:`ReadCache.for_project`), entries unchanged since a clean read are
    not parsed again; the findings are the same either way.
    """
    root = root or Path.cwd()
    today = today or datetime.date.today()
    taxonomy, findings = read_taxonomy(config or root / CONFIG_FILE, root)
    if taxonomy is None:  # nothing else can be checked against it
        return None, sorted(findings)
    if seeds_dir is None and taxonomy.articles:
        seeds_dir = root / taxonomy.articles.dir
    unreadable: dict[str, str] = {}  # entries that could not be read at all: id -> path
    term_files = read_dir(glossary_dir, root, schema.TERM_SCHEMA, findings, taxonomy, cache,
                          unreadable)
    seed_files = read_dir(seeds_dir, root, schema.SEED_SCHEMA, findings, taxonomy, cache) if seeds_dir else []
    schema.release_validators()
    if cache is not None:
        cache.save()
    if seed_files and not taxonomy.articles:
        findings.append(Finding(seed_files[0].display, 1, "(file)",
                                f"articles are not declared in {CONFIG_FILE}",
                                "declare them ('articles:' with 'dir' and 'stances'), or remove "
                                "the folder", "articles-not-declared"))
    docs = read_docs(docs_dir, root, findings) if docs_dir else {}
    findings += check_files(term_files, seed_files, docs, today=today, taxonomy=taxonomy,
                            unreadable=unreadable)

    # Decided before ``only`` filters the findings: an error in a file that was not asked
    # about still means the glossary cannot be built (its references may not resolve).
    has_errors = bool(errors_in(findings))
    wanted = None if only is None else {display_path(Path(p), root) for p in only}
    findings = sorted(f for f in findings if wanted is None or f.path in wanted)
    if has_errors:
        return None, findings
    valid_terms = [f for f in term_files if f.valid]
    glossary = Glossary(
        terms={f.id: term_from(f, taxonomy) for f in valid_terms},
        articles={f.id: article_from(f) for f in seed_files if f.valid},
        taxonomy=taxonomy,
    )
    if report_unmentioned:
        findings = sorted(findings + [f for f in _unmentioned(glossary, valid_terms, docs)
                                      if wanted is None or f.path in wanted])
    return glossary, findings


def load(glossary_dir: Path, seeds_dir: Path | None = None, *, root: Path | None = None,
         config: Path | None = None) -> Glossary:
    """The checked glossary; raises :class:`GlossaryError` listing every error."""
    glossary, findings = check(glossary_dir, seeds_dir, root=root, config=config)
    if glossary is None:
        raise GlossaryError(errors_in(findings))
    return glossary


def _unmentioned(glossary: Glossary, term_files: list[EntryFile],
                 docs: dict[str, str]) -> list[Finding]:
    """An information finding for each term that no other term's page, no article and no
    hand-written page mentions."""
    mentioned = mentioned_terms(glossary, docs.values())
    return [file.finding(("term",), "no page mentions this term",
                         f"name it, or link it with [[{file.id}]], in another entry's definition, "
                         "an article summary or a page in docs/", "unmentioned-term", INFO)
            for file in term_files if file.id not in mentioned]


@dataclasses.dataclass(frozen=True)
class SiteOutput:
    """Everything termbook generates for a glossary, for any front end to publish.

    Nothing in it is held longer than it is needed: each page's Markdown and each page's head
    HTML is made when it is asked for, and the data exports are written into the site's folder
    as they are made (:meth:`write_exports`). At 10,000 terms they would otherwise be most of
    what a build holds beyond the site generator's own data."""

    pages: list[Page]
    """The Markdown pages, by their path relative to the docs directory."""
    files: dict[str, bytes]
    """The other, small files by their path in the built site: the assets, the tooltips' data
    and the scorecard's data (:data:`termbook.layout.ASSETS`,
    :data:`~termbook.layout.TOOLTIP_DATA_PATH`, :func:`termbook.scorecard.scorecard_files`)."""
    head_html: Mapping[str, str]
    """HTML for the head of generated pages (their JSON-LD), by docs path."""
    glossary: Glossary
    publication: Publication
    messages: Messages
    """The site's labels, in its language: for what a front end adds to pages ("Mentioned in")."""

    def write_exports(self, folder: Path) -> None:
        """Write the data exports (:data:`termbook.export.EXPORT_PATHS`) into ``folder``."""
        write_exports(self.glossary, self.publication, folder)


def generate(glossary: Glossary, publication: Publication) -> SiteOutput:
    """Every generated page, asset and data file of the site, without converting anything:
    the pages are Markdown, to be converted with :class:`termbook.linking.LinkerExtension`
    among the site's extensions. A pure function of its arguments."""
    messages = Messages(publication.language, glossary.taxonomy.labels)
    glossary.use_collation(Collation.of(publication.language))
    files = {**assets(publication.language), TOOLTIP_DATA_PATH: tooltip_data(glossary).encode("utf-8"),
             **scorecard_files(glossary, publication)}
    return SiteOutput(render_pages(glossary, messages) + scorecard_pages(glossary, messages), files,
                      head_html(glossary, publication), glossary, publication, messages)
