"""Worst cases that validation accepts, timed: case-page rendering, validation of one file,
and the world map's layout (issue 18's targets: ≤ 1 s a case page, ≤ 2 s validating one file
under the size limit, near-linear layout when many cases share a point).

    python benchmarks/render_worst_case.py

Times are CPU seconds of this process (time.process_time), medians of 3.
Each worst case fills the narrative sections of one case file with the same text, chosen
just inside a limit of casebook.limits, in as many sections as the limit on a file's total
text allows (60,000 characters: three sections of 20,000, or all seven of shorter texts). tests/
test_hardening_render.py checks that each of these inputs is accepted and renders.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from casebook import geo, limits  # noqa: E402
from casebook.loader import load_bytes  # noqa: E402
from casebook.model import Catalog  # noqa: E402
from casebook.problems import CasebookError  # noqa: E402
from casebook.render import Renderer  # noqa: E402
from casebook.schema import Schema  # noqa: E402
from casebook.validate import validate_document  # noqa: E402

N = 20_000  # characters of the longest field
SECTIONS = ("context", "actions", "actors", "outcomes", "lessons", "conditions", "risks")


def _paragraph(text: str) -> str:
    """text as one paragraph of lines at the line-length limit, at most N characters."""
    step = limits.MAX_LINE_CHARS - 1
    return "\n".join(text[i : i + step] for i in range(0, len(text), step))[:N]


# name -> a narrative text just inside the limits
WORST_ACCEPTED = {
    "two unclosed [ at the start": _paragraph("[[" + "a" * (N - 4)),
    "unclosed [ in many paragraphs": "\n\n".join(["[" + "b" * 48] * 980)[:N],
    "two link targets ]( left open": _paragraph("[a](" * 2 + "c" * (N - 10)),
    "lists nested 16 deep, 1,500 containers": "\n".join(
        ["- " * limits.MAX_NESTING + "x"] * (limits.MAX_CONTAINERS // limits.MAX_NESTING)
    ),
    "quotes in lists 16 deep, 1,500 containers": "\n".join(
        ["- > " * (limits.MAX_NESTING // 2) + "x"] * (limits.MAX_CONTAINERS // limits.MAX_NESTING)
    ),
    "list items, 999 lines of 1 item": "- x\n" * (limits.MAX_LINES - 1),
    "list items, 1,500 on 750 lines": "- - x\n" * (limits.MAX_CONTAINERS // 2),
    "indented lists 16 deep": "".join("    " * i + "- x\n" for i in range(16)) * 10,
    "emphasis runs": _paragraph("*a " * (N // 3)),
    "emphasis nested": _paragraph("***_a_*** " * (N // 10)),
    "backticks": _paragraph("`a` " * (N // 4)),
    "links, 800": _paragraph("[a](https://example.org) " * 800),
    "reference links": _paragraph("[a][b] " * 2_000) + "\n\n[b]: https://example.org\n",
    "table-like lines, 999": "|a|b|c|\n" * 999,
    "setext underlines, 999": "=\n" * 999,
    "rules, 999": "---\n" * 999,
    "one 10,000-character line": "word " * 2_000,
    "backslashes": "\\" * 9_999,
    "ampersands": "&" * 9_999,
    "angle brackets": "<a " * 3_333,
    "html-like": "<div>" * 2_000,
}

_VALID = (REPO / "tests" / "examples" / "valid" / "riverton-listening.yml").read_text("utf-8")
_CONTEXT = "  context: The imaginary city wanted to *understand* local tensions.\n"
_ACTIONS = "  actions: |\n    - It held workshops.\n    - It wrote a plan.\n"


def case_file(text: str, budget: int = limits.MAX_TOTAL_TEXT_CHARS - 1_000) -> bytes:
    """The example case with narrative sections set to text, as many as fit in the limit on
    a file's total text (the rest of the example takes under 1,000 characters)."""
    fields = ""
    for name in SECTIONS:
        part = text[:budget] if len(text) > budget else text
        if not part.strip():
            break
        fields += f"  {name}: {json.dumps(part)}\n"
        budget -= len(part)
    return _VALID.replace(_CONTEXT, fields).replace(_ACTIONS, "").encode("utf-8")


def median_time(action, rounds: int = 3) -> float:
    """Median CPU time of the process (on a shared machine, wall-clock time mostly measures
    the other processes; CPU time is what this code costs)."""
    times = []
    for _ in range(rounds):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return statistics.median(times)


def render_page(schema: Schema, raw: bytes) -> float:
    document = load_bytes(raw, "case_studies/riverton-listening.yml")
    problems = validate_document(document, schema)
    assert not problems, [str(p) for p in problems]
    catalog = Catalog.build([document], schema.vocabularies)

    def once() -> None:
        Renderer(catalog, today=datetime.date(2026, 12, 1)).case_page(catalog.cases[0])

    return median_time(once)


def validate_file(schema: Schema, raw: bytes) -> float:
    def once() -> None:
        with contextlib.suppress(CasebookError):  # refused while loading: still timed
            validate_document(load_bytes(raw, "x/riverton-listening.yml"), schema)

    return median_time(once)


def build_seconds(text: str | None) -> float:
    """CPU seconds (the mkdocs process and its children) of `mkdocs build` of the example
    project, with a second case file whose narrative sections are all `text`."""
    sys.path.insert(0, str(REPO / "tests"))
    from conftest import make_project

    with tempfile.TemporaryDirectory() as folder:
        cases = {}
        if text is not None:
            cases["worst-case.yml"] = (
                case_file(text).decode().replace("id: riverton-listening", "id: worst-case")
            )
        root = make_project(Path(folder) / "project", cases=cases)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
            cwd=root,
            check=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    schema = Schema.load(REPO / "schema")
    print(
        "| worst case accepted (narrative sections up to the file's text limit) | file size "
        "| render a case page (s) | validate the file (s) |"
    )
    print("|---|---|---|---|")
    for name, text in WORST_ACCEPTED.items():
        raw = case_file(text)
        print(
            f"| {name} | {len(raw) / 1024:.0f} KB | {render_page(schema, raw):.3f} | "
            f"{validate_file(schema, raw):.3f} |",
            flush=True,
        )

    print("\n| refused input | file size | validate the file (s) |")
    print("|---|---|---|")
    refused = {
        "related: 20,000 small mappings": _VALID.replace(
            "related: []\n", "related:\n" + "  - {a: 1}\n" * 20_000
        ).encode(),
        "3 sections of 20,000 '['": case_file("[" * N),
        "3 sections of '[x ' × 6,666": case_file("[x " * 6_666),
        "7 sections nested 500 deep": case_file("- " * 500 + "x"),
        "7 sections of 20,000 characters": case_file("a " * (N // 2), budget=10**6),
        "250 KB of unknown fields": (
            _VALID + "".join(f"f{i}: {i}\n" for i in range(19_000))
        ).encode(),
    }
    for name, raw in refused.items():
        seconds = validate_file(schema, raw)
        print(f"| {name} | {len(raw) / 1024:.0f} KB | {seconds:.3f} |", flush=True)

    print("\n| real `mkdocs build` of the example project | CPU of the build (s) |")
    print("|---|---|")
    worst = max(
        WORST_ACCEPTED, key=lambda name: render_page(schema, case_file(WORST_ACCEPTED[name]))
    )
    for label, text in (("as it is", None), (f"+ worst case ({worst})", WORST_ACCEPTED[worst])):
        print(f"| {label} | {build_seconds(text):.2f} |", flush=True)

    print("\n| cases at one point on the world map | layout and SVG (s) |")
    print("|---|---|")
    for count in (1_000, 5_000, 10_000):
        points = [geo.Point(59.9, 10.7, f"#{i}", f"p{i}", f"p{i}") for i in range(count)]
        geo.world_map(points[:1], label="warm-up")
        print(
            f"| {count:,} | {median_time(lambda p=points: geo.world_map(p, label='x')):.2f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
