"""docs/use-termbook.md, followed step by step as a new user would: its shell commands run in
order in an empty folder, with termbook installed from the wheel into a fresh virtual
environment, and the entry it shows filled in where `termbook new` wrote it. Every command
must succeed, both front ends must build the site, and the built pages load nothing from
another host."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from .conftest import ROOT

PAGE = ROOT / "docs" / "use-termbook.md"
WHEEL_IN_PAGE = "/path/to/dist/termbook-0.1.0-py3-none-any.whl"
ENTRY = "glossary/pull-request.yaml"


def steps(page: str, wheel: Path) -> str:
    """The shell blocks of the page's numbered steps ("## 1. Install it" ...) as one script,
    with the finished entry it shows saved over the one `termbook new` wrote. The sections
    after the steps are reference (their commands name files of the reader's own); previews
    (`serve`) keep running until stopped: both left out."""
    script = ["set -euo pipefail"]
    numbered = [section for section in page.split("\n## ") if re.match(r"\d+\. ", section)]
    assert len(numbered) >= 5
    for language, body in re.findall(r"```(sh|yaml)\n(.*?)```", "\n".join(numbered), re.S):
        if language == "yaml":
            if body.startswith("# yaml-language-server"):
                script.append(f"cat > {ENTRY} <<'ENTRY'\n{body}ENTRY")
            continue
        for line in body.splitlines():
            if line.strip() and " serve" not in line:
                script.append(line.replace(WHEEL_IN_PAGE, str(wheel)))
    return "\n".join(script) + "\n"


def test_the_page_works_step_by_step_from_the_wheel(wheel: Path, tmp_path: Path):
    text = PAGE.read_text(encoding="utf-8")
    assert WHEEL_IN_PAGE in text
    script = steps(text, wheel)
    assert "termbook init" in script and "termbook zensical build" in script
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    # The Python that made this environment, first on the path: the page's `python3`.
    env["PATH"] = f"{Path(sys._base_executable).parent}:{env.get('PATH', '/usr/bin:/bin')}"
    env["NO_MKDOCS_2_WARNING"] = "1"
    result = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=900)
    assert result.returncode == 0, script + result.stdout + result.stderr
    site = tmp_path / "my-glossary"
    assert "ok: no problems found" in result.stderr
    installed = (site.parent / ".venv/bin/python")
    where = subprocess.run([installed, "-c", "import termbook; print(termbook.__file__)"],
                           capture_output=True, text=True, env=env).stdout
    assert "site-packages" in where and str(ROOT) not in where
    # Zensical built the new site; MkDocs built it again with the entry the page adds.
    for built, term, links in ((site / "site-zensical", "term", []),
                               (site / "site", "pull-request", ["term"])):
        page = HTMLParser((built / f"glossary/{term}/index.html").read_text(encoding="utf-8"))
        assert page.css_first("article h1").text().rstrip("¶") in ("Term", "Pull request")
        assert [a.attributes["data-tb"] for a in page.css("article a[data-tb]")] == links
        for node in page.css("script[src], link[rel=stylesheet], img[src]"):
            address = node.attributes.get("src") or node.attributes.get("href") or ""
            assert not re.match(r"(https?:)?//", address), (built, address)
