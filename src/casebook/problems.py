"""Problems: one precise message about one place in one file."""

from __future__ import annotations

import re
from dataclasses import dataclass

Path = tuple[str | int, ...]  # a JSON path as a tuple of keys (str) and indexes (int)


def format_path(path: Path) -> str:
    """('sources', 2, 'url') -> '$.sources[2].url'."""
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def describe_value(value: object) -> str:
    """How a value was read, for messages: 'the number 1', 'the boolean true', 'a list'."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    text = repr(value)
    return f"the text {text if len(text) <= 60 else text[:59] + chr(8230) + text[0]}"


_LINE_BREAKING = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """Line breaks and other controls written as escapes (\\n, \\x1b, \\u2028)."""
    return _LINE_BREAKING.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    col: int
    path: str
    message: str

    def __str__(self) -> str:
        # One problem is one line: a key or value with a line break must not forge another.
        return one_line(f"{self.file}:{self.line}:{self.col}: {self.path}: {self.message}")

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "path": self.path,
            "message": self.message,
        }


class CasebookError(Exception):
    """Raised with every problem found; str() lists them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
