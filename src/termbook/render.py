"""Turn a checked :class:`Glossary` into Markdown pages for any Markdown site generator.

Pages are returned, never written: the MkDocs plugin hands them to MkDocs in memory. Every
text that comes from YAML and is not Markdown by design (names, aliases, short definitions,
citations) goes through :func:`plain` so it shows as typed and can never become markup.
Output is a pure function of the glossary: the same input gives byte-identical pages.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import json
from importlib import resources
import re
from collections.abc import Callable, Iterable

from . import search
from .layout import (ASSETS, CATEGORY_INDEX, GLOSSARY_INDEX, SCORECARD_PAGE, SOURCES_CLASS,
                     SEARCH_SCRIPT, SOURCES_INDEX, article_path, rel, term_path)
from .model import Article, Claim, Glossary, Source, Term, index_letter, sort_key
from .taxonomy import Choice, Scorecard, fill

@dataclasses.dataclass(frozen=True)
class Page:
    """A generated Markdown page; ``path`` is relative to the docs directory.

    The Markdown is made when it is read (:attr:`markdown`), not held: a site generator reads
    each page once, and the Markdown of 10,000 term pages, held from the start of a build to
    its end, would be a fifth of the build's memory."""

    path: str
    render: Callable[[], str]
    """Makes the page's Markdown."""
    in_nav: bool = True
    link_mentions: bool = True
    """Whether mentions of terms on this page become links (not on the indexes, which list
    every term and its short definition already)."""

    @property
    def markdown(self) -> str:
        return self.render()


def assets() -> dict[str, bytes]:
    """The static files to publish with the pages, by site path; the search script gets the
    rules by which search compares queries with names."""
    folder = resources.files(__package__).joinpath("assets")
    files = {path: folder.joinpath(name).read_bytes() for path, name in ASSETS.items()}
    files[SEARCH_SCRIPT] = search.script(files[SEARCH_SCRIPT].decode("utf-8")).encode("utf-8")
    return files


def render_pages(glossary: Glossary) -> list[Page]:
    """Every generated page: term pages, the glossary indexes, articles. Each page's Markdown
    is made when it is read (see :class:`Page`)."""
    lookups = _Lookups.of(glossary)
    pages = [Page(GLOSSARY_INDEX, functools.partial(az_index, glossary, lookups), link_mentions=False)]
    if glossary.categories:
        pages.append(Page(CATEGORY_INDEX, functools.partial(category_index, glossary, lookups),
                          link_mentions=False))
    # Term and article pages stay out of the navigation: Material writes the whole navigation
    # into every page, so listing thousands of terms there makes the build quadratic.
    pages += [Page(term_path(t.id), functools.partial(term_page, glossary, t, lookups), in_nav=False)
              for t in glossary.terms.values()]
    if glossary.articles:
        pages.append(Page(SOURCES_INDEX, functools.partial(sources_index, glossary),
                          link_mentions=False))
        pages += [Page(article_path(a.id), functools.partial(article_page, glossary, a), in_nav=False)
                  for a in glossary.articles.values()]
    return pages


# --- Markdown helpers ---------------------------------------------------------------------

#: How :func:`plain` writes each character that could be markup. HTML's own characters become
#: character references; the characters Python-Markdown lets a backslash escape (its
#: ESCAPED_CHARS) get a backslash; those that only extensions give a meaning (tables,
#: abbreviations, emoji, sub- and superscript), which a backslash does not escape everywhere,
#: become character references too, which display as the character and are never markup.
_PLAIN_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;",
                  **{c: "\\" + c for c in "\\`*_{}[]()#+!-"},
                  "|": "&#124;", ":": "&#58;", "~": "&#126;", "^": "&#94;"}
_PLAIN_TABLE = str.maketrans(_PLAIN_ESCAPES)
_MARKUP_CHARACTER = re.compile("[" + re.escape("".join(_PLAIN_ESCAPES)) + "]")


def plain(text: str) -> str:
    """Plain text as Markdown that displays exactly that text and is never markup."""
    text = " ".join(text.split())
    # One pass over the characters; most names hold none that need it, and skip even that.
    return text.translate(_PLAIN_TABLE) if _MARKUP_CHARACTER.search(text) else text


def attribute(text: str) -> str:
    """Text for a double-quoted attribute of HTML written into a page (a class, an id)."""
    return html.escape(text, quote=True)


#: JSON for the front matter, made once: ``json.dumps`` with options makes a new encoder on
#: every call, and every page calls it.
_FRONT_MATTER_JSON = json.JSONEncoder(ensure_ascii=False)


def front_matter(*, title: str, description: str, tags: list[str] | None = None,
                 hide: list[str] | None = None, searched: bool = True) -> str:
    """Page metadata. Themes write the title and description into the HTML unescaped, and
    Material's search dialog inserts titles and tags (the search keywords) as HTML, so all of
    them are escaped here: each shows as typed. JSON is valid YAML and quotes every string
    safely, whatever the entry contains.

    Titles and tags are escaped without their quotes, which are harmless in the text that
    every theme and search dialog puts them in: Zensical's search shows a page's title in
    each result's path line decoding only ``&amp;``, ``&lt;`` and ``&gt;``, so ``&quot;``
    would show as typed. The description, which Material writes into an attribute, is
    escaped with its quotes.

    A page that is not ``searched`` is kept out of the search index (``search: {exclude:
    true}``, which Material and Zensical read): the indexes and the openness table list what
    the term pages hold, so a search would find each term twice, and Zensical refuses a
    section longer than 16,384 words, which a letter of the A–Z index of a large glossary is."""
    fields: dict[str, object] = {"title": html.escape(title, quote=False),
                                 "description": html.escape(description)}
    if tags is not None:
        fields["tags"] = [html.escape(tag, quote=False) for tag in tags]
    if hide is not None:  # parts of the page layout the theme leaves out ("toc")
        fields["hide"] = hide
    if not searched:
        fields["search"] = {"exclude": True}
    lines = [f"{key}: {_FRONT_MATTER_JSON.encode(value)}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def term_link(glossary: Glossary, term_id: str, from_page: str) -> str:
    return f"[{plain(glossary.terms[term_id].term)}]({rel(from_page, term_path(term_id))})"


@dataclasses.dataclass(frozen=True)
class _Lookups:
    """What the pages of the glossary folder look up in the whole glossary, worked out once
    for all of them: 10,000 terms make 10,000 term pages that each link several terms."""

    links: dict[str, str]
    """Each term's Markdown link, as written on any page of the glossary folder (term pages
    and the indexes): they all link a term alike."""
    a_to_z: dict[str, int]
    """Each term's place in A–Z order, to sort a page's links without working out sort keys."""
    claims: dict[str, list[tuple[Article, Claim]]]
    """The article claims about each term, in article and claim order."""
    category_links: dict[str, str]
    """Each category's Markdown link to its section of the category index."""

    @classmethod
    def of(cls, glossary: Glossary) -> _Lookups:
        here = GLOSSARY_INDEX  # stands for every page of the glossary folder
        claims: dict[str, list[tuple[Article, Claim]]] = {}
        for article in glossary.articles.values():
            for claim in article.claims:
                for term_id in dict.fromkeys(claim.terms):  # a claim once, if it names a term twice
                    claims.setdefault(term_id, []).append((article, claim))
        categories = rel(here, CATEGORY_INDEX)
        return cls(
            links={term_id: term_link(glossary, term_id, here) for term_id in glossary.terms},
            a_to_z={term.id: place for place, term in enumerate(glossary.alphabetical())},
            claims=claims,
            category_links={c.id: f"[{plain(c.title)}]({categories}#{c.id})"
                            for c in glossary.categories})


def cite(source: Source) -> str:
    """One citation: title (linked where there is a URL), publisher, date, note."""
    title = f"*{plain(source.title)}*"
    if source.url:
        title = f"[{title}]({source.url.markdown()})"
    parts = [title, plain(source.publisher), plain(source.date)]
    if source.note:
        parts.append(plain(source.note))
    return ". ".join(parts) + "."


def _sources_list(sources: Iterable[Source], heading: str = "") -> str:
    """A numbered list of citations, under ``heading`` if given. The ``tb-sources`` block keeps
    the cross-linker out: a publisher named in a citation is not a mention of it."""
    items = "\n".join(f"{i}. {cite(s)}" for i, s in enumerate(sources, 1))
    return f'<div class="{SOURCES_CLASS}" markdown>\n\n{heading}{items}\n\n</div>\n'


# --- Term pages ---------------------------------------------------------------------------

def term_page(glossary: Glossary, term: Term, lookups: _Lookups | None = None) -> str:
    """The page of one term. ``lookups``: the glossary's, shared by every page when all are
    rendered; worked out here otherwise."""
    if lookups is None:
        lookups = _Lookups.of(glossary)
    here = term_path(term.id)
    out = [front_matter(title=term.term, description=term.short,
                        # Material's search gives tags the highest weight: listing every name
                        # makes a search for an alias or abbreviation reach this page (and
                        # search-names.js puts it first, see search.py).
                        tags=list(term.labels)),
           f"# {plain(term.term)}\n"]
    other_names = ([f"**{plain(term.abbreviation)}** (abbreviation)"] if term.abbreviation else []) \
        + [plain(a) for a in term.aliases]
    if other_names:
        out.append(f"Also known as: {', '.join(other_names)}.\n{{ .tb-aka }}\n")
    out.append(f"{plain(term.short)}\n{{ .tb-short }}\n")
    if term.status != "stable":
        out.append(_status_note(term.status))
    out.append(term.definition.strip() + "\n")
    if term.openness:
        out.append(_scorecard_section(term, here, glossary.taxonomy.scorecard))
    out.append(_relations(glossary, term, lookups))
    claims = lookups.claims.get(term.id)
    if claims:
        out.append("## In the articles\n")
        out.append("\n".join(
            f"- [{plain(a.title)}]({rel(here, article_path(a.id))}#{c.id}): {plain(c.claim)}"
            for a, c in claims) + "\n")
    out.append(_sources_list(term.sources, heading="## Sources\n\n"))
    category = f"Category: {lookups.category_links[term.category]} · " if term.category else ""
    out.append(f"{category}Status: {plain(term.status)} · Reviewed: {plain(term.reviewed)}\n"
               "{ .tb-meta }\n")
    return "\n".join(out)


def _status_note(status: str) -> str:
    if status == "contested":
        return ('!!! warning "Contested term"\n    People use this term in different ways; '
                "the definition below says where they disagree.\n")
    return '!!! note "Draft"\n    This entry has not been reviewed yet.\n'


def _relations(glossary: Glossary, term: Term, lookups: _Lookups) -> str:
    rows = [("Broader", term.broader), ("Narrower", glossary.narrower[term.id]),
            ("Related", glossary.related[term.id])]
    rows = [(label, ids) for label, ids in rows if ids]
    if not rows:
        return ""
    lines = ["## Related terms\n"]
    for label, ids in rows:
        links = ", ".join(lookups.links[i] for i in sorted(ids, key=lookups.a_to_z.__getitem__))
        lines.append(f"- **{label}:** {links}")
    return "\n".join(lines) + "\n"


def rating_badge(scorecard: Scorecard, rating: str) -> str:
    title = scorecard_title(scorecard.ratings, rating)
    return f'<span class="tb-rating tb-rating--{attribute(rating)}">{plain(title)}</span>'


def scorecard_title(choices: tuple[Choice, ...], choice_id: str) -> str:
    """The title a scorecard's component or rating is declared with."""
    return next(c.title for c in choices if c.id == choice_id)


def _scorecard_section(term: Term, here: str, scorecard: Scorecard) -> str:
    intro = fill(scorecard.entry_intro, term=plain(term.term), page=rel(here, SCORECARD_PAGE))
    lines = [f"## {plain(scorecard.heading)}\n", f"{intro}\n",
             "| Component | Rating | Why | Evidence |", "| --- | --- | --- | --- |"]
    for r in term.openness:
        evidence = f"[source]({r.evidence.markdown()})" if r.evidence else "none"
        lines.append(f"| {plain(scorecard_title(scorecard.components, r.component))} "
                     f"| {rating_badge(scorecard, r.rating)} | {plain(r.reason)} | {evidence} |")
    return "\n".join(lines) + "\n"


# --- Indexes ------------------------------------------------------------------------------

def az_index(glossary: Glossary, lookups: _Lookups) -> str:
    """All terms A–Z, with every alias and abbreviation listed as a pointer to its term."""
    entries: dict[str, list[tuple[str, str, str]]] = {}
    for term in glossary.terms.values():
        link = lookups.links[term.id]
        entries.setdefault(index_letter(term.term), []).append(
            (term.term, term.id, f"{link}: {plain(term.short)}"))
        for name in term.labels[1:]:
            entries.setdefault(index_letter(name), []).append(
                (name, term.id, f"{plain(name)}: see {link}"))
    letters = sorted(entries, key=lambda x: (x == "#", x))
    nav = " ".join(
        f"[{x}](#letter-{_letter_id(x)})" if x in entries else f'<span class="tb-az-empty">{x}</span>'
        for x in [*"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "#"] if x in entries or x != "#")
    out = [front_matter(title="Glossary A–Z",
                        description=f"All {len(glossary.terms)} terms of the glossary, A to Z.",
                        searched=False),
           "# Glossary A–Z\n",
           f"{len(glossary.terms)} terms."
           + (f" See them [by category]({rel(GLOSSARY_INDEX, CATEGORY_INDEX)}).\n"
              if glossary.categories else "\n"),
           f"{nav}\n{{ .tb-az-nav }}\n"]
    for letter in letters:
        out.append(f"## {letter} {{ #letter-{_letter_id(letter)} }}\n")
        rows = sorted(entries[letter], key=lambda e: (sort_key(e[0]), e[0], e[1]))
        out.append("\n".join(f"- {row}" for _, _, row in rows) + "\n")
    return "\n".join(out)


def _letter_id(letter: str) -> str:
    return "other" if letter == "#" else letter.lower()


def category_index(glossary: Glossary, lookups: _Lookups) -> str:
    out = [front_matter(title="Glossary by category",
                        description="The glossary's terms, grouped by topic.", searched=False),
           "# Glossary by category\n", f"See all terms [A to Z]({rel(CATEGORY_INDEX, GLOSSARY_INDEX)}).\n"]
    in_category: dict[str, list[Term]] = {}  # A–Z within each category: one sort for all
    for term in glossary.alphabetical():
        in_category.setdefault(term.category, []).append(term)
    for category in glossary.categories:
        terms = in_category.get(category.id)
        if not terms:
            continue
        out.append(f"## {plain(category.title)} {{ #{category.id} }}\n")
        out.append(f"{plain(category.description)}\n")
        out.append("\n".join(f"- {lookups.links[t.id]}: {plain(t.short)}" for t in terms) + "\n")
    return "\n".join(out)


# --- Articles -----------------------------------------------------------------------------

def sources_index(glossary: Glossary) -> str:
    here = SOURCES_INDEX
    out = [front_matter(title="Sources", description="The articles this site explains, "
                        "summarised in our own words, with their key claims."),
           "# Sources\n",
           "The articles that started this site. Each page gives the citation, a summary in our "
           "own words and the article's key claims, attributed and checked against primary "
           "sources. The articles' full texts are not reproduced here.\n"]
    for article in sorted(glossary.articles.values(), key=lambda a: (a.date, a.id)):
        out.append(f"## [{plain(article.title)}]({rel(here, article_path(article.id))})\n")
        out.append(f"{cite(article.citation)} {len(article.claims)} key claims.\n")
    return "\n".join(out)


def article_page(glossary: Glossary, article: Article) -> str:
    here = article_path(article.id)
    stances = {s.id: s.title for s in glossary.taxonomy.articles.stances} if glossary.taxonomy.articles else {}
    out = [front_matter(title=article.title,
                        description=f"Summary and key claims of “{article.title}” "
                                    f"({article.publisher}, {article.date})."),
           f"# {plain(article.title)}\n",
           f"{cite(article.citation)}\n{{ .tb-citation }}\n",
           "## Summary\n",
           "*Our summary, in our own words.*\n",
           article.summary.strip() + "\n",
           "## Key claims\n",
           "Each claim is the article's, not ours. Where other sources disagree, the note "
           "under the claim says so.\n"]
    for number, claim in enumerate(article.claims, 1):
        block = [f"**Claim {number}** · {plain(stances[claim.stance])}", "", plain(claim.claim), ""]
        if claim.quote:
            block += [f"> “{plain(claim.quote)}” (the article)", ""]
        block.append("Terms: " + ", ".join(term_link(glossary, t, here) for t in claim.terms))
        if claim.context_note:
            block += ["", f"**Context:** {claim.context_note.strip()}", "",
                      _sources_list(claim.context_sources)]
        body = "\n".join(block)
        out.append(f'<div class="tb-claim tb-claim--{attribute(claim.stance)}" '
                   f'id="{attribute(claim.id)}" markdown>\n\n'
                   f"{body}\n\n</div>\n")
    out.append(f"Reviewed: {plain(article.reviewed)}\n{{ .tb-meta }}\n")
    return "\n".join(out)
