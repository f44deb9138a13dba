"""`casebook schema-enums`: write each vocabulary's terms into the schema file as an `enum`
next to its `x-vocabulary`, so editors (VS Code with the yaml-language-server line, and any
JSON Schema tool) complete and check the terms. The vocabularies stay the source: validation
fills the enums in from them anyway (casebook.schema); this keeps the file in step."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from casebook.commands import Subparsers
from casebook.project import Project
from casebook.schema import SCHEMA_FILE
from casebook.vocabulary import Vocabulary, load_vocabularies


def add_command(subparsers: Subparsers) -> None:
    command = subparsers.add_parser(
        "schema-enums",
        help="write vocabulary terms into the schema as enums",
        description="Write each vocabulary's terms into schema/case-study.schema.json as an "
        "`enum` next to its `x-vocabulary`. With --check, change nothing and exit "
        "1 if the file is out of date.",
    )
    command.add_argument(
        "--check",
        action="store_true",
        help="exit 1 if the schema's enums differ from the vocabularies",
    )
    command.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    project = Project(Path(args.root))
    path = project.schema_dir / SCHEMA_FILE
    current = path.read_text(encoding="utf-8")
    wanted = schema_with_enums(current, project.schema_dir / "vocabularies")
    if current == wanted:
        print(f"{path.name}: enums match the vocabularies")
        return 0
    if args.check:
        print(
            f"{path.name}: enums differ from the vocabularies; run `casebook schema-enums`",
            file=sys.stderr,
        )
        return 1
    path.write_text(wanted, encoding="utf-8", newline="\n")
    print(f"wrote {path}")
    return 0


def schema_with_enums(text: str, vocabulary_dir: Path) -> str:
    """The schema file's text with every x-vocabulary node's enum set to its terms, in
    vocabulary order, placed right after x-vocabulary."""
    vocabularies = load_vocabularies(vocabulary_dir)
    raw = json.loads(text)
    return json.dumps(_fill(raw, vocabularies), indent=2, ensure_ascii=False) + "\n"


def _fill(node: object, vocabularies: dict[str, Vocabulary]) -> object:
    if isinstance(node, list):
        return [_fill(item, vocabularies) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "enum" and "x-vocabulary" in node:
            continue  # rewritten below, after x-vocabulary
        out[key] = _fill(value, vocabularies)
        if key == "x-vocabulary":
            out["enum"] = list(vocabularies[value].terms)
    return out
