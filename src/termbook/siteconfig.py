"""The site's configuration (``mkdocs.yml``, ``zensical.yml``) as every front end and command
reads it: one reader, which takes the file as MkDocs or Zensical would.

It follows ``INHERIT`` (MkDocs replaces inherited lists, Zensical extends them: see
:data:`MKDOCS` and :data:`ZENSICAL`), reads ``!ENV`` as MkDocs does (the same
``pyyaml-env-tag``), ``!relative`` as a path that names its folder when it is used, and
``!!python/name:module.attribute`` as the object it names, imported, which is what Material's
own documentation puts in ``markdown_extensions`` (the emoji index and generator): the
Markdown converter gets the same options as under MkDocs. Any other ``!!python/...`` tag, a
file that is not YAML or not a mapping, and an ``INHERIT`` that leads nowhere is a
:class:`SiteConfigError` that names the file and the line.

Nothing here imports MkDocs or Zensical; a tag names a module only when the site names it.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
import yaml_env_tag

#: The MkDocs configuration of a project, in its root folder.
MKDOCS_CONFIG = "mkdocs.yml"
#: How an inherited file's lists are merged, as each site generator merges them.
MKDOCS, ZENSICAL = "replace", "extend"

_PYTHON_NAME = "tag:yaml.org,2002:python/name:"


class SiteConfigError(Exception):
    """The configuration cannot be used; the message says where and why."""


@dataclasses.dataclass
class _Folders:
    """What ``!relative`` paths are relative to: set once the configuration is read (the
    docs folder) and while a page is converted (its folder)."""

    config_dir: Path
    docs_dir: Path | None = None
    page_dir: Path | None = None


class RelativePath(os.PathLike[str]):
    """A ``!relative`` path: ``$config_dir/...``, ``$docs_dir/...`` or, bare, the folder of the
    page being converted, as MkDocs resolves it when an extension uses it."""

    def __init__(self, folders: _Folders, base: str, suffix: str) -> None:
        self._folders, self._base, self._suffix = folders, base, suffix

    def __fspath__(self) -> str:
        folders = self._folders
        base = {"$config_dir": folders.config_dir, "$docs_dir": folders.docs_dir,
                "": folders.page_dir}[self._base]
        if base is None:
            raise SiteConfigError(f"'!relative {self._base}' is used outside a page's conversion")
        return os.path.join(base, self._suffix)

    def __str__(self) -> str:
        return self.__fspath__()


def _loader(folders: _Folders, import_names: bool) -> type[yaml.SafeLoader]:
    class Loader(yaml.SafeLoader):
        """YAML with the tags MkDocs reads in its configuration."""

    def relative(loader: yaml.SafeLoader, node: yaml.Node) -> RelativePath:
        value = str(loader.construct_scalar(node) or "")  # type: ignore[arg-type]
        base, _, suffix = value.partition("/")
        if base not in ("$config_dir", "$docs_dir"):
            if value:
                raise yaml.constructor.ConstructorError(
                    None, None, f"'!relative' takes nothing, $config_dir or $docs_dir, not {value!r}",
                    node.start_mark)
            base, suffix = "", ""
        return RelativePath(folders, base, suffix)

    def python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
        if not import_names:
            return f"!!python/name:{suffix}"
        module, _, name = suffix.rpartition(".")
        try:
            return getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError, ValueError) as problem:
            raise yaml.constructor.ConstructorError(
                None, None, f"!!python/name:{suffix} cannot be imported ({problem})",
                node.start_mark) from None

    def other_python(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
        raise yaml.constructor.ConstructorError(
            None, None, f"!!python/{suffix} is not read: only !!python/name: tags (as Material's "
            "documentation uses them) name Python objects here", node.start_mark)

    Loader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)
    Loader.add_constructor("!relative", relative)
    Loader.add_multi_constructor(_PYTHON_NAME, python_name)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", other_python)
    return Loader


@dataclasses.dataclass(frozen=True)
class SiteConfig:
    """One site configuration, with everything it inherits merged in."""

    path: Path
    """The file read (absolute)."""
    data: Mapping[str, Any]
    chain: tuple[Path, ...]
    """The file, then each file it inherits, nearest first."""
    _folders: _Folders = dataclasses.field(repr=False, compare=False)

    @property
    def project_dir(self) -> Path:
        """The folder of the file: relative paths in it start there."""
        return self.path.parent

    def folder(self, key: str, default: str) -> Path:
        """A folder setting (``docs_dir``, ``site_dir``), as an absolute path."""
        return self.project_dir / str(self.data.get(key) or default)

    @property
    def docs_dir(self) -> Path:
        return self.folder("docs_dir", "docs")

    @property
    def theme_language(self) -> str | None:
        """``theme.language``, the language of the site's pages, when it names one."""
        theme = self.data.get("theme")
        language = theme.get("language") if isinstance(theme, Mapping) else None
        return str(language) if language else None

    def plugin_options(self, name: str) -> dict[str, Any] | None:
        """The options of the plugin ``name`` ({} when it has none); None when it is not
        listed."""
        plugins = self.data.get("plugins") or []
        items = plugins.items() if isinstance(plugins, Mapping) else (
            next(iter(p.items())) if isinstance(p, Mapping) else (p, None) for p in plugins)
        for plugin, options in items:
            if plugin == name:
                return dict(options or {})
        return None

    def markdown_extensions(self) -> tuple[list[Any], dict[str, dict[str, Any]]]:
        """The Markdown extensions and their options, as MkDocs hands them to Python-Markdown."""
        listed = self.data.get("markdown_extensions") or []
        items = listed.items() if isinstance(listed, Mapping) else (
            next(iter(e.items())) if isinstance(e, Mapping) else (e, None) for e in listed)
        names: list[Any] = []
        options: dict[str, dict[str, Any]] = {}
        for name, settings in items:
            if name not in names:
                names.append(name)
            if isinstance(settings, Mapping):
                options[str(name)] = dict(settings)
        return names, options

    def converting(self, page: Path | None) -> None:
        """Say which page is converted next (``!relative`` names its folder)."""
        self._folders.page_dir = page.parent if page is not None else None


def read_site_config(path: Path, *, lists: str = MKDOCS, import_names: bool = True) -> SiteConfig:
    """The configuration in ``path`` with what it inherits; ``lists`` says how inherited lists
    merge (:data:`MKDOCS` or :data:`ZENSICAL`). Without ``import_names``, a
    ``!!python/name:`` tag is read as its own text, for a reader that uses no setting that
    holds one."""
    path = path.resolve()
    folders = _Folders(path.parent)
    loader = _loader(folders, import_names)
    chain: list[Path] = []
    layers: list[dict[str, Any]] = []
    current: Path | None = path
    while current is not None:
        chain.append(current)
        data = _load(current, loader)
        inherit = data.pop("INHERIT", None)
        layers.append(data)
        current = None
        if inherit is not None:
            current = (chain[-1].parent / str(inherit)).resolve()
            if current in chain or not current.is_file():
                why = "which is inherited twice" if current in chain else "which does not exist"
                raise SiteConfigError(f"{chain[-1]}: INHERIT: leads to {current}, {why}")
    merged: dict[str, Any] = {}
    for layer in reversed(layers):
        merged = _merge(merged, layer, extend=lists == ZENSICAL)
    config = SiteConfig(path, merged, tuple(chain), folders)
    folders.docs_dir = config.docs_dir
    return config


def theme_language_at(root: Path) -> str | None:
    """``theme.language`` of the MkDocs configuration in ``root`` (:data:`MKDOCS_CONFIG`), or
    None when it has none or there is none: the site's language for the commands that read
    nothing else of the configuration. Its ``!!python/name`` tags are not imported, so a
    site's emoji settings need no Material where only termbook is installed."""
    config_file = root / MKDOCS_CONFIG
    if not config_file.is_file():
        return None
    return read_site_config(config_file, import_names=False).theme_language


def _load(path: Path, loader: type[yaml.SafeLoader]) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (a SafeLoader)
    except (OSError, UnicodeDecodeError) as problem:
        raise SiteConfigError(f"{path}: cannot be read ({problem})") from None
    except yaml.MarkedYAMLError as problem:
        mark = problem.problem_mark or problem.context_mark
        line = f":{mark.line + 1}" if mark else ""
        raise SiteConfigError(f"{path}{line}: {problem.problem or problem.context}") from None
    except yaml.YAMLError as problem:
        raise SiteConfigError(f"{path}: {problem}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SiteConfigError(f"{path}:1: the configuration must be a mapping of settings")
    return data


def _merge(base: dict[str, Any], layer: Mapping[str, Any], *, extend: bool) -> dict[str, Any]:
    """``layer`` over ``base``: mappings merge key by key; lists replace (MkDocs) or extend
    (Zensical) the inherited list; anything else replaces."""
    merged = dict(base)
    for key, value in layer.items():
        old = merged.get(key)
        if isinstance(old, dict) and isinstance(value, Mapping):
            merged[key] = _merge(old, value, extend=extend)
        elif extend and isinstance(old, list) and isinstance(value, Sequence) and not isinstance(value, str):
            merged[key] = [*old, *value]
        else:
            merged[key] = value
    return merged
