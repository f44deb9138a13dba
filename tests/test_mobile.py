"""Phones and zoom: every page type at 360 × 640 without sideways scrolling, the filterable
index usable with its facets folded away, and text at 200 % without loss.

Set CASEBOOK_SCREENSHOTS=<folder> to keep full-page screenshots (360 and 1280 px, light and
dark) of every page type for a person to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
PAGES = {
    "home": "index.html",
    "guide": "guide/neighbourhoods.html",
    "index": "case-studies/index.html",
    "index-filtered": "case-studies/index.html?region=europe&themes=listening-exercise"
    "&words=fixture",
    "case": "case-studies/alpha-listening.html",
    "practice": "practices/listening-exercise.html",
    "overview": "practices/index.html",
    "region": "regions/europe.html",
    "map": "map.html",
    "not-found": "404.html",
}
OVERFLOW = "document.documentElement.scrollWidth"


@pytest.fixture(scope="module")
def site(fixture_site):
    return fixture_site


def page_url(site: Path, name: str) -> str:
    path, _, query = PAGES[name].partition("?")
    # a missing page is a failure, never a skip: deleting a page must not pass quietly
    assert (site / path).is_file(), f"{path} is missing from the built site"
    return (site / path).as_uri() + (f"?{query}" if query else "")


@pytest.mark.parametrize("name", list(PAGES))
def test_no_horizontal_scrolling_at_360(site, visit, name):
    visited = visit(page_url(site, name), width=360, height=640)
    page = visited.page
    page.wait_for_load_state()
    assert page.evaluate(OVERFLOW) <= 360
    if name.startswith("index"):  # with the facet panel open too
        page.click(".cb-filters__toggle")
        assert page.evaluate(OVERFLOW) <= 360
    if name != "not-found":  # MkDocs' 404 page links assets from the server root
        assert visited.errors == []


@pytest.mark.parametrize("name", ["index", "case", "guide", "map"])
def test_text_at_200_percent_reflows(site, visit, name):
    """WCAG 1.4.4/1.4.10: a 1280-px window zoomed to 200 % is 640 CSS px with double text;
    nothing may be cut off or need sideways scrolling."""
    page = visit(page_url(site, name), width=640, height=800).page
    page.evaluate("""() => { const root = document.documentElement;
      root.style.fontSize = 2 * parseFloat(getComputedStyle(root).fontSize) + 'px'; }""")
    assert page.evaluate(OVERFLOW) <= 640
    clipped = page.evaluate("""() => [...document.querySelectorAll('.md-content *')]
      .filter(e => e.scrollWidth > e.clientWidth + 1 &&
                   ['hidden', 'clip'].includes(getComputedStyle(e).overflowX) &&
                   e.clientWidth > 0 && !e.closest('.cb-visually-hidden, svg'))
      .map(e => e.tagName + '.' + e.className)""")
    assert clipped == []


def test_index_on_a_phone_folds_the_facets_away(site, visit):
    page = visit(page_url(site, "index"), width=360, height=640).page
    page.wait_for_selector("#cb-status:not(:empty)")
    toggle = page.locator(".cb-filters__toggle")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert page.locator("#cb-facets").is_hidden()
    # The first result is on the first screen, above the folded facets.
    assert page.locator("#cb-results a").first.bounding_box()["y"] < 640

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    page.locator("label.cb-option", has_text="North America").click()
    assert page.inner_text("#cb-status") == "2 of 9 case studies match"
    done = page.locator(".cb-facets__done")  # pinned to the foot of the sheet
    assert done.inner_text() == "Show 2 results"  # issue 15: "Show N results"
    done.click()
    assert page.locator("#cb-facets").is_hidden()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('cb-filters__toggle')")
    assert toggle.inner_text() == "Show filters (1 chosen)"
    links = page.locator("#cb-results a")
    assert links.count() == 2
    width = links.first.bounding_box()["width"]
    assert 0 < width <= 360


def test_screenshots_for_review(site, browser):
    """Full-page screenshots of every page type, for a person to look at (slow: on request)."""
    if not os.environ.get("CASEBOOK_SCREENSHOTS"):
        pytest.skip("set CASEBOOK_SCREENSHOTS=<folder> to take screenshots for review")
    folder = Path(os.environ["CASEBOOK_SCREENSHOTS"])
    folder.mkdir(parents=True, exist_ok=True)
    for scheme in ("light", "dark"):
        for width in (360, 1280):
            context = browser.new_context(
                viewport={"width": width, "height": 800}, color_scheme=scheme
            )
            page = context.new_page()
            for name in PAGES:
                path, _, query = PAGES[name].partition("?")
                if not (site / path).exists():
                    continue
                page.goto((site / path).as_uri() + (f"?{query}" if query else ""))
                shot = folder / f"{name}-{scheme}-{width}.png"
                page.screenshot(path=shot, full_page=True)
                assert shot.stat().st_size > 1000
            context.close()
