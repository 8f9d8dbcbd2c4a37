"""The plugin's options in ``mkdocs.yml`` (``plugins: [termbook: {...}]``), typed."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from termbook.linking import MODES
from termbook.taxonomy import CONFIG_FILE


class TermbookConfig(base.Config):
    glossary_dir = c.Type(str, default="glossary")
    """Folder of glossary entries (one ``<id>.yaml`` per term), relative to mkdocs.yml."""
    config_file = c.Type(str, default=CONFIG_FILE)
    """The site's taxonomy (categories, scorecard, articles), relative to mkdocs.yml; without
    the file the site declares none. The articles' folder is named there."""
    licence = c.Optional(c.Type(str))
    """Address of the licence of the glossary text, stated in the published data files."""
    cache = c.Type(bool, default=True)
    """Keep the entries read cleanly in the user's cache folder, so that a rebuild parses only
    the entries that changed (see :mod:`termbook.readcache`)."""
    term_pages_in_nav = c.Type(bool, default=False)
    """List every term page in the navigation, A–Z after the glossary index, so that plugins
    that print the navigation's pages (print-site, PDF exporters) print them too. Material
    writes the whole navigation into every page: leave it off for a large glossary."""
    link_mentions = c.Choice(MODES, default="first")
    """Which mentions of a term become links on a page: the first, all, or none (explicit
    ``[[id]]`` links always do)."""
