"""What a case study says, as plain text: the fields the index ranks by and the sections
its excerpts are cut from. Everything a reader can see on the case page is here."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..facets import FACETS
from ..i18n import localise
from ..i18n.catalogue import Strings, strings
from ..i18n.languages import ORIGINAL
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


def _labels(case: CaseStudy, catalog: Catalog, text: Strings) -> list[str]:
    """Every facet label the case carries, in the edition's language (facets read
    generically: new ones come along)."""
    found = []
    code = text.language.code
    for facet in FACETS:
        labels = catalog.facet_labels(facet.key, code)
        label = text.t(f"ui.facets.{facet.key}")
        found += [f"{label}: {labels.get(v, v)}" for v in case.facet_values(facet.key)]
    return found


def document(
    case: CaseStudy, catalog: Catalog, markdown: SafeMarkdown, text: Strings | None = None
) -> Document:
    """One case as search text; headings and fact names in the edition's language (`text`:
    its catalogue; the case's own text is already the edition's, see the catalog overlay)."""
    text = text or strings(ORIGINAL)
    t, code = text.t, text.language.code
    country = localise.country(case.country, code)  # English: case.country_name
    years = localise.years_text(case.years, text)  # English: case.years_text
    place = f"{case.place['name']}, {country}"
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
        f"{t('search.facts.place')}: {case.place['name']}",
        f"{t('search.facts.country')}: {country}",
        *(f"{t('search.facts.leader')}: {x}" for x in leaders),
    ]
    if years:
        facts.append(f"{t('search.facts.years')}: {years}")
    # The summary comes first: the finder's cards read it from there (CasebookSearch.summary).
    sections = [(t("search.sections.summary"), case.summary), *narrative]
    if quotes:
        sections.append((t("search.sections.quotes"), "\n".join(quotes)))
    sections += [
        (t("search.sections.sources"), "\n".join(sources)),
        (t("search.sections.facts"), " · ".join(facts + _labels(case, catalog, text))),
    ]
    tiers = {
        TITLE: [case.title, place],
        SUMMARY: [case.summary, *leaders, years, *_labels(case, catalog, text)],
        BODY: [text for _, text in narrative] + quotes + sources,
    }
    return Document(case.id, case.title, place, tiers, sections)


def documents(catalog: Catalog, code: str = ORIGINAL) -> list[Document]:
    """Every case of the catalog (the edition's: translated text overlaid) as search text."""
    markdown, text = SafeMarkdown(), strings(code)
    return [document(case, catalog, markdown, text) for case in catalog.cases]
