"""What the read stage remembers between runs: the data of each entry that was read cleanly,
by the digest of its bytes and of the schema it passed.

Reading is most of what a check costs: parsing 10,000 entries with PyYAML's C parser and
validating them takes seconds, and a contributor who edits one entry and checks again
changed one file. A file whose bytes and schema are the ones of a clean read before
(no finding while parsing or validating) gives the same data, so that data is taken from the
cache instead; every other file, and every file with a problem, is read in full, and every
check after reading (references, labels, dates against today) runs on all files each time.

The cache is one JSON file per project in the user's cache folder
(``$TERMBOOK_CACHE_DIR``, else ``$XDG_CACHE_HOME/termbook``, else ``~/.cache/termbook``),
never in the project: a pull request can add any file to a project, and a planted cache
would let an entry skip its schema. JSON holds nothing but data. A cache that cannot be
read, or was written under other rules, is ignored and written again; one that cannot be
written is left out, since it only saves time.

The rules are the code and data that decide what a read accepts: the cache is keyed on a
digest of termbook's own modules and data files (:func:`rules_digest`) and of the versions
of the YAML parser, the schema validators and the Unicode data they use, not on the version
number, so a fix to a rule misses every entry read under the old one, even in a checkout
whose version number has not moved.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

#: Changes when what is stored changes, so that an older file is ignored.
FORMAT = 2
# Made once: json.dumps with options makes a new encoder on every call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def cache_folder() -> Path:
    """Where the caches live: see the module's docstring."""
    if os.environ.get("TERMBOOK_CACHE_DIR"):
        return Path(os.environ["TERMBOOK_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "termbook"


class ReadCache:
    """The clean reads of one project's entries, loaded from and saved to ``path``."""

    def __init__(self, path: Path):
        self.path = path
        self._known: dict[str, dict[str, Any]] = _load(path)
        self._used: dict[str, dict[str, Any]] = {}
        self._changed = False

    @classmethod
    def for_project(cls, root: Path) -> ReadCache:
        """The cache of the project in ``root`` (one file per project folder)."""
        name = hashlib.sha256(str(root.resolve()).encode("utf-8")).hexdigest()[:20]
        return cls(cache_folder() / f"entries-{name}.json")

    def keyer(self, schema: dict[str, Any]) -> Callable[[str], str]:
        """The key of a file read against ``schema``, from the SHA-256 of its bytes (hex):
        a change to either (a new category in termbook.yml, a new rule) misses every entry
        read before it."""
        seeded = hashlib.sha256(json.dumps(schema, sort_keys=True).encode("utf-8"))

        def key(file_digest: str) -> str:
            digest = seeded.copy()
            digest.update(file_digest.encode("ascii"))
            return digest.hexdigest()
        return key

    def get(self, key: str) -> dict[str, Any] | None:
        """The data of a clean read with this key, if there was one."""
        data = self._known.get(key)
        if data is not None:
            self._used[key] = data
        return data

    def put(self, key: str, data: dict[str, Any]) -> None:
        """Remember a clean read. The data is shared, not copied: no stage changes what was
        read (the model copies it into frozen objects)."""
        self._used[key] = data
        self._changed = True

    def save(self) -> None:
        """Write the reads of this run, and only those, when they differ from the file's;
        the next run (in a process that reads again and again) starts from them.

        The file is written an entry at a time: as one string, the cache of a large glossary
        would be held twice, as data and as its text, while the build that saves it runs."""
        unchanged = not self._changed and self._used.keys() == self._known.keys()
        self._known, self._used, self._changed = self._used, {}, False
        if unchanged:
            return
        with contextlib.suppress(OSError):  # no cache, only a slower next run
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".entries-")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    out.write(_ENCODER.encode({"format": FORMAT, "rules": rules_digest()})[:-1])
                    separator = ',"entries":{'
                    for key, data in self._known.items():
                        out.write(f"{separator}{_ENCODER.encode(key)}:{_ENCODER.encode(data)}")
                        separator = ","
                    out.write("}}" if self._known else ',"entries":{}}')
                os.replace(temporary, self.path)
            except OSError:
                os.unlink(temporary)
                raise


@functools.cache
def rules_digest() -> str:
    """A digest of everything that decides whether a file is read cleanly: every module and
    data file of the termbook package (the reader, the schemas, the character rules ...,
    all of them, so none can be left off a list), and the versions of the libraries and the
    Unicode data the rules rely on."""
    import unicodedata

    import icu  # the version of the Unicode data of the character rules

    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes() + b"\0")
    versions = [metadata.version(name) for name in ("PyYAML", "fastjsonschema", "jsonschema")]
    versions += [icu.ICU_VERSION, icu.UNICODE_VERSION, unicodedata.unidata_version]
    digest.update("\0".join(versions).encode("utf-8"))
    return digest.hexdigest()


def _load(path: Path) -> dict[str, dict[str, Any]]:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if (not isinstance(stored, dict) or stored.get("format") != FORMAT
            or stored.get("rules") != rules_digest() or not isinstance(stored.get("entries"), dict)):
        return {}
    return {key: data for key, data in stored["entries"].items() if isinstance(data, dict)}
