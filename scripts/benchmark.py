"""Measure what termbook costs on top of plain Material for MkDocs, at growing glossary sizes.

Run it as ``scripts/benchmark`` (which installs what it needs first); ``--help`` lists the
options. For each size N it:

1. generates a synthetic project under ``benchmarks/work/N/``: N glossary entries in YAML
   (1–4 word names, 1–3 aliases, 80–150 word definitions that mention other terms, 2–4
   related terms, sources), five article summaries and 20 long hand-written-style pages that
   mention terms;
2. writes the *baseline*: the same pages (term pages, the A–Z and category indexes, the
   article pages, the 20 long pages) as plain Markdown files, with ``[[id]]`` links written
   as the ordinary Markdown links a writer without termbook would type, and a ``mkdocs.yml``
   that has the project's theme, Markdown extensions and other plugins but not termbook, and
   the same navigation shape (term and article pages out of the navigation);
3. times the engine alone, several times at each size, the sizes taking turns, each in a
   fresh process: load and validate, render the pages, find the mentions to link, write the
   data exports and the tooltip data;
4. times ``termbook check`` on the entries;
5. builds the baseline and our project (``plugins: [search, termbook]`` with every feature
   on: cross-linking, tooltips, the data exports and JSON-LD) alternately, ``--runs`` times
   each, with ``--strict``, recording wall time, the build's peak resident memory, the size
   of the built site (also without the data downloads, which have no counterpart in the
   baseline) and of the search index.

It prints a table and writes ``benchmarks/results.json``, ``docs/benchmark.md`` and the
plot ``docs/assets/benchmark.svg`` (paths can be changed for trial runs). Build times are
medians; ratios compare medians measured in the same run, so machine speed cancels out.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_WORK = ROOT / "benchmarks" / "work"
DEFAULT_RESULTS = ROOT / "benchmarks" / "results.json"
DEFAULT_PAGE = ROOT / "docs" / "benchmark.md"
DEFAULT_PLOT = ROOT / "docs" / "assets" / "benchmark.svg"
DEFAULT_SIZES = (100, 1000, 10000)

#: Limits from issue 9: each is checked against the results and shown on the results page.
MAX_BUILD_RATIO = 1.10
MAX_SIZE_RATIO = 1.10
MAX_CHECK_SECONDS_AT_10000 = 2.0
MAX_ENGINE_GROWTH_PER_10X = 11.0
#: Issue 9's yardstick for its machine: PyYAML's C loader took about this long to load 10,000
#: entries there. The same measurement here says how much slower or faster this machine is.
YARDSTICK_SECONDS_AT_10000 = 0.6

LONG_PAGES = 20
ARTICLES = 5
# A fixed epoch and date keep the generated projects, and so the builds, identical run to run.
SOURCE_DATE_EPOCH = "1767225600"
REVIEWED = "2026-01-15"


# --- synthetic data ----------------------------------------------------------------------

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
CATEGORIES = ["fundamentals", "architecture", "training-and-use", "openness",
              "safety-and-policy", "models", "organisations"]
COMPONENTS = ["weights", "inference-code", "training-code", "training-data",
              "data-documentation", "model-card", "technical-paper", "licence"]
PUBLISHERS = ["Meta", "OpenAI", "Google DeepMind", "Anthropic", "Mistral AI", "EleutherAI",
              "Open Source Initiative", "European Commission", "NIST", "Hugging Face"]


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
    data["category"] = category = rng.choice(CATEGORIES)
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
        data["openness"] = {c: {"rating": rng.choice(["open", "partial", "closed", "unknown"]),
                                "reason": sentence(rng, [], (5, 12)),
                                "evidence": f"https://example.org/evidence/{term.id}/{c}"}
                            for c in COMPONENTS}
    if not data["aliases"]:
        del data["aliases"]
    return data


def article(rng: random.Random, terms: list[SyntheticTerm], number: int) -> dict:
    claims = []
    for i in range(6):
        claim = {"id": f"claim-{i + 1}",
                 "claim": "The article argues that " + sentence(rng, [], (8, 16)).lower(),
                 "stance": rng.choice(["for-openness", "for-closed-weights", "neutral"]),
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
        _write_yaml(project / "glossary" / f"{term.id}.yaml", entry(rng, terms, index))
    for number in range(1, ARTICLES + 1):
        _write_yaml(project / "seeds" / f"article-{number}.yaml", article(rng, terms, number))
    # The categories, openness components and stances the entries use are this site's.
    shutil.copyfile(ROOT / "termbook.yml", project / "termbook.yml")
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


def _write_yaml(path: Path, data: dict) -> None:
    path.write_text(yaml.dump(data, Dumper=_EntryDumper, sort_keys=False, allow_unicode=True,
                              width=100), encoding="utf-8")


# --- the two sites -----------------------------------------------------------------------

def site_config(project_config: dict, *, with_termbook: bool, nav: list) -> dict:
    """The project's own theme, Markdown extensions, validation and plugins, with or without
    termbook, for a synthetic site."""
    config = {"site_name": "Benchmark", "site_url": "https://example.org/"}
    for key in ("theme", "markdown_extensions", "validation", "extra"):
        if key in project_config:
            config[key] = project_config[key]
    theme = config.get("theme")
    if isinstance(theme, dict) and "custom_dir" in theme:
        config["theme"] = {**theme, "custom_dir": str(ROOT / theme["custom_dir"])}
    plugins = [p for p in project_config.get("plugins", ["search"])
               if (next(iter(p)) if isinstance(p, dict) else p) != "termbook" or with_termbook]
    config["plugins"] = plugins
    config["nav"] = nav
    return config


def nav_for(project: Path, has_openness: bool) -> list:
    """The same navigation shape for both sites: guides and indexes, never term pages."""
    guides = [f"guides/{p.name}" for p in sorted((project / "docs" / "guides").glob("*.md"))]
    nav: list = [{"Home": "index.md"}, {"Guides": guides}]
    if has_openness:
        nav.append({"Openness table": "openness.md"})
    nav += [{"Glossary": ["glossary/index.md", "glossary/categories.md"]},
            {"Sources": "sources/index.md"}]
    return nav


# The [[id]] and [[id|text]] links that definitions() writes.
_EXPLICIT_LINK = re.compile(r"\[\[([a-z0-9-]+)(?:\|([^\[\]\n]+))?\]\]")


def plain_links(markdown: str, page: str, names: dict[str, str]) -> str:
    """``markdown`` with each ``[[id]]`` or ``[[id|text]]`` written as the ordinary link to the
    term's page that a writer without termbook would type."""
    from termbook.layout import rel, term_path
    from termbook.render import plain

    return _EXPLICIT_LINK.sub(lambda m: f"[{m.group(2) or plain(names[m.group(1)])}]"
                                        f"({rel(page, term_path(m.group(1)))})", markdown)


def prepare(project: Path, project_config: dict) -> tuple[Path, Path, int]:
    """Write ``ours/mkdocs.yml`` and the plain-Markdown ``baseline/`` for a generated project.

    The baseline's Markdown is what termbook renders, written to files, with ``[[id]]`` links
    as ordinary links, so both sites hold the same pages; what differs is the work the plugin
    does and what its features add. Returns the two config files and the number of pages.
    """
    from termbook import load
    from termbook.render import render_pages

    glossary = load(project / "glossary", project / "seeds", root=project)
    pages = render_pages(glossary)
    has_openness = any(p.path == "openness.md" for p in pages)
    nav = nav_for(project, has_openness)

    ours = project / "mkdocs.yml"
    ours.write_text(yaml.safe_dump(site_config(project_config, with_termbook=True, nav=nav),
                                   sort_keys=False), encoding="utf-8")

    baseline = project / "baseline"
    if baseline.exists():
        shutil.rmtree(baseline)
    shutil.copytree(project / "docs", baseline / "docs")
    names = {term.id: term.term for term in glossary.terms.values()}
    for page in pages:
        target = baseline / "docs" / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(plain_links(page.markdown, page.path, names), encoding="utf-8")
    config = site_config(project_config, with_termbook=False, nav=nav)
    # Term and article pages are reachable from the indexes, not listed in the navigation.
    config["not_in_nav"] = "/glossary/*.md\n/sources/*.md\n"
    (baseline / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    guides = len(list((project / "docs").rglob("*.md")))
    return ours, baseline / "mkdocs.yml", len(pages) + guides


# --- measuring ---------------------------------------------------------------------------

def _env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
            "PYTHONHASHSEED": "0"}


def run_measured(command: list[str], cwd: Path, log: Path) -> tuple[float, int, float]:
    """Run ``command``; return its wall time in seconds, peak resident memory in bytes and
    CPU time in seconds.

    ``os.wait4`` gives the resource use of exactly this child, so the measurement includes
    neither this script nor other runs.
    """
    with log.open("w") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=_env(), stdout=output,
                                   stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"benchmark: '{' '.join(command)}' failed in {cwd}; see {log}:\n"
                         + log.read_text()[-3000:])
    # ru_maxrss is in kilobytes on Linux.
    return elapsed, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def build(config_file: Path, site: Path) -> dict:
    from termbook.layout import CSV_PATH, EXPORT_SCHEMA_PATH as SCHEMA_PATH, JSON_PATH, TURTLE_PATH

    if site.exists():
        shutil.rmtree(site)
    seconds, rss, cpu_seconds = run_measured(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site)],
        config_file.parent, site.with_suffix(".log"))
    # The data exports are files to download, not pages; the baseline has none.
    downloads = [site / path for path in (JSON_PATH, TURTLE_PATH, CSV_PATH, SCHEMA_PATH)]
    return {"seconds": seconds, "cpu_seconds": cpu_seconds, "peak_rss": rss,
            "site_bytes": folder_bytes(site),
            "download_bytes": sum(p.stat().st_size for p in downloads if p.is_file()),
            "search_index_bytes": (site / "search" / "search_index.json").stat().st_size}


def time_engines(projects: dict[int, Path], runs: int) -> dict[int, dict]:
    """The engine's phases (see :func:`engine_phases`) for each size's project, each run in a
    fresh process, as a build starts with nothing cached.

    The sizes take turns, run after run: engine growth compares sizes, and a shared machine
    can run at half speed for minutes, which would otherwise fall on whichever size was being
    measured. Each phase's time is the fastest of the runs: CPU time still grows when other
    work shares the processor's caches, and the fastest run is the one least disturbed.
    The yardstick (see :func:`yardstick`) runs after each, as work that grows exactly
    linearly with N: how much it grows shows what the machine adds to the engine's growth."""
    results: dict[int, list[dict]] = {n: [] for n in projects}
    yardsticks: dict[int, list[float]] = {n: [] for n in projects}
    for run in range(runs):
        for n, project in projects.items():
            print(f"N={n}: engine {run + 1}/{runs}...", file=sys.stderr, flush=True)
            results[n].append(json.loads(_run_self("--engine-phases", str(project))))
            yardsticks[n].append(float(_run_self("--yardstick", str(project))))
    engines = {}
    for n, runs_at_n in results.items():
        phases = {name: min(r["phases"][name] for r in runs_at_n) for name in runs_at_n[0]["phases"]}
        engines[n] = {"seconds": sum(phases.values()), "phases": phases,
                      "yardstick_seconds": min(yardsticks[n])}
    return engines


def _run_self(*arguments: str, cwd: Path | None = None) -> str:
    """What this script prints when run with ``arguments`` in a fresh process (in ``cwd``)."""
    return subprocess.run([sys.executable, __file__, *arguments], capture_output=True,
                          text=True, env=_env(), cwd=cwd, check=True).stdout


def engine_phases(project: Path) -> dict:
    """Run the engine once and time each phase, as a build runs them: read and validate every
    file (``check``); render the pages; find the mentions to link on every page that links
    them (the matching the Markdown extension does, on the Markdown with code, headings, HTML
    and links blanked out: the extension's own walk over the element tree is part of Markdown
    conversion); write the data exports, the JSON-LD and the tooltip data. Times are CPU
    time of this process, so that waiting for the processor does not count."""
    from termbook import check
    from termbook.export import Publication, export_files, head_html
    from termbook.linking import Linker
    from termbook.markup import mask_non_prose
    from termbook.tooltips import tooltip_data
    from termbook.render import render_pages

    guides = [(p.relative_to(project / "docs").as_posix(), p.read_text(encoding="utf-8"))
              for p in sorted((project / "docs").rglob("*.md"))]
    start = time.process_time()
    glossary, findings = check(project / "glossary", project / "seeds", root=project)
    if glossary is None:
        raise SystemExit("\n".join(map(str, findings)))
    loaded = time.process_time()
    pages = render_pages(glossary)
    rendered = time.process_time()
    linker = Linker(glossary)
    for path, markdown in [(p.path, p.markdown) for p in pages if p.link_mentions] + guides:
        linker.choose(linker.page(path), mask_non_prose(markdown))
    linked = time.process_time()
    publication = Publication("Benchmark", "sha256:" + "0" * 64, site_url="https://example.org/")
    export_files(glossary, publication)
    head_html(glossary, publication)
    tooltip_data(glossary)
    exported = time.process_time()
    return {"phases": {"load and validate": loaded - start, "render pages": rendered - loaded,
                       "find mentions": linked - rendered, "data exports": exported - linked}}


def yardstick(project: Path) -> float:
    """Issue 9's yardstick for the speed of a machine: the seconds PyYAML's C loader takes to
    read and load every entry of ``project``'s glossary, in a fresh process."""
    start = time.perf_counter()
    for path in sorted((project / "glossary").glob("*.yaml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def time_hooks(config_file: Path, site: Path) -> dict[str, float]:
    """Where termbook's time goes in one whole build: see :func:`hook_times`."""
    return json.loads(_run_self("--hook-times", str(config_file), "--hook-site", str(site),
                                cwd=config_file.parent))


#: What each of the plugin's events does, for the results page.
HOOK_NAMES = {
    "on_config": "read and check the glossary (on_config)",
    "on_files": "render the pages, data exports and JSON-LD (on_files)",
    "linking": "link mentions and `[[id]]` links (Markdown extension)",
    "on_page_context": "\"Mentioned in\" on term pages (on_page_context)",
    "other events": "other events (on_page_markdown, on_page_content, on_post_page)",
}


def hook_times(config_file: Path, site: Path) -> dict[str, float]:
    """Build ``config_file`` in this process and measure the CPU time spent in termbook: in
    each of the plugin's events, and in the Markdown extension's processors while MkDocs
    converts the pages. The rest of the build is MkDocs and Material, including their work
    on what termbook adds (links, larger pages)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from termbook.linking import LinkerExtension
    from termbook_mkdocs.plugin import TermbookPlugin

    spent: dict[str, float] = dict.fromkeys(HOOK_NAMES, 0.0)

    def timed(function, name: str):
        @functools.wraps(function)  # keeps each event's priority (mkdocs_priority)
        def run(*args, **kwargs):
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - start
        return run

    for event in [name for name in vars(TermbookPlugin) if name.startswith("on_")]:
        setattr(TermbookPlugin, event, timed(getattr(TermbookPlugin, event),
                                             event if event in spent else "other events"))
    extend = LinkerExtension.extendMarkdown

    def extend_and_time(self, md):  # time the processors the extension registers
        extend(self, md)
        for registry, method in ((md.inlinePatterns, "handleMatch"), (md.treeprocessors, "run")):
            for processor in registry:
                if type(processor).__module__ == "termbook.linking":
                    setattr(processor, method, timed(getattr(processor, method), "linking"))

    LinkerExtension.extendMarkdown = extend_and_time
    config = load_config(str(config_file), site_dir=str(site), strict=True)
    config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
    start = time.process_time()
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    spent["whole build"] = time.process_time() - start
    return spent


def time_check(project: Path, runs: int) -> dict[str, float]:
    """Median wall and CPU time of the ``termbook check`` command, interpreter start
    included, and of the yardstick (see :func:`yardstick`), run alternately so that both see
    the same machine. The target is on wall time; CPU time shows how much of it other work on
    the machine took."""
    times, yardsticks = [], []
    for _ in range(runs):
        times.append(run_measured([sys.executable, "-m", "termbook.cli", "check"], project,
                                  project / "check.log"))
        yardsticks.append(float(_run_self("--yardstick", str(project))))
    return {"seconds": statistics.median(t[0] for t in times),
            "cpu_seconds": statistics.median(t[2] for t in times),
            "yardstick_seconds": statistics.median(yardsticks)}


@dataclass
class Project:
    """A generated project of ``n`` terms: our site's and the baseline's configuration."""
    n: int
    folder: Path
    ours_config: Path
    baseline_config: Path
    pages: int


def make_project(n: int, work: Path) -> Project:
    """Generate and prepare the project of ``n`` terms in a process of its own. The builds are
    started from this process, and Linux counts a child's peak memory from the size of the
    process it was forked from: this one must stay as small as it started, not hold a glossary
    of 10,000 terms."""
    folder = work / str(n)
    print(f"N={n}: generating...", file=sys.stderr, flush=True)
    made = json.loads(_run_self("--make-project", str(folder), "--terms", str(n)))
    return Project(n, folder, Path(made["ours_config"]), Path(made["baseline_config"]), made["pages"])


def _make_project_here(folder: Path, n: int) -> dict:
    """:func:`make_project`'s work, in the process it starts."""
    project_config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    generate(folder, n)
    ours_config, baseline_config, pages = prepare(folder, project_config)
    return {"ours_config": str(ours_config), "baseline_config": str(baseline_config), "pages": pages}


def measure_size(project: Project, runs: int, engine: dict) -> dict:
    """Everything measured at one size but the engine (measured across sizes, given here)."""
    n = project.n
    print(f"N={n}: check...", file=sys.stderr, flush=True)
    check = time_check(project.folder, max(runs, 3))
    builds: dict[str, list[dict]] = {"ours": [], "baseline": []}
    for run in range(runs):
        # Alternate which goes first, so drift (caches, clock boost) does not favour one side.
        order = ["baseline", "ours"] if run % 2 == 0 else ["ours", "baseline"]
        for side in order:
            config = project.ours_config if side == "ours" else project.baseline_config
            result = build(config, project.folder / f"site-{side}")
            builds[side].append(result)
            print(f"N={n}: build {run + 1}/{runs} {side}: {result['seconds']:.2f} s",
                  file=sys.stderr, flush=True)
    print(f"N={n}: where termbook's time goes...", file=sys.stderr, flush=True)
    hooks = time_hooks(project.ours_config, project.folder / "site-hooks")
    summary = {side: _summarise(results) for side, results in builds.items()}
    ratios = {key: summary["ours"][key] / summary["baseline"][key]
              for key in ("seconds", "cpu_seconds", "peak_rss", "site_bytes", "search_index_bytes")}
    ratios["site_bytes_without_downloads"] = (
        (summary["ours"]["site_bytes"] - summary["ours"]["download_bytes"])
        / (summary["baseline"]["site_bytes"] - summary["baseline"]["download_bytes"]))
    return {"n": n, "pages": project.pages, "runs": runs, "engine": engine,
            "check_seconds": check["seconds"], "check_cpu_seconds": check["cpu_seconds"],
            "yardstick_seconds": check["yardstick_seconds"],
            "build": summary, "ratio": ratios, "termbook_cpu_seconds": hooks}


def _summarise(results: list[dict]) -> dict:
    return {"seconds": statistics.median(r["seconds"] for r in results),
            "all_seconds": [round(r["seconds"], 3) for r in results],
            "cpu_seconds": statistics.median(r["cpu_seconds"] for r in results),
            "peak_rss": statistics.median(r["peak_rss"] for r in results),
            # The site is the same every run; take the last.
            "site_bytes": results[-1]["site_bytes"],
            "download_bytes": results[-1]["download_bytes"],
            "search_index_bytes": results[-1]["search_index_bytes"]}


# --- targets, table, page and plot -------------------------------------------------------

def targets(sizes: list[dict]) -> list[dict]:
    """Each target of issue 9 that the measured sizes allow checking."""
    by_n = {s["n"]: s for s in sizes}
    found = []
    for n in (1000, 10000):
        if n in by_n:
            found.append({"target": f"whole build at N={n:,}", "value": by_n[n]["ratio"]["seconds"],
                          "limit": MAX_BUILD_RATIO, "unit": "× baseline"})
            found.append({"target": f"whole build at N={n:,}, CPU time",
                          "value": by_n[n]["ratio"]["cpu_seconds"], "limit": MAX_BUILD_RATIO,
                          "unit": "× baseline"})
    for size in sizes:
        if size["n"] >= 1000:
            found.append({"target": f"site size at N={size['n']:,}", "value": size["ratio"]["site_bytes"],
                          "limit": MAX_SIZE_RATIO, "unit": "× baseline"})
            found.append({"target": f"site size without the data downloads at N={size['n']:,}",
                          "value": size["ratio"]["site_bytes_without_downloads"],
                          "limit": MAX_SIZE_RATIO, "unit": "× baseline"})
            found.append({"target": f"search index at N={size['n']:,}",
                          "value": size["ratio"]["search_index_bytes"], "limit": MAX_SIZE_RATIO,
                          "unit": "× baseline"})
    if 10000 in by_n:
        size = by_n[10000]
        found.append({"target": "check command at N=10,000", "value": size["check_seconds"],
                      "limit": MAX_CHECK_SECONDS_AT_10000, "unit": "s"})
        found.append({"target": "check command at N=10,000, on issue 9's machine "
                                "(scaled by the YAML yardstick)",
                      "value": size["check_seconds"] * YARDSTICK_SECONDS_AT_10000 / size["yardstick_seconds"],
                      "limit": MAX_CHECK_SECONDS_AT_10000, "unit": "s"})
    ordered = sorted(sizes, key=lambda s: s["n"])
    for small, large in zip(ordered, ordered[1:]):
        if large["n"] == 10 * small["n"]:
            growth = large["engine"]["seconds"] / small["engine"]["seconds"]
            found.append({"target": f"engine time, N={small['n']:,} → {large['n']:,}",
                          "value": growth, "limit": MAX_ENGINE_GROWTH_PER_10X,
                          "unit": "× (10× the terms)"})
            # The yardstick's work grows exactly tenfold; what its time grows beyond that is
            # the machine, slower per entry when the data outgrows its caches.
            machine_growth = large["engine"]["yardstick_seconds"] / small["engine"]["yardstick_seconds"]
            found.append({"target": f"engine time, N={small['n']:,} → {large['n']:,}, against "
                                    f"work that grows exactly tenfold (the yardstick grew "
                                    f"{machine_growth:.2f}×)",
                          "value": growth / machine_growth * 10, "limit": MAX_ENGINE_GROWTH_PER_10X,
                          "unit": "× (10× the terms)"})
    for item in found:
        item["met"] = item["value"] <= item["limit"]
    return found


def _mb(size: float) -> str:
    return f"{size / 1e6:.1f}"


TABLE_HEADER = ["N", "pages", "engine s (CPU)", "check s (CPU)", "YAML yardstick s", "build s (ours / base)",
                "ratio", "build CPU s (ours / base)", "peak RSS MB (ours / base)", "site MB (ours / base)",
                "site without downloads MB (ours / base)", "search index MB (ours / base)"]


def table_rows(sizes: list[dict]) -> list[list[str]]:
    rows = []
    for s in sizes:
        ours, base, ratio = s["build"]["ours"], s["build"]["baseline"], s["ratio"]
        rows.append([f"{s['n']:,}", f"{s['pages']:,}", f"{s['engine']['seconds']:.2f}",
                     f"{s['check_seconds']:.2f} ({s['check_cpu_seconds']:.2f})",
                     f"{s['yardstick_seconds']:.2f}",
                     f"{ours['seconds']:.2f} / {base['seconds']:.2f}", f"{ratio['seconds']:.2f}",
                     f"{ours['cpu_seconds']:.2f} / {base['cpu_seconds']:.2f} ({ratio['cpu_seconds']:.2f})",
                     f"{_mb(ours['peak_rss'])} / {_mb(base['peak_rss'])} ({ratio['peak_rss']:.2f})",
                     f"{_mb(ours['site_bytes'])} / {_mb(base['site_bytes'])} ({ratio['site_bytes']:.2f})",
                     f"{_mb(ours['site_bytes'] - ours['download_bytes'])} / "
                     f"{_mb(base['site_bytes'] - base['download_bytes'])} "
                     f"({ratio['site_bytes_without_downloads']:.2f})",
                     f"{_mb(ours['search_index_bytes'])} / {_mb(base['search_index_bytes'])} "
                     f"({ratio['search_index_bytes']:.2f})"])
    return rows


def text_table(sizes: list[dict]) -> str:
    rows = [TABLE_HEADER, *table_rows(sizes)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(TABLE_HEADER))]
    return "\n".join("  ".join(cell.rjust(w) for cell, w in zip(row, widths)) for row in rows)


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def plot_svg(sizes: list[dict]) -> str:
    """Build time against N for ours and the baseline, on log–log axes, as plain SVG."""
    import math

    width, height, left, right, top, bottom = 640, 380, 70, 150, 30, 60
    points = {side: [(s["n"], s["build"][side]["seconds"]) for s in sorted(sizes, key=lambda s: s["n"])]
              for side in ("baseline", "ours")}
    xs = [n for n, _ in points["ours"]]
    ys = [t for side in points.values() for _, t in side]
    x_lo, x_hi = math.floor(math.log10(min(xs))), math.ceil(math.log10(max(xs)))
    x_hi = max(x_hi, x_lo + 1)
    y_lo, y_hi = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    y_hi = max(y_hi, y_lo + 1)

    def px(n: float) -> float:
        return left + (math.log10(n) - x_lo) / (x_hi - x_lo) * (width - left - right)

    def py(t: float) -> float:
        return height - bottom - (math.log10(t) - y_lo) / (y_hi - y_lo) * (height - top - bottom)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-labelledby="benchmark-title" '
           'font-family="sans-serif" font-size="13">',
           '<title id="benchmark-title">Whole mkdocs build time against glossary size: termbook '
           'and plain Material</title>',
           f'<rect width="{width}" height="{height}" fill="#fff"/>']
    for exponent in range(x_lo, x_hi + 1):
        x = px(10 ** exponent)
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - bottom}" stroke="#ddd"/>')
        out.append(f'<text x="{x:.1f}" y="{height - bottom + 18}" text-anchor="middle">{10 ** exponent:,}</text>')
    for exponent in range(y_lo, y_hi + 1):
        y = py(10 ** exponent)
        label = f"{10 ** exponent:g}"
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{label}</text>')
    out.append(f'<text x="{(left + width - right) / 2}" y="{height - 18}" text-anchor="middle">'
               'glossary terms (N)</text>')
    out.append(f'<text transform="translate(18 {(top + height - bottom) / 2}) rotate(-90)" '
               'text-anchor="middle">build time (s)</text>')
    styles = {"baseline": ("#888", "plain Material", "6 4"), "ours": ("#3f51b5", "termbook", "")}
    for row, (side, (colour, label, dash)) in enumerate(styles.items()):
        line = " ".join(f"{px(n):.1f},{py(t):.1f}" for n, t in points[side])
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>')
        for n, t in points[side]:
            out.append(f'<circle cx="{px(n):.1f}" cy="{py(t):.1f}" r="4" fill="{colour}">'
                       f'<title>{label}, N={n:,}: {t:.2f} s</title></circle>')
        ly = top + 10 + row * 22
        out.append(f'<line x1="{width - right + 16}" y1="{ly}" x2="{width - right + 40}" y2="{ly}" '
                   f'stroke="{colour}" stroke-width="2"{dash_attr}/>')
        out.append(f'<text x="{width - right + 46}" y="{ly + 4}">{label}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def time_rows(sizes: list[dict]) -> list[list[str]]:
    """Where termbook's time goes, per size: CPU seconds and share of the whole build."""
    def cell(seconds: float, whole: float) -> str:
        return f"{seconds:.2f} ({seconds / whole:.1%})"

    rows = []
    for key, label in [*HOOK_NAMES.items(), ("termbook", "**termbook, all**"),
                       ("rest", "MkDocs and Material")]:
        row = [label]
        for size in sizes:
            spent = size["termbook_cpu_seconds"]
            ours = sum(spent[name] for name in HOOK_NAMES)
            seconds = {"termbook": ours, "rest": spent["whole build"] - ours}.get(key, spent.get(key))
            row.append(cell(seconds, spent["whole build"]))
        rows.append(row)
    return rows


def extra_time_note(size: dict) -> str:
    """What the difference in build time at one size is made of, in words."""
    spent = size["termbook_cpu_seconds"]
    ours = sum(spent[name] for name in HOOK_NAMES)
    extra = size["build"]["ours"]["cpu_seconds"] - size["build"]["baseline"]["cpu_seconds"]
    more_or_less = f"{extra:.1f} CPU seconds more" if extra >= 0 else f"{-extra:.1f} CPU seconds less"
    return (f"At N={size['n']:,}, our builds took {more_or_less} than the baseline's (medians); "
            f"termbook's own code took {ours:.1f} s of a build measured alone. The rest of the "
            "difference is MkDocs and Material: they do less for our generated pages, which "
            "share one Markdown converter (see below), and a little more for what termbook "
            "adds (larger pages to index and write); and the noise of a shared machine, which "
            "the medians only partly remove.")


def check_note(sizes: list[dict]) -> str:
    """How the check's time compares with the yardstick, in words, when N=10,000 was run."""
    size = next((s for s in sizes if s["n"] == 10000), None)
    if size is None:
        return ""
    check, loader = size["check_seconds"], size["yardstick_seconds"]
    return f"""
The check target is given twice. Issue 9 set it on a machine where PyYAML's C loader loads
10,000 entries in about {YARDSTICK_SECONDS_AT_10000} s; here the same loading took
{loader:.2f} s. The check took {check:.2f} s, {check / loader:.1f} times the loader alone, which
on issue 9's machine comes to {check * YARDSTICK_SECONDS_AT_10000 / loader:.2f} s. Most of a
check is reading the entries with that same C parser (which refuses YAML features an entry
never needs on the way); the rest is the schema and per-file checks, the checks across
entries, and finding the terms that no page mentions.
"""


def results_page(results: dict, plot_path: str) -> str:
    sizes = results["sizes"]
    machine = results["machine"]
    target_rows = [[t["target"], f"{t['value']:.2f} {t['unit']}", f"≤ {t['limit']:g}",
                    "met" if t["met"] else "**missed**"] for t in results["targets"]]
    phase_names = list(sizes[0]["engine"]["phases"])
    phase_rows = [[f"{s['n']:,}", *(f"{s['engine']['phases'][p]:.3f}" for p in phase_names),
                   f"{s['engine']['seconds']:.3f}", f"{s['engine']['yardstick_seconds']:.3f}"]
                  for s in sizes]
    runs = ", ".join(f"{s['runs']} at N={s['n']:,}" for s in sizes)  # "5 at N=100, 3 at ..."
    load = machine["load_average"]
    largest = max(sizes, key=lambda s: s["n"])
    downloads = largest["build"]["ours"]["download_bytes"]
    baseline_bytes = largest["build"]["baseline"]["site_bytes"]
    return f"""---
title: Build cost benchmark
description: "How long termbook takes to build a glossary site of 100 to 10,000 terms, against plain Material for MkDocs."
---

# Build cost benchmark

How much termbook adds to a Material for MkDocs build as a glossary grows. Each size is a
synthetic glossary (1–4 word names, 1–3 aliases, 80–150 word definitions that mention other
terms, 2–4 related terms, sources), {ARTICLES} article summaries and {LONG_PAGES} long pages that
mention terms. *Ours* builds them from YAML with every termbook feature on:
cross-linking, tooltips, the data exports and the JSON-LD in term pages. The *baseline* builds
the same pages, written out as plain Markdown (explicit term links as ordinary links), with
plain Material: same theme, Markdown extensions and navigation shape, no termbook plugin.

Latest run: {results["date"]}, on {machine["cpu"]} ({machine["cores"]} cores), Python
{machine["python"]}, MkDocs {machine["mkdocs"]}, Material {machine["material"]}. Load
average: {load["start"]:.2f} at the start, {load["end"]:.2f} at the end (the benchmark keeps
one core busy itself; above 1, other work was running). Builds alternate between the two
sites, so both see the same load; times are medians (builds per site: {runs}).

![Whole build time against glossary size, termbook and plain Material, log–log axes]({plot_path})

## Results

{markdown_table(TABLE_HEADER, table_rows(sizes))}

*engine*: reading and validating every entry, rendering the pages, finding the mentions to
link and writing the data exports, without MkDocs: CPU seconds, each phase the fastest of
{ENGINE_RUNS} runs in fresh processes, the sizes taking turns (so that other work on the machine counts as little as it
can). *check*: the `termbook check` command, interpreter start included,
wall time (CPU time in brackets). *YAML yardstick*: PyYAML's C loader alone reading and
loading the same entries in a fresh process, run alternately with the check: issue 9 measured
about {YARDSTICK_SECONDS_AT_10000} s at 10,000 entries on its machine, so it says how fast this
machine is. *build*: wall time of `mkdocs build --strict`; *build CPU*:
the CPU time of the same builds, which other work on the machine does not inflate. Ratios are
ours divided by the baseline.

The site includes the data downloads (`glossary.json`, `glossary.ttl`, `glossary.csv` and the
JSON Schema; {_mb(downloads)} MB at N={largest["n"]:,}). They hold every entry again, in three
formats, and the baseline has nothing like them, so the site size is also given without them:
that is what the pages themselves cost. With them the site cannot stay within {MAX_SIZE_RATIO:.2f}
times the baseline: the downloads alone come to {downloads / baseline_bytes:.0%} of the baseline
site at N={largest["n"]:,}.

## Targets

{markdown_table(["target", "measured", "limit", ""], target_rows)}
{check_note(sizes)}
## Where termbook's time goes

CPU seconds spent in termbook during one whole build of our site at each size, measured
apart from the timed builds, and their share of that build:

{markdown_table(["", *(f"N={s['n']:,}" for s in sizes)], time_rows(sizes))}

{extra_time_note(largest)}

## How termbook keeps its cost down

- **One Markdown converter for the generated pages.** MkDocs builds a new Python-Markdown
  converter, loading every extension, for each page: about a tenth of a build of short
  pages. Term and article pages are converted by one converter per build (reset between
  pages, as Python-Markdown intends), with MkDocs' own per-page processors; a test builds
  the site both ways and finds every file identical.
- **Links with their URL made.** A term link gets its final address when it is made, and
  MkDocs' link rewriting, which would read each as a path to a file, never sees it.
- **One pass to find mentions.** The matcher looks a text's words up in dictionaries of
  labels and label prefixes, so its cost follows the length of the text, not the number of
  terms.
- **Definitions once.** Tooltips read every short definition from one generated script
  instead of each link carrying its own; "Mentioned in" works out each listed page's address
  once.
- **Reading entries.** YAML is read with PyYAML's C loader, line numbers are tracked only
  when a problem is reported, and schemas are checked by compiled validators.

## Engine phases (CPU seconds)

{markdown_table(["N", *phase_names, "total", "YAML yardstick (wall)"], phase_rows)}

The yardstick, measured after each engine run, is work that grows exactly in proportion to
N: where it grows more than tenfold from one size to the next, the machine is slower per
entry at the larger size (its caches hold less of the data), and the engine's growth includes
that too.

## Run it

```sh
scripts/benchmark                          # 100, 1,000 and 10,000 terms
scripts/benchmark --sizes 100,1000 --runs 1  # a quick look
```

It works in `benchmarks/work/` and writes `benchmarks/results.json`, this page and its plot.
"""


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "load_average": {"start": os.getloadavg()[0]},
            "mkdocs": metadata.version("mkdocs"), "material": metadata.version("mkdocs-material"),
            "termbook": metadata.version("termbook")}


#: Engine runs per size. An engine run takes seconds even at 10,000 terms, so there are
#: enough for the fastest of them to be a run that other work on the machine left alone.
ENGINE_RUNS = 5


def default_runs(n: int) -> int:
    """Build runs per side: five up to 1,000 terms, where builds take seconds and the noise of
    a shared machine is as large as the difference measured; at 10,000 terms a build takes
    over a minute, so three there keep the whole benchmark to about a quarter hour."""
    return 5 if n <= 1000 else 3


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="scripts/benchmark", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="glossary sizes, comma-separated (default: 100,1000,10000)")
    parser.add_argument("--runs", type=int,
                        help="builds per site and size (default: 5 up to N=1,000, 3 above)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK,
                        help="scratch folder for the generated projects (default: benchmarks/work)")
    parser.add_argument("--results", type=Path, default=DEFAULT_RESULTS)
    parser.add_argument("--page", type=Path, default=DEFAULT_PAGE)
    parser.add_argument("--plot", type=Path, default=DEFAULT_PLOT)
    parser.add_argument("--engine-phases", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--yardstick", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--make-project", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--terms", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--hook-times", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--hook-site", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        args.sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        parser.error(f"--sizes takes numbers separated by commas, not '{args.sizes}'")
    if not args.sizes or min(args.sizes) < 10:
        parser.error("--sizes: each size must be at least 10 terms")
    if args.runs is not None and args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.engine_phases:
        json.dump(engine_phases(args.engine_phases), sys.stdout)
        return 0
    if args.yardstick:
        print(yardstick(args.yardstick))
        return 0
    if args.make_project:
        json.dump(_make_project_here(args.make_project, args.terms), sys.stdout)
        return 0
    if args.hook_times:
        json.dump(hook_times(args.hook_times, args.hook_site), sys.stdout)
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    about_machine = machine()
    projects = [make_project(n, args.work.resolve()) for n in args.sizes]
    engines = time_engines({p.n: p.folder for p in projects}, ENGINE_RUNS)
    sizes = [measure_size(p, args.runs or default_runs(p.n), engines[p.n]) for p in projects]
    about_machine["load_average"]["end"] = os.getloadavg()[0]
    results = {"date": datetime.date.today().isoformat(), "machine": about_machine,
               "sizes": sizes, "targets": targets(sizes)}
    for path in (args.results, args.page, args.plot):
        path.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    args.plot.write_text(plot_svg(sizes), encoding="utf-8")
    plot_link = os.path.relpath(args.plot, args.page.parent).replace(os.sep, "/")
    args.page.write_text(results_page(results, plot_link), encoding="utf-8")
    print(text_table(sizes))
    for t in results["targets"]:
        print(f"{'met   ' if t['met'] else 'MISSED'} {t['target']}: {t['value']:.2f} {t['unit']} "
              f"(limit {t['limit']:g})")
    print(f"Results in {args.results}, page {args.page}, plot {args.plot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
