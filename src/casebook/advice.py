"""Advice that is not a problem: things worth fixing that do not make a case study invalid.
`casebook validate` prints them as warnings; the exit code and `mkdocs build` ignore them."""

from __future__ import annotations

from .problems import Problem
from .scaffold import MODELINE


def modeline_warnings(files: list[tuple[str, str]]) -> list[Problem]:
    """Case files should start with the yaml-language-server line, so editors such as VS
    Code complete field names and vocabulary terms from the schema."""
    advice = []
    for filename, shown in files:
        try:
            with open(filename, encoding="utf-8", errors="replace") as handle:
                first = handle.readline().rstrip("\r\n").lstrip("\ufeff")
        except OSError:
            continue  # the validation itself reports unreadable files
        if first != MODELINE:
            advice.append(
                Problem(
                    shown,
                    1,
                    1,
                    "$",
                    f"the first line should be '{MODELINE}' so "
                    "editors complete and check fields (add it above the rest)",
                )
            )
    return advice
