"""Build the site with Zensical into a fresh folder and swap it in only when the build succeeds.

``python -m termbook_zensical.build [-f zensical.yml] [-d site-zensical]``

Zensical runs Markdown extensions but no MkDocs plugins, so the pages termbook generates
are written first (``termbook generate``, into the ``docs_dir`` of ``zensical.yml``, from the
MkDocs configuration it inherits), then Zensical builds that folder. As with the MkDocs
build, bad data or a failed build leaves the previously built site exactly as it was.

Zensical only writes a site inside the project folder, so the new site is built there, next
to a one-line configuration that inherits ``zensical.yml`` and names the staging folder;
it is moved to its place (``-d``, or the configuration's ``site_dir``) once it is complete.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from termbook.characters import printable
from termbook.cli import EXIT_BAD_DATA, EXIT_USAGE
from termbook.findings import ERROR, errors_in
from termbook.layout import ASSETS, EARLY_SCRIPTS
from termbook.output_folder import FolderRefused, protected, replaceable
from termbook.site_folder import Generator, SettingsError, read_settings
from termbook_mkdocs.build import swap_in


def zensical_settings(config_file: Path) -> tuple[Path, Path, Path]:
    """The MkDocs configuration that ``config_file`` inherits (the end of its chain of
    INHERIT), the folder Zensical builds (``docs_dir``) and the site folder (``site_dir``),
    each from the nearest file in the chain that sets it."""
    found: dict[str, Path] = {}
    listed: dict[str, list] = {}  # the asset lists, from the nearest file that sets each
    current, seen = config_file, set()
    while True:
        config = yaml.safe_load(current.read_text(encoding="utf-8")) or {}
        for key in ("docs_dir", "site_dir"):
            if key in config and key not in found:
                found[key] = current.parent / config[key]
        lists = {"extra_css": config.get("extra_css"), "extra_javascript": config.get("extra_javascript"),
                 "extra.polyfills": (config.get("extra") or {}).get("polyfills")}
        for key, value in lists.items():
            if value is not None:
                listed.setdefault(key, value)
        seen.add(current)
        if "INHERIT" not in config:
            break
        current = (current.parent / config["INHERIT"]).resolve()
        if current in seen or not current.is_file():
            raise SettingsError(f"{config_file}: INHERIT leads to {current}, which "
                                f"{'is inherited twice' if current in seen else 'does not exist'}")
    if current == config_file or "docs_dir" not in found:
        raise SettingsError(f"{config_file}: needs INHERIT (the MkDocs configuration with the "
                            "termbook plugin's settings) and docs_dir (where the pages are "
                            "generated)")
    _check_assets(config_file, listed)
    return current, found["docs_dir"], found.get("site_dir", config_file.parent / "site")


def _check_assets(config_file: Path, listed: dict[str, list]) -> None:
    """Zensical loads only the styles and scripts its configuration lists (no plugin adds
    them, as the termbook plugin does for MkDocs): refuse one that leaves out termbook's, or
    tooltips, search by name or the openness table would silently not work."""
    def paths(key: str) -> set[str]:
        return {str(item.get("path") if isinstance(item, dict) else item) for item in listed.get(key) or []}

    where = {path: ("extra.polyfills" if path in EARLY_SCRIPTS else
                    "extra_css" if path.endswith(".css") else "extra_javascript") for path in ASSETS}
    missing = [(key, path) for path, key in where.items()
               if path not in paths(key) and not (key == "extra_javascript" and path in paths("extra.polyfills"))]
    if missing:
        raise SettingsError("; ".join(f"{config_file}: {key} must list {path}" for key, path in missing)
                            + " (Zensical loads only the files its configuration lists); add "
                            + ("them" if len(missing) > 1 else "it"))


def generate(config_file: Path) -> int:
    """Write the generated pages where ``config_file`` builds them from; 0 when it worked.
    Raises :class:`~termbook.output_folder.FolderRefused` when that folder is not one to
    write."""
    mkdocs_config, docs_dir, _ = zensical_settings(config_file)
    result = Generator(read_settings(mkdocs_config), docs_dir).run()
    for finding in result.findings:
        print(finding if finding.severity == ERROR else f"{finding} [{finding.severity}]")
    if result.changes is None:
        print(f"termbook: {len(errors_in(result.findings))} problem(s) in the glossary data; "
              "fix them (see the lines above) and build again", file=sys.stderr)
        return EXIT_BAD_DATA
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m termbook_zensical.build",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", default="zensical.yml")
    parser.add_argument("-d", "--site-dir")
    args = parser.parse_args(argv)

    config_file = Path(args.config_file).resolve()
    if not config_file.is_file():
        parser.error(printable(f"no configuration file at {args.config_file}"))
    project = config_file.parent
    try:
        mkdocs_config, docs_dir, site_dir = zensical_settings(config_file)
        target = Path(args.site_dir).resolve() if args.site_dir else site_dir.resolve()
        sources = [*read_settings(mkdocs_config).sources(), ("the generated pages", docs_dir)]
        if problem := protected(target, project, sources):
            raise FolderRefused(f"-d: {problem}")
        status = generate(config_file)
    except (SettingsError, FolderRefused) as problem:
        print(f"termbook: error: {printable(str(problem))}", file=sys.stderr)
        return EXIT_USAGE
    if status != 0:
        print(printable(f"Build failed; the previous site in {target} is unchanged."), file=sys.stderr)
        return status

    for leftover in project.glob(".zensical-build-*"):  # from an interrupted build
        shutil.rmtree(leftover, ignore_errors=True) if leftover.is_dir() else leftover.unlink()
    staging = Path(tempfile.mkdtemp(prefix=".zensical-build-", dir=project))
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must be able to read it
    staging_config = staging.with_name(staging.name + ".yml")
    staging_config.write_text(f"INHERIT: {config_file.name}\nsite_dir: {staging.name}\n",
                              encoding="utf-8")
    try:
        # --clean: a page's links depend on the whole glossary, not only on its own text,
        # which is all Zensical's cache looks at.
        result = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "--clean",
                                 "-f", str(staging_config)], cwd=project)
        if result.returncode != 0:
            print(printable(f"Build failed; the previous site in {target} is unchanged."), file=sys.stderr)
            return result.returncode
        if problem := replaceable(target, staging):
            print(f"termbook: error: -d: {printable(problem)}; the site there is unchanged",
                  file=sys.stderr)
            return EXIT_USAGE
        target.parent.mkdir(parents=True, exist_ok=True)
        if os.stat(target.parent).st_dev != os.stat(project).st_dev:
            moved = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
            shutil.rmtree(moved)
            shutil.copytree(staging, moved)
            shutil.rmtree(staging)
            staging = moved
        swap_in(staging, target)
    finally:
        staging_config.unlink(missing_ok=True)
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    print(printable(f"Site built in {target}"), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
