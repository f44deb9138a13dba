"""WCAG 2.2 AA in headless Chromium: axe-core on every page type in both colour schemes, and
the filterable index driven by keyboard alone.

axe-core comes from the axe-playwright-python package (it ships axe.min.js), not a copy here.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = {  # page type -> URL inside the site (with a query for the filtered index)
    "home": "index.html",
    "guide": "guide/neighbourhoods.html",
    "index": "case-studies/index.html",
    "index-filtered": "case-studies/index.html?region=europe&themes=listening-exercise",
    "case": "case-studies/alpha-listening.html",
    "practice": "practices/listening-exercise.html",
    "overview": "practices/index.html",
    "map": "map.html",
}


@pytest.fixture(scope="module")
def site(fixture_site):
    return fixture_site


def page_url(site, name: str) -> str:
    path, _, query = PAGES[name].partition("?")
    # a missing page is a failure, never a skip: deleting a page must not pass quietly
    assert (site / path).is_file(), f"{path} is missing from the built site"
    return (site / path).as_uri() + (f"?{query}" if query else "")


def axe_violations(page, tags: list[str]) -> list[dict]:
    """axe-core's violations of the rules with these tags on the page as it is now."""
    # No preload: axe would fetch the stylesheets with XHR, which file:// refuses (console noise).
    options = {
        "runOnly": {"type": "tag", "values": tags},
        "resultTypes": ["violations"],
        "preload": False,
    }
    return Axe().run(page, options=options).response["violations"]


def violations_report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary']}".replace("\n", " "))
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_wcag_violations(site, visit, name, scheme):
    visited = visit(page_url(site, name), color_scheme=scheme)
    page = visited.page
    # Material follows prefers-color-scheme through the palette's media queries.
    expected = "slate" if scheme == "dark" else "default"
    assert page.get_attribute("body", "data-md-color-scheme") == expected
    if name.startswith("index"):
        page.wait_for_selector("#cb-status:not(:empty)")
    assert visited.errors == [] and visited.external == []
    violations = axe_violations(page, WCAG_TAGS)
    assert not violations, violations_report(violations)


def test_keyboard_alone_filters_and_opens_a_case_study(site, visit):
    page = visit(page_url(site, "index")).page
    page.wait_for_selector("#cb-status:not(:empty)")
    before = page.inner_text("#cb-status")

    focused = tab_until(page, "e => e.name === 'region' && e.value === 'north-america'")
    assert focus_is_visible(page), "the focused checkbox shows no focus indicator"
    page.keyboard.press("Space")
    assert page.is_checked("input[name=region][value=north-america]")
    status = page.locator("#cb-status")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    assert before == "9 case studies"
    assert status.inner_text() == "2 of 9 case studies match"

    focused = tab_until(page, "e => e.matches('#cb-results a')")
    assert focus_is_visible(page), "the focused result link shows no focus indicator"
    page.keyboard.press("Enter")
    page.wait_for_url("**/case-studies/*.html")
    assert page.locator("h1").inner_text() == focused


def tab_until(page, predicate: str, limit: int = 120) -> str:
    """Press Tab until document.activeElement satisfies the JS predicate; its text."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"({predicate})(document.activeElement)"):
            return page.evaluate("document.activeElement.textContent.trim()")
    raise AssertionError(f"Tab never reached an element with {predicate}")


def focus_is_visible(page) -> bool:
    """An outline on the focused element or on the label around it."""
    return page.evaluate("""() => {
      const el = document.activeElement;
      return [el, el.closest('label')].filter(Boolean).some(e => {
        const s = getComputedStyle(e);
        return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
      });
    }""")


def test_every_control_in_the_index_has_a_visible_focus_indicator(site, visit):
    page = visit(page_url(site, "index-filtered")).page
    page.wait_for_selector("#cb-status:not(:empty)")
    page.focus("#cb-q")
    seen = []
    while page.evaluate("document.activeElement.closest('.md-content') !== null"):
        seen.append(
            page.evaluate(
                "(e => [e.tagName, e.id, e.type, e.getAttribute('aria-label'),"
                " e.textContent.trim().slice(0, 30)].join(' '))"
                "(document.activeElement)"
            )
        )
        assert focus_is_visible(page), f"no visible focus on {seen[-1]}"
        page.keyboard.press("Tab")
        assert len(seen) < 200
    kinds = " ".join(seen)
    for control in (
        "INPUT cb-q search",
        "SELECT cb-sort",
        "SUMMARY",
        "checkbox",
        "Remove filter",
        "cb-clear",
        "cb-download",
        "A  ",
    ):
        assert control in kinds, f"Tab never reached {control}"


def test_facets_are_labelled_form_controls(site, visit):
    page = visit(page_url(site, "index")).page
    page.wait_for_selector("#cb-status:not(:empty)")
    boxes = page.locator("#cb-filters input[type=checkbox]")
    assert boxes.count() > 10
    for index in range(boxes.count()):
        name = page.evaluate(
            "b => b.labels.length && b.labels[0].textContent.trim()",
            boxes.nth(index).element_handle(),
        )
        assert name, "a facet checkbox has no label"
    legends = page.locator("#cb-filters fieldset > legend").all_text_contents()
    assert "Region" in legends and "Evidence" in legends


def test_reduced_motion_is_respected(site, visit):
    page = visit(page_url(site, "index"), reduced_motion="reduce").page
    duration = page.eval_on_selector(
        ".cb-actions .md-button", "b => parseFloat(getComputedStyle(b).transitionDuration)"
    )
    assert duration < 0.001
    moving = visit(page_url(site, "index")).page.eval_on_selector(
        ".cb-actions .md-button", "b => parseFloat(getComputedStyle(b).transitionDuration)"
    )
    assert moving > 0.01  # the check above can fail: without the preference, buttons animate


def test_map_has_a_text_alternative_listing_every_place(site, visit):
    page = visit(page_url(site, "map")).page
    listed = page.eval_on_selector_all(
        ".md-content ul a[href*='case-studies/']",
        "links => links.map(a => a.getAttribute('href').split('/').pop())",
    )
    cases = sorted(
        path.name for path in (site / "case-studies").glob("*.html") if path.name != "index.html"
    )
    assert sorted(set(listed)) == cases


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focused_controls_keep_their_contrast(site, visit, scheme):
    """Material fills a focused button with its accent colour; ours must still read."""
    # Reduced motion: no colour transition half-way through when axe looks.
    page = visit(
        page_url(site, "index-filtered"), width=360, color_scheme=scheme, reduced_motion="reduce"
    ).page
    page.wait_for_selector("#cb-status:not(:empty)")
    for selector in (".cb-filters__toggle", "#cb-active button", "#cb-clear", "#cb-download"):
        page.focus(selector)
        violations = (
            Axe()
            .run(page, options={"runOnly": ["color-contrast"], "preload": False})
            .response["violations"]
        )
        assert not violations, f"{selector}: " + violations_report(violations)
