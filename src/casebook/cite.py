"""How to cite a case study: its permanent address and the release it last changed in."""

from __future__ import annotations

from dataclasses import dataclass

from .ledger import Ledger
from .model import CaseStudy
from .render import case_url


@dataclass(frozen=True)
class Citation:
    url: str  # absolute when the site's address is configured (site_url), else site-relative
    version: str | None  # the data release the case last changed in; None before its first
    text: str


def citation(case: CaseStudy, ledger: Ledger, site_url: str | None, site_name: str) -> Citation:
    url = (site_url.rstrip("/") + "/" if site_url else "") + case_url(case.id)
    record = ledger.ids.get(case.id)
    version = record.last_changed if record else None
    release = f", data release {version}" if version else ""
    text = (
        f"\u201c{case.title}\u201d. {site_name}{release}, last reviewed {case.last_reviewed}. {url}"
    )
    return Citation(url, version, text)
