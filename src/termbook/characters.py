"""Text that hides: characters a field may not hold, whatever the field, and how two labels
can look the same.

Every string of every file (entries, articles, ``termbook.yml``) is checked after YAML has
decoded it, so an escape in an ASCII file (``"\\u202E"``, ``"\\e"``) is judged by the
character it stands for. A string is refused when it holds

- a control character (newline and tab only in Markdown fields, which the schemas mark with
  ``contentMediaType: text/markdown``), a line or paragraph separator, or half a surrogate pair;
- a bidirectional control (``Bidi_Control``: U+202A–202E, U+2066–2069, U+200E/F, U+061C),
  which makes text display in another order than it is stored ("Trojan Source");
- any other ``Default_Ignorable_Code_Point`` (U+200B, U+FEFF, U+034F, U+3164, variation
  selectors, tag characters U+E0000–E007F ...): characters a reader never sees. ZERO WIDTH
  JOINER and NON-JOINER are the exception where the rules IDNA gives domain names allow them
  (RFC 5892, appendix A.1–A.2): after a virama, and ZWNJ between letters that join, where
  Persian, Arabic and the Indic scripts need them to spell words;
- text not in Unicode normal form C. It is refused rather than normalised, so that the file,
  the pages, the search index and the data exports all hold the same characters, and a
  contributor sees in the diff what the site will show.

The character properties come from ICU (through PyICU), which carries the Unicode Character
Database and implements Unicode Technical Standard #39: :func:`skeleton` is its confusable
skeleton, used to refuse labels that look like another entry's (``Llаma`` with a Cyrillic
``а`` beside ``Llama``). ICU is loaded only for text that is not ASCII.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

# In ASCII text only these can hide; tab and newline are looked at separately.
_ASCII_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_ZWNJ, _ZWJ = "\u200c", "\u200d"
_VIRAMA = 9  # the canonical combining class of viramas
# ICU's UJoiningType values (uchar.h): the joining types RFC 5892 names.
_DUAL, _LEFT, _RIGHT, _TRANSPARENT = 2, 3, 4, 5


@dataclasses.dataclass(frozen=True)
class Hidden:
    """What is wrong with a text, where (``offset``), and how to fix it."""

    offset: int
    rule: str
    message: str
    hint: str


@functools.cache
def _icu() -> Any:
    import icu  # loaded when first needed: a check of an ASCII glossary never needs it

    return icu


@functools.cache
def _refused() -> re.Pattern[str]:
    """Every character no field may hold, tab and newline aside: controls, separators,
    surrogates, bidirectional controls and default-ignorables, from ICU's Unicode data."""
    icu = _icu()
    refused = icu.UnicodeSet("[[:Cc:][:Zl:][:Zp:][:Cs:][:Bidi_Control:][:Default_Ignorable_Code_Point:]-[\\t\\n]]")
    # By index: ranges() hands surrogates over as U+FFFD.
    return re.compile("[" + "".join(
        f"\\U{ord(refused.getRangeStart(i)):08x}-\\U{ord(refused.getRangeEnd(i)):08x}"
        for i in range(refused.getRangeCount())) + "]")


def hidden(text: str, *, block: bool) -> Hidden | None:
    """The first thing in ``text`` that hides, or None. ``block``: a Markdown field, where
    newlines and tabs belong."""
    if text.isascii():  # then only an ASCII control can hide, and the text is in NFC
        if match := _ASCII_CONTROL.search(text):
            return _refusal(text, match.start())
    else:
        for match in _refused().finditer(text):
            if not _joiner_allowed(text, match.start()):
                return _refusal(text, match.start())
    if not block and (breaks := [i for i in (text.find("\n"), text.find("\t")) if i >= 0]):
        return _refusal(text, min(breaks))
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        return _not_composed(text)
    return None


def _refusal(text: str, offset: int) -> Hidden:
    ch = text[offset]
    code = ord(ch)
    if ch == "\n":
        return Hidden(offset, "control-character", "contains a line break (U+000A); this field is "
                      "one line", "join the lines (a quoted or '>-' folded value keeps no break)")
    if ch == "\t":
        return Hidden(offset, "control-character", "contains a tab (U+0009)", "use a space")
    icu = _icu()
    if icu.Char.hasBinaryProperty(code, icu.UProperty.BIDI_CONTROL):
        return Hidden(offset, "bidi-control",
                      f"contains {describe(ch)}, a bidirectional control: it makes text display "
                      "in another order than it is stored", "delete it")
    if unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Cs"):
        what = {"Cs": "half of a surrogate pair, which is not a character",
                "Zl": "a line separator", "Zp": "a paragraph separator"}.get(
                    unicodedata.category(ch), "a control character")
        return Hidden(offset, "control-character", f"contains {describe(ch)}, {what}",
                      "delete it" + (" (an escape such as \\e or \\x1b in a quoted value "
                                     "writes one)" if code < 0x100 else ""))
    return Hidden(offset, "invisible-character",
                  f"contains {describe(ch)}, which is not displayed: the text looks the same with "
                  "or without it", "delete it")


def printable(text: str) -> str:
    """``text`` safe to write to a terminal or a log: every character that is not printable
    (controls such as ESC, bidirectional controls, line separators ...) or not displayed
    (default-ignorables) written as its Python escape (``\\x1b``, ``\\u202e``), so no value
    can move the cursor, repaint a line or hide in what termbook prints."""
    if text.isascii() and text.isprintable():
        return text
    if text.isascii():
        return "".join(ch if ch.isprintable() else _escaped(ch) for ch in text)
    hides = _refused()
    return "".join(_escaped(ch) if not ch.isprintable() or hides.match(ch) else ch for ch in text)


def _escaped(ch: str) -> str:
    return ch.encode("unicode_escape").decode("ascii")


def describe(ch: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: a character by its code point and name."""
    name = unicodedata.name(ch, "") or (_icu().Char.charName(ord(ch)) if not ch.isascii() else "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


def _joiner_allowed(text: str, offset: int) -> bool:
    """Whether the ZWJ or ZWNJ at ``offset`` is one IDNA's CONTEXTJ rules allow (RFC 5892,
    A.1 and A.2): after a virama, or (ZWNJ only) between a letter joining to the right and
    one joining to the left, with only transparent marks between."""
    ch = text[offset]
    if ch not in (_ZWNJ, _ZWJ):
        return False
    if offset and unicodedata.combining(text[offset - 1]) == _VIRAMA:
        return True
    if ch == _ZWJ:
        return False
    icu = _icu()

    def joining(index: int) -> int:
        kind: int = icu.Char.getIntPropertyValue(ord(text[index]), icu.UProperty.JOINING_TYPE)
        return kind

    before = offset - 1
    while before >= 0 and joining(before) == _TRANSPARENT:
        before -= 1
    after = offset + 1
    while after < len(text) and joining(after) == _TRANSPARENT:
        after += 1
    return (before >= 0 and after < len(text) and joining(before) in (_DUAL, _LEFT)
            and joining(after) in (_DUAL, _RIGHT))


def _not_composed(text: str) -> Hidden:
    """The first place where ``text`` differs from its NFC form, shown both ways."""
    composed = unicodedata.normalize("NFC", text)
    first = next(i for i, (a, b) in enumerate(zip(text, composed + "\0", strict=False)) if a != b)
    start = first - 1 if first and unicodedata.combining(text[first]) else first
    end = first + 1
    while end < len(text) and (unicodedata.combining(text[end])
                               or unicodedata.normalize("NFC", text[start:end]) == text[start:end]):
        end += 1
    written = text[start:end]
    should = unicodedata.normalize("NFC", written)
    return Hidden(start, "not-nfc",
                  f"is not in Unicode normal form C: '{written}' is written as "
                  f"{' + '.join(describe(c) for c in written)}, which "
                  f"{'looks the same as' if len(should) == 1 else 'is normally'} "
                  f"{' + '.join(describe(c) for c in should)}",
                  "retype it, or convert the file to NFC (e.g. uconv -x any-nfc, or your editor's "
                  "'normalize' command)")


def strings_to_check(data: Any) -> Iterator[tuple[tuple[Any, ...], str, bool]]:
    """Every string in ``data`` (keys too) that :func:`hidden` needs to look at, with its
    location and whether it is a key: all but printable ASCII, which can hide nothing (most
    strings of most files). Walked without recursion, and a location is made only for a
    string it yields."""
    pending: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    while pending:
        location, value = pending.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and not (key.isascii() and key.isprintable()):
                    yield location + (key,), key, True
                if isinstance(item, str):
                    if not (item.isascii() and item.isprintable()):
                        yield location + (key,), item, False
                elif isinstance(item, (dict, list)):
                    pending.append((location + (key,), item))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, str):
                    if not (item.isascii() and item.isprintable()):
                        yield location + (index,), item, False
                elif isinstance(item, (dict, list)):
                    pending.append((location + (index,), item))
        elif isinstance(value, str) and not (value.isascii() and value.isprintable()):
            yield location, value, False


@functools.cache
def skeleton(label: str) -> str:
    """The confusable skeleton of ``label`` (Unicode Technical Standard #39, section 4):
    two labels that look alike have the same skeleton ("Llаma" with a Cyrillic "а", and
    "Llama", are both "Llarna"); default-ignorable characters are dropped. The label is first
    put in normal form KC, as identifier profiles require, so that compatibility forms
    (fullwidth "Ｌｌａｍａ", mathematical "𝐋𝐥𝐚𝐦𝐚") fold onto the letters they stand for."""
    shown_as: str = _spoof_checker().getSkeleton(0, unicodedata.normalize("NFKC", label))
    return shown_as


@functools.cache
def _spoof_checker() -> Any:
    return _icu().SpoofChecker()
