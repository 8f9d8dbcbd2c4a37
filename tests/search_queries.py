"""The query set for the site's search: reader queries, each with the pages it must put first.

Two parts: the hand-written queries of ``search_queries.yaml``, and queries derived here from
whatever glossary there is, by rules that write a label the way readers also type it (another
case, the plural or singular, a hyphen as a space or left out, the other spelling, a stem, the
distinctive word of a longer name, a version number run into the name, a name that another
term's name starts with), ask about it ("what is <name>", "what are <plural>"), or compare two
related terms ("<a> vs <b>", "difference between <a> and <b>", ...). A query derived from a
label is kept only when it names one term: it is no label of another term (it would be that
term's query) and no other rule makes it for another term. It is no label of its own term
either: every label is tested already.

``python -m tests.search_queries`` prints the whole set; with ``--site DIR`` it types every
query into that built site's search box in Chromium and prints the hit rate.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

import termbook

ROOT = Path(__file__).resolve().parents[1]
HAND_WRITTEN = Path(__file__).with_name("search_queries.yaml")

#: Ends of last words that take no plural: masses and activities ("inference", "training
#: data", "software", "computing power"), adverbs ("locally"), words that end in s already.
NO_PLURAL_ENDINGS = ("ing", "ion", "ence", "ance", "ity", "ism", "ware", "data", "compute",
                     "power", "ai", "ly", "ss", "us")
STOP_WORDS = {"a", "an", "and", "for", "in", "of", "on", "the", "to", "with"}
#: How readers compare two terms; the pairs of related terms take them in turn.
COMPARISONS = ("{a} vs {b}", "{a} versus {b}", "{a} or {b}", "difference between {a} and {b}",
               "{a} compared to {b}", "what is the difference between {a} and {b}", "{a} vs. {b}")


@dataclasses.dataclass(frozen=True)
class Query:
    query: str
    pages: tuple[str, ...]  # the hosted paths of the pages that must come first, in order
    rule: str  # how the query was made: a rule's name, or "hand-written"


def page_of(term: termbook.Term) -> str:
    return f"glossary/{term.id}/"


def same(text: str) -> str:
    """A label or query as it compares for "the same words": case, hyphens and spaces aside."""
    return " ".join(re.split(r"[\s\-]+", text.lower())).strip()


def compact(text: str) -> str:
    """A name as the reader's typing compares with it: lower case, letters and digits only."""
    return "".join(re.findall(r"[^\W_]+", text.lower()))


def plural(label: str) -> str | None:
    last = label.split()[-1]
    if not (last.islower() or (" " not in label and label[1:].islower())):
        return None  # a name ("EU AI Act", "Open Source Initiative")
    lower = last.lower()
    if lower.endswith(NO_PLURAL_ENDINGS):
        return None
    if lower.endswith("s"):
        return label[:-1]
    if re.search(r"[^aeiou]y$", lower):
        return label[:-1] + "ies"
    return label + ("es" if lower.endswith(("x", "ch", "sh")) else "s")


def other_spelling(label: str) -> str | None:
    """British for American spelling and back: -ise for -ize, -ization/-isation,
    licence/license, -or for -our. (Not -ize for -ise: "supervise" has no -ize form.)"""
    swaps = [(r"(?<=[a-z]{3})iz(e|ed|es|ing)\b", r"is\1"),
             (r"(?<=[a-z]{3})ization", "isation"), (r"(?<=[a-z]{3})isation", "ization"),
             (r"\blicence", "license"), (r"\blicense", "licence"),
             (r"(?<=[a-z]{3})our\b", "or")]
    lower = label.lower()
    for pattern, replacement in swaps:
        changed = re.sub(pattern, replacement, lower)
        if changed != lower:
            return changed
    return None


def stem_forms(label: str) -> list[str]:
    """A one-word name as a participle: "Distillation" as "distilled", "Fine-tuning" as
    "fine-tuned"."""
    lower = label.lower()
    forms: list[str] = []
    if " " in lower:
        return forms
    if re.search(r"[a-z]{4}ation$", lower):
        forms.append(lower[:-5] + "ed")
    if re.search(r"[a-z]{3}ing$", lower):
        forms.append(lower[:-3] + "ed")
    return forms


def distinctive_words(term: termbook.Term, words_of_others: set[str]) -> list[str]:
    """The words of a term's name, of four letters or more, that no other term's labels use."""
    words = term.term.lower().split()
    if len(words) < 2:
        return []
    return [w for w in words if len(w) >= 4 and w.isalpha() and w not in STOP_WORDS
            and w.rstrip("s") not in words_of_others]


def as_question(label: str, proper_name: bool) -> list[str]:
    """A name asked about: "what is <name>", and "what are <plural>" for a name that has one."""
    questions = [f"what is {label}"]
    if not proper_name and label.endswith("s") and not label.endswith(NO_PLURAL_ENDINGS):
        questions = [f"what are {label}"]
    elif not proper_name and plural(label):
        questions.append(f"what are {plural(label)}")
    return questions


def started_by(glossary: termbook.Glossary) -> dict[str, set[str]]:
    """The labels that start a label of another term ("Pod", "Pod Security Policy";
    "Container", "Container Storage Interface"), with the terms they are labels of."""
    labels = [(compact(label), label, term.id) for term in glossary.terms.values()
              for label in term.labels]
    found: dict[str, set[str]] = {}
    for (start, label, tid), (longer, _, other) in itertools.product(labels, labels):
        if tid != other and start and longer != start and longer.startswith(start):
            found.setdefault(label, set()).add(tid)
    return found


def derived_queries(glossary: termbook.Glossary) -> list[Query]:
    owner = {same(label): term.id for term in glossary.terms.values() for label in term.labels}
    words_by_term = {
        term.id: {w.rstrip("s") for label in term.labels for w in re.split(r"[\s\-]+", label.lower())}
        for term in glossary.terms.values()}
    starts = started_by(glossary)
    made: dict[str, list[Query]] = {}

    def add(text: str | None, term: termbook.Term, rule: str) -> None:
        """Keep ``text`` unless it is a label of another term, or one of this term's labels as
        written (in another case it is a query of its own)."""
        if not text or owner.get(same(text), term.id) != term.id or text in term.labels:
            return
        made.setdefault(same(text), []).append(Query(text, (page_of(term),), rule))

    for term in glossary.terms.values():
        proper_name = glossary.is_proper_noun(term)
        # First, so that a form made by the other rules too is counted here.
        for label in term.labels:
            if term.id in starts.get(label, ()):
                for form in (label.lower(), None if proper_name else plural(label)):
                    add(form, term, "form of a name another term's name starts with")
        add(term.term.upper(), term, "upper case")
        if term.abbreviation:
            add(term.abbreviation.lower(), term, "lower case")
        for label in term.labels:
            if not proper_name and label != term.abbreviation:
                add(plural(label), term, "plural or singular")
            hyphens = len(re.findall(r"\w-\w", label))
            if 0 < hyphens <= 2:
                add(label.replace("-", " "), term, "hyphen as space")
            if hyphens == 1:
                add(label.replace("-", ""), term, "hyphen left out")
            if re.fullmatch(r"\S+ \d\S{0,3}", label):  # "Llama 3", "Mistral 7B": "llama3"
                add(label.replace(" ", "").lower(), term, "version run in")
            add(other_spelling(label), term, "other spelling")
            for form in stem_forms(label):
                add(form, term, "stem")
        others = set().union(*(words for tid, words in words_by_term.items() if tid != term.id))
        for word in distinctive_words(term, others):
            add(word, term, "distinctive word")
        for question in as_question(term.term, proper_name):
            add(question, term, "question")
    queries = []
    for found in made.values():
        if len({q.pages for q in found}) == 1:  # made for one term only
            queries.append(found[0])
    return queries + comparisons(glossary)


def comparisons(glossary: termbook.Glossary) -> list[Query]:
    """For each pair of related terms, the two compared, in the ways readers write it by
    turns: their pages must come first, in the order named."""
    place = {tid: number for number, tid in enumerate(glossary.terms)}
    pairs = dict.fromkeys(tuple(sorted((term.id, other), key=place.__getitem__))
                          for term in glossary.terms.values() for other in term.related
                          if other in glossary.terms and other != term.id)
    queries = []
    for number, ids in enumerate(pairs):
        a, b = (glossary.terms[tid] for tid in ids)
        text = COMPARISONS[number % len(COMPARISONS)].format(a=a.term, b=b.term)
        queries.append(Query(text, (page_of(a), page_of(b)), "comparison"))
    return queries


def hand_written(path: Path = HAND_WRITTEN) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(str(q["query"]), tuple(q["pages"]) if "pages" in q else (q["page"],),
                  "hand-written") for q in data["queries"]]


def query_set(glossary: termbook.Glossary | None = None, queries: Path = HAND_WRITTEN) -> list[Query]:
    """The whole set: the hand-written queries, then those derived from the glossary."""
    if glossary is None:
        glossary = termbook.load(termbook.Project.at(ROOT))
    return hand_written(queries) + derived_queries(glossary)


def measure(site_dir: Path, engine: str, offline: bool, queries: list[Query],
            empty_wait: float) -> list[str]:
    """Type every query into the site built in ``site_dir`` (served over HTTP, or opened
    from file:// if ``offline``) in Chromium and print the hit rate, by rule; return the
    misses."""
    from playwright.sync_api import sync_playwright

    from .conftest import CHROMIUM, CHROMIUM_ARGS, Site, serve
    from .search_driver import misses, result_pages

    url, server = (site_dir.as_uri() + "/", None) if offline else serve(site_dir)
    site = Site("file" if offline else "http", url, site_dir, engine=engine)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        listed = result_pages(browser.new_page(), site, [q.query for q in queries],
                              empty_wait=empty_wait)
        browser.close()
    if server:
        server.shutdown()
    hit = [found[:len(q.pages)] == list(q.pages) for q, found in zip(queries, listed, strict=True)]
    total = Counter(q.rule for q in queries)
    hits = Counter(q.rule for q, h in zip(queries, hit, strict=True) if h)
    print(f"{site.name}: hit rate {sum(hit)}/{len(queries)}")
    for rule in total:
        print(f"  {rule}: {hits[rule]}/{total[rule]}")
    return misses([(q.query, q.pages) for q in queries], listed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.search_queries",
                                     description="List the search query set, or measure it on a built site.")
    parser.add_argument("--site", type=Path, help="a built site to type every query into")
    parser.add_argument("--engine", choices=["mkdocs", "zensical"], default="mkdocs",
                        help="the engine that built it")
    parser.add_argument("--file", action="store_true", help="open it from file:// (an offline build)")
    parser.add_argument("--empty-wait", type=float, default=5.0, help="seconds after which "
                        "Zensical's \"No results\" is taken as the answer (default 5)")
    parser.add_argument("--project", type=Path,
                        help="another site's folder, whose glossary/ the queries are derived from")
    parser.add_argument("--queries", type=Path, default=HAND_WRITTEN,
                        help="its hand-written queries (default: this site's, tests/search_queries.yaml; "
                        "tests/software_search_queries.yaml for the second glossary)")
    args = parser.parse_args(argv)
    glossary = termbook.load(termbook.Project.at(args.project)) if args.project else None
    everything = query_set(glossary, args.queries)
    if args.site:
        for line in measure(args.site, args.engine, args.file, everything, args.empty_wait):
            print("  miss:", line)
        return 0
    for q in everything:
        print(f"{q.query!r:60} {' '.join(q.pages):48} {q.rule}")
    print(f"{len(everything)} queries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
