"""Guide pages in an edition: built from content-translations/<code>/<path> when a translation
exists, else the English page (marked lang="en") under a notice in the reader's language.

A translation's front matter records the English file it translates (`translation.
source_hash`, casebook.translations.source.page_hash of the English file's bytes): when the
English page changes, the translated page says it may be out of date (i18n.md, "Guide pages").
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File
from mkdocs.utils.meta import get_data

from ..i18n.catalogue import Strings
from ..i18n.languages import Language
from ..translations.notice import notice_html
from ..translations.source import page_hash
from ..translations.status import TranslationStatus

TRANSLATIONS_DIR = "content-translations"


def translation_path(root: Path, language: Language, src_uri: str) -> Path:
    return root / TRANSLATIONS_DIR / language.code / src_uri


def translate_guide(
    files: Iterable[File], root: Path, language: Language
) -> dict[str, TranslationStatus]:
    """Point each hand-written page that has a translation at it (MkDocs then reads the
    translation); return every hand-written page's status, by src_uri."""
    statuses: dict[str, TranslationStatus] = {}
    for file in files:
        if not file.is_documentation_page() or file.generated_by or not file.abs_src_path:
            continue
        translated = translation_path(root, language, file.src_uri)
        english = Path(file.abs_src_path).read_bytes()
        if translated.is_file():
            statuses[file.src_uri] = _status(language, english, translated)
            file.abs_src_path = str(translated)
        else:
            statuses[file.src_uri] = TranslationStatus(language.code, "missing")
    return statuses


def _status(language: Language, english: bytes, translated: Path) -> TranslationStatus:
    _, meta = get_data(translated.read_text(encoding="utf-8-sig"))
    record: Any = meta.get("translation")
    record = record if isinstance(record, dict) else {}
    current = record.get("source_hash") == page_hash(english)
    reviewed = record.get("reviewed_by")
    return TranslationStatus(
        language.code,
        "up-to-date" if current else "stale",
        method=str(record.get("method") or "machine-assisted"),
        reviewed_by=str(reviewed) if reviewed else None,
    )


def with_notice(html: str, status: TranslationStatus, strings: Strings, original_url: str) -> str:
    """The page's HTML under its translation notice; English fallback text marked as such."""
    if status.state == "original":
        return html
    notice = notice_html(status, strings, original_url)
    if status.state == "missing":
        # dir="ltr": English read left to right inside the Arabic edition too
        return f'{notice}<div lang="en" dir="ltr">{html}</div>'
    return f"{notice}{html}"


__all__ = ["TRANSLATIONS_DIR", "translate_guide", "translation_path", "with_notice"]
