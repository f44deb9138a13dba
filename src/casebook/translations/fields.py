"""The translatable fields of a record, as concrete paths: ("quotes", 0, "text") is an
instance of the pattern "quotes[].text" of source.TRANSLATABLE.

Validation, the overlay and the coverage table all ask the same questions (which texts does
the original hold, which does a translation hold), so they are answered here once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..problems import Path
from .source import TRANSLATABLE

# The patterns as a tree: {"narrative": {"context": None}, "quotes": [{"text": None}]};
# None marks a text, a one-item list marks "every item, matched by position".
Tree = dict[str, Any]


def _tree() -> Tree:
    tree: Tree = {}
    for pattern in TRANSLATABLE:
        node = tree
        steps = pattern.split(".")
        for step in steps[:-1]:
            if step.endswith("[]"):
                node = node.setdefault(step[:-2], [{}])[0]
            else:
                node = node.setdefault(step, {})
        node[steps[-1]] = None
    return tree


TREE: Tree = _tree()


def pattern_of(path: Path) -> str:
    """("quotes", 0, "text") -> "quotes[].text"; ("narrative", "context") -> "narrative.context"."""
    out: list[str] = []
    for step in path:
        if isinstance(step, int):
            out[-1] += "[]"
        else:
            out.append(step)
    return ".".join(out)


def text_paths(record: Any) -> Iterator[tuple[Path, Any]]:
    """(path, value) of every translatable field the record has, in TRANSLATABLE's order of
    nesting; values are what the record holds (validation checks they are text)."""
    yield from _walk(record, TREE, ())


def _walk(node: Any, tree: Tree, path: Path) -> Iterator[tuple[Path, Any]]:
    if not isinstance(node, dict):
        return
    for key, sub in tree.items():
        if key not in node:
            continue
        value = node[key]
        if sub is None:
            yield (*path, key), value
        elif isinstance(sub, list):
            for index, item in enumerate(value if isinstance(value, list) else []):
                yield from _walk(item, sub[0], (*path, key, index))
        else:
            yield from _walk(value, sub, (*path, key))


def get(record: Any, path: Path) -> Any:
    """The value at path, or None where the record has none."""
    node = record
    for step in path:
        if isinstance(step, int):
            node = node[step] if isinstance(node, list) and step < len(node) else None
        else:
            node = node.get(step) if isinstance(node, dict) else None
    return node


def put(record: dict[str, Any], path: Path, value: Any) -> None:
    """Set the value at path in a record that already has every parent on the way."""
    node: Any = record
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


def missing_patterns(original: dict[str, Any], translated: dict[str, Any] | None) -> list[str]:
    """Patterns (in TRANSLATABLE order) of the original's texts the translation lacks."""
    held = {path for path, value in text_paths(translated or {}) if isinstance(value, str)}
    missing = {pattern_of(path) for path, _ in text_paths(original) if path not in held}
    return [pattern for pattern in TRANSLATABLE if pattern in missing]


__all__ = ["TREE", "get", "missing_patterns", "pattern_of", "put", "text_paths"]
