"""One source of truth for rules and wording: the same invalid records checked by `casebook
validate` (Python) and by the propose form's validator (JavaScript, in Chromium) give the
same problems, path and message, word for word."""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path

import pytest

from casebook.loader import load_file
from casebook.rules import RULES, check_record
from casebook.validate import Schema, validate_paths
from conftest import EXAMPLES, REPO

pytestmark = pytest.mark.browser
BASE = load_file(str(EXAMPLES / "valid" / "riverton-listening.yml")).data
LONG = "x" * 250

# (name, [(path, value or DELETE)]): each makes one invalid record from a valid one.
DELETE = object()
RULE_NAMES = {name for name, _ in RULES}
CASES = [
    ("country-uk", [("place.country", "UK")]),
    ("country-name", [("place.country", "Norway")]),
    ("country-lowercase", [("place.country", "no")]),
    ("country-unknown", [("place.country", "Narnia")]),
    ("country-number", [("place.country", 47)]),
    ("vocabulary-typo", [("themes", ["listening-excercise"]), ("phases", ["prevension"])]),
    ("vocabulary-far", [("evidence", "strong"), ("level_of_government", "city")]),
    ("vocabulary-long", [("kind", LONG)]),
    ("vocabulary-empty", [("approach", None), ("place.region", DELETE)]),
    ("kind-number", [("kind", 3)]),
    ("missing-top", [("title", DELETE), ("summary", DELETE), ("sources", DELETE)]),
    (
        "missing-nested",
        [
            ("place.name", DELETE),
            ("sources.0.publisher", DELETE),
            ("place.coordinates.lon", DELETE),
        ],
    ),
    ("unknown-fields", [("titel", "x"), ("place.citty", "y"), ("sources.0.autor", "z")]),
    ("unknown-far", [("zzz", 1)]),
    ("too-short", [("summary", "Too short."), ("title", "")]),
    ("too-long", [("title", "T" * 161), ("leaders.0.name", "N" * 121)]),
    ("multi-line", [("title", "Two\nlines"), ("place.name", "A\rB")]),
    ("bad-ids", [("id", "Oslo SaLTo"), ("related", ["Not An Id", "riverton-listening"])]),
    ("reserved-id", [("id", "index")]),
    ("related-unknown", [("related", ["riverton-listenin", "nothing-like-it"])]),
    ("related-self", [("id", "self-related"), ("related", ["self-related"])]),
    (
        "dates",
        [
            ("last_reviewed", "2026-02-30"),
            ("sources.0.accessed", "29/11/2026"),
            ("sources.0.date", "2023-13"),
        ],
    ),
    ("date-number", [("last_reviewed", 2026), ("sources.0.date", "20231")]),
    (
        "urls",
        [
            ("sources.0.url", "javascript:alert(1)"),
            ("owner", {"name": "Office", "url": "www.example.org"}),
        ],
    ),
    ("numbers-as-text", [("place.population.count", "709,000"), ("years.start", "2006")]),
    (
        "out-of-range",
        [
            ("place.coordinates.lat", -91.5),
            ("years.end", 1800),
            ("place.population.source", 0),
            (
                "resources",
                {
                    "description": "Cost [1].",
                    "amount": {"value": -5.5, "currency": "euro", "year": 2020},
                },
            ),
        ],
    ),
    (
        "wrong-types",
        [
            ("phases", "preparation"),
            ("years.ongoing", "yes"),
            ("leaders", {"name": "x"}),
            ("place", "Oslo"),
            ("narrative.context", 5),
        ],
    ),
    ("empty-lists", [("themes", []), ("stakeholders", []), ("sources", [])]),
    (
        "duplicates",
        [
            ("themes", ["listening-exercise", "listening-exercise"]),
            ("related", ["a-case", "a-case"]),
        ],
    ),
    ("too-many", [("quotes", [BASE["quotes"][0]] * 11)]),
    (
        "placeholders",
        [
            ("title", "TODO"),
            ("place.region", "TODO: one of europe, …"),
            ("years.start", "TODO: a number, e.g. 2006"),
        ],
    ),
    ("quote-source", [("quotes.0.source", 3)]),
    (
        "evaluation-incomplete",
        [("evaluation", {"by": "Someone", "year": 2023, "independent_of_programme": "true"})],
    ),
    ("nulls", [("title", None), ("years.start", None), ("sources.0.title", None)]),
    ("quoting", [("place.name", 'It\'s "quoted"\ttab'), ("kind", "caſe\u200b")]),
    (
        "blank-text",
        [("narrative.context", " \n "), ("place.name", "\u200b\u3164"), ("leaders.0.role", "\t")],
    ),
]
EVALUATION = {
    "by": "Example Research (fictional)",
    "year": 2022,
    "method": "Interviews.",
    "findings": "Participants said the workshops helped [2].",
    "source": 2,
    "independent_of_programme": True,
    "independent_of_publisher": True,
}
# One record per rule of casebook.rules (named as in rules.RULES), and their edges.
RULE_CASES = [
    (
        "case-one-source",
        [
            ("sources", BASE["sources"][:1]),
            ("narrative.actions", "Workshops [1]."),
            ("narrative.outcomes", "Adopted [1]."),
            ("resources.description", "No cost [1]."),
        ],
    ),
    ("case-no-outcomes", [("narrative.outcomes", DELETE), ("narrative.context", "")]),
    ("case-null-outcomes", [("narrative.outcomes", None), ("narrative.actions", "")]),
    ("evaluation-missing", [("evidence", "evaluated")]),
    (
        "independent-but-not",
        [
            ("evidence", "independently-evaluated"),
            (
                "evaluation",
                {
                    **EVALUATION,
                    "independent_of_programme": False,
                    "independence_note": "Paid by it.",
                },
            ),
        ],
    ),
    (
        "independence-note-missing",
        [
            ("evidence", "evaluated"),
            ("evaluation", {**EVALUATION, "independent_of_publisher": False}),
        ],
    ),
    (
        "citation-unknown-source",
        [
            ("narrative.context", "Tensions [3][0] and [12]."),
            ("resources.description", "Cost [9]."),
            (
                "narrative.conditions",
                "A forum [1](https://x.org) [7]:\n\n- a\n\n[5]: https://example.org\n[text][6]",
            ),
        ],
    ),
    (
        "source-never-cited",
        [("sources", [*BASE["sources"], {**BASE["sources"][1], "url": "https://example.org/3"}])],
    ),
    (
        "source-cited-by-flag",
        [
            ("quotes.0.source", True),
            ("place.population.source", 2),
            ("narrative.context", "Tensions."),
            ("narrative.conditions", "A forum."),
        ],
    ),
    (
        "source-number-missing",
        [
            ("place.population.source", 5),
            ("evidence", "evaluated"),
            ("evaluation", {**EVALUATION, "source": 3}),
        ],
    ),
    ("years-end-before-start", [("years", {"start": 2020, "end": 2019, "ongoing": False})]),
    ("ongoing-but-ended", [("years", {"start": 2010, "end": 2012, "ongoing": True})]),
    ("mention-overclaims", [("kind", "mention"), ("evidence", "monitored")]),
    (
        "owner-contact",
        [
            (
                "owner",
                {
                    "name": "Desk, tel. +44 20 7946 0958, désk@exämple.org",
                    "url": "mailto:desk@example.org",
                },
            )
        ],
    ),
    ("owner-phone", [("owner.name", "Desk (call 0800 123 4567)")]),
    ("owner-not-a-phone", [("owner.name", "Unit 2019-2023, 1 Main Square")]),
    (
        "summary-marker",
        [("summary", "A city listened [2] before it planned [1], as the fixtures say.")],
    ),
    (
        "source-title-machinery",
        [
            ("sources.0.title", "Council page (exact title Not Recorded)"),
            ("sources.1.locator", "Not shown: the section"),
        ],
    ),
]


def _mutate(record: dict, dotted: str, value) -> None:
    parts = [int(p) if p.isdigit() else p for p in dotted.split(".")]
    target = record
    for part in parts[:-1]:
        if isinstance(target, dict) and part not in target:
            target[part] = {}
        target = target[part]
    if value is DELETE:
        del target[parts[-1]]
    else:
        target[parts[-1]] = copy.deepcopy(value)


def make_record(name: str, changes) -> dict:
    record = copy.deepcopy(BASE)
    record["id"] = f"record-{name}"
    for dotted, value in changes:
        _mutate(record, dotted, value)
    return record


def python_problems(record: dict, folder: Path, schema: Schema) -> set:
    """`casebook validate` on the record as a file beside the example case studies (the ids
    the form knows), keeping only the record's own problems."""
    case_id = record.get("id")
    stem = (
        case_id if isinstance(case_id, str) and re.fullmatch(r"[a-z0-9-]+", case_id) else "record"
    )
    cases = folder / "case_studies"
    shutil.rmtree(cases, ignore_errors=True)
    shutil.copytree(EXAMPLES / "valid", cases)
    target = cases / f"{stem}.yml"
    target.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    report = validate_paths([cases], schema, root=folder)
    return {(p.path, p.message) for p in report.problems if p.file.endswith(f"/{stem}.yml")}


def rule_problems(record: dict, folder: Path, schema: Schema) -> set:
    """What casebook.rules alone finds in the record (to show a rule case tests its rule)."""
    target = folder / "rule.yml"
    target.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    document = load_file(str(target), "case_studies/rule.yml")
    evidence = list(schema.vocabularies["evidence_levels"].terms)
    return {(p.path, p.message) for p in check_record(document, evidence)}


@pytest.fixture(scope="module")
def form(example_site, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto((example_site / "contribute" / "propose.html").as_uri())
    page.wait_for_selector("#f-title")
    yield page
    context.close()


def js_problems(page, record: dict) -> set[tuple[str, str]]:
    found = page.evaluate("r => CasebookPropose.validate(r).map(p => [p.where, p.message])", record)
    return {tuple(p) for p in found}


@pytest.mark.parametrize("name,changes", CASES, ids=[c[0] for c in CASES])
def test_python_and_the_form_report_the_same_problems(name, changes, form, tmp_path):
    schema = Schema.load(REPO / "schema")
    record = make_record(name, changes)
    found = python_problems(record, tmp_path, schema)
    assert found, f"{name}: the record should be invalid"
    assert js_problems(form, record) == found


@pytest.mark.parametrize("name,changes", RULE_CASES, ids=[c[0] for c in RULE_CASES])
def test_the_form_checks_every_cross_field_rule(name, changes, form, tmp_path):
    """Each rule of casebook.rules, word for word; the record breaks that rule (and, for the
    edge cases named otherwise, may break none: then both must agree it is valid)."""
    schema = Schema.load(REPO / "schema")
    record = make_record(name, changes)
    found = python_problems(record, tmp_path, schema)
    if name in RULE_NAMES:
        assert rule_problems(record, tmp_path, schema), f"{name}: no rule fired"
    assert js_problems(form, record) == found


def test_every_rule_has_a_form_case():
    assert {name for name, _ in RULE_CASES} >= RULE_NAMES


def test_a_valid_record_has_no_problems_in_either(form, tmp_path):
    schema = Schema.load(REPO / "schema")
    record = make_record("valid", [])
    assert python_problems(record, tmp_path, schema) == set()
    assert js_problems(form, record) == set()


def test_the_comparison_can_fail(form, tmp_path):
    """A wording drift is caught: the form's message differs from a changed Python one."""
    record = make_record("drift", [("place.country", "UK")])
    assert ("$.place.country", "'UK' is not a country") not in js_problems(form, record)
