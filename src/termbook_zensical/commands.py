"""``termbook zensical build`` and ``termbook zensical serve``, as the command line runs them."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from termbook.site_folder import read_settings
from termbook.siteconfig import SiteConfigError
from termbook.sitedir import overlap

from .build import build
from .serve import serve
from .site import EXIT_USAGE, zensical_site


def run(action: str, config_file: Path, *, site_dir: Path | None = None,
        serve_args: Sequence[str] = ()) -> int:
    """Build (``action`` "build") or preview ("serve") the site ``config_file`` configures."""
    if not config_file.is_file():
        print(f"termbook: error: no Zensical configuration at '{config_file}' (termbook init "
              "writes one: it inherits mkdocs.yml and names the folder the pages are written to)",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        site = zensical_site(config_file)
    except SiteConfigError as problem:
        print(f"termbook: error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    if action == "serve":
        return serve(site, serve_args)
    target = (site_dir or site.site_dir).resolve()
    settings = read_settings(site.mkdocs_config)
    kept = overlap(target, site.project_dir, [settings.docs_dir, site.generated_dir,
                                              *settings.project().entry_folders()])
    if kept is not None:
        print(f"termbook: error: the site cannot go into '{target}': it would replace or be "
              f"written into {kept}, which the build reads; choose another folder with -d",
              file=sys.stderr)
        return EXIT_USAGE
    return build(site, target)
