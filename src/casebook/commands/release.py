"""`casebook release VERSION [--since PREVIOUS.zip]`: a numbered, described data release."""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path

from casebook import release
from casebook.clock import build_date
from casebook.commands import Subparsers
from casebook.ledger import LEDGER, Ledger
from casebook.project import Project


def add_command(subparsers: Subparsers) -> None:
    command = subparsers.add_parser(
        "release",
        help="write a numbered data release (Data Package, change log)",
        description="Validate every case study and write dist/casebook-data-VERSION.zip: "
        "casebook.csv and casebook.json described by a Frictionless Data Package, "
        "the vocabularies and JSON Schema, CHANGES.md and changes.json against "
        "--since, and SHA256SUMS. Records the release in releases/ledger.json "
        "(commit that file). SOURCE_DATE_EPOCH fixes the date for reproducible "
        "output.",
    )
    command.add_argument("version", metavar="VERSION", help="release number, e.g. 1.0")
    command.add_argument(
        "--since",
        metavar="PREVIOUS.zip",
        type=Path,
        help="the previous release's zip, to list what changed",
    )
    command.add_argument(
        "--rebuild",
        action="store_true",
        help="make again a release already recorded in the ledger (same "
        "date, ledger untouched), e.g. in CI from a tag",
    )
    command.add_argument(
        "--out", default="dist", metavar="DIR", type=Path, help="folder to write to (default: dist)"
    )
    command.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    catalog = Project(root).catalog()  # CasebookError -> exit 2 with the problems
    ledger = Ledger.load(root)
    try:
        if args.rebuild:
            date = ledger.release_date(args.version)
            if date is None:
                raise release.ReleaseError(
                    f"release {args.version} is not in {LEDGER}; "
                    "drop --rebuild to make a new release"
                )
        else:
            release.check_version(args.version, ledger)
            date = build_date().isoformat()
        previous = release.read_previous(args.since) if args.since else None
    except release.ReleaseError as error:
        print(f"casebook release: {error}")
        return 2
    today = datetime.date.fromisoformat(date)
    changes = release.compare(previous, catalog)
    files = release.release_files(root, catalog, args.version, date, changes)
    target = args.out / f"casebook-data-{args.version}.zip"
    release.write_zip(target, files, release.zip_time(today))
    summary = (
        f"wrote {target}: {len(changes.added)} added, {len(changes.changed)} changed, "
        f"{len(changes.withdrawn)} withdrawn"
    )
    if args.rebuild:
        print(summary)
        return 0
    release.update_ledger(ledger, catalog, args.version, date, changes)
    (root / LEDGER).parent.mkdir(exist_ok=True)
    (root / LEDGER).write_text(ledger.to_json(), encoding="utf-8")
    print(f"{summary}; recorded in {LEDGER} (commit it, then tag data-v{args.version})")
    return 0
