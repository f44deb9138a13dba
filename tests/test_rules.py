"""Cross-field rules (src/casebook/rules.py) at their edges; one example per rule, with its
exact message, lives in tests/examples/invalid/."""

from __future__ import annotations

import datetime

import pytest

from casebook.loader import load_bytes
from casebook.rules import check_record, markers
from conftest import EXAMPLES

VALID = (EXAMPLES / "valid" / "riverton-listening.yml").read_text(encoding="utf-8")
ORDER = ["independently-evaluated", "evaluated", "monitored", "documented", "anecdotal"]


def problems(text: str, today: datetime.date = datetime.date(2026, 11, 30)) -> list[str]:
    document = load_bytes(text.encode(), "x.yml")
    return [f"{p.path}: {p.message}" for p in check_record(document, ORDER, today)]


def test_the_valid_example_passes_every_rule():
    assert problems(VALID) == []


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Plain [1] and [12].", [1, 12]),
        ("A link [1](https://example.org) is not a citation.", []),
        ("A reference link [text][2] is not.", []),
        ("Two in a row [1][2] are two citations.", [1, 2]),
        ("A link [1](https://example.org)[2] is followed by a citation.", [2]),
        ("Text with [a] and [1a] has none.", []),
        ("A list follows [1]:\n\n- one\n", [1]),
        ("Defined below.\n  [2]: https://example.org\n", []),
    ],
)
def test_markers_are_told_from_markdown_links(text, numbers):
    assert markers(text) == numbers


def test_a_citation_in_the_conditions_section_counts():
    text = (
        VALID.replace("It wrote a plan [2].", "It wrote a plan.")
        .replace("adopted [2].", "adopted.")
        .replace("workshops [2].", "workshops.")
        .replace("already meet [1].", "already meet [1][2] and [2].")
    )
    assert problems(text) == []


def test_a_mention_may_have_one_source_and_no_outcomes():
    text = VALID.replace("kind: case", "kind: mention").replace(
        "  outcomes: The second fixture source reports that the plan was adopted [2].\n", ""
    )
    assert problems(text) == []


def test_an_end_year_this_year_may_still_be_ongoing():
    text = VALID.replace("  start: 2020\n", "  start: 2020\n  end: 2026\n")
    assert problems(text) == []
    assert problems(text, today=datetime.date(2027, 1, 1)) == [
        "$.years.ongoing: ongoing is true but the practice ended in 2026; set ongoing: false, "
        "or remove end if the sources say it still runs"
    ]


@pytest.mark.parametrize(
    "name", ["Community Safety Unit 2019-2023", "Office for Cohesion, City Hall, 1 Main Square"]
)
def test_office_names_with_numbers_are_not_phone_numbers(name):
    text = VALID.replace("Office of the Mayor of Riverton (fictional)", name)
    assert problems(text) == []


@pytest.mark.parametrize(
    "name",
    ["Desk (call 0800 123 4567)", "Unit, tel. +44 20 7946 0958", "Write to desk@example.org"],
)
def test_contact_details_in_the_owner_name_are_refused(name):
    text = VALID.replace("Office of the Mayor of Riverton (fictional)", name)
    found = problems(text)
    assert len(found) == 1 and found[0].startswith("$.owner.name: looks like"), found
    assert "public site" in found[0]


def test_rules_never_crash_on_records_the_schema_refuses():
    broken = (
        "id: x\nkind: case\nsources: 3\nnarrative: [a]\nyears: {start: x, end: '1'}\n"
        "evaluation: []\nowner: {name: 5}\nquotes: {a: 1}\nplace: 7\n"
    )
    assert problems(broken) == []


def test_a_scaffold_still_full_of_placeholders_is_not_told_to_cite_its_sources():
    text = VALID.replace("title: Second fixture source", "title: 'TODO: title'")
    text = text.replace(" [2]", "")
    assert problems(text) == []
