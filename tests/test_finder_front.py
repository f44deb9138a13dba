"""Issue 15, the finder at a glance and on a phone: a skip link to the results, filter
changes as history entries, results as cards, the full width, a full-height filter sheet on
phones, facets that tell nothing apart folded away, and zero-count values disabled."""

from __future__ import annotations

import re

import pytest

from front_build import build_project_copy

pytestmark = pytest.mark.browser
FINDER = "case-studies/index.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_project_copy(tmp_path_factory.mktemp("finder") / "project") / "site"


def open_finder(visit, site, query: str = "", **options):
    page = visit((site / FINDER).as_uri() + (f"?{query}" if query else ""), **options).page
    page.wait_for_selector("#cb-status:not(:empty)")
    return page


def test_first_result_is_at_most_ten_tabs_from_the_top(site, visit):
    page = open_finder(visit, site)
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.cb-skip-results')"):
            page.keyboard.press("Enter")
        if page.evaluate("document.activeElement.matches('#cb-results li:first-child a')"):
            break
    else:
        raise AssertionError("the first result was not reached in 10 Tab presses")


def test_back_and_forward_step_through_filter_changes(site, visit):
    page = open_finder(visit, site)
    total = page.inner_text("#cb-status")
    page.check("input[name=region][value=europe]")
    page.wait_for_function("location.href.includes('region=europe')")
    one = page.inner_text("#cb-status")
    page.check("input[name=phases][value=prevention]")
    page.wait_for_function("location.href.includes('phases=prevention')")
    two = page.inner_text("#cb-status")
    assert one != two and one != total
    page.go_back()
    page.wait_for_function("!location.href.includes('phases=prevention')")
    assert "region=europe" in page.url
    assert page.is_checked("input[name=region][value=europe]")
    assert not page.is_checked("input[name=phases][value=prevention]")
    assert page.inner_text("#cb-status") == one
    page.go_back()
    page.wait_for_function("!location.href.includes('region=')")
    assert page.inner_text("#cb-status") == total
    page.go_forward()
    page.go_forward()
    page.wait_for_function("location.href.includes('phases=prevention')")
    assert page.inner_text("#cb-status") == two
    assert page.url.startswith("file:") and FINDER in page.url  # never left the finder


def test_results_are_cards_with_place_years_evidence_practices_and_summary(site, visit):
    page = open_finder(visit, site, "region=europe")
    card = page.locator("#cb-results li.cb-result").first
    assert card.locator(".cb-result__title").inner_text()
    assert re.search(r", [A-Z]", card.locator(".cb-result__meta").inner_text())
    assert card.locator(".cb-badge").inner_text().startswith("Evidence: ")
    assert card.locator(".cb-result__practices").inner_text()
    page.wait_for_function(
        "document.querySelector('#cb-results .cb-result__summary').textContent.length > 20"
    )  # read from the case's text file
    summary = card.locator(".cb-result__summary").inner_text()
    assert summary.endswith((".", "!", "?", "”", '"', ")")) and len(summary) > 20


def test_the_finder_uses_the_full_width(site, visit):
    page = open_finder(visit, site, width=1280)
    assert (
        not page.locator(".md-sidebar--primary").is_visible()
        or page.locator(".md-sidebar--primary").bounding_box()["width"] < 5
    )
    assert page.locator(".cb-index").bounding_box()["width"] >= 1000


def test_phone_filters_open_as_a_full_height_sheet(site, visit):
    page = open_finder(
        visit, site, width=360, height=740, is_mobile=True, has_touch=True, reduced_motion="reduce"
    )
    page.click(".cb-filters__toggle")
    sheet = page.locator(".cb-facets").bounding_box()
    assert sheet["y"] <= 1 and sheet["height"] >= 739
    page.check("input[name=region][value=europe]", force=True)
    done = page.locator(".cb-facets__done")
    assert re.fullmatch(r"Show (the )?\d+ results?", done.inner_text())
    count = int(re.search(r"\d+", done.inner_text())[0])
    done.click()
    status = page.locator("#cb-status")
    header = page.locator(".md-header").bounding_box()
    box = status.bounding_box()
    assert box["y"] >= header["y"] + header["height"] - 1 and box["y"] < 740
    assert str(count) in status.inner_text()


def test_zero_count_values_stay_visible_but_disabled(site, visit):
    page = open_finder(visit, site, "region=europe")
    disabled = page.locator("details[open] .cb-option input:disabled")  # unfolded facets
    assert disabled.count() > 0
    for i in range(disabled.count()):
        option = disabled.nth(i).locator("xpath=..")
        assert option.is_visible() and option.locator(".cb-option__count").inner_text() == "(0)"
    assert page.locator(".cb-option input:not(:disabled)").count() > 0


def test_a_value_only_mentions_hold_stays_selectable(site, visit):
    """Counts leave mentions out, but a value held only by mentions can still be chosen."""
    page = open_finder(visit, site)
    box = page.locator("input[name=region][value=central-asia]")
    count = page.locator("[data-count-for='region=central-asia']").inner_text()
    assert count == "(0)"  # the project's only Central Asian record is a mention
    assert box.is_enabled()
    box.check()
    page.wait_for_function("location.href.includes('region=central-asia')")
    assert page.locator("#cb-results li.cb-result .cb-kind").count() >= 1
