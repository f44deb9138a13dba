"""Time `mkdocs build` of Casebook's real configuration against plain MkDocs + Material
building the same case studies as ordinary Markdown pages kept out of the nav.

    python benchmarks/build_bench.py [N ...]       (default: 2000 4000)

For each N, both variants are built alternately, 3 times each, and the medians compared.
Reports the ratio casebook/plain per N and t(largest)/t(smallest) for Casebook.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from synthetic import REPO, write_cases

RUNS = 3


def _casebook_project(root: Path, count: int) -> None:
    write_cases(root / "case_studies", count)
    for folder in ("schema", "hooks"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copytree(REPO / "content" / "assets", root / "content" / "assets")
    (root / "content" / "index.md").write_text("# Benchmark\n\n[[newest:5]]\n")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text())
    config.pop("nav", None)
    config["extra"]["casebook"].pop("editions", None)  # English only (editions_bench.py)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))


def _plain_project(root: Path, count: int, *, listings: bool) -> None:
    """The same cases as hand-written Markdown pages, the same theme and plugins, no hooks.
    With `listings`, also Markdown versions of every page Casebook generates; without, the
    same navigation entries point at one-line pages (the issue's own set-up: case pages only)."""
    cases = write_cases(root / "data", count)
    docs = root / "content" / "case-studies"
    docs.mkdir(parents=True)
    for case in cases:
        docs.joinpath(f"{case['id']}.md").write_text(_markdown(case), encoding="utf-8")
    shutil.copytree(REPO / "content" / "assets", root / "content" / "assets")
    (root / "content" / "index.md").write_text("# Benchmark\n")
    _plain_listings(root / "content", cases, full=listings)
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text())
    for key in ("nav", "hooks"):
        config.pop(key, None)
    # The same pages in and out of the navigation as Casebook's build: Material renders the
    # whole nav into every page, so a smaller nav alone would make the plain build cheaper.
    config["not_in_nav"] = "\n".join(
        ["/case-studies/synthetic-*"]
        + [line for folder in FOLDERS.values() for line in (f"/{folder}/*", f"!/{folder}/index.md")]
    )
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))


NO_SEARCH = "---\nsearch:\n  exclude: true\n---\n"
FOLDERS = {"phases": "phases", "themes": "practices", "region": "regions", "evidence": "evidence"}


def _plain_listings(docs: Path, cases: list[dict], *, full: bool) -> None:
    """Markdown versions of the pages Casebook generates: the index of every case, an
    overview and a page per term for each browsable facet, the map's list of places, the
    print page with every case, and a schema page — kept out of search, as Casebook's are.
    Unless `full`, each is a one-line page and the term pages are left out."""
    if not full:
        cases = []

    def link(case: dict, prefix: str) -> str:
        return f"- [{case['title']}]({prefix}case-studies/{case['id']}.md) — {case['summary']}"

    (docs / "case-studies" / "index.md").write_text(
        NO_SEARCH
        + "# Case studies\n\n"
        + "\n".join(f"- [{c['title']}]({c['id']}.md)" for c in cases)
    )
    for facet, folder in FOLDERS.items():
        (docs / folder).mkdir()
        terms: dict[str, list[dict]] = {}
        for case in cases:
            values = case["place"]["region"] if facet == "region" else case[facet]
            for value in values if isinstance(values, list) else [values]:
                terms.setdefault(value, []).append(case)
        (docs / folder / "index.md").write_text(
            NO_SEARCH
            + f"# {folder.title()}\n\n"
            + "\n".join(
                f"- [{term}]({term}.md) ({len(found)})" for term, found in sorted(terms.items())
            )
        )
        for term, found in terms.items():
            (docs / folder / f"{term}.md").write_text(
                NO_SEARCH + f"# {term}\n\n" + "\n".join(link(c, "../") for c in found)
            )
    (docs / "map.md").write_text(
        NO_SEARCH
        + "# Map\n\n"
        + "\n".join(f"- [{c['place']['name']}](case-studies/{c['id']}.md)" for c in cases)
    )
    (docs / "print.md").write_text(
        NO_SEARCH
        + "# Print the guide\n\n"
        + "\n\n".join(
            _markdown(c).replace("\n## ", "\n### ").replace("# ", "## ", 1) for c in cases
        )
    )
    (docs / "contribute").mkdir()
    (docs / "contribute" / "schema.md").write_text("# Schema reference\n\nFields.\n")


def _markdown(case: dict) -> str:
    place = case["place"]
    lines = [
        f"# {case['title']}",
        "",
        case["summary"],
        "",
        f"- Place: {place['name']}, {place['country']}",
        f"- Region: {place['region']}",
        f"- Themes: {', '.join(case['themes'])}",
        f"- Evidence: {case['evidence']}",
        "",
    ]
    for key, text in case["narrative"].items():
        lines += [f"## {key.capitalize()}", "", text, ""]
    lines += ["## Sources", ""] + [f"1. [{s['title']}]({s['url']})" for s in case["sources"]]
    return "\n".join(lines) + "\n"


def _build(root: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    assert result.returncode == 0, result.stderr[-3000:]
    return elapsed


def main(counts: list[int]) -> None:
    medians: dict[int, float] = {}
    print(
        "| N | Casebook (s) | plain, case pages only (s) | ratio | plain, every page (s) | ratio |"
    )
    print("|---|---|---|---|---|---|")
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            ours, pages, full = (Path(tmp) / name for name in ("casebook", "pages", "full"))
            _casebook_project(ours, count)
            _plain_project(pages, count, listings=False)
            _plain_project(full, count, listings=True)
            times: dict[Path, list[float]] = {ours: [], pages: [], full: []}
            for _ in range(RUNS):  # alternate, so drift on a noisy machine hits all three
                for root in times:
                    times[root].append(_build(root))
        ours_t, pages_t, full_t = (statistics.median(times[r]) for r in (ours, pages, full))
        medians[count] = ours_t
        print(
            f"| {count} | {ours_t:.1f} | {pages_t:.1f} | {ours_t / pages_t:.2f} | "
            f"{full_t:.1f} | {ours_t / full_t:.2f} |",
            flush=True,
        )
    if len(counts) > 1:
        low, high = min(counts), max(counts)
        print(f"\nt({high})/t({low}) for Casebook: {medians[high] / medians[low]:.2f}")


if __name__ == "__main__":
    main([int(n) for n in sys.argv[1:]] or [2000, 4000])
