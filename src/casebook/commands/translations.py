"""`casebook translations`: how far each translated edition has got (every case and guide
page × language: up to date, out of date, missing), and `--hash ID`, the fingerprint a
translator records as source_hash."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from casebook.commands import Subparsers
from casebook.i18n.languages import TRANSLATIONS
from casebook.loader import load_file
from casebook.problems import CasebookError
from casebook.project import Project
from casebook.translations import coverage
from casebook.translations.source import page_hash, source_hash

LABELS = {"up-to-date": "up to date", "stale": "OUT OF DATE", "missing": "missing"}


def add_command(subparsers: Subparsers) -> None:
    command = subparsers.add_parser(
        "translations",
        help="show which case studies and guide pages are translated, and print source hashes",
        description="List every case study and guide page with its state in each translated "
        "language: up to date, OUT OF DATE (the original changed since it was translated) or "
        "missing. With --hash, print the fingerprint to record as source_hash in a translation.",
        epilog="examples:\n  casebook translations\n  casebook translations --hash oslo-salto"
        "\n  casebook translations --hash preparation/mandate.md",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.add_argument(
        "--hash",
        metavar="ID",
        help="a case id (or a guide page's path under content/, ending in .md): print its "
        "source_hash",
    )
    command.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    project = Project(Path(args.root))
    if args.hash:
        return _print_hash(project, args.hash)
    report = project.validate()
    broken = {problem.file for problem in report.problems}
    ids = sorted(
        doc.data["id"]
        for doc in report.documents
        if doc.file not in broken and not doc.data.get("withdrawn")
    )
    cases = coverage.case_rows(project, ids)
    pages = coverage.page_rows(project.root, project.root / "content")
    print("\n".join(table("case study", cases) + [""] + table("guide page", pages)))
    print("\n".join(["", *summary(cases, pages)]))
    if broken:
        print(
            f"casebook translations: {len(broken)} file(s) with problems left out; run "
            "casebook validate",
            file=sys.stderr,
        )
    return 0


def table(heading: str, rows: list[coverage.Row]) -> list[str]:
    """Fixed-width lines: the key, then one column per language (with the case's texts)."""
    width = max([len(heading), *(len(row.key) for row in rows)])
    lines = [(f"{heading:<{width}}  " + "  ".join(f"{code:<24}" for code in TRANSLATIONS)).rstrip()]
    for row in rows:
        cells = [_cell(row, code) for code in TRANSLATIONS]
        lines.append(f"{row.key:<{width}}  " + "  ".join(f"{c:<24}" for c in cells).rstrip())
    return lines


def _cell(row: coverage.Row, code: str) -> str:
    status = row.statuses[code]
    label = LABELS[status.state]
    held = row.translated(code)
    if status.state == "missing" or not row.texts or len(held) == len(row.texts):
        return label
    return f"{label} ({len(held)}/{len(row.texts)} texts)"


def summary(cases: list[coverage.Row], pages: list[coverage.Row]) -> list[str]:
    lines = []
    for code in TRANSLATIONS:
        c, p = coverage.counts(cases, code), coverage.counts(pages, code)
        lines.append(
            f"{code}: case studies {c['up-to-date']} up to date, {c['stale']} out of date, "
            f"{c['missing']} missing; guide pages {p['up-to-date']} up to date, "
            f"{p['stale']} out of date, {p['missing']} missing"
        )
    return lines


def _print_hash(project: Project, name: str) -> int:
    if name.endswith(".md"):
        page = project.root / "content" / name
        if not page.is_file():
            print(f"casebook translations: no guide page content/{name}", file=sys.stderr)
            return 2
        print(page_hash(page.read_bytes()))
        return 0
    path = project.case_dir / f"{name}.yml"
    if not path.is_file():
        print(
            f"casebook translations: no case study {name} (no {path.name} in case_studies/)",
            file=sys.stderr,
        )
        return 2
    try:
        data = load_file(str(path), f"case_studies/{path.name}").data
    except CasebookError as error:
        print(error, file=sys.stderr)
        return 2
    print(source_hash(data))
    return 0


__all__ = ["add_command", "run", "summary", "table"]
