"""A translated edition's catalog: every case carries its translated text where there is one
(fields the translation lacks stay English), its TranslationStatus and its page's notice.

The English Catalog is never changed: each edition gets new CaseStudy objects over copied
records, so one build can render several editions from one validated catalog.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from ..i18n.catalogue import Strings, strings
from ..i18n.languages import ORIGINAL, edition_url
from ..model import CaseStudy, Catalog
from ..render import case_url
from . import store
from .fields import put, text_paths
from .notice import notice_html
from .state import case_status

if TYPE_CHECKING:
    from ..project import Project


def translated_catalog(catalog: Catalog, code: str, project: Project) -> Catalog:
    """The catalog of edition `code`, from the English one and the translations of
    project.case_dir/translations/<code>/ (English: the catalog itself)."""
    if code == ORIGINAL:
        return catalog
    records = {case.id: case.data for case in (*catalog.cases, *catalog.withdrawn)}
    translations = store.load(project.case_dir, code, project.schema.raw, project.root, records)
    text = strings(code)
    return Catalog(
        [translated_case(case, translations.get(case.id), code, text) for case in catalog.cases],
        catalog.vocabularies,
        [translated_case(c, translations.get(c.id), code, text) for c in catalog.withdrawn],
    )


def translated_case(
    case: CaseStudy, translation: store.Translation | None, code: str, text: Strings
) -> CaseStudy:
    """A copy of `case` in language `code`: its record with the translated texts laid over."""
    data = copy.deepcopy(case.data)
    for path, value in text_paths(translation.text if translation else {}):
        put(data, path, value)
    status = case_status(case.data, translation, code)
    original_url = edition_url(case_url(case.id), code, ORIGINAL)
    return CaseStudy(
        data,
        case.source_file,
        case.size,
        translation=status,
        notice=notice_html(status, text, original_url, kind="case"),
    )


__all__ = ["translated_case", "translated_catalog"]
