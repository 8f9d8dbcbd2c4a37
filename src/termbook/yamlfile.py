"""Read one YAML file into plain data, refusing every YAML feature an entry never needs.

Entries come from pull requests, so the loader treats them as hostile: it accepts UTF-8 text
holding one document whose values are mappings, lists and plain text, and refuses tags,
anchors and aliases (no object construction, no "billion laughs"), duplicate keys, complex
keys, data nested deeper than :data:`MAX_DEPTH`, and files over :data:`MAX_BYTES`. What the
decoded text may hold is :mod:`termbook.characters`' concern.

Every scalar is kept as text (``2026-11-23`` stays a string, ``no`` is not ``False``): the
JSON Schema decides what a value may be, so no YAML type guess can surprise a contributor.

It works on PyYAML's event stream rather than on composed nodes because only events still
carry anchors and explicit tags, and because walking events with the C parser is faster
than PyYAML's own constructor.

Line numbers are needed only to report a problem, and most files have none: a file is first
read without them (:func:`_plain_data`), and its lines are worked out the first time a
finding asks for one (:class:`_LinesOnDemand`). A file that uses any refused feature, or
that is not valid YAML, goes straight to the full reader, which says what and where.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, NoReturn

import yaml

from .findings import Finding, field_name

try:  # libyaml's parser: ten times faster than PyYAML's own, and only the parser, with no
    # constructor to set up for each file, since the events are all this module reads.
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - only where PyYAML was built without libyaml
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]  # the same events

#: Largest file accepted, in bytes. A long definition is about 4 KB; 64 KiB leaves room for
#: any honest entry while keeping a hostile one from costing real memory or time.
MAX_BYTES = 64 * 1024

#: How deeply mappings and lists may nest. The deepest field of any format is six levels down
#: (an article's claims[0].context.sources[0].title); every later stage may then walk the data
#: as it likes, recursion included, without a hostile file choosing how deep it goes.
MAX_DEPTH = 16

Location = tuple[Any, ...]


class YamlRefused(Exception):
    """The file cannot be read as an entry; ``finding`` says why and where."""

    def __init__(self, finding: Finding):
        self.finding = finding
        super().__init__(str(finding))


def read_yaml(path: str | Path, display: str) -> tuple[Any, Mapping[Location, int], list[Finding]]:
    """Load ``path`` (shown to people as ``display``).

    Returns the data, the line (1-based) of every key and item by its location in the data,
    and the findings that did not stop reading (duplicate keys).
    Raises :class:`YamlRefused` when the file cannot be read at all.
    """
    return parse_bytes(read_bytes(path, display), display)


def read_bytes(path: str | Path, display: str) -> bytes:
    """The bytes of ``path``; :class:`YamlRefused` when there are more than :data:`MAX_BYTES`."""
    raw, size = _read_limited(path)
    if size > MAX_BYTES:
        raise YamlRefused(Finding(display, 1, "(file)",
                                  f"file is {size:,} bytes; the limit is {MAX_BYTES:,}",
                                  "shorten the definition or split the term", "file-too-large"))
    return raw


def parse_bytes(raw: bytes, display: str) -> tuple[Any, Mapping[Location, int], list[Finding]]:
    """Parse the bytes of a file; see :func:`read_yaml`."""
    return parse_yaml(_text(raw, display), display)


def lines_of(raw: bytes, display: str) -> Mapping[Location, int]:
    """The lines of a file that parsed cleanly before, worked out only if a finding asks."""
    return _LinesOnDemand(_text(raw, display), display)


def _text(raw: bytes, display: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlRefused(Finding(display, line, "(file)",
                                  f"byte 0x{raw[exc.start]:02x} is not UTF-8 text",
                                  "save the file as UTF-8", "not-utf8")) from None
    return text.removeprefix("\ufeff")


def _read_limited(path: str | Path) -> tuple[bytes, int]:
    """The file's first ``MAX_BYTES + 1`` bytes (all of an acceptable file) and its size.
    Plain system calls: a file object costs more than reading a small entry does, and a
    glossary has thousands of them."""
    fd = os.open(path, os.O_RDONLY)
    try:
        raw = os.read(fd, MAX_BYTES + 1)
        while len(raw) <= MAX_BYTES and (more := os.read(fd, MAX_BYTES + 1 - len(raw))):
            raw += more  # a read may stop short of the end; an empty one is the end
        return raw, (len(raw) if len(raw) <= MAX_BYTES else os.fstat(fd).st_size)
    finally:
        os.close(fd)


def parse_yaml(text: str, display: str) -> tuple[Any, Mapping[Location, int], list[Finding]]:
    """Parse YAML text; see :func:`read_yaml`."""
    plain = _plain_data(text)
    if plain is not None:
        return plain[0], _LinesOnDemand(text, display), []
    return _parse_with_lines(text, display)


def _parse_with_lines(text: str, display: str) -> tuple[Any, dict[Location, int], list[Finding]]:
    """The full reader: data, the line of every location, findings; refusals raised."""
    builder = _Builder(display)
    parser = _Parser(text)
    try:
        # yaml.parse() is this loop inside a generator; without the generator it is faster.
        while parser.check_event():
            builder.feed(parser.get_event())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlRefused(Finding(display, line, "(file)", f"not valid YAML: {exc.problem}",
                                  "check indentation and quoting on this line", "yaml-syntax")) from None
    except yaml.reader.ReaderError as exc:  # libyaml refuses most control characters itself
        line = text[: exc.position].count("\n") + 1
        raise YamlRefused(Finding(display, line, "(file)",
                                  f"contains U+{exc.character:04X}, a character YAML does not "
                                  "allow in a file", "delete it", "control-character")) from None
    finally:
        parser.dispose()
    if builder.documents > 1:
        raise YamlRefused(Finding(display, builder.second_document_line, "(file)",
                                  "more than one YAML document", "remove the '---' separator",
                                  "yaml-multiple-documents"))
    return builder.root, builder.lines, builder.findings


class _LinesOnDemand(Mapping[Location, int]):
    """The lines of a file that :func:`_plain_data` read, worked out on first use."""

    def __init__(self, text: str, display: str):
        self._text, self._display = text, display
        self._lines: dict[Location, int] | None = None

    def _get(self) -> dict[Location, int]:
        if self._lines is None:
            self._lines = _parse_with_lines(self._text, self._display)[1]
            self._text = ""
        return self._lines

    def __getitem__(self, location: Location) -> int:
        return self._get()[location]

    def __iter__(self) -> Iterator[Location]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


class _NotPlain(Exception):
    """The text uses something that :func:`_plain_data` leaves to the full reader."""


def _plain_data(text: str) -> tuple[Any] | None:
    """``(data,)`` when ``text`` is one document of plain mappings, lists and text, with no
    anchor, alias, explicit tag, duplicate, empty or complex key, nested at most
    :data:`MAX_DEPTH` deep:
    what the full reader would return, found without noting lines. None otherwise, and
    when the text is not valid YAML: the full reader then reports the problem.

    Each of the 10,000 entries of a large glossary has ~35 events, so the events are read
    by nested loops (:func:`_plain_node`) that keep their state in local variables.
    """
    parser = _Parser(text)
    get_event = parser.get_event
    try:
        get_event()  # the start of the stream
        if type(get_event()) is not yaml.DocumentStartEvent:
            return (None,)  # an empty file
        root = _plain_node(get_event, get_event(), MAX_DEPTH)
        get_event()  # the end of the document
        if type(get_event()) is not yaml.StreamEndEvent:
            return None  # a second document
    except (_NotPlain, yaml.YAMLError):
        return None
    finally:
        parser.dispose()
    return (root,)


_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent


def _plain_node(get_event: Callable[[], Any], event: Any, depth: int) -> Any:
    """The value that starts with ``event``, reading the events of its contents; it may
    hold ``depth`` levels of mappings and lists (the full reader reports deeper ones)."""
    kind = type(event)
    if kind is _SCALAR:
        return _plain_scalar(event)
    if (kind is _ALIAS or event.anchor is not None or (event.tag is not None and not event.implicit)
            or depth == 0):
        raise _NotPlain
    if kind is yaml.MappingStartEvent:
        mapping: dict[str, Any] = {}
        while type(event := get_event()) is not yaml.MappingEndEvent:
            key = _plain_scalar(event) if type(event) is _SCALAR else None  # None: not a name
            if key is None or key in mapping:
                raise _NotPlain
            event = get_event()
            mapping[key] = (_plain_scalar(event) if type(event) is _SCALAR
                            else _plain_node(get_event, event, depth - 1))
        return mapping
    items: list[Any] = []  # a sequence: the only other event that can start a value
    while type(event := get_event()) is not yaml.SequenceEndEvent:
        items.append(_plain_scalar(event) if type(event) is _SCALAR
                     else _plain_node(get_event, event, depth - 1))
    return items


def _plain_scalar(event: yaml.ScalarEvent) -> str | None:
    """The text of a scalar without anchor or tag; None for a plain empty one."""
    if event.anchor is not None or (event.tag is not None and not any(event.implicit)):
        raise _NotPlain
    # A plain empty value ("aliases:") means "nothing"; see _Builder.add_scalar.
    return None if event.value == "" and not event.style else event.value


class _Frame:
    __slots__ = ("container", "key", "key_line", "location")

    def __init__(self, container: dict[str, Any] | list[Any], location: Location):
        self.container = container
        self.location = location
        self.key: str | None = None  # for mappings: the key waiting for its value
        self.key_line = 0


class _Builder:
    """Turn parser events into dicts, lists and strings, noting each location's line."""

    def __init__(self, display: str):
        self.display = display
        self.root: Any = None
        self.lines: dict[Location, int] = {}
        self.findings: list[Finding] = []
        self.stack: list[_Frame] = []
        self.documents = 0
        self.second_document_line = 1

    def refuse(self, line: int, location: Location, message: str, hint: str,
               rule: str) -> NoReturn:
        raise YamlRefused(Finding(self.display, line, field_name(location), message, hint, rule))

    def feed(self, event: Any) -> None:
        # One call per event of every entry: the most frequent kinds are tested first, and the
        # location of a node is worked out only when a message needs it. Events are Any here,
        # as in _plain_node: the tests are of exact types (`type(event) is`), which a type
        # checker does not narrow through `kind`, and the parser sets every mark it reads.
        kind = type(event)
        if kind is yaml.ScalarEvent:
            self.add_scalar(event)
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            self.stack.pop()
        elif kind is yaml.MappingStartEvent:
            self.open(event, {})
        elif kind is yaml.SequenceStartEvent:
            self.open(event, [])
        elif kind is yaml.AliasEvent:
            self.refuse(event.start_mark.line + 1, self.next_location(),
                        f"YAML alias '*{event.anchor}' is not allowed",
                        "write the value out in full", "yaml-alias")
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents == 2:
                self.second_document_line = event.start_mark.line + 1

    def check_node_event(self, event: Any, line: int, explicit_tag: bool) -> None:
        """Refuse anchors and explicit tags on a scalar, mapping or list."""
        if event.anchor is not None:
            self.refuse(line, self.next_location(), f"YAML anchor '&{event.anchor}' is not allowed",
                        "write each value out in full", "yaml-anchor")
        if explicit_tag:
            self.refuse(line, self.next_location(), f"YAML tag '{event.tag}' is not allowed",
                        "remove the tag; every value is read as text", "yaml-tag")

    def next_location(self) -> Location:
        """Where the value that the next event starts will live."""
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            return frame.location + (len(frame.container),)
        return frame.location + (frame.key,) if frame.key is not None else frame.location

    def add_scalar(self, event: Any) -> None:
        line = event.start_mark.line + 1
        explicit_tag = event.tag is not None and not any(event.implicit)
        if event.anchor is not None or explicit_tag:
            self.check_node_event(event, line, explicit_tag)
        value: str | None = event.value
        # A plain empty value ("aliases:") means "nothing"; every other scalar is text.
        # (The C parser gives plain scalars the style "", the Python one None.)
        if value == "" and not event.style:
            value = None
        frame = self.stack[-1] if self.stack else None
        if frame is not None and frame.key is None and type(frame.container) is dict:
            self.set_key(frame, value, line)
            return
        self.place(value, line)

    def set_key(self, frame: _Frame, key: str | None, line: int) -> None:
        if key is None:
            self.refuse(line, frame.location, "empty key", "give every field a name", "yaml-empty-key")
        if key in frame.container:
            first = self.lines.get(frame.location + (key,), line)
            self.findings.append(Finding(
                self.display, line, field_name(frame.location + (key,)),
                f"duplicate key (first given on line {first})",
                "keep one of the two", "yaml-duplicate-key"))
        frame.key = key
        frame.key_line = line

    def open(self, event: Any, container: dict[str, Any] | list[Any]) -> None:
        line = event.start_mark.line + 1
        explicit_tag = event.tag is not None and not event.implicit
        if event.anchor is not None or explicit_tag:
            self.check_node_event(event, line, explicit_tag)
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.container, dict) and frame.key is None:
            self.refuse(line, frame.location, "a key must be plain text, not a list or mapping",
                        "use a simple field name", "yaml-complex-key")
        location = self.next_location()
        if len(self.stack) == MAX_DEPTH:
            self.refuse(line, location, f"lists and mappings nest more than {MAX_DEPTH} levels deep "
                        "here", "no entry needs that many: flatten the data", "yaml-too-deep")
        self.place(container, line)
        self.stack.append(_Frame(container, location))

    def place(self, value: Any, line: int) -> None:
        if not self.stack:
            self.root = value
            self.lines[()] = line
            return
        frame = self.stack[-1]
        container = frame.container
        if isinstance(container, list):
            self.lines[frame.location + (len(container),)] = line
            container.append(value)
        else:
            key = frame.key
            assert key is not None  # a mapping's value comes after its key (set_key)
            location = frame.location + (key,)
            if location not in self.lines:  # a duplicate key keeps the first value
                self.lines[location] = frame.key_line
                container[key] = value
            frame.key = None


def line_of(lines: Mapping[Location, int], location: Location) -> int:
    """The line of ``location``, or of the nearest enclosing place that has one."""
    while location not in lines and location:
        location = location[:-1]
    return lines.get(location, 1)


def text_line(lines: Mapping[Location, int], location: Location, text: str) -> int:
    """The line that the text value ``text`` at ``location`` starts on: a block scalar
    ("definition: |") starts on the line after its key."""
    return line_of(lines, location) + ("\n" in text.rstrip("\n") or text.endswith("\n"))
