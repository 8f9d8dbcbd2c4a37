"""The matcher: every term label in a text, found in one pass, longest match first.

Terms whose entry says ``link: explicit`` are not matched at all (only ``[[id]]`` links
them). Names and aliases match whatever their case, abbreviations only with their own case ("MoE",
not "moe"), and the regular English plurals of each (:func:`termbook.labels.plural`); matches
start and end on word boundaries, and the longest wins ("open source AI" beats "open
source"). Labels are compared as :mod:`termbook.labels` says, the same rule the check uses
for clashes, so every label the check accepts can be found.

One :class:`Matcher` serves every page and every term: it finds the words of a text that
start some label (a set intersection), then grows each match word by word through
dictionaries of labels and label prefixes, keeping the longest. Its cost grows with the
length of the text, not with the number of terms (a regular expression alternating thousands
of labels, or one search per term, grows with both).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .labels import fold, is_word_char, label_key, plural
from .model import Term

WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")
# Up to this many different label-starting words in a text, they are found with str.find.
_FEW_CANDIDATES = 32


class Matcher:
    """Finds every term label in a text in one pass: longest match first, left to right."""

    def __init__(self, terms: Iterable[Term]):
        exact: dict[str, str] = {}   # abbreviations: with their case
        folded: dict[str, str] = {}  # names and aliases: case-folded
        derived: list[tuple[dict[str, str], str, str]] = []
        for term in terms:
            if not term.auto_link:  # found only by its [[id]] links
                continue
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
            if WORD.fullmatch(folded_key):  # one word, as most labels
                self._prefixes.add(folded_key)
                self._first_words.add(folded_key)
                self.max_words = max(self.max_words, 1)
                continue
            ends = [m.end() for m in WORD.finditer(folded_key)]
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
        candidates = self._first_words.intersection(spaced.split() if spaced else WORD.findall(folded))
        if not candidates:
            return []
        if len(candidates) <= _FEW_CANDIDATES:
            starts = _whole_word_starts(folded, spaced, candidates)
        else:  # each search reads the whole text: past a few words, one pass over all is faster
            starts = [(m.start(), m.group()) for m in WORD.finditer(folded) if m.group() in candidates]
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
            following = WORD.search(folded, end)
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
_ASCII_NOTWORD_TO_SPACE = str.maketrans({chr(c): " " for c in range(128) if not is_word_char(chr(c))})


def _spaced(folded: str) -> str | None:
    """For ASCII text (a flag of the string, not a scan): the text with each character that
    is not a word character as a space, and a space added at either end. Its words are what
    str.split() gives, and " word " occurs in it exactly where the word does as a whole
    word; both many times faster than a regular expression. None for other text."""
    return f" {folded.translate(_ASCII_NOTWORD_TO_SPACE)} " if folded.isascii() else None


def words(folded: str) -> list[str]:
    """The words of a text, as ``WORD`` finds them."""
    spaced = _spaced(folded)
    return spaced.split() if spaced else WORD.findall(folded)


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
                if (start == 0 or not is_word_char(folded[start - 1])) and (
                        end == size or not is_word_char(folded[end])):
                    starts.append((start, word))
                start = folded.find(word, end)
    starts.sort()
    return starts

