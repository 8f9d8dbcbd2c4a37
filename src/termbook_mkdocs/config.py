"""The plugin's options in ``mkdocs.yml`` (``plugins: [termbook: {...}]``), typed."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from termbook.linking import MODES


class TermbookConfig(base.Config):
    glossary_dir = c.Type(str, default="glossary")
    """Folder of glossary entries (one ``<id>.yaml`` per term), relative to mkdocs.yml."""
    seeds_dir = c.Type(str, default="seeds")
    """Folder of article summaries (one ``<id>.yaml`` per article), relative to mkdocs.yml."""
    licence = c.Optional(c.Type(str))
    """Address of the licence of the glossary text, stated in the published data files."""
    link_mentions = c.Choice(MODES, default="first")
    """Which mentions of a term become links on a page: the first, all, or none (explicit
    ``[[id]]`` links always do)."""
