"""`casebook new`: start a case study from a template made from the schema."""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path

from ..facets import vocabulary_of
from ..project import Project
from ..scaffold import (
    ScaffoldError,
    ask_missing,
    case_id,
    resolve_country,
    resolve_term,
    scaffold_text,
)
from ..schema import Schema
from . import Subparsers

EXIT_OK, EXIT_USAGE = 0, 2
INTRO = (
    "casebook new writes case_studies/<id>.yml, a template with every field of a case "
    "study.\nA few questions first; the title is needed (the file is named after it), "
    "Enter skips\nany other question and leaves a TODO placeholder to fill in later.\n"
)

EPILOG = """examples:
  casebook new --title "Listening to every district" --city Lyon --country FR
  casebook new --title "Oslo SaLTo" --city Oslo --country Norway --region europe
  casebook new                 asks for each value when run in a terminal

Values you do not give become placeholders starting with TODO; `casebook validate`
lists every one that is left."""


def add_command(commands: Subparsers) -> None:
    command = commands.add_parser(
        "new",
        help="start a new case study from a template",
        description="Write case_studies/<id>.yml with every field of the schema, a comment "
        "saying what goes in each, and TODO placeholders for what is not known "
        "yet. Never overwrites an existing file.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.add_argument("--title", help="title readers will see; the id is made from it")
    command.add_argument("--id", help="id and file name (default: made from the title)")
    command.add_argument("--city", help="city, municipality, county or governorate")
    command.add_argument("--country", help="country name or ISO 3166-1 code, e.g. Norway or NO")
    command.add_argument("--region", help="world region from the regions vocabulary")
    command.add_argument("--level", help="level of government, e.g. municipality")
    command.add_argument("--year", type=int, help="year the practice started")
    command.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    project = Project(Path(args.root))
    if not project.schema_dir.is_dir():
        print(
            f"casebook new: no schema/ folder in {project.root.resolve()}; run this in the "
            "Casebook project folder, or give it with --root",
            file=sys.stderr,
        )
        return EXIT_USAGE
    schema = project.schema
    try:
        values = _given(args, schema)
        if sys.stdin.isatty():
            if "title" not in values:
                print(INTRO)
            ask_missing(values, schema, input, need_title=args.id is None)
        title = values.get("title")
        new_id = case_id(title if isinstance(title, str) else None, args.id)
    except ScaffoldError as error:
        print(f"casebook new: {error}", file=sys.stderr)
        return EXIT_USAGE
    except (EOFError, KeyboardInterrupt):
        print("\ncasebook new: cancelled; no file written", file=sys.stderr)
        return EXIT_USAGE
    values["id"] = new_id
    values["last_reviewed"] = datetime.date.today().isoformat()
    target = project.case_dir / f"{new_id}.yml"
    clash = _existing(project.case_dir, new_id)
    if clash is not None:
        print(
            f"casebook new: {_shown(clash, project.root)} already exists; casebook new never "
            "overwrites a case study. Edit that file, or choose another id with --id.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
        handle.write(scaffold_text(schema, values))
    _print_next_steps(_shown(target, project.root), new_id)
    return EXIT_OK


def _given(args: argparse.Namespace, schema: Schema) -> dict[str, object]:
    values: dict[str, object] = {}
    for name, value in (("title", args.title), ("place.name", args.city)):
        if value is not None:
            if not value.strip() or "\n" in value or "\r" in value:
                raise ScaffoldError(f"{name.split('.')[-1]} must be one non-empty line of text")
            values[name] = value.strip()
    if args.country is not None:
        values["place.country"] = resolve_country(args.country)
    for name, value, vocabulary, option in (
        ("place.region", args.region, vocabulary_of("region"), "--region"),
        ("level_of_government", args.level, vocabulary_of("level"), "--level"),
    ):
        if value is not None:
            values[name] = resolve_term(value, schema.vocabularies[vocabulary], option)
    if args.year is not None:
        if not 1900 <= args.year <= 2100:
            raise ScaffoldError(f"--year {args.year} is out of range; give a year such as 2019")
        values["years.start"] = args.year
    return values


def _existing(case_dir: Path, new_id: str) -> Path | None:
    """A case file with this id, ignoring case (ids must be unique regardless of case)."""
    if not case_dir.is_dir():
        return None
    for path in case_dir.iterdir():
        if path.name.rsplit(".", 1)[0].casefold() == new_id.casefold():
            return path
    return None


def _shown(path: Path, root: Path) -> str:
    return os.path.relpath(path, root).replace(os.sep, "/")


def _print_next_steps(shown: str, new_id: str) -> None:
    print(
        f"Created {shown}\n\nNext steps:\n"
        f"  1. Open {shown} in a text editor.\n"
        "     Replace every value that starts with TODO; delete optional fields\n"
        "     the sources do not cover.\n"
        f"  2. Check it:    casebook validate {shown}\n"
        "  3. Preview it:  mkdocs serve   then open\n"
        f"     http://127.0.0.1:8000/case-studies/{new_id}.html\n"
        "  4. Open a pull request. CONTRIBUTING.md explains each step."
    )
