"""Time the four-edition build (English, French, Spanish, Arabic) against the English-only
build of the same project: the real collection, and N synthetic case studies.

    python benchmarks/editions_bench.py [real] [N ...]      (default: real 2000)
    python benchmarks/editions_bench.py engines [N]         (default N: 500)

Each project is built both ways alternately, RUNS times, and the medians compared: wall clock
(what a person waits for) and CPU time of the build and every process it started (what the
machine pays; on two cores the editions build in parallel, so wall < CPU).

`engines` compares the two ways of making editions on plain MkDocs + Material (no Casebook
hooks, the same synthetic Markdown pages in every language): separate builds from one base
config (INHERIT, what Casebook does) against the mkdocs-static-i18n plugin. It needs that
plugin importable (e.g. `pip install --target /tmp/i18n mkdocs-static-i18n` and
PYTHONPATH=/tmp/i18n); docs/decisions/0003-editions.md has the numbers.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import yaml

from synthetic import REPO, project_shell, write_cases

RUNS = 3
EDITIONS = ("fr", "es", "ar")


def _copy_real(root: Path) -> None:
    for folder in ("case_studies", "content", "schema", "hooks", "overrides", "releases"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder)
    if (REPO / "content-translations").is_dir():
        shutil.copytree(REPO / "content-translations", root / "content-translations")
    for path in REPO.glob("mkdocs*.yml"):
        shutil.copy(path, root / path.name)


def _synthetic(root: Path, count: int) -> None:
    write_cases(root / "case_studies", count)
    project_shell(root, editions=True)


def _english_only(root: Path) -> None:
    """The same project with no editions listed: `mkdocs build` builds English alone."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text())
    config["extra"]["casebook"]["editions"] = []
    (root / "mkdocs.english.yml").write_text(yaml.safe_dump(config, sort_keys=False))


def _build(root: Path, *args: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the build and all its children)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert result.returncode == 0, result.stderr[-3000:]
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _compare(
    label: str, one: Callable[[], tuple[float, float]], four: Callable[[], tuple[float, float]]
) -> None:
    """One table row: medians of `one` (English only) and `four` (all editions), run in turn
    so that drift on a busy machine hits both."""
    times: dict[str, list[tuple[float, float]]] = {"four": [], "one": []}
    for _ in range(RUNS):
        times["one"].append(one())
        times["four"].append(four())
    wall = {k: statistics.median(w for w, _ in v) for k, v in times.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in times.items()}
    print(
        f"| {label} | {wall['one']:.1f} | {wall['four']:.1f} | {wall['four'] / wall['one']:.2f} | "
        f"{cpu['one']:.1f} | {cpu['four']:.1f} | {cpu['four'] / cpu['one']:.2f} |",
        flush=True,
    )


def ours(targets: list[str]) -> None:
    print(f"load average at start: {os.getloadavg()[0]:.1f}; {RUNS} runs each, medians\n")
    print(
        "| project | English only, wall (s) | four editions, wall (s) | ratio | "
        "English only, CPU (s) | four editions, CPU (s) | ratio |"
    )
    print("|---|---|---|---|---|---|---|")
    for target in targets:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "project"
            root.mkdir()
            if target == "real":
                _copy_real(root)
                label = (
                    f"real collection ({len(list((root / 'case_studies').glob('*.yml')))} cases)"
                )
            else:
                _synthetic(root, int(target))
                label = f"{int(target):,} synthetic cases"
            _english_only(root)
            _compare(
                label, partial(_build, root, "-f", "mkdocs.english.yml"), partial(_build, root)
            )


# ---------------------------------------------------------------- engines (plain Material)


def _plain_docs(docs: Path, cases: list[dict]) -> None:
    (docs / "case-studies").mkdir(parents=True)
    (docs / "index.md").write_text("# Benchmark\n")
    for case in cases:
        text = [f"# {case['title']}", "", case["summary"], ""]
        for key, value in case["narrative"].items():
            text += [f"## {key.capitalize()}", "", value, ""]
        (docs / "case-studies" / f"{case['id']}.md").write_text("\n".join(text))


def _plain_config(**extra) -> dict:
    return {
        "site_name": "Benchmark",
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": False,
        "theme": {"name": "material", "font": False, "language": "en"},
        "plugins": ["search", "offline"],
        "not_in_nav": "/case-studies/*",
        **extra,
    }


def engines(count: int) -> None:
    print(f"load average at start: {os.getloadavg()[0]:.1f}; {RUNS} runs each, medians")
    print(f"plain MkDocs + Material, {count} case pages per language\n")
    print(
        "| engine | one language, wall (s) | four languages, wall (s) | ratio | "
        "one language, CPU (s) | four languages, CPU (s) | ratio |"
    )
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        cases = write_cases(Path(tmp) / "data", count)
        # INHERIT: one base config, one build per language (run one after the other here,
        # as a script would; Casebook runs them in parallel processes).
        inherit = Path(tmp) / "inherit"
        _plain_docs(inherit / "docs", cases)
        (inherit / "mkdocs.yml").write_text(yaml.safe_dump(_plain_config()))
        for code in EDITIONS:
            (inherit / f"mkdocs.{code}.yml").write_text(
                yaml.safe_dump(
                    {
                        "INHERIT": "mkdocs.yml",
                        "site_dir": f"site/{code}",
                        "theme": {"language": code},
                    }
                )
            )
        runner = inherit / "all.sh"
        runner.write_text(
            f"set -e\n{sys.executable} -m mkdocs build -q\n"
            + "".join(f"{sys.executable} -m mkdocs build -q -f mkdocs.{c}.yml\n" for c in EDITIONS)
        )
        _compare(
            "INHERIT, one build per language",
            lambda: _build(inherit),
            lambda: _run(runner, inherit),
        )
        # mkdocs-static-i18n: one build, the plugin rebuilds per language inside it;
        # translations as page.<code>.md beside each page (its suffix layout).
        plugin = Path(tmp) / "static-i18n"
        _plain_docs(plugin / "docs", cases)
        for page in list((plugin / "docs").rglob("*.md")):
            for code in EDITIONS:
                shutil.copy(page, page.with_suffix(f".{code}.md"))
        languages = [{"locale": "en", "default": True, "name": "English", "build": True}] + [
            {"locale": code, "name": code, "build": True} for code in EDITIONS
        ]
        four = _plain_config(
            plugins=[
                "search",
                "offline",
                {"i18n": {"docs_structure": "suffix", "languages": languages}},
            ]
        )
        one = _plain_config(
            plugins=[
                "search",
                "offline",
                {"i18n": {"docs_structure": "suffix", "languages": languages[:1]}},
            ]
        )
        (plugin / "mkdocs.yml").write_text(yaml.safe_dump(four))
        (plugin / "mkdocs.one.yml").write_text(yaml.safe_dump(one))
        _compare(
            "mkdocs-static-i18n",
            partial(_build, plugin, "-f", "mkdocs.one.yml"),
            partial(_build, plugin),
        )


def _run(script: Path, root: Path) -> tuple[float, float]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(["sh", str(script)], cwd=root, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[:1] == ["engines"]:
        engines(int(arguments[1]) if len(arguments) > 1 else 500)
    else:
        ours(arguments or ["real", "2000"])
