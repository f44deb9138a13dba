"""The built site read from disk with the network off: opened by file://, every request
outside the site blocked and counted (it must stay 0), no console errors.

One project is built once, with all four editions, by `casebook bundle` (which builds, then
zips); every check runs on the built site folder and again on the zip unpacked to a fresh
folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from conftest import make_project
from test_map import CASES

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RIVERTON = "Fixture: a city listens before it plans"
GUIDE = {"guide/listening.md": "# Listening first\n\nRead [[case:riverton-listening]].\n"}


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    """(project root, unpacked bundle folder), built once for this module."""
    base = tmp_path_factory.mktemp("offline")
    root = make_project(base / "project", cases=CASES, content=GUIDE, editions=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1796083200", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "casebook.cli",
            "--root",
            str(root),
            "bundle",
            "--out",
            str(base / "dist"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    archive = base / "dist" / "casebook-offline-2026-12-01.zip"
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(base / "unpacked")
    return root, base / "unpacked" / "casebook-offline-2026-12-01"


@pytest.fixture(params=["site", "bundle"])
def offline_site(request, bundled):
    root, unpacked = bundled
    return root / "site" if request.param == "site" else unpacked


def _clean(opened) -> None:
    assert opened.external == [], "requests outside the site"
    assert opened.errors == [], "console errors"


def test_search_finds_a_case_study(offline_site, visit):
    opened = visit((offline_site / "index.html").as_uri())
    page = opened.page
    # As a person would: focus the box, type a word that only the case's narrative has
    # ("workshops": its "What was done"), open the result.
    page.click("input.md-search__input")
    page.keyboard.type("workshop")
    page.wait_for_function(
        "document.querySelector('.cb-search').dataset.query === 'workshop'", timeout=20_000
    )  # the results for the whole word are on screen
    link = page.locator(".cb-search__link[href*='case-studies/riverton-listening.html']")
    assert RIVERTON in link.inner_text()
    link.locator("mark").wait_for(timeout=20_000)
    assert "workshops" in link.inner_text()  # the excerpt, with the word marked
    link.click()
    page.wait_for_url("**/case-studies/riverton-listening.html")
    _clean(opened)


def test_finder_searches_the_full_text(offline_site, visit):
    opened = visit((offline_site / "case-studies" / "index.html").as_uri() + "?words=workshops")
    page = opened.page
    page.wait_for_selector("#cb-results .cb-result__excerpt mark", timeout=20_000)
    hrefs = page.eval_on_selector_all("#cb-results .cb-result a", "els => els.map(a => a.href)")
    # The three cases are variants of the example and share its narrative.
    assert sorted(h.rsplit("/", 1)[1] for h in hrefs) == [
        "harbour-nasty.html",
        "nowhere-national.html",
        "riverton-listening.html",
    ]
    assert page.locator("#cb-results mark").first.inner_text() == "workshops"
    _clean(opened)


def test_facets_filter_the_index(offline_site, visit):
    opened = visit((offline_site / "case-studies" / "index.html").as_uri())
    page = opened.page
    page.wait_for_selector("#cb-status:not(:empty)")
    results = page.locator("#cb-results .cb-result a")
    assert results.count() == 3
    page.check("input[name=region][value=sub-saharan-africa]")
    page.wait_for_function("document.querySelectorAll('#cb-results .cb-result a').length == 1")
    assert results.first.get_attribute("href").endswith("case-studies/harbour-nasty.html")
    assert "region=sub-saharan-africa" in page.url  # the view can be bookmarked
    _clean(opened)


def test_map_draws_its_points_and_a_point_opens_its_case(offline_site, visit):
    opened = visit((offline_site / "map.html").as_uri())
    page = opened.page
    points = page.locator(".cb-pinmap--world .cb-pin summary:visible")
    assert points.count() == 2
    for index in range(2):
        box = points.nth(index).bounding_box()
        assert box and box["width"] >= 24 and box["height"] >= 24  # a size one can hit
    names = sorted(points.nth(i).inner_text() for i in range(2))
    assert names == sorted(["Riverton, Norway: 1 case study", "Mombasa, Kenya: 1 case study"])
    page.locator(".cb-pinmap--world summary:visible", has_text="Riverton").click()
    page.locator(".cb-pinmap--world details[open] .cb-pin__card").get_by_role(
        "link", name=RIVERTON
    ).click()
    page.wait_for_url("**/case-studies/riverton-listening.html")
    assert page.locator(".cb-facts svg.cb-map--locator").is_visible()
    _clean(opened)


def test_downloads_work_from_disk(offline_site, visit):
    opened = visit((offline_site / "case-studies" / "index.html").as_uri())
    page = opened.page
    page.wait_for_selector("#cb-status:not(:empty)")
    with page.expect_download() as filtered:
        page.click("#cb-download")
    with page.expect_download() as whole:
        page.click(".cb-downloads a[href$='casebook.csv']")
    for download in (filtered.value, whole.value):
        text = download.path().read_text(encoding="utf-8-sig")
        header, *rows = [line for line in text.splitlines() if line]
        assert header.replace('"', "").startswith("id,title,") and len(rows) == 3
    _clean(opened)


def test_every_generated_page_opens_without_outside_requests(offline_site, visit):
    opened = visit((offline_site / "index.html").as_uri())
    for name in (
        "print.html",
        "case-studies/harbour-nasty.html",
        "case-studies/nowhere-national.html",
        "guide/listening.html",
    ):
        opened.page.goto((offline_site / name).as_uri())
        opened.page.wait_for_load_state("load")
    _clean(opened)


@pytest.mark.parametrize("code", ["fr", "es", "ar"])
def test_every_edition_opens_without_outside_requests(offline_site, visit, code):
    """Each edition is in the zip, reached from the English home page's language choice, and
    loads nothing from outside the site."""
    opened = visit((offline_site / "index.html").as_uri())
    page = opened.page
    page.click(f".casebook-editions a[hreflang='{code}']")
    page.wait_for_load_state("load")
    assert page.url == (offline_site / code / "index.html").as_uri()
    assert page.evaluate("document.documentElement.lang") == code
    for name in (
        "case-studies/index.html",
        "case-studies/harbour-nasty.html",
        "guide/listening.html",
        "map.html",
        "print.html",
    ):
        path = offline_site / code / name
        assert path.is_file(), f"{code}/{name} is missing"
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        if name == "case-studies/index.html":
            page.wait_for_selector("#cb-status:not(:empty)")
    _clean(opened)
