"""Contributor-facing files: workflows only call commands that exist, the pre-commit hook really
runs `casebook validate`, the issue form's choices are the vocabularies', the nav has the
Contribute section."""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from casebook.cli import _parser
from casebook.vocabulary import load_vocabularies
from conftest import REPO, make_project

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
# Installers, and GitHub's CLI (preinstalled on its runners); everything else must be ours or
# importable.
ALLOWED_TOOLS = {"pip", "sudo", "uv", "gh"}
_SHELL_SYNTAX = re.compile(r"(if|then|else|fi|done)\b|[A-Za-z_][A-Za-z0-9_]*=")
BAD_CASE = "id: bad-case\ntitle: A case with problems\nplace: {name: X, country: Norway}\n"


def subcommands() -> set[str]:
    actions = _parser()._actions
    return set(next(a for a in actions if isinstance(a, argparse._SubParsersAction)).choices)


def run_lines(workflow: dict) -> list[str]:
    lines = []
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            for line in str(step.get("run", "")).splitlines():
                line = line.split(" #")[0].strip()
                if line and not line.startswith("#"):
                    lines.append(line)
    return lines


def command_problem(line: str, known: set[str]) -> str | None:
    """Why a workflow line would fail because the command does not exist, or None."""
    if _SHELL_SYNTAX.match(line):
        return None  # an assignment or a line of an if-block, not a command
    words = shlex.split(line)
    tool = words[0].rsplit("/bin/", 1)[-1]  # .venv/bin/python is python
    if tool == "casebook":
        return None if words[1] in known else f"no sub-command casebook {words[1]}"
    if tool in ("python", "python3") and words[1] == "-m":
        return None if importlib.util.find_spec(words[2]) else f"no module {words[2]}"
    if tool in ("python", "python3") and words[1].startswith("tools/"):
        return None if (REPO / words[1]).is_file() else f"no script {words[1]}"
    if tool in ("mkdocs", "properdocs"):  # ProperDocs keeps MkDocs' command line
        from mkdocs.__main__ import cli

        return None if words[1] in cli.commands else f"no {tool} {words[1]}"
    return None if tool in ALLOWED_TOOLS else f"unexpected command {tool}"


def casebook_executable() -> str:
    scripts = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    found = shutil.which("casebook", path=scripts)
    assert found, "the casebook console script is not installed (pip install -e .)"
    return found


# ---------------------------------------------------------------- GitHub workflows


def test_there_are_three_workflows():
    assert {p.name for p in WORKFLOWS} == {"pull-request.yml", "pages.yml", "engines.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_parses_and_only_calls_commands_that_exist(path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert workflow["jobs"]
    known = subcommands()
    problems = [
        f"{line}: {why}" for line in run_lines(workflow) if (why := command_problem(line, known))
    ]
    assert problems == []
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            if "uses" in step:
                assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+", step["uses"]), step["uses"]


def test_command_check_catches_a_missing_sub_command():
    assert command_problem("casebook publish", subcommands()) == "no sub-command casebook publish"
    assert command_problem("python -m no_such_tool", set()) == "no module no_such_tool"
    assert command_problem("make site", set()) == "unexpected command make"
    assert command_problem("python tools/no_such.py", set()) == "no script tools/no_such.py"
    assert command_problem("properdocs publish", set()) == "no properdocs publish"


def test_pull_request_workflow_runs_what_a_contributor_runs():
    workflow = yaml.safe_load((REPO / ".github/workflows/pull-request.yml").read_text("utf-8"))
    assert "pull_request" in workflow[True]  # PyYAML reads the key `on` as True
    lines = run_lines(workflow)
    for expected in (
        "pip install -e '.[test]'",
        "python -m playwright install --with-deps chromium",
        "casebook validate --format github",
        "mkdocs build --strict",
        "python -m pytest",
        "casebook bundle",
    ):
        assert expected in lines
    job = workflow["jobs"]["check"]
    assert job["env"]["CI"] == "true"  # browser tests must run, not skip
    step = {s["uses"].split("@")[0]: s for s in job["steps"] if "uses" in s}
    assert step["actions/setup-python"]["with"]["python-version"] == "3.11"
    assert step["actions/upload-artifact"]["with"]["path"] == "dist/*.zip"


def test_pages_workflow_deploys_main():
    workflow = yaml.safe_load((REPO / ".github/workflows/pages.yml").read_text("utf-8"))
    assert workflow[True]["push"]["branches"] == ["main"]
    uses = [s.get("uses", "") for job in workflow["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert workflow["permissions"]["pages"] == "write"


# ---------------------------------------------------------------- pre-commit


def manifest_hook() -> dict:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return next(h for h in hooks if h["id"] == "casebook-validate")


def test_hook_definition_matches_case_study_files_only():
    hook = manifest_hook()
    assert (hook["language"], hook["entry"]) == ("python", "casebook validate")
    files = re.compile(hook["files"])
    assert files.search("case_studies/oslo-salto.yml") and files.search("case_studies/x.yaml")
    assert not files.search("schema/case-study.schema.json")
    assert not files.search("tests/examples/invalid/x.yml")


def test_hook_entry_fails_on_a_bad_file_and_passes_a_good_one(tmp_path):
    root = make_project(tmp_path / "project", cases={"bad-case.yml": BAD_CASE})
    command = [casebook_executable(), *shlex.split(manifest_hook()["entry"])[1:]]
    bad = subprocess.run(
        [*command, "case_studies/bad-case.yml"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 1, bad.stderr
    assert "case_studies/bad-case.yml:3:" in bad.stdout and "$.place.country" in bad.stdout
    good = subprocess.run(
        [*command, "case_studies/riverton-listening.yml"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert good.returncode == 0, good.stdout


def test_repository_pre_commit_config_pins_real_releases():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    repos = {r["repo"]: r for r in config["repos"]}
    local = repos["local"]["hooks"][0]
    assert local["entry"] == manifest_hook()["entry"] and local["files"] == manifest_hook()["files"]
    ruff = repos["https://github.com/astral-sh/ruff-pre-commit"]
    assert re.fullmatch(r"v\d+\.\d+\.\d+", ruff["rev"])
    schema = repos["https://github.com/python-jsonschema/check-jsonschema"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", schema["rev"])
    metaschema = next(h for h in schema["hooks"] if h["id"] == "check-metaschema")
    assert re.search(metaschema["files"], "schema/case-study.schema.json")


# ---------------------------------------------------------------- issue form, templates, nav


def test_issue_form_dropdowns_are_the_vocabularies():
    form = yaml.safe_load(
        (REPO / ".github/ISSUE_TEMPLATE/propose-case-study.yml").read_text(encoding="utf-8")
    )
    vocabularies = load_vocabularies(REPO / "schema" / "vocabularies")
    dropdowns = {item["id"]: item for item in form["body"] if item["type"] == "dropdown"}
    assert {"phases", "evidence_levels", "regions"} <= dropdowns.keys()
    for name, dropdown in dropdowns.items():
        expected = [f"{t.label} ({t.key})" for t in vocabularies[name]]
        assert dropdown["attributes"]["options"] == expected, name
    ids = {item.get("id") for item in form["body"]}
    assert {"title", "place", "country", "actions", "who", "when", "outcomes", "sources"} <= ids


def test_pull_request_template_has_the_acceptance_checklist():
    text = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] \*\*(.+?)\*\*", text, flags=re.M)
    for criterion in (
        "Real and sourced",
        "Specific",
        "Honest about outcomes and evidence",
        "Do-no-harm considered",
        "No personal data about private people",
    ):
        assert criterion in boxes


def test_nav_has_the_contribute_section():
    nav = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    contribute = next(
        item["Contribute"] for item in nav if isinstance(item, dict) and "Contribute" in item
    )
    assert contribute == [
        "contribute/index.md",
        {"Propose a case study": "contribute/propose.md"},
        {"Schema reference": "contribute/schema.md"},
        {"Translations": "contribute/translations.md"},  # generated: casebook.pages.translations
    ]
    assert (REPO / "content" / "contribute" / "index.md").is_file()


def test_licences():
    assert "MIT License" in (REPO / "LICENSE").read_text(encoding="utf-8")
    content = (REPO / "LICENSE-CONTENT.md").read_text(encoding="utf-8")
    assert "https://creativecommons.org/licenses/by/4.0/" in content
