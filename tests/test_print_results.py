"""'Print these N results' on the finder (issue 15): the chosen case studies, loaded from
assets/print/<id>.js, printed as one document from file:// with the network blocked."""

from __future__ import annotations

import io
import json
import re

import pytest

from casebook.i18n.catalogue import strings
from conftest import parse

pypdf = pytest.importorskip("pypdf")

pytestmark = pytest.mark.browser
EN = strings("en")
NORTH_AMERICA = ["echo-youth", "foxtrot-desk"]  # casebook_fixtures: region north-america


def _finder(visit, site, query=""):
    opened = visit((site / "case-studies" / "index.html").as_uri() + query)
    opened.page.wait_for_selector("#cb-status:not(:empty)")
    # Headless Chromium's print() would return at once and fire afterprint, which clears the
    # printout: record what would be printed instead, and keep it on the page.
    opened.page.evaluate(
        "window.print = () => { window.printed = Array.from("
        "document.querySelectorAll('.cb-print-results .cb-print-case'), a => a.id); }"
    )
    return opened


def test_print_fragments_are_written_for_every_case(fixture_site):
    scripts = sorted(p.stem for p in (fixture_site / "assets" / "print").glob("*.js"))
    listed = [
        li["data-id"]
        for li in parse(fixture_site / "case-studies" / "index.html").select(
            "#cb-results [data-id]"
        )
    ]
    assert scripts == sorted(listed) and len(scripts) >= 8
    text = (fixture_site / "assets" / "print" / "echo-youth.js").read_text(encoding="utf-8")
    assert "</" not in text  # nothing in the script text can close a script element
    case_id, html = json.loads(
        re.fullmatch(r"casebookPrintCase\.apply\(null, (.*)\);\n", text, re.S)[1]
    )
    article = parse_fragment(html)
    assert case_id == "echo-youth" and article["id"] == "print-echo-youth"
    ids = [tag["id"] for tag in article.select("[id]")]
    assert ids and all(i.startswith("print-echo-youth") for i in ids)
    assert article.select_one("h1").get_text(strip=True) == "Fixture: East Maple funds youth clubs"


def parse_fragment(html):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser").select_one("article.cb-print-case")


def test_button_counts_the_results_and_prints_exactly_them(fixture_site, visit):
    opened = _finder(visit, fixture_site, "?region=north-america")
    page = opened.page
    button = page.locator("#cb-print-results")
    assert button.inner_text() == EN.t("ui.finder.print_results", count=2)
    button.click()
    page.wait_for_function("window.printed !== undefined")
    assert page.evaluate("window.printed") == [f"print-{i}" for i in NORTH_AMERICA]
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "East Maple funds youth clubs" in text and "Fort Pine opens a community desk" in text
    assert "Ålesund-on-Sea" not in text  # another region's case: not in the printout
    assert "Download these" not in text  # the finder itself does not print
    assert len(reader.pages) >= 2  # each case study from a new sheet
    assert opened.external == [] and opened.errors == []


def test_the_count_follows_the_filters(fixture_site, visit):
    opened = _finder(visit, fixture_site)
    page = opened.page
    total = page.locator("#cb-results [data-id]").count()
    assert page.inner_text("#cb-print-results") == EN.t("ui.finder.print_results", count=total)
    page.check("input[name=region][value=north-america]")
    expected = EN.t("ui.finder.print_results", count=len(NORTH_AMERICA))
    page.wait_for_function(
        "text => document.getElementById('cb-print-results').textContent === text", arg=expected
    )
    assert page.is_enabled("#cb-print-results")
