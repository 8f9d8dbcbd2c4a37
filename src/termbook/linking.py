"""Linking: mentions of glossary terms become links to the terms' pages, in any page.

Two ways in:

- **Mentions.** What the :class:`~termbook.matcher.Matcher` finds in running text; the first
  mention of each term on a page (or every one, or none: see :data:`MODES`) becomes a link.
- **Explicit links.** ``[[id]]`` shows the term's name, ``[[id|text]]`` shows ``text``; in a
  table cell write ``[[id\\|text]]``, as for any ``|`` there.

Linking happens on the Markdown element tree (:class:`LinkerExtension`, a Python-Markdown
extension), never on the Markdown text, so code, links, attributes and raw HTML cannot be
corrupted. Never linked: code and preformatted text, headings, existing links (and a term
already linked by an ordinary link to its page), image alt text and other attributes, raw
HTML and the text of raw links and code, the titles of admonitions and details, citations
and other metadata lines of the generated pages, and a term on its own page.

This module knows nothing of MkDocs: a front end tells the extension which page is being
converted, and collects what it found (:class:`PageLinks`): the terms each page mentions
(for "Mentioned in", :mod:`termbook.additions`) and its links to unknown terms.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import posixpath
import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, HTML_PLACEHOLDER_RE, INLINE_PLACEHOLDER_RE, STX, AtomicString

from .findings import Finding
from .layout import GLOSSARY_DIR, SOURCES_CLASS, term_path, to_glossary_folder
from .markup import explicit_links, unknown_link
from .matcher import Matcher
from .model import Glossary, Term

#: How many mentions of a term a page links: the first, all, or none (explicit links always).
MODES = ("first", "all", "none")
# The tag of a link whose URL is already made, until the page's own links have been rewritten
# (see _RevealLinks): MkDocs reads the address of every <a> as a path to a Markdown file.
_MADE_LINK = "termbook-a"
# [[id]] while inline patterns run: by then an escaped pipe is a placeholder for a stashed
# STX "124" ETX, so the inner text is split in _ExplicitLinks.handleMatch.
_EXPLICIT_INLINE = r"\[\[([^\[\]\n]+?)\]\]"
_PIPE_OR_PLACEHOLDER = re.compile(rf"\||{INLINE_PLACEHOLDER_RE.pattern}")
_ESCAPED_PIPE = f"{STX}{ord('|')}{ETX}"

# Elements whose text is never searched for mentions. Headings, summaries and admonition titles
# name a subject rather than mention it; links already lead somewhere.
_SKIP_TAGS = frozenset({"a", _MADE_LINK, "abbr", "code", "pre", "kbd", "samp", "var", "script",
                        "style", "h1", "h2", "h3", "h4", "h5", "h6", "summary", "button",
                        "textarea", "select", "svg", "math"})
# Classes of elements that are not prose: admonition titles, and the lines of the generated
# pages that name organisations as publishers rather than mention them (see render.py).
_SKIP_CLASSES = frozenset({"admonition-title", "tb-aka", "tb-citation", "tb-meta", SOURCES_CLASS})
_RAW_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*?(/?)>")
_CAPITALISED_WORD = re.compile(r"[A-Z][a-z]*(?:-[a-z]+)*")


@dataclasses.dataclass
class PageLinks:
    """The linker's state for the page being converted, and what it found there."""

    path: str
    """The page's path relative to the docs directory ("glossary/weights.md")."""
    own_id: str | None
    """The term this page is about, if it is a term page: never linked here."""
    auto_link: bool
    """Whether mentions are searched for on this page at all (not on the generated indexes)."""
    mentioned: set[str] = dataclasses.field(default_factory=set)
    """Terms this page mentions, by name or by explicit link, linked or not."""
    linked: set[str] = dataclasses.field(default_factory=set)
    """Terms this page already links to."""
    unknown: list[str] = dataclasses.field(default_factory=list)
    """Ids of explicit links to terms that do not exist, in the order they appear."""
    term_url: tuple[str, str] | None = None
    """What goes before and after a term's id to make the URL of its page, relative to this
    page's URL (``("../../glossary/", "/")``), when the caller knows the site's URLs; without
    it, links are relative paths to the terms' Markdown files, for MkDocs to turn into URLs."""
    to_glossary: str = dataclasses.field(init=False)
    """The relative path from this page to the folder of term pages ("../glossary/")."""

    def __post_init__(self) -> None:
        self.to_glossary = to_glossary_folder(self.path)


class Linker:
    """Everything linking needs from the glossary, built once per build."""

    def __init__(self, glossary: Glossary, *, mode: str = "first"):
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        self.glossary = glossary
        self.mode = mode
        self._matcher: Matcher | None = None
        self._term_of_path = {term_path(term_id): term_id for term_id in glossary.terms}

    @property
    def matcher(self) -> Matcher:
        """The matcher of the glossary's labels: made when a page is first converted, and
        again after :meth:`release`."""
        if self._matcher is None:
            self._matcher = Matcher(self.glossary.terms.values())
        return self._matcher

    def release(self) -> None:
        """Let go of the matcher's tables of labels once every page is converted: a front end
        calls this where its site generator starts writing pages, which is where a build's
        memory peaks (at 10,000 terms the tables are several megabytes). Converting another
        page makes them again."""
        self._matcher = None

    def page(self, path: str, *, auto_link: bool = True,
             term_url: tuple[str, str] | None = None) -> PageLinks:
        """The linker's state for converting the page at ``path``; see :class:`PageLinks`."""
        return PageLinks(path, self.term_at(path), auto_link, term_url=term_url)

    def term_at(self, path: str) -> str | None:
        """The term whose page is at ``path`` (relative to the docs directory), if any."""
        return self._term_of_path.get(path)

    def extension(self) -> LinkerExtension:
        return LinkerExtension(self)

    def anchor(self, page: PageLinks, term_id: str, text: str) -> etree.Element:
        """A link from the page to the term's page: to its URL when the page knows the site's
        URLs, else to its Markdown file."""
        if page.term_url is None:
            tag, href = "a", f"{page.to_glossary}{term_id}.md"
        else:
            prefix, suffix = page.term_url
            tag, href = _MADE_LINK, prefix + term_id + suffix
        link = etree.Element(tag, {"href": href, "data-tb": term_id})
        link.text = text
        return link

    def unknown_links(self, page: PageLinks, path: str, source: str) -> list[Finding]:
        """An error for each unknown id the page's explicit links named, at the line of its
        first ``[[id]]`` in ``source`` (the page's file, front matter included)."""
        lines: dict[str, int] = {}
        for link in explicit_links(source) if page.unknown else ():
            lines.setdefault(link.id, link.line)
        return [unknown_link(path, lines.get(term_id, 1), term_id, self.glossary.terms)
                for term_id in dict.fromkeys(page.unknown)]

    def term_linked_by(self, page: PageLinks, href: str | None) -> str | None:
        """The term whose page an ordinary Markdown link on ``page`` leads to, if any."""
        path = (href or "").partition("#")[0]
        if not path.endswith(".md") or ":" in path:
            return None
        if path.startswith(page.to_glossary) and "/" not in path[len(page.to_glossary):]:
            return self._term_of_path.get(GLOSSARY_DIR + "/" + path[len(page.to_glossary):])
        return self._term_of_path.get(posixpath.normpath(
            posixpath.join(posixpath.dirname(page.path), path)))

    def display_name(self, term: Term, *, sentence_start: bool) -> str:
        """What ``[[id]]`` shows: the term's name, with a common noun's capital dropped inside
        a sentence ("each [[token]]" reads "each token"; "[[llama]]" always reads "Llama").

        A name is a common noun when it is not a proper noun (:meth:`Glossary.is_proper_noun`),
        its first word is capitalised only by position ("Dual-use") and its other words are
        lower case or acronyms ("Open source AI"); "Open Source AI Definition" and "EU AI Act"
        keep theirs.
        """
        name = term.term
        first, *rest = name.split()
        if (sentence_start or self.glossary.is_proper_noun(term)
                or not _CAPITALISED_WORD.fullmatch(first)
                or any(word != word.lower() and word != word.upper() for word in rest)):
            return name
        return name[0].lower() + name[1:]

    def choose(self, page: PageLinks, text: str) -> list[tuple[int, int, str]]:
        """Record the mentions in ``text`` on ``page``; return those to link, as (start, end,
        term id): the first of each term on the page, all, or none, by the mode."""
        chosen = []
        for start, end, term_id in self.matcher.find(text):
            if term_id == page.own_id:
                continue
            page.mentioned.add(term_id)
            if self.mode == "all" or (self.mode == "first" and term_id not in page.linked):
                page.linked.add(term_id)
                chosen.append((start, end, term_id))
        return chosen


def labels_digest(glossary: Glossary) -> str:
    """Changes when a term is added or removed, or its names, categories or links change:
    whatever decides which text on a page is linked, and how."""
    names = [(t.id, t.term, list(t.aliases), t.abbreviation, list(t.categories), t.auto_link,
              t.proper_noun)
             for t in glossary.terms.values()]
    return hashlib.sha256(json.dumps(sorted(names, key=lambda n: n[0])).encode()).hexdigest()


def _is_skipped(element: etree.Element[Any]) -> bool:
    """Whether the text in ``element`` is never linked. Its tag is a function for a comment
    or a processing instruction, which the type of a tree's children leaves out."""
    if not isinstance(element.tag, str) or element.tag in _SKIP_TAGS:
        return True
    classes = element.get("class")
    return classes is not None and not _SKIP_CLASSES.isdisjoint(classes.split())


class _ExplicitLinks(InlineProcessor):
    """``[[id]]`` and ``[[id|text]]``."""

    ANCESTOR_EXCLUDES = ("a", _MADE_LINK)

    def __init__(self, extension: LinkerExtension, md: Markdown):
        super().__init__(_EXPLICIT_INLINE, md)
        self.extension = extension
        self.linker = extension.linker

    @property
    def page(self) -> PageLinks:
        assert self.extension.page is not None
        return self.extension.page

    # InlineProcessor's signature, which differs from Pattern's (the stubs ignore it too).
    def handleMatch(  # type: ignore[override]  # noqa: N802 (Python-Markdown's name)
            self, m: re.Match[str], data: str,
    ) -> tuple[etree.Element | None, int | None, int | None]:
        if self.extension.page is None:  # not a page of the site: "[[id]]" stays as typed
            return None, None, None
        term_id, text = self._split(m.group(1))
        if text is not None and not text.strip():  # "[[id|]]": as if there were no text
            text = None
        term = self.linker.glossary.terms.get(term_id)
        if term is None:
            self.page.unknown.append(term_id)
            return _as_text(text if text is not None else term_id), m.start(0), m.end(0)
        if text is None:  # the term's own name: shown as typed, never read as Markdown
            text = AtomicString(self.linker.display_name(
                term, sentence_start=_starts_sentence(data[:m.start(0)])))
        if term_id == self.page.own_id:
            return _as_text(text), m.start(0), m.end(0)
        self.page.mentioned.add(term_id)
        if not isinstance(text, AtomicString):  # (str.strip() would drop AtomicString)
            text = text.strip()
        return self.linker.anchor(self.page, term_id, text), m.start(0), m.end(0)

    def _split(self, inner: str) -> tuple[str, str | None]:
        """The id and the text (None when there is none) of "id|text"; the text keeps its
        placeholders, so code spans and escapes in it still come out right."""
        for separator in _PIPE_OR_PLACEHOLDER.finditer(inner):
            if separator.group(0) == "|" or self.unescape(separator.group(0)) == _ESCAPED_PIPE:
                return self.unescape(inner[:separator.start()]).strip(), inner[separator.end():]
        return self.unescape(inner).strip(), None


def _as_text(text: str) -> etree.Element:
    """What ``[[id]]`` shows when it links nowhere: to an unknown term, or on the term's page."""
    shown = etree.Element("span")
    shown.text = text
    return shown


def _starts_sentence(before: str) -> bool:
    """Whether a word after ``before`` (the text before it in the same block) starts a
    sentence: nothing but opening marks before it, or the end of a sentence."""
    before = before.rstrip().rstrip("*_\"'“‘([").rstrip()
    return not before or before.endswith((".", "!", "?"))


class _Mentions(Treeprocessor):
    """Links mentions in the page's element tree, once inline Markdown has been parsed.

    Raw HTML written in the Markdown is not in the tree: Python-Markdown keeps it aside and
    leaves a placeholder in the text. Text between a raw ``<a ...>`` (or ``<code>``, ...) and
    its end tag is still in the tree, so the walk follows those tags to leave it alone.
    """

    def __init__(self, extension: LinkerExtension, md: Markdown):
        super().__init__(md)
        self.extension = extension
        self.linker = extension.linker
        self.page = PageLinks("", None, False)  # the page being linked, set by run()
        self.raw_depth = 0  # how many raw elements whose text is never linked are open

    def run(self, root: etree.Element) -> None:
        if self.extension.page is not None and self.extension.page.auto_link:
            self.page, self.raw_depth = self.extension.page, 0
            self._walk(root)

    def _walk(self, parent: etree.Element) -> None:
        children = list(parent)
        parent.text, links = self._link(parent.text)
        for position, link in enumerate(links):
            parent.insert(position, link)
        position = len(links)  # of the child being looked at, as links go in
        for child in children:
            if child.tag == "a" or child.tag == _MADE_LINK:
                term_id = child.get("data-tb") or self.linker.term_linked_by(self.page, child.get("href"))
                if term_id:
                    self.page.linked.add(term_id)
            if _is_skipped(child):
                for text in child.itertext():  # its own text is never linked; follow raw tags
                    self._linkable(text)
            else:
                self._walk(child)
            child.tail, links = self._link(child.tail)
            for offset, link in enumerate(links, 1):
                parent.insert(position + offset, link)
            position += 1 + len(links)

    def _link(self, text: str | None) -> tuple[str | None, list[etree.Element]]:
        """``text`` split around the mentions to link: the text before the first link, and
        the links, each holding the text after it as its tail."""
        if not text or text.isspace():  # most tails: the line breaks between blocks
            return text, []
        chosen = self.linker.choose(self.page, self._linkable(text))
        if not chosen:
            return text, []
        links = []
        for index, (start, end, term_id) in enumerate(chosen):
            link = self.linker.anchor(self.page, term_id, text[start:end])
            link.tail = text[end:chosen[index + 1][0] if index + 1 < len(chosen) else len(text)]
            links.append(link)
        return text[:chosen[0][0]], links

    def _linkable(self, text: str) -> str:
        """``text`` with raw HTML, and the text inside raw elements that are never linked,
        blanked out (same length); updates :attr:`raw_depth` on the way."""
        if STX not in text:
            return text if self.raw_depth == 0 else STX * len(text)
        pieces, last = [], 0
        for placeholder in HTML_PLACEHOLDER_RE.finditer(text):
            between = text[last:placeholder.start()]
            pieces += [between if self.raw_depth == 0 else STX * len(between),
                       STX * len(placeholder.group(0))]
            raw = self.md.htmlStash.rawHtmlBlocks[int(placeholder.group(1))]
            self.raw_depth = max(0, self.raw_depth + _skipped_depth_change(raw))
            last = placeholder.end()
        rest = text[last:]
        pieces.append(rest if self.raw_depth == 0 else STX * len(rest))
        return "".join(pieces)


def _skipped_depth_change(raw: object) -> int:
    """How many never-linked elements (``<a>``, ``<code>``, ...) a piece of raw HTML opens,
    less how many it closes; 0 for a whole block such as ``<p><a>x</a></p>``."""
    change = 0
    for tag in _RAW_TAG.finditer(raw if isinstance(raw, str) else ""):
        if tag.group(2).lower() in _SKIP_TAGS and not tag.group(3):
            change += -1 if tag.group(1) else 1
    return change


class _RevealLinks(Treeprocessor):
    """Turns links whose URL the linker made into ordinary ``<a>`` elements, once MkDocs has
    rewritten the page's own links: checking each of them as a path to a file would cost a
    fortieth of a glossary's build and find nothing to change."""

    def run(self, root: etree.Element) -> None:
        for link in list(root.iter(_MADE_LINK)):
            link.tag = "a"


class LinkerExtension(Extension):
    """The Python-Markdown extension: add one instance to the site's Markdown extensions and
    set :attr:`page` before each page is converted. Its processors read :attr:`page` as they
    run, so one converter can serve many pages. Without a page they do nothing."""

    def __init__(self, linker: Linker):
        super().__init__()
        self.linker = linker
        self.page: PageLinks | None = None

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # Before "reference" (170), which would read "[[id]]" as a reference link; after code
        # spans and escapes. The tree is linked after attr_list (8) has set classes and before
        # abbr (7), toc (5) and MkDocs' link rewriting (0).
        md.inlinePatterns.register(_ExplicitLinks(self, md), "termbook-links", 174)
        md.treeprocessors.register(_Mentions(self, md), "termbook-mentions", 7.5)
        md.treeprocessors.register(_RevealLinks(md), "termbook-reveal-links", -1)
