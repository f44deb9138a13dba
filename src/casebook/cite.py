"""How to cite a case study: its permanent address and the release it last changed in."""

from __future__ import annotations

from dataclasses import dataclass

from .i18n.catalogue import Strings, strings
from .i18n.localise import human_date
from .ledger import Ledger
from .model import CaseStudy
from .render import case_url


@dataclass(frozen=True)
class Citation:
    url: str  # absolute when the site's address is configured (site_url), else site-relative
    version: str | None  # the data release the case last changed in; None before its first
    text: str


def citation(
    case: CaseStudy,
    ledger: Ledger,
    site_url: str | None,
    site_name: str,
    text: Strings | None = None,
) -> Citation:
    """`text`: the edition's strings (English by default), for the citation's own words."""
    text = text or strings()
    url = (site_url.rstrip("/") + "/" if site_url else "") + case_url(case.id)
    record = ledger.ids.get(case.id)
    version = record.last_changed if record else None
    words = text.t(
        "ui.cite.text_release" if version else "ui.cite.text",
        title=case.title,
        site=site_name,
        version=version,
        date=human_date(case.last_reviewed, text.language.code),
        url=url,
    )
    return Citation(url, version, words)
