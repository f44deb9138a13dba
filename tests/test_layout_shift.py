"""The finder does not move when its script starts (Lighthouse measured a cumulative layout
shift of 0.27 on a phone: the list jumped when the script replaced it and showed the
filters; results laid out late by content-visibility moved the ones below). The script is
held back until the page has painted, the way a slow phone runs it, and Chromium's own
layout-shift entries from the whole load are summed."""

from __future__ import annotations

import pytest

PHONE = {"width": 412, "height": 823}
SHIFTS = """new Promise(done => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      total += entry.value;
      window.cbShifts = (window.cbShifts || []).concat(entry.sources.map(s => (s.node ?
        s.node.className || s.node.nodeName : "text") + ": y " + Math.round(s.previousRect.y) +
        " -> " + Math.round(s.currentRect.y)));
    }
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => done(total), 300);
})"""


@pytest.mark.parametrize(
    "viewport", [PHONE, {"width": 1280, "height": 800}], ids=["phone", "desktop"]
)
def test_the_finder_does_not_shift_when_its_script_starts(browser, fixture_site, viewport):
    context = browser.new_context(viewport=viewport, device_scale_factor=1)
    try:
        page = context.new_page()
        held = []  # the script's request, answered once the page has painted without it
        page.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith("file:") else route.abort()
            ),
        )
        page.route("**/casebook-filter.js", lambda route: held.append(route))  # wins: later
        page.goto((fixture_site / "case-studies" / "index.html").as_uri(), wait_until="commit")
        page.wait_for_selector("#cb-results li")
        page.evaluate("new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)))")
        assert len(held) == 1, "casebook-filter.js was not requested"
        held[0].continue_()
        page.wait_for_function("window.casebookFinder !== undefined")
        assert page.locator(".cb-finder").is_visible()
        shift = page.evaluate(SHIFTS)
        assert shift <= 0.01, (
            f"the finder shifted its layout by {shift:.3f} when it started: "
            + "\n".join(page.evaluate("window.cbShifts"))
        )
    finally:
        context.close()
