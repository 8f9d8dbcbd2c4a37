"""Citations that readers can follow and that do not change under them.

Three rules, each checked on the repository and shown to fail on a planted bad example in a
temporary copy:

* every source address in glossary/ and seeds/, and every link with a scheme in docs/, is http(s);
* no link points to a moving record of the European Open Source AI Index: its records are
  rewritten when a newer model of a family appears (the Mistral file now describes Mistral
  Large 3, the OLMo file Olmo 3.1), so a citation must name the commit it was read at;
* every argument on the debate page links to the claim it rests on.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

from .conftest import ROOT, run_mkdocs

#: Keys whose values are addresses of sources: `url` of a source (entries, seed articles and the
#: sources of their claims) and `evidence` of an openness rating.
SOURCE_KEYS = {"url", "evidence"}

#: A Markdown inline link or image: [text](target "title"); the target ends at a space or ")".
MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
#: A scheme ("https:", "ftp:", "javascript:") or a protocol-relative "//host".
HAS_SCHEME = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")

INDEX_REPO = "language-technology-assessment/main-database"
COMMIT = re.compile(r"^[0-9a-f]{40}$")


def source_urls(folder: Path):
    """(file, address) for every source address in the YAML files of ``folder``, at any depth."""
    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in SOURCE_KEYS and isinstance(value, str):
                    yield value
                else:
                    yield from walk(value)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)

    for path in sorted(folder.glob("*.yaml")):
        for url in walk(yaml.safe_load(path.read_text(encoding="utf-8"))):
            yield path, url


def page_links(docs: Path):
    """(file, target) for every Markdown link in the hand-written pages of ``docs``."""
    for path in sorted(docs.rglob("*.md")):
        for target in MARKDOWN_LINK.findall(path.read_text(encoding="utf-8")):
            yield path, target


def not_web_addresses(root: Path) -> list[str]:
    """Source addresses in data that are not absolute http(s) URLs with a host, and links in
    pages that name another scheme. Relative links between pages are not sources."""
    problems = [f"{path.relative_to(root)}: {url}"
                for folder in ("glossary", "seeds", "events") for path, url in source_urls(root / folder)
                if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc]
    problems += [f"{path.relative_to(root)}: {target}"
                 for path, target in page_links(root / "docs")
                 if HAS_SCHEME.match(target)
                 and (urlsplit(target).scheme not in ("http", "https") or not urlsplit(target).netloc)]
    return problems


def index_record_ref(url: str) -> str | None:
    """The git ref (branch, tag or commit) a link to a file of the Index repository names, or
    None when the link is not to a file there (the repository's front page, another site)."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    host = parts.netloc.lower()
    repo = "/".join(segments[:2]).lower()
    # /owner/repo/blob|tree|raw/<ref>/<path>
    if host in ("github.com", "www.github.com") and len(segments) >= 4 and repo == INDEX_REPO \
            and segments[2] in ("blob", "tree", "raw"):
        return segments[3]
    # /owner/repo/<ref>/<path>
    if host == "raw.githubusercontent.com" and len(segments) >= 3 and repo == INDEX_REPO:
        return segments[2]
    return None


def moving_index_links(root: Path) -> list[str]:
    """Links to Index records that name a branch (main, master, HEAD...) instead of a commit."""
    links = [(path, url) for folder in ("glossary", "seeds", "events") for path, url in source_urls(root / folder)]
    links += list(page_links(root / "docs"))
    return [f"{path.relative_to(root)}: {url}" for path, url in links
            if (ref := index_record_ref(url)) is not None and not COMMIT.match(ref)]


# --- the debate page -------------------------------------------------------------------------
#
# How the debate page is built (docs/debate.md): two sections headed "The case for closing
# weights" and "The case for keeping weights open" (h2), each made of arguments, one per h3
# ("The cost of compute", "Transparency and independent auditing", ...). An *argument* is such an
# h3 and everything after it up to the next h2 or h3: the article's argument in prose, then
# "What the sources say". Each argument rests on claims from the summarised articles, and the
# summaries (seeds/<article>.yaml) give every claim an id, rendered as an anchor on the article's
# page (sources/<article>/#<claim-id>). A *claim link* is a link in the argument's section to
# such an anchor whose article is one of the seeds and whose claim id is one of that seed's
# claims. An argument without one states an article's view without letting the reader see what
# the article said.

def seed_claims(seeds: Path) -> dict[str, set[str]]:
    return {path.stem: {claim["id"] for claim in yaml.safe_load(path.read_text())["claims"]}
            for path in sorted(seeds.glob("*.yaml"))}


def claim_of(href: str, claims: dict[str, set[str]]) -> tuple[str, str] | None:
    """(article, claim id) when ``href`` is a claim link, else None."""
    parts = urlsplit(href)
    segments = [s for s in parts.path.split("/") if s and s != ".."]
    if parts.scheme or len(segments) < 2 or segments[-2] != "sources":
        return None
    article = segments[-1].removesuffix(".md").removesuffix(".html")
    if article == "index" and len(segments) >= 3:
        article = segments[-2]
    if parts.fragment in claims.get(article, ()):
        return article, parts.fragment
    return None


def heading(node) -> str:
    return node.text(deep=True).strip().rstrip("¶").strip()  # without the permalink sign


def debate_arguments(html: str) -> dict[str, dict[str, list[str]]]:
    """For each h2 "The case for ...", its arguments (h3 texts) and the hrefs in each."""
    article = LexborHTMLParser(html).css_first("article")
    cases: dict[str, dict[str, list[str]]] = {}
    case = argument = None
    for node in article.iter():  # the page's blocks, in order
        if node.tag == "h2":
            case = heading(node) if heading(node).startswith("The case for") else None
            argument = None
            if case:
                cases[case] = {}
        elif node.tag == "h3" and case:
            argument = heading(node)
            cases[case][argument] = []
        elif case and argument:
            cases[case][argument] += [a.attributes.get("href") or "" for a in node.css("a")]
    return cases


def arguments_without_claim_links(html: str, claims: dict[str, set[str]]) -> list[str]:
    cases = debate_arguments(html)
    return [f"{case} / {argument}" for case, arguments in cases.items()
            for argument, hrefs in arguments.items()
            if not any(claim_of(href, claims) for href in hrefs)]


# --- the repository --------------------------------------------------------------------------

def test_every_source_address_is_a_web_address():
    assert not_web_addresses(ROOT) == []


def test_no_source_points_to_a_moving_index_record():
    assert moving_index_links(ROOT) == []


def test_index_record_links_are_recognised():
    pinned = ("https://github.com/Language-Technology-Assessment/main-database/blob/"
              "ff85b6ff442035e41c9492cefa54f78be0b827fc/llama-4.yaml")
    assert index_record_ref(pinned) == "ff85b6ff442035e41c9492cefa54f78be0b827fc"
    assert index_record_ref("https://github.com/Language-Technology-Assessment/main-database") is None
    assert index_record_ref("https://raw.githubusercontent.com/Language-Technology-Assessment/"
                            "main-database/main/OLMo.yaml") == "main"
    assert index_record_ref("https://github.com/meta-llama/llama-models/blob/main/LICENSE") is None


def test_every_debate_argument_links_its_claim(real_site: Path):
    html = (real_site / "debate" / "index.html").read_text(encoding="utf-8")
    claims = seed_claims(ROOT / "seeds")
    cases = debate_arguments(html)
    # The structure the rule relies on is there: two sides, several arguments each.
    assert len(cases) == 2 and all(len(arguments) >= 3 for arguments in cases.values()), cases
    assert arguments_without_claim_links(html, claims) == []
    # Each claim link leads to an anchor that exists on the article's page.
    for arguments in cases.values():
        for hrefs in arguments.values():
            for href in hrefs:
                if found := claim_of(href, claims):
                    article, claim_id = found
                    page = (real_site / "sources" / article / "index.html").read_text()
                    assert f'id="{claim_id}"' in page, href


# --- planted bad examples, in temporary copies -----------------------------------------------

@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of what the site is built from, free to break."""
    copy = tmp_path / "project"
    copy.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    shutil.copy(ROOT / "termbook.yml", copy / "termbook.yml")
    for folder in ("docs", "glossary", "seeds", "events", "overrides"):
        shutil.copytree(ROOT / folder, copy / folder)
    return copy


def append_source(entry: Path, url: str) -> None:
    text = entry.read_text(encoding="utf-8")
    text = text.replace("sources:\n", f"sources:\n- title: Planted\n  publisher: Test\n"
                                      f"  url: {url}\n  date: '2026'\n", 1)
    entry.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("url", ["ftp://example.org/report.pdf", "file:///etc/passwd",
                                 "www.example.org/report", "javascript:alert(1)"])
def test_a_planted_non_web_source_is_found(project: Path, url: str):
    append_source(project / "glossary" / "weights.yaml", url)
    assert not_web_addresses(project) == [f"glossary/weights.yaml: {url}"]


def test_a_planted_non_web_link_in_a_page_or_claim_is_found(project: Path):
    page = project / "docs" / "timeline.md"
    page.write_text(page.read_text() + "\nSee [the data](ftp://example.org/data.csv).\n")
    seed = project / "seeds" / "muse-spark-seismic-shift.yaml"
    seed.write_text(seed.read_text().replace(
        "url: https://slator.com/", "url: http:slator.com/", 1))
    problems = not_web_addresses(project)
    assert "docs/timeline.md: ftp://example.org/data.csv" in problems
    assert any(p.startswith("seeds/muse-spark-seismic-shift.yaml: http:slator.com/") for p in problems)


@pytest.mark.parametrize("url", [
    "https://github.com/Language-Technology-Assessment/main-database/blob/main/Mistral.yaml",
    "https://github.com/language-technology-assessment/main-database/tree/main/",
    "https://github.com/Language-Technology-Assessment/main-database/raw/main/OLMo.yaml",
    "https://raw.githubusercontent.com/Language-Technology-Assessment/main-database/main/OLMo.yaml",
    "https://github.com/Language-Technology-Assessment/main-database/blob/HEAD/Pythia.yaml",
])
def test_a_planted_moving_index_link_is_found(project: Path, url: str):
    append_source(project / "glossary" / "olmo.yaml", url)
    assert moving_index_links(project) == [f"glossary/olmo.yaml: {url}"]
    page = project / "docs" / "open-weight-era.md"
    page.write_text(page.read_text() + f"\n[record]({url})\n")
    assert f"docs/open-weight-era.md: {url}" in moving_index_links(project)


def test_a_planted_argument_without_a_claim_link_is_found(project: Path, tmp_path: Path):
    debate = project / "docs" / "debate.md"
    text = debate.read_text(encoding="utf-8")
    # An argument that names its article but does not link the claim.
    planted = ("### Regulatory burden\n\nThe blog post argues that regulation makes open releases"
               " costly.\n\n")
    text = text.replace("### Safety and control\n", planted + "### Safety and control\n", 1)
    # And an existing argument whose only claim link is cut down to a link to the article's
    # page: that names the article but not the claim.
    text = text.replace("(sources/muse-spark-seismic-shift.md#reduced-transparency)",
                        "(sources/muse-spark-seismic-shift.md)")
    debate.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    result = run_mkdocs(project, site)
    assert result.returncode == 0, result.stderr
    html = (site / "debate" / "index.html").read_text(encoding="utf-8")
    assert arguments_without_claim_links(html, seed_claims(project / "seeds")) == [
        "The case for closing weights / Regulatory burden",
        "The case for keeping weights open / Transparency and independent auditing",
    ]
