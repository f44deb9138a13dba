"""Time `casebook validate` over N synthetic case studies; report ms per file.

    python benchmarks/validate_bench.py [N ...]      (default: 1000 10000)

Runs the real command (a subprocess, so start-up is included) 5 times per N and reports
the median, plus the loader alone with the C and the pure-Python parser.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from casebook.loader import load_file
from synthetic import REPO, write_cases


def _time_command(folder: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "casebook.cli", "--root", str(REPO), "validate", str(folder)],
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return elapsed


def _time_loader(files: list[Path], fast: bool) -> float:
    start = time.perf_counter()
    for path in files:
        load_file(str(path), fast=fast)
    return (time.perf_counter() - start) / len(files) * 1000


def main(counts: list[int]) -> None:
    print(
        "| N | validate, median of 5 (s) | ms per file | loader C (ms/file) | "
        "loader pure Python (ms/file) |"
    )
    print("|---|---|---|---|---|")
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "case_studies"
            write_cases(folder, count)
            runs = [_time_command(folder) for _ in range(5)]
            files = sorted(folder.glob("*.yml"))[:1000]
            fast, slow = _time_loader(files, True), _time_loader(files, False)
            median = statistics.median(runs)
            print(
                f"| {count} | {median:.2f} | {median / count * 1000:.3f} | {fast:.3f} | "
                f"{slow:.3f} |"
            )


if __name__ == "__main__":
    main([int(n) for n in sys.argv[1:]] or [1000, 10000])
