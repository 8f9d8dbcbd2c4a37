"""The entry formats as JSON Schema, generated from a site's taxonomy, and validation with
messages a contributor can act on.

The package's ``schemas/`` hold the formats every site shares; :func:`entry_schema` adds what
a site's ``termbook.yml`` declares (its categories, scorecard and stances), and ``termbook
schema`` writes the result into the project, where editors use it through the
``yaml-language-server`` comment. jsonschema's own messages name schema keywords; this module
turns each error into a :class:`Finding` that names the field, its line and the fix.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
import functools
import json
import re
import urllib.parse
from collections.abc import Callable, Mapping
from importlib import resources
from typing import TYPE_CHECKING, Any

import fastjsonschema

from . import urls
from .findings import Finding, did_you_mean, field_name
from .taxonomy import Scorecard, ShortRules, Taxonomy
from .yamlfile import Location, line_of

if TYPE_CHECKING:  # jsonschema is imported only when an entry has a problem to describe
    import jsonschema

TERM_SCHEMA = "term.schema.json"
SEED_SCHEMA = "seed.schema.json"
EVENT_SCHEMA = "event.schema.json"
TAXONOMY_SCHEMA = "termbook.schema.json"
#: The JSON Schema of glossary.json, as shipped (:func:`termbook.export.export_schema` adds
#: what a site's taxonomy declares).
EXPORT_SCHEMA = "glossary-export.schema.json"
#: The JSON Schema of a scorecard's ratings as JSON, as shipped
#: (:func:`termbook.scorecard.ratings_schema_document` adds what the site declares).
RATINGS_SCHEMA = "scorecard-export.schema.json"
#: Every schema of the package: they refer to each other.
SCHEMAS = (TERM_SCHEMA, SEED_SCHEMA, EVENT_SCHEMA, TAXONOMY_SCHEMA)
#: The taxonomy of a site that declares none.
NO_TAXONOMY = Taxonomy()
# jsonschema's test for the "date" format (jsonschema._format.is_date).
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
# Keywords that describe a value without constraining it.
_ANNOTATIONS = frozenset({"title", "description", "$comment", "examples", "x-rule"})


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    text = (resources.files(__package__) / "schemas" / name).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@functools.cache
def entry_schema(name: str, taxonomy: Taxonomy = NO_TAXONOMY) -> dict[str, Any]:
    """The schema ``name`` for a site with ``taxonomy``: the package's schema with the site's
    categories, scorecard and stances written in (the taxonomy's own schema as it is)."""
    schema = copy.deepcopy(load_schema(name))
    if name == TERM_SCHEMA:
        fields = schema["properties"]
        policy = taxonomy.entries
        if taxonomy.categories:
            one = {"oneOf": [{"const": c.id, "title": c.title, "description": c.description}
                             for c in taxonomy.categories]}
            fields["category"]["oneOf"] = [one, {**fields["category"]["oneOf"][1], "items": one}]
        else:
            del fields["category"]
        schema["required"] += [f for f in policy.required if f in fields]
        if {"short", "definition"} & set(policy.required):
            del schema["anyOf"]  # one of them is required on its own
        _apply_short_rules(fields["short"], policy.short)
        for field, description in policy.descriptions:
            if field in fields:
                fields[field]["description"] = description

        scorecard = taxonomy.scorecard
        if scorecard:
            only = (" Only for entries in the " + " or ".join(scorecard.rated_categories)
                    + " category." if scorecard.rated_categories else "")
            fields[scorecard.field] = {
                "description": f"{scorecard.heading}: a rating, the reason and the evidence for "
                               f"each component.{only}", **ratings_schema(scorecard)}
        add_rating_choices(schema, scorecard)
    elif name == SEED_SCHEMA and taxonomy.articles:
        stance = schema["properties"]["claims"]["items"]["properties"]["stance"]
        stance["enum"] = [s.id for s in taxonomy.articles.stances]
    elif name == EVENT_SCHEMA:
        fields = schema["properties"]
        if taxonomy.events:
            fields["kind"]["oneOf"] = [{"const": k.id, "title": k.title, "description": k.description}
                                       for k in taxonomy.events.kinds]
        records = {k.record for k in taxonomy.events.kinds} if taxonomy.events else set()
        for record in ("release", "measure"):
            if record not in records:  # no kind carries it: an event may not either
                del fields[record]
        if "release" in fields:
            weights = fields["release"]["properties"]["weights"]
            if taxonomy.scorecard:
                weights["enum"] = [r.id for r in taxonomy.scorecard.ratings]
            else:  # no rating scale to judge the weights on
                del fields["release"]["properties"]["weights"]
    return schema


def ratings_schema(scorecard: Scorecard) -> dict[str, Any]:
    """The schema of one entry's ratings, in an entry and in the data files alike: every
    component, each a rating (``#/$defs/rating``) under the component's title."""
    return {"type": "object", "additionalProperties": False,
            "required": [c.id for c in scorecard.components],
            "properties": {c.id: {"$ref": "#/$defs/rating", "title": c.title}
                           for c in scorecard.components}}


def add_rating_choices(schema: dict[str, Any], scorecard: Scorecard | None, *,
                       meanings: bool = False) -> None:
    """Name the scorecard's ratings in the rating of ``schema`` (``#/$defs/rating``), with
    ``meanings``, each with what it means (for the data files' readers: a contributor's check
    names the choices alone). Without a scorecard nothing is rated, and the definition goes."""
    if scorecard is None:
        del schema["$defs"]["rating"]
        return
    rating = schema["$defs"]["rating"]["properties"]["rating"]
    rating["enum"] = [r.id for r in scorecard.ratings]
    if meanings:
        rating["description"] = " ".join(
            f"{r.id}: {meaning}{'' if meaning.endswith(('.', '!', '?')) else '.'}"
            for r in scorecard.ratings for meaning in [r.description or r.title])


def _apply_short_rules(short: dict[str, Any], rules: ShortRules) -> None:
    """The ``short`` field's schema as the site's rules for it say."""
    short["maxLength"] = rules.max_length
    what = ("One plain-text sentence" if rules.sentences == 1 and rules.markup == "none" else
            "One sentence" if rules.sentences == 1 else
            f"At most {rules.sentences} sentences" if rules.sentences else "One or more sentences")
    markup = ("No Markdown, no HTML." if rules.markup == "none" else
              "It may hold `code` and *emphasis*; no links, no HTML.")
    short["description"] = (f"{what} of at most {rules.max_length} characters, used for tooltips, "
                            f"search previews and the page description. {markup}")


def schema_files(taxonomy: Taxonomy) -> dict[str, str]:
    """The schemas a project keeps in ``schemas/`` (``termbook schema`` writes them), by file
    name: its entries' formats for ``taxonomy``, and the format of ``termbook.yml`` itself."""
    names = ([TERM_SCHEMA] + ([SEED_SCHEMA] if taxonomy.articles else [])
             + ([EVENT_SCHEMA] if taxonomy.events else []) + [TAXONOMY_SCHEMA])
    return {name: json.dumps(entry_schema(name, taxonomy), indent=2, ensure_ascii=False) + "\n"
            for name in names}


@functools.cache
def _validator(name: str, taxonomy: Taxonomy) -> jsonschema.protocols.Validator:
    # Imported here: a check of valid entries never needs it, and it takes a third of the
    # time the check command needs to start.
    import jsonschema
    from referencing import Registry, Resource

    schemas = [entry_schema(n, taxonomy) for n in SCHEMAS]
    registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas)
    schema = entry_schema(name, taxonomy)
    cls = jsonschema.validators.validator_for(schema)
    formats = jsonschema.FormatChecker(())
    formats.checkers = {**cls.FORMAT_CHECKER.checkers, urls.FORMAT: (_is_url, ())}
    return cls(schema, registry=registry, format_checker=formats)


def release_validators() -> None:
    """Let the compiled validators go once the entries are read: at a thousand terms they hold
    about 2 MB that a build would otherwise keep to its end, and compiling them again for the
    next read takes a few hundredths of a second."""
    _passes.cache_clear()
    _validator.cache_clear()


@functools.cache
def _passes(name: str, taxonomy: Taxonomy) -> Callable[[Any], Any]:
    """A yes-or-no check compiled from the same schema, which raises at the first problem.

    jsonschema walks the schema anew for every entry (about 1.3 s for 10,000 entries); this
    compiled check takes a tenth of that, so only entries that fail it pay for jsonschema's
    full error collection. It is never more lenient than jsonschema: it checks dates as
    jsonschema's format checker does (:func:`_is_date`), and where the two differ it is
    stricter (its patterns' "$" does not match before a final line break), which only sends
    an entry to jsonschema. It is compiled from :func:`_compilable`, the same rules in the
    form that fastjsonschema turns into the fastest code, and its exceptions carry no details
    (jsonschema describes the problems): that makes it three times faster to compile.
    """
    schema = entry_schema(name, taxonomy)
    return fastjsonschema.compile(_compilable(schema, schema["$id"], taxonomy),
                                  use_default=False, formats={"date": _is_date, urls.FORMAT: _is_url},
                                  detailed_exceptions=False)


def _compilable(node: Any, base: str, taxonomy: Taxonomy) -> Any:
    """The schema ``node`` (found in the schema with id ``base``) accepting the same values,
    but with every "$ref" replaced by what it points to, and every "oneOf" that only lists
    constants written as an "enum". fastjsonschema calls a function for each reference,
    formatting the path of the value for a message it may never need, and tries each "oneOf"
    option by raising an exception: together these took half of its time. (No schema refers
    to itself, so the inlining ends.)"""
    if isinstance(node, list):
        return [_compilable(item, base, taxonomy) for item in node]
    if not isinstance(node, dict):
        return node
    # Definitions are inlined where they are used; "$id" would change what a "$ref" means.
    compiled = {key: _compilable(value, base, taxonomy) for key, value in node.items()
                if key not in ("$ref", "$defs", "$id")}
    if "$ref" in node:  # applies alongside the node's own keywords, as allOf does
        target, target_id = _resolve(node["$ref"], base, taxonomy)
        compiled["allOf"] = [*compiled.get("allOf", ()), _compilable(target, target_id, taxonomy)]
    options = compiled.get("oneOf") or ()
    constants = [option.get("const") for option in options]
    if (constants and all(option.keys() - _ANNOTATIONS == {"const"} for option in options)
            and all(isinstance(c, str) for c in constants) and len(set(constants)) == len(constants)):
        # Distinct texts: exactly one option matches when the value is one of them.
        del compiled["oneOf"]
        compiled["enum"] = constants
    return compiled


def _resolve(ref: str, base: str, taxonomy: Taxonomy) -> tuple[dict[str, Any], str]:
    """What the "$ref" ``ref`` in the schema with id ``base`` points to, and the id of the
    schema that holds it."""
    target_id, _, pointer = urllib.parse.urljoin(base, ref).partition("#")
    target = next(entry_schema(n, taxonomy) for n in SCHEMAS
                  if load_schema(n)["$id"] == target_id)
    for part in pointer.split("/")[1:]:  # a JSON pointer; the schemas refer to no list item
        target = target[part.replace("~1", "/").replace("~0", "~")]
    return target, target_id


#: A place in data as :func:`fields_with` names it: keys, with None for any list item or
#: any key of a mapping whose keys the data chooses (categories, components ...).
Pattern = tuple[str | None, ...]
#: How the schemas mark a Markdown field.
MARKDOWN = "text/markdown"


@functools.cache
def fields_with(name: str, keyword: str, taxonomy: Taxonomy = NO_TAXONOMY
                ) -> tuple[tuple[Pattern, Any], ...]:
    """Where in a file of schema ``name`` a value's schema has ``keyword`` (after following
    "$ref"), with the keyword's value: the Markdown fields (``contentMediaType``), the address
    fields (``format``), the texts with placeholders (``x-placeholders``). Worked out from the
    schema, so a field added there is found without a list to update."""
    schema = entry_schema(name, taxonomy)
    found: list[tuple[Pattern, Any]] = []
    pending: list[tuple[dict[str, Any], str, Pattern]] = [(schema, schema["$id"], ())]
    while pending:  # the schemas are not recursive: this ends
        node, base, place = pending.pop()
        while "$ref" in node:  # a reference's own keywords apply too: the target's are added
            target, base = _resolve(node["$ref"], base, taxonomy)
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        if keyword in node:
            found.append((place, node[keyword]))
        for key, child in node.get("properties", {}).items():
            pending.append((child, base, place + (key,)))
        for key in ("items", "additionalProperties"):
            if isinstance(node.get(key), dict):
                pending.append((node[key], base, place + (None,)))
    return tuple(sorted(found, key=lambda item: tuple(p or "" for p in item[0])))


def markdown_fields(name: str, data: Any, taxonomy: Taxonomy = NO_TAXONOMY) -> list[Location]:
    """Every Markdown field of ``data``, a (schema-valid) file of schema ``name``."""
    return [location for pattern, media in fields_with(name, "contentMediaType", taxonomy)
            if media == MARKDOWN for location in locations(data, pattern)]


def locations(data: Any, pattern: Pattern) -> list[Location]:
    """Every place in ``data`` that matches ``pattern`` (see :func:`fields_with`)."""
    found: list[Location] = [()]
    for part in pattern:
        deeper: list[Location] = []
        for place in found:
            value = value_at(data, place)
            if part is None:
                keys = (range(len(value)) if isinstance(value, list)
                        else value.keys() if isinstance(value, dict) else ())
                deeper += [place + (key,) for key in keys]
            elif isinstance(value, dict) and part in value:
                deeper.append(place + (part,))
        found = deeper
    return found


def value_at(data: Any, location: Location) -> Any:
    """The value at ``location`` in ``data``."""
    for part in location:
        data = data[part]
    return data


def _is_url(value: Any) -> bool:
    """The format of address fields: an http(s) address that :func:`termbook.urls.problem`
    finds nothing wrong with."""
    return not isinstance(value, str) or urls.problem(value) is None


def _is_date(value: Any) -> bool:
    """jsonschema's test for the "date" format: YYYY-MM-DD, and a real day."""
    if not isinstance(value, str):
        return True
    try:
        return bool(_DATE.fullmatch(value) and datetime.date.fromisoformat(value))
    except ValueError:
        return False


def validate(name: str, data: Any, lines: Mapping[Location, int], display: str,
             taxonomy: Taxonomy = NO_TAXONOMY) -> list[Finding]:
    """Every schema problem in ``data`` (checked against ``name`` for a site with
    ``taxonomy``), at most one per field (the first is the useful one)."""
    try:
        _passes(name, taxonomy)(data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass  # there is a problem: let jsonschema find every one and say what each is
    findings: dict[tuple[int, str], Finding] = {}
    for error in sorted(_validator(name, taxonomy).iter_errors(data), key=_error_order):
        for finding in _describe(error, lines, display):
            if finding.rule == "empty-field" and _optional(name, taxonomy, data, tuple(error.absolute_path)):
                finding = dataclasses.replace(
                    finding, hint=f"{finding.hint} Or delete the line: the field is optional.")
            findings.setdefault((finding.line, finding.field), finding)
    return list(findings.values())


def _optional(name: str, taxonomy: Taxonomy, data: Any, location: Location) -> bool:
    """Whether the field at ``location`` may be left out: without it, nothing required is
    missing. Asked only of empty fields, so the second validation is rare."""
    if not location or not isinstance(location[-1], str):
        return False  # a list item, not a field
    trimmed = copy.deepcopy(data)
    parent = trimmed
    for part in location[:-1]:
        parent = parent[part]
    del parent[location[-1]]
    return not any(error.validator == "required" and tuple(error.absolute_path) == location[:-1]
                   for error in _validator(name, taxonomy).iter_errors(trimmed))


def _error_order(error: jsonschema.ValidationError) -> tuple[tuple[str, ...], bool]:
    # Report type errors before the finer checks that follow from them.
    return (tuple(str(p) for p in error.absolute_path), error.validator != "type")


_TYPE_WORDS = {"object": "a mapping of fields", "array": "a list", "string": "text"}


def _describe(error: jsonschema.ValidationError, lines: Mapping[Location, int],
              display: str) -> list[Finding]:
    location: Location = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    hint = schema.get("description", "")
    # What a validator reports is always set; the stubs allow "unset" for errors made by hand.
    value: Any = error.instance
    constraint: Any = error.validator_value

    def at(loc: Location, message: str, hint: str = hint, rule: str = "") -> Finding:
        # A subschema can name the rule it stands for ("x-rule"), so that, say, a javascript:
        # URL is reported as unsafe-url rather than as a pattern mismatch.
        rule = rule or schema.get("x-rule") or f"schema-{error.validator}"
        return Finding(display, line_of(lines, loc), field_name(loc), message, hint, rule)

    if value is None or value == "":
        # A field left empty, as `termbook new` leaves each one for the contributor: say what
        # goes there (and the choices, for a field that has them) rather than what type it is.
        choices = _choices(schema)
        offer = f"Write one of: {', '.join(choices)}." if choices else ""
        what = " ".join(filter(None, [hint, offer]))
        return [at(location, "is empty", what or "give it a value, or remove the field",
                   "empty-field")]

    match error.validator:
        case "required":
            missing = [name for name in constraint if name not in (value or {})]
            props = schema.get("properties", {})
            return [at(location + (name,), "required field is missing",
                       props.get(name, {}).get("description", ""), "missing-field")
                    for name in missing]
        case "additionalProperties":
            known = list(schema.get("properties", {}))
            extra = [name for name in value if name not in known]
            return [at(location + (name,), "unknown field",
                       did_you_mean(str(name), known) or f"allowed fields: {', '.join(known)}",
                       "unknown-field") for name in extra]
        case "type":
            return [at(location, f"must be {_TYPE_WORDS.get(constraint, constraint)}")]
        case "maxLength":
            return [at(location, f"is {len(value)} characters long; the limit is {constraint}")]
        case "minLength":
            return [at(location, f"is too short (at least {constraint} characters)")]
        case "minItems":
            return [at(location, f"needs at least {constraint} item(s)")]
        case "uniqueItems":
            return [at(location, "lists the same value twice", "remove the repeat")]
        case "pattern":
            return [at(location, f"'{_clip(value)}' is not in the expected form")]
        case "format" if constraint == urls.FORMAT:
            what, fix = urls.problem(value) or ("is not an http(s) address", hint)
            return [at(location, f"'{_clip(value)}' {what}", fix)]
        case "format":
            return [at(location, f"'{_clip(value)}' is not a real {constraint}",
                       hint, "invalid-date")]
        case "enum" | "oneOf" | "anyOf" if _choices(schema, nested=False):
            choices = _choices(schema)
            return [at(location, f"'{_clip(value)}' is not one of: {', '.join(choices)}",
                       did_you_mean(str(value), choices), "schema-enum")]
        case "anyOf" if all(option.keys() == {"required"} for option in constraint):
            either = [name for option in constraint for name in option["required"]]
            return [at(location, f"needs {' or '.join(repr(n) for n in either)}",
                       "write a short definition, a definition, or both", "missing-field")]
        case "oneOf" | "anyOf" if error.context:
            # Several forms (one id, or a list of ids): describe the problems of the form
            # the value has, rather than say that it matches none of them.
            kinds = {index for index, option in enumerate(constraint)
                     if _has_type(option, value)}
            return [finding for inner in error.context
                    if inner.relative_schema_path[0] in kinds or not kinds
                    for finding in _describe(inner, lines, display)] or [at(location, error.message)]
    return [at(location, error.message)]


def _has_type(option: dict[str, Any], value: Any) -> bool:
    """Whether ``value`` has the JSON type that one form of a field (a ``oneOf`` option)
    takes: a list for a list form, else text."""
    return (option.get("type") == "array") == isinstance(value, list)


def _choices(schema: dict[str, Any], nested: bool = True) -> list[str]:
    """The values a field may take when the schema lists them (enum, or oneOf of consts);
    with ``nested``, also those of a field of several forms, such as one id or a list."""
    if "enum" in schema:
        return [str(c) for c in schema["enum"]]
    options = schema.get("oneOf") or schema.get("anyOf") or []
    if options and all("const" in o for o in options):
        return [str(o["const"]) for o in options]
    if not nested:
        return []
    # A field of several forms (one id, or a list of ids): the choices of the first that has.
    return next((found for o in options if (found := _choices(o.get("items", o)))), [])


def _clip(value: Any, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
