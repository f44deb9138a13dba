"""Feeds of new and updated case studies: Atom 1.0 (RFC 4287) and JSON Feed 1.1.

An entry's date is the later of its last review and the date of the release it first appeared
in, so a case shows up when it is published and again when it is reviewed. Newest first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from .ledger import Ledger
from .model import CaseStudy, Catalog
from .render import case_url

FEED_SIZE = 50
ATOM_FILE, JSON_FILE = "feed.xml", "feed.json"


@dataclass(frozen=True)
class Entry:
    case: CaseStudy
    updated: str  # YYYY-MM-DD
    url: str
    tag: str  # a stable id that does not depend on where the site is hosted

    @property
    def title(self) -> str:
        """Mentions say so in the feed too, as they do on the site."""
        return f"Mention: {self.case.title}" if self.case.is_mention else self.case.title


def entries(catalog: Catalog, ledger: Ledger, site_url: str | None) -> list[Entry]:
    base = site_url.rstrip("/") + "/" if site_url else ""
    found = []
    for case in catalog.cases:
        first = ledger.first_release_date(case.id) or case.last_reviewed
        updated = max(first, case.last_reviewed)
        found.append(
            Entry(
                case, updated, base + case_url(case.id), f"tag:casebook,2026:case-studies/{case.id}"
            )
        )
    found.sort(key=lambda e: (e.updated, e.case.id), reverse=True)
    return found[:FEED_SIZE]


def atom(catalog: Catalog, ledger: Ledger, site_url: str | None, title: str) -> str:
    items = entries(catalog, ledger, site_url)
    base = site_url.rstrip("/") + "/" if site_url else ""
    updated = items[0].updated if items else "1970-01-01"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{escape(title)}: new and updated case studies</title>",
        "  <id>tag:casebook,2026:feed</id>",
        f"  <updated>{updated}T00:00:00Z</updated>",
        "  <author><name>Casebook contributors</name></author>",
        _link("alternate", "text/html", base + "index.html"),
        _link("self", "application/atom+xml", base + ATOM_FILE),
        "  <rights>Content CC BY 4.0, Casebook contributors</rights>",
    ]
    for item in items:
        case = item.case
        lines += [
            "  <entry>",
            f"    <title>{escape(item.title)}</title>",
            f"    <id>{escape(item.tag)}</id>",
            f"    <updated>{item.updated}T00:00:00Z</updated>",
            "  " + _link("alternate", "text/html", item.url),
            f"    <summary>{escape(case.summary)}</summary>",
            "  </entry>",
        ]
    return "\n".join([*lines, "</feed>"]) + "\n"


def _link(rel: str, media_type: str, href: str) -> str:
    return f'  <link rel="{rel}" type="{media_type}" href={quoteattr(href)}/>'


def json_feed(catalog: Catalog, ledger: Ledger, site_url: str | None, title: str) -> str:
    base = site_url.rstrip("/") + "/" if site_url else ""
    feed: dict[str, Any] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{title}: new and updated case studies",
        "authors": [{"name": "Casebook contributors"}],
        "language": "en",
    }
    if base:
        feed |= {"home_page_url": base + "index.html", "feed_url": base + JSON_FILE}
    feed["items"] = [
        {
            "id": item.tag,
            "url": item.url,
            "title": item.title,
            "summary": item.case.summary,
            "content_text": item.case.summary,
            "date_modified": f"{item.updated}T00:00:00Z",
            "tags": list(item.case.themes),
        }
        for item in entries(catalog, ledger, site_url)
    ]
    return json.dumps(feed, ensure_ascii=False, indent=1) + "\n"
