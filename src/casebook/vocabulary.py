"""Controlled vocabularies (schema/vocabularies/*.yml): terms with labels and descriptions,
and their translations (a `translations` block per vocabulary and per term:
`fr: {label: ..., description: ...}`; a language without one shows the English)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .i18n.languages import TRANSLATIONS
from .loader import Document, load_file
from .problems import CasebookError, Problem

# language code -> {"label": ..., "description": ...}
Translations = dict[str, dict[str, str]]
_TRANSLATED = ("label", "description")


@dataclass(frozen=True)
class Term:
    key: str
    label: str
    description: str
    # e.g. min/max for city sizes, page for sections
    extra: dict[str, Any] = field(default_factory=dict)
    translations: Translations = field(default_factory=dict)

    def in_language(self, code: str) -> Term:
        """This term as an edition in `code` shows it (English where untranslated)."""
        own = self.translations.get(code, {})
        return replace(
            self,
            label=own.get("label", self.label),
            description=own.get("description", self.description),
        )


@dataclass(frozen=True)
class Vocabulary:
    name: str  # file stem, e.g. "themes"
    label: str  # e.g. "Practice"
    description: str
    terms: dict[str, Term]
    translations: Translations = field(default_factory=dict)

    def in_language(self, code: str) -> Vocabulary:
        """The vocabulary with labels and descriptions in `code`, English where missing;
        keys and order unchanged."""
        if code not in TRANSLATIONS:
            return self
        own = self.translations.get(code, {})
        return replace(
            self,
            label=own.get("label", self.label),
            description=own.get("description", self.description),
            terms={key: term.in_language(code) for key, term in self.terms.items()},
        )

    def label_of(self, key: str) -> str:
        term = self.terms.get(key)
        return term.label if term else key

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms.values())


def load_vocabularies(directory: str | Path) -> dict[str, Vocabulary]:
    """Every vocabulary in the folder, keyed by file stem; malformed files raise CasebookError."""
    vocabularies, problems = {}, []
    for path in sorted(Path(directory).glob("*.yml")):
        try:
            vocabularies[path.stem] = _read(path)
        except CasebookError as error:
            problems.extend(error.problems)
    if problems:
        raise CasebookError(problems)
    return vocabularies


def _read(path: Path) -> Vocabulary:
    document = load_file(str(path))
    data = document.data
    problems = [
        document.problem((key,), "required in a vocabulary")
        for key in ("label", "description", "terms")
        if key not in data
    ]
    terms = {}
    for key, body in (data.get("terms") or {}).items():
        if not isinstance(body, dict) or not {"label", "description"} <= body.keys():
            problems.append(
                document.problem(("terms", key), "each term needs a label and a description")
            )
            continue
        extra = {k: v for k, v in body.items() if k not in ("label", "description", "translations")}
        translations = _translations(document, ("terms", key), body, problems)
        terms[key] = Term(key, str(body["label"]), str(body["description"]), extra, translations)
    own = _translations(document, (), data, problems)
    if problems:
        raise CasebookError(problems)
    return Vocabulary(path.stem, str(data["label"]), str(data["description"]), terms, own)


def _translations(
    document: Document, at: tuple[str, ...], body: dict[str, Any], problems: list[Problem]
) -> Translations:
    """The `translations` block of a vocabulary or a term, checked: known language codes,
    each with a label as text and, optionally, a description (blank or left out: the
    English one is shown). Problems are appended, not raised, so that
    one run lists them all."""
    block = body.get("translations")
    if block is None:
        return {}
    path = (*at, "translations")
    if not isinstance(block, dict):
        problems.append(
            document.problem(path, "must be a mapping of language codes, e.g. fr: {label: …}")
        )
        return {}
    known = ", ".join(TRANSLATIONS)
    found: Translations = {}
    for code, entry in block.items():
        where = (*path, code)
        if code not in TRANSLATIONS:
            problems.append(
                document.problem(
                    where,
                    f"{code!r} is not a language of the site; use one of {known}",
                    at_key=True,
                )
            )
            continue
        if not isinstance(entry, dict):
            problems.append(
                document.problem(where, "must be a mapping with a label and a description")
            )
            continue
        for name in entry.keys() - set(_TRANSLATED):
            problems.append(
                document.problem(
                    (*where, name),
                    f"unknown key {name!r}; a translation has only a label and a description",
                    at_key=True,
                )
            )
        label, description = entry.get("label"), entry.get("description", "")
        if not isinstance(label, str) or not label.strip():
            problems.append(
                document.problem(
                    (*where, "label") if "label" in entry else where,
                    "needs a label as text that is not blank, e.g. label: Pratique",
                )
            )
        elif not isinstance(description, str):
            problems.append(
                document.problem((*where, "description"), "the description must be text (quote it)")
            )
        else:  # a blank description shows the English one
            found[code] = {
                "label": label,
                **({"description": description} if description.strip() else {}),
            }
    return found


def size_band(population: int | None, sizes: Vocabulary) -> str:
    """The city-size term whose min/max range holds the population ('unknown' if none)."""
    if population is None:
        return "unknown"
    for term in sizes:
        low, high = term.extra.get("min"), term.extra.get("max")
        if (low is not None or high is not None) and (low or 0) <= population <= (
            high if high is not None else population
        ):
            return term.key
    return "unknown"


__all__ = ["Term", "Vocabulary", "load_vocabularies", "size_band"]
