"""The editions in headless Chromium: the Arabic edition right-to-left, without sideways
scrolling at 360 px and without axe WCAG A/AA violations; the switcher on a case page lands
on the same case in each language (real clicks, from file://)."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.i18n.languages import LANGUAGES
from test_accessibility import WCAG_TAGS, axe_violations, violations_report
from test_mobile import OVERFLOW

pytestmark = pytest.mark.browser
PAGES = {
    "home": "index.html",
    "guide": "guide/neighbourhoods.html",
    "index": "case-studies/index.html",
    "case": "case-studies/alpha-listening.html",
    "practice": "practices/listening-exercise.html",
    "overview": "practices/index.html",
    "map": "map.html",
    "print": "print.html",
}
CASE = "case-studies/alpha-listening.html"


def arabic(site: Path, name: str) -> str:
    path = site / "ar" / PAGES[name]
    assert path.is_file(), f"ar/{PAGES[name]} is missing from the built site"  # never a skip
    return path.as_uri()


@pytest.mark.parametrize("name", list(PAGES))
def test_arabic_is_right_to_left_without_sideways_scrolling_at_360(
    fixture_editions_site, visit, name
):
    visited = visit(arabic(fixture_editions_site, name), width=360, height=640)
    page = visited.page
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.md-content')).direction") == "rtl"
    )
    assert page.evaluate(OVERFLOW) <= 360
    if name == "index":  # the facet sheet open too
        page.click(".cb-filters__toggle")
        assert page.evaluate(OVERFLOW) <= 360
    assert visited.errors == [] and visited.external == []


def test_arabic_page_is_mirrored(fixture_editions_site, visit):
    """Our layout follows the direction: the case's facts box, floated to the inline end at
    1280 px, is on the right in English and on the left in Arabic."""
    page = visit(arabic(fixture_editions_site, "case"), width=1280).page
    facts = page.locator(".cb-facts").first.bounding_box()
    content = page.locator(".md-content__inner").first.bounding_box()
    assert facts is not None and content is not None

    def centre(box):
        return box["x"] + box["width"] / 2

    assert centre(facts) < centre(content)  # on the left
    english = visit((fixture_editions_site / CASE).as_uri(), width=1280).page
    facts_en = english.locator(".cb-facts").first.bounding_box()
    content_en = english.locator(".md-content__inner").first.bounding_box()
    assert centre(facts_en) > centre(content_en)  # on the right


@pytest.mark.parametrize("name", list(PAGES))
def test_arabic_pages_pass_axe(fixture_editions_site, visit, name):
    visited = visit(arabic(fixture_editions_site, name))
    if name == "index":
        visited.page.wait_for_selector("#cb-status:not(:empty)")
    violations = axe_violations(visited.page, WCAG_TAGS)
    assert not violations, violations_report(violations)


@pytest.mark.parametrize("source", list(LANGUAGES))
def test_switcher_on_a_case_page_lands_on_the_same_case(fixture_editions_site, visit, source):
    start = fixture_editions_site / LANGUAGES[source].prefix / CASE
    assert start.is_file()
    visited = visit(start.as_uri())
    page = visited.page
    for target, language in LANGUAGES.items():
        page.goto(start.as_uri())
        page.click(".casebook-switcher button")  # opens the list, as a reader would
        link = page.locator(f".casebook-switcher a[hreflang='{target}']")
        link.click()
        page.wait_for_load_state()
        expected = (fixture_editions_site / language.prefix / CASE).resolve().as_uri()
        assert page.url == expected, (source, target)
        assert page.evaluate("document.documentElement.lang") == target
        assert page.locator("h1").first.inner_text()  # the case page, not an error page
    assert visited.errors == [] and visited.external == []
