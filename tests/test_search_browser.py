"""The site's search, in Debian's chromium, on the hosted site (HTTP), the offline site
(file://) and the Zensical builds: a name, alias or abbreviation finds its term first, a
question the term it asks about, a comparison the pages of both sides and then the pages
whose titles name both, and the result opens the page. Material and Zensical draw different
search dialogs (Zensical's is in a shadow root, which Playwright's selectors enter). The same
holds on a second site of another field (tests/software_glossary.py)."""

from __future__ import annotations

import re

import pytest

import termbook
from termbook.layout import ASSETS, SEARCH_SCRIPT
from termbook.search import label_forms, query_parts, script

from .conftest import (
    ALL_BUILDS,
    ROOT,
    Site,
    add_front_ends,
    build_every_way,
    save_screenshot,
    served_sites,
    wait_until_opaque,
)
from .search_driver import RESULT_LINKS, SEARCH_BOX, misses, result_pages
from .search_queries import compact, query_set
from .software_glossary import write_site

pytestmark = pytest.mark.browser

#: The hand-written queries of the second site, a glossary of a container platform.
SOFTWARE_QUERIES = ROOT / "tests/software_search_queries.yaml"
#: A page of the second site whose title names two of its terms.
COMPARISON_PAGE = """# When a StatefulSet fits better than a Deployment

A [[deployment]] treats its pods as interchangeable; a [[statefulset]] gives each its own name
and storage, which the pod keeps when it is replaced.
"""
#: The words the second site's readers type after a name ("pod object"), which it declares
#: for its search.
SEARCH_YML = "search:\n  trailing_words: [object, resource]\n"
#: The builds with Material's search dialog, whose list the key-by-key test watches.
MATERIAL_BUILDS = ["http", "file"]


def search(page, site: Site, query: str) -> list[str]:
    """Type ``query`` into the home page's search box as a person would; return the hosted
    paths of the results, best first."""
    page.goto(site.url(""))
    page.keyboard.press("/")  # both engines' shortcut opens the search box
    box = page.locator(SEARCH_BOX[site.engine])
    box.wait_for(state="visible")
    # The box listens to key events, so type rather than fill.
    box.press_sequentially(query, delay=20)
    results = page.locator(RESULT_LINKS[site.engine])
    results.first.wait_for()
    # Results update on every keystroke: wait until the list stops changing.
    previous, stable = None, 0
    while stable < 3:
        current = results.evaluate_all("els => els.map(e => e.href)")
        stable = stable + 1 if current == previous else 0
        previous = current
        page.wait_for_timeout(100)
    # Zensical's results carry the query (?h=...) to highlight it on the page.
    return [site.path_of(url) for url in previous]


@pytest.mark.parametrize("query, expected", [
    ("MoE", "glossary/mixture-of-experts/"),
    ("Mixture-of-Experts", "glossary/mixture-of-experts/"),
    ("mixture of experts", "glossary/mixture-of-experts/"),
    ("open-weight model", "glossary/open-weights/"),
    ("open weights", "glossary/open-weights/"),
    ("weights", "glossary/weights/"),
    ("model weights", "glossary/weights/"),
    ("frontier model", "glossary/frontier-model/"),
    ("Muse Spark", "glossary/muse-spark/"),
    ("OSAID", "glossary/open-source-ai-definition/"),
])
@pytest.mark.parametrize("site", ALL_BUILDS, indirect=True)
def test_search_finds_the_term_page_first(page, site: Site, query: str, expected: str):
    paths = search(page, site, query)
    assert paths[0] == expected, paths[:3]


@pytest.mark.parametrize("site", ALL_BUILDS, indirect=True)
def test_clicking_the_first_result_opens_the_term(page, site: Site):
    search(page, site, "MoE")
    if site.engine == "mkdocs":
        wait_until_opaque(page, ".md-search__output")  # the result list fades in
    save_screenshot(page, f"{site.name}-search-result")
    page.locator(RESULT_LINKS[site.engine]).first.click()
    page.wait_for_url(lambda url: site.path_of(url) == "glossary/mixture-of-experts/")
    assert page.title().split(" - ")[0] == "Mixture-of-Experts"


def first_pages_of(page, site: Site, queries: list[tuple[str, tuple[str, ...]]]) -> list[str]:
    """Type the queries one after another into one search box; the misses."""
    return misses(queries, result_pages(page, site, [query for query, _ in queries]))


@pytest.mark.parametrize("site", ["http", "zensical"], indirect=True)
def test_every_name_alias_and_abbreviation_finds_its_term_first(page, site: Site):
    """All of the real glossary's labels, typed one after another into one search box."""
    glossary = termbook.load(termbook.Project.at(ROOT))
    labels = sorted((label, (f"glossary/{term.id}/",)) for term in glossary.terms.values()
                    for label in term.labels)
    missed = first_pages_of(page, site, labels)
    assert not missed, "\n".join(missed)


@pytest.mark.parametrize("site", ALL_BUILDS, indirect=True)
def test_the_query_set_finds_each_page_first(page, site: Site):
    """Reader queries (tests/search_queries.yaml and the forms, questions and comparisons
    derived from the glossary in tests/search_queries.py): each puts its pages first."""
    queries = [(q.query, q.pages) for q in query_set()]
    missed = first_pages_of(page, site, queries)
    hits = f"hit rate {len(queries) - len(missed)}/{len(queries)}"
    print(f"{site.name}: {hits}")
    assert not missed, f"{hits}; misses:\n" + "\n".join(missed)


def unique_starts(glossary: termbook.Glossary) -> list[tuple[str, str]]:
    """Each term's name as it is typed, one letter more at a time, from the first start that
    no other term's label starts with: (typed so far, the term's page). Left out: what is
    typed so far when its words are whole words of a name of one other term only ("Act",
    on the way to Active parameters, is a word of "EU AI Act"), which name that term first."""
    labels = [(compact(label), term.id) for term in glossary.terms.values() for label in term.labels]
    words = [(set(re.findall(r"[^\W_]+", label.lower())), term.id)
             for term in glossary.terms.values() for label in term.labels]

    def names_another(text: str, tid: str) -> bool:
        typed_words = set(re.findall(r"[^\W_]+", text.lower()))
        owners = {other for found, other in words if typed_words <= found}
        return len(owners) == 1 and tid not in owners

    typed = []
    for term in glossary.terms.values():
        for end in range(1, len(term.term) + 1):
            start = compact(term.term[:end])
            if start and {tid for label, tid in labels if label.startswith(start)} == {term.id}:
                # A space or hyphen typed last starts no new word yet: the same search.
                typed += [(term.term[:end], f"glossary/{term.id}/")
                          for end in range(end, len(term.term) + 1)
                          if term.term[end - 1] not in " -" and not names_another(term.term[:end], term.id)]
                break
    return typed


@pytest.mark.parametrize("site", ["http"], indirect=True)
def test_while_typing_a_unique_start_of_a_name_leads_to_its_term(page, site: Site):
    glossary = termbook.load(termbook.Project.at(ROOT))
    typed = unique_starts(glossary)
    # "Mixt" also starts Mixtral: from "Mixtu" on, only Mixture-of-Experts.
    assert ("Mixtu", "glossary/mixture-of-experts/") in typed
    assert ("Mixt", "glossary/mixture-of-experts/") not in typed
    missed = first_pages_of(page, site, [(text, (path,)) for text, path in typed])
    assert not missed, "\n".join(missed)


@pytest.mark.parametrize("site", MATERIAL_BUILDS, indirect=True)
def test_typing_key_by_key_keeps_the_term_first(page, site: Site):
    """Real keystrokes: once the letters typed start only this term's names, every list of
    results shown while the rest is typed has it first, and Enter opens it."""
    page.goto(site.url(""))
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    first = f"document.querySelector('{RESULT_LINKS['mkdocs']}')"
    box.press_sequentially("Mixtu", delay=50)
    page.wait_for_function(f"{first} && {first}.href.includes('/mixture-of-experts')")
    # From here on, note the first result of every list Material shows.
    page.evaluate(f"""() => {{
      window.shownFirst = [];
      new MutationObserver(() => {{ if ({first}) window.shownFirst.push({first}.href); }})
        .observe(document.querySelector(".md-search-result__list"), {{childList: true}});
    }}""")
    box.press_sequentially("re-of-Experts", delay=50)
    page.wait_for_function("() => window.shownFirst.length >= 10")
    page.wait_for_timeout(500)  # the last keystrokes' results
    shown = page.evaluate("window.shownFirst")
    assert {site.path_of(url) for url in shown} == {"glossary/mixture-of-experts/"}, shown
    box.press("Enter")
    page.wait_for_url(lambda url: site.path_of(url) == "glossary/mixture-of-experts/")


def test_the_page_reduces_names_and_reads_queries_as_the_build_does(page, site: Site):
    """search-names.js applies the engine's rules: for every label and query of the query set
    it gives the forms termbook.search gives, and reads each query into the same parts, in
    every language termbook has query words for (the page gets its site's language's)."""
    glossary = termbook.load(termbook.Project.at(ROOT))
    texts = sorted({label for term in glossary.terms.values() for label in term.labels}
                   | {q.query for q in query_set(glossary)} | {"Éclair", "naïve licences", "分词"})
    page.goto(site.url(""))
    forms = page.evaluate("texts => texts.map(window.termbookSearch.forms)", texts)
    assert {t: tuple(f) for t, f in zip(texts, forms, strict=True)} == {t: label_forms(t) for t in texts}
    template = (ROOT / "src/termbook/assets" / ASSETS[SEARCH_SCRIPT]).read_text("utf-8")
    asked = texts + QUESTIONS_IN_OTHER_LANGUAGES
    for language in [*LANGUAGES_WITH_WORDS, "ja"]:
        page.add_script_tag(content=script(template, language))  # replaces window.termbookSearch
        parts = page.evaluate("texts => texts.map(window.termbookSearch.parts)", asked)
        assert ({t: tuple(p) for t, p in zip(asked, parts, strict=True)}
                == {t: query_parts(t, language) for t in asked})


#: The languages termbook has words for (termbook/languages/).
LANGUAGES_WITH_WORDS = sorted(path.stem for path in (ROOT / "src/termbook/languages").glob("*.json"))
#: Questions and comparisons in the other languages termbook has words for.
QUESTIONS_IN_OTHER_LANGUAGES = [
    "Was ist ein Token?", "Was sind offene Gewichte", "Unterschied zwischen offenen Gewichten und Open Source",
    "Llama oder Mistral", "WHO Leitlinien", "Qu'est-ce qu'un modèle de fondation ?",
    "Différence entre poids ouverts et open source", "poids ouverts ou fermés",
    "¿Qué es un token?", "diferencia entre pesos abiertos y código abierto", "Llama frente a Mistral"]


def distinct(paths: list[str]) -> list[str]:
    """The pages of a result list, once each (a page's sections share its path)."""
    return list(dict.fromkeys(paths))


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}],
                         ids=["1280x900", "390x844"])
@pytest.mark.parametrize("site", ALL_BUILDS, indirect=True)
def test_a_question_and_a_comparison_typed_by_a_reader(new_page, site: Site, viewport: dict):
    """"what are model weights" puts Weights first (its alias "model weights" is in the
    question), not Open weights; "open weights vs open source" puts both sides' term pages
    first, then the page whose title names both, and the pages the engine found for the words
    that name something ("vs" is on no page, and Zensical finds only pages with every word)."""
    page = new_page(viewport=viewport)
    size = f"{viewport['width']}x{viewport['height']}"
    for query, first in [("what are model weights", ["glossary/weights/"]),
                         ("open weights vs open source", ["glossary/open-weights/",
                          "glossary/open-source-ai/", "open-weights-vs-open-source/"])]:
        paths = distinct(search(page, site, query))
        assert paths[:len(first)] == first, paths[:5]
        assert len(paths) > len(first)
        if site.engine == "mkdocs":
            wait_until_opaque(page, ".md-search__output")
        save_screenshot(page, f"{site.name}-search-{compact(query)}-{size}")


@pytest.mark.parametrize("site", ["zensical"], indirect=True)
def test_the_pages_put_first_are_not_listed_again_further_down(page, site: Site):
    """Zensical lists results ten at a time, as the reader scrolls: the pages put first in
    the first ten are not put first again, nor listed again, in the later tens."""
    search(page, site, "open weights vs open source")
    links = page.locator(RESULT_LINKS[site.engine])
    for shown in range(links.count(), 50, 10):  # each scroll to the last result loads ten more
        links.last.scroll_into_view_if_needed()
        page.wait_for_function("([host, n]) => [...document.querySelectorAll('*')].some(e => e.shadowRoot"
                               " && e.shadowRoot.querySelectorAll(host).length > n)",
                               arg=[RESULT_LINKS[site.engine], shown])
    addresses = links.evaluate_all("els => els.map(e => e.href)")
    assert len(addresses) >= 50 and len(set(addresses)) == len(addresses)


@pytest.fixture(scope="module")
def software_sites(tmp_path_factory: pytest.TempPathFactory):
    """The second site, with a page that compares two of its terms and the words its readers
    type after a name, built every way this site is, each build served or opened."""
    work = tmp_path_factory.mktemp("software")
    project = add_front_ends(write_site(work / "project"))
    (project / "docs/statefulset-or-deployment.md").write_text(COMPARISON_PAGE, encoding="utf-8")
    with (project / "termbook.yml").open("a", encoding="utf-8") as config:
        config.write(SEARCH_YML)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1))
    with served_sites(build_every_way(project, work)) as sites:
        yield project, sites


@pytest.mark.parametrize("build", ALL_BUILDS)
def test_a_site_of_another_field_finds_each_page_first(page, software_sites, build: str):
    """A glossary whose names start one another: "pods" finds Pod, not Pod Security Policy
    (alias PodSecurityPolicy) or Pod Security Admission, which start with it; "containers"
    finds Container, not Container Storage Interface; "pod object" finds Pod, not Object, as
    the site declares "object" a word typed after names; with questions, comparisons and every
    form the rules derive from its glossary."""
    project, sites = software_sites
    glossary = termbook.load(termbook.Project.at(project))
    queries = [(q.query, q.pages) for q in query_set(glossary, SOFTWARE_QUERIES)]
    assert ("pods", ("glossary/pod/",)) in queries and ("containers", ("glossary/container/",)) in queries
    assert ("pod object", ("glossary/pod/",)) in queries
    missed = first_pages_of(page, sites[build], queries)
    assert not missed, "\n".join(missed)
