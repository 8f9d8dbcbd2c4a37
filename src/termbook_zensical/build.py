"""``termbook zensical build``: the site built with Zensical, put in place only when the build
succeeds.

Zensical runs Markdown extensions but no MkDocs plugins, so the pages termbook generates are
written first (``termbook generate``, into the ``docs_dir`` of ``zensical.yml``, from the
MkDocs configuration it inherits), then Zensical builds that folder, then the head data of
the generated pages is added to the built pages (:func:`termbook.additions.add_to_head`, as
the MkDocs plugin adds it). As with the MkDocs build, bad data or a failed build leaves the
previously built site exactly as it was (:mod:`termbook.sitedir`).

Zensical only writes a site inside the project folder, so the new site is built there,
through a short configuration that inherits ``zensical.yml`` (:mod:`.site`), and moved to
its place (``-d``, or the configuration's ``site_dir``) once it is complete.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from termbook.additions import add_to_head
from termbook.characters import printable
from termbook.findings import ERROR, errors_in
from termbook.layout import site_path
from termbook.output_folder import replaceable
from termbook.site_folder import Generator
from termbook.sitedir import staging_folder, swap_in

from .site import EXIT_BAD_DATA, EXIT_USAGE, ZensicalSite, zensical_config


def generate(site: ZensicalSite) -> Mapping[str, str] | None:
    """Write the generated pages where Zensical builds them from; return the head HTML of the
    generated pages, or None after printing the problems that stopped it."""
    result = Generator(site.settings, site.generated_dir).run()
    for finding in result.findings:
        print(finding if finding.severity == ERROR else f"{finding} [{finding.severity}]")
    if result.changes is None:
        print(f"termbook: {len(errors_in(result.findings))} problem(s) in the glossary data; "
              "fix them (see the lines above) and build again", file=sys.stderr)
        return None
    return result.head_html


def build(site: ZensicalSite, target: Path) -> int:
    """Build ``site`` into ``target``; 0 when it worked."""
    head_html = generate(site)
    if head_html is None:
        print(printable(f"Build failed; the previous site in {target} is unchanged."), file=sys.stderr)
        return EXIT_BAD_DATA
    staging = staging_folder(target, beside=site.project_dir)
    try:
        with zensical_config(site, site_dir=staging) as config:
            # --clean: a page's links depend on the whole glossary, not only on its own text,
            # which is all Zensical's cache looks at.
            result = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict",
                                     "--clean", "-f", str(config)], cwd=site.project_dir,
                                    env={**os.environ, "PYTHONUNBUFFERED": "1"})
        if result.returncode != 0:
            print(printable(f"Build failed; the previous site in {target} is unchanged."), file=sys.stderr)
            return result.returncode
        if problem := replaceable(target, staging):
            print(f"termbook: error: -d: {printable(problem)}; the site there is unchanged",
                  file=sys.stderr)
            return EXIT_USAGE
        for path, head in head_html.items():
            built = _built_page(staging, path)
            built.write_text(add_to_head(built.read_text(encoding="utf-8"), head), encoding="utf-8")
        swap_in(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    print(printable(f"Site built in {target}"), file=sys.stderr)
    return 0


def _built_page(site_dir: Path, page: str) -> Path:
    """The HTML file Zensical built for the page at docs path ``page``, with directory URLs
    or without (its offline plugin turns them off)."""
    folder_style = site_dir / site_path(page) / "index.html"
    return folder_style if folder_style.is_file() else site_dir / site_path(page, directory_urls=False)
