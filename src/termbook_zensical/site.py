"""What the Zensical front end reads from ``zensical.yml``, and the configuration it runs
Zensical with.

``zensical.yml`` inherits the MkDocs configuration (``INHERIT: mkdocs.yml``), where the
termbook plugin's settings and the hand-written pages are, and names in ``docs_dir`` the
folder termbook writes the whole site into. Both files are read by the one reader of site
configurations (:mod:`termbook.siteconfig`), each as its site generator reads it.

Zensical loads only the Markdown extensions, styles and scripts its configuration lists,
and no plugin adds them as the termbook plugin does for MkDocs. So Zensical runs with a short
configuration that inherits ``zensical.yml`` and adds whichever of termbook's it leaves out
(:func:`zensical_config`): a ``zensical.yml`` that lists none of them builds the same site
as one that lists them all.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from termbook.layout import ASSETS, EARLY_SCRIPTS
from termbook.site_folder import Settings, settings_of
from termbook.siteconfig import MKDOCS, ZENSICAL, SiteConfigError, read_site_config

EXIT_BAD_DATA, EXIT_USAGE = 1, 2
#: How the configurations Zensical runs with are named, next to ``zensical.yml``.
CONFIG_PREFIX = ".zensical-build-"
#: termbook's Markdown extension, as a configuration names it.
EXTENSION = "termbook_zensical.extension"


@dataclasses.dataclass(frozen=True)
class ZensicalSite:
    config_file: Path
    """``zensical.yml``."""
    mkdocs_config: Path
    """The MkDocs configuration it inherits (the end of its chain of INHERIT)."""
    settings: Settings
    """What generating the pages reads from that configuration."""
    generated_dir: Path
    """Where termbook writes the site for Zensical: ``zensical.yml``'s ``docs_dir``."""
    site_dir: Path
    additions: dict[str, Any]
    """What the configuration Zensical runs with adds to ``zensical.yml``."""

    @property
    def project_dir(self) -> Path:
        return self.config_file.parent


def zensical_site(config_file: Path) -> ZensicalSite:
    """The site ``config_file`` configures; :class:`SiteConfigError` when it cannot be built."""
    config = read_site_config(config_file, lists=ZENSICAL)
    if len(config.chain) < 2:
        raise SiteConfigError(f"{config.path}: needs 'INHERIT: mkdocs.yml', the MkDocs "
                              "configuration with the termbook plugin's settings and the pages")
    mkdocs = read_site_config(config.chain[-1], lists=MKDOCS)
    generated, pages = config.docs_dir.resolve(), mkdocs.docs_dir.resolve()
    if generated == pages or pages in generated.parents or generated in pages.parents:
        raise SiteConfigError(
            f"{config.path}: docs_dir: must name a folder of its own for the pages termbook "
            f"generates (e.g. build/zensical-docs), apart from the hand-written pages in {pages}")
    return ZensicalSite(config.path, mkdocs.path, settings_of(mkdocs), generated,
                        config.folder("site_dir", "site"),
                        additions(config.data, config.markdown_extensions()[0]))


def additions(settings: Mapping[str, Any], extensions: list[Any]) -> dict[str, Any]:
    """termbook's Markdown extension, styles and scripts that a Zensical configuration
    (``settings``, with its Markdown ``extensions``) does not list."""
    def listed(items: Any) -> set[str]:
        return {str(item.get("path") if isinstance(item, Mapping) else item) for item in items or []}

    extra = settings.get("extra") or {}
    polyfills = listed(extra.get("polyfills"))
    additions: dict[str, Any] = {}
    if EXTENSION not in extensions:
        additions["markdown_extensions"] = [EXTENSION]
    for path in ASSETS:
        key = ("polyfills" if path in EARLY_SCRIPTS else
               "extra_css" if path.endswith(".css") else "extra_javascript")
        known = polyfills if key == "polyfills" else listed(settings.get(key)) | polyfills
        if path not in known:
            additions.setdefault(key, []).append(path)
    if "polyfills" in additions:
        additions["extra"] = {"polyfills": additions.pop("polyfills")}
    return additions


@contextlib.contextmanager
def zensical_config(site: ZensicalSite, *, site_dir: Path | None = None) -> Iterator[Path]:
    """A configuration for Zensical to run with, while the block runs: ``zensical.yml``, and
    what :attr:`ZensicalSite.additions` adds (and ``site_dir`` when given). It is written
    next to ``zensical.yml``, since Zensical reads paths relative to its configuration."""
    settings: dict[str, Any] = {"INHERIT": site.config_file.name, **site.additions}
    if site_dir is not None:
        settings["site_dir"] = site_dir.relative_to(site.project_dir).as_posix()
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".yml", prefix=CONFIG_PREFIX,
                                     dir=site.project_dir, delete=False) as file:
        file.write("# Written by termbook for one run of Zensical; removed after it.\n")
        file.write(json.dumps(settings, indent=2) + "\n")  # JSON is YAML
    try:
        yield Path(file.name)
    finally:
        Path(file.name).unlink(missing_ok=True)
