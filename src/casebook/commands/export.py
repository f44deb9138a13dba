"""`casebook export --out DIR`: the open data (casebook.json, casebook.csv) without a build."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from casebook import export
from casebook.commands import Subparsers
from casebook.problems import CasebookError
from casebook.project import Project
from casebook.publish import write_atomic


def add_command(subparsers: Subparsers) -> None:
    command = subparsers.add_parser(
        "export",
        help="write casebook.json and casebook.csv",
        description="Validate every case study and write the open data files the site offers "
        "for download: casebook.json (records and vocabularies) and casebook.csv "
        "(one row per case study, UTF-8 with BOM for spreadsheets).",
    )
    command.add_argument(
        "--out", default="dist", metavar="DIR", help="folder to write to (default: dist)"
    )
    command.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        catalog = Project(Path(args.root)).catalog()
    except CasebookError as error:  # invalid data is "problems found" (1), like validate
        print(error, file=sys.stderr)
        print(
            "casebook export: nothing written; fix the problems above (casebook validate "
            "lists them too)",
            file=sys.stderr,
        )
        return 1
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, text in export.open_data(catalog).items():
        # Whole or not at all, and never through a symlink at the destination.
        write_atomic(out / name, text.encode("utf-8"))
        print(f"wrote {out / name}")
    return 0
