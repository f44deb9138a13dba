"""Full-text search at scale: index size, first-visit weight and query speed on a slow phone.

    python benchmarks/search_bench.py [N]        (default 2000)

Builds a site of N synthetic case studies whose narratives use ~30,000 distinct words
(synthetic.py, varied=True), then:

- index size: search/casebook-index.js raw and gzip -9, and per 1,000 cases; the per-case
  excerpt files (loaded only for results on screen);
- first-visit weight of the home page, the finder and a case page (transfer_size.page_load:
  the page and every file it loads by itself, raw bytes);
- speed in Chromium from file:// with the CPU throttled 4x (CDP Emulation.setCPUThrottlingRate):
  the first query in the header box, from focusing the box (which starts loading the index)
  to the first result on screen; then every further keystroke to the updated results
  (median, p90); the finder's own filter step with words (apply(), median, p90).

Prints Markdown for benchmarks/RESULTS.md.
"""

from __future__ import annotations

import gzip
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from synthetic import REPO, project_shell, write_cases
from transfer_size import page_load

THROTTLE = 4
# Typed one key at a time after the first query; each key's results are timed.
FURTHER = "coordination council"


def make_project(root: Path, count: int) -> list[dict]:
    cases = write_cases(root / "case_studies", count, varied=True)
    project_shell(root)  # English only (editions_bench.py measures the editions)
    return cases


def build(root: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, env=env, check=True)
    return root / "site"


def rare_word(cases: list[dict]) -> tuple[str, str]:
    """A word of one case's narrative that no other case has: (word, case id)."""
    owners: dict[str, set[str]] = {}
    for case in cases:
        for text in case["narrative"].values():
            for word in text.lower().rstrip(".").split():
                owners.setdefault(word, set()).add(case["id"])
    word = sorted(w for w, ids in owners.items() if len(ids) == 1 and len(w) > 8)[0]
    return word, next(iter(owners[word]))


def _size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, 9, mtime=0))


def index_sizes(site: Path, count: int) -> list[str]:
    main = _size(site / "search" / "casebook-index.js")
    shards = [_size(p) for p in sorted((site / "search").glob("casebook-index-*.js"))]
    raw, packed = main[0] + sum(r for r, _ in shards), main[1] + sum(g for _, g in shards)
    largest = max(shards)
    texts = [_size(p) for p in (site / "search" / "text").glob("*.js")]
    per = 1000 / count
    return [
        f"| full-text index, all of it (main + {len(shards)} shards) | {raw / 1024:.0f} KB | "
        f"{packed / 1024:.0f} KB | per 1,000 cases: {raw * per / 1024:.0f} KB raw, "
        f"{packed * per / 1024:.0f} KB gzip |",
        f"| main part (documents, rules), loaded on first focus | {main[0] / 1024:.0f} KB | "
        f"{main[1] / 1024:.0f} KB | |",
        f"| largest shard (one first letter), loaded when a word needs it | "
        f"{largest[0] / 1024:.0f} KB | {largest[1] / 1024:.0f} KB | |",
        f"| excerpt files (search/text/*.js, {len(texts)}) | "
        f"{sum(r for r, _ in texts) / 1024:.0f} KB | — | "
        f"{statistics.mean(r for r, _ in texts) / 1024:.1f} KB each, loaded only for "
        "results on screen |",
    ]


def weights(site: Path) -> list[str]:
    case = sorted(p.name for p in (site / "case-studies").glob("synthetic-*.html"))[0]
    lines = []
    for label, page, target in (
        ("Home page", "index.html", 600),
        ("Finder (case-studies/index.html)", "case-studies/index.html", 1536),
        (f"Case page ({case})", f"case-studies/{case}", 600),
    ):
        totals = page_load(site, page)
        raw = sum(v[0] for v in totals.values()) / 1024
        packed = sum(v[1] for v in totals.values()) / 1024
        verdict = "met" if raw <= target else "**not met**"
        lines.append(f"| {label} | {raw:.0f} KB | {packed:.0f} KB | ≤ {target} KB raw: {verdict} |")
    return lines


_TIMER = """() => {
  window.__times = [];
  const section = document.querySelector('.cb-search');
  let started = null;
  document.addEventListener('keydown', () => { started = performance.now(); }, true);
  new MutationObserver(() => {
    if (started !== null) { window.__times.push(performance.now() - started); started = null; }
  }).observe(section, { attributes: true, attributeFilter: ['data-query'] });
}"""


def speed(site: Path, word: str, case_id: str) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(REPO / "tests"))
    from conftest import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(("file:", "data:", "blob:", "about:"))
                else route.abort()
            ),
        )
        first = first_query_ms(page, site, word, case_id)
        page.evaluate(_TIMER)
        page.keyboard.type(" " + FURTHER, delay=150)
        page.wait_for_function(
            f"document.querySelector('.cb-search').dataset.query.endsWith('{FURTHER[-3:]}')"
        )
        keys = page.evaluate("() => window.__times")

        finder = browser.new_page()
        finder.goto((site / "case-studies" / "index.html").as_uri() + f"?words={word}")
        finder.wait_for_selector(f"#cb-results a[href$='{case_id}.html']", timeout=30_000)
        cdp = finder.context.new_cdp_session(finder)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
        steps = finder.evaluate(
            """(text) => {
          const f = window.casebookFinder, times = [];
          for (let i = 1; i <= text.length; i++) {
            const state = f.readForm(); state.q = text.slice(0, i);
            const t = performance.now(); f.apply(state, true); times.push(performance.now() - t);
          }
          return times;
        }""",
            FURTHER,
        )
        browser.close()
    return {"first": first, "keys": keys, "finder": steps}


def first_query_ms(page, site: Path, word: str, case_id: str) -> float:
    """The first query on the home page, CPU throttled: focus the box (Material builds its
    own small index of the guide pages, ours starts loading) and enter a word in one go, as a
    paste or a phone's word suggestion does; timed to its first result on screen."""
    page.goto((site / "index.html").as_uri())
    page.wait_for_load_state("load")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
    page.evaluate("() => { window.__t0 = performance.now(); }")
    page.click("input.md-search__input")
    page.fill("input.md-search__input", word)
    page.wait_for_selector(f".cb-search__link[href$='{case_id}.html']", timeout=30_000)
    return float(page.evaluate("() => performance.now() - window.__t0"))


def _p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1]


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        cases = make_project(root, count)
        site = build(root)
        word, case_id = rare_word(cases)
        print(f"N = {count}; rare narrative word {word!r} (only in {case_id})\n")
        print("| what | raw | gzip | target / note |\n|---|---|---|---|")
        print("\n".join(index_sizes(site, count) + weights(site)))
        timing = speed(site, word, case_id)
    keys, finder = timing["keys"], timing["finder"]
    print(f"\nCPU throttled {THROTTLE}x, file://:\n")
    print("| what | measured | target |\n|---|---|---|")
    print(
        f"| first query in the header box, focus → first result (index loaded) | "
        f"{timing['first']:.0f} ms | ≤ 1500 ms |"
    )
    print(
        f"| further keystrokes, header box (n = {len(keys)}) | median "
        f"{statistics.median(keys):.0f} ms, p90 {_p90(keys):.0f} ms | ≤ 100 / 200 ms |"
    )
    print(
        f"| finder filter step with words (n = {len(finder)}) | median "
        f"{statistics.median(finder):.0f} ms, p90 {_p90(finder):.0f} ms | ≤ 100 / 200 ms |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
