"""Where a page stands against its original in one language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

State = Literal["original", "up-to-date", "stale", "missing"]


@dataclass(frozen=True)
class TranslationStatus:
    language: str  # the edition's code
    state: State  # "original": the English edition, no notice
    method: str | None = None  # "machine-assisted" | "human" (None when missing/original)
    reviewed_by: str | None = None
    # Translatable fields shown in English because the translation does not hold them
    # (a title-and-summary translation shows its narrative in English).
    missing_fields: tuple[str, ...] = ()
