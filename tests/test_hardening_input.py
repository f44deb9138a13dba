"""Issue 18, input rules and bounded validation: each test reproduces one example from the
issue's "Why" (every one was accepted, hung or crashed before) and checks the precise message
that now refuses it. Limits are in casebook.limits; speed is measured in benchmarks/."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from casebook import limits
from casebook.cli import main
from casebook.schema import Schema
from casebook.validate import validate_paths
from conftest import EXAMPLES, REPO

VALID = (EXAMPLES / "valid" / "riverton-listening.yml").read_text(encoding="utf-8")
F = "case_studies/riverton-listening.yml"
CONTEXT_LINE = next(
    n for n, line in enumerate(VALID.splitlines(), 1) if line.startswith("  context:")
)  # where narrative.context starts
AT_CONTEXT = f"{F}:{CONTEXT_LINE}:12"  # where its value starts


@contextlib.contextmanager
def hang_guard(seconds: int = 120):
    """Fail instead of hanging the suite (generous: this is not a speed test)."""

    def fail(*_):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def schema() -> Schema:
    return Schema.load(REPO / "schema")


def check(root: Path, schema: Schema, text: str, name: str = "riverton-listening.yml"):
    """Problems (as text lines) for one case file in a fresh case_studies/ folder."""
    folder = root / "case_studies"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    with hang_guard():
        report = validate_paths([folder], schema, root=root)
    return [str(p) for p in report.problems], report


def replaced(old: str, new: str) -> str:
    assert old in VALID
    return VALID.replace(old, new, 1)


def with_narrative(text: str) -> str:
    """The valid example with narrative.context set to text (as a YAML block)."""
    block = "\n".join("    " + line for line in text.split("\n"))
    return replaced(
        "  context: The imaginary city wanted to *understand* local tensions [1].\n",
        f"  context: |-\n{block}\n",
    )


def only(problems: list[str], path: str) -> list[str]:
    return [p for p in problems if f": {path}: " in p]


# ---------------------------------------------------------------- bounded validation


def test_a_list_of_20000_mappings_fails_on_its_size_before_the_schema(tmp_path, schema):
    related = "related:\n" + "  - {a: 1}\n" * 20_000
    problems, _ = check(tmp_path, schema, replaced("related: []\n", related))
    line = VALID.splitlines().index("related: []") + 2  # the first item, under the key
    assert problems == [
        f"{F}:{line}:3: $.related: list of 20,000 items; at most 100 are allowed "
        "in any list — keep the most important ones"
    ]


def test_at_most_50_problems_a_file_then_one_line_with_the_rest(tmp_path, schema, capsys):
    related = "related:\n" + "".join(f"  - Not_An_Id_{i:02}\n" for i in range(60))
    _, report = check(tmp_path, schema, replaced("related: []\n", related))
    # each entry: not an id (pattern), and no case study has it (cross-file)
    assert len(report.problems) == 51
    assert report.problems[-1].message == (
        "and 71 more problems in this file; fix these first and validate again"
    )
    assert report.summary() == "121 problems in 1 file"


# ---------------------------------------------------------------- Markdown the build cannot render


def test_a_narrative_of_brackets_is_refused(tmp_path, schema):
    paragraph = "\n".join(["[" * 100] * 150)  # 15,000 brackets, none closed
    problems, _ = check(tmp_path, schema, with_narrative(paragraph))
    assert only(problems, "$.narrative.context") == [
        f"{AT_CONTEXT}: $.narrative.context: has too many [ brackets (or ]( links) that are never "
        "closed for the page to build quickly; close each [ with ] and each ]( with ), or write "
        "\\[ for a bracket meant as text"
    ]


def test_121_kb_of_brackets_is_refused_on_its_length(tmp_path, schema):
    problems, _ = check(tmp_path, schema, with_narrative("[" * 121_000))
    assert problems == [
        f"{AT_CONTEXT}: $.narrative.context: text of 121,000 characters; at most "
        "20,000 are allowed in one field — shorten it or split it across "
        "sections"
    ]


def test_the_text_of_one_file_is_bounded_in_all(tmp_path, schema):
    """Seven sections of 20,000 characters each are each within the schema, but together
    they would make one page take over a second to render (benchmarks/RESULTS.md)."""
    sections = "".join(
        f"  {name}: {'word ' * 3_999}\n" for name in ("actors", "lessons", "risks")
    )  # those the valid example does not have
    text = with_narrative(("word " * 1_999 + "\n") * 2).replace(
        "narrative:\n", "narrative:\n" + sections
    )
    problems, _ = check(tmp_path, schema, text)
    narrative_line = CONTEXT_LINE  # the inserted sections now start where context did
    assert len(problems) == 1 and problems[0].startswith(
        f"{F}:{narrative_line}:3: $.narrative: the texts of this case study add up to "
    )
    assert problems[0].endswith("at most 60,000 are allowed in one file — shorten the narrative")


@pytest.mark.parametrize(
    "text", ["- " * 500 + "x", "".join("    " * i + "- x\n" for i in range(40))]
)
def test_deeply_nested_lists_are_refused(tmp_path, schema, text):
    problems, _ = check(tmp_path, schema, with_narrative(text))
    assert len(only(problems, "$.narrative.context")) == 1
    assert "nests lists or quotes" in only(problems, "$.narrative.context")[0]
    assert "at most 16 are allowed — flatten the list" in problems[0]


def test_ordinary_markdown_stays_within_the_limits():
    text = (
        "Intro with [a link](https://example.org) and [another][ref] (in parentheses).\n\n"
        "- one\n    - nested\n        - deeper\n\n> a quote\n> > in a quote\n\n"
        "1. first\n2. second\n\n[ref]: https://example.org\n"
    )
    assert limits.check_text(text) == []
    assert limits.bracket_work("[" + "a" * 100) == 101 - 0  # one unclosed bracket: cheap
    assert limits.nesting("        - deeper") == 3


# ---------------------------------------------------------------- holes in the input rules


@pytest.mark.parametrize("reference", ["&#x202E;", "&#8238;", "&#X202e;"])
def test_character_references_are_checked_like_raw_characters(tmp_path, schema, reference):
    problems, _ = check(tmp_path, schema, with_narrative(f"Left {reference}right"))
    assert only(problems, "$.narrative.context") == [
        f"{AT_CONTEXT}: $.narrative.context: the character reference {reference} stands for "
        "U+202E is a bidirectional-override character, which can make text display "
        "differently; delete the reference (it is often pasted in from other documents)"
    ]


@pytest.mark.parametrize(
    ("old", "new", "path", "fix"),
    [
        ("    source: 1\nsources", "    source: 1.0\nsources", "$.quotes[0].source", "1"),
        ("start: 2020", "start: 2020.0", "$.years.start", "2020"),
        ("count: 120000", "count: 1.2e5", "$.place.population.count", "120000"),
    ],
)
def test_integers_refuse_decimal_points_and_exponents(tmp_path, schema, old, new, path, fix):
    problems, _ = check(tmp_path, schema, replaced(old, new))
    found = only(problems, path)
    assert len(found) == 1 and "expected a whole number, got the number" in found[0]
    assert found[0].endswith(f"write it without a decimal point or exponent, e.g. {fix}")


@pytest.mark.parametrize("title", ['" "', '"\\u200b"', '"\\u200b \\u2060\\u3164"', '"&#8203;"'])
def test_text_blank_after_trimming_invisible_characters_is_refused(tmp_path, schema, title):
    problems, _ = check(
        tmp_path,
        schema,
        replaced('title: "Fixture: a city listens before it plans"', f"title: {title}"),
    )
    assert problems == [
        f"{F}:3:8: $.title: is empty apart from spaces or invisible characters "
        "(such as a zero-width space); write the text, or leave the field out"
    ]


def test_a_case_file_in_a_subfolder_is_an_error_and_translations_is_reserved(tmp_path, schema):
    """translations/ holds translations in language folders (casebook.translations): a file
    put directly in it is named too, never silently skipped."""
    for folder in ("europe", "translations"):
        (tmp_path / "case_studies" / folder).mkdir(parents=True)
        (tmp_path / "case_studies" / folder / "riverton-listening.yml").write_text(VALID)
    problems, _ = check(tmp_path, schema, VALID)
    assert problems == [
        "case_studies/europe:1:1: $: is a folder inside case_studies/, and "
        "files in it are not read; move its case files into case_studies/ "
        "itself (the name translations/ is reserved)",
        "case_studies/translations/riverton-listening.yml:1:1: $: is directly in "
        "translations/, where it is not read; move it into the folder of its language "
        "(translations/fr/, translations/es/, translations/ar/)",
    ]


def test_a_fifo_named_like_a_case_file_is_refused_without_hanging(tmp_path):
    shutil.copytree(REPO / "schema", tmp_path / "schema")
    (tmp_path / "case_studies").mkdir()
    (tmp_path / "case_studies" / "riverton-listening.yml").write_text(VALID)
    os.mkfifo(tmp_path / "case_studies" / "x.yml")
    result = subprocess.run(
        [sys.executable, "-m", "casebook.cli", "validate"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "case_studies/x.yml:1:1: $: is a named pipe (FIFO), not a regular file; remove it "
        "(only ordinary files are read)"
    )


def test_a_fifo_in_the_schema_folder_is_refused_without_hanging(tmp_path):
    shutil.copytree(REPO / "schema", tmp_path / "schema")
    (tmp_path / "case_studies").mkdir()
    os.mkfifo(tmp_path / "schema" / "vocabularies" / "extra.yml")
    result = subprocess.run(
        [sys.executable, "-m", "casebook.cli", "validate"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "schema/vocabularies/extra.yml:1:1: $: is a named pipe (FIFO)" in result.stderr


def test_a_key_with_a_line_break_cannot_forge_a_problem_line(tmp_path, schema, capsys, monkeypatch):
    forged = f"{F}:1:1: $.id: forged"
    text = VALID + f'"x\\n{forged}": 1\n'
    check(tmp_path, schema, text)
    shutil.copytree(REPO / "schema", tmp_path / "schema")
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and lines[-1] == "1 problem in 1 file"
    line = len(VALID.splitlines()) + 1  # the forged key, after the example's last line
    assert lines[0].startswith(f"{F}:{line}:1: $.x\\n{F}:1:1: $.id: forged: unknown field")
    assert forged not in lines
