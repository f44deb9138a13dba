"""Which edition a MkDocs configuration builds, and which editions a full build publishes.

The edition's language is `extra.casebook.language` (absent: English, the original); the
editions a full English build adds are `extra.casebook.editions` (codes, e.g. [fr, es, ar]),
each built from `mkdocs.<code>.yml` beside mkdocs.yml. Nothing downstream reads the config:
it receives the Language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..i18n.languages import LANGUAGES, ORIGINAL, Language


class EditionConfigError(ValueError):
    """The editions in mkdocs.yml do not add up; str() says what to change."""


def _casebook(config: Any) -> dict[str, Any]:
    return (config.extra or {}).get("casebook", {}) or {}


def edition_language(config: Any) -> Language:
    """The language this configuration builds (`extra.casebook.language`, default English)."""
    code = _casebook(config).get("language") or ORIGINAL
    if code not in LANGUAGES:
        known = ", ".join(LANGUAGES)
        raise EditionConfigError(
            f"extra.casebook.language: {code!r} is not a Casebook language; use one of {known}"
        )
    return LANGUAGES[code]


def published_editions(config: Any) -> tuple[Language, ...]:
    """Every edition of the published site, English first: what the switcher and hreflang
    links offer. Test projects list none, so their builds stay English only."""
    codes = _casebook(config).get("editions") or []
    unknown = [code for code in codes if code not in LANGUAGES or code == ORIGINAL]
    if unknown:
        raise EditionConfigError(
            f"extra.casebook.editions: {unknown[0]!r} is not a translated edition; "
            f"use codes from {', '.join(c for c in LANGUAGES if c != ORIGINAL)}"
        )
    return (LANGUAGES[ORIGINAL], *(LANGUAGES[code] for code in codes))


def edition_config_file(english_config_file: str | Path, code: str) -> Path:
    """mkdocs.<code>.yml beside the English configuration file."""
    path = Path(english_config_file).resolve()
    return path.with_name(f"{path.stem}.{code}{path.suffix}")


__all__ = [
    "EditionConfigError",
    "edition_config_file",
    "edition_language",
    "published_editions",
]
