"""Cross-linking: mentions of glossary terms become links to the terms' pages.

Two ways in:

- **Mentions.** A term's name, aliases, abbreviation and their regular English plurals are
  found in running text and the first mention on a page (or every one, or none: see
  :data:`MODES`) becomes a link. Names and aliases match whatever their case, abbreviations
  only with their own case ("MoE", not "moe"); matches start and end on word boundaries, and
  the longest wins ("open source AI" beats "open source").
- **Explicit links.** ``[[id]]`` shows the term's name, ``[[id|text]]`` shows ``text``; in a
  table cell write ``[[id\\|text]]``, as for any ``|`` there.

Linking happens on the Markdown element tree (:class:`LinkerExtension`, a Python-Markdown
extension), never on the Markdown text, so code, links, attributes and raw HTML cannot be
corrupted. Never linked: code and preformatted text, headings, existing links (and a term
already linked by an ordinary link to its page), image alt text and other attributes, raw
HTML and the text of raw links and code, the titles of admonitions and details, citations
and other metadata lines of the generated pages, and a term on its own page.

One :class:`Matcher` serves every page and every term: it finds the words of a text that
start some label (a set intersection), then grows each match word by word through
dictionaries of labels and label prefixes, keeping the longest. Its cost grows with the
length of the text, not with the number of terms (a regular expression alternating thousands
of labels, or one search per term, grows with both).

A link carries only the term's id (``<a href="..." data-tb="id">``). The tooltip script
(``assets/tooltips.js``) reads the short definitions from one generated file
(:func:`tooltip_data`), so no page repeats them.

This module knows nothing of MkDocs: the plugin tells the extension which page is being
converted, and collects what it found (:class:`PageLinks`).
"""

from __future__ import annotations

import dataclasses
import functools
import html
import json
import posixpath
import re
import string
import xml.etree.ElementTree as etree
from collections.abc import Collection, Iterable, Iterator

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, HTML_PLACEHOLDER_RE, INLINE_PLACEHOLDER_RE, STX, AtomicString

from .findings import ERROR, Finding, did_you_mean
from .model import Glossary, Term, sort_key
from .render import GLOSSARY_DIR, term_path

#: How many mentions of a term a page links: the first, all, or none (explicit links always).
MODES = ("first", "all", "none")
#: The generated script holding every term's short definition, by its path in the site.
TOOLTIP_DATA_PATH = "assets/termbook/terms.js"
#: The anchor of the "Mentioned in" section of term pages.
MENTIONED_IN_ID = "mentioned-in"
# The tag of a link whose URL is already made, until the page's own links have been rewritten
# (see _RevealLinks): MkDocs reads the address of every <a> as a path to a Markdown file.
_MADE_LINK = "termbook-a"
# Where a term page's sources start (render.py's citation block, as HTML).
_SOURCES_BLOCK = '<div class="tb-sources">'

_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")
_FIRST_TO_LAST_WORD = re.compile(r"\w(?:.*\w)?", re.DOTALL)
# Up to this many different label-starting words in a text, they are found with str.find.
_FEW_CANDIDATES = 32
# [[id]] or [[id|text]] in Markdown source; in a table cell the pipe is escaped: [[id\|text]].
# (Greedy repeats: each stops at the first character that can end it, as a lazy one would.)
_EXPLICIT_RE = re.compile(r"\[\[([^\[\]|\\\n]+)(?:\\?\|([^\[\]\n]+))?\]\]")
# The same while inline patterns run: by then an escaped pipe is a placeholder for a stashed
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
_SKIP_CLASSES = frozenset({"admonition-title", "tb-aka", "tb-citation", "tb-meta", "tb-sources"})
_RAW_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*?(/?)>")
# Categories whose names are proper nouns: they keep their capital letter in running text.
_PROPER_NOUN_CATEGORIES = frozenset({"models", "organisations"})
_CAPITALISED_WORD = re.compile(r"[A-Z][a-z]*(?:-[a-z]+)*")


# --- the matcher --------------------------------------------------------------------------

def label_key(label: str) -> str | None:
    """A label as the matcher compares it: from its first to its last word character, with
    each run of white space as one space ("Meta Platforms, Inc." -> "Meta Platforms, Inc")."""
    span = _FIRST_TO_LAST_WORD.search(label)
    return " ".join(span.group().split()) if span else None


def plural(key: str) -> str | None:
    """The regular English plural of a label's last word, or None when there is none to make
    (the word does not end in a letter, or already ends in a single "s": "Weights")."""
    lower = key.lower()
    if not lower[-1:].isalpha():
        return None
    if lower.endswith(("ss", "sh", "ch", "x", "z")):
        return key + "es"
    if lower.endswith("s"):
        return None
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return key[:-1] + "ies"
    return key + "s"


def fold(text: str) -> str:
    """``text`` case-folded letter by letter, keeping its length (so offsets still hold): a
    letter whose folding is longer ("ß" -> "ss") is kept as it is."""
    folded = text.casefold()
    if len(folded) == len(text):
        return folded
    return "".join(ch if len(ch.casefold()) != 1 else ch.casefold() for ch in text)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what \w matches


class Matcher:
    """Finds every term label in a text in one pass: longest match first, left to right."""

    def __init__(self, terms: Iterable[Term]):
        exact: dict[str, str] = {}   # abbreviations: with their case
        folded: dict[str, str] = {}  # names and aliases: case-folded
        derived: list[tuple[dict[str, str], str, str]] = []
        for term in terms:
            for label in (term.term, *term.aliases):
                key = label_key(label)
                if key:
                    folded.setdefault(fold(key), term.id)
                    if (more := plural(key)) is not None:
                        derived.append((folded, fold(more), term.id))
            key = label_key(term.abbreviation) if term.abbreviation else None
            if key:
                exact.setdefault(key, term.id)
                if key[-1].isupper():  # "LLM" -> "LLMs"
                    derived.append((exact, key + "s", term.id))
        for table, key, term_id in derived:  # a label someone typed beats a derived plural
            table.setdefault(key, term_id)
        self._exact, self._folded = exact, folded
        self._exact_has_spaces = any(" " in key for key in exact)
        # Every word-prefix of every key, folded: a match grows word by word only while the
        # words so far start some label. The first words decide where a match can start.
        self._prefixes: set[str] = set()
        self._first_words: set[str] = set()
        self._longer_first_words: set[str] = set()  # first words of labels of several words
        self.max_words = 0
        for key in (*exact, *folded):
            folded_key = fold(key)
            if _WORD.fullmatch(folded_key):  # one word, as most labels
                self._prefixes.add(folded_key)
                self._first_words.add(folded_key)
                self.max_words = max(self.max_words, 1)
                continue
            ends = [m.end() for m in _WORD.finditer(folded_key)]
            self._prefixes.update(folded_key[:end] for end in ends)
            self._first_words.add(folded_key[:ends[0]])
            if len(ends) > 1:
                self._longer_first_words.add(folded_key[:ends[0]])
            self.max_words = max(self.max_words, len(ends))

    def labels(self) -> Iterator[tuple[str, str]]:
        """Every label key (derived plurals included), case-folded, with its term's id."""
        for key, term_id in self._exact.items():
            yield fold(key), term_id
        yield from self._folded.items()

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Every mention in ``text`` as (start, end, term id), in order, never overlapping."""
        folded = fold(text)
        # The words that start some label, found with set operations and str.find (C code):
        # Python only looks at those places, however long the text and the glossary.
        spaced = _spaced(folded)
        candidates = self._first_words.intersection(spaced.split() if spaced else _WORD.findall(folded))
        if not candidates:
            return []
        if len(candidates) <= _FEW_CANDIDATES:
            starts = _whole_word_starts(folded, spaced, candidates)
        else:  # each search reads the whole text: past a few words, one pass over all is faster
            starts = [(m.start(), m.group()) for m in _WORD.finditer(folded) if m.group() in candidates]
        found: list[tuple[int, int, str]] = []
        free_from = 0
        for start, word in starts:
            if start >= free_from and (match := self._longest_at(text, folded, start, word)):
                found.append(match)
                free_from = match[1]
        return found

    def _longest_at(self, text: str, folded: str, start: int,
                    word: str) -> tuple[int, int, str] | None:
        """The longest label starting with ``word`` at ``start``, if any."""
        end = start + len(word)
        term_id = self._exact.get(text[start:end]) or self._folded.get(word)
        best = None if term_id is None else (start, end, term_id)
        if word not in self._longer_first_words:  # most words start no label of several
            return best
        key = word
        for _ in range(self.max_words - 1):
            following = _WORD.search(folded, end)
            if following is None:
                break
            gap = folded[end:following.start()]
            key += (gap if gap == " " else _SPACES.sub(" ", gap)) + following.group()
            if key not in self._prefixes:
                break
            end = following.end()
            term_id = self._folded.get(key)
            if term_id is None and self._exact_has_spaces:
                term_id = self._exact.get(_SPACES.sub(" ", text[start:end]))
            if term_id is not None:
                best = (start, end, term_id)
        return best


# In ASCII, the word characters (\w) are the letters, digits and "_".
_ASCII_NOT_WORD_TO_SPACE = str.maketrans({chr(c): " " for c in range(128) if not _is_word_char(chr(c))})


def _spaced(folded: str) -> str | None:
    """For ASCII text (a flag of the string, not a scan): the text with each character that
    is not a word character as a space, and a space added at either end. Its words are what
    str.split() gives, and " word " occurs in it exactly where the word does as a whole
    word; both many times faster than a regular expression. None for other text."""
    return f" {folded.translate(_ASCII_NOT_WORD_TO_SPACE)} " if folded.isascii() else None


def _words(folded: str) -> list[str]:
    """The words of a text, as ``_WORD`` finds them."""
    spaced = _spaced(folded)
    return spaced.split() if spaced else _WORD.findall(folded)


def _whole_word_starts(folded: str, spaced: str | None, words: Iterable[str]) -> list[tuple[int, str]]:
    """(start, word) for each place where one of ``words`` occurs in ``folded`` as a whole
    word, in order; ``spaced`` is ``_spaced(folded)``."""
    starts = []
    if spaced:  # the same offsets, shifted by the added space
        for word in words:
            needle = f" {word} "
            start = spaced.find(needle)
            while start >= 0:
                starts.append((start, word))
                start = spaced.find(needle, start + len(word) + 1)  # from its closing space
    else:
        size = len(folded)
        for word in words:
            length = len(word)
            start = folded.find(word)
            while start >= 0:
                end = start + length
                if (start == 0 or not _is_word_char(folded[start - 1])) and (
                        end == size or not _is_word_char(folded[end])):
                    starts.append((start, word))
                start = folded.find(word, end)
    starts.sort()
    return starts


# --- explicit links in Markdown source ----------------------------------------------------

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
# A run of backticks (not part of a longer run), the code, and a run of the same length. It
# starts with the backtick itself rather than with "(?<!`)": a pattern that starts with a
# character is searched for by skipping to that character, ten times faster.
_CODE_SPAN = re.compile(r"(`(?<!``)`*)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t].*$", re.MULTILINE)
_HTML_TAG = re.compile(r"<[^<>\n]+>")
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)")
_LINK_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:.*$", re.MULTILINE)
_AUTOLINK = re.compile(r"<https?://[^>\n]*>")


_FILLER = "\x1f"
_NOT_NEWLINE = re.compile(r"[^\n]")
# Each pattern, with a string that any text it matches contains (a cheap test to skip it).
_NON_PROSE = ((_HEADING, "#"), (_AUTOLINK, "<http"), (_HTML_TAG, "<"), (_LINK_TARGET, "]("),
              (_LINK_DEFINITION, "]:"), (_EXPLICIT_RE, "[["))


def _blank(match: re.Match[str]) -> str:
    """The matched text as filler, line breaks kept, so offsets and line numbers still hold.
    The filler is neither a word character nor white space: the words on either side of a
    masked piece never join into one label."""
    text = match.group(0)
    return _FILLER * len(text) if "\n" not in text else _NOT_NEWLINE.sub(_FILLER, text)


def mask_code(text: str) -> str:
    """``text`` with fenced code blocks and code spans blanked out (same length and lines)."""
    if "`" not in text and "~~~" not in text:  # the usual case, and thousands of texts
        return text
    if "```" not in text and "~~~" not in text:  # code spans, but no fence to look for
        return _CODE_SPAN.sub(_blank, text)
    lines = text.split("\n")
    fence = None
    for index, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
        elif fence is not None and opening and opening.group(1)[0] == fence[0] \
                and len(opening.group(1)) >= len(fence):
            fence = None
        elif fence is None:
            continue
        lines[index] = _FILLER * len(line)
    return _CODE_SPAN.sub(_blank, "\n".join(lines))


def mask_non_prose(text: str, *, code_masked: bool = False) -> str:
    """``text`` keeping only what the linker would search for mentions: code, headings, HTML
    tags, link targets and explicit links blanked out. An estimate for ``termbook check``;
    builds use the element tree instead."""
    if not code_masked:
        text = mask_code(text)
    for pattern, sign in _NON_PROSE:
        if sign in text:
            text = pattern.sub(_blank, text)
    return text


@dataclasses.dataclass(frozen=True)
class ExplicitLink:
    line: int  # 1-based, counted from the start of the text
    id: str


def explicit_links(text: str, *, code_masked: bool = False) -> list[ExplicitLink]:
    """Every ``[[id]]`` and ``[[id|text]]`` in Markdown source, outside code."""
    if "[[" not in text:
        return []
    masked = text if code_masked else mask_code(text)
    return [ExplicitLink(masked.count("\n", 0, m.start()) + 1, m.group(1).strip())
            for m in _EXPLICIT_RE.finditer(masked)]


def _linked_ids(text: str) -> list[str]:
    """The ids of the explicit links in ``text``, as :func:`explicit_links` reads them but
    without their lines (and in code too, unless the code is masked)."""
    return [term_id.strip() for term_id, _ in _EXPLICIT_RE.findall(text)] if "[[" in text else []


def check_links(path: str, text: str, ids: Collection[str], *, first_line: int = 1,
                field: str = "(text)") -> list[Finding]:
    """An error for each explicit link to an unknown id (not in ``ids``) in ``text``
    (Markdown that starts on line ``first_line`` of ``path``)."""
    if all(term_id in ids for term_id in _linked_ids(text)):
        return []  # the usual case: no need to tell code from text
    return [unknown_link(path, first_line + link.line - 1, link.id, ids, field)
            for link in explicit_links(text) if link.id not in ids]


def unknown_link(path: str, line: int, term_id: str, ids: Iterable[str],
                 field: str = "(text)") -> Finding:
    return Finding(path, line, field, f"unknown term id '{term_id}' in [[{term_id}]]",
                   did_you_mean(term_id, ids) or "see glossary/ for the ids", "unknown-term", ERROR)


# --- linking one page ---------------------------------------------------------------------

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
        folders = self.path.split("/")[:-1]
        if folders[:1] == [GLOSSARY_DIR]:
            self.to_glossary = "../" * (len(folders) - 1)
        else:
            self.to_glossary = "../" * len(folders) + GLOSSARY_DIR + "/"


class Linker:
    """Everything linking needs from the glossary, built once per build."""

    def __init__(self, glossary: Glossary, *, mode: str = "first"):
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        self.glossary = glossary
        self.mode = mode
        self.matcher = Matcher(glossary.terms.values())
        self._term_of_path = {term_path(term_id): term_id for term_id in glossary.terms}

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

        A name is a common noun when its category is not models or organisations, its first
        word is capitalised only by position ("Dual-use") and its other words are lower case
        or acronyms ("Open source AI"); "Open Source AI Definition" and "EU AI Act" keep theirs.
        """
        name = term.term
        first, *rest = name.split()
        if (sentence_start or term.category in _PROPER_NOUN_CATEGORIES
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


def _is_skipped(element: etree.Element) -> bool:
    if not isinstance(element.tag, str) or element.tag in _SKIP_TAGS:
        return True
    classes = element.get("class")
    return bool(classes) and not _SKIP_CLASSES.isdisjoint(classes.split())


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

    def handleMatch(self, m: re.Match[str], data: str):  # noqa: N802 (Python-Markdown's name)
        if self.extension.page is None:  # not a page of the site: "[[id]]" stays as typed
            return None, None, None
        term_id, text = self._split(m.group(1))
        if text is not None and not text.strip():  # "[[id|]]": as if there were no text
            text = None
        term = self.linker.glossary.terms.get(term_id)
        if term is None:
            self.page.unknown.append(term_id)
        elif text is None:  # the term's own name: shown as typed, never read as Markdown
            text = AtomicString(self.linker.display_name(
                term, sentence_start=_starts_sentence(data[:m.start(0)])))
        if term is None or term_id == self.page.own_id:
            shown = etree.Element("span")
            shown.text = text if text is not None else term_id
            return shown, m.start(0), m.end(0)
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


# --- what the plugin publishes ------------------------------------------------------------

def tooltip_data(glossary: Glossary) -> str:
    """The tooltip script's data: every term's short definition, by id, as one small script
    that sets a global (a script, not JSON, so it also loads from file://)."""
    shorts = {term_id: term.short for term_id, term in glossary.terms.items()}
    return f"window.termbookShorts = {json.dumps(shorts, separators=(',', ':'))};\n"


def add_mentioned_in(content: str, pages: Iterable[tuple[str, str]], *,
                     permalink: str | None = None) -> str:
    """A term page's HTML with a "Mentioned in" section listing ``pages`` ((title, URL)
    pairs; titles are HTML, as MkDocs gives them), placed before the sources."""
    rows = sorted({(*_plain_title(title), url) for title, url in pages})
    anchor = (f'<a class="headerlink" href="#{MENTIONED_IN_ID}" title="Permanent link">'
              f'{permalink}</a>' if permalink else "")
    items = "".join(f'<li><a href="{html.escape(url)}">{html.escape(title)}</a></li>'
                    for _, title, url in rows)
    section = (f'<div class="tb-mentions">\n<h2 id="{MENTIONED_IN_ID}">'
               f'Mentioned in{anchor}</h2>\n<ul>{items}</ul>\n</div>\n')
    before, marker, after = content.partition(_SOURCES_BLOCK)
    return before + section + marker + after if marker else content + section


@functools.lru_cache(maxsize=None)  # the same titles are listed on many term pages
def _plain_title(title: str) -> tuple[str, str]:
    """A page title (HTML) as its A–Z sort key and its plain text."""
    plain = html.unescape(title)
    return sort_key(plain), plain


class _Unconfirmed:
    """For :func:`mentions_in`: the terms not yet known to be mentioned, and their labels."""

    def __init__(self, matcher: Matcher, mentioned: set[str]):
        # The labels of those terms as the matcher compares them (case-folded, each run of
        # white space one space), by first word; and the first words of each term's labels.
        self.labels: dict[str, list[tuple[str, str]]] = {}
        self.first_words: dict[str, set[str]] = {}
        for key, term_id in matcher.labels():
            if term_id not in mentioned:
                word = key[:_WORD.search(key).end()]
                self.labels.setdefault(word, []).append((key, term_id))
                self.first_words.setdefault(term_id, set()).add(word)

    def labels_in(self, folded: str, own_id: str | None) -> list[str]:
        """The labels of other unconfirmed terms whose first word is in the (folded) text."""
        return [key for word in self.labels.keys() & _words(folded)
                for key, term_id in self.labels[word] if term_id != own_id]

    def confirm(self, term_ids: set[str]) -> None:
        """Forget the labels of these terms: they are known to be mentioned."""
        for word in {word for term_id in term_ids for word in self.first_words.pop(term_id)}:
            self.labels[word] = [(key, term_id) for key, term_id in self.labels[word]
                                 if term_id not in term_ids]
            if not self.labels[word]:
                del self.labels[word]


def _label_breaks(matcher: Matcher) -> re.Pattern[str]:
    """Punctuation that no label of ``matcher`` contains, so no match spans it: the matches
    in a text are those in each piece between two of these, found on its own."""
    in_labels = set("".join(key for key, _ in matcher.labels()))
    breaks = "".join(ch for ch in string.punctuation if ch not in in_labels and not _is_word_char(ch))
    return re.compile(f"[{re.escape(breaks)}]" if breaks else "(?!)")


def _occurrences(text: str, part: str) -> list[int]:
    """Where ``part`` starts in ``text``, each place."""
    starts = []
    start = text.find(part)
    while start >= 0:
        starts.append(start)
        start = text.find(part, start + 1)
    return starts


def mentions_in(texts: Iterable[tuple[str, str | None]], matcher: Matcher) -> set[str]:
    """The ids of the terms that Markdown texts mention, estimated from their source (for
    ``termbook check``): explicit links, and names in what is left once code, headings, HTML
    and links are out. Each text comes with the id of the term whose entry it is from, or
    None: a term that names or links itself does not mention itself.

    Only whether a term is mentioned matters, not where. So the explicit links of every text
    are read first; then only the texts that hold a label of a term not yet known to be
    mentioned are searched for names, and only the sentences (pieces between punctuation
    that no label contains) that hold one: in a large glossary, most texts are never searched.
    """
    mentioned: set[str] = set()
    code_masked: list[tuple[str, str | None]] = []
    for text, own_id in texts:
        masked = mask_code(text)
        mentioned.update(term_id for term_id in _linked_ids(masked) if term_id != own_id)
        code_masked.append((masked, own_id))
    unconfirmed = _Unconfirmed(matcher, mentioned)
    breaks = _label_breaks(matcher)
    for masked, own_id in code_masked:
        if not unconfirmed.labels:
            break
        labels = unconfirmed.labels_in(fold(masked), own_id)
        if not labels:
            continue
        # A label the matcher finds is in the text with each run of white space as one space;
        # folding and joining white space leave the punctuation that breaks the text into
        # pieces as it is, so the breaks before a label say which piece it is in.
        prose = mask_non_prose(masked, code_masked=True)
        collapsed = " ".join(fold(prose).split())
        pieces_with_labels = {len(breaks.findall(collapsed, 0, start))
                              for label in labels for start in _occurrences(collapsed, label)}
        if not pieces_with_labels:
            continue
        pieces = breaks.split(prose)
        found = {term_id for index in pieces_with_labels
                 for _, _, term_id in matcher.find(pieces[index])}
        found -= mentioned
        found.discard(own_id)
        mentioned |= found
        unconfirmed.confirm(found)
    return mentioned
