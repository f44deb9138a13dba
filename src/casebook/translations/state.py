"""Where a case study stands in a language: up to date, stale or missing, and which of its
texts the translation lacks. Read by the overlay (for the page's notice) and by the coverage
table and `casebook translations` (for everyone else)."""

from __future__ import annotations

from typing import Any

from .fields import missing_patterns
from .source import source_hash
from .status import TranslationStatus
from .store import Translation


def case_status(
    original: dict[str, Any], translation: Translation | None, code: str
) -> TranslationStatus:
    """The status of one case in one language. A translation follows the original while
    the fingerprint it records is the original's current one (source.source_hash)."""
    if translation is None:
        return TranslationStatus(
            code, "missing", missing_fields=tuple(missing_patterns(original, None))
        )
    current = translation.source_hash == source_hash(original)
    return TranslationStatus(
        language=code,
        state="up-to-date" if current else "stale",
        method=translation.method,
        reviewed_by=translation.reviewed_by,
        missing_fields=tuple(missing_patterns(original, translation.text)),
    )


__all__ = ["case_status"]
