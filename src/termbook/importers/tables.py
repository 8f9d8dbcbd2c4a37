"""Glossaries kept as tables: termbook's own ``glossary.json`` and ``glossary.csv``, and any
CSV or TSV file whose columns a mapping names (``--map Name=term,Synonyms=aliases``).

termbook's exports carry their terms' ids, so a glossary moved between two sites keeps its
addresses; their definitions are Markdown with ``[[id]]`` links. In another table, a related
or broader term is named by its id or its name, and several values share a cell, separated
by ``; `` (``--separator``).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ..export import CSV_COLUMNS, CSV_LIST_SEPARATOR, FORMULA_START
from ..model import summary_of
from ..schema import EXPORT_SCHEMA, load_schema
from .records import (
    CARRIED_FIELDS,
    SOURCE_FIELDS,
    Category,
    Note,
    Record,
    SourceRefused,
    Text,
    explicit_text,
    markdown_text,
)
from .sources import read_text

#: The fields every term of a termbook glossary.json has: the one more a term can have holds
#: the ratings of the exporting site's scorecard, named after that site's field.
_TERM_FIELDS = frozenset(load_schema(EXPORT_SCHEMA)["$defs"]["term"]["properties"])

#: The fields a column can be mapped to; ``source.<field>`` gives each row one source.
TABLE_FIELDS = ("id", "term", "aliases", "abbreviation", "short", "definition", "category",
                "related", "broader", *CARRIED_FIELDS, *(f"source.{field}" for field in SOURCE_FIELDS))
#: The columns every glossary.csv termbook wrote starts with (the later ones came later).
_FIRST_COLUMNS = CSV_COLUMNS[:7]
#: How termbook's own CSV names its columns (the rest are the same as the fields').
TERMBOOK_CSV = {"categories": "category", "url": None}


# --- glossary.json ------------------------------------------------------------------------

def read_json(path: Path, shown: str) -> tuple[list[Record], list[Note]]:
    """The terms of a termbook ``glossary.json``."""
    try:
        document = json.loads(read_text(path, shown))
    except (ValueError, RecursionError) as problem:
        raise SourceRefused(f"{shown}: is not JSON ({problem})") from None
    if not isinstance(document, dict) or not isinstance(document.get("terms"), list):
        raise SourceRefused(f"{shown}: is not a termbook glossary.json: it has no list of 'terms'")
    titles = {c["id"]: c for c in document.get("categories") or []
              if isinstance(c, dict) and isinstance(c.get("id"), str)}
    records, notes = [], []
    names = {item["id"]: item["term"] for item in document["terms"]
             if isinstance(item, dict) and isinstance(item.get("id"), str)
             and isinstance(item.get("term"), str)}
    for index, item in enumerate(document["terms"]):
        where = f"terms[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("term"), str):
            notes.append(Note(shown, where, "term", "has no name", "the term is not imported"))
            continue
        term_id = item.get("id") if isinstance(item.get("id"), str) else None
        categories = [Category(c, _text(titles.get(c, {}).get("title")),
                               _text(titles.get(c, {}).get("description")),
                               titles.get(c, {}).get("proper_nouns") is True)
                      for c in _texts(item.get("categories"))]
        record = Record(
            shown, term_id or where, item["term"], keys=[term_id] if term_id else [],
            given_id=term_id, aliases=_texts(item.get("aliases")),
            abbreviation=_text(item.get("abbreviation")),
            short=_written_short(_text(item.get("short")), _text(item.get("definition")), names),
            definition=explicit_text(item["definition"]) if isinstance(item.get("definition"), str) else None,
            categories=categories,
            related=[link["id"] for link in item.get("related") or () if _is_link(link)],
            broader=[link["id"] for link in item.get("broader") or () if _is_link(link)],
            sources=[s for s in item.get("sources") or () if isinstance(s, dict)],
            fields={key: item.get(key) for key in ("status", "reviewed", "sort_as", "link")
                    if item.get(key) is not None})
        if isinstance(item.get("proper_noun"), bool):  # JSON's true and false; entries write text
            record.fields["proper_noun"] = "true" if item["proper_noun"] else "false"
        ratings = next((value for key, value in item.items()
                        if key not in _TERM_FIELDS and isinstance(value, dict)), None)
        if ratings:
            record.fields["scorecard"] = {k: v for k, v in ratings.items() if isinstance(v, dict)}
        records.append(record)
    return records, notes


def _written_short(short: str | None, definition: str | None, names: Mapping[str, str]
                   ) -> Text | None:
    """The short definition an entry was written with: none, when the exported one is what
    stands in for a missing one (the start of the definition, :func:`termbook.model.summary_of`)."""
    if short is None or (definition and short == summary_of(definition, dict(names))):
        return None
    return (short,)


def _is_link(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("id"), str)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _texts(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


# --- CSV and TSV --------------------------------------------------------------------------

def parse_mapping(text: str | None) -> dict[str, str]:
    """``--map Column=field,Other=field`` as {column: field}; ValueError saying what is wrong."""
    mapping: dict[str, str] = {}
    for pair in filter(None, (text or "").split(",")):
        column, equals, field = pair.partition("=")
        if not equals or not column.strip() or not field.strip():
            raise ValueError(f"'{pair}' is not COLUMN=FIELD")
        mapping[column.strip()] = field.strip()
    return mapping


def read_table(path: Path, shown: str, *, delimiter: str, mapping: Mapping[str, str],
               separator: str = CSV_LIST_SEPARATOR, plain_text: bool = False
               ) -> tuple[list[Record], list[Note]]:
    """The terms of a CSV or TSV file: one row per term, the first row naming the columns.
    ``mapping`` says which column holds which field (:data:`TABLE_FIELDS`); without one, the
    columns must be termbook's own (``glossary.csv``) or the fields' names."""
    rows = _rows(read_text(path, shown), delimiter)
    header_line, header = next(rows, (1, []))
    header = [name.strip() for name in header]
    own = tuple(header[:len(_FIRST_COLUMNS)]) == _FIRST_COLUMNS
    if not mapping:
        mapping = {name: field for name in header
                   if (field := TERMBOOK_CSV.get(name, name)) is not None and field in TABLE_FIELDS}
    missing = [column for column in mapping if column not in header]
    if missing:
        raise SourceRefused(f"{shown}:{header_line}: no column named {', '.join(map(repr, missing))} "
                            f"(the columns: {', '.join(header)})")
    if "term" not in mapping.values():
        raise SourceRefused(f"{shown}:{header_line}: no column holds the term's name: map one to "
                            "term, e.g. --map Name=term")
    notes = [Note(shown, str(header_line), column, "is not mapped to a field: not carried over",
                  f"--map '{column}=FIELD' carries it (fields: {', '.join(TABLE_FIELDS)})")
             for column in header if column and column not in mapping
             and not (own and TERMBOOK_CSV.get(column, "") is None)]
    records, cells = [], []
    for line, row in rows:
        values: dict[str, str] = {}
        for column, cell in zip(header, row, strict=False):  # a row may be short or long
            field = mapping.get(column)
            if field and cell.strip():
                values[field] = cell[1:] if own and _guarded(cell) else cell
        if not any(values.values()):
            continue
        if not values.get("term", "").strip():
            notes.append(Note(shown, str(line), "term", "is empty", "the row is not imported"))
            continue
        records.append(_record(shown, line, values, separator, own or not plain_text))
        cells.append(values)
    if own:
        names = {values["id"]: values["term"] for values in cells if values.get("id")}
        for record, values in zip(records, cells, strict=True):
            record.short = _written_short(values.get("short"), values.get("definition"), names)
    return records, notes


def _guarded(cell: str) -> bool:
    """Whether termbook's CSV put an apostrophe before ``cell`` so that a spreadsheet would not
    run it as a formula (see :func:`termbook.export.inert_cell`)."""
    return cell.startswith("'") and cell[1:].startswith(FORMULA_START)


def _rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Each row with the line it starts on."""
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    line = 1
    for row in reader:
        yield line, row
        line = reader.line_num + 1


def _record(shown: str, line: int, values: dict[str, str], separator: str, markdown: bool) -> Record:
    def listed(field: str) -> list[str]:
        return [v.strip() for v in values.get(field, "").split(separator.strip() or separator)
                if v.strip()]

    def text(field: str) -> Text | None:
        value = values.get(field)
        if value is None:
            return None
        return explicit_text(value) if markdown else (markdown_text(value),)

    term_id = values.get("id", "").strip() or None
    source = {key.removeprefix("source."): value for key, value in values.items()
              if key.startswith("source.")}
    return Record(
        shown, str(line), values["term"], keys=[k for k in (term_id, values["term"].strip()) if k],
        given_id=term_id, aliases=listed("aliases"), abbreviation=values.get("abbreviation"),
        short=(values["short"],) if "short" in values else None, definition=text("definition"),
        categories=[Category(c) for c in listed("category")], related=listed("related"),
        broader=listed("broader"), sources=[source] if source else [],
        fields={key: values[key] for key in CARRIED_FIELDS if key in values})
