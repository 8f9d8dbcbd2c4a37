"""termbook: compile YAML glossary entries and article summaries into Markdown pages.

The engine is plain Python and knows nothing of MkDocs: :func:`check` and :func:`load` read
and check the data of a :class:`Project`, :func:`generate` makes every page and file of the site from it
(:mod:`termbook.pipeline` lists the stages). ``termbook_mkdocs`` is the thin MkDocs plugin.
"""

from .findings import Finding, GlossaryError
from .model import Article, Glossary, Term
from .pipeline import LastRun, Project, SiteOutput, check, generate, load
from .readcache import ReadCache

__all__ = ["Article", "Finding", "Glossary", "GlossaryError", "LastRun", "Project", "ReadCache", "SiteOutput",
           "Term", "check", "generate", "load"]
__version__ = "0.1.0"
