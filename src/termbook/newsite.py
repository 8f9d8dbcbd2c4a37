"""``termbook init``: a new site that builds at once, with MkDocs and with Zensical.

The files are the package's ``starter/`` folder, with the site's name, today's date and the
schemas' paths filled in, plus ``schemas/`` written as ``termbook schema`` writes it. Nothing
is ever overwritten: the folder must be empty but for a ``.git`` (or not exist), and each file is created with
"x", which fails rather than replace a file that appeared meanwhile.
"""

from __future__ import annotations

import datetime
import re
from importlib import metadata, resources
from pathlib import Path

from . import schema
from .scaffold import schema_ref, write_schemas
from .taxonomy import CONFIG_FILE, SCHEMA_DIR

#: Each file of ``starter/`` and where it goes in the new site.
STARTER_FILES = {
    "mkdocs.yml": "mkdocs.yml",
    "zensical.yml": "zensical.yml",
    "termbook.yml": CONFIG_FILE,
    "docs/index.md": "docs/index.md",
    "glossary/term.yaml": "glossary/term.yaml",
    "gitignore": ".gitignore",
    "requirements.txt": "requirements.txt",
    "pages.yml": ".github/workflows/pages.yml",
}


class NotEmpty(Exception):
    """The folder holds files already; the message names it."""


def new_site(folder: Path, *, name: str | None = None,
             today: datetime.date | None = None) -> list[Path]:
    """Write a new site into ``folder``; return the files written."""
    # A repository just made (git init, or a clone of an empty one) holds only .git, which
    # no file of the site goes into.
    if folder.exists() and (not folder.is_dir() or any(p.name != ".git" for p in folder.iterdir())):
        raise NotEmpty(f"'{folder}' is not an empty folder: termbook init writes a new site "
                       "only where it overwrites nothing (an empty folder, or one that holds "
                       "only a .git); choose a new folder, e.g. `termbook init my-glossary`")
    folder.mkdir(parents=True, exist_ok=True)
    values = {
        "site_name": name or _name_of(folder.resolve()),
        "today": (today or datetime.date.today()).isoformat(),
        "term_schema": schema_ref(folder / "glossary", folder),
        "taxonomy_schema": f"{SCHEMA_DIR}/{schema.TAXONOMY_SCHEMA}",
        "requirement": _requirement(),
    }
    starter = resources.files(__package__).joinpath("starter")
    written = []
    for source, target in STARTER_FILES.items():
        text = starter.joinpath(source).read_text(encoding="utf-8")
        for key, value in values.items():
            text = text.replace("{{" + key + "}}", value)
        path = folder / target
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as out:
            out.write(text)
        written.append(path)
    return written + write_schemas(folder / SCHEMA_DIR, schema.NO_TAXONOMY)


def _name_of(folder: Path) -> str:
    """A site name from its folder's name: "my-glossary" gives "My glossary"."""
    words = " ".join(re.split(r"[-_\s]+", folder.name)).strip() or "Glossary"
    return words[0].upper() + words[1:]


def _requirement() -> str:
    """What the publishing workflow installs: termbook with its MkDocs extra, from where the
    package says its source is (it is not on the Python Package Index)."""
    urls = metadata.metadata("termbook").get_all("Project-URL") or []
    source = next((url.split(",", 1)[1].strip() for url in urls if url.lower().startswith("source")), None)
    return f"termbook[mkdocs] @ git+{source}" if source else "termbook[mkdocs]"
