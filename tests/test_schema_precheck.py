"""The compiled schema pre-check must never pass an entry that jsonschema would refuse.

:func:`termbook.schema.validate` skips jsonschema's error collection for entries that pass the
fast compiled check; if the fast check were more lenient anywhere, a bad entry would slip
through. Hypothesis breaks valid entries in many ways and compares the two.
"""

from __future__ import annotations

import copy

import fastjsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from termbook import schema
from termbook.yamlfile import read_yaml

from .conftest import MINI
from .sample_glossary import SITE_TAXONOMY

TERM = read_yaml(MINI / "glossary" / "example-model.yaml", "x.yaml")[0]
SEED = read_yaml(MINI / "seeds" / "test-article.yaml", "x.yaml")[0]

# Values of the kinds the YAML reader produces (text, nothing, lists, mappings), with text
# near the schema's edges: dates, ids, URLs, line breaks, lengths at the limits.
texts = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "2026-02-30", "2026-02-28", "2026-13", "2026", "26-01-01", "2026-01-01\n",
                     "open", "partial", "models", "Models", "stable", "for-openness", "weights",
                     "Weights", "a-b", "a--b", "https://example.org/x", "https://example.org/x\n",
                     "javascript:alert(1)", "http://a b", "x" * 200, "x" * 201, "x" * 9,
                     "The article argues x", "The articles argue x", "MoE", "x" * 21]))
values = st.recursive(st.none() | texts,
                      lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(texts | st.sampled_from(["title", "url", "date", "rating"]),
                                        inner, max_size=3),
                      max_leaves=6)


def places(data, path=()):
    """Every location in ``data``, containers included."""
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from places(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from places(value, path + (index,))


@st.composite
def broken(draw, valid):
    data = copy.deepcopy(valid)
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(list(places(data))[1:]))
        parent = data
        for part in where[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[where[-1]] = draw(values)
        elif action == "delete":
            del parent[where[-1]]
        elif isinstance(parent, dict):
            parent[draw(texts)] = draw(values)
        else:
            parent.append(draw(values))
        if not isinstance(data, dict):
            break
    return data


def jsonschema_accepts(name, data):
    return not any(schema._validator(name, SITE_TAXONOMY).iter_errors(data))


def fast_accepts(name, data):
    try:
        schema._passes(name, SITE_TAXONOMY)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def test_both_accept_the_valid_entries():
    assert fast_accepts(schema.TERM_SCHEMA, TERM) and jsonschema_accepts(schema.TERM_SCHEMA, TERM)
    assert fast_accepts(schema.SEED_SCHEMA, SEED) and jsonschema_accepts(schema.SEED_SCHEMA, SEED)


@settings(max_examples=600, deadline=None)
@given(broken(TERM))
def test_precheck_never_passes_a_term_jsonschema_refuses(data):
    if fast_accepts(schema.TERM_SCHEMA, data):
        assert jsonschema_accepts(schema.TERM_SCHEMA, data)


@settings(max_examples=400, deadline=None)
@given(broken(SEED))
def test_precheck_never_passes_a_seed_jsonschema_refuses(data):
    if fast_accepts(schema.SEED_SCHEMA, data):
        assert jsonschema_accepts(schema.SEED_SCHEMA, data)


def test_an_impossible_date_is_refused_by_both():
    data = {**TERM, "reviewed": "2026-02-30"}
    assert not fast_accepts(schema.TERM_SCHEMA, data)
    assert [f.rule for f in schema.validate(schema.TERM_SCHEMA, data, {}, "x.yaml", SITE_TAXONOMY)] == ["invalid-date"]
