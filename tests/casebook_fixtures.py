"""Fictional case studies for browser tests: varied facets, every place clearly a fixture.

`fixture_case(**changes)` returns a valid record as a dict; `as_yaml` turns it into the text
of a case file. `FIXTURE_CASES` is the set the browser tests build (8 cases); their facet
values are chosen so that counts under a filter are easy to work out by hand.
"""

from __future__ import annotations

import copy

import yaml

_BASE = {
    "title": "Fixture case",
    "kind": "case",
    "summary": "A fictional test fixture for Casebook's browser tests.",
    "place": {"name": "Fixtureville", "country": "NO", "region": "europe"},
    "level_of_government": "municipality",
    "years": {"start": 2020, "end": 2021},
    "phases": ["preparation"],
    "themes": ["listening-exercise"],
    "approach": "stand-alone",
    "stakeholders": ["residents"],
    "mandate": "existing-responsibilities",
    "evidence": "anecdotal",
    "narrative": {
        "context": "An imaginary city (a test fixture) had a problem [1].",
        "actions": "It tried something, in this fiction [2].",
        "outcomes": "The fixture sources report nothing of what came of it [2].",
    },
    "quotes": [
        {
            "text": "We listened first, and then we listened again.",
            "speaker": "Pat Example",
            "role": "Mayor (fictional)",
            "source": 1,
        }
    ],
    "sources": [
        {
            "title": "Fixture source",
            "publisher": "Casebook tests",
            "url": "https://example.org/fixture",
            "date": "2024",
            "accessed": "2026-11-29",
        },
        {
            "title": "Second fixture source",
            "publisher": "Casebook tests",
            "url": "https://example.org/fixture-2",
            "date": "2025",
            "accessed": "2026-11-29",
        },
    ],
    "guide_sections": ["understanding-threats"],
    "last_reviewed": "2026-01-01",
}


# Cases with evidence 'evaluated' or better carry an evaluation (a rule of schema v2).
EVALUATION = {
    "by": "Fixture Evaluators (fictional)",
    "year": 2022,
    "method": "Interviews, in this fiction.",
    "findings": "The fixture evaluation found the practice helped [2].",
    "source": 2,
    "independent_of_programme": True,
    "independent_of_publisher": True,
}


def fixture_case(case_id: str, **changes) -> dict:
    record = copy.deepcopy(_BASE)
    record["id"] = case_id
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(record.get(key), dict) and key != "years":
            record[key] = {**record[key], **value}
        else:
            record[key] = value
    return record


def as_yaml(record: dict) -> str:
    """Valid case-file YAML: every scalar that YAML 1.1 could misread is quoted."""
    text = yaml.safe_dump(record, sort_keys=False, allow_unicode=True, default_style=None)
    return "# A fictional, clearly-marked test fixture (not published content).\n" + text


def _place(name, country, region, population=None, at=None):
    place = {"name": name, "country": country, "region": region}
    if population:
        place["population"] = {"count": population, "year": 2020, "source": 1}
    if at:  # fictional places, put near a real city so the map has points to draw
        place["coordinates"] = {"lat": at[0], "lon": at[1]}
    return place


# id -> changes. Regions: europe 4 (NO 2, DE 1, FR 1), north-america 2 (CA), latin-america 1
# (MX), sub-saharan-africa 1 (KE). Themes listed per case; the counts are asserted in tests.
_CASES = {
    "alpha-listening": dict(
        title="Fixture: Ålesund-on-Sea listens",
        place=_place("Ålesund-on-Sea", "NO", "europe", 120000, (62.5, 6.2)),
        themes=["listening-exercise"],
        evidence="evaluated",
        evaluation=EVALUATION,
        years={"start": 2015, "end": 2016},
        last_reviewed="2025-03-01",
    ),
    "bravo-plan": dict(
        title="Fixture: Brückenstadt writes a plan",
        place=_place("Brückenstadt", "DE", "europe"),
        themes=["local-action-plan", "listening-exercise"],
        evidence="anecdotal",
        years={"start": 2019, "ongoing": True},
        last_reviewed="2026-06-01",
    ),
    "charlie-network": dict(
        title="Fixture: Château-Lac joins a network",
        place=_place("Château-Lac", "FR", "europe"),
        themes=["mayors-network"],
        phases=["prevention"],
        evidence="documented",
        years={"start": 2021, "end": 2022},
        last_reviewed="2024-01-15",
    ),
    "delta-dialogue": dict(
        title="Fixture: Dalby holds a peace dialogue",
        place=_place("Dalby", "NO", "europe", at=(59.9, 10.7)),
        themes=["peace-dialogue"],
        phases=["response"],
        evidence="anecdotal",
        years={"start": 2010, "end": 2012},
        last_reviewed="2023-09-09",
    ),
    "echo-youth": dict(
        title="Fixture: East Maple funds youth clubs",
        place=_place("East Maple", "CA", "north-america", at=(43.7, -79.4)),
        themes=["education-and-youth", "grassroots-grants"],
        phases=["prevention"],
        evidence="evaluated",
        evaluation=EVALUATION,
        years={"start": 2018, "end": 2020},
        last_reviewed="2026-02-02",
    ),
    "foxtrot-desk": dict(
        title="Fixture: Fort Pine opens a community desk",
        place=_place("Fort Pine", "CA", "north-america"),
        themes=["community-engagement-desk"],
        phases=["response", "recovery"],
        evidence="monitored",
        years={"start": 2022, "ongoing": True},
        last_reviewed="2025-11-11",
    ),
    "golf-identity": dict(
        title="Fixture: Guadalupe Nueva builds a shared identity",
        place=_place("Guadalupe Nueva", "MX", "latin-america-caribbean"),
        themes=["inclusive-city-identity"],
        phases=["recovery"],
        evidence="documented",
        years={"start": 2016, "end": 2019},
        last_reviewed="2025-07-07",
    ),
    "hotel-coordination": dict(
        title="Fixture: Hillcrest coordinates its agencies",
        place=_place("Hillcrest", "KE", "sub-saharan-africa", at=(-1.3, 36.8)),
        themes=["multi-agency-coordination", "local-action-plan"],
        evidence="anecdotal",
        years={"start": 2023, "ongoing": True},
        last_reviewed="2026-10-10",
    ),
}

FIXTURE_CASES = {
    f"{key}.yml": as_yaml(fixture_case(key, **changes)) for key, changes in _CASES.items()
}

GUIDE_PAGE = """# Working with neighbourhoods

A fixture guide page for the accessibility tests. It links to a case study in the text:
[[case:alpha-listening]] shows what listening looks like, and [the open data](../casebook.json)
is linked too.

## A card

[[card:bravo-plan]]

!!! note "A note"
    Admonitions appear in guide pages; their colours must have enough contrast.

| Column | Another |
|---|---|
| A table cell | with a [link](../index.md) |
"""
