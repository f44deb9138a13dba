"""Casebook's own interface text in each language: src/casebook/i18n/strings/<code>.yml.

English (en.yml) holds every key; the other catalogues hold the same keys. A key missing
from a translation falls back to English at render time (tests/test_i18n_catalogue.py fails
on it, so a release never ships one).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale
from markupsafe import Markup

from .languages import LANGUAGES, ORIGINAL

STRINGS_DIR = Path(__file__).parent / "strings"
PLURAL_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other"})
Entry = str | Mapping[str, str]  # text, or plural forms by CLDR category


def flatten(tree: Mapping[str, Any], prefix: str = "") -> dict[str, Entry]:
    """Nested catalogue -> {"ui.case.place": text or plural map}."""
    flat: dict[str, Entry] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and value and set(value) <= PLURAL_CATEGORIES:
            flat[name] = {str(k): str(v) for k, v in value.items()}
        elif isinstance(value, Mapping):
            flat.update(flatten(value, f"{name}."))
        else:
            flat[name] = str(value)
    return flat


@cache
def load(code: str) -> dict[str, Entry]:
    """One language's catalogue, flattened (cached: the files ship with the package)."""
    path = STRINGS_DIR / f"{code}.yml"
    return flatten(yaml.safe_load(path.read_text(encoding="utf-8")) or {})


class Strings:
    """Look up and fill interface text for one language, falling back to English."""

    def __init__(self, code: str) -> None:
        self.language = LANGUAGES[code]
        self.entries = load(code)
        self.fallback = load(ORIGINAL)
        self._locale = Locale.parse(code)

    def t(self, key: str, /, count: int | None = None, **params: object) -> str:
        entry = self._text(key, count)
        if count is not None:
            params["count"] = count
        return entry.format_map(params) if params else entry

    def markup(self, key: str, /, count: int | None = None, **params: object) -> Markup:
        """t() for HTML: the catalogue's own text is trusted like a template (a test keeps
        markup characters out of it), each parameter is escaped unless it is Markup, so a
        link can be a placeholder. This is the templates' `t`."""
        entry = Markup(self._text(key, count))
        if count is not None:
            params["count"] = count
        return entry.format_map(params) if params else entry

    def _text(self, key: str, count: int | None) -> str:
        entry = self.entries.get(key)
        if entry is None:
            entry = self.fallback[key]  # KeyError: the key is in no catalogue at all
        if isinstance(entry, Mapping):
            category = self._locale.plural_form(count if count is not None else 0)
            entry = entry.get(category) or entry["other"]
        return entry

    def browser(self, prefix: str) -> dict[str, Entry]:
        """The keys under `prefix` (e.g. "ui.finder"), for a page's script: plural maps are
        passed whole and resolved in the browser with Intl.PluralRules."""
        keys = {**{k: v for k, v in self.fallback.items()}, **self.entries}
        return {k: v for k, v in keys.items() if k.startswith(f"{prefix}.")}


@cache
def strings(code: str = ORIGINAL) -> Strings:
    return Strings(code)
