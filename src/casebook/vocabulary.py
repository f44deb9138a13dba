"""Controlled vocabularies (schema/vocabularies/*.yml): terms with labels and descriptions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .loader import load_file
from .problems import CasebookError


@dataclass(frozen=True)
class Term:
    key: str
    label: str
    description: str
    # e.g. min/max for city sizes, page for sections
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Vocabulary:
    name: str  # file stem, e.g. "themes"
    label: str  # e.g. "Practice"
    description: str
    terms: dict[str, Term]

    def label_of(self, key: str) -> str:
        term = self.terms.get(key)
        return term.label if term else key

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms.values())


def load_vocabularies(directory: str | Path) -> dict[str, Vocabulary]:
    """Every vocabulary in the folder, keyed by file stem; malformed files raise CasebookError."""
    vocabularies, problems = {}, []
    for path in sorted(Path(directory).glob("*.yml")):
        try:
            vocabularies[path.stem] = _read(path)
        except CasebookError as error:
            problems.extend(error.problems)
    if problems:
        raise CasebookError(problems)
    return vocabularies


def _read(path: Path) -> Vocabulary:
    document = load_file(str(path))
    data = document.data
    problems = [
        document.problem((key,), "required in a vocabulary")
        for key in ("label", "description", "terms")
        if key not in data
    ]
    terms = {}
    for key, body in (data.get("terms") or {}).items():
        if not isinstance(body, dict) or not {"label", "description"} <= body.keys():
            problems.append(
                document.problem(("terms", key), "each term needs a label and a description")
            )
            continue
        extra = {k: v for k, v in body.items() if k not in ("label", "description")}
        terms[key] = Term(key, str(body["label"]), str(body["description"]), extra)
    if problems:
        raise CasebookError(problems)
    return Vocabulary(path.stem, str(data["label"]), str(data["description"]), terms)


def size_band(population: int | None, sizes: Vocabulary) -> str:
    """The city-size term whose min/max range holds the population ('unknown' if none)."""
    if population is None:
        return "unknown"
    for term in sizes:
        low, high = term.extra.get("min"), term.extra.get("max")
        if (low is not None or high is not None) and (low or 0) <= population <= (
            high if high is not None else population
        ):
            return term.key
    return "unknown"


__all__ = ["Term", "Vocabulary", "load_vocabularies", "size_band"]
