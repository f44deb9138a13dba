"""What a case study says, as plain text: the fields the index ranks by and the sections
its excerpts are cut from. Everything a reader can see on the case page is here."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..facets import FACETS
from ..i18n.catalogue import strings as _strings
from ..model import CaseStudy, Catalog
from ..safe_markdown import SafeMarkdown

# Ranking tiers: a word in the title or place counts most, then the summary and labels,
# then the narrative, quotes and sources.
TITLE, SUMMARY, BODY = 3, 2, 1

_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote|pre)>")
_SPACE = re.compile(r"[ \t]+")


@dataclass(frozen=True)
class Document:
    """One case study (or page: pages.py) for search: id, the line shown under its title,
    text by tier, and (heading, text) sections for excerpts. Pages also have a URL and a
    boost (a factor on their score)."""

    id: str
    title: str
    place: str
    tiers: dict[int, list[str]]
    sections: list[tuple[str, str]]
    url: str | None = None
    boost: float = 1.0


def plain_text(markdown_html: str) -> str:
    """Visible text of cleaned Markdown HTML, one line per block."""
    text = _TAG.sub("", _BLOCK_END.sub("\n", markdown_html))
    lines = (_SPACE.sub(" ", line).strip() for line in html.unescape(text).splitlines())
    return "\n".join(line for line in lines if line)


def _labels(case: CaseStudy, catalog: Catalog) -> list[str]:
    """Every facet label the case carries (facets read generically: new ones come along)."""
    found = []
    for facet in FACETS:
        labels = catalog.facet_labels(facet.key)
        label = _strings().t(f"ui.facets.{facet.key}")
        found += [f"{label}: {labels.get(v, v)}" for v in case.facet_values(facet.key)]
    return found


def document(case: CaseStudy, catalog: Catalog, markdown: SafeMarkdown) -> Document:
    place = f"{case.place['name']}, {case.country_name}"
    leaders = [f"{x['name']}, {x['role']}" for x in case.leaders]
    narrative = [
        (heading, plain_text(markdown.convert(text))) for _, heading, text in case.narrative
    ]
    quotes = [f"“{q['text']}” — {q['speaker']}, {q['role']}" for q in case.quotes]
    sources = [
        ". ".join(filter(None, (s.get("title"), s.get("publisher"), s.get("date"))))
        for s in case.sources
    ]
    facts = [
        f"Place: {case.place['name']}",
        f"Country: {case.country_name}",
        *(f"Leader: {x}" for x in leaders),
    ]
    if case.years_text:
        facts.append(f"Years: {case.years_text}")
    sections = [("Summary", case.summary), *narrative]
    if quotes:
        sections.append(("In their words", "\n".join(quotes)))
    sections += [
        ("Sources", "\n".join(sources)),
        ("Facts", " · ".join(facts + _labels(case, catalog))),
    ]
    tiers = {
        TITLE: [case.title, place],
        SUMMARY: [case.summary, *leaders, case.years_text, *_labels(case, catalog)],
        BODY: [text for _, text in narrative] + quotes + sources,
    }
    return Document(case.id, case.title, place, tiers, sections)


def documents(catalog: Catalog) -> list[Document]:
    markdown = SafeMarkdown()
    return [document(case, catalog, markdown) for case in catalog.cases]
