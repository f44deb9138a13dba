"""What the home page shows of the catalogue: its counts and the featured case studies.

Featured means best documented, not newest: a reader arriving for the first time should meet
the records with the strongest evidence and the fullest write-up, never a mention.
"""

from __future__ import annotations

from .facets import vocabulary_of
from .model import CaseStudy, Catalog, text_key

# Parts of a record that make it more useful to a reader who wants to do the same; each
# present part adds one to its completeness.
_OPTIONAL_PARTS = ("evaluation", "resources", "owner", "quotes", "leaders", "years")


def evidence_rank(catalog: Catalog, case: CaseStudy) -> int:
    """0 for the strongest level: the vocabulary lists levels strongest first."""
    return list(catalog.vocabulary(vocabulary_of("evidence")).terms).index(case.evidence)


def completeness(case: CaseStudy) -> int:
    """How fully a record is written up: narrative sections, optional parts, a population
    and its sources (capped, so a long source list does not outweigh the narrative)."""
    parts = sum(bool(case.data.get(key)) for key in _OPTIONAL_PARTS)
    return len(case.narrative) + parts + (case.population is not None) + min(len(case.sources), 3)


def featured(catalog: Catalog, count: int) -> list[CaseStudy]:
    """Case studies before mentions, strongest evidence first, then the most complete;
    title breaks ties so the choice is stable from build to build."""
    return sorted(
        catalog.cases,
        key=lambda c: (
            c.is_mention,
            evidence_rank(catalog, c),
            -completeness(c),
            text_key(c.title),
        ),
    )[:count]


def counts(catalog: Catalog) -> dict[str, int]:
    """Numbers the home page can print: mentions are not case studies and are not counted."""
    studies = catalog.studies
    return {
        "cases": len(studies),
        "countries": len({c.country for c in studies}),
        "mentions": len(catalog.mentions),
    }


__all__ = ["completeness", "counts", "evidence_rank", "featured"]
