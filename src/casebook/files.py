"""Which files under the project's input folders may be read at all.

case_studies/, content/ and schema/ come in through pull requests. A symbolic link there could
publish any file of the machine that builds the site (a CI runner's secrets), and opening a
named pipe (FIFO) blocks forever. So every entry is looked at with lstat() — which neither
follows links nor opens anything — and only regular files and folders are allowed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .problems import Problem

# case_studies/ holds case files directly. This one subfolder holds translations of case
# studies, which casebook.translations finds and checks (never as case files).
RESERVED_CASE_SUBFOLDERS = frozenset({"translations"})


def refusal(path: Path) -> str | None:
    """Why the entry at path must not be read (None for a regular file or a folder)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return "no such file"
    except OSError as error:
        return f"cannot read file: {error.strerror}"
    if stat.S_ISLNK(mode):
        return (
            "is a symbolic link, which could make the build read a file from outside the "
            "project; commit the file itself instead of a link"
        )
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = (
        "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device file"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "not a regular file"
    )
    return f"is {kind}, not a regular file; remove it (only ordinary files are read)"


def special_files(root: Path, folders: list[Path]) -> list[Problem]:
    """A problem for every symlink, FIFO, socket or device in the folders (and for a folder
    that is itself one), without following links or opening anything."""
    problems = []
    for folder in folders:
        if not os.path.lexists(folder):
            continue
        problems += _walk(Path(folder), root)
    return problems


def _walk(path: Path, root: Path) -> list[Problem]:
    why = refusal(path)
    if why:
        return [Problem(shown(path, root), 1, 1, "$", why)]
    if not path.is_dir():
        return []
    problems = []
    with os.scandir(path) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            problems += _walk(Path(entry.path), root)
    return problems


def shown(path: Path, root: Path | None) -> str:
    """A path as messages show it: relative to root (or the current folder), with slashes."""
    try:
        return os.path.relpath(path, root or Path.cwd()).replace(os.sep, "/")
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)


__all__ = ["RESERVED_CASE_SUBFOLDERS", "refusal", "shown", "special_files"]
