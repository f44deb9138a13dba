"""Messages a newcomer trips on (issue 14, item 4), each tried as a new user would."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from casebook.loader import load_bytes
from casebook.problems import CasebookError
from casebook.scaffold import TITLE_NEEDED, ask_missing, case_id
from casebook.validate import Schema
from conftest import EXAMPLES, REPO

GOOD = (EXAMPLES / "valid" / "riverton-listening.yml").read_text(encoding="utf-8")
MODELINE = "# yaml-language-server: $schema=../schema/case-study.schema.json"


def casebook(*args: str, cwd: Path, **options) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.run(
        [sys.executable, "-m", "casebook.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        **options,
    )


def project(tmp_path: Path, text: str = GOOD, name: str = "riverton-listening.yml") -> Path:
    root = tmp_path / "project"
    shutil.copytree(REPO / "schema", root / "schema")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "case_studies").mkdir()
    (root / "case_studies" / name).write_text(text, encoding="utf-8")
    return root


def test_uk_gets_did_you_mean_gb(tmp_path):
    root = project(tmp_path, GOOD.replace("country: NO", "country: UK"))
    result = casebook("validate", cwd=root)
    assert result.returncode == 1
    assert (
        "case_studies/riverton-listening.yml:10:12: $.place.country: 'UK' is not an ISO "
        "3166-1 country code; did you mean GB (United Kingdom)?"
    ) in result.stdout


@pytest.mark.parametrize("quote", ['"', "'"])
def test_an_unclosed_quote_is_reported_where_it_opens(quote):
    text = f"id: x\ntitle: {quote}Oslo listens\nsummary: more text\nplace:\n  name: y\n"
    with pytest.raises(CasebookError) as caught:
        load_bytes(text.encode(), "x.yml")
    problem = caught.value.problems[0]
    assert (problem.line, problem.col) == (2, 8)
    assert problem.message.startswith("this quoted text is never closed")


def test_validate_inside_case_studies_finds_the_project(tmp_path):
    root = project(tmp_path)
    result = casebook("validate", "riverton-listening.yml", cwd=root / "case_studies")
    assert result.returncode == 0, result.stderr
    assert "Errno" not in result.stderr + result.stdout
    assert result.stdout.strip() == "1 case study valid"


def test_validate_outside_any_project_says_what_is_missing(tmp_path):
    result = casebook("validate", cwd=tmp_path)
    assert result.returncode == 2
    assert "Errno" not in result.stderr
    assert "no schema/ folder" in result.stderr


def test_piping_into_head_exits_quietly(tmp_path):
    root = project(tmp_path, GOOD.replace("country: NO", "country: UK"))
    for n in range(400):
        shutil.copy(
            root / "case_studies" / "riverton-listening.yml",
            root / "case_studies" / f"copy-{n}.yml",
        )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    pipeline = subprocess.run(
        f"{sys.executable} -m casebook.cli validate | head -n 1",
        shell=True,
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert pipeline.stdout.count("\n") == 1
    assert "Traceback" not in pipeline.stderr and "BrokenPipe" not in pipeline.stderr


def test_export_on_invalid_data_exits_1(tmp_path):
    root = project(tmp_path, GOOD.replace("country: NO", "country: UK"))
    result = casebook("export", "--out", str(tmp_path / "out"), cwd=root)
    assert result.returncode == 1
    assert "did you mean GB" in result.stderr
    assert not (tmp_path / "out" / "casebook.json").exists()


def test_new_without_a_title_explains_before_asking_the_rest():
    schema = Schema.load(REPO / "schema")
    answers = iter(["", "Lyon listens", "", "", "", ""])
    asked, printed = [], []

    def ask(question: str) -> str:
        asked.append(question)
        return next(answers)

    import builtins

    real_print = builtins.print
    builtins.print = lambda *a, **k: printed.append((len(asked), " ".join(map(str, a))))
    try:
        values: dict = {}
        ask_missing(values, schema, ask, need_title=True)
    finally:
        builtins.print = real_print
    assert values["title"] == "Lyon listens"
    assert asked[0].startswith("Title") and asked[1].startswith("Title")
    assert "Enter to skip" not in asked[0]
    assert printed == [(1, TITLE_NEEDED)]  # right after the empty title, before the city


def test_new_without_title_or_id_says_a_title_is_needed():
    with pytest.raises(Exception, match="no title given.*--title"):
        case_id(None, None)


def test_placeholder_in_a_required_field_does_not_suggest_deleting_it(tmp_path):
    text = GOOD.replace("name: Riverton", "name: 'TODO: city'").replace(
        "locator: page 1", "locator: 'TODO: page'"
    )
    root = project(tmp_path, text)
    result = casebook("validate", cwd=root)
    lines = result.stdout.splitlines()
    assert any(
        "$.place.name: placeholder 'TODO: city' is still here; replace it with the "
        "real value (this field is required)" in line
        for line in lines
    )
    assert any(
        "$.sources[0].locator: placeholder 'TODO: page' is still here; replace it with "
        "the real value, or delete the field if it is optional" in line
        for line in lines
    )


def test_contributing_names_the_python_that_pyproject_requires():
    required = re.search(
        r'requires-python = ">=(\d+\.\d+)"', (REPO / "pyproject.toml").read_text(encoding="utf-8")
    )[1]
    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    versions = set(re.findall(r"Python (\d+\.\d+)", contributing))
    assert versions == {required}


def test_validate_warns_about_a_missing_modeline(tmp_path):
    root = project(tmp_path)
    result = casebook("validate", cwd=root)
    assert result.returncode == 0
    assert (
        "warning: case_studies/riverton-listening.yml:1:1: $: the first line should be "
        f"'{MODELINE}'"
    ) in result.stderr
    (root / "case_studies" / "riverton-listening.yml").write_text(
        MODELINE + "\n" + GOOD, encoding="utf-8"
    )
    assert "warning" not in casebook("validate", cwd=root).stderr


def test_every_case_file_carries_the_modeline():
    missing = [
        p.name
        for p in sorted((REPO / "case_studies").glob("*.yml"))
        if not p.read_text(encoding="utf-8").startswith(MODELINE)
    ]
    assert missing == []
