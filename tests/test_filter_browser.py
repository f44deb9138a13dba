"""The filterable index (case-studies/index.html) in a real headless Chromium, from file://.

One site per module, built from the eight fictional cases of casebook_fixtures (the examples
left out so that every count below can be worked out by hand from that file).
"""

from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlsplit

import pytest

from casebook.export import CSV_COLUMNS
from casebook_fixtures import FIXTURE_CASES
from conftest import make_project, run_build

pytestmark = pytest.mark.browser
ALL = [
    "alpha-listening",
    "bravo-plan",
    "charlie-network",
    "delta-dialogue",
    "echo-youth",
    "foxtrot-desk",
    "golf-identity",
    "hotel-coordination",
]


@pytest.fixture(scope="module")
def index_url(tmp_path_factory) -> str:
    root = make_project(
        tmp_path_factory.mktemp("filter") / "project", cases=FIXTURE_CASES, examples=False
    )
    run_build(root)
    return (root / "site" / "case-studies" / "index.html").as_uri()


@pytest.fixture
def finder(visit, index_url):
    """open(query="") -> Page of the index, ready; console errors fail the test."""
    opened = []

    def open_index(query: str = "", **options):
        visited = visit(index_url + query, **options)
        opened.append(visited)
        visited.page.wait_for_selector("#cb-status:not(:empty)")
        return visited.page

    yield open_index
    for visited in opened:
        assert visited.errors == [], visited.errors
        assert visited.external == [], visited.external


def result_ids(page) -> list[str]:
    hrefs = page.eval_on_selector_all("#cb-results a", "links => links.map(a => a.href)")
    return [href.rsplit("/", 1)[1].removesuffix(".html") for href in hrefs]


def counts(page, facet: str) -> dict[str, int]:
    texts = page.eval_on_selector_all(
        f"[data-count-for^='{facet}=']",
        "els => els.map(e => [e.dataset.countFor.split('=')[1], e.textContent])",
    )
    return {value: int(text.strip("()")) for value, text in texts}


def checked(page) -> list[str]:
    return sorted(
        page.eval_on_selector_all(
            "#cb-filters input[type=checkbox]:checked",
            "boxes => boxes.map(b => b.name + '=' + b.value)",
        )
    )


def box(facet: str, value: str) -> str:
    return f"#cb-filters input[name='{facet}'][value='{value}']"


def test_everything_listed_before_filtering(finder):
    page = finder()
    assert sorted(result_ids(page)) == ALL
    assert page.inner_text("#cb-status") == "8 case studies"
    assert counts(page, "region") == {
        "europe": 4,
        "north-america": 2,
        "latin-america-caribbean": 1,
        "sub-saharan-africa": 1,
    }
    assert page.is_hidden("#cb-clear")


def test_facets_narrow_results_and_update_counts(finder):
    page = finder()
    page.check(box("region", "europe"))
    assert sorted(result_ids(page)) == [
        "alpha-listening",
        "bravo-plan",
        "charlie-network",
        "delta-dialogue",
    ]
    assert page.inner_text("#cb-status") == "4 of 8 case studies match"
    # A facet's own counts ignore its own choice (so other regions can be added) ...
    assert counts(page, "region")["north-america"] == 2
    # ... and every other facet counts within the current results.
    assert counts(page, "country") == {"CA": 0, "DE": 1, "FR": 1, "KE": 0, "MX": 0, "NO": 2}
    assert counts(page, "phases") == {
        "preparation": 2,
        "prevention": 1,
        "response": 1,
        "recovery": 0,
    }

    page.check(box("themes", "local-action-plan"))
    assert result_ids(page) == ["bravo-plan"]
    assert counts(page, "region") == {
        "europe": 1,
        "north-america": 0,
        "latin-america-caribbean": 0,
        "sub-saharan-africa": 1,
    }
    assert counts(page, "themes")["listening-exercise"] == 2

    page.check(box("region", "sub-saharan-africa"))  # values of one facet: either matches
    assert result_ids(page) == ["bravo-plan", "hotel-coordination"]
    assert page.inner_text("#cb-status") == "2 of 8 case studies match"


def test_url_round_trips_the_state(finder, visit, index_url):
    page = finder()
    page.check(box("region", "europe"))
    page.check(box("phases", "preparation"))
    page.select_option("#cb-sort", "year")
    page.fill("#cb-q", "fixture")
    page.wait_for_function("new URLSearchParams(location.search).get('words') === 'fixture'")
    query = parse_qs(urlsplit(page.url).query)
    assert query == {
        "region": ["europe"],
        "phases": ["preparation"],
        "sort": ["year"],
        "words": ["fixture"],
    }

    again = finder("?" + urlsplit(page.url).query)
    assert checked(again) == checked(page) == ["phases=preparation", "region=europe"]
    assert again.input_value("#cb-sort") == "year"
    assert again.input_value("#cb-q") == "fixture"
    assert result_ids(again) == result_ids(page) == ["bravo-plan", "alpha-listening"]


def test_unknown_values_in_the_url_are_ignored(finder):
    page = finder("?region=atlantis&themes=listening-exercise&sort=nonsense")
    assert checked(page) == ["themes=listening-exercise"]
    assert page.input_value("#cb-sort") == "relevance"  # the default: best match, A–Z without words
    assert result_ids(page) == ["alpha-listening", "bravo-plan"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("alesund", ["alpha-listening"]),  # Å typed without its ring
        ("CHÂTEAU", ["charlie-network"]),
        ("bruckenstadt plan", ["bravo-plan"]),  # every word must match
        ("canada", ["echo-youth", "foxtrot-desk"]),  # country names are searched
        ("peace and dialogue", ["delta-dialogue"]),  # and facet labels
        ("nowhere-at-all", []),
    ],
)
def test_text_filter_is_accent_insensitive(finder, words, expected):
    page = finder()
    page.fill("#cb-q", words)
    page.wait_for_function(
        "expected => document.querySelectorAll('#cb-results a').length === expected",
        arg=len(expected),
    )
    assert result_ids(page) == expected
    if not expected:
        assert "No case study matches" in page.inner_text("#cb-results")
        assert page.is_disabled("#cb-download")


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("title", ALL),
        (
            "year",
            [
                "hotel-coordination",
                "foxtrot-desk",
                "charlie-network",
                "bravo-plan",
                "echo-youth",
                "golf-identity",
                "alpha-listening",
                "delta-dialogue",
            ],
        ),
        (
            "reviewed",
            [
                "hotel-coordination",
                "bravo-plan",
                "echo-youth",
                "foxtrot-desk",
                "golf-identity",
                "alpha-listening",
                "charlie-network",
                "delta-dialogue",
            ],
        ),
    ],
)
def test_sorting(finder, sort, expected):
    page = finder()
    page.select_option("#cb-sort", sort)
    assert result_ids(page) == expected


def test_chips_and_clear_all(finder):
    page = finder("?region=europe&themes=listening-exercise&words=fixture")
    chips = page.locator("#cb-active button")
    assert chips.all_inner_texts() == [
        "“fixture” ×",
        "Region: Europe ×",
        "Practice: Listening exercise ×",
    ]
    page.get_by_role("button", name="Remove filter: Region: Europe").click()
    assert checked(page) == ["themes=listening-exercise"]
    assert result_ids(page) == ["alpha-listening", "bravo-plan"]
    assert "region" not in parse_qs(urlsplit(page.url).query)
    # Focus stays among the chips for keyboard users.
    assert page.evaluate("document.activeElement.closest('#cb-active') !== null")

    page.click("#cb-clear")
    assert checked(page) == [] and page.input_value("#cb-q") == ""
    assert sorted(result_ids(page)) == ALL
    assert chips.count() == 0 and page.is_hidden("#cb-clear")
    assert urlsplit(page.url).query == ""


def test_download_gives_exactly_the_filtered_rows(finder):
    page = finder("?region=north-america")
    assert page.inner_text("#cb-download") == "Download these 2 results (CSV)"
    with page.expect_download() as info:
        page.click("#cb-download")
    download = info.value
    text = download.path().read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [row["id"] for row in rows] == ["echo-youth", "foxtrot-desk"]
    assert {row["region"] for row in rows} == {"north-america"}
    assert download.suggested_filename == "casebook-2-results.csv"


def test_without_javascript_every_case_is_listed_and_linked(finder, visit, index_url):
    visited = visit(index_url, java_script_enabled=False)
    page = visited.page
    assert page.is_hidden(".cb-finder") and page.is_hidden("#cb-status")
    assert sorted(result_ids(page)) == ALL
    first = page.locator("#cb-results a").first
    title = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == title
    assert visited.errors == []
