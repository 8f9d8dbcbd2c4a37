"""Abbreviation files, as Python-Markdown's abbr extension, pymdownx.snippets and Material's
abbreviations keep them: one ``*[HTML]: Hyper Text Markup Language`` line per abbreviation.

Each line becomes a term named by its expansion, with the abbreviation. The expansion is all
such a file says about a term, and it is what readers saw when they hovered the abbreviation:
it is the entry's short definition too, and the entry is a draft until someone writes its
definition.
"""

from __future__ import annotations

import re
from pathlib import Path

from .records import Note, Record, SourceRefused
from .sources import read_text

_ABBREVIATION = re.compile(r"^\*\[(?P<abbreviation>[^\]\n]+)\]:[ \t]*(?P<expansion>.*?)[ \t]*$")


def read_abbreviations(path: Path, shown: str) -> tuple[list[Record], list[Note]]:
    records, notes = [], []
    for number, line in enumerate(read_text(path, shown).splitlines(), start=1):
        match = _ABBREVIATION.match(line)
        if not match:
            continue
        abbreviation, expansion = match.group("abbreviation").strip(), match.group("expansion")
        if not expansion:
            notes.append(Note(shown, str(number), "term", f"'{abbreviation}' has no expansion "
                              "(it removes an abbreviation defined elsewhere)", "not imported"))
            continue
        records.append(Record(shown, str(number), expansion, keys=[abbreviation, expansion],
                              abbreviation=abbreviation, short=(expansion,),
                              fields={"status": "draft"}))
    if not records:
        raise SourceRefused(f"{shown}: holds no '*[ABBR]: expansion' line")
    notes.append(Note(shown, "1", "definition", f"the file gives {len(records)} term(s) only "
                      "their expansion: each entry's short definition is its expansion, and its "
                      "status is draft", "write each definition, then remove 'status: draft'"))
    return records, notes
