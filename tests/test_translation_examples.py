"""Translations in tests/examples: valid/translations/<code>/<id>.yml must validate; each
invalid/translations/<code>/<name>.yml must produce exactly the messages in its .expected file
(the text `casebook validate <file>` prints). A translation is checked against the case file
of the same name two folders up: the invalid ones translate invalid/ examples whose text is
the fixture's own (their defects are elsewhere, in fields no translation holds)."""

from pathlib import Path

import pytest

from casebook.cli import main
from conftest import EXAMPLES, REPO

VALID = sorted((EXAMPLES / "valid" / "translations").glob("*/*.yml"))
INVALID = sorted((EXAMPLES / "invalid" / "translations").glob("*/*.yml"))


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch):
    monkeypatch.chdir(REPO)  # messages name files relative to the project root


@pytest.mark.parametrize("path", VALID, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_valid_translation(path: Path, capsys):
    assert main(["validate", str(path.relative_to(REPO))]) == 0
    assert capsys.readouterr().out.strip() == "1 translation valid"


@pytest.mark.parametrize("path", INVALID, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_invalid_translation(path: Path, capsys):
    expected = path.with_suffix(".expected").read_text(encoding="utf-8")
    assert main(["validate", str(path.relative_to(REPO))]) == 1
    assert capsys.readouterr().out == expected


def test_the_examples_cover_the_issue():
    """The issue's "Done when": an unknown key, an unknown case id and differing citation
    markers are each rejected with a tested message."""
    names = {f"{p.parent.name}/{p.stem}" for p in INVALID}
    assert {"fr/bad-country", "fr/bad-countri", "es/bad-country"} <= names
    missing = [p.name for p in INVALID if not p.with_suffix(".expected").exists()]
    assert VALID and missing == []


def test_a_case_folder_brings_its_translations(capsys):
    assert main(["validate", "tests/examples/valid"]) == 0
    assert capsys.readouterr().out.strip() == "1 case study and 1 translation valid"
