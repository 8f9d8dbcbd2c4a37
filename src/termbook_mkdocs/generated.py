"""What termbook generates, handed to MkDocs: its assets in the theme's lists, its linker among
the Markdown extensions, its pages and files among the site's files (in memory, marked
``generated_by``), its inputs among the files ``mkdocs serve`` watches, and what the plugin
works out from MkDocs' configuration and pages for the engine (the project, where the site is
published)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from termbook import Glossary, Project, ReadCache, SiteOutput
from termbook.check import check_embeds
from termbook.export import EXPORT_PATHS, Publication
from termbook.findings import Finding
from termbook.layout import ASSETS, EARLY_SCRIPTS, GLOSSARY_DIR, article_path, term_path
from termbook.linking import Linker, LinkerExtension, PageLinks
from termbook.read import display_path

from .config import TermbookConfig
from .pages import GeneratedPage, RenderedFile, SharedConverter

if TYPE_CHECKING:  # only `mkdocs serve` loads the live-reload server: a build need not import it
    from mkdocs.livereload import LiveReloadServer


def register_assets(config: MkDocsConfig) -> None:
    """List termbook's styles and scripts in the configuration, each once. Material loads
    ``extra.polyfills`` in the head, before its own scripts, and the offline plugin lists the
    iframe-worker shim there; early scripts go after anything listed."""
    polyfills = config.extra.setdefault("polyfills", [])
    for path in ASSETS:
        if path in EARLY_SCRIPTS:
            if path not in polyfills:
                polyfills.append(path)
        elif path.endswith(".css") and path not in config.extra_css:
            config.extra_css.append(path)
        elif path.endswith(".js") and path not in map(str, config.extra_javascript):
            config.extra_javascript.append(path)


def add_linker(config: MkDocsConfig, glossary: Glossary, mode: str) -> tuple[Linker, LinkerExtension]:
    """The linker of ``glossary``'s mentions, and its Markdown extension, listed in the
    configuration: the one extension links every page, told which page it converts."""
    linker = Linker(glossary, mode=mode)
    links = linker.extension()
    # MkDocs types the list as names, but hands it to Markdown, which takes instances too.
    config.markdown_extensions.append(links)  # type: ignore[arg-type]
    return linker, links


def watch_inputs(server: LiveReloadServer, project: Project) -> None:
    """Have ``mkdocs serve`` rebuild the site when an entry or termbook.yml changes."""
    for watched in [*project.entry_folders(), project.taxonomy_file]:
        if watched.exists():
            server.watch(str(watched))


def add_output(files: Files, config: MkDocsConfig, output: SiteOutput, project: Project,
               converter: SharedConverter) -> list[File]:
    """Add every generated page and file to ``files``, its pages converted by ``converter``;
    a hand-written file at the same path stops the build. Returns the files added."""
    added = len(files)
    # A navigation the site writes itself (``nav``) lists the generated pages it wants, and
    # MkDocs places them; one it leaves out, such as the page of a scorecard declared later,
    # is no omission for the site's strict build to stop on. A navigation MkDocs makes from
    # the folders lists every page that is in the navigation.
    listed = InclusionLevel.NOT_IN_NAV if config.nav is not None else InclusionLevel.UNDEFINED
    for page in output.pages:
        _refuse_hand_written(files, config, page.path, "page")
        inclusion = listed if page.in_nav else InclusionLevel.NOT_IN_NAV
        file = RenderedFile.rendered(config, page.path, page.render, inclusion=inclusion)
        # Plugins read a page's source file, for its dates in git (rss, revision dates) or
        # its place: the entry the page is made from, or the folder of those it lists.
        file.abs_src_path = str(source_of(page.path, project, output.glossary))
        files.append(file)
        if not page.in_nav:  # pages in the navigation get their Page from the navigation
            GeneratedPage(file, config, converter)
    for path, content in output.files.items():
        _refuse_hand_written(files, config, path, "file")
        files.append(File.generated(config, path, content=content))
    # Written straight into the site as they are made (MkDocs then leaves a file whose source
    # is its destination where it is): held in memory, they would be the largest part of a
    # large glossary's build.
    for path in EXPORT_PATHS:
        _refuse_hand_written(files, config, path, "file")
    site_dir = Path(config.site_dir)
    output.write_exports(site_dir)
    for path in EXPORT_PATHS:
        files.append(File.generated(config, path, abs_src_path=str(site_dir / path)))
    return list(files)[added:]


def set_aside(files: Files, added: list[File]) -> Files:
    """``files`` without ``added`` (see :func:`put_back`). Files are compared by identity,
    in one pass: a glossary adds thousands of them."""
    ours = set(map(id, added))
    return Files([file for file in files if id(file) not in ours])


def put_back(files: Files, added: list[File]) -> Files:
    """``files`` with every one of ``added`` in it again."""
    present = set(map(id, files))
    for file in added:
        if id(file) not in present:
            files.append(file)
    return files


def source_of(page: str, project: Project, glossary: Glossary) -> Path:
    """The file a generated page is made from (its entry), or the folder of the entries it
    lists (the indexes, the scorecard's table)."""
    stem = page.rpartition("/")[2].removesuffix(".md")
    if stem in glossary.terms and page == term_path(stem):
        return project.glossary_dir / f"{stem}.yaml"
    if project.articles_dir is not None and page.startswith(article_path("")[:-len(".md")]):
        return project.articles_dir / (f"{stem}.yaml" if stem in glossary.articles else "")
    return project.glossary_dir


def _refuse_hand_written(files: Files, config: MkDocsConfig, path: str, kind: str) -> None:
    """Stop the build when docs/ holds a file at a path termbook generates."""
    existing = files.get_file_from_path(path)
    if existing is not None and existing.generated_by is None:
        raise PluginError(f"{config.docs_dir}/{path}: this {kind} is generated by termbook from "
                          "the glossary; remove the hand-written file")


def project_of(config: MkDocsConfig, options: TermbookConfig) -> Project:
    """The termbook project of the site: its folders as the plugin's options name them,
    relative to mkdocs.yml, and the language of its theme."""
    root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    return Project.at(
        root, glossary_dir=root / options.glossary_dir, taxonomy_file=root / options.config_file,
        cache=ReadCache.for_project(root) if options.cache else None,
        site_language=config.theme.get("language"))


def publication(config: MkDocsConfig, project: Project, hosted_directory_urls: bool,
                licence: str | None) -> Publication:
    """Where and how the site is published, for the data files and the head data.

    Absolute addresses name the hosted pages, so they keep the configured URL style even in a
    build that changes it (Material's offline plugin turns directory URLs off for reading from
    file://): a term keeps one identifier. Relative addresses must lead to the files of this
    build."""
    directory_urls = hosted_directory_urls if config.site_url else config.use_directory_urls
    return project.publication(config.site_name, site_url=config.site_url or None,
                               directory_urls=directory_urls, licence=licence)


def term_url(page: Page, config: MkDocsConfig) -> tuple[str, str]:
    """What goes before and after a term's id to make its page's URL from ``page``: term
    pages are at glossary/<id>/ (or glossary/<id>.html), so links get their final URL."""
    to_glossary = get_relative_url(GLOSSARY_DIR + "/", page.file.url)
    return ("" if to_glossary == "./" else to_glossary,
            "/" if config.use_directory_urls else ".html")


def embeds_written_out(markdown: str, page: Page, output: SiteOutput,
                       root: Path) -> tuple[str, list[Finding]]:
    """The Markdown of a hand-written page with the lists of events and the charts it embeds
    written out, and a finding for each embed that names what the site does not declare."""
    shown = display_path(Path(page.file.abs_src_path or page.file.src_uri), root)
    glossary = output.glossary
    return output.written_out(markdown), check_embeds(shown, markdown, set(glossary.terms),
                                                      glossary.taxonomy)


def unknown_links(linker: Linker, found: PageLinks, page: Page, root: Path) -> list[Finding]:
    """An error for each explicit link on ``page`` to a term that does not exist, at its line
    in the page's file."""
    if not found.unknown:
        return []
    source = Path(page.file.abs_src_path) if page.file.abs_src_path else None
    shown = display_path(source, root) if source else page.file.src_uri
    return linker.unknown_links(found, shown, page.file.content_string)
