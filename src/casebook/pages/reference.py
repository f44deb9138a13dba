"""The schema reference page (contribute/schema.html), generated from the JSON Schema and the
vocabularies at build time so the documentation cannot drift from what `casebook validate`
checks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

from ..formats import FORMATS
from ..render import base_of
from ..rules import RULES
from ..scaffold import Field, fields
from .base import GeneratedPage

if TYPE_CHECKING:
    from ..render import Renderer
    from ..schema import Schema
    from ..vocabulary import Term, Vocabulary

URL = "contribute/schema.html"
# Material's search ranks this reference below the guide and browse pages.
_LOW_IN_SEARCH = "---\nsearch:\n  boost: 0.2\n---\n\n"
TITLE = "Schema reference"

# Keyed by a schema node's "type" or "format", which may be absent (None).
_TYPES: dict[str | None, str] = {
    "string": "text",
    "integer": "whole number",
    "number": "number",
    "boolean": "true or false",
    "object": "group of fields",
    "array": "list",
}


@dataclass(frozen=True)
class FieldDoc:
    """What the page says about one field."""

    field: Field
    anchor: str
    type: str
    requirement: str
    limits: list[str]
    example: str | None
    terms: list[Term]  # in vocabulary order


def pages(renderer: Renderer) -> list[GeneratedPage]:
    return [
        GeneratedPage(
            "contribute/schema.md", TITLE, lambda: render(renderer), stub=_stub(renderer.schema.raw)
        )
    ]


def render(renderer: Renderer) -> str:
    schema = renderer.schema
    docs = field_docs(schema)
    used = {d.field.vocabulary for d in docs}
    others = [v for name, v in schema.vocabularies.items() if name not in used]
    template = renderer.env.get_template("reference.html")
    return template.render(
        base=base_of(URL),
        title=TITLE,
        intro=schema.raw["description"],
        docs=docs,
        others=others,
        rules=[text for _, text in RULES],
    )


def field_docs(schema: Schema) -> list[FieldDoc]:
    every = list(fields(schema.raw))
    by_name = {field.name: field for field in every}
    return [_document(field, schema, by_name) for field in every]


def anchor(name: str) -> str:
    """'sources[].url' -> 'sources-url' (top-level names equal MkDocs' heading slugs)."""
    return name.replace("[]", "").replace(".", "-")


def _document(field: Field, schema: Schema, by_name: dict[str, Field]) -> FieldDoc:
    vocabulary = schema.vocabularies[field.vocabulary] if field.vocabulary else None
    return FieldDoc(
        field,
        anchor(field.name),
        _type(field.node, vocabulary),
        _requirement(field, by_name),
        _limits(field.node),
        _example(field),
        list(vocabulary) if vocabulary else [],
    )


def _type(node: dict[str, Any], vocabulary: Vocabulary | None) -> str:
    if node.get("type") == "array":
        items = node.get("items", {})
        if vocabulary:
            return f"list of terms from the {vocabulary.label.lower()} vocabulary"
        return (
            "list of entries"
            if "properties" in items
            else f"list of {_TYPES.get(items.get('type'), 'values')} values"
        )
    if vocabulary:
        return f"one term from the {vocabulary.label.lower()} vocabulary"
    fmt = FORMATS.get(node.get("format", ""))
    return fmt.description if fmt else _TYPES.get(node.get("type"), "value")


def _requirement(field: Field, by_name: dict[str, Field]) -> str:
    if not field.required:
        return "optional"
    if not field.parent:
        return "required"
    if field.parent.endswith("[]"):
        return f"required in each entry of {field.parent[:-2]}"
    parent = by_name[field.parent]
    if _requirement(parent, by_name) == "required":
        return "required"
    return f"required when {field.parent} is given"


def _limits(node: dict[str, Any]) -> list[str]:
    limits = []
    if str(node.get("pattern", "")).startswith("^[^\\n\\r]*"):
        limits.append("one line")
    for low, high, unit in (
        ("minLength", "maxLength", "characters"),
        ("minItems", "maxItems", "items"),
        ("minimum", "maximum", ""),
    ):
        text = _range(node.get(low), node.get(high), unit)
        if text:
            limits.append(text)
    if node.get("uniqueItems"):
        limits.append("no repeats")
    return limits


def _range(low: float | None, high: float | None, unit: str) -> str:
    if unit and low == 1 and high is None:
        unit = unit.removesuffix("s")  # "at least 1 item"
    unit = f" {unit}" if unit else ""
    if low is not None and high is not None:
        return f"{low} to {high}{unit}"
    if low:  # minItems 0 says nothing worth printing
        return f"at least {low}{unit}"
    if high is not None:
        return f"at most {high}{unit}"
    return ""


def _example(field: Field) -> str | None:
    """The first example, as the YAML a contributor would write for this field."""
    examples = field.node.get("examples")
    if not examples:
        return None
    return yaml.safe_dump(
        {field.key: examples[0]},
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=72,
    ).rstrip()


def _stub(raw: dict[str, Any]) -> str:
    """Top-level headings only, so MkDocs builds a short table of contents."""
    headings = [f"## {name}" for name in raw["properties"]] + [
        "## Rules across fields",
        "## Other vocabularies",
    ]
    return _LOW_IN_SEARCH + "\n\n".join(headings) + "\n"
