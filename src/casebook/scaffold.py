"""Scaffolds for new case studies, written from the schema itself.

Every field of the schema appears in a new file, with a comment made from the field's
`description`, so the template cannot drift from the schema. What the contributor has not
told us yet is a placeholder string starting with TODO, which `casebook validate` reports.
"""

from __future__ import annotations

import difflib
import json
import re
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pycountry

from .facets import vocabulary_of
from .formats import FORMATS
from .validate import PLACEHOLDER, Schema, slugify
from .vocabulary import Vocabulary

Node = dict[str, Any]  # a JSON Schema node
Values = dict[str, object]  # answers given on the command line, by field name

MODELINE = "# yaml-language-server: $schema=../schema/case-study.schema.json"
WIDTH = 96  # comment lines stay readable in a narrow editor window
SPELT_OUT = 3  # a vocabulary this small (kind, approach) has each term explained in the comment
_ONE_LINE = "^[^\\n\\r]*"


@dataclass(frozen=True)
class Field:
    """One property of the schema, named as a contributor reads it: 'sources[].url'."""

    name: str
    key: str
    node: Node
    required: bool
    parent: str  # '' for top-level fields, else e.g. 'place' or 'sources[]'

    @property
    def depth(self) -> int:
        return self.name.count(".")

    @property
    def vocabulary(self) -> str | None:
        name = self.node.get("x-vocabulary") or self.node.get("items", {}).get("x-vocabulary")
        return str(name) if name else None

    @property
    def children(self) -> Node | None:
        """The mapping whose properties are nested under this field, if any."""
        if "properties" in self.node:
            return self.node
        items = self.node.get("items", {})
        return items if "properties" in items else None

    @property
    def child_prefix(self) -> str:
        return f"{self.name}[]." if self.node.get("type") == "array" else f"{self.name}."


def in_new_files(node: Node) -> bool:
    """Fields marked "x-scaffold": false (withdrawn) are for maintainers, never for a new file."""
    return node.get("x-scaffold", True) is not False


def fields(node: Node, prefix: str = "") -> Iterator[Field]:
    """Every property of a schema mapping, depth first, in the schema's order."""
    required = set(node.get("required", ()))
    for key, sub in node.get("properties", {}).items():
        field = Field(prefix + key, key, sub, key in required, prefix.rstrip("."))
        yield field
        if field.children is not None:
            yield from fields(field.children, field.child_prefix)


# ---------------------------------------------------------------- what flags and prompts give


class ScaffoldError(ValueError):
    """A value given on the command line or at a prompt that cannot be used."""


def resolve_country(text: str) -> str:
    """'Norway', 'no', 'NOR' -> 'NO'; anything else raises ScaffoldError with suggestions."""
    text = text.strip()
    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        pass
    close = [f"{c.name} ({c.alpha_2})" for c in _close_countries(text)]
    hint = f" Did you mean {' or '.join(close)}?" if close else ""
    raise ScaffoldError(
        f"{text!r} is not a country we know.{hint} Give its English name or "
        "its two-letter ISO 3166-1 code, e.g. --country Norway or --country NO."
    )


def _close_countries(text: str) -> list[Any]:
    """Countries whose name is spelt like the text (typos) or contains it."""
    by_name = {c.name.casefold(): c for c in pycountry.countries}
    close = difflib.get_close_matches(text.casefold(), list(by_name), n=3, cutoff=0.7)
    if close:
        return [by_name[name] for name in close]
    try:
        return pycountry.countries.search_fuzzy(text)[:3]
    except LookupError:
        return []


def resolve_term(text: str, vocabulary: Vocabulary, option: str) -> str:
    """A vocabulary key from its key or its label, case-insensitively."""
    wanted = text.strip().casefold()
    for term in vocabulary:
        if wanted in (term.key.casefold(), term.label.casefold()):
            return term.key
    choices = ", ".join(term.key for term in vocabulary)
    close = difflib.get_close_matches(wanted, list(vocabulary.terms), n=1, cutoff=0.6)
    hint = f" Did you mean {close[0]}?" if close else ""
    how = f"use {option} with one of" if option else "answer with one of"
    raise ScaffoldError(
        f"{text!r} is not a term of the {vocabulary.name} vocabulary.{hint} "
        f"{how.capitalize()}: {choices}."
    )


def case_id(title: str | None, given: str | None) -> str:
    """The id: --id if given, else a safe ASCII slug of the title."""
    if given:
        if slugify(given) != given or len(given) < 2:
            example = slugify(given) or "lyon-listening"
            raise ScaffoldError(
                f"--id {given!r} is not a valid id: use lowercase letters a-z, "
                f"digits and single hyphens, e.g. --id {example}."
            )
        return given
    if not (title or "").strip():
        raise ScaffoldError(
            "no title given: the id and the file name are made from the title. "
            'Give one with --title "…" (or an id with --id, e.g. --id '
            "lyon-listening)."
        )
    slug = slugify(title or "")
    if len(slug) < 2:
        raise ScaffoldError(
            "cannot make an id from the title (it needs some letters a-z or "
            "digits); give one with --id, e.g. --id lyon-listening."
        )
    return slug


# ---------------------------------------------------------------- the YAML text


def scaffold_text(schema: Schema, values: dict[str, object]) -> str:
    """The new file: modeline, guidance, then every field with its comment and value.

    `values` maps field names ('title', 'place.country') to what is already known.
    """
    lines = [
        MODELINE,
        "# A new Casebook case study. Replace every value that starts with TODO; delete an",
        "# optional field you cannot source. Check it with: casebook validate",
        "# Every field is described on the site under Contribute > Schema reference.",
    ]
    _write_mapping(schema.raw, "", 0, values, schema, lines)
    return "\n".join(lines) + "\n"


def _write_mapping(
    node: Node,
    prefix: str,
    indent: int,
    values: Values,
    schema: Schema,
    lines: list[str],
    *,
    first_dash: bool = False,
) -> None:
    required = set(node.get("required", ()))
    for key, sub in node["properties"].items():
        if not in_new_files(sub):
            continue
        field = Field(prefix + key, key, sub, key in required, prefix.rstrip("."))
        if indent == 0:
            lines.append("")
        pad = " " * indent
        if first_dash:  # the first field of a list item shares the line with its dash
            first_dash = False
            lines.append(" " * (indent - 2) + "- " + _comments(field, schema, 0)[0])
            lines += [pad + c for c in _comments(field, schema, indent)[1:]]
        else:
            lines += [pad + c for c in _comments(field, schema, indent)]
        _write_value(field, indent, values, schema, lines)


def _write_value(
    field: Field, indent: int, values: Values, schema: Schema, lines: list[str]
) -> None:
    pad, node = " " * indent, field.node
    if field.name in values:
        lines.append(f"{pad}{field.key}: {_scalar(values[field.name])}")
    elif "properties" in node:
        lines.append(f"{pad}{field.key}:")
        _write_mapping(node, field.child_prefix, indent + 2, values, schema, lines)
    elif field.children is not None:  # a list of mappings: one item to copy for each entry
        lines.append(f"{pad}{field.key}:")
        _write_mapping(
            field.children, field.child_prefix, indent + 4, values, schema, lines, first_dash=True
        )
    elif node.get("type") == "array" and not field.required:
        lines.append(f"{pad}{field.key}: []")  # an optional list of names: empty is honest
    elif node.get("type") == "array":
        lines.append(f"{pad}{field.key}:")
        lines.append(f"{pad}  - {_scalar(placeholder(field, schema))}")
    elif _is_block(node):
        style = "|" if "Markdown" in node.get("description", "") else ">-"
        lines.append(f"{pad}{field.key}: {style}")
        lines.append(f"{pad}  {placeholder(field, schema)}")
    else:
        lines.append(f"{pad}{field.key}: {_scalar(placeholder(field, schema))}")


def _comments(field: Field, schema: Schema, indent: int) -> list[str]:
    need = "Required." if field.required else "Optional: delete it if the sources do not say."
    text = f"{field.node.get('description', '').strip()} {need}"
    terms = _terms(field, schema)
    if field.vocabulary and len(schema.vocabularies[field.vocabulary].terms) <= SPELT_OUT:
        text += "".join(f" {t.key}: {t.description}" for t in schema.vocabularies[field.vocabulary])
    elif terms and (len(terms) > 60 or not field.required):
        text += f" Choose from: {terms}."
    return textwrap.wrap(
        text,
        WIDTH - indent - 2,
        initial_indent="# ",
        subsequent_indent="# ",
        break_on_hyphens=False,
    )


def placeholder(field: Field, schema: Schema) -> str:
    """The TODO text for a field, saying what kind of value goes there."""
    node = field.node
    terms = _terms(field, schema)
    if terms:
        many = "one or more of" if node.get("type") == "array" else "one of"
        return f"{PLACEHOLDER}: {many} {terms if len(terms) <= 60 else 'the terms listed above'}"
    kind = node.get("items", node)
    fmt = FORMATS.get(kind.get("format", ""))
    if fmt is not None:
        return f"{PLACEHOLDER}: {fmt.placeholder}"
    if kind.get("type") in ("integer", "number"):
        example = (node.get("examples") or [""])[0]
        return f"{PLACEHOLDER}: a number, e.g. {example}"
    if kind.get("type") == "boolean":
        return f"{PLACEHOLDER}: true or false"
    return PLACEHOLDER


def _terms(field: Field, schema: Schema) -> str:
    name = field.vocabulary
    return ", ".join(schema.vocabularies[name].terms) if name else ""


def _is_block(node: Node) -> bool:
    """Long free text (summary, narrative sections) is written as a YAML block."""
    return (
        node.get("type") == "string"
        and "format" not in node
        and not node.get("pattern", "").startswith(_ONE_LINE)
        and node.get("maxLength", 0) >= 1000
    )


def _scalar(value: object) -> str:
    # JSON scalars are YAML: strings come out double-quoted and escaped, so any title is safe.
    return json.dumps(value, ensure_ascii=False)


# ---------------------------------------------------------------- interactive prompts


PROMPTS = (  # (field, question, resolver or None)
    ("title", "Title of the case study (what readers will see)", None),
    ("place.name", "City, municipality or county", None),
    ("place.country", "Country (name or two-letter code)", "country"),
    ("place.region", "World region", vocabulary_of("region")),
    ("level_of_government", "Level of government", vocabulary_of("level")),
)


TITLE_NEEDED = (
    "  A title is needed before anything else: the id and the file name are made "
    "from it.\n  (Or press Ctrl+C and run again with --id.)"
)


def ask_missing(
    values: dict[str, object],
    schema: Schema,
    ask: Callable[[str], str],
    *,
    need_title: bool = False,
) -> None:
    """Ask for each missing value; an empty answer leaves a placeholder, except for the
    title when `need_title` (no --id): without it there is no file name, so say so at once
    rather than after every other question."""
    for name, question, resolver in PROMPTS:
        if name in values:
            continue
        if resolver and resolver != "country":
            question += f" [{', '.join(schema.vocabularies[resolver].terms)}]"
        required = need_title and name == "title"
        while True:
            answer = ask(f"{question}{'' if required else ' (Enter to skip)'}: ").strip()
            if not answer and required:
                print(TITLE_NEEDED)
                continue
            if not answer:
                break
            try:
                values[name] = _resolve(answer, resolver, schema)
                break
            except ScaffoldError as error:
                print(f"  {error}")


def _resolve(answer: str, resolver: str | None, schema: Schema) -> str:
    if resolver is None:
        if re.search(r"[\n\r]", answer):
            raise ScaffoldError("one line only, please")
        return answer
    if resolver == "country":
        return resolve_country(answer)
    return resolve_term(answer, schema.vocabularies[resolver], "")
