"""Plain-text fields never become markup, in any output the engine makes (property-based).

Names, aliases, abbreviations, short definitions, citations, article titles, claims and
openness reasons reach pages (Markdown rendered to HTML), page titles and search keywords
(front matter), the tooltip data (terms.js) and the JSON-LD. Whatever text they hold, each
output must show it as typed and carry no element or attribute of its own.
"""

from __future__ import annotations

import dataclasses
import html
import json

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser as HTMLParser

import termbook
from termbook.export import Publication, head_html
from termbook.tooltips import tooltip_data
from termbook.model import Glossary, Source
from termbook.layout import term_path
from termbook.render import render_pages
from termbook.scorecard import scorecard_pages

from .conftest import MINI

BASE = termbook.load(MINI / "glossary", MINI / "seeds", root=MINI)

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
SITE_EXTENSIONS = ["abbr", "admonition", "attr_list", "footnotes", "md_in_html", "tables", "toc"]


def markup_in(page_html: str) -> list[str]:
    """Elements and attributes in ``page_html`` that plain text could have smuggled in."""
    tree = HTMLParser(page_html)
    found = [node.tag for node in tree.css(", ".join(FORBIDDEN_TAGS))]
    for node in tree.css("*"):
        for name, value in node.attributes.items():
            if name.lower().startswith("on"):
                found.append(f"{node.tag}[{name}]")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript"):
                found.append(f"{node.tag}[{name}={value}]")
    return found


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
        openness=tuple(dataclasses.replace(r, reason=reason) for r in model.openness))
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

    heads = head_html(glossary, Publication(title="Test", inputs_digest="sha256:0",
                                            site_url="https://example.org/", directory_urls=True,
                                            language="en", licence=None))
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
