"""The two sites built side by side from a synthetic project: *ours*, the glossary in YAML
built with the termbook plugin, and the *baseline*, the same pages written out as plain
Markdown and built with plain Material (same theme, Markdown extensions and navigation
shape, no termbook plugin)."""

from __future__ import annotations

import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from termbook import load
from termbook.layout import rel, term_path
from termbook.render import plain, render_pages
from termbook.export import Publication
from termbook.scorecard import scorecard_files, scorecard_pages

from . import synthetic
from .process import in_fresh_process

ROOT = synthetic.ROOT

def site_config(project_config: dict, *, with_termbook: bool, nav: list) -> dict:
    """The project's own theme, Markdown extensions, validation and plugins, with or without
    termbook, for a synthetic site."""
    config = {"site_name": "Benchmark", "site_url": "https://example.org/"}
    for key in ("theme", "markdown_extensions", "validation", "extra"):
        if key in project_config:
            config[key] = project_config[key]
    theme = config.get("theme")
    if isinstance(theme, dict) and "custom_dir" in theme:
        config["theme"] = {**theme, "custom_dir": str(ROOT / theme["custom_dir"])}
    plugins = [p for p in project_config.get("plugins", ["search"])
               if (next(iter(p)) if isinstance(p, dict) else p) != "termbook" or with_termbook]
    config["plugins"] = plugins
    config["nav"] = nav
    return config


def nav_for(project: Path, has_openness: bool) -> list:
    """The same navigation shape for both sites: guides and indexes, never term pages."""
    guides = [f"guides/{p.name}" for p in sorted((project / "docs" / "guides").glob("*.md"))]
    nav: list = [{"Home": "index.md"}, {"Guides": guides}]
    if has_openness:
        nav.append({"Openness table": "openness.md"})
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


def prepare(project: Path, project_config: dict) -> tuple[Path, Path, int]:
    """Write ``ours/mkdocs.yml`` and the plain-Markdown ``baseline/`` for a generated project.

    The baseline's Markdown is what termbook renders, written to files, with ``[[id]]`` links
    as ordinary links, so both sites hold the same pages; what differs is the work the plugin
    does and what its features add. Returns the two config files and the number of pages.
    """
    glossary = load(project / "glossary", project / "seeds", root=project)
    pages = render_pages(glossary) + scorecard_pages(glossary)
    has_openness = any(p.path == "openness.md" for p in pages)
    nav = nav_for(project, has_openness)

    ours = project / "mkdocs.yml"
    ours.write_text(yaml.safe_dump(site_config(project_config, with_termbook=True, nav=nav),
                                   sort_keys=False), encoding="utf-8")

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
        (baseline / "docs" / path).write_bytes(content)
    config = site_config(project_config, with_termbook=False, nav=nav)
    # Term and article pages are reachable from the indexes, not listed in the navigation.
    config["not_in_nav"] = "/glossary/*.md\n/sources/*.md\n"
    (baseline / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    guides = len(list((project / "docs").rglob("*.md")))
    return ours, baseline / "mkdocs.yml", len(pages) + guides


@dataclass
class Project:
    """A generated project of ``n`` terms: our site's and the baseline's configuration."""
    n: int
    folder: Path
    ours_config: Path
    baseline_config: Path
    pages: int


def make_project(n: int, work: Path) -> Project:
    """Generate and prepare the project of ``n`` terms in a process of its own. The builds are
    started from this process, and Linux counts a child's peak memory from the size of the
    process it was forked from: this one must stay as small as it started, not hold a glossary
    of 10,000 terms."""
    folder = work / str(n)
    print(f"N={n}: generating...", file=sys.stderr, flush=True)
    ours, baseline, pages = in_fresh_process(generate_and_prepare, folder, n)
    return Project(n, folder, ours, baseline, pages)


def generate_and_prepare(folder: Path, n: int) -> tuple[Path, Path, int]:
    """Write the project of ``n`` terms into ``folder`` with both sites' configuration; see
    :func:`prepare`."""
    project_config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    synthetic.generate(folder, n)
    return prepare(folder, project_config)
