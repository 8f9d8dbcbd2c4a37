"""How search compares what a reader types with the names of terms.

Readers type names in other forms than the glossary's: in the plural ("tokens"), with a space
or none for a hyphen ("pre training", "pretraining"), in British or American spelling
("quantised"), as another form of the word ("distilled"). Each name (term, abbreviation,
alias) is reduced here to its *words*, as typed but lower-cased (for exact and prefix
matches), and to its *stems* (the words in one spelling, without endings, function words
left out), which the name's other forms share, the words one by one and run together
(:func:`label_forms`). Every term page lists its names as its tags, which the search index
holds; in the browser, ``search-names.js`` reduces them and the query by the same
:data:`RULES` (written into it by :func:`script`) and puts the term that the query names
first.

Readers also ask questions ("what are model weights") and compare ("open weights vs open
source"). A comparison is split into the two names it compares, and the stop words of the
site's language (question words, articles: the list ``termbook check`` refuses as aliases)
are left out of a query before it is compared with names (:func:`query_parts`, with the words
of :mod:`termbook.languages`); the script gets the site's language's words only, so a German
site keeps the English "who" and "what". A site names the words its readers type after a
name that name nothing of their own in termbook.yml (``search: {trailing_words: [object]}``
on a site about a software platform, whose readers type "pod object"); the script leaves them
out at the end of a query that names no term as typed, as it does version numbers.

The rules are regular expressions in the part of the syntax Python and JavaScript read
alike; replacements refer to groups as ``$1``. The tests run both over every label and
query and compare.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable

from . import languages

_LETTER = "[a-z0-9]"
#: Rewrites of each word, applied in order, each once where it matches: first British
#: spellings become American ones, then endings go (plural, -ation, -ing, -ed, a final e)
#: and a final double consonant is made single, so "distilled", "distil" and "Distillation"
#: all become "distil", and "quantised", "quantize" and "Quantization" all "quantiz". A rule
#: leaves at least two or three letters, so short words and abbreviations stay as they are.
#: Merging two words that differ is harmless unless two terms' names then merge, which the
#: tests check for.
RULES: tuple[tuple[str, str], ...] = (
    # licence, defence, offence
    ("(licen|defen|offen)c", "$1s"),
    # -ise, -isation, -iser (organise, quantisation); -yse (analyse)
    (f"(?<={_LETTER}{{3}})is(e|ed|es|ing|er|ers|ation|ations)$", "iz$1"),
    (f"(?<={_LETTER}{{2}})ys(e|ed|es|ing|er|ers)$", "yz$1"),
    # -our (behaviour, colour), -tre (centre), -ogue (catalogue), -gramme
    (f"(?<={_LETTER}{{3}})our(s|ed|ing|al|ite|ites|able|ful)?$", "or$1"),
    (f"(?<={_LETTER}{{3}})tre(s?)$", "ter$1"),
    (f"(?<={_LETTER}{{3}})ogue(s?)$", "og$1"),
    ("gramme(s?)$", "gram$1"),
    # endings: a plural s (but not that of "-ss" or "-us"), then -ation, -ing, -ed; "-ies"
    # becomes y; "-es" loses its s here and its e below.
    (f"(?<={_LETTER}{{2}})ies$", "y"),
    (f"(?<={_LETTER}[^su])s$", ""),
    (f"(?<={_LETTER}{{3}})(ation|ing|ed)$", ""),
    (f"(?<={_LETTER}{{2}}[^e])e$", ""),
    (f"(?<={_LETTER}{{2}})([bdfglmnprstz])\\1$", "$1"),
)
#: Words left out of stems: "Allen Institute for AI" is also "Allen Institute AI".
STOP_WORDS = ("a", "an", "and", "for", "in", "of", "on", "the", "to", "with")

_COMPILED = tuple((re.compile(pattern), re.sub(r"\$(\d)", r"\\g<\1>", replacement))
                  for pattern, replacement in RULES)
_WORD = re.compile(r"[^\W_]+")


def _bare(text: str) -> str:
    """``text`` lower-cased, accents removed."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").lower()


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, accents removed: runs of letters and digits."""
    return _WORD.findall(_bare(text))


def is_word(text: str) -> bool:
    """Whether ``text`` is one word (see :func:`words`) and nothing else."""
    return _WORD.fullmatch(_bare(text)) is not None


@functools.cache
def stem(word: str) -> str:
    """One word in the form its other spellings and endings share."""
    for pattern, replacement in _COMPILED:
        word = pattern.sub(replacement, word, count=1)  # as JavaScript's replace does
    return word


def label_forms(label: str) -> tuple[str, str, str]:
    """A name's words and the stems of its words, each joined by spaces, and the stem of its
    words run together. The last is for names written as one word or as several: the stems
    of "fine" and "tuning" do not make the stem of "finetuning", but "fine tuning" run
    together does. An ending is no word of its own: where the rewrites would take the whole
    last word ("llama 4 s", typed on the way to "Llama 4 Scout", is no plural of "Llama 4"),
    the words run together stay as they are."""
    found = words(label)
    joined = "".join(found)
    compound = stem(joined)
    if found and len(compound) <= len(joined) - len(found[-1]):
        compound = joined
    return (" ".join(found), " ".join(stem(w) for w in found if w not in STOP_WORDS), compound)


@functools.cache
def filler(language: str) -> frozenset[str]:
    """The words search leaves out of a query in ``language`` (a tag: "en", "en-GB"): its stop
    words (:mod:`termbook.languages`), as :func:`words` gives them. None for a language
    termbook has no words for, whose queries are compared whole."""
    return frozenset(found for word in languages.words(language, "stop_words") for found in words(word))


def query_parts(text: str, language: str) -> tuple[str, ...]:
    """What a query asks about, as words (see :func:`words`) joined by spaces: the two names
    it compares (by the first of the language's ``comparisons`` that matches), or the query,
    each without its :func:`filler` words (unless that is all it has)."""
    found = " ".join(words(text))
    sides: tuple[str, ...] = (found,)
    for pattern in languages.patterns(language, "comparisons"):
        if match := re.search(pattern, found):
            sides = match.groups()
            break
    return tuple(" ".join([w for w in side.split() if w not in filler(language)] or side.split())
                 for side in sides)


def script(template: str, language: str, trailing_words: Iterable[str] = ()) -> str:
    """``search-names.js`` with the rules written in where it says ``/*RULES*/null``: the
    rewrites and the words left out of stems, the same for every site, the filler words and
    comparisons of the site's ``language``, and the words the site's readers type after a
    name (``trailing_words``, from termbook.yml's ``search`` section), as :func:`words` gives
    them; the script compares their stems with a query's last words."""
    rules = {"rewrites": RULES, "stopWords": STOP_WORDS, "filler": sorted(filler(language)),
             "comparisons": languages.patterns(language, "comparisons"),
             "trailing": sorted({found for word in trailing_words for found in words(word)})}
    return template.replace("/*RULES*/null", json.dumps(rules, separators=(",", ":")), 1)
