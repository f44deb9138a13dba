"""What a translation may contain, and the fingerprint of the original it translates.

A translation records `source_hash`: the fingerprint of the original's translatable text
when it was translated. When someone edits that text in the original, the fingerprint
changes and the translated page says the translation may be out of date. Edits to facts
that are not translated (years, sources, facets) do not make a translation stale.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

# Paths of the text a translation may hold ("[]" = every item of a list, matched by
# position). Everything else (ids, places, years, vocabulary keys, sources, people's
# names) stays the original's.
TRANSLATABLE: tuple[str, ...] = (
    "title",
    "summary",
    "leaders[].role",
    "evaluation.method",
    "evaluation.findings",
    "evaluation.independence_note",
    "resources.description",
    "narrative.context",
    "narrative.actions",
    "narrative.actors",
    "narrative.outcomes",
    "narrative.lessons",
    "narrative.conditions",
    "narrative.risks",
    "quotes[].text",
    "quotes[].role",
    "withdrawn.reason",
)


def translatable_text(record: dict[str, Any]) -> dict[str, Any]:
    """The part of a case record a translation may hold, in the record's own shape."""
    result: dict[str, Any] = {}
    for path in TRANSLATABLE:
        _copy(record, result, path.split("."))
    return result


def _copy(source: Any, target: dict[str, Any], steps: list[str]) -> None:
    step, rest = steps[0], steps[1:]
    if step.endswith("[]"):
        key = step[:-2]
        items = source.get(key) if isinstance(source, dict) else None
        if not isinstance(items, list):
            return
        copies = target.setdefault(key, [{} for _ in items])
        for item, copy in zip(items, copies, strict=True):
            _copy(item, copy, rest)
        return
    if not isinstance(source, dict) or step not in source:
        return
    if rest:
        _copy(source[step], target.setdefault(step, {}), rest)
    else:
        target[step] = source[step]


def source_hash(record: dict[str, Any]) -> str:
    """Fingerprint of a case record's translatable text: 16 hex digits of SHA-256."""
    text = json.dumps(translatable_text(record), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def page_hash(markdown: bytes) -> str:
    """Fingerprint of an English guide page (the file's bytes): 16 hex digits of SHA-256."""
    return hashlib.sha256(markdown).hexdigest()[:16]
