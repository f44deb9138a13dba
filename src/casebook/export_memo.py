"""casebook.json under `mkdocs serve`, each case's part encoded once.

export.to_json indents its output, which sends json through its pure-Python encoder: about
0.5 s of every rebuild at 2,000 cases on the idle 2-core machine, though a save changes one
case. Here each case's indented JSON is kept by the case's data and the file is assembled
from the parts, byte for byte what export.to_json writes (tests/test_export_memo.py).
`mkdocs build` and `casebook export` do not use this.
"""

from __future__ import annotations

import json

from . import export
from .i18n.languages import ORIGINAL
from .model import Catalog


def _indented(value: object, depth: int) -> str:
    """`value` as export.to_json writes it `depth` levels deep (indent=1): json puts line
    breaks only between items, never inside a string, so nesting adds spaces after each."""
    text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
    return text.replace("\n", "\n" + " " * depth)


class OpenDataMemo:
    def __init__(self) -> None:
        self._cases: dict[str, str] = {}  # compact JSON of a case's data -> indented part

    def to_json(self, catalog: Catalog, language: str = ORIGINAL) -> str:
        """export.to_json(catalog, language), reusing unchanged cases' parts."""
        data = export.dataset(catalog, language)
        parts, kept = [], {}
        for case in data["cases"]:
            key = json.dumps(case, ensure_ascii=False, sort_keys=True)  # C encoder: fast
            part = self._cases.get(key) or _indented(case, 2)
            kept[key] = part
            parts.append(part)
        self._cases = kept  # only live cases: bounded memory
        fields = []
        for name in sorted(data):
            if name == "cases":
                value = "[\n  " + ",\n  ".join(parts) + "\n ]" if parts else "[]"
            else:
                value = _indented(data[name], 1)
            fields.append(f"{json.dumps(name)}: {value}")
        return "{\n " + ",\n ".join(fields) + "\n}\n"

    def open_data(self, catalog: Catalog, language: str = ORIGINAL) -> dict[str, str]:
        """export.open_data(catalog, language)."""
        return {
            "casebook.json": self.to_json(catalog, language),
            "casebook.csv": export.to_csv(catalog, language),
        }
