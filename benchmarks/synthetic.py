"""The synthetic projects the benchmark measures, and the tests build: glossary entries in
YAML, article summaries and long hand-written-style pages, all from one seeded random source,
so that a size always gives the same project.

Each project of N terms has N entries (1–4 word names, 1–3 aliases, 80–150 word definitions
that mention other terms and link one or two with ``[[id]]``, 2–4 related terms, sources),
:data:`ARTICLES` article summaries and :data:`LONG_PAGES` guides of 1,500–2,500 words that
mention terms among headings, lists, tables, admonitions and code.
"""

from __future__ import annotations

import functools
import random
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from termbook.read import read_taxonomy
from termbook.taxonomy import CONFIG_FILE, Taxonomy

ROOT = Path(__file__).resolve().parents[1]

LONG_PAGES = 20
ARTICLES = 5
#: The review date of every generated entry (a fixed date keeps the projects identical).
REVIEWED = "2026-01-15"

# Ordinary words for running text. Term names are made mostly of invented words, as real
# glossaries are made mostly of jargon, plus a few of these, so that some names also turn up
# inside ordinary sentences, as "open model" does in real text.
FILLER = """the a of to and in for is that on with as by at from this it an be are was or which
can its has have not but more when their than they one into these also other used such most
may only some where each because between both over how through under while about then after
before often many since same so very well what who will would could should use uses using
release released model models weights training data open closed access licence code research
team system public people version large small first new early later local private safety
risk cost compute hardware users developers companies policy review report paper benchmark
evaluation deployment inference serving memory speed quality performance results method
approach design choice trade question argument debate reason evidence claim source
""".split()
TECH_WORDS = ["open", "model", "training", "data", "weights", "layer", "token", "sparse", "dense",
              "expert", "router", "policy", "safety", "licence", "inference", "context"]
PUBLISHERS = ["Meta", "OpenAI", "Google DeepMind", "Anthropic", "Mistral AI", "EleutherAI",
              "Open Source Initiative", "European Commission", "NIST", "Hugging Face"]


@functools.cache
def taxonomy() -> Taxonomy:
    """This site's taxonomy (its categories, openness components and ratings, stances), which
    the synthetic projects use too."""
    found, findings = read_taxonomy(ROOT / CONFIG_FILE, ROOT)
    if found is None:
        raise SystemExit("\n".join(map(str, findings)))
    return found


def invented_words(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct pronounceable made-up words ("tarmolix", "venisa")."""
    onsets = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z",
              "br", "cl", "dr", "gr", "pl", "st", "tr", "sk"]
    vowels = ["a", "e", "i", "o", "u", "ai", "ou"]
    codas = ["", "", "n", "r", "s", "x", "l", "m"]
    words: set[str] = set()
    while len(words) < count:
        words.add("".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(rng.randint(2, 3)))
                  + rng.choice(codas))
    return sorted(words)


@dataclass
class SyntheticTerm:
    id: str
    name: str
    aliases: list[str]
    abbreviation: str | None

    @property
    def labels(self) -> list[str]:
        return [self.name, *([self.abbreviation] if self.abbreviation else []), *self.aliases]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def make_terms(rng: random.Random, n: int) -> list[SyntheticTerm]:
    """N terms whose names, aliases and abbreviations are all distinct (as the checker
    requires: a name leads to one entry)."""
    vocabulary = invented_words(rng, max(400, n))
    taken: set[str] = set()  # every label so far, casefolded
    ids: set[str] = set()
    terms: list[SyntheticTerm] = []

    def claim(label: str) -> bool:
        if label.casefold() in taken:
            return False
        taken.add(label.casefold())
        return True

    def phrase(words: int) -> str:
        parts = [rng.choice(TECH_WORDS) if i and rng.random() < 0.25 else rng.choice(vocabulary)
                 for i in range(words)]
        text = " ".join(parts)
        return text[0].upper() + text[1:] if rng.random() < 0.5 else text

    while len(terms) < n:
        name = phrase(rng.choice([1, 2, 2, 3, 3, 4]))
        term_id = _slug(name)
        if term_id in ids or not claim(name):
            continue
        ids.add(term_id)
        aliases = []
        for _ in range(rng.randint(1, 3)):
            alias = name + "s" if not aliases and not name.endswith("s") else phrase(rng.randint(1, 3))
            if claim(alias):
                aliases.append(alias)
        abbreviation = None
        words = name.split()
        if len(words) >= 2 and rng.random() < 0.4:
            candidate = "".join(w[0] for w in words).upper() + ("" if rng.random() < 0.5 else str(rng.randint(2, 9)))
            if claim(candidate):
                abbreviation = candidate
        terms.append(SyntheticTerm(term_id, name, aliases, abbreviation))
    return terms


def sentence(rng: random.Random, mentions: list[str], words: tuple[int, int] = (8, 18)) -> str:
    """One sentence of filler with each of ``mentions`` placed somewhere in it."""
    parts = [rng.choice(FILLER) for _ in range(rng.randint(*words))]
    for mention in mentions:
        parts.insert(rng.randint(1, len(parts)), mention)
    text = " ".join(parts)
    return text[0].upper() + text[1:] + "."


def definition(rng: random.Random, terms: list[SyntheticTerm], me: int) -> str:
    """80–150 words in two paragraphs, mentioning 3–6 other terms by one of their names and
    linking one or two with [[id]], with the odd `code` span that must stay unlinked."""
    target = rng.randint(80, 150)
    sentences, count = [], 0
    others = [t for t in rng.sample(terms, min(len(terms), 8)) if t is not terms[me]]
    plain_mentions = [rng.choice(t.labels) for t in others[: rng.randint(3, 6)]]
    while count < target:
        mention = [plain_mentions.pop()] if plain_mentions else []
        text = sentence(rng, mention)
        if rng.random() < 0.1:
            text = text[:-1] + f" with `{rng.choice(FILLER)}_{rng.choice(FILLER)}`."
        sentences.append(text)
        count += len(text.split())
    links = others[-rng.randint(1, 2):] if others else []
    for other in links:
        link = f"[[{other.id}]]" if rng.random() < 0.5 else f"[[{other.id}|{rng.choice(other.labels)}]]"
        spot = rng.randrange(len(sentences))
        sentences[spot] = sentences[spot][:-1] + f", as {link} shows."
    half = len(sentences) // 2
    return " ".join(sentences[:half]) + "\n\n" + " ".join(sentences[half:]) + "\n"


def source(rng: random.Random, title: str) -> dict[str, str]:
    year = rng.randint(2019, 2025)
    return {"title": title, "publisher": rng.choice(PUBLISHERS),
            "date": f"{year}-{rng.randint(1, 12):02d}" + ("" if rng.random() < 0.3 else f"-{rng.randint(1, 28):02d}"),
            "url": f"https://example.org/{year}/{rng.randint(1000, 9999)}/{_slug(title)[:40]}"}


def entry(rng: random.Random, terms: list[SyntheticTerm], index: int) -> dict:
    term = terms[index]
    others = [t.id for t in rng.sample(terms, min(len(terms), 6)) if t.id != term.id]
    data: dict = {"term": term.name}
    if term.abbreviation:
        data["abbreviation"] = term.abbreviation
    data["aliases"] = term.aliases
    short = sentence(rng, [], (10, 22)).lower()
    data["short"] = short[0].upper() + short[1:200].rstrip(".") + "." if len(short) > 200 else short[0].upper() + short[1:]
    data["definition"] = definition(rng, terms, index)
    data["category"] = category = rng.choice([c.id for c in taxonomy().categories])
    data["related"] = others[: rng.randint(2, 4)]
    if index and rng.random() < 0.3:  # pointing only to earlier terms keeps 'broader' acyclic
        data["broader"] = [terms[rng.randrange(index)].id]
    data["sources"] = [source(rng, sentence(rng, [], (3, 7))[:-1])
                       for _ in range(rng.randint(1, 2))]
    status = rng.random()
    if status < 0.03:
        data["status"] = "draft"
    elif status < 0.1:
        data["status"] = "contested"
    data["reviewed"] = REVIEWED
    if category == "models" and rng.random() < 0.3:
        scorecard = taxonomy().scorecard
        assert scorecard is not None
        data[scorecard.field] = {
            c.id: {"rating": rng.choice([r.id for r in scorecard.ratings]),
                   "reason": sentence(rng, [], (5, 12)),
                   "evidence": f"https://example.org/evidence/{term.id}/{c.id}"}
            for c in scorecard.components}
    if not data["aliases"]:
        del data["aliases"]
    return data


def article(rng: random.Random, terms: list[SyntheticTerm], number: int) -> dict:
    articles = taxonomy().articles
    assert articles is not None
    stances = articles.stances
    claims = []
    for i in range(6):
        claim = {"id": f"claim-{i + 1}",
                 "claim": "The article argues that " + sentence(rng, [], (8, 16)).lower(),
                 "stance": rng.choice([stance.id for stance in stances]),
                 "terms": sorted({t.id for t in rng.sample(terms, min(len(terms), 3))})}
        if i % 3 == 0:
            claim["context"] = {"note": sentence(rng, []),
                                "sources": [source(rng, sentence(rng, [], (3, 6))[:-1])]}
        claims.append(claim)
    mentions = [rng.choice(t.labels) for t in rng.sample(terms, min(len(terms), 6))]
    return {"title": f"Article {number}: " + sentence(rng, [], (4, 8))[:-1],
            "author": "A. Writer", "publisher": rng.choice(PUBLISHERS),
            "date": f"2026-0{number}-1{number}", "url": f"https://example.org/article-{number}",
            "summary": "\n\n".join(" ".join(sentence(rng, mentions[j:j + 1]) for _ in range(5))
                                   for j in range(0, 6, 2)) + "\n",
            "claims": claims, "reviewed": REVIEWED}


def long_page(rng: random.Random, terms: list[SyntheticTerm], number: int) -> str:
    """A hand-written-style guide of about 1,500–2,500 words: headings, paragraphs that
    mention terms by their names, lists, a table, an admonition, code blocks and links to
    term pages, the places an auto-linker must handle or leave alone."""
    out = [f"# Guide {number}: " + " ".join(rng.choice(FILLER) for _ in range(4)) + "\n"]
    words, section, target = 0, 0, rng.randint(1500, 2500)
    while words < target:
        section += 1
        heading_term = rng.choice(terms)
        out.append(f"## {section}. About {heading_term.name}\n")
        for _ in range(rng.randint(3, 5)):
            mentions = [rng.choice(t.labels) for t in rng.sample(terms, min(len(terms), rng.randint(1, 4)))]
            paragraph = " ".join(sentence(rng, mentions[i:i + 1]) for i in range(rng.randint(3, 6)))
            out.append(paragraph + "\n")
            words += len(paragraph.split())
        linked = rng.choice(terms)
        out.append("- " + "\n- ".join(
            [f"[{linked.name}](../glossary/{linked.id}.md) " + sentence(rng, [])]
            + [sentence(rng, [rng.choice(rng.choice(terms).labels)], (4, 10)) for _ in range(3)]) + "\n")
        if section % 3 == 0:
            code_term = rng.choice(terms)
            out.append(f"```python\n# {code_term.name} stays as typed in code\n"
                       f"load('{code_term.id}', {rng.randint(1, 99)})\n```\n")
        if section % 4 == 0:
            rows = rng.sample(terms, min(len(terms), 3))
            out.append("| Term | Note |\n| --- | --- |\n" + "".join(
                f"| {t.name} | {sentence(rng, [], (4, 8))} |\n" for t in rows))
        if section % 5 == 0:
            out.append(f'!!! note "On {rng.choice(terms).name}"\n\n    '
                       + sentence(rng, [rng.choice(rng.choice(terms).labels)]) + "\n")
    return "\n".join(out)


def generate(project: Path, n: int, seed: int = 9) -> None:
    """Write the synthetic project for ``n`` terms into ``project`` (emptied first)."""
    rng = random.Random(seed * 1_000_003 + n)
    terms = make_terms(rng, n)
    if project.exists():
        shutil.rmtree(project)
    for folder in ("glossary", "seeds", "docs/guides"):
        (project / folder).mkdir(parents=True)
    for index, term in enumerate(terms):
        write_yaml(project / "glossary" / f"{term.id}.yaml", entry(rng, terms, index))
    for number in range(1, ARTICLES + 1):
        write_yaml(project / "seeds" / f"article-{number}.yaml", article(rng, terms, number))
    # The categories, openness components and stances the entries use are this site's; its
    # charts are not: they draw this site's events, about terms the synthetic glossary lacks.
    config = yaml.safe_load((ROOT / CONFIG_FILE).read_text(encoding="utf-8"))
    config.pop("charts", None)
    write_yaml(project / CONFIG_FILE, config)
    (project / "docs" / "index.md").write_text(
        "# Benchmark site\n\nA synthetic glossary for timing builds. See the "
        "[glossary](glossary/index.md).\n", encoding="utf-8")
    for number in range(1, LONG_PAGES + 1):
        (project / "docs" / "guides" / f"guide-{number:02d}.md").write_text(
            long_page(rng, terms, number), encoding="utf-8")


class _EntryDumper(yaml.SafeDumper):
    """Writes text with line breaks as a block ("definition: |"), as contributors do."""


_EntryDumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def write_yaml(path: Path, data: dict) -> None:
    path.write_text(yaml.dump(data, Dumper=_EntryDumper, sort_keys=False, allow_unicode=True,
                              width=100), encoding="utf-8")


def edit_definition(entry: Path, sentence: str) -> Callable[[], None]:
    """Add ``sentence`` to the definition of the term in ``entry``, as a contributor edits
    an entry; return what restores the file."""
    original = entry.read_bytes()
    data = yaml.safe_load(original)
    data["definition"] = data["definition"].rstrip("\n") + f"\n\n{sentence}\n"
    write_yaml(entry, data)
    return lambda: entry.write_bytes(original)
