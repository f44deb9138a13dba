"""Time the filter step of the filterable index over N synthetic cases in headless Chromium.

    python benchmarks/filter_bench.py [N] [--runs R] [--record]

Builds CaseStudy objects directly (no YAML), writes the index page as the site renders it
(the template's markup, the data script from casebook.export.filter_data, casebook-filter.js
and casebook.css, without Material's stylesheet) into a temporary folder, opens it from file://
and times `window.casebookFinder.apply(state, true)` (filter, count, render the visible
results, lay them out) for several states, R times each. Reports the median and p90 in ms
(target: median ≤ 16 ms at N = 5,000). --record writes them under "Filter step" in
benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import tempfile
from pathlib import Path

from casebook import export
from casebook.model import CaseStudy, Catalog
from casebook.render import Renderer
from casebook.vocabulary import load_vocabularies, size_band
from synthetic import REPO, synthetic_case

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
STATES = {  # name -> state passed to apply(); facet values exist in every synthetic set
    "no filter": {"q": "", "sort": "title", "facets": {}},
    "one region": {"q": "", "sort": "title", "facets": {"region": ["europe"]}},
    "three facets": {
        "q": "",
        "sort": "year",
        "facets": {
            "region": ["europe", "sub-saharan-africa"],
            "phases": ["prevention"],
            "evidence": ["anecdotal", "documented"],
        },
    },
    "text": {"q": "youth dialogue", "sort": "reviewed", "facets": {}},
    "text and facet": {"q": "town 4", "sort": "title", "facets": {"themes": ["peace-dialogue"]}},
}
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Filter bench</title>
<link rel="stylesheet" href="casebook.css"></head><body><div class="md-typeset">{body}</div>
<script src="casebook-filter.js"></script></body></html>"""


def synthetic_catalog(count: int) -> Catalog:
    vocabularies = load_vocabularies(REPO / "schema" / "vocabularies")
    cases = []
    for index in range(count):
        record = synthetic_case(index, vocabularies)
        size = size_band(record["place"].get("population"), vocabularies["city_sizes"])
        cases.append(CaseStudy(record, f"case_studies/{record['id']}.yml", size))
    return Catalog(cases, vocabularies)


def write_page(folder: Path, catalog: Catalog) -> Path:
    """The index page with its scripts side by side (so `base` is '' and paths are flat)."""
    renderer = Renderer(catalog, today=datetime.date.today())
    body = renderer.index_page().replace(
        'src="../assets/casebook-data.js"', 'src="casebook-data.js"'
    )
    body = body.replace('data-base="../"', 'data-base=""')
    (folder / "casebook-data.js").write_text(export.data_script(catalog), encoding="utf-8")
    assets = REPO / "content" / "assets"
    for asset in (
        assets / "javascripts" / "casebook-filter.js",
        assets / "stylesheets" / "casebook.css",
    ):
        (folder / asset.name).write_text(asset.read_text(encoding="utf-8"), encoding="utf-8")
    page = folder / "index.html"
    page.write_text(PAGE.format(body=body), encoding="utf-8")
    return page


TIMER = """([state, runs]) => {
  const finder = window.casebookFinder, times = [];
  let shown = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    shown = finder.apply(state, true);
    document.body.offsetHeight;  // include style and layout of the new results
    times.push(performance.now() - start);
  }
  return {times, shown};
}"""


def time_states(page_path: Path, runs: int) -> dict[str, tuple[list[float], int]]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(page_path.as_uri())
        page.wait_for_function("window.casebookFinder !== undefined")
        results = {}
        for name, state in STATES.items():
            page.evaluate(TIMER, [state, 5])  # warm-up: JIT, caches
            measured = page.evaluate(TIMER, [state, runs])
            results[name] = (measured["times"], measured["shown"])
        browser.close()
    if errors:
        raise SystemExit(f"page errors: {errors}")
    return results


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(count: int, runs: int, results) -> str:
    every = [t for times, _ in results.values() for t in times]
    machine = f"{platform.machine()}, {os.cpu_count()} cores"
    lines = [
        f"N = {count:,} cases, {runs} runs per state, headless Chromium "
        f"({datetime.date.today().isoformat()}, {machine})",
        "",
        "| state | results | median ms | p90 ms |",
        "|---|---:|---:|---:|",
    ]
    for name, (times, shown) in results.items():
        lines.append(
            f"| {name} | {shown:,} | {statistics.median(times):.1f} | "
            f"{percentile(times, 0.9):.1f} |"
        )
    lines.append(
        f"| **all states** | | **{statistics.median(every):.1f}** | "
        f"**{percentile(every, 0.9):.1f}** |"
    )
    verdict = "meets" if statistics.median(every) <= 16 else "misses"
    lines += ["", f"The median over all states {verdict} the target (≤ 16 ms)."]
    return "\n".join(lines)


def record(text: str) -> None:
    """Append (or replace) the "Filter step" section; other sections are left as they are."""
    path = REPO / "benchmarks" / "RESULTS.md"
    existing = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    heading = "## Filter step"
    section = (
        f"{heading}\n\n`python benchmarks/filter_bench.py 5000 --record`: one call of "
        "`casebookFinder.apply(state, true)` on the filterable index's own markup, "
        "script and stylesheet (Material's stylesheet left out): filter, per-value "
        "counts, the first 50 results rendered and laid out, the URL rewritten. "
        "Other work on the machine makes single runs noisy; the median is the "
        f"figure to compare.\n\n{text}\n"
    )
    if heading in existing:
        start = existing.index(heading)
        end = existing.find("\n## ", start + len(heading))
        tail = existing[end + 1 :] if end != -1 else ""
        existing = existing[:start] + section + ("\n" + tail if tail else "")
    else:
        existing = existing.rstrip("\n") + "\n\n" + section
    path.write_text(existing, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        page = write_page(Path(folder), synthetic_catalog(args.count))
        results = time_states(page, args.runs)
    text = report(args.count, args.runs, results)
    print(text)
    if args.record:
        record(text)


if __name__ == "__main__":
    main()
