"""``termbook import``, as a new adopter uses it: each format from a sample the tests ship
(tests/fixtures/imports/), into an empty site that then passes the check and builds with
``mkdocs build --strict``; this site's own exports carried into an empty site and back to the
same glossary; and every rule of importing (ids, existing entries, --dry-run, --force, the
report) held against what a hostile source can do."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
import yaml

import termbook
from termbook.importers import Options, Site, SourceRefused, import_plan
from termbook.read import read_entry
from termbook.scaffold import derive_id
from termbook.taxonomy import Taxonomy

from .conftest import ROOT, run_mkdocs
from .hostile_values import (
    PAYLOADS,
    SHAPES,
    TERM,
    base_document,
    hostile_value,
    location,
    put,
    text_fields,
)

SAMPLES = ROOT / "tests" / "fixtures" / "imports"
#: How the Markdown sample links terms: the shortcode of Hugo's Kubernetes-style glossaries,
#: with its two attributes in either order.
TOOLTIP = (r'\{\{<\s*glossary_tooltip\s+(?:text="(?P<text>[^"]*)"\s+term_id="(?P<id>[^"]*)"'
           r'|term_id="(?P<id_2>[^"]*)"\s+text="(?P<text_2>[^"]*)")\s*>\}\}')
#: The command line of each sample, after ``termbook import``.
IMPORTS = {
    "skos-turtle": ["skos", str(SAMPLES / "skos/baking.ttl")],
    "skos-rdfxml": ["skos", str(SAMPLES / "skos/baking.rdf")],
    "skos-jsonld": ["skos", str(SAMPLES / "skos/baking.jsonld")],
    "csv": ["csv", str(SAMPLES / "tables/wine.csv"), "--plain-text", "--map",
            "Name=term,Also called=aliases,Meaning=definition,Group=category,See also=related,"
            "Source=source.title,Source URL=source.url,Publisher=source.publisher,"
            "Published=source.date"],
    "tsv": ["tsv", str(SAMPLES / "tables/wine.tsv"), "--plain-text", "--map",
            "Name=term,Also called=aliases,Meaning=definition,Group=category,See also=related,"
            "Source=source.title,Source URL=source.url,Publisher=source.publisher,"
            "Published=source.date"],
    "markdown": ["markdown", str(SAMPLES / "markdown/glossary"), "--split", "<!--more-->",
                 "--map", "aka=aliases,tags=category,short_description=short", "--link", TOOLTIP],
    "sphinx": ["sphinx", str(SAMPLES / "sphinx/glossary.rst")],
    "abbreviations": ["abbreviations", str(SAMPLES / "abbreviations/abbreviations.md")],
}
MKDOCS_YML = """site_name: Imported glossary
theme:
  name: material
  font: false
markdown_extensions: [attr_list, md_in_html, admonition, tables, toc]
plugins: [search, termbook]
nav:
  - Home: index.md
  - Glossary: glossary/index.md
"""


def empty_site(folder: Path) -> Path:
    """A new site with no entries yet, as a new adopter starts one."""
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# Imported glossary\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (folder / "glossary").mkdir()
    return folder


def termbook_import(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "termbook.cli", "import", *args],
                          capture_output=True, text=True, cwd=site)


def declare_categories(site: Path, report: str) -> None:
    """Do what the report asks: add the lines it gives under 'categories:' in termbook.yml."""
    lines = re.findall(r"^  [a-z0-9-]+: \{.*\}$", report, re.MULTILINE)
    if lines:
        (site / "termbook.yml").write_text("categories:\n" + "\n".join(lines) + "\n", encoding="utf-8")


def entries(site: Path) -> dict[str, dict]:
    # BaseLoader makes strings, lists and mappings only: nothing runs.
    return {p.stem: yaml.load(p.read_text("utf-8"), Loader=yaml.BaseLoader)  # noqa: S506
            for p in sorted((site / "glossary").glob("*.yaml"))}


def check(site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "termbook.cli", "check", "--quiet"],
                          capture_output=True, text=True, cwd=site)


# --- each format, from its sample, to a site that builds ------------------------------------

@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """``imported(name)``: the site the sample ``name`` was imported into, and the command's
    result; each sample is imported once per module."""
    done: dict[str, tuple[Path, subprocess.CompletedProcess[str]]] = {}

    def site_of(name: str) -> tuple[Path, subprocess.CompletedProcess[str]]:
        if name not in done:
            site = empty_site(tmp_path_factory.mktemp(name) / "site")
            done[name] = site, termbook_import(site, *IMPORTS[name])
        return done[name]

    return site_of


@pytest.mark.parametrize("name", list(IMPORTS))
def test_each_sample_becomes_a_site_that_passes_the_check_and_builds(imported, name: str,
                                                                     tmp_path: Path):
    site, result = imported(name)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    assert re.search(r"wrote \d+ entries \(\d+ new, 0 replaced\)", result.stderr), result.stderr
    declare_categories(site, result.stdout)
    checked = check(site)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = run_mkdocs(site, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    for term_id in entries(site):
        assert (tmp_path / "site" / "glossary" / term_id / "index.html").is_file()


def test_skos_sample_carries_labels_relations_collections_and_sources(imported):
    site, result = imported("skos-turtle")
    found = entries(site)
    assert set(found) == {"dough", "flour", "levain", "fermentation", "proofing", "autolyse", "kneading"}
    levain = found["levain"]
    assert levain["term"] == "Levain"  # the English name of a concept named in two languages
    assert levain["aliases"] == ["sourdough starter", "starter", "leaven"]  # alt and hidden labels
    assert levain["broader"] == ["dough"] and levain["related"] == ["fermentation"]
    assert levain["category"] == "ingredients"  # its collection
    assert levain["sources"] == [{"title": "Caring for a starter", "publisher": "Example Bakers' Guild",
                                  "date": "2023-06-14",
                                  "url": "https://vocab.example.org/sources/starter-care"}]
    assert found["proofing"]["broader"] == ["fermentation"]  # from skos:narrower
    assert found["proofing"]["abbreviation"] == "PF"
    assert "proving" in found["proofing"]["aliases"]  # en-GB, a variant of the site's language
    assert found["flour"]["definition"].startswith("Used here for wheat")  # its scope note
    assert "autolyse: notation: '3.1' is not carried over" in result.stdout
    assert "levain: example: 'A stiff levain at 50% hydration.' is not carried over" in result.stdout
    assert "labels in other languages (de) are not carried over" in result.stdout
    assert "  processes: {title: Processes, description: 'What the baker does" in result.stdout


def test_the_three_rdf_syntaxes_give_the_same_entries(imported):
    written = {}
    for name in ("skos-turtle", "skos-rdfxml", "skos-jsonld"):
        site, _ = imported(name)
        written[name] = {p.name: p.read_text("utf-8") for p in (site / "glossary").glob("*.yaml")}
    assert written["skos-turtle"] == written["skos-rdfxml"] == written["skos-jsonld"]


def test_markdown_sample_turns_shortcodes_into_links_and_splits_the_short_text(imported):
    site, result = imported("markdown")
    found = entries(site)
    assert set(found) == {"packet", "router", "tcp", "dns", "latency"}  # ids from front matter
    assert "[[router|router]]" in found["packet"]["definition"]
    assert "[[tcp|TCP]]" in found["packet"]["definition"]  # attributes in the other order
    assert found["packet"]["short"] == ("A unit of data sent across a network, with a header "
                                        "that says where it goes.")
    assert not found["packet"]["definition"].startswith("A unit of data")  # before the marker
    assert "glossary_tooltip" not in json.dumps(found)
    assert "```\nclient -> server: SYN" in found["tcp"]["definition"]
    report = result.stdout
    assert "_index.md:1: (file): is the folder's index page, not a term" in report
    assert "dns.md:17: definition: links to 'udp', which is not among the terms imported" in report
    assert "router.md:20: definition: the shortcode '{{< note >}}' is left out" in report
    assert "router.md:24: definition: the link to a page of another site" in report
    assert "date: is not mapped to an entry field (in 5 file(s))" in report
    assert "See the routing overview and [RFC 1812](https://www.rfc-editor.org/rfc/rfc1812)." \
        in found["router"]["definition"]


def test_sphinx_sample_keeps_every_name_and_turns_term_roles_into_links(imported):
    site, result = imported("sphinx")
    found = entries(site)
    assert found["parsec"]["aliases"] == ["pc"]
    assert found["apparent-magnitude"]["aliases"] == ["magnitude"]
    absolute = found["absolute-magnitude"]["definition"]
    assert "[[apparent-magnitude|magnitude]]" in absolute and "[[parsec|parsecs]]" in absolute
    assert "[IAU resolution](https://www.iau.org/static/resolutions/IAU2015_English.pdf)" \
        in found["parsec"]["definition"]
    ascension = found["right-ascension"]["definition"]
    assert "`05h 35m 17s`" in ascension and "```\nM42   05 35 17.3   -05 23 28\n```" in ascension
    assert "- positive in the northern sky\n- negative in the southern sky" in found["declination"]["definition"]
    assert "glossary.rst:44: definition: the :ref: role is not carried over" in result.stdout


@pytest.mark.parametrize("name", ["csv", "tsv"])
def test_table_samples_map_columns_and_report_the_rest(imported, name: str):
    site, result = imported(name)
    found = entries(site)
    assert found["malolactic-fermentation"]["aliases"] == ["MLF"]
    assert found["body"]["related"] == ["tannin"] and found["oak"]["related"] == ["tannin"]
    assert found["tannin"]["category"] == "structure"
    assert f"wine.{name}:1: Editor's notes: is not mapped to a field: not carried over" in result.stdout


def test_abbreviation_sample_gives_draft_entries_named_by_their_expansion(imported):
    site, result = imported("abbreviations")
    found = entries(site)
    assert found["hypertext-markup-language"] == {
        "term": "HyperText Markup Language", "abbreviation": "HTML",
        "short": "HyperText Markup Language", "status": "draft"}
    assert "each entry's short definition is its expansion, and its status is draft" in result.stdout


# --- this site's exports, into an empty site and back -----------------------------------------

def glossary_facts(glossary: termbook.Glossary) -> dict[str, dict]:
    """What a moved glossary must keep of each term: names, definitions, categories, links."""
    return {term.id: {"term": term.term, "abbreviation": term.abbreviation,
                      "aliases": sorted(term.aliases), "short": term.short,
                      "definition": term.definition.strip(), "categories": sorted(term.categories),
                      "broader": sorted(term.broader), "narrower": glossary.narrower[term.id],
                      "related": glossary.related[term.id]}
            for term in glossary.terms.values()}


@pytest.mark.parametrize("file, format_name", [("glossary.ttl", "skos"), ("glossary.json", "json"),
                                               ("glossary.csv", "csv")])
def test_this_sites_exports_move_to_an_empty_site_unchanged(real_site: Path, tmp_path: Path,
                                                           file: str, format_name: str):
    site = empty_site(tmp_path / "site")
    result = termbook_import(site, format_name, str(real_site / file))
    assert "Traceback" not in result.stderr
    declare_categories(site, result.stdout)
    assert check(site).returncode == 0
    original = termbook.load(termbook.Project.at(ROOT))
    moved = termbook.load(termbook.Project.at(site))
    assert glossary_facts(moved) == glossary_facts(original)
    if format_name == "json":  # the one format with every field
        for term_id, term in original.terms.items():
            again = moved.terms[term_id]
            assert (again.sources, again.status, again.reviewed, again.sort_as, again.auto_link,
                    again.proper_noun) == (term.sources, term.status, term.reviewed, term.sort_as,
                                           term.auto_link, term.proper_noun)
    # A name mid-sentence reads as it did: "Llama" and "Meta" keep their capital letter,
    # "weights" loses it, whether the entry or its category says which.
    assert mid_sentence_names(moved) == mid_sentence_names(original)
    assert {"Llama", "Meta", "weights"} <= set(mid_sentence_names(original).values())
    # The categories' declarations come along where the file has them; the CSV names
    # categories by id only, so their titles are made from the ids.
    declared = yaml.safe_load((site / "termbook.yml").read_text("utf-8"))["categories"]
    if format_name == "csv":
        assert declared == {c.id: {"title": c.id.capitalize()} for c in original.categories}
    else:
        assert declared == {c.id: {"title": c.title, "description": c.description,
                                   **({"proper_nouns": True} if c.proper_nouns else {})}
                            for c in original.categories}


def mid_sentence_names(glossary: termbook.Glossary) -> dict[str, str]:
    """The text of each term's ``[[id]]`` link inside a sentence, as a page shows it."""
    from termbook.linking import Linker

    linker = Linker(glossary)
    extension = linker.extension()
    extension.page = linker.page("page.md")
    sentence = "Compare " + ", ".join(f"[[{term_id}]]" for term_id in glossary.terms) + "."
    html = markdown.markdown(sentence, extensions=[extension])
    return dict(re.findall(r'<a [^>]*data-tb="([^"]+)"[^>]*>([^<]*)</a>', html))


# --- what the command promises for every format ------------------------------------------------

def test_dry_run_prints_each_entry_and_writes_nothing(tmp_path: Path):
    site = empty_site(tmp_path / "site")
    result = termbook_import(site, *IMPORTS["sphinx"], "--dry-run")
    assert result.returncode == 0, result.stderr
    assert list((site / "glossary").iterdir()) == []
    assert "--- glossary/parsec.yaml (new)\n" in result.stdout
    assert "term: parsec\naliases:\n  - pc\n" in result.stdout
    assert "would write 6 entries" in result.stderr and "nothing written (--dry-run)" in result.stderr


def test_existing_entries_are_replaced_only_with_force_and_only_entries(tmp_path: Path):
    site = empty_site(tmp_path / "site")
    glossary = site / "glossary"
    (glossary / "parsec.yaml").write_text("term: Parsec\nshort: Our own definition of the parsec.\n")
    (glossary / "light-year.yaml").write_text("not: [an entry\n")  # termbook cannot read it
    outside = tmp_path / "outside.yaml"
    outside.write_text("term: Outside\nshort: A file outside the glossary folder.\n")
    (glossary / "declination.yaml").symlink_to(outside)
    result = termbook_import(site, *IMPORTS["sphinx"])
    assert result.returncode == 1
    assert "glossary/parsec.yaml already exists: not written; --force replaces it" in result.stdout
    assert (glossary / "parsec.yaml").read_text().startswith("term: Parsec")
    assert "[[parsec|parsecs]]" in (glossary / "absolute-magnitude.yaml").read_text()  # still linked

    forced = termbook_import(site, *IMPORTS["sphinx"], "--force")
    assert "replaced glossary/parsec.yaml" in forced.stdout
    assert "term: parsec" in (glossary / "parsec.yaml").read_text()
    assert "light-year.yaml is not a glossary entry termbook can read: not written" in forced.stdout
    assert (glossary / "light-year.yaml").read_text() == "not: [an entry\n"
    assert "is not a regular file: not written" in forced.stdout
    assert outside.read_text().startswith("term: Outside") and (glossary / "declination.yaml").is_symlink()
    replaced = set(re.findall(r"^replaced glossary/(.*)\.yaml$", forced.stdout, re.MULTILINE))
    assert replaced == {"parsec", "apparent-magnitude", "absolute-magnitude", "right-ascension"}
    assert [p.name for p in glossary.iterdir() if p.name.startswith(".")] == []  # no temporary file


def test_ids_are_made_from_names_and_collisions_are_resolved_and_reported(tmp_path: Path):
    site = empty_site(tmp_path / "site")
    source = site / "terms.csv"
    source.write_text("term,id,short\n"
                      "Open weights,,A model whose weights anyone may download.\n"
                      "Open Weights!,,The same name written another way on purpose.\n"
                      "Index,,A term whose id would be the glossary's index page.\n"
                      "Über-Modell,,A name with an accent that is folded for its id.\n"
                      "Tree,../../escape,A term whose id would leave the glossary folder.\n"
                      "日本語,,A name with no letter from a to z.\n", encoding="utf-8")
    result = termbook_import(site, "csv", "terms.csv")
    assert set(entries(site)) == {"open-weights", "open-weights-2", "index-term", "uber-modell", "tree"}
    assert derive_id("Über-Modell") == "uber-modell"  # the rule termbook new uses
    report = result.stdout
    assert "terms.csv:3: id: 'open-weights' is also the id of 'Open weights' (terms.csv:2); " \
           "this term's id is 'open-weights-2'; rename the file if another reads better" in report
    assert "terms.csv:4: id: 'index' is the name of the page glossary/index.md" in report
    assert "terms.csv:6: id: '../../escape' is not a valid id; the id is made from the name instead" in report
    assert "terms.csv:7: term: cannot make an id from '日本語'" in report
    assert not (tmp_path / "escape.yaml").exists() and not (site / "escape.yaml").exists()
    assert "glossary/open-weights-2.yaml:" in report  # the clash of names needs a human
    assert "label-collision" not in report and "is also claimed by" in report


def test_the_report_lists_each_value_that_is_not_carried_over(tmp_path: Path):
    """Every hostile value of the payload families, in every text field a glossary.json term
    has, is either left out with a line of the report naming the term and the field, or
    written where the check accepts it; every file written reads back, and the site builds."""
    site = empty_site(tmp_path / "site")
    terms = []
    for index, payload in enumerate(PAYLOADS.values()):
        terms.append({
            "id": f"planted-{index}", "term": f"Planted {index}", "aliases": [f"alias {index} {payload}"],
            "abbreviation": None, "short": f"A term planted with a hostile value {payload}",
            "definition": f"A definition. {payload}\n", "categories": [], "status": "stable",
            "broader": [], "narrower": [], "related": [],
            "sources": [{"title": f"Source {payload}", "publisher": "P", "date": "2024",
                         "url": f"https://a.invalid/{payload}", "note": None}],
            "openness": None, "reviewed": None})
    terms.append({"id": "hidden", "term": "Hid\u202eden", "short": "A name with a bidirectional control."})
    terms.append({"id": "zero", "term": "Zero", "short": "A short definition.",
                  "definition": "Text with a zero\u200bwidth space.\n",
                  "aliases": ["ze\u0301ro"]})  # not in normal form C
    source = tmp_path / "glossary.json"
    source.write_text(json.dumps({"terms": terms}), encoding="utf-8")
    result = termbook_import(site, "json", str(source))
    assert "Traceback" not in result.stderr
    report = result.stdout
    assert "glossary.json:hidden: term: contains U+202E RIGHT-TO-LEFT OVERRIDE" in report
    assert not (site / "glossary" / "hidden.yaml").exists()
    assert "glossary.json:zero: definition: contains U+200B ZERO WIDTH SPACE" in report
    assert "glossary.json:zero: aliases: is not in Unicode normal form C" in report
    assert "glossary.json:planted-1: definition: raw HTML is not allowed" in report
    assert re.search(r"glossary\.json:planted-\d+: sources\[0\]\.url: 'https://a\.invalid/.*' holds", report)
    assert "\u202e" not in report and "\x1b" not in report
    written = entries(site)
    assert "zero" in written and "definition" not in written["zero"] and "aliases" not in written["zero"]
    # What the check still finds is what was left out (a required field now missing) and what
    # a site's rules for short definitions say: no value the safety rules refuse was written.
    checked = subprocess.run([sys.executable, "-m", "termbook.cli", "check", "--format", "json"],
                             capture_output=True, text=True, cwd=site)
    rules = {f["rule"] for f in json.loads(checked.stdout)["findings"] if f["severity"] == "error"}
    assert rules <= {"missing-field", "short-not-plain"}, rules


def test_a_source_cannot_fetch_anything(tmp_path: Path):
    site = empty_site(tmp_path / "site")
    remote = tmp_path / "remote.jsonld"
    remote.write_text(json.dumps({"@context": "https://schema.example.org/context.jsonld",
                                  "@id": "https://x.example.org/a", "name": "A"}))
    result = termbook_import(site, "skos", str(remote))
    assert result.returncode == 2
    assert "its @context names a document to fetch (https://schema.example.org/context.jsonld)" in result.stderr
    imported = tmp_path / "import.jsonld"
    imported.write_text(json.dumps({"@context": {"@import": "https://schema.example.org/c.jsonld"}}))
    assert "its @context imports" in termbook_import(site, "skos", str(imported)).stderr
    entity = tmp_path / "entity.rdf"
    entity.write_text('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM '
                      '"https://x.example.org/secret">]>\n<rdf:RDF xmlns:rdf='
                      '"http://www.w3.org/1999/02/22-rdf-syntax-ns#">&x;</rdf:RDF>\n')
    assert "declares an external entity" in termbook_import(site, "skos", str(entity)).stderr
    owl = tmp_path / "owl.ttl"
    owl.write_text("@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
                   "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
                   "<https://x.example.org/s> owl:imports <https://x.example.org/other.ttl> .\n"
                   "<https://x.example.org/c> a skos:Concept ; skos:prefLabel \"Concept\"@en ;\n"
                   "  skos:definition \"A concept of a vocabulary that imports another.\"@en .\n")
    result = termbook_import(site, "skos", str(owl))
    assert "owl:imports: https://x.example.org/other.ttl is not read" in result.stdout
    assert list(entries(site)) == ["concept"]


def test_no_network_connection_can_be_opened_while_a_vocabulary_is_parsed(tmp_path: Path, monkeypatch):
    """Whatever path through rdflib might reach for another document, none can connect."""
    import rdflib

    from termbook.importers import skos

    def parse_that_fetches(self, *args, **kwargs):
        socket.create_connection(("127.0.0.1", 9))

    monkeypatch.setattr(rdflib.Graph, "parse", parse_that_fetches)
    source = tmp_path / "v.ttl"
    source.write_text("")
    with pytest.raises(SourceRefused, match="nothing is fetched"):
        skos.read_skos(source, "v.ttl", "en")
    assert socket.socket.connect.__name__ == "connect"  # put back afterwards


def test_without_rdflib_the_error_says_how_to_install_it(tmp_path: Path, monkeypatch):
    monkeypatch.setitem(sys.modules, "rdflib", None)
    site = Site(tmp_path, tmp_path / "glossary", Taxonomy(), tmp_path / "termbook.yml", "en")
    with pytest.raises(SourceRefused, match=re.escape('pip install "termbook[import]"')):
        import_plan("skos", [SAMPLES / "skos/baking.ttl"], site, Options())


def test_undeclared_categories_are_reported_with_the_lines_to_add_and_never_written(tmp_path: Path):
    site = empty_site(tmp_path / "site")
    (site / "termbook.yml").write_text("categories:\n  structure: {title: Structure}\n")
    before = (site / "termbook.yml").read_text()
    result = termbook_import(site, *IMPORTS["csv"])
    assert (site / "termbook.yml").read_text() == before
    assert result.returncode == 1
    assert ("termbook.yml: categories: 2 categories are not declared; add these lines under "
            "'categories:'\n  vineyard: {title: Vineyard}\n  winemaking: {title: Winemaking}\n") in result.stdout
    assert entries(site)["tannin"]["category"] == "structure"  # declared: matched by its title


def test_a_site_policy_lists_the_entries_that_need_a_human(tmp_path: Path):
    """Under this site's own rules (sources, review dates, one-sentence plain shorts), the
    abbreviations give entries that the report sends to a human, by file and field."""
    site = empty_site(tmp_path / "site")
    (site / "termbook.yml").write_text("entries:\n  required: [short, sources, reviewed]\n"
                                       "  short: {sentences: '1', markup: none}\n")
    result = termbook_import(site, *IMPORTS["abbreviations"])
    assert result.returncode == 1
    assert "glossary/document-object-model.yaml:2: sources: required field is missing" in result.stdout
    assert "7 entries need a human: termbook check lists what to fix" in result.stderr
    assert check(site).returncode == 1


def test_a_definition_too_long_for_the_sites_short_ones_opens_the_definition(tmp_path: Path):
    site = empty_site(tmp_path / "site")
    (site / "termbook.yml").write_text("entries:\n  short: {sentences: '1', max_length: '100'}\n")
    termbook_import(site, *IMPORTS["skos-turtle"])
    found = entries(site)
    fermentation = found["fermentation"]  # two sentences
    assert "short" not in fermentation
    assert fermentation["definition"].startswith("The stage in which yeasts and bacteria digest")
    flour = found["flour"]  # one sentence of 77 characters, and a scope note
    assert flour["short"].startswith("Grain ground into a powder")
    levain = found["levain"]  # one sentence of 111 characters: the definition alone
    assert "short" not in levain and levain["definition"].startswith("A culture of wild yeasts")


#: The rules that guard readers rather than a site's style: a value they refuse never reaches
#: a file the import writes.
SAFETY_RULES = {"raw-html", "unsafe-url", "unsafe-attribute", "control-character", "bidi-control",
                "invisible-character", "not-nfc", "markdown-too-costly", "markdown-too-deep"}


def as_exported(term_id: str, entry: dict, scorecard_field: str) -> dict:
    """An entry as another termbook site's glossary.json lists it."""
    category = entry.get("category")
    return {"id": term_id, "term": entry["term"], "abbreviation": entry.get("abbreviation"),
            "aliases": entry.get("aliases", []), "short": entry.get("short"),
            "definition": entry.get("definition", ""),
            "categories": [category] if isinstance(category, str) else category or [],
            "status": entry.get("status"), "reviewed": entry.get("reviewed"),
            "broader": [{"id": i} for i in entry.get("broader", [])],
            "related": [{"id": i} for i in entry.get("related", [])],
            "sources": entry.get("sources", []), scorecard_field: entry.get(scorecard_field),
            "sort_as": entry.get("sort_as"), "link": entry.get("link"),
            "proper_noun": entry.get("proper_noun")}


def test_every_hostile_value_in_every_field_is_left_out_or_harmless(tmp_path: Path):
    """Derived from the entry schema: each payload family, in both shapes, in every text field
    an entry has, carried in a glossary.json. The import never fails; each file it writes reads
    back; and what the check then finds is never one of the safety rules: a hostile value was
    left out (with a line of the report naming the term and the field) or is harmless text."""
    site = empty_site(tmp_path / "site")
    shutil.copy(ROOT / "tests/fixtures/mini/termbook.yml", site / "termbook.yml")
    scorecard_field = yaml.safe_load((site / "termbook.yml").read_text())["scorecard"]["field"]
    terms, number = [], 0
    for field in text_fields(TERM):
        for payload in PAYLOADS.values():
            for shape in SHAPES:
                number += 1
                entry = base_document(TERM, number)
                place = location(entry, field.pattern)
                value = hostile_value(field, None, payload, shape, number)
                if value is None:
                    continue
                put(entry, place, value)
                terms.append(as_exported(f"planted-{number}", entry, scorecard_field))
    source = site / "glossary.json"
    source.write_text(json.dumps({"terms": terms}), encoding="utf-8")
    result = termbook_import(site, "json", "glossary.json")
    assert "Traceback" not in result.stderr and result.returncode in (0, 1), result.stderr
    written = list((site / "glossary").glob("*.yaml"))
    assert len(written) > len(terms) / 2
    for path in written:
        assert read_entry(path.read_bytes(), path.stem, path.name, TERM, []) is not None, path
    checked = subprocess.run([sys.executable, "-m", "termbook.cli", "check", "--format", "json"],
                             capture_output=True, text=True, cwd=site)
    rules = {f["rule"] for f in json.loads(checked.stdout)["findings"] if f["severity"] == "error"}
    assert not rules & SAFETY_RULES, rules
    assert re.search(r"glossary\.json:planted-\d+: definition: raw HTML is not allowed", result.stdout)
    assert re.search(r"glossary\.json:planted-\d+: sources\[0\]\.url: '.*' is not an http", result.stdout)


@pytest.mark.parametrize("file", ["glossary.json", "glossary.csv"])
def test_an_entry_with_only_a_definition_moves_without_a_short_one(tmp_path: Path, file: str):
    """termbook's files give every term a short definition, the start of its definition where
    it has none: the moved entry has none either, as written."""
    from termbook.export import Publication, export_files

    old = empty_site(tmp_path / "old")
    (old / "glossary" / "rebase.yaml").write_text(
        "term: Rebase\ndefinition: |\n  Replays commits on top of another base, as if they had "
        "been written there. Unlike a [[merge]], it rewrites history.\n"
        "sort_as: rebase\nlink: explicit\nproper_noun: 'false'\n")
    (old / "glossary" / "merge.yaml").write_text(
        "term: Merge\nshort: Joins two lines of history into one commit with two parents.\n")
    exported = export_files(termbook.load(termbook.Project.at(old)), Publication("Old", "sha256:0"))
    (tmp_path / file).write_bytes(exported[file])
    new = empty_site(tmp_path / "new")
    termbook_import(new, file.split(".")[1], str(tmp_path / file))
    expected = yaml.load((old / "glossary" / "rebase.yaml").read_text(),
                         Loader=yaml.BaseLoader)  # noqa: S506 - strings, lists and mappings only
    if file == "glossary.csv":  # the CSV has no column for the A–Z name or the link mode
        expected = {k: v for k, v in expected.items() if k not in ("sort_as", "link")}
    assert entries(new)["rebase"] == expected
    assert entries(new)["merge"]["short"].startswith("Joins two lines")


@pytest.mark.parametrize("declared", ["termbook.yml", "mkdocs.yml"])
def test_a_german_site_checks_imported_aliases_against_german_words(tmp_path: Path, declared: str):
    """The site's one language, from termbook.yml or else from the theme, is the one whose
    common words an imported alias may not be: the import reports "und" exactly as
    ``termbook check`` does, and lets "the" be (an English word, harmless on a German site)."""
    site = empty_site(tmp_path / "site")
    if declared == "termbook.yml":
        (site / "termbook.yml").write_text("language: de\n", encoding="utf-8")
    else:
        mkdocs_yml = site / "mkdocs.yml"
        mkdocs_yml.write_text(mkdocs_yml.read_text("utf-8").replace(
            "  name: material\n", "  name: material\n  language: de\n"), encoding="utf-8")
    (site / "begriffe.csv").write_text(
        "term,aliases,short\n"
        "Gewichte,und,Die gelernten Zahlen eines Modells.\n"
        "Offene Gewichte,the,Gewichte: jeder darf sie herunterladen.\n", encoding="utf-8")
    result = termbook_import(site, "csv", "begriffe.csv")
    assert "Traceback" not in result.stderr
    reported = [line for line in result.stdout.splitlines() if line.startswith("glossary/")]
    checked = check(site)
    assert checked.returncode == 1
    found = [line for line in checked.stdout.splitlines() if line.startswith("glossary/")]
    assert reported == found, result.stdout + checked.stdout
    assert found == ["glossary/gewichte.yaml:4: aliases[0]: 'und' is a word so common that nearly "
                     "every page would link it to this entry; remove it: a name readers look up "
                     "is one only this term has"]


# --- the options ------------------------------------------------------------------------------

def test_into_writes_to_the_folder_given_and_refuses_one_outside_the_project(tmp_path: Path):
    site = empty_site(tmp_path / "site")
    result = termbook_import(site, *IMPORTS["sphinx"], "--into", "terms")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "wrote terms/parsec.yaml" in result.stdout
    written = {p.stem for p in (site / "terms").glob("*.yaml")}
    assert "parsec" in written and len(written) == 6
    assert list((site / "glossary").iterdir()) == []
    # The entries already in that folder are the ones an entry may clash with.
    again = termbook_import(site, *IMPORTS["sphinx"], "--into", "terms")
    assert "terms/parsec.yaml already exists: not written; --force replaces it" in again.stdout
    outside = termbook_import(site, *IMPORTS["sphinx"], "--into", "../elsewhere")
    assert outside.returncode == 2 and "is outside the project" in outside.stderr
    assert not (tmp_path / "elsewhere").exists()


def test_into_refuses_the_project_folder_and_its_pages_articles_events_and_git(tmp_path: Path):
    site = empty_site(tmp_path / "site")
    (site / "docs").rename(site / "pages")
    (site / "mkdocs.yml").write_text(MKDOCS_YML + "docs_dir: pages\n", encoding="utf-8")
    (site / "termbook.yml").write_text("articles:\n  dir: articles\n  stances:\n"
                                       "    for: {title: For}\n"
                                       "events:\n  kinds:\n    release: {title: Release}\n",
                                       encoding="utf-8")
    (site / ".git").mkdir()
    before = sorted(site.rglob("*"))
    for into, why in [(".", "is the project folder"), ("pages", "holds the hand-written pages"),
                      ("pages/terms", "is inside the hand-written pages"),
                      ("articles", "holds the articles"), ("events", "holds the events"),
                      (".git", "holds git's own files"), (".git/terms", "is inside git's own files")]:
        result = termbook_import(site, *IMPORTS["sphinx"], "--into", into)
        assert result.returncode == 2, (into, result.stdout + result.stderr)
        assert why in result.stderr and "--into: " in result.stderr
        assert "import into the glossary folder" in result.stderr
        assert sorted(site.rglob("*")) == before, into  # nothing written, no folder made
    assert termbook_import(site, *IMPORTS["sphinx"], "--into", "docs").returncode == 0


def test_ids_names_makes_every_id_from_the_name_and_links_follow(tmp_path: Path):
    site = empty_site(tmp_path / "site")
    (site / "terms.csv").write_text(
        "term,id,short,related\n"
        "Open weights,ow,Weights anyone may download.,cw\n"
        "Closed weights,cw,Weights only their developer holds.,\n", encoding="utf-8")
    termbook_import(site, "csv", "terms.csv")
    assert entries(site)["ow"]["related"] == ["cw"]  # the source's own ids, by default
    renamed = empty_site(tmp_path / "renamed")
    shutil.copy(site / "terms.csv", renamed / "terms.csv")
    result = termbook_import(renamed, "csv", "terms.csv", "--ids", "names")
    assert result.returncode == 0, result.stdout + result.stderr
    assert set(entries(renamed)) == {"open-weights", "closed-weights"}
    assert entries(renamed)["open-weights"]["related"] == ["closed-weights"]


def test_language_chooses_the_labels_of_a_vocabulary_and_defaults_to_the_sites(tmp_path: Path):
    def names(site: Path) -> set[str]:
        return {entry["term"] for entry in entries(site).values()}

    english = empty_site(tmp_path / "english")
    termbook_import(english, *IMPORTS["skos-turtle"])
    assert {"Dough", "Flour"} <= names(english) and "Teig" not in names(english)
    chosen = empty_site(tmp_path / "chosen")
    result = termbook_import(chosen, *IMPORTS["skos-turtle"], "--language", "de")
    assert {"Teig", "Mehl", "Gärung"} <= names(chosen) and "Dough" not in names(chosen)
    assert "labels in other languages (en, en-gb) are not carried over" in result.stdout
    german = empty_site(tmp_path / "german")
    (german / "termbook.yml").write_text("language: de\n", encoding="utf-8")
    termbook_import(german, *IMPORTS["skos-turtle"])
    assert names(german) == names(chosen)


def test_separator_splits_the_cells_that_hold_several_values(tmp_path: Path):
    site = empty_site(tmp_path / "site")
    (site / "terms.tsv").write_text("term\taliases\tshort\n"
                                    "Mixture-of-Experts\tMoE model | sparse model; MoE\t"
                                    "A model that sends each token to a few experts.\n",
                                    encoding="utf-8")
    termbook_import(site, "tsv", "terms.tsv")
    assert entries(site)["mixture-of-experts"]["aliases"] == ["MoE model | sparse model", "MoE"]
    split = empty_site(tmp_path / "split")
    shutil.copy(site / "terms.tsv", split / "terms.tsv")
    termbook_import(split, "tsv", "terms.tsv", "--separator", " | ")
    assert entries(split)["mixture-of-experts"]["aliases"] == ["MoE model", "sparse model; MoE"]
