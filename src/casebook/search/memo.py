"""Search work kept across `mkdocs serve` rebuilds, by content.

The full-text index is rebuilt from every case and page on every build. At 2,000 cases that
was 6-7 s of a 9-10 s rebuild under `mkdocs serve` (turning narratives into text and every
word into its index term), though a save changes one case. Here each step's result is kept
under a key made of everything it reads, so a rebuild redoes only the changed case's part and
merges the rest: the files written are the same as without the memo (tests/test_search_memo.py).
`mkdocs build` does not use this.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Generic, TypeVar

from ..i18n.catalogue import strings
from ..i18n.languages import ORIGINAL
from ..model import CaseStudy, Catalog
from ..safe_markdown import SafeMarkdown
from .documents import Document, _labels, document
from .index import best_tiers
from .normalise import language
from .pages import page_text

Sections = list[tuple[str, str]]
V = TypeVar("V")


def _key(value: object) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _Generations(Generic[V]):
    """A dict whose entries not used in the last rebuild are dropped: memory stays bounded
    over a long session (one entry per live case or page)."""

    def __init__(self) -> None:
        self._old: dict[str, V] = {}
        self._new: dict[str, V] = {}

    def get(self, key: str, make: Callable[[], V]) -> V:
        if key in self._new:
            return self._new[key]
        value = self._old[key] if key in self._old else make()
        self._new[key] = value
        return value

    def next_rebuild(self) -> None:
        self._old, self._new = self._new, {}


class SearchMemo:
    """Case documents, per-document index terms and page texts, reused while unchanged."""

    def __init__(self) -> None:
        self._documents: _Generations[Document] = _Generations()
        self._tiers: _Generations[tuple[dict[str, int], set[str]]] = _Generations()
        self._pages: _Generations[Sections] = _Generations()

    def next_rebuild(self) -> None:
        for store in (self._documents, self._tiers, self._pages):
            store.next_rebuild()

    def documents(self, catalog: Catalog, code: str = ORIGINAL) -> list[Document]:
        """documents.documents(catalog, code), each case's built again only when its record
        (the edition's text) or the labels it shows change."""
        markdown, text = SafeMarkdown(), strings(code)

        def one(case: CaseStudy) -> Document:
            # A document shows its record and its facet values' labels (vocabularies).
            key = _key([code, case.data, _labels(case, catalog, text)])
            return self._documents.get(key, lambda: document(case, catalog, markdown, text))

        return [one(case) for case in catalog.cases]

    def best_tiers(self, doc: Document, code: str = ORIGINAL) -> tuple[dict[str, int], set[str]]:
        """index.best_tiers for a document with the same text by tier as before."""
        key = _key([code, sorted(doc.tiers.items())])
        return self._tiers.get(key, lambda: best_tiers(doc, language(code)))

    def page_text(self, html: str) -> Sections:
        """pages.page_text of a page whose HTML is unchanged."""
        key = hashlib.sha256(html.encode("utf-8")).hexdigest()
        return self._pages.get(key, lambda: page_text(html))
