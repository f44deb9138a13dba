"""Domain objects: CaseStudy (one validated record) and Catalog (all of them, with facets)."""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from .countries import country_name
from .facets import BY_KEY, FACETS, vocabulary_of
from .i18n import localise
from .i18n.languages import ORIGINAL
from .loader import Document
from .vocabulary import Vocabulary, size_band

NARRATIVE_SECTIONS = (  # (field, heading) in page order
    ("context", "Context"),
    ("actions", "What was done"),
    ("actors", "Who was involved"),
    ("outcomes", "Outcomes"),
    ("lessons", "Lessons"),
    ("conditions", "What a similar city would need"),
    ("risks", "Risks and do-no-harm"),
)
STALE_AFTER_DAYS = 730  # a review older than two years gets a visible note

MENTION = "mention"  # kind of a record a source only names or quotes; not counted as a case


def text_key(text: str) -> str:
    """Sort key that files 'Ålesund' under A, as readers (and the browser's localeCompare)
    expect, rather than after Z."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@dataclass
class CaseStudy:
    """One validated case study. `data` is the plain record as loaded."""

    data: dict
    source_file: str  # as shown to people, e.g. case_studies/oslo-salto.yml
    size: str = "unknown"

    # Fields straight from the record (optional lists default to empty).
    id = property(lambda self: self.data["id"])
    title = property(lambda self: self.data["title"])
    summary = property(lambda self: self.data["summary"])
    place = property(lambda self: self.data["place"])
    country = property(lambda self: self.data["place"]["country"])
    region = property(lambda self: self.data["place"]["region"])
    level = property(lambda self: self.data["level_of_government"])
    phases = property(lambda self: self.data["phases"])
    themes = property(lambda self: self.data["themes"])
    stakeholders = property(lambda self: self.data["stakeholders"])
    approach = property(lambda self: self.data.get("approach"))  # optional since schema v2
    mandate = property(lambda self: self.data.get("mandate"))
    kind = property(lambda self: self.data.get("kind", "case"))
    is_mention = property(lambda self: self.kind == MENTION)
    population = property(lambda self: self.data["place"].get("population"))
    resources = property(lambda self: self.data.get("resources"))
    owner = property(lambda self: self.data.get("owner"))
    evaluation = property(lambda self: self.data.get("evaluation"))
    evidence = property(lambda self: self.data["evidence"])
    last_reviewed = property(lambda self: self.data["last_reviewed"])
    sources = property(lambda self: self.data["sources"])
    related = property(lambda self: self.data.get("related", []))
    quotes = property(lambda self: self.data.get("quotes", []))
    leaders = property(lambda self: self.data.get("leaders", []))
    guide_sections = property(lambda self: self.data.get("guide_sections", []))
    years = property(lambda self: self.data.get("years", {}))
    withdrawal = property(lambda self: self.data.get("withdrawn"))  # {date, reason} or None

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    @property
    def coordinates(self) -> tuple[float, float] | None:
        coordinates = self.place.get("coordinates")
        return (coordinates["lat"], coordinates["lon"]) if coordinates else None

    @property
    def start_year(self) -> int | None:
        return self.years.get("start")

    @property
    def years_text(self) -> str:
        start, end, ongoing = (self.years.get(k) for k in ("start", "end", "ongoing"))
        if start and end:
            return f"{start}–{end}" if start != end else str(start)
        if start:
            return f"Since {start}" if ongoing else f"From {start}"
        if end:
            return f"Until {end}"
        return "Ongoing" if ongoing else ""

    @property
    def narrative(self) -> list[tuple[str, str, str]]:
        """(field, heading, markdown) for each narrative section present, in page order."""
        text = self.data.get("narrative", {})
        return [(key, heading, text[key]) for key, heading in NARRATIVE_SECTIONS if text.get(key)]

    def review_is_stale(self, today: datetime.date) -> bool:
        reviewed = datetime.date.fromisoformat(self.last_reviewed)
        return (today - reviewed).days > STALE_AFTER_DAYS

    def facet_values(self, key: str) -> list[str]:
        """The case's values for a facet of the registry (facets.py)."""
        facet = BY_KEY[key]
        if facet.field is None:  # derived when the catalog is built (size)
            return [getattr(self, key)]
        return facet.read(self.data)


@dataclass
class Catalog:
    """Every case study, sorted by id, with the vocabularies that label them."""

    cases: list[CaseStudy]
    vocabularies: dict[str, Vocabulary]
    # Withdrawn case studies keep their page (same address, saying why) but are left out of
    # everything else: the finder, map, counts, related lists and the open data.
    withdrawn: list[CaseStudy] = field(default_factory=list)
    by_id: dict[str, CaseStudy] = field(init=False)

    def __post_init__(self) -> None:
        self.cases.sort(key=lambda case: case.id)
        self.withdrawn.sort(key=lambda case: case.id)
        self.by_id = {case.id: case for case in self.cases}

    @classmethod
    def build(cls, documents: list[Document], vocabularies: dict[str, Vocabulary]) -> Catalog:
        sizes = vocabularies[vocabulary_of("size")]
        cases = [
            CaseStudy(
                doc.data,
                doc.file,
                size_band(doc.data["place"].get("population", {}).get("count"), sizes),
            )
            for doc in documents
        ]
        return cls(
            [c for c in cases if not c.withdrawal], vocabularies, [c for c in cases if c.withdrawal]
        )

    def vocabulary(self, name: str) -> Vocabulary:
        return self.vocabularies[name]

    def with_term(self, facet: str, key: str) -> list[CaseStudy]:
        return self._by_term.get((facet, key), [])

    @cached_property
    def _by_term(self) -> dict[tuple[str, str], list[CaseStudy]]:
        """(facet, value) -> cases, built once: practice pages and counts read it often."""
        index: dict[tuple[str, str], list[CaseStudy]] = {}
        for case in self.cases:
            for facet in FACETS:
                for value in case.facet_values(facet.key):
                    index.setdefault((facet.key, value), []).append(case)
        return index

    def related(self, case: CaseStudy) -> list[CaseStudy]:
        """Cases it names, then cases that name it (relations read both ways)."""
        named = [self.by_id[i] for i in case.related if i in self.by_id]
        return named + [c for c in self._named_by.get(case.id, []) if c not in named]

    @cached_property
    def _named_by(self) -> dict[str, list[CaseStudy]]:
        index: dict[str, list[CaseStudy]] = {}
        for case in self.cases:
            for other in case.related:
                index.setdefault(other, []).append(case)
        return index

    @cached_property
    def studies(self) -> list[CaseStudy]:
        """The records that count as case studies: every record but the mentions."""
        return [case for case in self.cases if not case.is_mention]

    @cached_property
    def mentions(self) -> list[CaseStudy]:
        return [case for case in self.cases if case.is_mention]

    def newest(self, count: int) -> list[CaseStudy]:
        """The most recently reviewed case studies (never a mention: they are not featured)."""
        return sorted(self.studies, key=lambda c: (c.last_reviewed, c.id), reverse=True)[:count]

    @cached_property
    def countries(self) -> dict[str, str]:
        """Code -> name for the countries present, sorted by name."""
        codes = {case.country for case in self.cases}
        return dict(sorted(((c, country_name(c)) for c in codes), key=lambda kv: kv[1]))

    def facet_labels(self, key: str, language: str = ORIGINAL) -> dict[str, str]:
        """Value -> label for one facet in an edition's language, in vocabulary order
        (countries by their name in that language)."""
        vocabulary = BY_KEY[key].vocabulary
        if vocabulary is None:
            if language == ORIGINAL:
                return self.countries
            names = ((code, localise.country(code, language)) for code in self.countries)
            return dict(sorted(names, key=lambda kv: text_key(kv[1])))
        terms = self.vocabularies[vocabulary].in_language(language)
        return {term.key: term.label for term in terms}
