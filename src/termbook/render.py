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
import re
from collections.abc import Callable, Iterable
from importlib import resources
from typing import NamedTuple, TypeVar

from . import inline, search
from .collation import OTHER
from .events import Event
from .kept import Kept
from .layout import (
    ASSETS,
    CATEGORY_INDEX,
    GLOSSARY_DIR,
    GLOSSARY_INDEX,
    SEARCH_SCRIPT,
    SOURCES_CLASS,
    SOURCES_DIR,
    SOURCES_INDEX,
    article_path,
    rel,
    term_path,
)
from .markup import Embed, embeds, inert_html
from .messages import Messages
from .model import Article, Claim, Glossary, Source, Term
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


def assets(language: str, trailing_words: Iterable[str] = ()) -> dict[str, bytes]:
    """The static files to publish with the pages, by site path; the search script gets the
    rules by which search compares queries with names, in the site's ``language``, with the
    words its readers type after a name (:func:`termbook.search.script`)."""
    folder = resources.files(__package__).joinpath("assets")
    files = {path: folder.joinpath(name).read_bytes() for path, name in ASSETS.items()}
    script = search.script(files[SEARCH_SCRIPT].decode("utf-8"), language, trailing_words)
    files[SEARCH_SCRIPT] = script.encode("utf-8")
    return files


def render_pages(glossary: Glossary, messages: Messages | None = None,
                 kept: TermPages | None = None) -> list[Page]:
    """Every generated page: term pages, the glossary indexes, articles, with the labels of
    ``messages`` (the site's language). Each page's Markdown is made when it is read (see
    :class:`Page`); a preview that renders the glossary again after each edit passes the term
    pages it ``kept`` from the run before, and only those whose content changed are made."""
    lookups = _Lookups.of(glossary, messages or Messages())
    make_term_page: Callable[[Glossary, Term, _Lookups], str] = term_page
    make_index: Callable[[str, Callable[[], str], tuple[Listing, ...]], str] = _made_now
    if kept is not None:
        kept.follow(glossary, lookups)
        make_term_page, make_index = kept.term_page, kept.index
    listings = tuple(map(Listing.of, glossary.terms.values()))
    pages = [Page(GLOSSARY_INDEX, functools.partial(
        make_index, GLOSSARY_INDEX, functools.partial(az_index, listings, glossary, lookups),
        listings), link_mentions=False)]
    if glossary.categories:
        pages.append(Page(CATEGORY_INDEX, functools.partial(
            make_index, CATEGORY_INDEX,
            functools.partial(category_index, listings, glossary, lookups), listings),
            link_mentions=False))
    # Term and article pages stay out of the navigation: Material writes the whole navigation
    # into every page, so listing thousands of terms there makes the build quadratic.
    pages += [Page(term_path(t.id), functools.partial(make_term_page, glossary, t, lookups),
                   in_nav=False)
              for t in glossary.terms.values()]
    if glossary.articles:
        pages.append(Page(SOURCES_INDEX, functools.partial(sources_index, glossary, lookups),
                          link_mentions=False))
        pages += [Page(article_path(a.id), functools.partial(article_page, glossary, a, lookups),
                       in_nav=False) for a in glossary.articles.values()]
    return pages


class Listing(NamedTuple):
    """What the indexes (A–Z, categories) show of a term. They are made from these alone,
    so that a preview may keep an index while every term's listing is the same."""

    id: str
    term: str
    sort_as: str | None
    labels: tuple[str, ...]
    short: str
    categories: tuple[str, ...]

    @classmethod
    def of(cls, term: Term) -> Listing:
        return cls(term.id, term.term, term.sort_as, term.labels, term.short, term.categories)


def _made_now(path: str, make: Callable[[], str], listings: tuple[Listing, ...]) -> str:
    """An index made now: what a build does, which makes each once."""
    return make()


class TermPages:
    """The term pages and the indexes of the run before, for a preview that renders the
    glossary again after each edit: a page is made again only when what it shows changed.

    A term page shows its term, the terms related to it either way, the article claims and
    the events about it (:meth:`inputs`), and what every page of the glossary folder looks up
    in the whole glossary (:class:`_Lookups`: each term's link and place in A–Z order, the
    categories' links, the site's language and taxonomy). When any of the latter changed,
    every term page is made again. At 1,000 terms making every term page is a quarter of what
    the preview's generator spends after an edit of one entry.

    An index shows each term's :class:`Listing` and what every page looks up: an edit of a
    definition that leaves the short one as it was changes no index. At 10,000 terms making
    the indexes again is a fifth of a run after such an edit."""

    def __init__(self) -> None:
        self._pages: Kept[str, str] = Kept()
        self._indexes: Kept[str, str] = Kept()

    @property
    def made(self) -> set[str]:
        """The ids of the terms whose page was made, not kept, since :meth:`follow`."""
        return self._pages.made

    @property
    def indexes_made(self) -> set[str]:
        """The paths of the indexes that were made, not kept, since :meth:`follow`."""
        return self._indexes.made

    def follow(self, glossary: Glossary, lookups: _Lookups) -> None:
        """Keep the pages made for a glossary whose shared lookups are those of ``glossary``."""
        shared = (lookups.links, lookups.a_to_z, lookups.category_links, lookups.markup,
                  lookups.messages.language, glossary.taxonomy)
        self._pages.follow(shared, glossary.terms.__contains__)
        self._indexes.follow(shared)

    def term_page(self, glossary: Glossary, term: Term, lookups: _Lookups) -> str:
        """:func:`term_page`, kept from the run before when its inputs are the same."""
        return self._pages.get(term.id, self.inputs(glossary, term, lookups),
                               functools.partial(term_page, glossary, term, lookups))

    def index(self, path: str, make: Callable[[], str], listings: tuple[Listing, ...]) -> str:
        """The index at ``path``, made by ``make`` from ``listings``, kept from the run
        before when they are the same."""
        return self._indexes.get(path, listings, make)

    @staticmethod
    def inputs(glossary: Glossary, term: Term, lookups: _Lookups) -> tuple[object, ...]:
        """What :func:`term_page` reads about ``term`` beyond the shared lookups."""
        return (term, glossary.narrower[term.id], glossary.related[term.id],
                tuple(lookups.claims.get(term.id, ())), tuple(glossary.timeline.about(term.id)))


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


def inert(text: str) -> str:
    """Text from an entry, termbook.yml or a label for HTML written into a page's Markdown
    (element text or a double-quoted attribute), white space runs as one space: see
    :func:`termbook.markup.inert_html`."""
    return inert_html(" ".join(text.split()))


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
    true}``, which Material and Zensical read): the indexes and the scorecard's table list what
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


def folder_titles(messages: Messages) -> dict[str, str]:
    """The titles of the folders of generated pages in a navigation made from the folders,
    by folder name, in the site's language."""
    return {GLOSSARY_DIR: messages("nav_glossary"), SOURCES_DIR: messages("sources")}


def heading(text: str, anchor: str) -> str:
    """A section heading of a generated page: its label in the site's language, its anchor the
    same in every language, so that links to it and the place of "Mentioned in" hold."""
    return f"## {plain(text)} {{ #{anchor} }}\n"


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
    messages: Messages
    """The site's labels."""
    markup: str
    """What markup short definitions may hold (the entries policy's ``short.markup``)."""

    @classmethod
    def of(cls, glossary: Glossary, messages: Messages) -> _Lookups:
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
                            for c in glossary.categories},
            messages=messages, markup=glossary.taxonomy.entries.short.markup)


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

def short_markdown(term: Term | Listing, markup: str) -> str:
    """The term's short definition as Markdown: its code and emphasis where the site allows
    them (``markup``, from its entries policy), nothing else."""
    return inline.markdown(term.short, plain, markup)


def term_page(glossary: Glossary, term: Term, lookups: _Lookups | None = None) -> str:
    """The page of one term. ``lookups``: the glossary's, shared by every page when all are
    rendered; worked out here otherwise."""
    if lookups is None:
        lookups = _Lookups.of(glossary, Messages())
    say, markup = lookups.messages, lookups.markup
    here = term_path(term.id)
    out = [front_matter(title=term.term, description=inline.plain_text(term.short, markup),
                        # Material's search gives tags the highest weight: listing every name
                        # makes a search for an alias or abbreviation reach this page (and
                        # search-names.js puts it first, see search.py).
                        tags=list(term.labels)),
           f"# {plain(term.term)}\n"]
    other_names = ([say("abbreviation_note", name=f"**{plain(term.abbreviation)}**")]
                   if term.abbreviation else []) + [plain(a) for a in term.aliases]
    if other_names:
        out.append(f"{say('also_known_as', names=say.join(other_names))}\n{{ .tb-aka }}\n")
    out.append(f"{short_markdown(term, markup)}\n{{ .tb-short }}\n")
    if term.status != "stable":
        out.append(_status_note(term.status, say))
    if term.definition.strip():
        out.append(term.definition.strip() + "\n")
    scorecard = glossary.taxonomy.scorecard
    if term.ratings and scorecard:
        out.append(_scorecard_section(term, here, scorecard, say))
    out.append(_relations(glossary, term, lookups))
    claims = lookups.claims.get(term.id)
    history = glossary.timeline.about(term.id)
    if history:
        out.append(heading(say("history"), "history"))
        out.append(event_list(glossary, history, say))
    if claims:
        out.append(heading(say("in_the_articles"), "in-the-articles"))
        out.append("\n".join(
            f"- [{plain(a.title)}]({rel(here, article_path(a.id))}#{c.id}): {plain(c.claim)}"
            for a, c in claims) + "\n")
    if term.sources:
        out.append(_sources_list(term.sources, heading=heading(say("sources"), "sources") + "\n"))
    meta = _meta_line(term, lookups)
    if meta:
        out.append(f"{meta}\n{{ .tb-meta }}\n")
    return "\n".join(out)


def _meta_line(term: Term, lookups: _Lookups) -> str:
    """The categories, status and review date under a term page, as far as the entry has
    them: the status shows when the entry was reviewed or is not stable."""
    say = lookups.messages
    parts = []
    if term.categories:
        parts.append(say("meta_categories", len(term.categories), categories=say.join(
            lookups.category_links[c] for c in term.categories)))
    if term.reviewed or term.status != "stable":
        parts.append(say("meta_status", status=plain(say(f"status_{term.status}"))))
    if term.reviewed:
        parts.append(say("meta_reviewed", date=plain(term.reviewed)))
    return say("meta_separator").join(parts)


def _status_note(status: str, say: Messages) -> str:
    kind = "warning" if status == "contested" else "note"
    title = attribute(say(f"{status}_title"))  # a quoted title ends at its first double quote
    return f'!!! {kind} "{title}"\n    {say(f"{status}_note")}\n'


def _relations(glossary: Glossary, term: Term, lookups: _Lookups) -> str:
    say = lookups.messages
    rows = [("broader", term.broader), ("narrower", glossary.narrower[term.id]),
            ("related", glossary.related[term.id])]
    rows = [(label, ids) for label, ids in rows if ids]
    if not rows:
        return ""
    lines = [heading(say("related_terms"), "related-terms")]
    for label, ids in rows:
        links = say.join(lookups.links[i] for i in sorted(ids, key=lookups.a_to_z.__getitem__))
        lines.append(f"- {say('relation_row', relation=say(label), links=links)}")
    return "\n".join(lines) + "\n"


def rating_badge(scorecard: Scorecard, rating_id: str) -> str:
    """A rating as its badge: its title, in its colour (``tb-colour-green``); the class
    ``tb-rating--<id>`` lets a site's stylesheet tell the ratings apart."""
    rating = declared(scorecard.ratings, rating_id)
    return (f'<span class="tb-rating tb-rating--{attribute(rating.id)} tb-colour-{rating.colour}">'
            f'{plain(rating.title)}</span>')


ChoiceT = TypeVar("ChoiceT", bound=Choice)


def declared(choices: tuple[ChoiceT, ...], choice_id: str) -> ChoiceT:
    """The declared value (a scorecard's component or rating) with id ``choice_id``."""
    return next(c for c in choices if c.id == choice_id)


def _scorecard_section(term: Term, here: str, scorecard: Scorecard, say: Messages) -> str:
    intro = fill(scorecard.entry_intro, term=plain(term.term), page=rel(here, scorecard.paths.page))
    columns = [plain(say(f"scorecard_{c}")) for c in ("component", "rating", "why", "evidence")]
    lines = [f"## {plain(scorecard.heading)}\n", f"{intro}\n",
             f"| {' | '.join(columns)} |", "| --- | --- | --- | --- |"]
    for r in term.ratings:
        evidence = (f"[{plain(say('scorecard_source'))}]({r.evidence.markdown()})" if r.evidence
                    else plain(say("scorecard_no_evidence")))
        lines.append(f"| {plain(declared(scorecard.components, r.component).title)} "
                     f"| {rating_badge(scorecard, r.rating)} | {plain(r.reason)} | {evidence} |")
    return "\n".join(lines) + "\n"


# --- Indexes ------------------------------------------------------------------------------

def az_index(listings: tuple[Listing, ...], glossary: Glossary, lookups: _Lookups) -> str:
    """All terms in the A–Z order of the site's language, grouped by its index letters (kana
    rows in Japanese), with every alias and abbreviation listed as a pointer to its term.
    With categories, a form narrows the list to some of them (``assets/termbook/az-filter.js``);
    without JavaScript the list is whole. Of the terms it reads only their ``listings``; of
    the glossary, what the taxonomy and the language decide (categories, collation)."""
    say, collation = lookups.messages, glossary.collation
    groups: dict[str, list[tuple[bytes, str, str, str]]] = {}
    for term in listings:
        link = lookups.links[term.id]
        shown_as = term.sort_as or term.term
        row = f"{link}: {short_markdown(term, lookups.markup)}{_category_attributes(term)}"
        groups.setdefault(collation.group(shown_as), []).append(
            (collation.sort_key(shown_as), term.term, term.id, row))
        for name in term.labels[1:]:
            groups.setdefault(collation.group(name), []).append(
                (collation.sort_key(name), name, term.id,
                 say("az_see_alias", name=plain(name), link=link)
                 + _category_attributes(term, see=True)))
    order = sorted(groups, key=collation.group_order)
    # The language's own letters always, other scripts' where names fall in them, in order.
    shown = [g for g in collation.groups if g in collation.letters or g in groups]
    nav = " ".join(
        f"[{_group_label(g, say)}](#{_group_id(g)})" if g in groups
        else f'<span class="tb-az-empty">{_group_label(g, say)}</span>'
        for g in [*shown, *([OTHER] if OTHER in groups else [])])
    count = len(listings)
    out = [front_matter(title=say("az_title"), description=say("az_description", count),
                        searched=False),
           f"# {plain(say('az_title'))}\n",
           say("az_count", count)
           + (" " + say("az_see_categories", page=rel(GLOSSARY_INDEX, CATEGORY_INDEX)) + "\n"
              if glossary.categories else "\n")]
    if len(glossary.categories) > 1:
        out.append(_az_filter(glossary, say))
    out.append(f"{nav}\n{{ .tb-az-nav }}\n")
    for group in order:
        out.append(f"## {_group_label(group, say)} {{ #{_group_id(group)} }}\n")
        rows = sorted(groups[group], key=lambda e: e[:3])
        out.append("\n".join(f"- {row}" for *_, row in rows) + "\n")
    return "\n".join(out)


def _group_label(group: str, say: Messages) -> str:
    return plain(say("az_other")) if group == OTHER else plain(group)


def _group_id(group: str) -> str:
    """The anchor of an index group: "letter-a" for a Latin letter, "letter-other", and the
    code points of any other label ("letter-3042" for あ), so anchors stay plain ASCII."""
    if group == OTHER:
        return "letter-other"
    if group.isascii() and group.isalpha():
        return f"letter-{group.lower()}"
    return "letter-" + "-".join(f"{ord(ch):04x}" for ch in group)


def _category_attributes(term: Listing, *, see: bool = False) -> str:
    """The attribute list that tells the A–Z filter a row's categories, and whether it points
    from another name to the term (``see``)."""
    see_class = ".tb-see " if see else ""
    return f'\n{{ {see_class}data-tb-categories="{" ".join(term.categories)}" }}'


def _az_filter(glossary: Glossary, say: Messages) -> str:
    """The A–Z index's category filter: a choice the script acts on (its labels are in the
    page, in the site's language), hidden until the script shows it, so that without
    JavaScript the list is whole and nothing is offered that does not work."""
    labels = {"legend": say("az_filter_legend"), "all": say("az_filter_all"),
              "status": say.text("az_filter_status")}
    options = "".join(f'<option value="{c.id}">{inert(c.title)}</option>'
                      for c in glossary.categories)
    data = " ".join(f'data-label-{key}="{inert(text)}"' for key, text in labels.items())
    return (f'<div class="tb-az-filter" role="group" hidden {data}>'
            f'<label for="tb-az-category">{inert(labels["legend"])}</label> '
            f'<select id="tb-az-category" name="category"><option value="">'
            f'{inert(labels["all"])}</option>{options}</select> '
            f'<output class="tb-az-status" for="tb-az-category" aria-live="polite"></output>'
            f'</div>\n')


def category_index(listings: tuple[Listing, ...], glossary: Glossary, lookups: _Lookups) -> str:
    """Each category's terms, A–Z, with their short definitions; reads of the terms only
    their ``listings`` (see :func:`az_index`)."""
    say = lookups.messages
    out = [front_matter(title=say("categories_title"), description=say("categories_description"),
                        searched=False),
           f"# {plain(say('categories_title'))}\n",
           say("categories_see_az", page=rel(CATEGORY_INDEX, GLOSSARY_INDEX)) + "\n"]
    in_category: dict[str, list[Listing]] = {}  # A–Z within each category: one sort for all
    for term in sorted(listings, key=lambda listing: lookups.a_to_z[listing.id]):
        for category_id in term.categories:
            in_category.setdefault(category_id, []).append(term)
    for category in glossary.categories:
        terms = in_category.get(category.id)
        if not terms:
            continue
        out.append(f"## {plain(category.title)} {{ #{category.id} }}\n")
        out.append(f"{plain(category.description)}\n")
        out.append("\n".join(f"- {lookups.links[t.id]}: {short_markdown(t, lookups.markup)}"
                              for t in terms) + "\n")
    return "\n".join(out)


# --- Articles -----------------------------------------------------------------------------

def sources_index(glossary: Glossary, lookups: _Lookups) -> str:
    say = lookups.messages
    here = SOURCES_INDEX
    out = [front_matter(title=say("sources"), description=say("sources_description")),
           f"# {plain(say('sources'))}\n",
           say("sources_intro") + "\n"]
    for article in sorted(glossary.articles.values(), key=lambda a: (a.date, a.id)):
        out.append(f"## [{plain(article.title)}]({rel(here, article_path(article.id))})\n")
        out.append(f"{cite(article.citation)} {say('key_claims_count', len(article.claims))}\n")
    return "\n".join(out)


def article_page(glossary: Glossary, article: Article, lookups: _Lookups) -> str:
    say = lookups.messages
    here = article_path(article.id)
    stances = {s.id: s for s in glossary.taxonomy.articles.stances} if glossary.taxonomy.articles else {}
    out = [front_matter(title=article.title,
                        description=say("article_description", title=article.title,
                                        publisher=article.publisher, date=article.date)),
           f"# {plain(article.title)}\n",
           f"{cite(article.citation)}\n{{ .tb-citation }}\n",
           heading(say("summary"), "summary"),
           say("summary_note") + "\n",
           article.summary.strip() + "\n",
           heading(say("key_claims"), "key-claims"),
           say("key_claims_intro") + "\n"]
    for number, claim in enumerate(article.claims, 1):
        stance = stances[claim.stance]
        block = [f"**{say('claim_number', number=number)}** · {plain(stance.title)}", "",
                 plain(claim.claim), ""]
        if claim.quote:
            block += [f"> “{plain(claim.quote)}” {say('quote_attribution')}", ""]
        block.append(say("claim_terms", links=say.join(term_link(glossary, t, here)
                                                       for t in claim.terms)))
        if claim.context_note:
            block += ["", say("claim_context", note=claim.context_note.strip()), "",
                      _sources_list(claim.context_sources)]
        body = "\n".join(block)
        colour = f" tb-colour-{stance.colour}" if stance.colour else ""
        out.append(f'<div class="tb-claim tb-claim--{attribute(claim.stance)}{colour}" '
                   f'id="{attribute(claim.id)}" markdown>\n\n'
                   f"{body}\n\n</div>\n")
    out.append(f"{say('meta_reviewed', date=plain(article.reviewed))}\n{{ .tb-meta }}\n")
    return "\n".join(out)


# --- Dated events -------------------------------------------------------------------------

#: The class of a list or table of events, which the site's styles may address.
EVENTS_CLASS = "tb-events"


def _event_sources(event: Event) -> str:
    """The event's sources as links (an event's sources all have an address), each titled,
    with its publisher."""
    return "; ".join(f"[{plain(s.title)}]({s.url.markdown()}) ({plain(s.publisher)})"
                     for s in event.sources if s.url)


def _event_text(event: Event) -> str:
    """The event's Markdown text on one line, as a list item or table cell holds it."""
    return " ".join(event.text.split())


def event_list(glossary: Glossary, events: Iterable[Event], say: Messages) -> str:
    """Events as a list, in date order: the date as precise as it is known, the kind, the
    title, the text and the sources."""
    kinds = glossary.taxonomy.events
    items = []
    for event in events:
        kind = kinds.kind(event.kind) if kinds else None
        items.append(f"- **{plain(say.date(event.date))}** · {plain(kind.title if kind else event.kind)} · "
                     f"**{plain(event.title)}**  \n  {_event_text(event)}  \n  "
                     f"{plain(say('sources'))}: {_event_sources(event)}")
    body = "\n".join(items) if items else plain(say("events_none"))
    return f'<div class="{EVENTS_CLASS}" markdown>\n\n{body}\n\n</div>\n'


def event_table(glossary: Glossary, events: Iterable[Event], say: Messages) -> str:
    """Events as a table of three columns: date, what happened, sources."""
    def cell(markdown: str) -> str:  # a pipe ends a cell; [[id|text]] is written [[id\\|text]]
        return markdown.replace("\\|", "|").replace("|", "\\|")

    columns = [say("events_date"), say("events_what"), say("sources")]
    lines = [f"| {' | '.join(plain(c) for c in columns)} |", "| --- | --- | --- |"]
    lines += [f"| {plain(say.date(e.date))} | **{plain(e.title)}**<br>{cell(_event_text(e))} "
              f"| {cell(_event_sources(e))} |" for e in events]
    if len(lines) == 2:
        return plain(say("events_none")) + "\n"
    return f'<div class="{EVENTS_CLASS}" markdown>\n\n' + "\n".join(lines) + "\n\n</div>\n"


def embedded_events(glossary: Glossary, embed: Embed, say: Messages) -> str:
    """The Markdown of one ``<!-- termbook:events ... -->`` line (:func:`termbook.markup.embeds`)."""
    events = glossary.timeline.select(kinds=embed.kinds, terms=embed.terms, since=embed.since,
                                      until=embed.until)
    return (event_table if embed.style == "table" else event_list)(glossary, events, say)


def expand_events(markdown: str, glossary: Glossary, say: Messages) -> str:
    """A hand-written page's Markdown with each list of events it embeds written out; the
    front ends call this before converting the page, so that every front end shows the same
    lists. The options were checked with the page (:func:`termbook.check.check_files`)."""
    found = embeds(markdown)
    if not found:
        return markdown
    out, last = [], 0
    for embed in found:
        out += [markdown[last:embed.start], "\n", embedded_events(glossary, embed, say)]
        last = embed.end
    return "".join(out + [markdown[last:]])
