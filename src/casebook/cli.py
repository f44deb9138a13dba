"""The `casebook` command: validate, new, export, bundle. Each calls the same pipeline steps
as the MkDocs hooks."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from types import ModuleType

from .advice import modeline_warnings
from .commands import (
    Subparsers,
    bundle,
    export,
    new,
    release,
    schema_enums,
    stats,
    translations,
)
from .problems import CasebookError, Problem
from .project import Project
from .translations.files import split as split_translations
from .validate import Report, case_files

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

EPILOG = """examples:
  casebook validate                       check every file in case_studies/
  casebook validate case_studies/oslo-salto.yml --format github
  casebook new --title "Listening to every district" --city Lyon --country FR
  casebook export --out dist/             write casebook.json and casebook.csv
  casebook bundle                         zip the built site for offline reading
  casebook stats --check                  count cases and mentions; exit 1 if a target is unmet
  casebook translations --hash oslo-salto the source_hash a translation of oslo-salto records
"""


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USAGE
    if args.root is None:  # not given: the project around the current folder
        args.root = str(Project.find(Path.cwd()).root)
    try:
        code: int = args.handler(args)
        sys.stdout.flush()  # a closed pipe shows here when the output was short
        return code
    except BrokenPipeError:  # `casebook validate | head`: the reader left; leave quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PROBLEMS
    except CasebookError as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"casebook: {error}", file=sys.stderr)
        return EXIT_USAGE


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="casebook",
        description="Work with Casebook's case studies.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--root",
        default=None,
        help="project folder (default: the nearest folder upwards with mkdocs.yml)",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    _add_validate(commands)
    for module in _command_modules():
        module.add_command(commands)
    return parser


def _command_modules() -> tuple[ModuleType, ...]:
    """The modules of casebook.commands, in the order of `casebook --help`; each has
    `add_command(subparsers)`. Listed by hand (no discovery) so the imports stay visible."""
    return (bundle, export, new, release, schema_enums, stats, translations)


def _add_validate(commands: Subparsers) -> None:
    command = commands.add_parser(
        "validate",
        help="check case studies against the schema and vocabularies",
        description="Check case studies. Every problem in every file is reported as "
        "FILE:LINE:COL: FIELD: message. Exit 0 when valid, 1 when problems were "
        "found, 2 on usage or I/O errors.",
        epilog="examples:\n  casebook validate\n  casebook validate case_studies/oslo-salto.yml"
        "\n  casebook validate --format json > problems.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders (default: case_studies/)"
    )
    command.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text (default), json, or github workflow annotations",
    )
    command.set_defaults(handler=_validate)


def _validate(args: argparse.Namespace) -> int:
    project = Project(Path(args.root))
    if not project.schema_dir.is_dir():
        print(
            f"casebook validate: no schema/ folder in {project.root}; run this inside a "
            "Casebook project (a folder with mkdocs.yml and schema/), or give it with "
            "--root",
            file=sys.stderr,
        )
        return EXIT_USAGE
    paths = [Path(p) for p in args.paths] or [project.case_dir]
    missing = [str(p) for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        print(f"casebook validate: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    report = project.validate(paths)
    _print_report(report, args.format)
    case_paths = split_translations(paths, project.root)[0]  # translations are not case files
    _print_advice(modeline_warnings(case_files(case_paths, project.root)[0]), args.format)
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def _print_advice(advice: list[Problem], fmt: str) -> None:
    """Warnings go to stderr (github: annotations on stdout), after the report."""
    for problem in advice:
        if fmt == "github":
            print(
                f"::warning file={_gh(problem.file)},line={problem.line},"
                f"col={problem.col}::{_gh(problem.message, prop=False)}"
            )
        else:
            print(f"warning: {problem}", file=sys.stderr)


def _print_report(report: Report, fmt: str) -> None:
    if fmt == "json":
        print(
            json.dumps(
                {
                    "valid": report.ok,
                    "summary": report.summary(),
                    "problems": [p.as_dict() for p in report.problems],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    for problem in report.problems:
        if fmt == "github":
            print(
                f"::error file={_gh(problem.file)},line={problem.line},col={problem.col},"
                f"title={_gh(problem.path)}::{_gh(problem.message, prop=False)}"
            )
        else:
            print(problem)
    print(report.summary(), file=sys.stderr if fmt == "github" else sys.stdout)


def _gh(text: str, *, prop: bool = True) -> str:
    """Escape a value for a GitHub workflow command (properties also escape : and ,)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
