"""Hostile values for every text field of every schema, derived from the schemas themselves.

Each schema (a term, an article, an event, termbook.yml, as the site's taxonomy makes them) is walked
for every field whose value is text (``"type": "string"``, after following "$ref"), so a field
added to a schema is planted the day it is added. Each field gets each payload of
:data:`PAYLOADS` (tags, event handlers, ``javascript:`` and entity-encoded schemes, ``>)``
breakouts, ``](javascript:...)``, attribute lists, a fenced block with an attribute list) in
two shapes (:data:`SHAPES`): after the field's valid text, and as an address would carry it
(a script address alone, or markup after ``https://a.invalid/``). Address fields are the ones
the schemas give the format ``http-url``.

A hostile value has exactly two acceptable fates: the check refuses it with a finding that
names the file and the field, or every output shows it as plain text. :func:`plant` sorts
each value into one or the other with one check of a batch; :func:`combine` then gathers the
accepted values of each payload into one term, one article and one termbook.yml, so that a
site is built once for all of them.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import itertools
import re
import shutil
import urllib.parse
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

import termbook
from termbook import schema
from termbook.findings import field_name
from termbook.read import read_taxonomy

from .conftest import MINI

#: One payload of each family, by name.
PAYLOADS = {
    "tag": "<img src=x onerror=alert(1)>",
    "script": "<script>alert(1)</script>",
    "svg": "<svg/onload=alert(1)>",
    "quote-breakout": '" onmouseover="alert(1)" x="',
    "javascript": "javascript:alert(1)",
    "entity-scheme": "java&#115;cript:alert(1)",
    "entity-tag": "&lt;img src=x onerror=alert(1)&gt;",
    "link-breakout": ">)<svg/onload=alert(1)>",
    "markdown-link": "](javascript:alert(1))",
    "read-link": "[Read](javascript:alert(1))",
    "reference-link": "[Read][x]\n\n[x]: javascript:alert(1)",
    "attribute-list": '{: onclick="alert(1)" data-md-component="announce" }',
    "fenced-attributes": '\n\n```{.python data-md-component="announce" onclick="alert(1)"}\nx\n```\n',
}
URL_PREFIX = "https://a.invalid/"
#: How a payload is planted: after a field's valid text, or as an address would carry it.
SHAPES = ("text", "address")
URL_FORMAT = "http-url"
TERM, ARTICLE, EVENT, CONFIG = (schema.TERM_SCHEMA, schema.SEED_SCHEMA, schema.EVENT_SCHEMA,
                                schema.TAXONOMY_SCHEMA)
#: The schemas of the files a site is made of, in the order they are planted.
SCHEMAS = (TERM, ARTICLE, EVENT, CONFIG)
#: Where the planted file ``number`` of each schema goes (an event's name starts with its date).
PLANTED_PATHS = {TERM: "glossary/planted-{}.yaml", ARTICLE: "seeds/planted-{}.yaml",
                 EVENT: "events/2025-01-02-planted-{}.yaml", CONFIG: "planted-{}.yml"}

#: A valid term and article with every optional field, for the values to be planted into.
#: (A field the schemas gain is planted all the same; one inside a part these lack makes
#: :func:`location` say what to add here.)
BASE_TERM: dict[str, Any] = {
    "term": "Planted", "abbreviation": "PLT", "aliases": ["planted alias"],
    "short": "A term whose fields carry hostile values.",
    "definition": "A term used by the hostile-input tests. See [[weights]].\n",
    "category": "models", "related": ["weights"], "broader": ["open-weights"],
    "sources": [{"title": "A source", "publisher": "A publisher", "date": "2025-01-02",
                 "url": "https://example.org/source", "note": "Section 2."}],
    "status": "contested", "reviewed": "2026-11-20",
    "sort_as": "planted", "link": "auto", "proper_noun": "false",
}
BASE_ARTICLE: dict[str, Any] = {
    "title": "A planted article", "author": "An author", "publisher": "A blog",
    "date": "2026-05-28", "url": "https://example.org/article",
    "summary": "The article says things about [[weights]].\n",
    "claims": [{"id": "planted-claim", "claim": "The article argues that planting is fine.",
                "stance": "neutral", "terms": ["weights"], "quote": "a short quote",
                "context": {"note": "Another source disagrees.",
                            "sources": [{"title": "Other", "publisher": "Other publisher",
                                         "date": "2024-01-01", "url": "https://example.org/other",
                                         "note": "Page 3."}]}}],
    "reviewed": "2026-11-20",
}
#: A valid event of the mini site's release kind, with every optional field; its other forms,
#: for the fields only they have, are :data:`EVENT_FORMS`.
BASE_EVENT: dict[str, Any] = {
    "date": "2025-01-02", "date_note": "The developer's date.", "kind": "release",
    "title": "A planted release", "text": "The release of [[example-model]] with [[weights]].\n",
    "terms": ["weights"],
    "release": {"name": "Planted release", "weights": "open", "licence": "A licence"},
    "sources": [{"title": "Release notes", "publisher": "A lab", "date": "2025-01-02",
                 "url": "https://example.org/notes", "note": "The first line."}],
}
#: An event takes one record, and a release names models or a name: the field a value is
#: planted into picks the form of the event it goes into, by the start of its place.
EVENT_FORMS: dict[tuple[str, ...], dict[str, Any]] = {
    ("release", "models"): {"release": {"models": ["weights"]}},
    ("measure",): {"kind": "measurement", "release": None, "measure": {
        "quantity": "A planted lag", "method": "A method", "period": "2023 to 2025",
        "values": [{"value": "3.5", "unit": "months", "approximate": "true", "low": "1.1",
                    "high": "5.3", "bounds": "90% interval"}]}},
}


def event_form(pattern: Pattern) -> tuple[str, ...]:
    """The key of :data:`EVENT_FORMS` that a value planted at ``pattern`` needs, or ()."""
    return next((key for key in EVENT_FORMS if tuple(pattern[:len(key)]) == key), ())


@functools.cache
def site_taxonomy() -> termbook.Taxonomy:
    """The mini project's taxonomy, which the entry schemas are generated from."""
    found, findings = read_taxonomy(MINI / "termbook.yml", MINI)
    assert found is not None, findings
    return found


def base_document(schema_name: str, number: int, form: tuple[str, ...] = ()) -> dict[str, Any]:
    """A valid document of ``schema_name``; a term gets names of its own (``number``), so that
    many planted terms can sit side by side, and is rated on every component; an event is of
    the ``form`` (:func:`event_form`) and releases a thing of its own."""
    if schema_name == EVENT:
        event = copy.deepcopy(BASE_EVENT)
        event["release"]["name"] = f"Planted release {number}"
        event |= copy.deepcopy(EVENT_FORMS.get(form, {}))
        return {key: value for key, value in event.items() if value is not None}
    if schema_name == CONFIG:  # the mini site's, with a label of its own wording and a link
        # it lets stay unpinned
        return yaml.safe_load((MINI / "termbook.yml").read_text(encoding="utf-8")) | {
            "labels": {"mentioned_in": "Pages that mention it"},
            "links": {"pinned": "true", "unpinned": [
                {"url": "https://github.com/example/gone", "reason": "The repository is gone."}]}}
    if schema_name == ARTICLE:
        return copy.deepcopy(BASE_ARTICLE)
    term = copy.deepcopy(BASE_TERM) | {"term": f"Planted {number}", "abbreviation": f"P{number}",
                                       "aliases": [f"planted alias {number}"]}
    scorecard = site_taxonomy().scorecard
    term[scorecard.field] = {c.id: {"rating": scorecard.ratings[0].id, "reason": "Published.",
                                    "evidence": "https://example.org/evidence"}
                             for c in scorecard.components}
    return term


#: A place in a document: keys, with None for any list item or any key of a mapping.
Pattern = tuple[str | None, ...]


@dataclasses.dataclass(frozen=True)
class Field:
    """A text field of a schema: where it is, and its schema ("$ref" followed)."""

    schema: str
    pattern: Pattern
    rules: tuple[tuple[str, Any], ...]

    def keyword(self, keyword: str) -> Any:
        return dict(self.rules).get(keyword)

    @property
    def is_url(self) -> bool:
        return self.keyword("format") == URL_FORMAT

    @property
    def is_markdown(self) -> bool:
        return self.keyword("contentMediaType") == "text/markdown"


def text_fields(schema_name: str) -> list[Field]:
    """Every field of ``schema_name`` whose value is text, as the schema says."""
    schemas = {s["$id"]: s for s in (schema.entry_schema(n, site_taxonomy()) for n in SCHEMAS)}
    top = schema.entry_schema(schema_name, site_taxonomy())
    found, pending = [], [(top, top["$id"], ())]
    while pending:  # a schema walker of the tests' own, to check the engine's reading of them
        node, base, place = pending.pop()
        while "$ref" in node:  # the reference's own keywords apply too
            target_id, _, pointer = urllib.parse.urljoin(base, node["$ref"]).partition("#")
            target: Any = schemas[target_id]
            for part in pointer.split("/")[1:]:
                target = target[part]
            node, base = {**target, **{k: v for k, v in node.items() if k != "$ref"}}, target_id
        if node.get("type") == "string":
            found.append(Field(schema_name, place, tuple(
                (key, value) for key, value in node.items() if isinstance(value, (str, int)))))
        pending += [(child, base, place + (key,)) for key, child in node.get("properties", {}).items()]
        pending += [(node[key], base, place + (None,)) for key in ("items", "additionalProperties")
                    if isinstance(node.get(key), dict)]
    return sorted(found, key=lambda field: [part or "" for part in field.pattern])


def token(number: int) -> str:
    """A word that marks the value planted ``number``-th, to find it in the outputs."""
    return f"qZ{number}Zq"


def hostile_value(field: Field, valid: str | None, payload: str, shape: str,
                  number: int) -> str | None:
    """What is planted into ``field`` in ``shape``: ``payload`` after the field's valid value
    (so a required form such as "The article argues ..." still holds) and a :func:`token`;
    or as an address carries it, a script address alone or other markup after an address;
    None when nothing fits the field's length limit."""
    mark = token(number)
    if shape == "address":  # a scheme of its own, or a way out of the link after an address
        scheme = re.match(r"[\w&#;]+:", payload)
        candidates = [payload] if scheme else [f"{URL_PREFIX}{mark}{payload}", payload]
    else:
        candidates = [f"{valid} {mark} {payload}" if valid else f"{mark} {payload}", payload]
    limit = field.keyword("maxLength")
    return next((value for value in candidates if limit is None or len(value) <= limit), None)


def location(data: dict[str, Any], pattern: Pattern) -> tuple[Any, ...]:
    """The place in ``data`` that ``pattern`` names (None: the first item or key that has the
    field the pattern names next, such as the first condition of a rule with an 'any')."""
    place: list[Any] = []
    node: Any = data
    for index, part in enumerate(pattern):
        if part is None:
            assert node, f"the base document has nothing at {place}: give it an item"
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            following = pattern[index + 1] if index + 1 < len(pattern) else None
            part = next((key for key in keys if following is None or following in node[key]), keys[0])
        place.append(part)
        if index < len(pattern) - 1:
            assert part in node if isinstance(node, dict) else part < len(node), \
                f"the base document has no {field_name(place)}: add it (tests/hostile_values.py)"
            node = node[part]
    return tuple(place)


def put(data: dict[str, Any], place: tuple[Any, ...], value: str) -> None:
    at(data, place[:-1])[place[-1]] = value


def at(data: Any, place: tuple[Any, ...]) -> Any:
    for part in place:
        data = data[part]
    return data


# --- planting and judging -------------------------------------------------------------------

@dataclasses.dataclass
class Planted:
    """One hostile value in one field, and the findings that named its file."""

    field: Field
    family: str
    shape: str
    place: tuple[Any, ...]
    value: str
    path: str
    """The file it was planted in, as findings show it."""
    number: int
    findings: list[str] = dataclasses.field(default_factory=list)

    @property
    def refused(self) -> bool:
        return bool(self.findings)

    @property
    def field_name(self) -> str:
        return field_name(self.place)

    def named(self) -> bool:
        """Whether a finding names the file and the field (or a place inside the field)."""
        pattern = re.compile(rf"{re.escape(self.path)}:\d+: {re.escape(self.field_name)}[:\[.]")
        return any(pattern.match(finding) for finding in self.findings)


_NUMBERS = itertools.count(1)  # every planted value's own, across schemas and calls


def plant(project: Path, schema_name: str) -> list[Planted]:
    """Plant each payload into each text field of ``schema_name``, a file each, in
    ``project`` (a copy of the mini project), check them, and keep the findings of each."""
    planted = []
    for field in text_fields(schema_name):
        for (family, payload), shape in itertools.product(PAYLOADS.items(), SHAPES):
            number = next(_NUMBERS)
            data = base_document(schema_name, number, event_form(field.pattern))
            place = location(data, field.pattern)
            parent = at(data, place[:-1])
            valid = parent.get(place[-1]) if isinstance(parent, dict) else parent[place[-1]]
            value = hostile_value(field, valid, payload, shape, number)
            if value is None:
                continue
            put(data, place, value)
            path = PLANTED_PATHS[schema_name].format(number)
            write_yaml(project / path, data)
            planted.append(Planted(field, family, shape, place, value, path, number))
    # Entries are checked all at once; termbook.yml as the check reads it, one file at a time.
    findings = termbook.check(termbook.Project.at(project))[1] if schema_name != CONFIG else []
    for item in planted:
        if schema_name == CONFIG:
            findings = read_taxonomy(project / item.path, project)[1]
        item.findings = [str(f) for f in findings if f.path == item.path]
        (project / item.path).unlink()
    return planted


def write_yaml(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6),
                    encoding="utf-8")


def combine(accepted: Iterable[Planted], number: int) -> list[dict[str, Any]]:
    """Documents holding every accepted value of ``accepted`` (all of one schema): one, but for
    events, which take one document per form (:data:`EVENT_FORMS`)."""
    forms: dict[tuple[str, ...], list[Planted]] = {}
    for item in accepted:
        forms.setdefault(event_form(item.field.pattern) if item.field.schema == EVENT else (),
                         []).append(item)
    documents = []
    for index, (form, items) in enumerate(forms.items()):
        data = base_document(items[0].field.schema, number * 10 + index, form)
        for item in items:
            data = with_value(data, item)
        documents.append(data)
    return documents


def with_value(data: dict[str, Any], item: Planted) -> dict[str, Any]:
    """A copy of ``data`` with ``item``'s value in its field."""
    data = copy.deepcopy(data)
    put(data, location(data, item.field.pattern), item.value)
    return data


def fresh_project(folder: Path) -> Path:
    """A copy of the mini project in ``folder``."""
    project = folder / "project"
    shutil.copytree(MINI, project)
    return project
