"""Checking translations of case studies (translations/<code>/<id>.yml) against their originals.

Loading is the case files' own (casebook.loader: strict YAML 1.2, the same limits), then:
the folder is a translated edition's language; the file names an existing case; the
`translation:` block says which version of the original it follows and how it was made; every
other key is a translatable text the original has (no structural field: years, places and
sources stay the original's); lists have the original's length; each text cites the same
sources ([1], [2]…) as the original's. Messages: translations/messages.py.

A translation of a withdrawn case study is accepted: its page stays at its address in every
edition, and its title and withdrawal reason may be translated like any other text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from .. import limits
from ..files import shown
from ..i18n.languages import TRANSLATIONS
from ..loader import Document, load_file
from ..problems import CasebookError, Problem
from ..problems import Path as JsonPath
from ..rules import markers
from . import files, messages
from .fields import TREE, Tree, pattern_of

BLOCK = "translation"
BLOCK_FIELDS = ("source_hash", "method", "reviewed_by")
METHODS = ("machine-assisted", "human")
_HASH = re.compile(r"[0-9a-f]{16}")
_ONE_LINE_PATTERN = "^[^\\n\\r]*(?![\\s\\S])"  # the schema's "one line" fields (title, roles)
LENGTH_SLACK = 2  # translated text runs longer than English (French and Spanish: ~20 %)


def validate(
    paths: Sequence[Path], schema_raw: dict[str, Any], root: Path | None
) -> tuple[int, list[Problem]]:
    """(number of translation files, problems) for the translations under the paths."""
    targets, problems = files.targets(paths, root)
    for _, _, found in checked(targets, schema_raw, root):
        problems += found
    return len(targets), problems


def checked(
    targets: Sequence[files.Target],
    schema_raw: dict[str, Any],
    root: Path | None,
    records: Mapping[str, dict[str, Any]] | None = None,
) -> Iterator[tuple[files.Target, Document | None, list[Problem]]]:
    """Each translation file loaded and checked: (target, document or None when it cannot
    be loaded, its problems). `records` (case id -> validated record) saves reading the
    originals again when the caller has them (the overlay)."""
    originals: dict[Path, Document | None] = {}
    ids: dict[Path, list[str]] = {}
    for target in targets:
        try:
            document = load_file(str(target.path), target.shown)
        except CasebookError as error:
            yield target, None, error.problems
            continue
        if target.case_dir not in ids:
            ids[target.case_dir] = sorted(p.stem for p in target.case_dir.glob("*.yml"))
        if target.original not in originals:
            record = (records or {}).get(target.case_id)
            originals[target.original] = (
                Document(str(target.original), record)
                if record is not None
                else _load_original(target.original)
            )
        original = originals[target.original]
        yield (
            target,
            document,
            check(document, target, original, ids[target.case_dir], schema_raw, root),
        )


def _load_original(path: Path) -> Document | None:
    try:
        return load_file(str(path))
    except (CasebookError, OSError):
        return None


def check(
    document: Document,
    target: files.Target,
    original: Document | None,
    ids: list[str],
    schema_raw: dict[str, Any],
    root: Path | None = None,
) -> list[Problem]:
    """Every problem of one loaded translation file (empty: it may be published)."""
    too_big = limits.oversized(document)  # before anything walks the data, as for cases
    if too_big:
        return too_big
    where = shown(target.original, root)
    if target.code not in TRANSLATIONS:
        return [document.problem((), messages.unknown_language(target.code))]
    if target.case_id not in ids:
        return [document.problem((), messages.unknown_case(target.case_id, where, ids))]
    if original is None or not isinstance(original.data, dict):
        return [document.problem((), messages.unreadable_original(where))]
    problems = []
    if not target.path.name.endswith(".yml"):
        problems.append(
            document.problem((), messages.wrong_suffix(target.path.name, target.case_id))
        )
    problems += _check_block(document, target.case_id)
    problems += _check_node(document, original.data, TREE, (), where, schema_raw)
    problems += limits.text_problems(document)  # blank text, references, Markdown limits
    return problems


# ---------------------------------------------------------------- the translation: block


def _check_block(document: Document, case_id: str) -> list[Problem]:
    data = document.data
    if BLOCK not in data:
        return [document.problem((), messages.missing_block(case_id))]
    block = data[BLOCK]
    if not isinstance(block, dict):
        return [document.problem((BLOCK,), messages.block_not_mapping(block))]
    problems = [
        document.problem((BLOCK, key), messages.unknown_block_field(key), at_key=True)
        for key in block
        if key not in BLOCK_FIELDS
    ]
    problems += [
        document.problem((BLOCK,), messages.missing_block_field(name, case_id))
        for name in BLOCK_FIELDS
        if name not in block
    ]
    value = block.get("source_hash")
    if "source_hash" in block and not (isinstance(value, str) and _HASH.fullmatch(value)):
        problems.append(document.problem((BLOCK, "source_hash"), messages.bad_hash(value, case_id)))
    value = block.get("method")
    if "method" in block and value not in METHODS:
        problems.append(document.problem((BLOCK, "method"), messages.bad_method(value)))
    value = block.get("reviewed_by")
    if "reviewed_by" in block and not (
        value is None or isinstance(value, str) and not limits.is_blank(value)
    ):
        problems.append(document.problem((BLOCK, "reviewed_by"), messages.bad_reviewer(value)))
    return problems


# ---------------------------------------------------------------- the translated fields


def _check_node(
    document: Document,
    original: dict[str, Any],
    tree: Tree,
    path: JsonPath,
    where: str,
    schema_raw: dict[str, Any],
) -> list[Problem]:
    """A mapping of the translation against the same mapping of the original."""
    node = _at(document.data, path)
    problems: list[Problem] = []
    for key in node:
        here = (*path, key)
        if not path and key == BLOCK:
            continue
        if key not in tree:
            message = (
                messages.not_translatable(pattern_of(here))
                if _is_case_field(schema_raw, here)
                else messages.unknown_key(key, _allowed(original, tree, top=not path))
            )
            problems.append(document.problem(here, message, at_key=True))
        elif key not in original:
            message = messages.not_in_original(pattern_of(here), where)
            problems.append(document.problem(here, message, at_key=True))
        else:
            problems += _check_value(document, original[key], tree[key], here, where, schema_raw)
    return problems


def _check_value(
    document: Document,
    original: Any,
    sub: Tree | list[Tree] | None,
    path: JsonPath,
    where: str,
    schema_raw: dict[str, Any],
) -> list[Problem]:
    value = _at(document.data, path)
    if sub is None:
        return [
            document.problem(path, message)
            for message in _text_messages(value, original, _field_schema(schema_raw, path))
        ]
    if isinstance(sub, list):
        if not isinstance(value, list):
            return [document.problem(path, messages.wrong_shape("a list", value))]
        if not isinstance(original, list):  # the original's own problem; nothing to match
            return []
        if len(value) != len(original):
            message = messages.list_length(pattern_of(path), len(value), len(original))
            return [document.problem(path, message)]
        problems = []
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                problems.append(
                    document.problem((*path, index), messages.wrong_shape("a mapping", item))
                )
            elif isinstance(original[index], dict):
                problems += _check_node(
                    document, original[index], sub[0], (*path, index), where, schema_raw
                )
        return problems
    if not isinstance(value, dict):
        return [document.problem(path, messages.wrong_shape("a mapping", value))]
    if not isinstance(original, dict):
        return []
    return _check_node(document, original, sub, path, where, schema_raw)


def _text_messages(value: Any, original: Any, field_schema: dict[str, Any]) -> list[str]:
    if value is None or value == "":
        return [messages.EMPTY]
    if not isinstance(value, str):
        return [messages.wrong_shape("text", value)]
    found: list[str] = []
    if field_schema.get("pattern") == _ONE_LINE_PATTERN and re.search("[\n\r]", value):
        found.append(messages.ONE_LINE)
    limit = field_schema.get("maxLength")
    if isinstance(limit, int) and len(value) > LENGTH_SLACK * limit:
        found.append(messages.too_long(len(value), LENGTH_SLACK * limit))
    if isinstance(original, str):
        want, have = Counter(markers(original)), Counter(markers(value))
        if want != have:
            missing = sorted((want - have).elements())
            extra = sorted((have - want).elements())
            found.append(messages.markers_differ(missing, extra, sorted(set(want))))
    return found


# ---------------------------------------------------------------- helpers


def _at(data: Any, path: JsonPath) -> Any:
    for step in path:
        data = data[step]
    return data


def _allowed(original: dict[str, Any], tree: Tree, *, top: bool) -> list[str]:
    """The keys a translation may hold at this level: the original's translatable ones."""
    return ([BLOCK] if top else []) + [key for key in tree if key in original]


def _field_schema(schema_raw: dict[str, Any], path: JsonPath) -> dict[str, Any]:
    """The JSON Schema of the case field at path ({} where the schema has none)."""
    node = schema_raw
    for step in path:
        node = node.get("items", {}) if isinstance(step, int) else node.get("properties", {})
        if not isinstance(step, int):
            node = node.get(step, {})
    return node


def _is_case_field(schema_raw: dict[str, Any], path: JsonPath) -> bool:
    """Whether a key is a field of case studies (and so merely not translatable)."""
    parent = _field_schema(schema_raw, path[:-1])
    return path[-1] in parent.get("properties", {})


__all__ = ["BLOCK", "METHODS", "check", "checked", "validate"]
