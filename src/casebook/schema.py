"""The case-study JSON Schema, with vocabulary terms filled in and format checks that work.

jsonschema ignores `format` unless given a FormatChecker, and its `uri` check accepts
`javascript:`; we register our own formats (http-url, iso3166-alpha2, partial-date, …).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema

from .formats import FORMATS
from .vocabulary import Vocabulary, load_vocabularies

SCHEMA_FILE = "case-study.schema.json"


@dataclass
class Schema:
    """The case-study JSON Schema with vocabulary terms filled in as enums."""

    raw: dict[str, Any]
    vocabularies: dict[str, Vocabulary]
    validator: jsonschema.Draft202012Validator

    @classmethod
    def load(cls, schema_dir: str | Path) -> Schema:
        schema_dir = Path(schema_dir)
        raw = json.loads((schema_dir / SCHEMA_FILE).read_text(encoding="utf-8"))
        vocabularies = load_vocabularies(schema_dir / "vocabularies")
        resolved = _with_enums(copy.deepcopy(raw), vocabularies)
        validator = _Validator(resolved, format_checker=_format_checker())
        return cls(raw, vocabularies, validator)


def _strict_integer(checker: object, instance: object) -> bool:
    """jsonschema counts 7.0 (and 1.2e5, read as 120000.0) as integers; a case file that
    writes a year or a source number that way gets "Since 2006.0" and dead #source-7.0
    links, so an integer is an int and nothing else."""
    return isinstance(instance, int) and not isinstance(instance, bool)


_Validator = jsonschema.validators.extend(  # type: ignore[no-untyped-call]  # untyped upstream
    jsonschema.Draft202012Validator,
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine("integer", _strict_integer),
)


def _with_enums(node: object, vocabularies: dict[str, Vocabulary]) -> object:
    if isinstance(node, dict):
        name = node.get("x-vocabulary")
        if name is not None:
            node["enum"] = list(vocabularies[name].terms)
        for value in node.values():
            _with_enums(value, vocabularies)
    elif isinstance(node, list):
        for value in node:
            _with_enums(value, vocabularies)
    return node


def _format_checker() -> jsonschema.FormatChecker:
    """Our formats (casebook.formats), and no others: jsonschema's own would accept
    javascript: URLs as "uri"."""
    checker = jsonschema.FormatChecker([])
    for fmt in FORMATS.values():
        checker.checks(fmt.name)(_string_check(fmt.check))
    return checker


def _string_check(check: Callable[[str], bool]) -> Callable[[object], bool]:
    """A value of another type passes: the schema's "type" keyword reports it instead."""
    return lambda value: not isinstance(value, str) or check(value)
