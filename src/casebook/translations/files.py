"""Where translations of case studies live: <case folder>/translations/<code>/<id>.yml.

`casebook validate` is given files and folders; this module tells the translations among
them apart from case files and lists the translation files under a folder, refusing what must
not be read (symbolic links, pipes: casebook.files.refusal) and what would be silently skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..files import refusal, shown
from ..problems import Problem
from . import messages

FOLDER = "translations"  # reserved in case_studies/ (casebook.files.RESERVED_CASE_SUBFOLDERS)
SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class Target:
    """One translation file and what its place says: the language and the case it translates."""

    path: Path
    shown: str  # as messages name it
    code: str  # its folder's name, which should be a language code
    case_id: str  # its file name without .yml, which should be a case id

    @property
    def case_dir(self) -> Path:
        return self.path.parent.parent.parent

    @property
    def original(self) -> Path:
        return self.case_dir / f"{self.case_id}.yml"


def is_translation(path: Path, root: Path | None = None) -> bool:
    """A file or folder inside some <case folder>/translations/. Judged on the path from the
    project root, so a project that itself lives in a folder named translations/ is not
    mistaken for one."""
    parts = Path(shown(path, root)).parts
    if path.is_dir() and not path.is_symlink():
        return parts[-1:] == (FOLDER,) or parts[-2:-1] == (FOLDER,)
    return parts[-3:-2] == (FOLDER,)


def split(paths: Sequence[str | Path], root: Path | None = None) -> tuple[list[Path], list[Path]]:
    """(case paths, translation paths) from what `casebook validate` was given; a case folder
    brings its translations/ folder along."""
    cases: list[Path] = []
    translated: list[Path] = []
    for given in map(Path, paths):
        if is_translation(given, root):
            translated.append(given)
            continue
        cases.append(given)
        if given.is_dir() and not given.is_symlink() and (given / FOLDER).is_dir():
            translated.append(given / FOLDER)
    return cases, translated


def targets(paths: Sequence[Path], root: Path | None) -> tuple[list[Target], list[Problem]]:
    """Every translation file under the paths, and problems with the paths themselves."""
    found: list[Target] = []
    problems: list[Problem] = []
    for path in paths:
        for entry, depth in _entries(path):
            why = refusal(entry)
            if why:
                problems.append(Problem(shown(entry, root), 1, 1, "$", why))
            elif depth == 1 and not entry.is_dir():
                problems.append(Problem(shown(entry, root), 1, 1, "$", messages.NOT_IN_LANGUAGE))
            elif depth == 2 and entry.is_dir():
                problems.append(Problem(shown(entry, root), 1, 1, "$", messages.NESTED_FOLDER))
            elif depth == 2 or (depth == 0 and not entry.is_dir()):
                found.append(Target(entry, shown(entry, root), entry.parent.name, _stem(entry)))
    return found, problems


def _entries(path: Path) -> list[tuple[Path, int]]:
    """(entry, depth) under a translations/ folder (depth 1: language folders, 2: files), a
    language folder (2) or a single file (0). Hidden entries (.gitkeep) and files that are not
    YAML are left alone, as in case_studies/ itself."""
    if not path.is_dir() or path.is_symlink():
        return [(path, 0)]
    start = 1 if path.name == FOLDER else 2
    found: list[tuple[Path, int]] = []
    for entry in sorted(path.iterdir()):
        if entry.name.startswith("."):
            continue
        if start == 1 and entry.is_dir() and not entry.is_symlink():
            found += [(e, 2) for e in sorted(entry.iterdir()) if _wanted(e)]
        elif _wanted(entry) or entry.is_dir() or entry.is_symlink():
            found.append((entry, start))
    return found


def _wanted(entry: Path) -> bool:
    return not entry.name.startswith(".") and (
        entry.suffix.lower() in SUFFIXES or entry.is_dir() or entry.is_symlink()
    )


def _stem(path: Path) -> str:
    return path.name.rsplit(".", 1)[0]


__all__ = ["FOLDER", "Target", "is_translation", "split", "targets"]
