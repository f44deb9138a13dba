"""The finder page is written with its first page of results only (FINDER_PAGE_SIZE): at
2,000 cases the whole list made it 3.4 MB. The script shows every result, "Show more" pages
on, printing counts them all, and without scripts the browse pages are offered instead."""

from __future__ import annotations

import pytest

from casebook.i18n.catalogue import strings
from casebook.render import FINDER_PAGE_SIZE
from casebook_fixtures import as_yaml, fixture_case
from conftest import make_project, parse, run_build

EN = strings("en")
COUNT = FINDER_PAGE_SIZE + 7


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    cases = {
        f"many-{n:03d}.yml": as_yaml(fixture_case(f"many-{n:03d}", title=f"Fixture number {n:03d}"))
        for n in range(COUNT)
    }
    root = make_project(tmp_path_factory.mktemp("many") / "project", cases, examples=False)
    run_build(root)
    return root / "site"


def test_the_page_holds_the_first_page_and_points_to_the_browse_pages(site):
    page = parse(site / "case-studies" / "index.html")
    items = page.select("#cb-results > li[data-id]")
    assert [li["data-id"] for li in items] == [f"many-{n:03d}" for n in range(FINDER_PAGE_SIZE)]
    assert page.select_one(".cb-finder")["data-page-size"] == str(FINDER_PAGE_SIZE)
    links = [a["href"] for a in page.select("noscript a")]
    assert links == [
        "../regions/index.html",
        "../phases/index.html",
        "../practices/index.html",
        "../evidence/index.html",
    ]
    for href in links:
        assert (site / "case-studies" / href).resolve().is_file()


@pytest.mark.browser
def test_the_script_shows_every_result_page_by_page(site, visit):
    opened = visit((site / "case-studies" / "index.html").as_uri())
    page = opened.page
    page.wait_for_selector("#cb-status:not(:empty)")
    assert page.locator("#cb-results > li[data-id]").count() == FINDER_PAGE_SIZE
    assert page.inner_text("#cb-print-results") == EN.t("ui.finder.print_results", count=COUNT)
    page.click("#cb-more")
    page.wait_for_function(f"document.querySelectorAll('#cb-results > li').length === {COUNT}")
    last = page.locator("#cb-results > li").nth(COUNT - 1)  # drawn by the script
    assert last.locator("a").get_attribute("href") == f"../case-studies/many-{COUNT - 1:03d}.html"
    page.wait_for_function(
        "el => el.querySelector('.cb-result__summary') && "
        "el.querySelector('.cb-result__summary').textContent.length > 0",
        arg=last.element_handle(),
    )
    assert opened.external == [] and opened.errors == []
