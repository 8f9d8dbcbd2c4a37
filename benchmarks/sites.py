"""The two sites built side by side from a synthetic project: *ours*, the glossary in YAML
built with the termbook plugin, and the *baseline*, the same pages written out as plain
Markdown and built with plain Material (same theme, Markdown extensions and navigation
shape, no termbook plugin). Each site has a configuration file for each site generator:
``mkdocs.yml``, and ``zensical.yml`` on top of it."""

from __future__ import annotations

import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

import termbook
from termbook.export import Publication
from termbook.layout import ASSETS, rel, term_path
from termbook.render import plain, render_pages
from termbook.scorecard import scorecard_files, scorecard_pages

from . import synthetic
from .process import in_fresh_process

ROOT = synthetic.ROOT


def repository_config(name: str) -> dict:
    """The repository's own configuration file ``name`` (``mkdocs.yml``, ``zensical.yml``)."""
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


def _name(entry: str | dict) -> str:
    """The name of a plugin or Markdown extension as a configuration lists it: alone, or as
    the key of its settings."""
    return next(iter(entry)) if isinstance(entry, dict) else entry


def _theme(config: dict) -> dict:
    """``config`` with its theme's own templates (``custom_dir``) found in the repository,
    from a site that is elsewhere."""
    theme = config.get("theme")
    if isinstance(theme, dict) and "custom_dir" in theme:
        return {**config, "theme": {**theme, "custom_dir": str(ROOT / theme["custom_dir"])}}
    return config


def site_config(project_config: dict, *, with_termbook: bool, nav: list) -> dict:
    """The project's own theme, Markdown extensions, validation and plugins, with or without
    termbook, for a synthetic site."""
    config = {"site_name": "Benchmark", "site_url": "https://example.org/"}
    for key in ("theme", "markdown_extensions", "validation", "extra"):
        if key in project_config:
            config[key] = project_config[key]
    plugins = [p for p in project_config.get("plugins", ["search"])
               if _name(p) != "termbook" or with_termbook]
    config["plugins"] = plugins
    config["nav"] = nav
    return _theme(config)


def zensical_config(project_config: dict, *, with_termbook: bool) -> dict:
    """The project's ``zensical.yml`` for a synthetic site, on top of that site's
    ``mkdocs.yml`` (which it inherits). Without termbook, Zensical builds the plain Markdown in
    ``docs/`` with the same theme and Markdown extensions, less termbook's extension and the
    files termbook writes (its styles and scripts)."""
    config = _theme(project_config)
    if with_termbook:
        return config
    config = {**config, "docs_dir": "docs"}
    extensions = [e for e in config.pop("markdown_extensions", [])
                  if _name(e) != "termbook_zensical.extension"]
    if extensions:
        config["markdown_extensions"] = extensions
    for key in ("extra_css", "extra_javascript"):
        if key in config:
            config[key] = [path for path in config[key] if path not in ASSETS]
    if "polyfills" in config.get("extra", {}):
        config["extra"] = {**config["extra"], "polyfills": [
            path for path in config["extra"]["polyfills"] if path not in ASSETS]}
    return config


def nav_for(project: Path, scorecard_page: str | None) -> list:
    """The same navigation shape for both sites: guides and indexes, never term pages; the
    scorecard's page, when there is one."""
    guides = [f"guides/{p.name}" for p in sorted((project / "docs" / "guides").glob("*.md"))]
    nav: list = [{"Home": "index.md"}, {"Guides": guides}]
    if scorecard_page:
        nav.append({"Openness table": scorecard_page})
    nav += [{"Glossary": ["glossary/index.md", "glossary/categories.md"]},
            {"Sources": "sources/index.md"}]
    return nav


# The [[id]] and [[id|text]] links that definitions() writes.
_EXPLICIT_LINK = re.compile(r"\[\[([a-z0-9-]+)(?:\|([^\[\]\n]+))?\]\]")


def plain_links(markdown: str, page: str, names: dict[str, str]) -> str:
    """``markdown`` with each ``[[id]]`` or ``[[id|text]]`` written as the ordinary link to the
    term's page that a writer without termbook would type."""
    return _EXPLICIT_LINK.sub(lambda m: f"[{m.group(2) or plain(names[m.group(1)])}]"
                                        f"({rel(page, term_path(m.group(1)))})", markdown)


#: The site generators, each with its configuration file in a site's folder.
CONFIG_FILES = {"mkdocs": "mkdocs.yml", "zensical": "zensical.yml"}

Configs = dict[str, dict[str, Path]]
"""Each site's configuration file for each site generator: {"ours"|"baseline": {generator: file}}."""


def prepare(project: Path) -> tuple[Configs, int]:
    """Write our site's configuration and the plain-Markdown ``baseline/`` for a generated
    project, each site with a configuration file for each generator (:data:`CONFIG_FILES`),
    made from the repository's own.

    The baseline's Markdown is what termbook renders, written to files, with ``[[id]]`` links
    as ordinary links, so both sites hold the same pages; what differs is the work the plugin
    does and what its features add. Returns the configuration files and the number of pages.
    """
    project_config = repository_config(CONFIG_FILES["mkdocs"])
    glossary = termbook.load(termbook.Project.at(project))
    scorecard = scorecard_pages(glossary)
    pages = render_pages(glossary) + scorecard
    nav = nav_for(project, scorecard[0].path if scorecard else None)

    _write_config(project / CONFIG_FILES["mkdocs"],
                  site_config(project_config, with_termbook=True, nav=nav))

    baseline = project / "baseline"
    if baseline.exists():
        shutil.rmtree(baseline)
    shutil.copytree(project / "docs", baseline / "docs")
    names = {term.id: term.term for term in glossary.terms.values()}
    for page in pages:
        target = baseline / "docs" / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(plain_links(page.markdown, page.path, names), encoding="utf-8")
    # The openness table links its ratings as data files: a plain site publishes them too.
    publication = Publication("Benchmark", "sha256:" + "0" * 64, site_url="https://example.org/")
    for path, content in scorecard_files(glossary, publication).items():
        (baseline / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (baseline / "docs" / path).write_bytes(content)
    config = site_config(project_config, with_termbook=False, nav=nav)
    # Term and article pages are reachable from the indexes, not listed in the navigation.
    config["not_in_nav"] = "/glossary/*.md\n/sources/*.md\n"
    _write_config(baseline / CONFIG_FILES["mkdocs"], config)

    repository_zensical = repository_config(CONFIG_FILES["zensical"])
    for folder, with_termbook in ((project, True), (baseline, False)):
        _write_config(folder / CONFIG_FILES["zensical"],
                      zensical_config(repository_zensical, with_termbook=with_termbook))
    guides = len(list((project / "docs").rglob("*.md")))
    configs = {side: {generator: folder / name for generator, name in CONFIG_FILES.items()}
               for side, folder in (("ours", project), ("baseline", baseline))}
    return configs, len(pages) + guides


def _write_config(path: Path, config: dict) -> None:
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


@dataclass
class Project:
    """A generated project of ``n`` terms: each site's configuration file for each site
    generator (see :data:`Configs`)."""
    n: int
    folder: Path
    configs: Configs
    pages: int


def make_project(n: int, work: Path) -> Project:
    """Generate and prepare the project of ``n`` terms in a process of its own. The builds are
    started from this process, and Linux counts a child's peak memory from the size of the
    process it was forked from: this one must stay as small as it started, not hold a glossary
    of 10,000 terms."""
    folder = work / str(n)
    print(f"N={n}: generating...", file=sys.stderr, flush=True)
    configs, pages = in_fresh_process(generate_and_prepare, folder, n)
    return Project(n, folder, configs, pages)


def generate_and_prepare(folder: Path, n: int) -> tuple[Configs, int]:
    """Write the project of ``n`` terms into ``folder`` with both sites' configuration; see
    :func:`prepare`."""
    synthetic.generate(folder, n)
    return prepare(folder)
