"""``termbook zensical build`` and ``termbook zensical serve``, as the command line runs them."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from termbook.characters import printable
from termbook.output_folder import FolderRefused, protected
from termbook.siteconfig import SiteConfigError

from .build import build
from .serve import serve
from .site import EXIT_USAGE, zensical_site


def run(action: str, config_file: Path, *, site_dir: Path | None = None,
        serve_args: Sequence[str] = ()) -> int:
    """Build (``action`` "build") or preview ("serve") the site ``config_file`` configures."""
    if not config_file.is_file():
        _error(f"no Zensical configuration at '{config_file}' (termbook init writes one: it "
               "inherits mkdocs.yml and names the folder the pages are written to)")
        return EXIT_USAGE
    try:
        site = zensical_site(config_file)
        if action == "serve":
            return serve(site, serve_args)
        target = (site_dir or site.site_dir).resolve()
        sources = [*site.settings.sources(), ("the generated pages", site.generated_dir)]
        if problem := protected(target, site.project_dir, sources):
            raise FolderRefused(f"-d: {problem}")
        return build(site, target)
    except (SiteConfigError, FolderRefused) as problem:
        _error(str(problem))
        return EXIT_USAGE


def _error(message: str) -> None:
    print(f"termbook: error: {printable(message)}", file=sys.stderr)
