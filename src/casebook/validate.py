"""Validation: schema + vocabularies + cross-file rules -> problems with file:line:col.

Every file is checked and every problem reported; nothing stops at the first error.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import ledger, limits
from .facets import vocabulary_of
from .files import RESERVED_CASE_SUBFOLDERS, refusal
from .formats import is_http_url
from .loader import Document, load_many
from .messages import (
    PLACEHOLDER,
    did_you_mean,
    explain,
    is_required,
    placeholder_message,
    slugify,
)
from .problems import Path as JsonPath
from .problems import Problem, format_path
from .rules import check_record
from .schema import Schema
from .translations import files as translation_files
from .translations import validate as translations

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


# ---------------------------------------------------------------- single documents


def validate_document(document: Document, schema: Schema) -> list[Problem]:
    # Sizes first and alone: they are cheap, and the schema's uniqueItems is quadratic.
    too_big = limits.oversized(document)
    if too_big:
        return too_big
    errors = list(schema.validator.iter_errors(document.data))
    # A value that fails both its pattern and its format gets one message: the format's.
    formatted = {tuple(e.absolute_path) for e in errors if e.validator == "format"}
    # A placeholder left in place is reported once, by _check_placeholders, not again as a
    # wrong type or an unknown term.
    problems = [
        explain(error, document, schema)
        for error in errors
        if not (error.validator == "pattern" and tuple(error.absolute_path) in formatted)
        and not is_placeholder(error.instance)
    ]
    problems += _check_placeholders(document, schema.raw)
    problems += _check_id(document)
    problems += check_record(document, list(schema.vocabularies[vocabulary_of("evidence")].terms))
    problems += limits.text_problems(document)  # blank text, references, Markdown limits
    return problems


def is_placeholder(value: object) -> bool:
    return isinstance(value, str) and value.lstrip().startswith(PLACEHOLDER)


def _check_placeholders(
    document: Document, schema: dict[str, Any], node: object = None, path: JsonPath = ()
) -> list[Problem]:
    node = document.data if node is None and not path else node
    if isinstance(node, dict):
        return [
            p for k, v in node.items() for p in _check_placeholders(document, schema, v, (*path, k))
        ]
    if isinstance(node, list):
        return [
            p
            for i, v in enumerate(node)
            for p in _check_placeholders(document, schema, v, (*path, i))
        ]
    if isinstance(node, str) and is_placeholder(node):
        return [document.problem(path, placeholder_message(node, is_required(schema, path)))]
    return []


def _check_id(document: Document) -> list[Problem]:
    data = document.data
    stem = Path(document.file).name.rsplit(".", 1)[0]
    problems = []
    if not Path(document.file).name.endswith(".yml"):
        problems.append(
            document.problem(
                (), f"case-study files end in .yml; rename {Path(document.file).name} to {stem}.yml"
            )
        )
    case_id = data.get("id") if isinstance(data, dict) else None
    # An id that is not a slug already has its own problem; never advise renaming a file to it.
    if isinstance(case_id, str) and case_id != stem and _SLUG.fullmatch(case_id):
        problems.append(
            document.problem(
                ("id",),
                f"id {case_id!r} differs from the file name "
                f"{stem!r}; rename the file to {case_id}.yml"
                + (f" or set id: {stem}" if _SLUG.fullmatch(stem) else ""),
            )
        )
    return problems


# ---------------------------------------------------------------- the whole collection


def _cross_file(documents: list[Document], known_ids: set[str]) -> list[Problem]:
    problems = []
    by_key: dict[str, Document] = {}
    ids = set(known_ids)
    for document in documents:
        case_id = document.data.get("id")
        if not isinstance(case_id, str):
            continue
        key = unicodedata.normalize("NFKC", case_id).casefold()
        if key in by_key:
            problems.append(
                document.problem(
                    ("id",),
                    f"id {case_id!r} is already used by "
                    f"{by_key[key].file}; ids must be unique (ignoring "
                    "case)",
                )
            )
        by_key.setdefault(key, document)
        ids.add(case_id)
    for document in documents:
        own = document.data.get("id")
        related = document.data.get("related")
        for index, other in enumerate(related if isinstance(related, list) else []):
            if other == own:
                problems.append(
                    document.problem(
                        ("related", index),
                        "a case study cannot be related to itself; remove this entry",
                    )
                )
            elif isinstance(other, str) and other not in ids:
                hint = did_you_mean(other, sorted(ids)) or " Check case_studies/ for its id."
                problems.append(
                    document.problem(("related", index), f"no case study has id {other!r}.{hint}")
                )
    return problems


def _check_ledger(
    documents: list[Document], known_ids: set[str], folders: set[Path], root: Path | None
) -> list[Problem]:
    """Released ids may not disappear or be reused; only when case_studies/ itself is checked
    (a single file elsewhere, such as an example, is not part of the released collection)."""
    root = root or Path.cwd()
    case_dir = root / "case_studies"
    if not any(folder.resolve() == case_dir.resolve() for folder in folders):
        return []
    return ledger.check(documents, known_ids, ledger.Ledger.load(root), _display(case_dir, root))


@dataclass
class Report:
    documents: list[Document]
    problems: list[Problem]
    files: int
    left_out: int = 0  # problems beyond the 50 a file that are not listed (limits.py)
    translations: int = 0  # translation files checked (casebook.translations.validate)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.ok:
            count, more = len(self.documents), self.translations
            cases = f"{count} case stud{'y' if count == 1 else 'ies'}"
            if not more:
                return f"{cases} valid"
            checked = f"{more} translation{'s' * (more != 1)}"
            return f"{cases + ' and ' if count else ''}{checked} valid"
        broken = len({p.file for p in self.problems})
        total = len(self.problems) + self.left_out
        return f"{total} problem{'s' * (total != 1)} in {broken} file{'s' * (broken != 1)}"


def case_files(
    paths: Sequence[str | Path], root: Path | None = None
) -> tuple[list[tuple[str, str]], list[Problem]]:
    """(filename, display name) for every case file under the paths, and problems with paths."""
    files, problems = [], []
    seen: dict[str, str] = {}  # file name folded for case and Unicode form -> name shown
    for given in paths:
        given = Path(given)
        candidates = [given]
        if given.is_dir() and not given.is_symlink():
            candidates, nested = _folder_entries(given)
            problems += [Problem(_display(p, root), 1, 1, "$", _NESTED) for p in nested]
        for path in candidates:
            shown = _display(path, root)
            problems += _check_twin(path, shown, seen)
            refused = refusal(path)  # lstat only: a FIFO is never opened
            if path.is_symlink():
                problems.append(
                    Problem(
                        shown,
                        1,
                        1,
                        "$",
                        "is a symbolic link; commit the case study itself as a regular file",
                    )
                )
            elif refused:
                problems.append(Problem(shown, 1, 1, "$", refused))
            else:
                stem = path.name.rsplit(".", 1)[0]
                if not _SLUG.fullmatch(stem):
                    problems.append(
                        Problem(
                            shown,
                            1,
                            1,
                            "$",
                            f"file name {path.name!r} is not a "
                            "valid id; use lowercase a-z, digits and hyphens, "
                            f"e.g. {slugify(stem) or 'my-city-practice'}.yml",
                        )
                    )
                files.append((str(path), shown))
    return files, problems


_NESTED = (
    "is a folder inside case_studies/, and files in it are not read; move its case "
    "files into case_studies/ itself (the name translations/ is reserved)"
)


def _folder_entries(folder: Path) -> tuple[list[Path], list[Path]]:
    """(.yml/.yaml entries, subfolders that would be silently skipped) of a case folder."""
    entries = sorted(folder.iterdir())
    files = [
        p
        for p in entries
        if p.suffix.lower() in (".yml", ".yaml") and not (p.is_dir() and not p.is_symlink())
    ]
    nested = [
        p
        for p in entries
        if p.is_dir()
        and not p.is_symlink()
        and p.name not in RESERVED_CASE_SUBFOLDERS
        and not p.name.startswith(".")
    ]
    return files, nested


def _check_twin(path: Path, shown: str, seen: dict[str, str]) -> list[Problem]:
    """Two files whose names differ only by case or Unicode form (Oslo.yml, oslo.yml; NFC and
    NFD 'café') are one file on Windows and macOS and one page on the site."""
    key = unicodedata.normalize("NFKC", str(path.resolve().parent / path.name)).casefold()
    other = seen.setdefault(key, shown)
    if other == shown and path.name == Path(other).name:
        return []
    return [
        Problem(
            shown,
            1,
            1,
            "$",
            f"file name {ascii(path.name)} differs from "
            f"{ascii(Path(other).name)} only by letter case or Unicode form; keep one "
            "of the two files",
        )
    ]


def _display(path: Path, root: Path | None) -> str:
    try:
        return os.path.relpath(path, root or Path.cwd()).replace(os.sep, "/")
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)


PARALLEL_FROM = 400  # files; below this, starting worker processes costs more than it saves


def _check_one_chunk(files: list[tuple[str, str]]) -> tuple[list[Document], list[Problem]]:
    documents, problems = load_many(files)
    assert _worker_schema is not None, "_start_worker runs first in every worker"
    for document in documents:
        problems += validate_document(document, _worker_schema)
    return documents, problems


def _check_in_worker(files: list[tuple[str, str]]) -> tuple[list[Document], list[Problem]]:
    """As _check_one_chunk, but documents go back to the parent with only the positions the
    cross-file rules still need (pickling all of them: 0.38 s for 2,000 files; these: 0.12 s)."""
    documents, problems = _check_one_chunk(files)
    for document in documents:
        document.positions = {
            path: where
            for path, where in document.positions.items()
            if path[:1] in (("id",), ("related",))
        }
        document.key_positions = {}
    return documents, problems


_worker_schema: Schema | None = None


def _check_files(
    files: list[tuple[str, str]], schema: Schema
) -> tuple[list[Document], list[Problem]]:
    """Load and check every file; on several cores, in forked workers (each file is
    independent, and parsing plus schema checks are CPU-bound)."""
    global _worker_schema
    _worker_schema = schema
    workers = min(os.cpu_count() or 1, 8)
    if (
        len(files) < PARALLEL_FROM
        or workers < 2
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return _check_one_chunk(files)
    chunks = [files[i::workers] for i in range(workers)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        results = pool.map(_check_in_worker, chunks)
    documents = sorted((d for chunk, _ in results for d in chunk), key=lambda d: d.file)
    return documents, [p for _, chunk in results for p in chunk]


def validate_paths(paths: Sequence[str | Path], schema: Schema, root: Path | None = None) -> Report:
    paths, translated = translation_files.split(paths, root)  # case_studies/translations/<code>/
    files, problems = case_files(paths, root)
    # When single files are checked, their siblings still count as existing related ids.
    folders = {Path(f).parent for f, _ in files}
    known_ids = {p.stem for folder in folders for p in folder.glob("*.yml")}
    documents, file_problems = _check_files(files, schema)
    problems += file_problems
    problems += _cross_file(documents, known_ids)
    problems += _check_ledger(documents, known_ids, folders, root)
    checked, translation_problems = translations.validate(translated, schema.raw, root)
    problems = sorted(set(problems + translation_problems))
    shown = limits.cap_per_file(problems)
    # summary() then counts every problem, listed or summed up in an "and N more" line
    return Report(documents, shown, len(files), len(problems) - len(shown), checked)


__all__ = [
    "PLACEHOLDER",
    "Report",
    "Schema",
    "format_path",
    "is_http_url",
    "slugify",
    "validate_document",
    "validate_paths",
]
