"""JSON that is safe inside a <script> element or a classic script file (one place for it:
the finder's data, its strings and the CSV rows all go through here)."""

from __future__ import annotations

import json


def script_json(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


__all__ = ["script_json"]
