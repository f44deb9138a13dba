"""tests/examples/valid/*.yml must validate; each invalid/<name>.yml must produce exactly the
messages in invalid/<name>.expected (the same text `casebook validate <file>` prints)."""

from pathlib import Path

import pytest

from casebook.cli import main
from conftest import EXAMPLES, REPO

VALID = sorted((EXAMPLES / "valid").glob("*.yml"))
INVALID = sorted((EXAMPLES / "invalid").glob("*.yml"))


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch):
    monkeypatch.chdir(REPO)  # messages name files relative to the project root


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_example(path: Path, capsys):
    assert main(["validate", str(path.relative_to(REPO))]) == 0
    assert capsys.readouterr().out.strip() == "1 case study valid"


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_example(path: Path, capsys):
    expected = path.with_suffix(".expected").read_text(encoding="utf-8")
    assert main(["validate", str(path.relative_to(REPO))]) == 1
    assert capsys.readouterr().out == expected


def test_every_invalid_example_has_expected_messages():
    assert INVALID, "no invalid examples found"
    missing = [p.name for p in INVALID if not p.with_suffix(".expected").exists()]
    assert missing == []
