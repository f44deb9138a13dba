"""Full-text search per edition at the real collection: index weight and the first query.

    python benchmarks/search_editions_bench.py [CODE ...]     (default: en fr es ar)

For each language, builds one edition (theme.language and extra.casebook.language set, as
mkdocs.<code>.yml does) of the repository's case studies, their translations in
case_studies/translations/<code>/ (used once the translations overlay is in the build) and
the contributor pages, then:

- the edition's full-text index: all of it (main + shards), the main part a first focus
  loads, the largest shard, and the edition's stemmer script, raw and gzip -9;
- first-visit weight of the home page, the finder and a case page (transfer_size.page_load:
  nothing of the full-text index loads before a search box is focused);
- the first query in the header box, Chromium from file:// with the CPU throttled 4x: from
  focusing the box (which starts loading the stemmer and index) to the first result on
  screen, for a word only one case has (median of 3 fresh pages).

Prints Markdown for benchmarks/RESULTS.md.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from search_bench import _size, first_query_ms
from synthetic import REPO, project_shell
from transfer_size import page_load

sys.path.insert(0, str(REPO / "src"))
from casebook.project import Project  # noqa: E402
from casebook.search.documents import documents  # noqa: E402
from casebook.search.normalise import language  # noqa: E402

RUNS = 3


def make_project(root: Path, code: str) -> Path:
    shutil.copytree(REPO / "case_studies", root / "case_studies")
    project_shell(root, language=code)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, env=env, check=True)
    return root / "site"


def rare_word(site_root: Path, code: str) -> tuple[str, str]:
    """The longest word of one case's text that no other case has: (word, case id)."""
    lang, owners = language(code), {}
    for doc in documents(Project(site_root).catalog(), code):
        for texts in doc.tiers.values():
            for text in texts:
                for word, terms in lang.entries(text):
                    if word.isalpha():
                        owners.setdefault((word, terms), set()).add(doc.id)
    by_term: dict[str, set[str]] = {}
    for (_, terms), ids in owners.items():
        for term in terms:
            by_term.setdefault(term, set()).update(ids)
    unique = [
        (word, next(iter(ids)))
        for (word, terms), ids in owners.items()
        if len(ids) == 1 and all(by_term[t] == ids for t in terms)
    ]
    return max(unique, key=lambda pair: (len(pair[0]), pair[0]))


def first_query(site: Path, word: str, case_id: str) -> float:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(REPO / "tests"))
    from conftest import CHROMIUM_ARGS, chromium_path

    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for _ in range(RUNS):
            page = browser.new_page()
            times.append(first_query_ms(page, site, word, case_id))
            page.close()
        browser.close()
    return statistics.median(times)


def kb(size: tuple[int, int]) -> str:
    return f"{size[0] / 1024:.0f} / {size[1] / 1024:.0f}"


def row(code: str, folder: Path) -> str:
    site = make_project(folder / code, code)
    search = site / "search"
    main = _size(search / "casebook-index.js")
    shards = [_size(p) for p in sorted(search.glob("casebook-index-*.js"))]
    whole = (main[0] + sum(r for r, _ in shards), main[1] + sum(g for _, g in shards))
    stemmer = _size(search / "casebook-stemmer.js")
    case = sorted(p.name for p in (site / "case-studies").glob("*.html") if p.name != "index.html")
    pages = []
    for page in ("index.html", "case-studies/index.html", f"case-studies/{case[0]}"):
        totals = page_load(site, page)
        pages.append(sum(v[0] for v in totals.values()) / 1024)
    word, case_id = rare_word(folder / code, code)
    first = first_query(site, word, case_id)
    return (
        f"| {code} | {kb(whole)} ({len(shards)} shards) | {kb(main)} | {kb(max(shards))} | "
        f"{kb(stemmer)} | {pages[0]:.0f} / {pages[1]:.0f} / {pages[2]:.0f} | "
        f"{first:.0f} ms (“{word}”) |"
    )


def main() -> int:
    codes = sys.argv[1:] or ["en", "fr", "es", "ar"]
    with tempfile.TemporaryDirectory() as folder:
        lines = [row(code, Path(folder)) for code in codes]
    print(
        "| edition | index, all (KB raw / gzip) | main part | largest shard | stemmer | "
        "first visit: home / finder / case page (KB raw) | first query, throttled 4× |\n"
        "|---|---|---|---|---|---|---|"
    )
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
