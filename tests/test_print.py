"""Printing: case pages and "Print the guide" (print.html) printed to PDF by headless Chromium,
their text read back with pypdf; the print page's structure checked on parsed HTML."""

from __future__ import annotations

import io
from collections import Counter

import pytest

from conftest import parse

pypdf = pytest.importorskip("pypdf")

pytestmark = pytest.mark.browser

CASE = "case-studies/riverton-listening.html"
# Text that only the navigation, search and footer chrome carries on these pages.
CHROME = (
    "Skip to content",
    "Browse by region",
    "Browse by evidence",
    "Table of contents",
    "Casebook contributors",
)


def _pdf_text(opened) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(opened.page.pdf(format="A4")))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_case_page_prints_content_and_sources_without_chrome(example_site, visit):
    opened = visit((example_site / CASE).as_uri())
    _, text = _pdf_text(opened)
    assert "Fixture: a city listens before it plans" in text
    assert "Fixture source" in text and "https://example.org/fixture" in text  # link target
    assert [chrome for chrome in CHROME if chrome in text] == []
    assert opened.external == [] and opened.errors == []


def test_print_page_is_the_guide_with_a_print_button(example_site, visit):
    opened = visit((example_site / "print.html").as_uri())
    button = opened.page.get_by_role("button", name="Print or save as PDF")
    assert button.is_visible()
    opened.page.evaluate("window.print = () => { window.cbPrinted = true; }")
    button.click()
    assert opened.page.evaluate("window.cbPrinted === true")
    pages, text = _pdf_text(opened)
    assert pages >= 1 and "A test home page." in text
    assert "Print or save as PDF" not in text  # the button is not printed
    assert "We listened first." not in text  # case studies print from their own pages
    assert [chrome for chrome in CHROME if chrome in text] == []
    assert opened.external == [] and opened.errors == []


def test_print_media_hides_navigation(example_site, visit):
    opened = visit((example_site / "print.html").as_uri())
    opened.page.emulate_media(media="print")
    hidden = opened.page.evaluate(
        "['.md-header', '.md-sidebar--primary', '.md-footer'].map(s => "
        "getComputedStyle(document.querySelector(s)).display)"
    )
    assert hidden == ["none", "none", "none"]


def test_print_page_holds_the_guide_and_links_to_case_pages(example_site):
    page = parse(example_site / "print.html")
    content = page.select_one("article")
    assert [h.get_text(strip=True) for h in content.select("h1")] == ["Print the guide"]
    ids = Counter(tag["id"] for tag in content.select("[id]"))
    assert [key for key, count in ids.items() if count > 1] == []
    assert content.select("section[id^=case-]") == []  # no case study in the document
    home = content.select_one("section#guide-index")
    assert home is not None and next(home.select_one("h3").stripped_strings) == "Casebook"
    # Cards on the home page still lead to the case pages, which print on their own.
    assert home.select_one("a[href='case-studies/riverton-listening.html']") is not None
