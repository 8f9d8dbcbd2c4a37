"""Names: the one rule for when two names, aliases or abbreviations are the same label.

The matcher that links mentions (:mod:`termbook.matcher`), the check that refuses a label
claimed by two entries (:mod:`termbook.check`) and ``termbook new`` all compare labels by
:func:`collision_key`, so an alias the check lets through can always be linked: "Meta
Platforms, Inc." and "Meta Platforms, Inc" are one label.
"""

from __future__ import annotations

import re
from typing import Any

from .characters import describe, skeleton
from .yamlfile import Location

_FIRST_TO_LAST_WORD = re.compile(r"\w(?:.*\w)?", re.DOTALL)


def label_key(label: str) -> str | None:
    """A label as text is searched for it: from its first to its last word character, with
    each run of white space as one space ("Meta Platforms, Inc." -> "Meta Platforms, Inc").
    None for a label with no word character, which can never be found in text."""
    span = _FIRST_TO_LAST_WORD.search(label)
    return " ".join(span.group().split()) if span else None


def fold(text: str) -> str:
    """``text`` case-folded letter by letter, keeping its length (so offsets still hold): a
    letter whose folding is longer ("ß" -> "ss") is kept as it is."""
    folded = text.casefold()
    if len(folded) == len(text):
        return folded
    return "".join(ch if len(ch.casefold()) != 1 else ch.casefold() for ch in text)


def collision_key(label: str) -> str | None:
    """The form in which labels are compared for clashes: :func:`label_key`, case-folded.
    (Abbreviations are matched with their case, but two entries may not claim "MoE" and
    "moe": readers would not tell them apart.)"""
    key = label_key(label)
    return fold(key) if key else None


def look_alike(key: str, other: str) -> bool:
    """Whether two different :func:`collision_key` values look the same to a reader: they
    have the same confusable skeleton (Unicode Technical Standard #39), and one of them is
    more than ASCII. Two ASCII labels are told apart in the diff a reviewer reads, where each
    ASCII character has a shape of its own ("modern" is not "modem", whose skeletons are
    the same); beyond ASCII, the diff can no longer show the difference."""
    return key != other and not (key.isascii() and other.isascii()) and skeleton(key) == skeleton(other)


def differences(label: str, other: str) -> str:
    """The characters beyond ASCII that one of two look-alike labels has and the other lacks,
    named: what a reader cannot see."""
    unseen = sorted({ch for ch in label + other if not ch.isascii()} - (set(label) & set(other)))
    return ("they differ in " + ", ".join(describe(ch) for ch in unseen) if unseen
            else "they look the same")


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


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what \w matches


def term_labels(data: dict[str, Any]) -> list[tuple[Location, str]]:
    """Every name an entry's data claims (its term, abbreviation and aliases), with where
    each is; values of the wrong type (reported by the schema check) are left out."""
    labels: list[tuple[Location, str]] = [(("term",), v) for v in [data.get("term")]
                                          if isinstance(v, str)]
    labels += [(("abbreviation",), v) for v in [data.get("abbreviation")] if isinstance(v, str)]
    aliases = data.get("aliases")
    labels += [(("aliases", i), v) for i, v in enumerate(aliases if isinstance(aliases, list) else [])
               if isinstance(v, str)]
    return labels
