"""The format registry (casebook.formats) is the one place a field format is defined."""

from __future__ import annotations

import json

import pytest

from casebook.formats import FORMATS, form_messages
from casebook.scaffold import fields
from casebook.schema import SCHEMA_FILE, Schema
from conftest import REPO


def _formats_in(node: object) -> set[str]:
    if isinstance(node, dict):
        found = {node["format"]} if isinstance(node.get("format"), str) else set()
        return found.union(*(_formats_in(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_formats_in(value) for value in node))
    return set()


def test_every_format_in_the_schema_is_registered_and_every_entry_used():
    schema = json.loads((REPO / "schema" / SCHEMA_FILE).read_text(encoding="utf-8"))
    assert _formats_in(schema) == set(FORMATS)


@pytest.mark.parametrize(
    ("name", "good", "bad"),
    [
        ("date", ["2026-01-31", "2024-02-29"], ["2026-02-30", "20260131", "2026-01-3\u0661"]),
        ("partial-date", ["2024", "2024-07", "2024-07-31"], ["2023-13", "20231", "24"]),
        (
            "http-url",
            ["https://example.org/a", "http://x.org"],
            ["javascript:alert(1)", "www.example.org", "https://", "https://exa mple.org"],
        ),
        ("iso3166-alpha2", ["NO", "XK", "KE"], ["UK", "GBR", "Norway"]),  # lower case: the pattern
        ("casebook-id", ["oslo-salto"], ["index", "con", "lpt1"]),
    ],
)
def test_checks(name, good, bad):
    check = FORMATS[name].check
    assert [v for v in good if not check(v)] == []
    assert [v for v in bad if check(v)] == []


def test_the_validator_uses_the_registry_for_every_format():
    schema = Schema.load(REPO / "schema")
    checker = schema.validator.format_checker
    assert checker is not None
    assert set(checker.checkers) == set(FORMATS)
    assert not checker.conforms("javascript:alert(1)", "http-url")
    assert checker.conforms(7, "date")  # another type: the "type" keyword reports it


def test_messages_placeholders_and_descriptions_come_from_the_registry():
    schema = Schema.load(REPO / "schema")
    assert FORMATS["iso3166-alpha2"].explain("UK", "'UK'") == (
        "'UK' is not an ISO 3166-1 country code; did you mean GB (United Kingdom)?"
    )
    assert form_messages()["casebook-id"].format(value="'index'", raw="index", hint="") == (
        "'index' is a reserved name; choose a more specific id such as 'index-city'"
    )
    formatted = [f for f in fields(schema.raw) if f.node.get("items", f.node).get("format")]
    assert {f.node.get("items", f.node)["format"] for f in formatted} == set(FORMATS)
