"""The order and the index groups of names in the site's language, by ICU's collation.

Every language sorts and groups names its own way: Spanish lists "ñ" after "n" under a letter
of its own, Swedish puts "å", "ä" and "ö" after "z", Japanese groups kana by the rows of the
syllabary (あ か さ た な …), Chinese sorts characters by their pinyin and groups them under
its Latin letters. ICU's collators and its alphabetic index (CLDR's index characters) know
all of this; a table made by hand would know one language. The A–Z index, the order of the
indexes and of every list of terms follow :class:`Collation`.

What no collation can know is how a name written in kanji is read: ICU sorts kanji by their
codes in a Japanese site and puts them in the index's last group. An entry gives its reading
in ``sort_as`` (差分: さぶん), and is sorted and grouped by it.
"""

from __future__ import annotations

import functools

import icu

#: The label of the group of names that start with no letter of the index (digits, signs,
#: other scripts): the index's anchors call it "other".
OTHER = "other"


class Collation:
    """Sort keys and index groups of one language; made once per language (:meth:`of`)."""

    def __init__(self, language: str):
        locale = icu.Locale.forLanguageTag(language)
        self.language = language
        self._collator = icu.Collator.createInstance(locale)
        own = icu.AlphabeticIndex(locale)
        #: The groups of the language's own script, in order: shown in the index's navigation
        #: whether or not a name falls in them.
        self.letters = tuple(label for label, kind in _buckets(own.buildImmutableIndex()) if kind == 0)
        index = icu.AlphabeticIndex(locale)
        index.addLabels(icu.Locale.getEnglish())  # names in Latin letters, in any language
        self._index = index.buildImmutableIndex()
        self._labels = [label if kind == 0 else OTHER for label, kind in _buckets(self._index)]
        #: Every group but "other", in the index's order.
        self.groups = tuple(dict.fromkeys(label for label in self._labels if label != OTHER))
        self.sort_key = functools.lru_cache(maxsize=None)(self._sort_key)
        self.group = functools.lru_cache(maxsize=None)(self._group)

    @classmethod
    @functools.cache
    def of(cls, language: str) -> Collation:
        return cls(language)

    def _sort_key(self, text: str) -> bytes:
        """The key that sorts ``text`` among names in this language."""
        key: bytes = self._collator.getSortKey(text)  # (PyICU's calls are untyped)
        return key

    def _group(self, text: str) -> str:
        """The index group ``text`` is listed under: a letter (or kana row, or …) of the
        language or of the Latin alphabet, or :data:`OTHER`."""
        bucket: int = self._index.getBucketIndex(text)
        return self._labels[bucket]

    def group_order(self, group: str) -> tuple[int, int]:
        """Where a group comes in the index: the groups in the language's order, "other" last."""
        return (group == OTHER, self._labels.index(group) if group != OTHER else 0)


def _buckets(index: icu.ImmutableIndex) -> list[tuple[str, int]]:
    """(label, kind) of each group of an index, in order; kind 0 is a letter, the others
    gather what comes before, between and after the letters."""
    return [index.getBucket(number) for number in range(index.bucketCount)]
