"""Text from the data never becomes markup, in any output the engine makes.

Two kinds of test. The first plants hostile values into every text field of every schema
(:mod:`tests.hostile_values`: a term, an article, an event, termbook.yml, fields found in
the schemas)
and accepts exactly two outcomes for each: the check refuses it with a finding that names the
file and the field, or every output shows it as typed, with no element or attribute of its
own: the pages (Markdown rendered to HTML with the site's extensions), page titles and search
keywords (front matter), the tooltip data (terms.js), the JSON-LD, and every data file
(glossary.json, .ttl, .csv, openness.json, .csv, events.csv). The second feeds random mixes of markup
through the plain-text fields (property-based).
"""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import json
import urllib.parse
from pathlib import Path

import markdown
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser as HTMLParser

import termbook
from termbook import inline
from termbook.export import Publication, event_files, export_files, head_html
from termbook.layout import term_path
from termbook.model import Glossary, Source
from termbook.render import plain, render_pages
from termbook.scorecard import scorecard_files, scorecard_pages
from termbook.taxonomy import EntryPolicy
from termbook.tooltips import tooltip_data

from . import hostile_values as hostile
from .conftest import MINI

BASE = termbook.load(termbook.Project.at(MINI))

#: Pieces of markup of every family (tags, event attributes, URLs, entity-encoded), mixed
#: with ordinary words and the characters Markdown gives a meaning.
PIECES = ["<", ">", "&", '"', "'", "/", "=", "`", "*", "_", "[", "]", "(", ")", "{", "}", "#",
          "|", "~", "^", "\\", "!", ":", " ", "a", "Z", "<script>", "</script>", "<img src=x ",
          "onerror=alert(1)", "<svg onload=alert(1)>", "<iframe ", "<style>", "javascript:",
          "&lt;", "&#60;", "&#x3c;", "&amp;", "[[weights]]", "](", "{: onclick=x }", "<!--"]
texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join).filter(
    lambda text: text.strip() != "")

#: What no output may contain, whatever the data says.
FORBIDDEN_TAGS = ("script", "iframe", "style", "img", "svg", "object", "embed", "form", "input")
#: The extensions of this site's mkdocs.yml (superfences included: it writes a fenced block's
#: attribute list onto the block, as fenced_code does).
SITE_EXTENSIONS = ["abbr", "admonition", "attr_list", "footnotes", "md_in_html", "tables", "toc",
                   "pymdownx.details", "pymdownx.superfences"]
PUBLICATION = Publication(title="Test", inputs_digest="sha256:0", site_url="https://example.org/",
                          directory_urls=True, language="en", licence=None)


def markup_in(page_html: str) -> list[str]:
    """Elements and attributes in ``page_html`` that text from the data could have smuggled in."""
    tree = HTMLParser(page_html)
    found = [node.tag for node in tree.css(", ".join(FORBIDDEN_TAGS))]
    for node in tree.css("*"):
        for name, value in node.attributes.items():
            if name.lower().startswith("on") or name.lower() in ("srcdoc", "data-md-component"):
                found.append(f"{node.tag}[{name}]")
            if name in ("href", "src") and urllib.parse.urlsplit(
                    "".join((value or "").split())).scheme.lower() not in ("", "http", "https"):
                found.append(f"{node.tag}[{name}={value}]")
    return found


# --- hostile values in every field of every schema ----------------------------------------

def test_every_field_of_every_schema_is_planted(planted: list[hostile.Planted]):
    fields = {(item.field.schema, item.field.pattern) for item in planted}
    for name in hostile.SCHEMAS:
        assert {(name, f.pattern) for f in hostile.text_fields(name)} <= fields
    # Address fields and Markdown fields are found from the schemas too.
    assert {f.pattern for f in hostile.text_fields(hostile.TERM) if f.is_url} >= {
        ("sources", None, "url"), ("openness", "weights", "evidence")}
    # Every text and address field of an event, its records' included.
    assert {f.pattern for f in hostile.text_fields(hostile.EVENT)} >= {
        ("title",), ("text",), ("date_note",), ("release", "name"), ("release", "licence"),
        ("measure", "quantity"), ("measure", "values", None, "unit"), ("sources", None, "title"),
        ("sources", None, "publisher")}
    assert {f.pattern for f in hostile.text_fields(hostile.EVENT) if f.is_url} == {("sources", None, "url")}
    assert {f.pattern for f in hostile.text_fields(hostile.EVENT) if f.is_markdown} == {("text",)}
    assert {f.pattern for f in hostile.text_fields(hostile.CONFIG) if f.is_markdown} == {
        ("scorecard", "intro"), ("scorecard", "entry_intro"), ("scorecard", "about"),
        ("labels", None)}


def test_a_refused_value_is_refused_with_its_file_and_field(planted: list[hostile.Planted]):
    unnamed = [(item.path, item.field_name, item.family, item.findings)
               for item in planted if item.refused and not item.named()]
    assert unnamed == []
    # What must never pass: markup that ends a link or an attribute, in an address ...
    for item in planted:
        if item.field.is_url and item.family in ("link-breakout", "quote-breakout", "tag", "javascript",
                                                 "entity-scheme", "reference-link"):
            assert item.refused, (item.path, item.field_name, item.value)
    # ... and raw HTML, script links and attribute lists in Markdown, termbook.yml's included.
    for item in planted:
        if item.field.is_markdown and item.family in (
                "tag", "script", "svg", "read-link", "reference-link", "fenced-attributes"):
            assert item.refused, (item.path, item.field_name, item.value)


@pytest.mark.parametrize("shape", hostile.SHAPES)
@pytest.mark.parametrize("family", list(hostile.PAYLOADS))
def test_an_accepted_value_shows_as_typed_in_every_output(planted: list[hostile.Planted],
                                                          family: str, shape: str, tmp_path: Path):
    accepted = [item for item in planted
                if item.family == family and item.shape == shape and not item.refused]
    project = hostile.fresh_project(tmp_path)
    for name, path in ((hostile.TERM, "glossary/planted{}.yaml"), (hostile.ARTICLE, "seeds/planted{}.yaml"),
                       (hostile.EVENT, "events/2025-01-02-planted{}.yaml"), (hostile.CONFIG, "termbook.yml")):
        mine = [item for item in accepted if item.field.schema == name]
        if mine:
            for index, document in enumerate(hostile.combine(mine, 0)):
                hostile.write_yaml(project / path.format(f"-{index}" if index else ""), document)
    glossary, findings = termbook.check(termbook.Project.at(project))
    assert glossary is not None, [str(f) for f in findings]

    texts, links = [], []
    for page in render_pages(glossary) + scorecard_pages(glossary):
        body = markdown.Markdown(extensions=SITE_EXTENSIONS).convert(page.markdown.split("---\n", 2)[2])
        assert markup_in(body) == [], (page.path, body)
        meta = front_matter(page.markdown)
        # Themes and search dialogs insert these as HTML: escaped, they show as typed.
        assert all("<" not in text for text in [meta["title"], meta["description"], *meta.get("tags", [])])
        tree = HTMLParser(body)
        texts += [tree.body.text(separator=" ") if tree.body else "", html.unescape(meta["title"]),
                  *map(html.unescape, meta.get("tags", []))]
        links += [node.attributes.get("href") or "" for node in tree.css("a")]
    shown_text = shown(" ".join(texts))
    for item in accepted:
        mark = hostile.token(item.number)
        if item.field.is_url:  # each link goes where the entry says, percent-encoded or not
            hrefs = [href for href in links if mark in href]
            # (An article's links show unless termbook.yml's planted value moved its folder.)
            assert hrefs or item.field.schema != hostile.TERM, (item.field_name, item.value)
            assert all(urllib.parse.unquote(href) == urllib.parse.unquote(item.value)
                       for href in hrefs), (item.field_name, item.value, hrefs)
        elif not item.field.is_markdown and mark in shown_text:
            assert shown(item.value) in shown_text, (item.field_name, item.value)

    data_files = {**export_files(glossary, PUBLICATION), **scorecard_files(glossary, PUBLICATION),
                  **event_files(glossary)}
    strings = set()
    for path, content in data_files.items():
        text = content.decode("utf-8")
        if path.endswith(".json"):
            strings |= strings_in(json.loads(text))
        elif path.endswith(".csv"):
            for row in csv.reader(io.StringIO(text, newline="")):
                assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), row
                strings |= set(row)
        elif path.endswith(".ttl"):
            graph = rdflib.Graph().parse(data=text, format="turtle")
            strings |= {str(o) for o in graph.objects() if isinstance(o, rdflib.Literal)}
    script = tooltip_data(glossary)
    strings |= strings_in(json.loads(script.removeprefix("window.termbookShorts = ").rstrip(";\n")))
    for path, head in head_html(glossary, PUBLICATION).items():
        inner = head.split("</script>")[0].removeprefix('<script type="application/ld+json">')
        assert "<" not in inner, path  # nothing in the data can close the script element
        strings |= strings_in(json.loads(inner))
    for item in accepted:  # data files hold each value exactly as typed, where they hold it
        mark = hostile.token(item.number)
        held = {s for s in strings if mark in s}
        assert all(item.value.strip() in s for s in held), (item.field_name, item.value, held)


def front_matter(page: str) -> dict:
    head = page.split("---\n", 2)[1]
    return {key: json.loads(value) for key, value in
            (line.split(": ", 1) for line in head.splitlines())}


def shown(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=texts, alias=texts, abbreviation=texts, short=texts, citation=texts, reason=texts,
       claim=texts)
def test_plain_fields_never_become_markup(name, alias, abbreviation, short, citation, reason,
                                          claim):
    model = BASE.terms["example-model"]
    term = dataclasses.replace(
        model, term=name, aliases=(alias,), abbreviation=abbreviation, short=short,
        sources=(Source(title=citation, publisher=citation, date="2026", url=None, note=citation),),
        ratings=tuple(dataclasses.replace(r, reason=reason) for r in model.ratings))
    article = next(iter(BASE.articles.values()))
    article = dataclasses.replace(
        article, title=citation,
        claims=tuple(dataclasses.replace(c, claim=claim) for c in article.claims))
    glossary = Glossary(terms={**BASE.terms, term.id: term}, articles={article.id: article},
                        taxonomy=BASE.taxonomy)

    for page in render_pages(glossary) + scorecard_pages(glossary):
        converter = markdown.Markdown(extensions=SITE_EXTENSIONS)
        body = converter.convert(page.markdown.split("---\n", 2)[2])
        assert markup_in(body) == [], (page.path, body)
        meta = front_matter(page.markdown)
        # Themes and Material's search dialog insert these as HTML: escaped, they show as typed.
        assert "<" not in meta["title"] and "<" not in meta["description"]
        assert all("<" not in tag for tag in meta.get("tags", []))
        if page.path == term_path(term.id):
            assert html.unescape(meta["title"]) == name
            assert [html.unescape(tag) for tag in meta["tags"]] == list(term.labels)
            assert HTMLParser(body).css_first("h1").text() == shown(name)

    script = tooltip_data(glossary)
    assert json.loads(script.removeprefix("window.termbookShorts = ").rstrip(";\n"))[term.id] == short

    heads = head_html(glossary, PUBLICATION)
    head = heads[term_path(term.id)]
    inner = head.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner  # nothing in the data can close the script element
    assert name in strings_in(json.loads(inner))  # and JSON readers get the name as typed


def strings_in(data) -> set[str]:
    if isinstance(data, dict):
        return set().union(*map(strings_in, data.values()))
    if isinstance(data, list):
        return set().union(*map(strings_in, data))
    return {data} if isinstance(data, str) else set()


#: Inline markup a short definition may hold where the site allows it, mixed with the pieces.
INLINE = ["`", "``", "*", "**", "_", " ", "x"]
inline_texts = st.lists(st.sampled_from(PIECES + INLINE), min_size=1, max_size=16).map("".join) \
    .filter(lambda t: t.strip())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(short=inline_texts)
def test_inline_markup_in_shorts_never_lets_other_markup_in(short):
    """On a site that allows `code` and *emphasis* in short definitions (the default), they
    are the only markup: no element or attribute of any other kind, in pages or tooltips."""
    taxonomy = dataclasses.replace(BASE.taxonomy, entries=EntryPolicy())
    term = dataclasses.replace(BASE.terms["example-model"], short=short)
    glossary = Glossary(terms={**BASE.terms, term.id: term}, articles=BASE.articles,
                        taxonomy=taxonomy)
    for page in render_pages(glossary):
        body = markdown.Markdown(extensions=SITE_EXTENSIONS).convert(
            page.markdown.split("---\n", 2)[2])
        assert markup_in(body) == [], (page.path, body)
        if page.path == term_path(term.id):
            tree = HTMLParser(body)
            shown_short = tree.css_first(".tb-short")
            assert {node.tag for node in tree.css(".tb-short *")} <= {"code", "em", "strong"}
            assert shown(shown_short.text()) == shown(inline.plain_text(short))
    data = json.loads(tooltip_data(glossary).removeprefix("window.termbookShorts = ").rstrip(";\n"))
    pieces = data[term.id]
    assert isinstance(pieces, str) or all(kind in ("text", "code", "em", "strong") for kind, _ in pieces)


@pytest.mark.parametrize("short,shown_as", [
    ("Use `git` to commit", "Use git to commit"),
    ("a *b* c", "a b c"),
    ("<iframe `<`", "<iframe <"),
    ("`kubectl` applies it", "kubectl applies it"),
])
def test_inline_markup_in_a_short_keeps_the_spaces_around_it(short, shown_as):
    """The words beside code or emphasis stay apart on the page, as the reader typed them."""
    body = markdown.Markdown(extensions=SITE_EXTENSIONS).convert(inline.markdown(short, plain))
    assert HTMLParser(body).body.text() == shown_as
