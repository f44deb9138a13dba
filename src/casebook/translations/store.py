"""The translations of one language, loaded and checked, ready to lay over the originals."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import files
from .validate import BLOCK, checked


@dataclass(frozen=True)
class Translation:
    """One valid translation file: its texts (in the record's shape) and its block."""

    code: str
    case_id: str
    file: str  # as messages name it
    text: dict[str, Any]  # the translated fields only, without the translation: block
    source_hash: str  # the original's source_hash() when it was translated
    method: str  # machine-assisted | human
    reviewed_by: str | None


def load(
    case_dir: Path,
    code: str,
    schema_raw: dict[str, Any],
    root: Path | None = None,
    records: Mapping[str, dict[str, Any]] | None = None,
) -> dict[str, Translation]:
    """Case id -> Translation for the language's valid files. A file with problems is left
    out, so its case shows the English original: `mkdocs build` has already refused it
    (validation runs first), and `mkdocs serve` must never stop on one. `records` (case id ->
    record) are the originals when the caller has them loaded already."""
    folder = case_dir / files.FOLDER / code
    if not folder.is_dir() or folder.is_symlink():
        return {}
    targets, _ = files.targets([folder], root)
    found: dict[str, Translation] = {}
    for target, document, problems in checked(targets, schema_raw, root, records):
        if document is None or problems:
            continue
        block = document.data[BLOCK]
        found[target.case_id] = Translation(
            code=code,
            case_id=target.case_id,
            file=target.shown,
            text={k: v for k, v in document.data.items() if k != BLOCK},
            source_hash=block["source_hash"],
            method=block["method"],
            reviewed_by=block["reviewed_by"],
        )
    return found


__all__ = ["Translation", "load"]
