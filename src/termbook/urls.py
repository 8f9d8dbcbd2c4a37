"""Addresses from entries and ``termbook.yml``: one parser, and one writer for each output.

Every address a contributor types (a source's ``url``, a rating's evidence, an article's
``url``, a link in a Markdown field) is read by :func:`problem` and becomes a :class:`Url`
only when it is an http(s) address that the standard library parses and writes back exactly
as typed, holding none of the characters that end a Markdown link or an HTML attribute
(white space, control characters, quotes, ``<``, ``>``, backslashes). The schemas give every
such field the format :data:`FORMAT`, so the set of address fields is the schemas' to say.

Pages never write an address as it came: :meth:`Url.markdown` writes it as a Markdown link
destination and :meth:`Url.attribute` as an HTML attribute value, each escaping for that
output, so that even an address the parser would have let through cannot end the link or
the attribute it is in.
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse

from .markup import inert_html

#: The JSON Schema format of every address field (``"format": "http-url"``).
FORMAT = "http-url"
SCHEMES = ("http", "https")
#: Characters that may end a link destination or an attribute value, or hide in one.
_REFUSED_PUNCTUATION = frozenset('"\'<>\\`')
#: Text made only of characters that need no closer look: RFC 3986's, less the quote.
_PLAIN = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]*")
#: What :meth:`Url.markdown` leaves as it is in the path, query and fragment: RFC 3986's
#: unreserved and reserved characters and "%", less the quote and the brackets, which are
#: percent-encoded (a Markdown reader might take "[[" for a link of its own).
_SAFE_IN_MARKDOWN = "-._~:/?#@!$&()*+,;=%"


def problem(text: str) -> tuple[str, str] | None:
    """What is wrong with ``text`` as an address, and how to fix it; None when it is a
    well-formed http(s) address."""
    if not _PLAIN.fullmatch(text):  # (most addresses are; a pattern is faster than a loop)
        found = _refused_character(text)
        if found:
            return found
    try:
        parts = urllib.parse.urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as error:
        return f"is not a valid address ({error})", "write a full http:// or https:// address"
    if parts.scheme.lower() not in SCHEMES:
        return "is not an http(s) address", "link to an http:// or https:// address"
    if not parts.hostname:
        return "has no host name", "write a full address, such as https://example.org/page"
    if urllib.parse.urlunsplit(parts) != text:
        return ("does not read back as written (an empty '?' or '#', or a part out of place)",
                f"write it as {urllib.parse.urlunsplit(parts)}")
    return None


def _refused_character(text: str) -> tuple[str, str] | None:
    """The first character of ``text`` that an address may not hold, named, with its fix."""
    for index, character in enumerate(text):
        if (character in _REFUSED_PUNCTUATION or character.isspace()
                or unicodedata.category(character) in ("Cc", "Cf")):
            name = unicodedata.name(character, "").lower() or f"U+{ord(character):04X}"
            encoded = urllib.parse.quote(character, safe="")
            return (f"holds {name} ({character!r}) at character {index + 1}",
                    f"percent-encode it as {encoded}, or remove it")
    return None


class Url(str):
    """An http(s) address that passed :func:`problem`. It is text (data files and JSON hold it
    as typed); pages write it through :meth:`markdown` or :meth:`attribute`."""

    __slots__ = ()

    def __new__(cls, text: str) -> Url:
        found = problem(text)
        if found:
            raise ValueError(f"{text!r} {found[0]}")
        return super().__new__(cls, text)

    def markdown(self) -> str:
        """The address as a Markdown link destination (see :func:`markdown_destination`)."""
        return markdown_destination(self)

    def attribute(self) -> str:
        """The address as the value of a double-quoted HTML attribute, in HTML that may itself
        be read as Markdown (a table written into a page): every character either language
        gives a meaning is a character reference, which a browser reads back as typed."""
        return inert_html(self)


def markdown_destination(address: str) -> str:
    """``address`` (a :class:`Url`, or the relative address of a page) as a Markdown link
    destination, ``[text](<this>)``: in angle brackets, with the path, query and fragment
    percent-encoded but for URL syntax, so that nothing in it can end the link."""
    parts = urllib.parse.urlsplit(address)
    path, query, fragment = (urllib.parse.quote(part, safe=_SAFE_IN_MARKDOWN)
                             for part in (parts.path, parts.query, parts.fragment))
    return "<" + urllib.parse.urlunsplit(parts._replace(
        path=path, query=query, fragment=fragment)) + ">"


def url_or_none(text: str | None) -> Url | None:
    """``text`` as a :class:`Url` (from checked data, where it passed :func:`problem`)."""
    return None if text is None else Url(text)


# --- pinned evidence -----------------------------------------------------------------------

#: A commit: 40 hexadecimal digits. A branch or a tag can be moved to other content after it
#: was cited; a commit cannot.
_COMMIT = re.compile(r"[0-9a-f]{40}")
#: GitHub paths after owner/repository that show the repository's files at a reference.
_GITHUB_AT_REFERENCE = frozenset({"blob", "tree", "raw", "blame", "edit"})
#: GitHub paths after owner/repository that are records, not the repository's files: an
#: issue, a pull request, a commit, a release, a discussion.
_GITHUB_RECORDS = frozenset({"issues", "pull", "commit", "commits", "releases", "discussions",
                             "compare", "security", "wiki", "actions"})
#: First path parts of huggingface.co that are not an owner's name (its papers, blog, docs).
_HUGGING_FACE_PAGES = frozenset({"papers", "blog", "docs", "learn", "posts", "collections",
                                 "organizations", "tasks", "chat", "join", "login", "pricing",
                                 "settings", "search", "models", "enterprise", "changelog"})
#: Hugging Face paths after the repository that show its files at a revision.
_HUGGING_FACE_AT_REVISION = frozenset({"blob", "tree", "resolve", "raw", "commits"})
#: Hugging Face paths after the repository that are records: a discussion, a commit.
_HUGGING_FACE_RECORDS = frozenset({"discussions", "commit"})


def unpinned(address: str) -> str | None:
    """What makes ``address`` move with a branch, when it is a GitHub or Hugging Face address
    of a repository's content that names no commit; None when it names one, or is not such an
    address (an issue, a pull request, a release, a paper page, any other host).

    A tag is not a commit here: it can be moved, and the evidence with it."""
    parts = urllib.parse.urlsplit(address)
    host = (parts.hostname or "").lower()
    path = [part for part in parts.path.split("/") if part]
    if host in ("github.com", "www.github.com"):
        return _unpinned_repository(path, _GITHUB_AT_REFERENCE, _GITHUB_RECORDS, "GitHub")
    if host == "raw.githubusercontent.com":  # owner/repository/reference/path
        if len(path) >= 3 and not _COMMIT.fullmatch(path[2]):
            return f"names '{path[2]}', a branch or tag, not a commit"
        return None
    if host in ("huggingface.co", "www.huggingface.co"):
        if path[:1] in (["datasets"], ["spaces"]):
            path = path[1:]
        elif not path or path[0] in _HUGGING_FACE_PAGES:
            return None
        return _unpinned_repository(path, _HUGGING_FACE_AT_REVISION, _HUGGING_FACE_RECORDS,
                                    "Hugging Face")
    return None


def _unpinned_repository(path: list[str], at_reference: frozenset[str], records: frozenset[str],
                         host: str) -> str | None:
    """:func:`unpinned` for the parts of a path that start with owner/repository."""
    if len(path) < 2:
        return None  # an owner's page: not a repository's content
    if len(path) == 2:
        return f"is a {host} repository's front page, which shows its default branch"
    view = path[2]
    if view in records:
        return None
    if view in at_reference:
        if len(path) < 4:
            return "names no commit"
        if not _COMMIT.fullmatch(path[3]):
            return f"names '{path[3]}', a branch or tag, not a commit"
        return None
    return f"shows the repository's default branch ('{view}' names no commit)"
