"""`casebook stats` on fictional fixtures (the real content is still being written): the counts
it prints and the targets --check enforces."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.cli import main
from casebook.commands.stats import MIN_CASES, MIN_RECORDS
from casebook_fixtures import as_yaml, fixture_case
from conftest import REPO, make_project

REGIONS = [
    "sub-saharan-africa",
    "middle-east-north-africa",
    "europe",
    "north-america",
    "latin-america-caribbean",
    "south-asia",
    "central-asia",
    "east-asia-pacific",
]


def collection(**overrides: dict) -> dict[str, dict]:
    """A collection that meets every target exactly: 40 records, 30 cases (one or more in
    every region; 8 in response or recovery; 3 on online hate or strategic communication),
    10 mentions. `overrides` change single records by id."""
    records = {}
    for index in range(MIN_CASES):
        changes: dict = {"place": {"region": REGIONS[index % len(REGIONS)]}}
        if index < 8:
            changes["phases"] = ["response"] if index % 2 else ["recovery", "prevention"]
        if index < 3:
            changes["themes"] = [
                ["online-hate"],
                ["strategic-communication"],
                ["online-hate", "listening-exercise"],
            ][index]
        if index == 0:
            changes["place"]["population"] = {"count": 50000, "year": 2020, "source": 1}
        records[f"case-{index:02d}"] = changes
    for index in range(MIN_RECORDS - MIN_CASES):
        # mentions on the targeted phases and themes, which must not count towards them
        records[f"mention-{index:02d}"] = {
            "kind": "mention",
            "phases": ["response"],
            "themes": ["online-hate"],
            "sources": [
                {"title": "One source", "publisher": "Casebook tests", "accessed": "2026-11-29"}
            ],
        }
    for key, changes in overrides.items():
        records[key] = {**records.get(key, {}), **changes}
    return records


def write(root: Path, records: dict[str, dict]) -> Path:
    cases = {}
    for case_id, changes in records.items():
        record = fixture_case(case_id, **changes)
        if record["kind"] == "mention":  # one source: the narrative cites only that one
            record["narrative"] = {
                "context": "Named in one source [1].",
                "actions": "Nothing more is known [1].",
            }
        cases[f"{case_id}.yml"] = as_yaml(record)
    return make_project(root, cases, examples=False)


def stats(root: Path, capsys, *extra: str) -> tuple[int, list[str]]:
    code = main(["--root", str(root), "stats", *extra])
    return code, capsys.readouterr().out.splitlines()


def test_a_collection_that_meets_every_target_passes_the_check(tmp_path, capsys):
    code, lines = stats(write(tmp_path / "p", collection()), capsys, "--check")
    assert code == 0, lines
    assert lines[0] == "records: 40 (30 cases, 10 mentions)"
    assert "regions with no case: none" in lines
    assert "cases in response or recovery: 8" in lines
    assert "cases on online hate or strategic communication: 3" in lines
    assert "city-level cases with a population: 1, without: 29 (case-01, case-02," in "\n".join(
        lines
    )
    assert "  Central Asia: 3" in lines and "  Europe: 4" in lines
    assert not [line for line in lines if "NOT MET" in line]


@pytest.mark.parametrize(
    ("overrides", "unmet"),
    [
        (
            {
                "case-29": {
                    "kind": "mention",
                    "sources": [
                        {"title": "One", "publisher": "Casebook tests", "accessed": "2026-11-29"}
                    ],
                    "narrative": {"context": "Named [1].", "actions": "Nothing more [1]."},
                }
            },
            "at least 30 cases",
        ),
        (
            {
                "case-06": {"place": {"region": "europe"}},
                "case-14": {"place": {"region": "europe"}},
                "case-22": {"place": {"region": "europe"}},
            },
            "every region has a case",
        ),
        ({"case-07": {"phases": ["preparation"]}}, "at least 8 cases in response or recovery"),
        (
            {"case-02": {"themes": ["listening-exercise"]}},
            "at least 3 cases on online hate or strategic communication",
        ),
        (
            {"case-29": {"withdrawn": {"date": "2026-11-01", "reason": "A fixture withdrawn."}}},
            "at least 40 records",
        ),
    ],
)
def test_check_fails_when_a_target_is_missed(tmp_path, capsys, overrides, unmet):
    code, lines = stats(write(tmp_path / "p", collection(**overrides)), capsys, "--check")
    assert code == 1
    assert [line.strip() for line in lines if "NOT MET" in line][0] == f"[NOT MET] {unmet}"
    assert stats(tmp_path / "p", capsys)[0] == 0  # without --check it only reports


def test_an_invalid_file_is_left_out_and_fails_the_check(tmp_path, capsys):
    root = write(tmp_path / "p", collection())
    (root / "case_studies" / "broken.yml").write_text("id: broken\n", encoding="utf-8")
    code, lines = stats(root, capsys, "--check")
    assert code == 1 and lines[0] == "records: 40 (30 cases, 10 mentions)"
    assert "files with problems (not counted; run casebook validate): 1" in lines


def test_stats_is_a_listed_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "stats" in capsys.readouterr().out
    assert (REPO / "src" / "casebook" / "commands" / "stats.py").is_file()
