"""The query set for the site's search: reader queries, each with the page it must put first.

Two parts: the hand-written queries of ``search_queries.yaml``, and queries derived here from
whatever glossary there is, by rules that write a label the way readers also type it (another
case, the plural or singular, a hyphen as a space or left out, the other spelling, a stem, the
distinctive word of a longer name, a version number run into the name). A derived query is
kept only when it names one term: it is no label of another term (it would be that term's
query) and no other rule makes it for another term. It is no label of its own term either:
every label is tested already.

``python -m tests.search_queries`` prints the whole set.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import yaml

import termbook

ROOT = Path(__file__).resolve().parents[1]
HAND_WRITTEN = Path(__file__).with_name("search_queries.yaml")

#: Categories whose terms are proper names, which readers do not put in the plural.
PROPER_NAMES = {"models", "organisations"}
#: Ends of last words that take no plural: masses and activities ("inference", "training
#: data", "software", "computing power"), adverbs ("locally"), words that end in s already.
NO_PLURAL_ENDINGS = ("ing", "ion", "ence", "ance", "ity", "ism", "ware", "data", "compute",
                     "power", "ai", "ly", "ss", "us")
STOP_WORDS = {"a", "an", "and", "for", "in", "of", "on", "the", "to", "with"}


@dataclasses.dataclass(frozen=True)
class Query:
    query: str
    page: str  # the hosted path of the page that must come first
    rule: str  # how the query was made: a rule's name, or "hand-written"


def same(text: str) -> str:
    """A label or query as it compares for "the same words": case, hyphens and spaces aside."""
    return " ".join(re.split(r"[\s\-]+", text.lower())).strip()


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


def derived_queries(glossary: termbook.Glossary) -> list[Query]:
    owner = {same(label): term.id for term in glossary.terms.values() for label in term.labels}
    words_by_term = {
        term.id: {w.rstrip("s") for label in term.labels for w in re.split(r"[\s\-]+", label.lower())}
        for term in glossary.terms.values()}
    made: dict[str, list[Query]] = {}

    def add(text: str | None, term: termbook.Term, rule: str) -> None:
        """Keep ``text`` unless it is a label of another term, or one of this term's labels as
        written (in another case it is a query of its own)."""
        if not text or owner.get(same(text), term.id) != term.id or text in term.labels:
            return
        made.setdefault(same(text), []).append(Query(text, f"glossary/{term.id}/", rule))

    for term in glossary.terms.values():
        add(term.term.upper(), term, "upper case")
        if term.abbreviation:
            add(term.abbreviation.lower(), term, "lower case")
        for label in term.labels:
            if PROPER_NAMES.isdisjoint(term.categories) and label != term.abbreviation:
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
    queries = []
    for found in made.values():
        if len({q.page for q in found}) == 1:  # made for one term only
            queries.append(found[0])
    return queries


def hand_written() -> list[Query]:
    data = yaml.safe_load(HAND_WRITTEN.read_text(encoding="utf-8"))
    return [Query(str(q["query"]), q["page"], "hand-written") for q in data["queries"]]


def query_set(glossary: termbook.Glossary | None = None) -> list[Query]:
    """The whole set: the hand-written queries, then those derived from the glossary."""
    if glossary is None:
        glossary = termbook.load(termbook.Project.at(ROOT))
    return hand_written() + derived_queries(glossary)


if __name__ == "__main__":
    everything = query_set()
    for q in everything:
        print(f"{q.query!r:45} {q.page:48} {q.rule}")
    print(f"{len(everything)} queries")
