"""The tooltips' data: every term's short definition, in one generated file.

A link carries only the term's id (``<a href="..." data-tb="id">``); the tooltip script
(``assets/tooltips.js``) reads the short definitions from this file, so no page repeats them.
A short definition with code or emphasis is given as its pieces (:func:`termbook.inline.spans`),
which the script makes into elements without reading any of it as markup.
It is published at :data:`termbook.layout.TOOLTIP_DATA_PATH`.
"""

from __future__ import annotations

import json

from .inline import spans
from .model import Glossary


def tooltip_data(glossary: Glossary) -> str:
    """The tooltip script's data: every term's short definition, by id, as one small script
    that sets a global (a script, not JSON, so it also loads from file://)."""
    markup = glossary.taxonomy.entries.short.markup
    shorts = {term_id: spans(term.short, markup) for term_id, term in glossary.terms.items()}
    # Every "<" as its JSON escape: no text can end the script element that loads the file.
    data = json.dumps(shorts, separators=(",", ":")).replace("<", "\\u003c")
    return f"window.termbookShorts = {data};\n"
