"""What translations of case studies cost: `validate` with and without one language's
translations of every case, and building that edition's overlaid catalog.

    python benchmarks/translations_bench.py [N ...]      (default: 2000)

Each synthetic case gets a French "translation" holding every translatable field (its own
text, so markers and list lengths match): the most a translation can weigh. Medians of 3,
wall clock.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import yaml

from casebook.project import Project
from casebook.translations.overlay import translated_catalog
from casebook.translations.source import source_hash, translatable_text
from synthetic import REPO, write_cases


def _project(folder: Path, count: int) -> Project:
    shutil.copytree(REPO / "schema", folder / "schema")
    (folder / "mkdocs.yml").write_text("site_name: bench\n", encoding="utf-8")
    cases = write_cases(folder / "case_studies", count)
    french = folder / "case_studies" / "translations" / "fr"
    french.mkdir(parents=True)
    for case in cases:
        block = {
            "source_hash": source_hash(case),
            "method": "machine-assisted",
            "reviewed_by": None,
        }
        text = {"translation": block, **translatable_text(case)}
        (french / f"{case['id']}.yml").write_text(
            yaml.safe_dump(text, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
    return Project(folder)


def _median(run: Callable[[], object], times: int = 3) -> float:
    """Wall-clock seconds (validation forks workers from 400 files: CPU time would miss them)."""
    found = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        found.append(time.perf_counter() - start)
    return statistics.median(found)


def measure(count: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        project = _project(Path(tmp), count)
        report = project.validate()
        assert report.ok and report.translations == count, report.problems[:3]
        with_translations = _median(project.validate)
        folder = project.case_dir / "translations"
        folder.rename(Path(tmp) / "away")
        without = _median(project.validate)
        (Path(tmp) / "away").rename(folder)
        catalog = project.catalog()
        overlay = _median(partial(translated_catalog, catalog, "fr", project))
    extra = (with_translations - without) / count * 1000
    return (
        f"N={count}: validate {without:.2f} s without translations, {with_translations:.2f} s "
        f"with {count} (+{extra:.2f} ms a translation); overlaid French catalog "
        f"{overlay:.2f} s ({overlay / count * 1000:.2f} ms a case)"
    )


if __name__ == "__main__":
    for count in [int(arg) for arg in sys.argv[1:]] or [2000]:
        print(measure(count))
