"""Sphinx glossaries: the ``.. glossary::`` blocks of reStructuredText files.

A block lists terms, each as one or more lines of names (the first is the term, the others
its aliases) followed by its indented definition. The definition's reStructuredText becomes
Markdown: paragraphs, lists, literal and code blocks, ``code``, emphasis, links, and
``:term:`` references, which become ``[[id|text]]``. A reference is to a term's name in any
case, as Sphinx matches it. What has no Markdown form here (other directives, roles such as
``:ref:`` that point outside the glossary, substitutions, classifiers after a name) is noted;
the text of a role is kept.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .records import Link, Note, Record, SourceRefused, Text, clip, code_span, markdown_text
from .sources import files_in, read_text

_DIRECTIVE = re.compile(r"^(\s*)\.\.\s+glossary::\s*$")
_ANY_DIRECTIVE = re.compile(r"^\.\.\s+([\w:.-]+)::\s*(.*)$")
_OPTION = re.compile(r"^\s*:[\w-]+:")
_CODE_DIRECTIVES = ("code-block", "code", "sourcecode")
#: Directives whose content is text: written as paragraphs.
_TEXT_DIRECTIVES = ("note", "tip", "hint", "important", "warning", "caution", "attention",
                    "danger", "error", "seealso", "versionadded", "versionchanged", "deprecated")
_LIST_ITEM = re.compile(r"^([-*+]|\d+[.)]|#\.)\s+")
_INLINE = re.compile(
    r"(?P<literal>``(?P<literal_text>.+?)``)"
    r"|:(?P<role>[\w:.+-]+):`(?P<role_text>(?:[^`\\]|\\.)+)`"
    r"|`(?P<link_text>[^`<]*?)\s*<(?P<link_target>[^`>]+)>`__?"
    r"|(?P<strong>\*\*(?P<strong_text>.+?)\*\*)"
    r"|(?P<emphasis>(?<![\w*])\*(?P<emphasis_text>[^*\s](?:[^*]*[^*\s])?)\*(?!\w))"
    r"|`(?P<reference>[^`]+)`_(?P<anonymous>_?)"
    r"|`(?P<interpreted>[^`]+)`"
    r"|\|(?P<substitution>[^|\s][^|]*)\|"
    r"|(?P<url>https?://[^\s<>`]+[^\s<>`.,;:!?)\]'\"])"
    r"|\\(?P<escaped>.)")
#: Roles whose text Sphinx shows as code.
_CODE_ROLES = ("code", "literal", "file", "samp", "command", "program", "option", "envvar",
               "kbd", "class", "func", "meth", "attr", "mod", "data", "exc", "obj", "const",
               "type", "var", "member", "macro", "struct", "enum")


def read_sphinx(path: Path, shown: str, *, display: Any) -> tuple[list[Record], list[Note]]:
    """Every term of every ``.. glossary::`` block in the file (or the folder's ``.rst``
    files) ``path``."""
    records: list[Record] = []
    notes: list[Note] = []
    for file in files_in(path, (".rst", ".txt")):
        lines = read_text(file, display(file)).splitlines()
        records += _glossaries(lines, display(file), notes)
    if not records:
        raise SourceRefused(f"{shown}: holds no '.. glossary::' block with terms")
    return records, notes


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _glossaries(lines: list[str], shown: str, notes: list[Note]) -> list[Record]:
    records = []
    index = 0
    while index < len(lines):
        opening = _DIRECTIVE.match(lines[index])
        index += 1
        if not opening:
            continue
        outer = len(opening.group(1))
        block: list[tuple[int, str]] = []
        while index < len(lines) and (not lines[index].strip() or _indent(lines[index]) > outer):
            block.append((index + 1, lines[index].expandtabs(8)))
            index += 1
        records += _terms(block, shown, notes)
    return records


def _terms(block: list[tuple[int, str]], shown: str, notes: list[Note]) -> list[Record]:
    """The terms of one glossary block: (line number, line) pairs."""
    content = [(number, line) for number, line in block if line.strip()]
    if not content:
        return []
    base = _indent(content[0][1])
    records: list[Record] = []
    names: list[tuple[int, str]] = []
    definition: list[tuple[int, str]] = []
    after_blank = True

    def close() -> None:
        if names:
            records.append(_record(names, definition, shown, notes))

    for number, line in block:
        if not line.strip():
            after_blank = True
            if definition:
                definition.append((number, ""))
            continue
        if _indent(line) == base:
            if _OPTION.match(line) and not names:
                continue  # the directive's options (":sorted:")
            if definition or after_blank:
                close()
                names, definition = [], []
            names.append((number, line.strip()))
        elif names:
            definition.append((number, line))
        after_blank = False
    close()
    return records


def _record(names: list[tuple[int, str]], definition: list[tuple[int, str]], shown: str,
            notes: list[Note]) -> Record:
    labels = []
    for number, name in names:
        label, classifier, rest = name.partition(" : ")
        if classifier:
            notes.append(Note(shown, str(number), "term", f"the index entry '{rest}' after "
                              f"'{label}' is not carried over", "the A–Z index lists every term"))
        labels.append(label.strip())
    record = Record(shown, str(names[0][0]), labels[0], keys=[_key(label) for label in labels],
                    aliases=labels[1:])
    while definition and not definition[-1][1]:
        definition.pop()
    if definition:
        record.lines["definition"] = str(definition[0][0])
        margin = min(_indent(line) for _, line in definition if line)
        converter = _Converter(shown, notes)
        record.definition = converter.blocks([(n, line[margin:]) for n, line in definition])
    return record


def _key(name: str) -> str:
    """How Sphinx matches a term reference to a name: white space as one space, any case."""
    return " ".join(name.split()).lower()


class _Converter:
    """reStructuredText body elements as Markdown, noting what does not carry over."""

    def __init__(self, shown: str, notes: list[Note]) -> None:
        self.shown, self.notes = shown, notes

    def note(self, line: int, message: str, hint: str) -> None:
        self.notes.append(Note(self.shown, str(line), "definition", message, hint))

    def blocks(self, lines: list[tuple[int, str]]) -> Text:
        """Body elements (lines dedented to their block's margin) as Markdown."""
        out: list[str | Link] = []
        index, in_list = 0, False
        while index < len(lines):
            number, line = lines[index]
            if not line:
                index += 1
                continue
            indent = _indent(line)
            directive = _ANY_DIRECTIVE.match(line.strip())
            item = _LIST_ITEM.match(line[indent:])
            separator = "\n" if item and in_list else "\n\n"
            in_list = bool(item)
            if directive or line.lstrip().startswith(".."):
                body, index = self._indented(lines, index + 1, indent)
                if directive:
                    converted = self._directive(number, directive.group(1), directive.group(2), body)
                else:
                    self.note(number, f"the comment '{clip(line)}' is left out", "comments are not shown")
                    converted = []
                out += [separator, *converted] if converted else []
                continue
            if item:
                start = indent + item.end()
                bullet = item.group(1)  # Markdown numbers items "1.", never "1)" or "#."
                marker = "-" if bullet in "-*+" else "1." if bullet == "#." else bullet[:-1] + "."
                text = [line[start:]]
                index += 1
                while index < len(lines) and lines[index][1] and _indent(lines[index][1]) >= start:
                    text.append(lines[index][1].strip())
                    index += 1
                body, index = self._indented(lines, index, start - 1)
                out += [separator, marker + " ", *self.inline("\n".join(text), number)]
                out += ["\n\n", *self._nested(body)] if body else []
                continue
            paragraph = [line.strip()]
            index += 1
            while (index < len(lines) and lines[index][1] and _indent(lines[index][1]) == indent
                   and not _LIST_ITEM.match(lines[index][1][indent:])
                   and not lines[index][1].lstrip().startswith("..")):
                paragraph.append(lines[index][1].strip())
                index += 1
            body, index = self._indented(lines, index, indent)
            written = "\n".join(paragraph)
            literal = written.endswith("::")
            if literal:
                written = written[:-2].rstrip()
                written = written + ":" if written else ""
            out += [separator, *self.inline(written, number)] if written else []
            if body and literal:
                out += ["\n\n", _fence(self._dedent(body), "")]
            elif body:  # an indented block after a paragraph: its paragraphs, as they are
                out += ["\n\n", *self.blocks(self._dedent(body))]
        while out and out[0] in ("\n", "\n\n"):
            out.pop(0)
        return tuple(part for part in out if part != "")

    def _indented(self, lines: list[tuple[int, str]], index: int, indent: int
                  ) -> tuple[list[tuple[int, str]], int]:
        """The lines from ``index`` on that are blank or indented more than ``indent``."""
        found = []
        while index < len(lines) and (not lines[index][1] or _indent(lines[index][1]) > indent):
            found.append(lines[index])
            index += 1
        while found and not found[-1][1]:
            found.pop()
            index -= 1
        return found, index

    def _dedent(self, lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
        margin = min((_indent(line) for _, line in lines if line), default=0)
        return [(n, line[margin:]) for n, line in lines]

    def _nested(self, lines: list[tuple[int, str]]) -> list[str | Link]:
        """A list item's further lines, indented under it in Markdown too."""
        nested = self.blocks(self._dedent(lines))
        text: list[str | Link] = []
        for part in nested:
            text.append(part.replace("\n", "\n    ") if isinstance(part, str) else part)
        return ["    ", *text]

    def _directive(self, number: int, name: str, argument: str,
                   body: list[tuple[int, str]]) -> list[str | Link]:
        content = [(n, line) for n, line in self._dedent(body) if not _OPTION.match(line)]
        if name in _CODE_DIRECTIVES:
            return [_fence(self._dedent(content), argument.strip())]
        if name in _TEXT_DIRECTIVES:
            self.note(number, f"the '{name}' directive is written as plain paragraphs",
                      "mark it as you like by hand")
            return list(self.blocks(self._dedent([(number, argument)] + content if argument else content)))
        self.note(number, f"the '{name}' directive is left out", "entries hold Markdown only; "
                  "add its content by hand")
        return []

    def inline(self, text: str, line: int) -> list[str | Link]:
        """One paragraph's inline markup as Markdown."""
        out: list[str | Link] = []
        end = 0
        for match in _INLINE.finditer(text):
            out.append(markdown_text(text[end:match.start()]))
            end = match.end()
            here = line + text[:match.start()].count("\n")
            groups = match.groupdict()
            if groups["literal"]:
                out.append(code_span(groups["literal_text"]))
            elif groups["role"]:
                out += self._role(groups["role"], groups["role_text"], here)
            elif groups["link_target"]:
                target, label = groups["link_target"].strip(), groups["link_text"].strip()
                out.append(f"[{markdown_text(label or target)}]({target})"
                           if target.startswith(("http://", "https://")) else
                           self._lost(here, f"the link to '{target}'", label or target))
            elif groups["strong"]:
                out.append(f"**{markdown_text(groups['strong_text'])}**")
            elif groups["emphasis"]:
                out.append(f"*{markdown_text(groups['emphasis_text'])}*")
            elif groups["reference"]:
                out.append(self._lost(here, f"the reference '{groups['reference']}'", groups["reference"]))
            elif groups["interpreted"]:
                out.append(f"*{markdown_text(groups['interpreted'])}*")
            elif groups["substitution"]:
                out.append(self._lost(here, f"the substitution '|{groups['substitution']}|'",
                                      groups["substitution"]))
            elif groups["url"]:
                out.append(f"<{groups['url']}>")
            elif groups["escaped"] != " ":  # an escaped space joins markup to a word: nothing
                out.append(markdown_text(groups["escaped"]))
        out.append(markdown_text(text[end:]))
        return [part for part in out if part != ""]

    def _role(self, role: str, content: str, line: int) -> list[str | Link]:
        content = re.sub(r"\\(.)", r"\1", content)
        shown, target = content, content
        explicit = re.fullmatch(r"(.*?)\s*<([^<>]+)>", content, re.DOTALL)
        if explicit:
            shown, target = explicit.group(1) or explicit.group(2), explicit.group(2)
        shown = shown.lstrip("~!")
        name = role.rsplit(":", 1)[-1]
        if name == "term":
            return [Link(_key(target), " ".join(shown.split()))]
        if name in _CODE_ROLES:
            return [code_span(shown)]
        return [self._lost(line, f"the :{role}: role", shown)]

    def _lost(self, line: int, what: str, text: str) -> str:
        self.note(line, f"{what} is not carried over", "its text is kept")
        return markdown_text(text)


def _fence(lines: list[tuple[int, str]], language: str) -> str:
    code = "\n".join(line for _, line in lines).strip("\n")
    longest = max((len(run) for run in re.findall(r"`{3,}", code)), default=2)
    fence = "`" * (longest + 1)
    return f"{fence}{language}\n{code}\n{fence}"
