"""Largest HTML pages of the built site with 2,000 synthetic case studies (issue 15's target:
no HTML page over 2 MB). Builds a copy of the project (its own cases plus the synthetic ones)
into a temporary folder and lists the largest HTML files.

    PYTHONPATH=src python3 benchmarks/page_size.py [COUNT]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import REPO, write_cases  # noqa: E402

LIMIT = 2 * 1024 * 1024  # bytes


def build_copy(root: Path, count: int) -> tuple[Path, float]:
    for folder in ("content", "case_studies", "schema", "hooks", "overrides"):
        shutil.copytree(REPO / folder, root / folder)
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text())
    config["extra"]["casebook"].pop("editions", None)  # English only (editions_bench.py)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    write_cases(root / "case_studies", count)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root, env=env, check=True
    )
    return root / "site", time.perf_counter() - start


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    with tempfile.TemporaryDirectory() as folder:
        site, seconds = build_copy(Path(folder) / "project", count)
        pages = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size, reverse=True)
        print(f"{count:,} synthetic cases; {len(pages):,} HTML pages; build {seconds:.0f} s")
        print("\n| page | size (KB) |\n|---|---|")
        for page in pages[:6]:
            print(f"| {page.relative_to(site)} | {page.stat().st_size / 1024:,.0f} |")
        largest = pages[0].stat().st_size
        print(
            f"\nlargest: {largest / 1024 / 1024:.2f} MB — "
            f"{'met' if largest <= LIMIT else 'NOT met'} (≤ 2 MB)"
        )
        return 0 if largest <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
