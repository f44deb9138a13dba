"""Golden files: the exact HTML of a case page, a mention page and a browse page.

Rendered through casebook.render.Renderer from a small fixed fixture (no MkDocs build, so
this is fast), then compared byte for byte with tests/golden/*.html. Any change to a template
or to the renderer shows up here as a diff to review.

When a change is intended, regenerate the files and review the diff before committing:

    CASEBOOK_UPDATE_GOLDEN=1 python3 -m pytest tests/test_golden.py -p no:cacheprovider
    git diff tests/golden/
"""

from __future__ import annotations

import datetime
import difflib
import os
import re
from pathlib import Path

import pytest

from casebook.loader import load_bytes
from casebook.model import Catalog
from casebook.render import Renderer
from casebook.schema import Schema
from casebook.validate import validate_document
from casebook_fixtures import as_yaml, fixture_case
from conftest import REPO

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("CASEBOOK_UPDATE_GOLDEN") == "1"
TODAY = datetime.date(2026, 12, 1)  # fixed: stale-review notes depend on it

# No coordinates: the locator map is geo.py's concern and has its own tests (test_map.py).
CASES = {
    "golden-plan": fixture_case(
        "golden-plan",
        title="Fixture: Goldport writes a plan",
        place={"name": "Goldport", "country": "DE", "region": "europe"},
        themes=["local-action-plan", "listening-exercise"],
        years={"start": 2019, "ongoing": True},
        last_reviewed="2024-06-01",
    ),  # more than two years before TODAY: marked stale
    "golden-listening": fixture_case(
        "golden-listening",
        title="Fixture: Listenbury listens",
        place={"name": "Listenbury", "country": "NO", "region": "europe"},
        themes=["listening-exercise"],
        last_reviewed="2026-03-01",
    ),
    "golden-mention": {
        **fixture_case(
            "golden-mention",
            title="Fixture: Mentionham is named in a report",
            kind="mention",
            sources=[
                {
                    "title": "Only fixture source",
                    "publisher": "Casebook tests",
                    "accessed": "2026-11-29",
                }
            ],
            quotes=[],
            place={"name": "Mentionham", "country": "NO", "region": "europe"},
            last_reviewed="2026-11-30",
        ),
        "narrative": {
            "context": "A fixture source names the practice in one line [1].",
            "actions": "Nothing more is known, in this fiction [1].",
        },
    },
}


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    schema = Schema.load(REPO / "schema")
    documents = []
    for case_id, record in CASES.items():
        document = load_bytes(as_yaml(record).encode("utf-8"), f"case_studies/{case_id}.yml")
        assert validate_document(document, schema) == [], f"{case_id} is not a valid fixture"
        documents.append(document)
    catalog = Catalog.build(documents, schema.vocabularies)
    return Renderer(catalog, today=TODAY, edit_base="https://example.org/edit/main/")


def normalise(html: str) -> str:
    """Trailing spaces and blank-line runs are template whitespace, not output a reader
    sees; the pages carry no build date or other volatile value (TODAY is fixed)."""
    lines = [line.rstrip() for line in html.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"


def page(renderer: Renderer, name: str) -> str:
    catalog = renderer.catalog
    by_id = {case.id: case for case in catalog.cases}
    if name == "case":
        return renderer.case_page(by_id["golden-plan"])
    if name == "mention":
        return renderer.case_page(by_id["golden-mention"])
    return renderer.term_page("themes", "listening-exercise")  # a browse page


@pytest.mark.parametrize("name", ["case", "mention", "browse"])
def test_rendered_page_matches_its_golden_file(renderer, name):
    actual = normalise(page(renderer, name))
    golden = GOLDEN / f"{name}.html"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    # A missing golden file fails (never skips): regenerate it on purpose, as above.
    assert golden.is_file(), f"{golden} is missing: run with CASEBOOK_UPDATE_GOLDEN=1"
    expected = golden.read_text(encoding="utf-8")
    diff = "".join(
        difflib.unified_diff(
            expected.splitlines(True),
            actual.splitlines(True),
            f"golden/{name}.html",
            "rendered",
            n=2,
        )
    )
    assert actual == expected, (
        "rendered HTML differs from the golden file; if intended, "
        "regenerate with CASEBOOK_UPDATE_GOLDEN=1 and review:\n" + diff[:6000]
    )


def test_the_golden_pages_show_what_they_are_meant_to(renderer):
    """The golden files are only worth comparing if they hold the right pages."""
    from bs4 import BeautifulSoup

    case = BeautifulSoup(page(renderer, "case"), "html.parser")
    assert "Fixture: Goldport writes a plan" in case.get_text()
    mention = BeautifulSoup(page(renderer, "mention"), "html.parser")
    assert mention.select_one(".cb-mention-note") is not None
    browse = BeautifulSoup(page(renderer, "browse"), "html.parser")
    linked = {a["href"] for a in browse.select("a[href]")}
    assert {
        "../case-studies/golden-plan.html",
        "../case-studies/golden-listening.html",
        "../case-studies/golden-mention.html",
    } <= linked
