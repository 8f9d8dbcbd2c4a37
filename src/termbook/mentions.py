"""The mention scan of ``termbook check``: which terms the glossary's texts mention at all.

It estimates, from the Markdown source, what the build's linker (:mod:`termbook.linking`)
finds on the converted pages, with the same :class:`~termbook.matcher.Matcher`: explicit
links, and names in what is left once code, headings, HTML and links are out.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable

from .labels import fold, is_word_char
from .markup import linked_ids, mask_code, mask_non_prose
from .matcher import WORD, Matcher, words
from .model import Glossary


class _Unconfirmed:
    """For :func:`mentions_in`: the terms not yet known to be mentioned, and their labels."""

    def __init__(self, matcher: Matcher, mentioned: set[str]):
        # The labels of those terms as the matcher compares them (case-folded, each run of
        # white space one space), by first word; and the first words of each term's labels.
        self.labels: dict[str, list[tuple[str, str]]] = {}
        self.first_words: dict[str, set[str]] = {}
        for key, term_id in matcher.labels():
            if term_id not in mentioned:
                first_word = WORD.search(key)
                assert first_word is not None  # a label starts and ends with a word (label_key)
                word = key[:first_word.end()]
                self.labels.setdefault(word, []).append((key, term_id))
                self.first_words.setdefault(term_id, set()).add(word)

    def labels_in(self, folded: str, own_id: str | None) -> list[str]:
        """The labels of other unconfirmed terms whose first word is in the (folded) text."""
        return [key for word in self.labels.keys() & words(folded)
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
    breaks = "".join(ch for ch in string.punctuation if ch not in in_labels and not is_word_char(ch))
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
        mentioned.update(term_id for term_id in linked_ids(masked) if term_id != own_id)
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


def mentioned_terms(glossary: Glossary, pages: Iterable[str]) -> set[str]:
    """The ids of the terms mentioned anywhere: in another term's entry, in an article, or in
    one of ``pages`` (hand-written Markdown)."""
    texts: list[tuple[str, str | None]] = []
    for term in glossary.terms.values():
        reasons = "\n\n".join(r.reason for r in term.ratings)
        texts.append((f"{term.short}\n\n{term.definition}\n\n{reasons}", term.id))
    for article in glossary.articles.values():
        parts = [article.summary] + [text for claim in article.claims
                                     for text in (claim.claim, claim.quote, claim.context_note) if text]
        texts.append(("\n\n".join(parts), None))
    texts += [(text, None) for text in pages]
    return mentions_in(texts, Matcher(glossary.terms.values()))
