"""The engine's one-way pipeline, and the two calls a front end needs.

Stages, each importing only earlier ones::

    read          ->  check  ->  model  ->  link  ->  render  ->  export
    read.py           check.py   model.py   matcher.py       render.py   export.py
    readcache.py                 events.py                        charts.py
                                    mentions.py
                                    linking.py, tooltips.py, additions.py

with shared foundations that depend on no stage: :mod:`~termbook.findings` (how problems are
reported), :mod:`~termbook.layout` (paths and URLs), :mod:`~termbook.labels` (when two names
are one), :mod:`~termbook.markup` (Markdown source read as text), :mod:`~termbook.yamlfile`,
:mod:`~termbook.characters`, :mod:`~termbook.markdown_bounds` and :mod:`~termbook.safety`
(hostile input), :mod:`~termbook.output_folder` (where commands may write),
:mod:`~termbook.languages` (words of a site's language), :mod:`~termbook.taxonomy` (what a
site declares in termbook.yml), :mod:`~termbook.schema` (the entry formats generated from it),
:mod:`~termbook.kept` (what a preview keeps from its last run), :mod:`~termbook.messages`
and :mod:`~termbook.collation` (labels and the order of names in the site's language) and
:mod:`~termbook.inline` (the markup a short definition may hold).
``tests/test_pipeline.py`` holds the order and fails when a module imports a later stage.

A front end makes a :class:`Project` (its folders, taxonomy and cache), calls :func:`check`
(or :func:`load`) for the glossary, then :func:`generate` for every page and file to publish,
and converts the pages with a Markdown converter that has
:class:`termbook.linking.LinkerExtension`; :mod:`termbook.additions` adds what is known only
once every page is converted ("Mentioned in", the head data). None of these changes anything
outside its arguments: the process-wide steps (pausing the garbage collector, saving the
cache, letting go of the validators) are the caller's (:func:`check_in_process` does them for
termbook's own commands and front ends). Nothing here imports MkDocs or Zensical.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import gc
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from . import schema
from .charts import embed as embed_charts
from .charts import figures as chart_figures
from .check import CheckedFiles, check_files
from .collation import Collation
from .events import Timeline, event_from, events_dir, read_events
from .export import (
    Publication,
    TermRecords,
    event_files,
    export_files,
    head_html,
    inputs_digest,
    write_exports,
)
from .findings import INFO, Finding, GlossaryError, errors_in
from .languages import DEFAULT_LANGUAGE
from .layout import TOOLTIP_DATA_PATH
from .mentions import mentioned_terms
from .messages import Messages
from .model import Glossary, KeptTerms, article_from, term_from
from .read import EntryFile, display_path, read_dir, read_docs, read_taxonomy
from .readcache import ReadCache
from .render import Page, TermPages, assets, expand_events, render_pages
from .scorecard import KeptScorecard, scorecard_files, scorecard_pages
from .taxonomy import CONFIG_FILE, Taxonomy
from .tooltips import tooltip_data


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused, for a front end or command to wrap a read in.

    Reading a glossary creates about a million objects (entries, events, findings) that stay
    alive until the reading is done and form no reference cycles. The collector would walk
    them again and again as they pile up, for nothing: a fifth of the time a check of 10,000
    entries takes. Whatever cycles do form are collected once it runs again. The engine never
    pauses it itself: the collector belongs to the whole process.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclasses.dataclass(frozen=True)
class Project:
    """A glossary project: its folders, the taxonomy it declares and the cache of its reads.

    Make one with :meth:`at`. The taxonomy is read when the project is made; when it has
    problems, :attr:`taxonomy` is None and :attr:`taxonomy_findings` says why (:func:`check`
    reports them)."""

    root: Path
    """What paths in findings are shown relative to."""
    glossary_dir: Path
    taxonomy_file: Path
    taxonomy: Taxonomy | None
    taxonomy_findings: tuple[Finding, ...]
    articles_dir: Path | None
    """The folder of article summaries, when there are any."""
    docs_dir: Path | None = None
    """Hand-written Markdown pages whose ``[[id]]`` links are checked too."""
    cache: ReadCache | None = None
    """Entries unchanged since a clean read are not parsed again; the caller saves it
    (:meth:`ReadCache.save`) when it wants the next run to start from this one's reads."""
    language: str = DEFAULT_LANGUAGE
    """The site's language, a BCP 47 tag: of its entries (the common words an alias may not
    be), of termbook's labels and of the order of names (see :meth:`at`)."""
    events_dir: Path | None = None
    """The folder of dated events, when the site declares events."""
    read_digests: dict[str, str] = dataclasses.field(default_factory=dict, compare=False, repr=False)
    """The SHA-256 of each entry file as a check read it, by the path findings show: the
    digest of the inputs (:meth:`publication`) names the files the glossary was made from
    without reading them again."""

    @classmethod
    def at(cls, root: Path, *, glossary_dir: Path | None = None, taxonomy_file: Path | None = None,
           articles_dir: Path | None = None, docs_dir: Path | None = None,
           cache: ReadCache | None = None, site_language: str | None = None) -> Project:
        """The project in ``root``: by default its ``glossary/``, its ``termbook.yml`` (a site
        without one declares nothing) and the articles' folder that file names.

        Its language is the one termbook.yml declares, else ``site_language`` (what the site's
        configuration gives its pages, ``theme.language``), else English."""
        taxonomy_file = taxonomy_file or root / CONFIG_FILE
        taxonomy, findings = read_taxonomy(taxonomy_file, root)
        if articles_dir is None and taxonomy is not None and taxonomy.articles:
            articles_dir = root / taxonomy.articles.dir
        language = (taxonomy and taxonomy.language) or site_language or DEFAULT_LANGUAGE
        return cls(root, glossary_dir or root / "glossary", taxonomy_file, taxonomy,
                   tuple(findings), articles_dir, docs_dir, cache, language,
                   events_dir(root, taxonomy) if taxonomy is not None else None)

    def entry_folders(self) -> list[Path]:
        """The folders of entries: the glossary's, the articles' and the events' when there
        are any."""
        return [self.glossary_dir, *([self.articles_dir] if self.articles_dir else []),
                *([self.events_dir] if self.events_dir else [])]

    def publication(self, title: str, *, site_url: str | None, directory_urls: bool,
                    licence: str | None) -> Publication:
        """The site of this project as published under ``title`` at ``site_url``: its data
        name the entries it is built from (their digest) and its language."""
        return Publication(title=title, inputs_digest=inputs_digest(self.root, self.entry_folders(),
                                                                    self.read_digests),
                           site_url=site_url, directory_urls=directory_urls,
                           language=self.language, licence=licence)


@dataclasses.dataclass
class LastRun:
    """What a preview keeps from one run to the next: after an edit, a run checks on its own
    and makes a term of only each file the edit changed, makes again only the term pages and
    data records whose content it changed, and compiles no validator again. Each run gives what a run from
    nothing gives; at 1,000 terms it takes half the time."""

    checked_files: CheckedFiles = dataclasses.field(default_factory=CheckedFiles)
    terms: KeptTerms = dataclasses.field(default_factory=KeptTerms)
    term_pages: TermPages = dataclasses.field(default_factory=TermPages)
    term_records: TermRecords = dataclasses.field(default_factory=TermRecords)
    scorecard: KeptScorecard = dataclasses.field(default_factory=KeptScorecard)


def check(project: Project, *, only: Iterable[Path] | None = None,
          today: datetime.date | None = None, report_unmentioned: bool = False,
          last_run: LastRun | None = None) -> tuple[Glossary | None, list[Finding]]:
    """Read and check every entry of ``project``; return the glossary (when it has no errors)
    and all findings, sorted.

    ``only`` limits the findings to those files, while still reading the others, since
    references need the whole glossary to be checked. With ``report_unmentioned``, each term
    that no definition, article or hand-written page mentions gets an information finding.
    A preview that checks again after each edit passes its :class:`LastRun`, which gives the
    same findings sooner.
    """
    findings = list(project.taxonomy_findings)
    taxonomy = project.taxonomy
    if taxonomy is None:  # nothing else can be checked against it
        return None, sorted(findings)
    term_files, seed_files, unreadable = _read_entries(project, taxonomy, findings)
    event_files = _read_events(project, taxonomy, findings)
    docs = read_docs(project.docs_dir, project.root, findings) if project.docs_dir else {}
    findings += check_files(term_files, seed_files, docs, today=today or datetime.date.today(),
                            taxonomy=taxonomy, language=project.language, unreadable=unreadable,
                            event_files=event_files,
                            kept=last_run.checked_files if last_run else None)
    # Decided before ``only`` filters the findings: an error in a file that was not asked
    # about still means the glossary cannot be built (its references may not resolve).
    has_errors = bool(errors_in(findings))
    wanted = None if only is None else {display_path(Path(p), project.root) for p in only}
    findings = [f for f in findings if wanted is None or f.path in wanted]
    if has_errors:
        return None, sorted(findings)
    valid_terms = [f for f in term_files if f.valid]
    glossary = Glossary(
        terms=(last_run.terms.of(valid_terms, taxonomy) if last_run
               else {f.id: term_from(f, taxonomy) for f in valid_terms}),
        articles={f.id: article_from(f) for f in seed_files if f.valid},
        taxonomy=taxonomy,
        timeline=Timeline(tuple(event_from(f) for f in event_files)),
    )
    if report_unmentioned:
        findings += [f for f in _unmentioned(glossary, valid_terms, docs)
                     if wanted is None or f.path in wanted]
    return glossary, sorted(findings)


def _read_entries(project: Project, taxonomy: Taxonomy, findings: list[Finding]
                  ) -> tuple[list[EntryFile], list[EntryFile], dict[str, str]]:
    """Every term and article file, parsed and schema-checked, and the entries that could not
    be read at all (id -> path)."""
    root, cache = project.root, project.cache
    unreadable: dict[str, str] = {}
    term_files = read_dir(project.glossary_dir, root, schema.TERM_SCHEMA, findings, taxonomy, cache,
                          unreadable, project.read_digests)
    seed_files = (read_dir(project.articles_dir, root, schema.SEED_SCHEMA, findings, taxonomy, cache,
                           digests=project.read_digests)
                  if project.articles_dir else [])
    if seed_files and not taxonomy.articles:
        findings.append(Finding(seed_files[0].display, 1, "(file)",
                                f"articles are not declared in {CONFIG_FILE}",
                                "declare them ('articles:' with 'dir' and 'stances'), or remove "
                                "the folder", "articles-not-declared"))
    return term_files, seed_files, unreadable


def _read_events(project: Project, taxonomy: Taxonomy, findings: list[Finding]) -> list[EntryFile]:
    """Every event file, parsed and schema-checked, when the site declares events."""
    if project.events_dir is None:
        return []
    return read_events(project.events_dir, project.root, findings, taxonomy, project.cache,
                       project.read_digests)


def after_check(project: Project, *, checking_again: bool = False) -> None:
    """What a command or front end does once it has checked ``project``, and the engine never
    does on its own: save the cache for the next run, and let go of the compiled entry
    validators (about 2 MB at a thousand terms, compiled again for the next read), unless it
    is ``checking_again`` soon, as a preview does after each edit."""
    if project.cache is not None:
        project.cache.save()
    if not checking_again:
        schema.release_validators()


def check_in_process(project: Project, *, last_run: LastRun | None = None,
                     **options: Any) -> tuple[Glossary | None, list[Finding]]:
    """:func:`check` as termbook's commands and front ends run it, owning the process: with
    the garbage collector paused (:func:`collector_paused`), then :func:`after_check`. A
    preview passes its :class:`LastRun`: it checks again after the next edit."""
    with collector_paused():
        checked = check(project, last_run=last_run, **options)
    after_check(project, checking_again=last_run is not None)
    return checked


def load(project: Project) -> Glossary:
    """The checked glossary of ``project``; raises :class:`GlossaryError` listing every error."""
    glossary, findings = check(project)
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
    """The other, small files by their path in the built site: the assets, the tooltips' data,
    the scorecard's data and the events' (:data:`termbook.layout.ASSETS`,
    :data:`~termbook.layout.TOOLTIP_DATA_PATH`, :func:`termbook.scorecard.scorecard_files`,
    :func:`termbook.export.event_files`)."""
    head_html: Mapping[str, str]
    """HTML for the head of generated pages (their JSON-LD), by docs path."""
    glossary: Glossary
    publication: Publication
    messages: Messages
    """The site's labels, in its language: for what a front end adds to pages ("Mentioned in")."""
    charts: Mapping[str, str] = dataclasses.field(default_factory=dict)
    """The HTML figure of each chart the site declares, by its id (see :meth:`written_out`)."""
    last_run: LastRun | None = None
    """What a preview keeps for its next run (see :class:`LastRun`)."""

    def written_out(self, markdown: str) -> str:
        """A hand-written page's Markdown with the lists of events and the charts it embeds
        written out; every front end calls this before converting the page, so that every
        front end shows the same."""
        return embed_charts(expand_events(markdown, self.glossary, self.messages), self.charts)

    def write_exports(self, folder: Path) -> None:
        """Write the data exports (:data:`termbook.export.EXPORT_PATHS`) into ``folder``."""
        write_exports(self.glossary, self.publication, folder,
                      self.last_run.term_records if self.last_run else None)

    def exports(self) -> dict[str, bytes]:
        """The data exports (:data:`termbook.export.EXPORT_PATHS`), by path in the site."""
        return export_files(self.glossary, self.publication,
                            self.last_run.term_records if self.last_run else None)


def generate(glossary: Glossary, publication: Publication, *,
             last_run: LastRun | None = None) -> SiteOutput:
    """Every generated page, asset and data file of the site, and its charts, without
    converting anything: the pages are Markdown, to be converted with
    :class:`termbook.linking.LinkerExtension` among the site's extensions. A pure function of
    its arguments; a preview passes its :class:`LastRun`, which makes the same pages and
    data files sooner."""
    messages = Messages(publication.language, glossary.taxonomy.labels)
    glossary.use_collation(Collation.of(publication.language))
    kept_scorecard = last_run.scorecard if last_run else None
    if kept_scorecard is not None:
        kept_scorecard.follow(glossary, publication)
    files = {**assets(publication.language, glossary.taxonomy.search.trailing_words),
             TOOLTIP_DATA_PATH: tooltip_data(glossary).encode("utf-8"),
             **scorecard_files(glossary, publication, kept_scorecard), **event_files(glossary)}
    return SiteOutput(render_pages(glossary, messages, last_run.term_pages if last_run else None)
                      + scorecard_pages(glossary, messages, kept_scorecard), files,
                      head_html(glossary, publication), glossary, publication, messages,
                      chart_figures(glossary, messages), last_run)
