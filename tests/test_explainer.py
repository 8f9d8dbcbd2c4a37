"""The explainer on the real site (issue 3): article pages, the debate, the timeline and the
openness table, checked in the built HTML against the data they come from."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

import termbook

from .conftest import ROOT
from .sample_glossary import COMPONENTS, SITE_TAXONOMY

COMPONENT_TITLES = {c.id: c.title for c in SITE_TAXONOMY.scorecard.components}

#: Models the issue names, and the kinds of model the table must cover.
REQUIRED_RATED = {"llama-2", "llama-3", "llama-4-scout", "llama-4-maverick", "muse-spark"}
CLOSED_API_MODELS = {"gpt-4", "claude"}
FULLY_OPEN_MODELS = {"olmo", "pythia"}
PERMISSIVE_MODELS = {"mistral-7b", "deepseek-r1"}
#: Models the openness table must cover as of late 2025.
NEWER_MODELS = {"gpt-oss", "gemma", "qwen", "mixtral", "bloom", "phi", "gemini"}


@pytest.fixture(scope="module")
def glossary() -> termbook.Glossary:
    return termbook.load(termbook.Project.at(ROOT))


def page(site: Path, path: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / path / "index.html").read_text(encoding="utf-8"))


def content(site: Path, path: str):
    return page(site, path).css_first("article")


def is_web_link(href: str) -> bool:
    return urlsplit(href).scheme in ("http", "https")


def test_one_page_per_article_and_an_index_of_them(real_site: Path, glossary):
    assert len(glossary.articles) >= 2
    index = content(real_site, "sources")
    linked = {a.attributes["href"] for a in index.css("a")}
    for article_id, article in glossary.articles.items():
        assert f"{article_id}/" in linked, article_id
        html = content(real_site, f"sources/{article_id}")
        assert html.css_first("h1").text().startswith(article.title[:20])
        # The citation links to the original article; its text is not republished.
        citation = html.css_first(".tb-citation a")
        assert citation.attributes["href"] == article.url


def test_every_claim_is_attributed_has_a_stance_terms_and_sources(real_site: Path, glossary):
    attribution = re.compile(r"\b(the|this) (article|author|post|writer|blog)\b|\bargues\b|\bstates\b",
                             re.IGNORECASE)
    for article_id, article in glossary.articles.items():
        html = content(real_site, f"sources/{article_id}")
        for claim in article.claims:
            block = html.css_first(f".tb-claim#{claim.id}")
            assert block is not None, (article_id, claim.id)
            text = block.text()
            assert attribution.search(claim.claim), (article_id, claim.id, claim.claim)
            assert any(label in text for label in ("For openness", "For closed weights", "Neutral"))
            terms = {a.attributes["href"].rstrip("/").split("/")[-1]
                     for a in block.css('a[href*="glossary/"]')}
            assert set(claim.terms) <= terms, (article_id, claim.id)
            assert any(is_web_link(a.attributes["href"]) for a in block.css(".tb-sources a")), \
                (article_id, claim.id, "no source link")


def test_quotes_are_short_and_marked(glossary):
    for article in glossary.articles.values():
        for claim in article.claims:
            if claim.quote:
                assert len(claim.quote.split()) < 25, claim.id


def test_debate_links_each_argument_to_claims_and_terms(real_site: Path, glossary):
    html = content(real_site, "debate")
    claim_links = [a.attributes["href"] for a in html.css('a[href*="sources/"]')
                   if "#" in a.attributes["href"]]
    claim_ids = {claim.id for article in glossary.articles.values() for claim in article.claims}
    linked_claims = {href.split("#", 1)[1] for href in claim_links}
    assert linked_claims <= claim_ids, linked_claims - claim_ids  # no dangling anchors
    assert len(linked_claims) >= len(claim_ids) // 2
    text = html.text()
    for argument in ("compute", "safety", "monetis", "transparen", "smaller", "consolidat",
                     "local"):
        assert argument in text.lower(), argument
    assert html.css('a[href*="glossary/"]'), "the debate page links no glossary term"
    assert [a for a in html.css("a") if is_web_link(a.attributes.get("href", ""))], \
        "the debate page cites no primary source"


def test_open_source_page_sets_the_osi_definition_against_the_llama_licence(real_site: Path):
    html = content(real_site, "open-weights-vs-open-source")
    hrefs = [a.attributes.get("href", "") for a in html.css("a")]
    assert any("opensource.org" in h for h in hrefs)
    assert any("llama" in h and ("LICENSE" in h or "license" in h) for h in hrefs)
    text = html.text().lower()
    for requirement in ("use", "study", "modify", "share", "700 million", "acceptable use"):
        assert requirement in text, requirement


def test_every_timeline_entry_has_a_date_and_a_source_link(real_site: Path):
    rows = content(real_site, "timeline").css("tbody tr")
    assert len(rows) >= 12
    mentioned = " ".join(row.text() for row in rows)
    for milestone in ("LLaMA", "Llama 2", "Llama 3", "Scout", "Maverick", "Muse Spark"):
        assert milestone in mentioned, milestone
    for row in rows:
        date, _, source = row.css("td")
        assert re.search(r"\b(19|20)\d\d\b", date.text()), row.text()
        # A primary source, or for an undated article our summary page, which cites it.
        assert any(is_web_link(href) or href.startswith("../sources/")
                   for href in (a.attributes["href"] for a in source.css("a"))), row.text()


def test_openness_table_rates_the_range_of_models_with_evidence(real_site: Path, glossary):
    rated = {term_id for term_id, term in glossary.terms.items() if term.ratings}
    assert len(rated) >= 20
    for kind in (REQUIRED_RATED, NEWER_MODELS, CLOSED_API_MODELS, FULLY_OPEN_MODELS,
                 PERMISSIVE_MODELS):
        assert kind & rated, kind
    assert REQUIRED_RATED <= rated and NEWER_MODELS <= rated

    html = content(real_site, "openness")
    # Each heading is read out by its full name; the short one is for the eye.
    header = [th.css_first(".tb-col-full").text()
              for th in html.css("table.tb-scorecard-table thead th")]
    assert header == ["Model", *(COMPONENT_TITLES[c] for c in COMPONENTS), "Open parts"]
    rows = {row.attributes["data-entry"]: row
            for row in html.css("table.tb-scorecard-table tbody tr")}
    assert set(rows) == rated
    for term_id, row in rows.items():
        assert row.css_first("th a").attributes["href"].rstrip("/").split("/")[-1] == term_id
        cells = row.css("td")[:len(COMPONENTS)]
        for component, cell in zip(COMPONENTS, cells, strict=True):
            rating = {r.component: r for r in glossary.terms[term_id].ratings}[component]
            assert cell.css_first(".tb-rating").text() == rating.rating, (term_id, component)
            assert cell.attributes["data-reason"] == " ".join(rating.reason.split())
            evidence = cell.css_first("a")
            assert evidence is not None and is_web_link(evidence.attributes["href"]), \
                (term_id, component)
            assert evidence.attributes["href"] == rating.evidence
    # The legend, and the frameworks the ratings follow.
    text = html.text()
    for rating in ("open", "partial", "closed", "unknown"):
        assert rating in text
    assert "European Open Source AI Index" in text and "Model Openness Framework" in text


def test_home_page_says_what_happened_and_where_to_go(real_site: Path):
    html = content(real_site, "")
    text = html.text()
    for fact in ("Muse Spark", "Meta Superintelligence Labs", "Llama", "open source"):
        assert fact in text, fact
    hrefs = {a.attributes.get("href", "") for a in html.css("a")}
    for page_ in ("debate/", "open-weights-vs-open-source/", "openness/", "timeline/"):
        assert page_ in hrefs, page_
