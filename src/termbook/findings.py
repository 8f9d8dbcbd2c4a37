"""Problems found in glossary data, reported one line each.

Every check in the engine reports through :class:`Finding` so that the command line,
the MkDocs plugin and the tests print the same thing: ``path:line: field: message``.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterable

from .characters import printable

ERROR = "error"
INFO = "info"


@dataclasses.dataclass(frozen=True, order=True)
class Finding:
    """One problem in one file.

    ``field`` is the place in the file ("sources[0].url"), or ``"(file)"`` when the problem is
    the file as a whole. ``rule`` is a stable machine name for the check that failed, so tools
    and tests can tell findings apart without parsing the message.
    """

    path: str
    line: int
    field: str
    message: str
    hint: str = ""
    rule: str = ""
    severity: str = ERROR

    def __str__(self) -> str:
        """The finding as one line, safe to print: every value in it can come from a
        contributor's file, so characters that would act on a terminal are escaped."""
        text = f"{self.path}:{self.line}: {self.field}: {self.message}"
        return printable(f"{text}; {self.hint}" if self.hint else text)

    def as_dict(self) -> dict[str, object]:
        """The finding's fields for JSON output, escaped as :meth:`__str__` escapes them, for
        a tool that shows them."""
        return {key: printable(value) if isinstance(value, str) else value
                for key, value in dataclasses.asdict(self).items()}


class GlossaryError(Exception):
    """The one exception type the engine raises for bad input: it carries every finding."""

    def __init__(self, findings: Iterable[Finding]):
        self.findings = sorted(findings)
        super().__init__("\n".join(str(f) for f in self.findings))


def errors_in(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == ERROR]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest choice, or "" when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def field_name(location: Iterable[object]) -> str:
    """Turn a path into the data (("sources", 0, "url")) into "sources[0].url"."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"
