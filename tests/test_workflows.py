"""The repository's GitHub files, checked offline: the workflows against GitHub's schema
(check-jsonschema's vendored copy) and zizmor's security audits, the issue form against
GitHub's issue-forms schema, and what the workflows run against the README's commands.

Each tool is also run on a known-bad file, so that a test which parses its output can fail.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT
from .sample_glossary import SITE_TAXONOMY

GITHUB = ROOT / ".github"
CI = GITHUB / "workflows" / "ci.yml"
PAGES = GITHUB / "workflows" / "pages.yml"
WORKFLOWS = [CI, PAGES]
ISSUE_FORM = GITHUB / "ISSUE_TEMPLATE" / "propose-a-term.yml"
ZIZMOR = Path(sys.executable).with_name("zizmor")


def check_jsonschema(builtin: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", builtin,
                           *map(str, files)], capture_output=True, text=True)


def zizmor(*inputs: Path) -> list[dict]:
    """zizmor's findings on ``inputs``, offline, from its JSON output."""
    result = subprocess.run([str(ZIZMOR), "--offline", "--format", "json", "--no-exit-codes",
                             *map(str, inputs)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def severities(findings: list[dict]) -> dict[str, str]:
    """Each finding's audit id and severity ("High", "Medium", ...)."""
    def where(finding: dict) -> str:
        return finding["locations"][0]["symbolic"]["key"].get("Local", {}).get("verbatim_path", "")

    return {f"{f['ident']} in {where(f)}": f["determinations"]["severity"] for f in findings}


def load(path: Path) -> dict:
    # PyYAML reads the key "on" as True (YAML 1.1); GitHub reads it as "on".
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {("on" if key is True else key): value for key, value in data.items()}


# --- the tools ------------------------------------------------------------------------------

@pytest.mark.parametrize("builtin, files", [
    ("vendor.github-workflows", WORKFLOWS),
    ("custom.github-workflows-require-timeout", WORKFLOWS),  # no job may run for six hours
    ("vendor.github-issue-forms", [ISSUE_FORM]),
    ("vendor.dependabot", [GITHUB / "dependabot.yml"]),
])
def test_files_match_githubs_schemas(builtin, files):
    result = check_jsonschema(builtin, *files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_rejects_a_broken_workflow(tmp_path: Path):
    broken = tmp_path / "broken.yml"
    broken.write_text(CI.read_text().replace("runs-on:", "runs_on:"))
    assert check_jsonschema("vendor.github-workflows", broken).returncode == 1


def test_zizmor_finds_nothing_of_high_severity():
    findings = zizmor(*WORKFLOWS, GITHUB / "dependabot.yml", ROOT / ".pre-commit-config.yaml")
    high = {name: level for name, level in severities(findings).items() if level == "High"}
    assert high == {}, high


def test_zizmor_reports_template_injection_as_high(tmp_path: Path):
    """A control: the same parsing sees a real high-severity finding."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(CI.read_text().replace(
        "run: scripts/test", 'run: echo "${{ github.event.pull_request.title }}"'))
    assert "High" in severities(zizmor(bad)).values()


# --- what the workflows do ------------------------------------------------------------------

def steps(path: Path) -> list[dict]:
    return [step for job in load(path)["jobs"].values() for step in job["steps"]]


PINNED = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_by_commit_with_the_version(path: Path):
    uses = [line for line in path.read_text().splitlines() if "uses:" in line]
    assert uses and all(PINNED.match(line) for line in uses), uses


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege(path: Path):
    workflow = load(path)
    assert workflow["permissions"] == {}  # nothing unless a job asks
    for job in workflow["jobs"].values():
        assert "permissions" in job and "timeout-minutes" in job
    for step in steps(path):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False
        # Expressions are never pasted into a shell script (template injection).
        assert "${{" not in step.get("run", "")


def test_pull_requests_get_the_check_the_strict_build_and_the_tests():
    workflow = load(CI)
    assert set(workflow["on"]) == {"pull_request"}  # never pull_request_target
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert runs == ["scripts/setup --test", ".venv/bin/termbook check", "scripts/build",
                    "scripts/test"]


def test_main_is_built_and_published_to_pages():
    workflow = load(PAGES)
    assert workflow["on"]["push"] == {"branches": ["main"]}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert [s["run"] for s in build["steps"] if "run" in s] == ["scripts/build"]
    upload = build["steps"][-1]
    assert upload["uses"].startswith("actions/upload-pages-artifact@")
    assert upload["with"]["path"] == "site"  # where scripts/build puts the site
    assert deploy["steps"][-1]["uses"].startswith("actions/deploy-pages@")


def test_the_workflows_use_the_readmes_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in WORKFLOWS:
        for step in steps(path):
            command = step.get("run", "").split()
            if command:
                assert command[0] in readme or f"./{command[0]}" in readme, command
                assert (ROOT / command[0]).is_file(), command
    assert "site/" in readme  # scripts/build writes site/, which pages.yml uploads


# --- the contributor-facing templates -------------------------------------------------------

def test_the_issue_form_offers_the_schemas_categories():
    form = yaml.safe_load(ISSUE_FORM.read_text(encoding="utf-8"))
    [dropdown] = [item for item in form["body"] if item.get("id") == "category"]
    assert dropdown["attributes"]["options"] == [
        f"{c.id} ({c.title})" for c in SITE_TAXONOMY.categories] + ["not sure"]


def test_the_pull_request_template_asks_for_the_check_and_a_preview():
    template = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert "- [ ] `.venv/bin/termbook check` prints `ok: no problems found`" in template
    assert "scripts/serve" in template and "CONTRIBUTING.md" in template


def test_pre_commit_config_is_valid():
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config",
                             str(ROOT / ".pre-commit-config.yaml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
