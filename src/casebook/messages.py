"""Messages: turn jsonschema errors into sentences a first-time contributor can act on.

Each names the wrong value, what is expected and how to fix it; the file, line, column and
field come from the Problem it is attached to.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import jsonschema
from jsonschema import ValidationError

from .countries import country_suggestion
from .formats import FORMATS
from .loader import Document
from .problems import Path, Problem, describe_value

if TYPE_CHECKING:
    from .schema import Schema

PLACEHOLDER = "TODO"
# An explainer returns a message (placed at the error's path) or a Problem placed elsewhere.
Explanation = str | Problem


def explain(error: jsonschema.ValidationError, document: Document, schema: Schema) -> Problem:
    """Turn a jsonschema error into a message a first-time contributor can act on."""
    path = tuple(error.absolute_path)
    explain = _EXPLAINERS.get(str(error.validator), _explain_generic)
    result = explain(error, path, document, schema)
    if isinstance(result, Problem):
        return result
    return document.problem(path, result)


def _node(error: ValidationError) -> dict[str, Any]:
    """The schema node that failed (jsonschema types it loosely: ours are always objects)."""
    return error.schema if isinstance(error.schema, dict) else {}


def _value(error: ValidationError) -> Any:
    """The failed keyword's value, e.g. the enum's list or maxLength's number."""
    return error.validator_value


def _instance(error: ValidationError) -> Any:
    """The value that failed, as read from the case file."""
    return error.instance


def placeholder_message(value: str, required: bool = False) -> str:
    if required:  # deleting a required field only trades this problem for another
        return (
            f"placeholder {_short(value.strip())} is still here; replace it with the real "
            "value (this field is required)"
        )
    return (
        f"placeholder {_short(value.strip())} is still here; replace it with the real value, "
        "or delete the field if it is optional"
    )


def is_required(schema: dict[str, Any], path: Path) -> bool:
    """Whether the field at path must be present in its mapping (an entry of a list counts
    as its list)."""
    node, required = schema, True
    for part in path:
        if isinstance(part, int):
            node = node.get("items", {})
            continue
        required = part in node.get("required", ())
        node = node.get("properties", {}).get(part, {})
    return required


def _explain_required(
    error: ValidationError, path: Path, document: Document, schema: Schema
) -> Explanation:
    missing = re.search(r"'(.+?)' is a required property", error.message)
    name = missing.group(1) if missing else "?"
    description = _node(error).get("properties", {}).get(name, {}).get("description", "")
    where = (
        "at the top level of the file"
        if not path
        else f"inside '{path[-1]}'"
        if isinstance(path[-1], str)
        else f"to entry {path[-1] + 1} of '{path[-2]}'"
    )
    return document.problem(
        path,
        f"missing required field '{name}' ({description.rstrip('.')}); add '{name}:' {where}"
        if description
        else f"missing required field '{name}'; add '{name}:' {where}",
    )


def _explain_additional(
    error: ValidationError, path: Path, document: Document, schema: Schema
) -> Explanation:
    allowed = list(_node(error).get("properties", {}))
    extras = (
        [k for k in error.instance if k not in allowed] if isinstance(error.instance, dict) else []
    )
    key = extras[0] if extras else "?"
    hint = did_you_mean(key, allowed) or f" Allowed here: {', '.join(allowed)}."
    return document.problem((*path, key), f"unknown field '{key}'.{hint}", at_key=True)


def _explain_empty(error: ValidationError) -> str:
    options = _node(error).get("enum") or _node(error).get("items", {}).get("enum")
    choose = f"; choose one of: {', '.join(map(str, options))}" if options else "; fill it in"
    return f"the value is empty{choose} (or delete the field if it is optional)"


def _explain_enum(
    error: ValidationError, path: Path, document: Document, schema: Schema
) -> Explanation:
    if error.instance is None:
        return _explain_empty(error)
    name = _node(error).get("x-vocabulary")
    options = [str(o) for o in _value(error)]
    value = error.instance
    where = (
        f"the {name} vocabulary (schema/vocabularies/{name}.yml)" if name else "the allowed values"
    )
    hint = (did_you_mean(value, options) if isinstance(value, str) else "") or (
        f" Choose one of: {', '.join(options)}."
    )
    return f"{_short(value)} is not a term in {where}.{hint}"


_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of fields",
}


def _explain_type(
    error: ValidationError, path: Path, document: Document, schema: Schema
) -> Explanation:
    expected = _value(error)
    wanted = " or ".join(
        _TYPE_NAMES.get(str(t), str(t))
        for t in (expected if isinstance(expected, list) else [expected])
    )
    got = error.instance
    hint = ""
    if expected == "string" and got is not None and not isinstance(got, (list, dict)):
        hint = "; put the value in quotes so it is read as text"
    elif expected == "array" and isinstance(got, str):
        hint = f"; write it as a list: [{got}] or one '- {got}' per line"
    elif (
        expected in ("integer", "number")
        and isinstance(got, str)
        and re.fullmatch(r"[0-9][0-9,. _']*", got.strip())
    ):
        hint = (
            f"; write the digits only, without quotes or separators, e.g. "
            f"{re.sub(r'[^0-9]', '', got)}"
        )
    elif expected == "integer" and isinstance(got, float):
        hint = f"; write it without a decimal point or exponent, e.g. {int(got)}"
    elif got is None:
        return _explain_empty(error)
    return f"expected {wanted}, got {describe_value(got)}{hint}"


def _explain_format(
    error: ValidationError, path: Path, document: Document, schema: Schema
) -> Explanation:
    name, value = _value(error), _instance(error)
    fmt = FORMATS.get(name)
    if fmt is None or not isinstance(value, str):  # pragma: no cover - our formats only
        return f"{_short(value)} is not a valid {name}"
    return fmt.explain(value, _short(value))


def _explain_pattern(
    error: ValidationError, path: Path, document: Document, schema: Schema
) -> Explanation:
    value = error.instance
    if isinstance(value, str) and ("\n" in value or "\r" in value):
        return (
            f"{_short(value)} runs over several lines; this field is one line of text: "
            "write it on the same line as the field name, without | or >"
        )
    leaf = path[-1] if path else ""
    if leaf in ("id",) or (len(path) >= 2 and path[0] == "related"):
        fixed = slugify(value) if isinstance(value, str) else ""
        return (
            f"{_short(value)} is not a valid id: use lowercase letters a-z, digits and "
            f"single hyphens" + (f", e.g. '{fixed}'" if fixed else "")
        )
    if leaf == "country":
        return f"{_short(value)} is not a country code{_country_hint(value)}"
    if leaf in ("accessed", "last_reviewed", "date"):
        return f"{_short(value)} is not a date in the form YYYY-MM-DD (quotes are fine)"
    return f"{_short(value)} does not have the expected form"


def _explain_length(
    error: ValidationError, path: Path, document: Document, schema: Schema
) -> Explanation:
    value, limit = error.instance, _value(error)
    size = len(value) if hasattr(value, "__len__") else 0
    unit = ("character" if isinstance(value, str) else "item") + "s" * (size != 1)
    shown = f"{_short(value)} has" if isinstance(value, str) else "has"
    if error.validator in ("minLength", "minItems"):
        if size == 0:
            return (
                _explain_empty(error)
                if isinstance(value, str)
                else "is an empty list; add at least one item" + _choices(_node(error).get("items"))
            )
        return f"{shown} {size} {unit}; at least {limit} are needed — write more"
    return f"{shown} {size} {unit}; at most {limit} are allowed — shorten it"


def _choices(items: dict[str, Any] | None) -> str:
    options = (items or {}).get("enum")
    return f", one of: {', '.join(map(str, options))}" if options else ""


def _explain_range(
    error: ValidationError, path: Path, document: Document, schema: Schema
) -> Explanation:
    low, high = _node(error).get("minimum"), _node(error).get("maximum")
    allowed = (
        f"use a number from {low} to {high}"
        if low is not None and high is not None
        else f"the {error.validator} is {_value(error)}"
    )
    size = "small" if error.validator == "minimum" else "large"
    return f"{error.instance} is too {size}; {allowed}"


def _explain_unique(
    error: ValidationError, path: Path, document: Document, schema: Schema
) -> Explanation:
    seen: set[str] = set()
    dupes: list[object] = []
    for item in _instance(error):
        key = json.dumps(item, sort_keys=True)
        if key in seen:
            dupes.append(item)
        seen.add(key)
    return f"lists {_short(dupes[0]) if dupes else 'an item'} twice; keep it once"


def _explain_generic(
    error: ValidationError, path: Path, document: Document, schema: Schema
) -> Explanation:
    return error.message


_EXPLAINERS: dict[str, Callable[[ValidationError, Path, Document, Schema], Explanation]] = {
    "required": _explain_required,
    "additionalProperties": _explain_additional,
    "enum": _explain_enum,
    "type": _explain_type,
    "format": _explain_format,
    "pattern": _explain_pattern,
    "minLength": _explain_length,
    "maxLength": _explain_length,
    "minItems": _explain_length,
    "maxItems": _explain_length,
    "minimum": _explain_range,
    "maximum": _explain_range,
    "uniqueItems": _explain_unique,
}


def did_you_mean(value: str, options: list[str]) -> str:
    close = difflib.get_close_matches(value.lower(), options, n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""


def _country_hint(value: object) -> str:
    if not isinstance(value, str):
        return "; use two capital letters, e.g. NO for Norway"
    return country_suggestion(value)


def _short(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…'"


# Latin letters that Unicode does not decompose to a base letter, so they would be dropped
# ('Tromsø' -> 'troms'); spelt as the usual ASCII transliteration instead.
_LETTERS = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
        "ħ": "h",
        "Ħ": "H",
    }
)


def slugify(text: str) -> str:
    """A safe id from any title: ASCII letters and digits joined by single hyphens."""
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(_LETTERS)).encode("ascii", "ignore").decode()
    )
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))[:80].strip("-")
