"""Issue 15: axe-core with the WCAG A/AA *and* best-practice rules reports nothing on the
front door's pages, in both colour schemes, at 1280 and 360 px, on a build of the real
project (its home page, guide and case studies)."""

from __future__ import annotations

import pytest

from front_build import build_project_copy
from test_accessibility import axe_violations, violations_report

pytestmark = pytest.mark.browser
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PAGES = {
    "home": "index.html",
    "case": "case-studies/oslo-salto.html",
    "map": "map.html",
    "guide": "preparation/mandate.html",
    "browse": "practices/index.html",
    "term": "regions/europe.html",
    "finder": "case-studies/index.html?region=europe",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_project_copy(tmp_path_factory.mktemp("axe") / "project") / "site"


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_violations_with_best_practice_rules(site, visit, name, scheme, width):
    path, _, query = PAGES[name].partition("?")
    assert (site / path).is_file(), f"{path} is missing from the build"
    visited = visit(
        (site / path).as_uri() + (f"?{query}" if query else ""),
        width=width,
        color_scheme=scheme,
        reduced_motion="reduce",
    )
    page = visited.page
    if name == "finder":
        page.wait_for_selector("#cb-status:not(:empty)")
    assert visited.errors == [] and visited.external == []
    violations = axe_violations(page, TAGS)
    assert not violations, violations_report(violations)
