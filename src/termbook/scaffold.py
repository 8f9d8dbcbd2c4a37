"""``termbook new``: start a glossary entry for a contributor to fill in.

The file it writes has every field, each under a comment taken from the entry schema's own
descriptions (so the scaffold and the schema cannot drift apart), the ``yaml-language-server``
comment that lets editors complete and check fields, ``status: draft`` and today's date in
``reviewed``. What only the contributor can write (the short sentence, the definition, the
category and the sources) is left empty, and ``termbook check`` reports each empty field with
what goes there until it is filled in.

Nothing is written when the entry would clash with the glossary: an entry with the same id,
or an entry that already has the name, abbreviation or an alias (compared as the checker's
label-collision rule compares them: :func:`termbook.labels.collision_key`).
"""

from __future__ import annotations

import datetime
import json
import os
import re
import textwrap
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml

from . import schema
from .characters import hidden
from .check import common_words
from .findings import Finding, field_name
from .labels import collision_key, look_alike, term_labels
from .languages import DEFAULT_LANGUAGE, words
from .model import sort_key
from .read import ID_PATTERN, MAX_ID_LENGTH, display_path, shorter_id
from .taxonomy import SCHEMA_DIR, Contributing, Scorecard, Taxonomy, fill
from .yamlfile import YamlRefused, line_of, read_yaml

#: Comments are wrapped to this width, so the file reads well in any editor.
COMMENT_WIDTH = 96


class BadRequest(ValueError):
    """What was asked for cannot make an entry (an empty name, an invalid id): bad usage."""


def derive_id(name: str) -> str:
    """The id (and file name) for a term name: accents folded to ASCII, lowercase, words
    joined by hyphens ("Retrieval-augmented generation" -> "retrieval-augmented-generation").
    Empty when the name has no ASCII letter or digit."""
    return "-".join(re.findall(r"[a-z0-9]+", sort_key(name)))


def new_entry(glossary_dir: Path, name: str, *, entry_id: str | None = None,
              abbreviation: str | None = None, aliases: Sequence[str] = (),
              categories: Sequence[str] = (), root: Path | None = None,
              today: datetime.date | None = None, taxonomy: Taxonomy = schema.NO_TAXONOMY,
              language: str = DEFAULT_LANGUAGE) -> tuple[Path, list[Finding]]:
    """Write ``glossary_dir/<id>.yaml`` for the term ``name``; return its path and, when it
    was refused, the findings that say why (then nothing is written). ``language`` is the
    site's, whose common words an alias may not be.

    Raises :class:`BadRequest` when the request itself is unusable.
    """
    root = root or Path.cwd()
    name, aliases = name.strip(), [alias.strip() for alias in aliases]
    abbreviation = abbreviation.strip() if abbreviation is not None else None
    if not name:
        raise BadRequest("the term's name is empty")
    if "" in aliases or abbreviation == "":
        raise BadRequest("an alias or the abbreviation is empty")
    entry_id = entry_id if entry_id is not None else derive_id(name)
    if not entry_id:
        raise BadRequest(f"cannot make an id from '{name}': give one with --id, "
                         "e.g. --id my-term")
    if not ID_PATTERN.match(entry_id):
        raise BadRequest(f"'{entry_id}' is not a valid id: use lowercase words joined by "
                         "hyphens, e.g. my-term")
    if len(entry_id) > MAX_ID_LENGTH:
        raise BadRequest(f"the id '{entry_id}' is {len(entry_id)} characters long; the limit is "
                         f"{MAX_ID_LENGTH}: give a shorter one with --id, e.g. --id {shorter_id(entry_id)}")
    labels = [("the name", name)] + [("the alias", a) for a in aliases]
    labels += [("the abbreviation", abbreviation)] if abbreviation else []
    for what, label in labels:
        if problem := hidden(label, block=False):  # the file would fail its check
            raise BadRequest(f"{what} {problem.message}; {problem.hint}")
    stop_words = words(language, "stop_words")
    named = [("aliases", a) for a in aliases] + ([("abbreviation", abbreviation)] if abbreviation else [])
    for field, label in named:
        if common := common_words(field, label, stop_words):  # so would this
            raise BadRequest("; ".join(common))
    path = glossary_dir / f"{entry_id}.yaml"
    display = display_path(path, root)
    text = entry_text(name, abbreviation=abbreviation, aliases=aliases, categories=categories,
                      today=today or datetime.date.today(),
                      schema_ref=schema_ref(glossary_dir, root), taxonomy=taxonomy,
                      shown_as=display)
    findings = []
    if path.exists():
        findings.append(Finding(display, 1, "(file)", "an entry with this id already exists",
                                "edit that entry instead, or choose another id with --id",
                                "entry-exists"))
    findings += label_clashes(glossary_dir, root, labels, skip=path)
    if findings:
        return path, findings
    with path.open("x", encoding="utf-8", newline="\n") as file:  # "x": never overwrite
        file.write(text)
    return path, []


def label_clashes(glossary_dir: Path, root: Path, wanted: Iterable[tuple[str, str]],
                  skip: Path | None = None) -> list[Finding]:
    """A finding at each place in the glossary that already claims one of the ``wanted``
    labels, given as (what it is, label) pairs."""
    keys = {key: (what, label) for what, label in wanted if (key := collision_key(label))}
    found = []
    for path in sorted(glossary_dir.glob("*.yaml")):
        if path == skip:
            continue  # already reported as existing
        if path.is_symlink():
            continue  # never followed: `termbook check` refuses it (symlink, outside-project)
        display = display_path(path, root)
        try:
            data, lines, _ = read_yaml(path, display)
        except YamlRefused:
            continue  # `termbook check` reports this file; meanwhile it claims no name
        for location, label in term_labels(data) if isinstance(data, dict) else ():
            key = collision_key(label)
            for new_key, (what, new) in keys.items():
                if key == new_key or (key is not None and look_alike(key, new_key)):
                    found.append(Finding(
                        display, line_of(lines, location), field_name(location),
                        f"{what} '{new}' already leads to this entry"
                        + ("" if key == new_key else f" (it looks like '{label}')"),
                        "improve this entry instead, or give the new term a name no entry uses",
                        "label-collision"))
    return found


def entry_text(name: str, *, abbreviation: str | None, aliases: Sequence[str],
               categories: Sequence[str], today: datetime.date, schema_ref: str,
               taxonomy: Taxonomy = schema.NO_TAXONOMY, shown_as: str = "<file>") -> str:
    """The YAML of a new entry: every field the site's schema has, each under a comment from
    the schema. ``shown_as`` is the file's path as the command to check it names it."""
    term_schema = schema.entry_schema(schema.TERM_SCHEMA, taxonomy)
    fields, defs = term_schema["properties"], term_schema["$defs"]

    def about(field: str, *extra: str) -> list[str]:
        """The comment above a top-level field: what the schema says it is, and what to do."""
        optional = field not in term_schema["required"] and _UNCOMMENT not in extra
        return _comment(" ".join(filter(None, [fields[field]["description"], *extra,
                                               "Optional." if optional else ""])))

    category_choices = [f"  {c.id}: {c.title}. {c.description}" for c in taxonomy.categories]
    scorecard = taxonomy.scorecard
    required = set(term_schema["required"])
    sources = ["sources:", *_source_block(defs["source"], defs)]
    if "sources" not in required:  # the site asks for none: offered, commented out
        sources = [f"# {line}" for line in sources]
    reviewed = f"reviewed: {today.isoformat()}"
    lines = [
        f"# yaml-language-server: $schema={schema_ref}",
        *_comment(_introduction(taxonomy.contributing, shown_as)),
        "",
        *about("term"),
        f"term: {_scalar(name)}",
        "",
        *about("abbreviation", "" if abbreviation else _UNCOMMENT),
        f"abbreviation: {_scalar(abbreviation)}" if abbreviation else "# abbreviation:",
        "",
        *about("aliases"),
        *(["aliases:", *(f"  - {_scalar(a)}" for a in aliases)] if aliases else ["aliases: []"]),
        "",
        *about("short"),
        "short:",
        "",
        *about("definition", "Write it on indented lines under 'definition: |'."),
        "definition: |",
        "",
        *([*about("category"),
           *([] if categories else ["# One of (or a list of them):",
                                    *(line for choice in category_choices
                                      for line in _comment(choice, hang="    "))]),
           ("category: " + (categories[0] if len(categories) == 1 else
                            f"[{', '.join(categories)}]" if categories else "")).rstrip(),
           ""] if taxonomy.categories else []),
        *about("related", defs["id"]["description"]),
        "related: []",
        "",
        *about("broader", defs["id"]["description"]),
        "broader: []",
        "",
        *about("sources", "Repeat the block that starts with '- title:' for each source.",
               "" if "sources" in required else _UNCOMMENT),
        *sources,
        "",
        *about("status"),
        "status: draft",
        "",
        *about("reviewed", "" if "reviewed" in required else _UNCOMMENT),
        reviewed if "reviewed" in required else f"# {reviewed}",
        "",
        *about("sort_as", _UNCOMMENT),
        "# sort_as:",
        "",
        *about("link", _UNCOMMENT),
        "# link: explicit",
        "",
        *about("proper_noun", _UNCOMMENT),
        "# proper_noun: true",
        "",
        *(_scorecard_block(scorecard, fields[scorecard.field], defs)
          if scorecard and set(categories) & set(scorecard.rated_categories) else
          _comment(f"{scorecard.field}: {fields[scorecard.field]['description']} Start the entry "
                   f"with `termbook new --category {scorecard.rated_categories[0]}` to get this "
                   "block.") if scorecard and scorecard.rated_categories else
          # Any entry may be rated, and most need not be: offered, commented out.
          _scorecard_block(scorecard, fields[scorecard.field], defs, optional=True)
          if scorecard else []),
    ]
    return "\n".join(lines) + "\n"


def _introduction(contributing: Contributing, shown_as: str) -> str:
    """The comment at the top of a new entry: what to do, and where to see how."""
    check = fill(contributing.check, file=shown_as)
    see = [f"{contributing.example}.yaml for a finished entry" if contributing.example else "",
           f"{contributing.guide} for a complete example" if contributing.guide else ""]
    shown = " and ".join(filter(None, see))
    return ("A new glossary entry. Fill in every empty field (the comment above each says what "
            f"goes there), then check the file with `{check}`." + (f" See {shown}." if shown else ""))


#: Said of an optional field the scaffold writes commented out.
_UNCOMMENT = "Optional: remove the '#' to use it."
#: Optional fields most entries have, so the scaffold writes them empty (the check then asks
#: for them) rather than commented out; the advice says what to do without one.
_EXPECTED = {"url": "Delete the line if there is none."}


def _source_block(source: dict[str, Any], defs: dict[str, Any]) -> list[str]:
    """One source with every field; the first field starts the list item."""
    lines = []
    for index, (field, spec) in enumerate(source["properties"].items()):
        indent = "    " if index else "  "
        required = field in source["required"]
        advice = "" if required else _EXPECTED.get(field, _UNCOMMENT)
        lines += _comment(f"{_description(spec, defs)} {advice}".rstrip(), indent=indent)
        line = f"{field}:" if required or field in _EXPECTED else f"# {field}:"
        lines.append(f"  - {line}" if index == 0 else f"    {line}")
    return lines


def _scorecard_block(scorecard: Scorecard, spec: dict[str, Any], defs: dict[str, Any], *,
                     optional: bool = False) -> list[str]:
    """The ratings block of a rated entry: every component, each rating left empty; commented
    out when it is ``optional``."""
    rating = defs["rating"]["properties"]
    lines = _comment(f"{spec['description']} For each component: rating is one of "
                     f"{', '.join(rating['rating']['enum'])}; reason: "
                     f"{rating['reason']['description']} evidence: "
                     f"{_description(rating['evidence'], defs)} {_EXPECTED['url']}"
                     + (f" {_UNCOMMENT}" if optional else ""))
    block = [f"{scorecard.field}:"]
    for component in scorecard.components:
        block += [f"  {component.id}:", "    rating:", "    reason:", "    evidence:"]
    return lines + [f"# {line}" if optional else line for line in block]


def _description(spec: dict[str, Any], defs: dict[str, Any]) -> str:
    """A field's description, following a local ``$ref`` ("#/$defs/url") when it has none."""
    if "description" not in spec:
        spec = defs[spec["$ref"].rsplit("/", 1)[-1]]
    description: str = spec["description"]
    return description


def _comment(text: str, indent: str = "", hang: str = "") -> list[str]:
    """``text`` as YAML comment lines wrapped to :data:`COMMENT_WIDTH`; continuation lines
    are indented by ``hang``."""
    width = COMMENT_WIDTH - len(indent) - 2
    return [f"{indent}# {line}" for line in textwrap.wrap(text, width, subsequent_indent=hang)]


def _scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain where any YAML reader reads it back as the same text,
    else quoted. termbook keeps every scalar as text, but an editor checking the file against
    the schema would read ``yes`` or ``2024`` as a boolean or a number, so those are quoted."""
    try:
        plain = yaml.safe_load(f"x: {value}\n") == {"x": value}
    except yaml.YAMLError:
        plain = False
    return value if plain else json.dumps(value, ensure_ascii=False)  # JSON strings are YAML


def schema_ref(glossary_dir: Path, root: Path) -> str:
    """The project's term schema (``schemas/`` in ``root``, which ``termbook schema`` and
    :func:`write_schemas` write) relative to the glossary folder, for the
    ``yaml-language-server`` comment."""
    schema_file = root / SCHEMA_DIR / schema.TERM_SCHEMA
    return Path(os.path.relpath(schema_file.resolve(), glossary_dir.resolve())).as_posix()


def write_schemas(folder: Path, taxonomy: Taxonomy, *, only_missing: bool = False) -> list[Path]:
    """Write the entry schemas of ``taxonomy`` into ``folder``; with ``only_missing``, only
    those it does not hold yet. Returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema.schema_files(taxonomy).items():
        path = folder / name
        if only_missing and path.exists():
            continue
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written
