"""termbook: compile YAML glossary entries and article summaries into Markdown pages.

The engine is plain Python and knows nothing of MkDocs: :func:`load` reads and checks the
data, :mod:`termbook.render` turns it into pages. ``termbook_mkdocs`` is the thin MkDocs plugin.
"""

from .findings import Finding, GlossaryError
from .load import check, load
from .model import Article, Glossary, Term

__all__ = ["Article", "Finding", "Glossary", "GlossaryError", "Term", "check", "load"]
__version__ = "0.1.0"
