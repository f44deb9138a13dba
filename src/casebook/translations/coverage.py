"""How far each translated edition has got: every case study and guide page in every
language, up to date, stale or missing (and, for cases, which texts are translated).

Computed from the files themselves (originals, translations, guide pages), never from an
edition's overlaid catalog, so every edition's coverage page and `casebook translations`
show the same table.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..i18n.languages import TRANSLATIONS
from ..loader import load_file
from ..problems import CasebookError
from ..project import Project
from . import store
from .fields import missing_patterns
from .source import page_hash
from .state import case_status
from .status import TranslationStatus

GUIDE_TRANSLATIONS = "content-translations"  # content-translations/<code>/<path>.md


@dataclass(frozen=True)
class Row:
    """One case study or guide page and its status in each translated language."""

    key: str  # case id, or the page's path under content/ ("preparation/mandate.md")
    url: str  # from the site root: "case-studies/oslo-salto.html"
    statuses: dict[str, TranslationStatus]
    texts: tuple[str, ...] = ()  # a case's translatable fields (TRANSLATABLE patterns)

    def translated(self, code: str) -> list[str]:
        """The case's texts the language's translation holds (empty when it has none)."""
        status = self.statuses[code]
        if status.state == "missing":
            return []
        return [text for text in self.texts if text not in status.missing_fields]


def case_rows(project: Project, case_ids: list[str]) -> list[Row]:
    """Rows for the given cases (published ones; a withdrawn case needs no translation)."""
    translations = {
        code: store.load(project.case_dir, code, project.schema.raw, project.root)
        for code in TRANSLATIONS
    }
    rows = []
    for case_id in case_ids:
        original = _original(project.case_dir / f"{case_id}.yml")
        statuses = {
            code: case_status(original, translations[code].get(case_id), code)
            for code in TRANSLATIONS
        }
        texts = tuple(missing_patterns(original, None))  # all it has: nothing is translated
        rows.append(Row(case_id, f"case-studies/{case_id}.html", statuses, texts))
    return rows


def _original(path: Path) -> dict[str, Any]:
    try:
        data = load_file(str(path)).data
    except CasebookError:  # validation names the problem; the row shows nothing translated
        return {}
    return data if isinstance(data, dict) else {}


def page_rows(root: Path, docs_dir: Path) -> list[Row]:
    """Rows for every Markdown page of the guide (content/**/*.md), by path."""
    rows = []
    for english in sorted(docs_dir.rglob("*.md")):
        path = english.relative_to(docs_dir).as_posix()
        statuses = {
            code: page_status(english, root / GUIDE_TRANSLATIONS / code / path, code)
            for code in TRANSLATIONS
        }
        rows.append(Row(path, path.removesuffix(".md") + ".html", statuses))
    return rows


def page_status(english: Path, translated: Path, code: str) -> TranslationStatus:
    """A guide page's status: its translation's front matter records the page_hash() of the
    English file it translates (a translation without a readable one counts as stale)."""
    if not translated.is_file() or translated.is_symlink():
        return TranslationStatus(code, "missing")
    block = _front_matter(translated.read_bytes()).get("translation")
    block = block if isinstance(block, dict) else {}
    current = block.get("source_hash") == page_hash(english.read_bytes())
    reviewer = block.get("reviewed_by")
    return TranslationStatus(
        code,
        "up-to-date" if current else "stale",
        str(block.get("method") or "machine-assisted"),
        reviewer if isinstance(reviewer, str) else None,
    )


def _front_matter(markdown: bytes) -> dict[str, Any]:
    text = markdown.decode("utf-8", errors="replace")
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---", 4)
    try:
        data = yaml.safe_load(text[4:end]) if end > 0 else None
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def counts(rows: list[Row], code: str) -> dict[str, int]:
    """State -> number of rows, for one language."""
    found = {"up-to-date": 0, "stale": 0, "missing": 0}
    for row in rows:
        found[row.statuses[code].state] += 1
    return found


__all__ = ["GUIDE_TRANSLATIONS", "Row", "case_rows", "counts", "page_rows", "page_status"]
