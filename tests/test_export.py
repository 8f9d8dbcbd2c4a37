"""The glossary as data: glossary.json, glossary.ttl, glossary.csv and the pages' JSON-LD.

Every published file is read with a real parser (jsonschema against the published schema,
rdflib for Turtle and JSON-LD, the csv module), from real site builds of the small project.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import jsonschema
import pytest
import rdflib
from mkdocs.config import load_config
from rdflib.namespace import DCTERMS, RDF, SKOS
from selectolax.lexbor import LexborHTMLParser

import termbook
from termbook.export import (
    CSV_COLUMNS,
    MARKDOWN,
    PageData,
    Publication,
    export_files,
    export_schema_bytes,
    inert_cell,
    inputs_digest,
    jsonld_script,
)
from termbook.scorecard import ratings_csv, ratings_schema_document

from .conftest import MINI, ROOT, run_mkdocs
from .sample_glossary import SITE_TAXONOMY

# rdflib's JSON-LD reader uses its own deprecated ConjunctiveGraph internally.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

SDO = rdflib.Namespace("http://schema.org/")
LEXINFO = rdflib.Namespace("http://www.lexinfo.net/ontology/3.0/lexinfo#")
EXPORTS = ("glossary.json", "glossary.ttl", "glossary.csv", "schemas/glossary.schema.json")
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
# What relative addresses are read against in a site without a site_url.
STAND_IN_BASE = "https://site.invalid/"

# A term whose names need escaping in every format: quotes, a backslash, markup, line breaks,
# a tab, characters outside the BMP, an alias equal to the name, and formula-like cells.
TRICKY_TERM = r"""term: 'Tricky "quoted" \ name'
abbreviation: "=TRK"
aliases:
  - 'Tricky "quoted" \ name'
  - "</script><script>alert(1)</script>"
  - "comma, semicolon; and \"quotes\""
  - "+cell @formula"
  - "Zürich — “curly” 𝄞"
short: A term whose names hold quotes, backslashes and other characters that need escaping.
definition: A test entry.
category: fundamentals
broader: [weights]
related: [open-weights]
sources:
  - title: Test source
    publisher: Tests
    date: "2026"
reviewed: 2026-11-21
"""
TRICKY_NAME = 'Tricky "quoted" \\ name'
TRICKY_OTHER_NAMES = {"=TRK", "</script><script>alert(1)</script>", 'comma, semicolon; and "quotes"',
                      "+cell @formula", "Zürich — “curly” 𝄞"}


@dataclasses.dataclass(frozen=True)
class Built:
    """A built copy of the small project, and how its addresses map to its files."""

    site: Path
    project: Path
    base: str  # the site_url, or the stand-in that relative addresses are read against
    directory_urls: bool
    licence: str | None

    def read(self, path: str) -> bytes:
        return (self.site / path).read_bytes()

    def file_of(self, address: str) -> Path:
        """The built file an absolute address leads to (a folder address to its index.html)."""
        assert address.startswith(self.base), address
        path = address.removeprefix(self.base).split("#")[0]
        return self.site / (path + "index.html" if path.endswith("/") or not path else path)

    def assert_resolves(self, address: str) -> None:
        assert self.file_of(address).is_file(), f"{address} leads to no built file"

    def glossary(self) -> termbook.Glossary:
        return termbook.load(termbook.Project.at(self.project))


def _project_with_tricky_term(folder: Path, *, hosted: bool) -> Path:
    """A copy of the small project with the tricky term; ``hosted``: as the fixture is (a
    site_url, directory URLs, no licence); otherwise no site_url, .html URLs and a licence."""
    shutil.copytree(MINI, folder)
    (folder / "glossary/tricky.yaml").write_text(TRICKY_TERM, encoding="utf-8")
    if not hosted:
        config = folder / "mkdocs.yml"
        text = config.read_text().replace("site_url: https://example.org/\n", "use_directory_urls: false\n")
        text = text.replace("plugins: [search, termbook]", f"plugins: [search, {{termbook: {{licence: '{CC_BY}'}}}}]")
        config.write_text(text)
    return folder


@pytest.fixture(scope="module", params=["hosted", "relative"])
def built(request, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The small project plus the tricky term, built as hosted (absolute addresses, directory
    URLs) and as relative (no site_url, .html pages, a licence)."""
    hosted = request.param == "hosted"
    work = tmp_path_factory.mktemp(f"export-{request.param}")
    project = _project_with_tricky_term(work / "project", hosted=hosted)
    result = run_mkdocs(project, work / "site")
    assert result.returncode == 0, result.stderr
    if hosted:
        return Built(work / "site", project, "https://example.org/", True, None)
    return Built(work / "site", project, STAND_IN_BASE, False, CC_BY)


def term_page(built: Built, term_id: str) -> Path:
    folder = built.site / "glossary"
    return folder / term_id / "index.html" if built.directory_urls else folder / f"{term_id}.html"


def page_address(built: Built, page: Path) -> str:
    """The address of a built page, as the site's own links write it."""
    relative = page.relative_to(built.site).as_posix()
    return built.base + (relative.removesuffix("index.html") if built.directory_urls else relative)


def jsonld_of(built: Built, page: Path) -> tuple[list[dict], rdflib.Graph]:
    """The JSON-LD in a built page's head, as JSON and as an RDF graph read with rdflib."""
    html = LexborHTMLParser(page.read_text(encoding="utf-8"))
    scripts = html.css('head script[type="application/ld+json"]')
    graph = rdflib.Graph()
    for script in scripts:
        graph.parse(data=script.text(), format="json-ld", publicID=page_address(built, page))
    return [json.loads(s.text()) for s in scripts], graph


def concept_of(built: Built, term_id: str) -> rdflib.URIRef:
    return rdflib.URIRef(page_address(built, term_page(built, term_id)))


def assert_skos_rules(graph: rdflib.Graph, built: Built, glossary: termbook.Glossary) -> None:
    """Every term is one concept with the glossary's labels and links, SKOS's label rules
    hold, broader/narrower are inverses, related is symmetric, every link leads to a page."""
    assert_skos_links(graph, built, glossary)
    concept = {term_id: concept_of(built, term_id) for term_id in glossary.terms}
    for term in glossary.terms.values():
        node = concept[term.id]
        preferred = list(graph.objects(node, SKOS.prefLabel))
        alternative = set(graph.objects(node, SKOS.altLabel))
        assert preferred == [rdflib.Literal(term.term, lang="en")]
        languages = [label.language for label in preferred]
        assert len(languages) == len(set(languages)), f"{term.id}: two prefLabels in one language"
        assert not alternative & set(preferred), f"{term.id}: a label is both preferred and alternative"
        expected_alternative = {rdflib.Literal(n, lang="en") for n in term.labels[1:] if n != term.term}
        assert alternative == expected_alternative, term.id
        notation = [str(n) for n in graph.objects(node, SKOS.notation)]
        assert notation == ([term.abbreviation] if term.abbreviation else []), term.id
        assert list(graph.objects(node, SKOS.definition)) == [rdflib.Literal(term.short, lang="en")]


def assert_skos_links(graph: rdflib.Graph, built: Built, glossary: termbook.Glossary) -> None:
    """Every term is one concept; its broader, narrower and related links are the glossary's,
    broader/narrower are inverses, related is symmetric, every link leads to a page."""
    concept = {term_id: concept_of(built, term_id) for term_id in glossary.terms}
    assert set(graph.subjects(RDF.type, SKOS.Concept)) == set(concept.values())
    for relation, expected in [
            (SKOS.broader, {(t.id, p) for t in glossary.terms.values() for p in t.broader}),
            (SKOS.narrower, {(t, n) for t, ids in glossary.narrower.items() for n in ids}),
            (SKOS.related, {(t, r) for t, ids in glossary.related.items() for r in ids})]:
        assert set(graph.subject_objects(relation)) == {(concept[a], concept[b]) for a, b in expected}
    for narrower, broader in graph.subject_objects(SKOS.broader):
        assert (broader, SKOS.narrower, narrower) in graph
    for broader, narrower in graph.subject_objects(SKOS.narrower):
        assert (narrower, SKOS.broader, broader) in graph
    for one, other in graph.subject_objects(SKOS.related):
        assert (other, SKOS.related, one) in graph
    for _, _, target in graph.triples((None, None, None)):
        if isinstance(target, rdflib.URIRef) and str(target).startswith(built.base):
            built.assert_resolves(str(target))


# --- glossary.json ------------------------------------------------------------------------

def test_glossary_json_is_valid_against_the_published_schema(built: Built):
    schema = json.loads(built.read("schemas/glossary.schema.json"))
    assert built.read("schemas/glossary.schema.json") == export_schema_bytes(built.glossary().taxonomy)
    document = json.loads(built.read("glossary.json"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert not list(validator.iter_errors(document))
    assert built.file_of(urljoin(built.base, document["$schema"])) == built.site / "schemas/glossary.schema.json"
    assert document["licence"] == built.licence


def test_schema_refuses_what_it_documents_as_wrong(built: Built):
    """The schema is strict enough to catch a broken export, not a rubber stamp."""
    validator = jsonschema.Draft202012Validator(json.loads(built.read("schemas/glossary.schema.json")))
    document = json.loads(built.read("glossary.json"))
    document["terms"][0]["surprise"] = 1
    document["terms"][1]["related"] = [{"id": "Not An Id", "url": "x"}]
    del document["inputs_digest"]
    problems = {tuple(e.absolute_path) for e in validator.iter_errors(document)}
    assert problems == {(), ("terms", 0), ("terms", 1, "related", 0, "id")}


def test_glossary_json_holds_every_term_with_its_fields_and_links(built: Built):
    glossary = built.glossary()
    document = json.loads(built.read("glossary.json"))
    assert document["categories"] == [
        {"id": c.id, "title": c.title, "description": c.description, "proper_nouns": c.proper_nouns}
        for c in glossary.categories]
    assert any(c["proper_nouns"] for c in document["categories"])
    records = {record["id"]: record for record in document["terms"]}
    assert list(records) == sorted(glossary.terms) and "tricky" in records
    for term in glossary.terms.values():
        record = records[term.id]
        assert (record["term"], record["short"], record["aliases"], record["abbreviation"],
                record["categories"], record["status"], record["reviewed"]) == (
            term.term, term.short, list(term.aliases), term.abbreviation, list(term.categories),
            term.status, term.reviewed)
        assert record["definition"] == term.definition.strip()
        assert [s["title"] for s in record["sources"]] == [s.title for s in term.sources]
        assert built.file_of(urljoin(built.base, record["url"])) == term_page(built, term.id)
        for field, ids in (("broader", sorted(term.broader)), ("narrower", glossary.narrower[term.id]),
                           ("related", glossary.related[term.id])):
            assert [link["id"] for link in record[field]] == list(ids), (term.id, field)
            for link in record[field]:
                assert built.file_of(urljoin(built.base, link["url"])) == term_page(built, link["id"])
    assert records["example-model"]["openness"]["weights"] == {
        "rating": "partial", "reason": "Licence acceptance required.",
        "evidence": "https://example.org/licence"}
    assert records["weights"]["openness"] is None
    assert records["weights"]["narrower"] == [{"id": t, "url": records[t]["url"]}
                                              for t in ("open-weights", "tricky")]
    assert document["last_reviewed"] == "2026-11-21"  # the tricky term's, the latest
    assert document["generator"] == {"name": "termbook", "version": termbook.__version__}
    built.assert_resolves(urljoin(built.base, document["url"]))


# --- JSON-LD in the pages -----------------------------------------------------------------

#: What a term page's JSON-LD states about its term.
PAGE_PREDICATES = {RDF.type, SDO.name, SDO.alternateName, SDO.description, SDO.url, SDO.termCode,
                   SDO.inDefinedTermSet, SKOS.broader, SKOS.narrower, SKOS.related}


def test_every_term_page_describes_its_term_in_json_ld(built: Built):
    glossary = built.glossary()
    index = rdflib.URIRef(page_address(built, built.site / "glossary/index.html"))
    merged = rdflib.Graph()
    for term in glossary.terms.values():
        data, graph = jsonld_of(built, term_page(built, term.id))
        assert len(data) == 1, term.id
        node = concept_of(built, term.id)
        assert {SDO.DefinedTerm, SKOS.Concept} <= set(graph.objects(node, RDF.type))
        assert list(graph.objects(node, SDO.name)) == [rdflib.Literal(term.term)]
        assert set(graph.objects(node, SDO.alternateName)) == {
            rdflib.Literal(n) for n in term.labels[1:] if n != term.term}
        assert list(graph.objects(node, SDO.description)) == [rdflib.Literal(term.short)]
        assert list(graph.objects(node, SDO.url)) == [node]
        assert list(graph.objects(node, SDO.termCode)) == [rdflib.Literal(term.id)]
        assert list(graph.objects(node, SDO.inDefinedTermSet)) == [index]
        # Each thing is said once: the SKOS labels, notation and scheme, which would repeat
        # the schema.org fields on every page, are in glossary.ttl only.
        assert set(graph.predicates(node)) <= PAGE_PREDICATES, term.id
        # As documented: every address is a plain string relative to the page, each link
        # property is declared in the context as holding addresses, and with a site address
        # @base is the page's hosted address (the graph, checked above, holds full addresses).
        context = data[0]["@context"]
        for relation in ("skos:broader", "skos:narrower", "skos:related"):
            links = data[0].get(relation, [])
            assert all(isinstance(link, str) and "//" not in link for link in links), term.id
            assert (context.get(relation) == {"@type": "@id"}) is bool(links), term.id
        assert data[0]["@id"] == data[0]["url"] and "//" not in data[0]["@id"] + data[0]["inDefinedTermSet"]
        assert context.get("@base") == (str(node) if built.base == "https://example.org/" else None)
        merged += graph
    assert_skos_links(merged, built, glossary)


def test_json_ld_cannot_break_out_of_its_script_element(built: Built):
    data, graph = jsonld_of(built, term_page(built, "tricky"))
    page = term_page(built, "tricky").read_text(encoding="utf-8")
    assert page.count("<script>alert(1)") == 0
    assert "</script><script>alert(1)</script>" in data[0]["alternateName"]
    assert set(map(str, graph.objects(concept_of(built, "tricky"), SDO.alternateName))) == TRICKY_OTHER_NAMES


def test_glossary_index_describes_the_term_set(built: Built):
    glossary = built.glossary()
    index_page = built.site / "glossary" / "index.html"
    data, graph = jsonld_of(built, index_page)
    assert len(data) == 1
    index = rdflib.URIRef(page_address(built, index_page))
    assert {SDO.DefinedTermSet, SKOS.ConceptScheme} <= set(graph.objects(index, RDF.type))
    assert list(graph.objects(index, SDO.name)) == [rdflib.Literal("Mini glossary")]
    members = set(graph.objects(index, SDO.hasDefinedTerm))
    assert members == {concept_of(built, term_id) for term_id in glossary.terms}
    for member in members:
        built.assert_resolves(str(member))
        assert list(graph.objects(member, SDO.url)) == [member]
    licence = [str(x) for x in graph.objects(index, SDO.license)]
    assert licence == ([built.licence] if built.licence else [])
    html = LexborHTMLParser(index_page.read_text(encoding="utf-8"))
    alternates = {link.attributes["type"]: link.attributes["href"]
                  for link in html.css('head link[rel="alternate"]')}
    assert set(alternates) == {"application/json", "text/turtle", "text/csv"}
    for href in alternates.values():
        built.assert_resolves(urljoin(str(index), href))


# --- glossary.ttl -------------------------------------------------------------------------

def test_turtle_is_a_skos_concept_scheme_of_every_term(built: Built):
    glossary = built.glossary()
    graph = rdflib.Graph().parse(data=built.read("glossary.ttl"), format="turtle",
                                 publicID=built.base + "glossary.ttl")
    assert_skos_rules(graph, built, glossary)
    if built.base == "https://example.org/":  # addresses are relative to @base, written once
        assert built.read("glossary.ttl").count(b"https://example.org/") == 1
    [scheme] = graph.subjects(RDF.type, SKOS.ConceptScheme)
    built.assert_resolves(str(scheme))
    assert list(graph.objects(scheme, DCTERMS.title)) == [rdflib.Literal("Mini glossary", lang="en")]
    assert [str(x) for x in graph.objects(scheme, DCTERMS.license)] == ([built.licence] if built.licence else [])
    for term in glossary.terms.values():
        node = concept_of(built, term.id)
        assert list(graph.objects(node, DCTERMS.identifier)) == [rdflib.Literal(term.id)]
        described = list(graph.objects(node, DCTERMS.description))
        assert described == ([rdflib.Literal(term.definition.strip(), datatype=MARKDOWN)]
                             if term.definition.strip() else [])
        assert list(graph.objects(node, SKOS.inScheme)) == [scheme]
        is_top = not term.broader
        assert ((node, SKOS.topConceptOf, scheme) in graph) is is_top, term.id
        assert ((scheme, SKOS.hasTopConcept, node) in graph) is is_top, term.id


def test_turtle_lists_each_category_as_a_collection(built: Built):
    """A category is a SKOS collection whose address is its section of the category index,
    with its id, title and description, and its terms as members."""
    glossary = built.glossary()
    graph = rdflib.Graph().parse(data=built.read("glossary.ttl"), format="turtle",
                                 publicID=built.base + "glossary.ttl")
    collections = set(graph.subjects(RDF.type, SKOS.Collection))
    assert len(collections) == len(glossary.categories) > 1
    for category in glossary.categories:
        [node] = graph.subjects(DCTERMS.identifier, rdflib.Literal(category.id))
        assert node in collections and str(node).endswith(f"#{category.id}")
        built.assert_resolves(str(node).split("#")[0])
        assert list(graph.objects(node, SKOS.prefLabel)) == [rdflib.Literal(category.title, lang="en")]
        assert list(graph.objects(node, LEXINFO.partOfSpeech)) == (
            [LEXINFO.properNoun] if category.proper_nouns else [])
        members = {str(m) for m in graph.objects(node, SKOS.member)}
        assert members == {str(concept_of(built, t.id)) for t in glossary.terms.values()
                           if category.id in t.categories}


def test_turtle_and_json_ld_state_the_same_skos_links(built: Built):
    glossary = built.glossary()
    turtle = rdflib.Graph().parse(data=built.read("glossary.ttl"), format="turtle",
                                  publicID=built.base + "glossary.ttl")
    pages = rdflib.Graph()
    for term_id in glossary.terms:
        pages += jsonld_of(built, term_page(built, term_id))[1]
    assert set(turtle.subjects(RDF.type, SKOS.Concept)) == set(pages.subjects(RDF.type, SKOS.Concept))
    for relation in (SKOS.broader, SKOS.narrower, SKOS.related):
        assert set(turtle.triples((None, relation, None))) == set(pages.triples((None, relation, None)))


def test_turtle_literals_keep_every_character(built: Built):
    graph = rdflib.Graph().parse(data=built.read("glossary.ttl"), format="turtle",
                                 publicID=built.base + "glossary.ttl")
    node = concept_of(built, "tricky")
    assert [str(x) for x in graph.objects(node, SKOS.prefLabel)] == [TRICKY_NAME]
    assert {str(x) for x in graph.objects(node, SKOS.altLabel)} == TRICKY_OTHER_NAMES


# --- glossary.csv -------------------------------------------------------------------------

def test_csv_lists_every_term_a_to_z(built: Built):
    glossary = built.glossary()
    raw = built.read("glossary.csv")
    assert raw.startswith(b"id,term,abbreviation,aliases,short,categories,url,definition,broader,"
                          b"related,proper_noun\r\n")  # RFC 4180
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row["id"] for row in rows] == [t.id for t in glossary.alphabetical()]
    for row in rows:
        term = glossary.terms[row["id"]]
        assert row["short"] == term.short and row["categories"] == "; ".join(term.categories)
        assert built.file_of(urljoin(built.base, row["url"])) == term_page(built, term.id)
        assert row["definition"] == inert_cell(term.definition.strip())
        assert row["broader"] == "; ".join(sorted(term.broader))
        assert row["related"] == "; ".join(glossary.related[term.id])
        assert row["proper_noun"] == ("true" if glossary.is_proper_noun(term) else
                                      "false" if term.proper_noun is False else "")
    assert any("[[" in row["definition"] for row in rows)
    # A model is a proper noun by its category, which the file does not list: the row says so.
    assert next(row for row in rows if row["id"] == "example-model")["proper_noun"] == "true"
    assert next(row for row in rows if row["id"] == "weights")["proper_noun"] == ""
    tricky = next(row for row in rows if row["id"] == "tricky")
    assert tricky["term"] == TRICKY_NAME
    assert tricky["abbreviation"] == "'=TRK"  # a spreadsheet would run "=TRK" as a formula
    assert 'comma, semicolon; and "quotes"' in tricky["aliases"]
    assert next(row for row in rows if row["id"] == "mixture-of-experts")["abbreviation"] == "MoE"


# --- reproducibility ----------------------------------------------------------------------

def test_two_builds_give_byte_identical_data(built: Built, tmp_path: Path):
    project = _project_with_tricky_term(tmp_path / "elsewhere", hosted=built.directory_urls)
    assert run_mkdocs(project, tmp_path / "site").returncode == 0
    again = dataclasses.replace(built, site=tmp_path / "site", project=project)
    for path in EXPORTS:
        assert again.read(path) == built.read(path), path
    for term_id in built.glossary().terms:
        assert jsonld_of(again, term_page(again, term_id))[0] == jsonld_of(built, term_page(built, term_id))[0]


def test_inputs_digest_is_what_sha256sum_gives(mini: Path):
    listing = subprocess.run("LC_ALL=C sha256sum glossary/*.yaml seeds/*.yaml | sha256sum",
                             shell=True, cwd=mini, capture_output=True, text=True, check=True)
    digest = inputs_digest(mini, [mini / "glossary", mini / "seeds"])
    assert digest == "sha256:" + listing.stdout.split()[0]
    entry = mini / "glossary/weights.yaml"
    entry.write_text(entry.read_text() + "\n")
    assert inputs_digest(mini, [mini / "glossary", mini / "seeds"]) != digest


def test_build_states_the_digest_of_its_inputs(mini_site: Path):
    document = json.loads((mini_site / "glossary.json").read_text(encoding="utf-8"))
    assert document["inputs_digest"] == inputs_digest(MINI, [MINI / "glossary", MINI / "seeds",
                                                             MINI / "events"])
    turtle = (mini_site / "glossary.ttl").read_text(encoding="utf-8")
    assert f"# Built from inputs {document['inputs_digest']}." in turtle


# --- the plugin and the engine ------------------------------------------------------------

def test_hand_written_data_file_cannot_shadow_the_generated_one(mini: Path, tmp_path: Path):
    (mini / "docs/glossary.json").write_text("{}")
    result = run_mkdocs(mini, tmp_path / "site")
    assert result.returncode == 1
    assert "glossary.json: this file is generated by termbook" in result.stderr


def test_offline_build_keeps_the_hosted_addresses(mini: Path, tmp_path: Path):
    """Material's offline plugin writes glossary/weights.html; the data still names the hosted
    page, glossary/weights/, so a term has one identifier whichever build it comes from
    (offline is listed first here, so the order of the plugins does not matter)."""
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text().replace("plugins: [search, termbook]",
                                                 "plugins: [search, offline, termbook]"))
    site = tmp_path / "site"
    assert run_mkdocs(mini, site).returncode == 0
    hosted = "https://example.org/glossary/weights/"
    records = json.loads((site / "glossary.json").read_text(encoding="utf-8"))["terms"]
    assert next(r for r in records if r["id"] == "weights")["url"] == hosted
    [script] = LexborHTMLParser((site / "glossary/weights.html").read_text(encoding="utf-8")).css(
        'script[type="application/ld+json"]')
    # Read where the offline copy is, its data still names the hosted pages.
    graph = rdflib.Graph().parse(data=script.text(), format="json-ld",
                                 publicID=(site / "glossary/weights.html").as_uri())
    assert set(graph.subjects(RDF.type, SKOS.Concept)) == {rdflib.URIRef(hosted)}
    assert set(graph.objects(rdflib.URIRef(hosted), SKOS.narrower)) == {
        rdflib.URIRef("https://example.org/glossary/open-weights/")}


def test_json_ld_script_escapes_every_angle_bracket():
    data = {"name": "</script><!--<script>", "alternateName": ["a<b"]}
    html = jsonld_script(data)
    assert html.count("<") == 2  # the opening and closing tags only
    [script] = LexborHTMLParser(f"<html><head>{html}</head></html>").css("script")
    assert json.loads(script.text()) == data


def test_relative_addresses_in_a_page_are_read_against_that_page(mini: Path):
    """Without a site_url, the data in a page links relative to the page, so that each
    address still leads to the right page wherever the site is served."""
    glossary = termbook.load(termbook.Project.at(mini))
    publication = Publication("Mini", "sha256:" + "0" * 64)
    node = PageData(glossary, publication).term(glossary.terms["open-weights"])
    assert node["@id"] == "./" and node["inDefinedTermSet"] == "../"
    assert node["skos:broader"] == ["../weights/"]
    files = export_files(glossary, publication)
    records = json.loads(files["glossary.json"])["terms"]
    assert next(r for r in records if r["id"] == "open-weights")["url"] == "glossary/open-weights/"


def test_publication_refuses_a_malformed_language_tag():
    with pytest.raises(ValueError, match="not a language tag"):
        Publication("Mini", "sha256:" + "0" * 64, language='en" ; evil')


def test_hosted_and_offline_sites_state_the_same_licence():
    hosted = load_config(str(ROOT / "mkdocs.yml")).plugins["termbook"].config.licence
    offline = load_config(str(ROOT / "mkdocs-offline.yml")).plugins["termbook"].config.licence
    assert hosted == offline == CC_BY


# --- the "Reuse the glossary" page ----------------------------------------------------------

REUSE_PAGE = (ROOT / "docs/reuse.md").read_text(encoding="utf-8")


def fenced(language: str) -> list[str]:
    """The code blocks of the reuse page written in ``language``."""
    return re.findall(rf"^```{language}\n(.*?)^```$", REUSE_PAGE, flags=re.MULTILINE | re.DOTALL)


def test_reuse_page_json_examples_are_valid():
    """The page's examples of glossary.json and of the scorecard's JSON follow the schemas
    this site publishes."""
    glossary_example, ratings_example = (json.loads(example) for example in fenced("json"))
    jsonschema.Draft202012Validator(json.loads(export_schema_bytes(SITE_TAXONOMY))).validate(
        glossary_example)
    jsonschema.Draft202012Validator(ratings_schema_document(SITE_TAXONOMY.scorecard)).validate(
        ratings_example)


def test_reuse_page_turtle_and_json_ld_examples_parse():
    [turtle] = fenced("turtle")
    graph = rdflib.Graph().parse(data=turtle, format="turtle")
    assert len(set(graph.subjects(RDF.type, SKOS.Concept))) == 1
    [html] = fenced("html")
    [script] = LexborHTMLParser(html).css('script[type="application/ld+json"]')
    jsonld = rdflib.Graph().parse(data=script.text(), format="json-ld")
    assert set(jsonld.subjects(RDF.type, SDO.DefinedTerm)) == set(graph.subjects(RDF.type, SKOS.Concept))


def test_reuse_page_csv_examples_have_the_published_columns():
    glossary_example, ratings_example = fenced("csv")
    ratings_columns = next(csv.reader(io.StringIO(ratings_csv(
        SITE_TAXONOMY.scorecard, [], Publication("Site", "sha256:" + "0" * 64)).decode())))
    for example, columns in ((glossary_example, list(CSV_COLUMNS)), (ratings_example, ratings_columns)):
        rows = list(csv.reader(io.StringIO(example)))
        assert rows[0] == columns and len(rows) >= 2
        assert all(len(row) == len(columns) for row in rows)
