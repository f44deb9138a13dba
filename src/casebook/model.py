"""Domain objects: CaseStudy (one validated record) and Catalog (all of them, with facets)."""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, cast

from markupsafe import Markup

from .countries import country_name
from .facets import BY_KEY, FACETS, vocabulary_of
from .i18n import localise
from .i18n.languages import ORIGINAL
from .loader import Document
from .translations.status import TranslationStatus
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

Record = dict[str, Any]  # a validated case record (or a part of one), as loaded
MENTION = "mention"  # kind of a record a source only names or quotes; not counted as a case


def text_key(text: str) -> str:
    """Sort key that files 'Ålesund' under A, as readers (and the browser's localeCompare)
    expect, rather than after Z."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@dataclass
class CaseStudy:
    """One validated case study. `data` is the plain record as loaded."""

    data: Record
    source_file: str  # as shown to people, e.g. case_studies/oslo-salto.yml
    size: str = "unknown"
    # Set on a translated edition's copy (casebook.translations.overlay): where its translation
    # stands, and the notice its page shows. The original has neither.
    translation: TranslationStatus | None = None
    notice: Markup = Markup("")

    # Fields straight from the validated record (optional lists default to empty). The
    # schema guarantees these shapes; the annotations say so to the type checker.
    @property
    def id(self) -> str:
        return cast("str", self.data["id"])

    @property
    def title(self) -> str:
        return cast("str", self.data["title"])

    @property
    def summary(self) -> str:
        return cast("str", self.data["summary"])

    @property
    def place(self) -> Record:
        return cast("Record", self.data["place"])

    @property
    def country(self) -> str:
        return cast("str", self.data["place"]["country"])

    @property
    def region(self) -> str:
        return cast("str", self.data["place"]["region"])

    @property
    def level(self) -> str:
        return cast("str", self.data["level_of_government"])

    @property
    def phases(self) -> list[str]:
        return cast("list[str]", self.data["phases"])

    @property
    def themes(self) -> list[str]:
        return cast("list[str]", self.data["themes"])

    @property
    def stakeholders(self) -> list[str]:
        return cast("list[str]", self.data["stakeholders"])

    @property
    def approach(self) -> str | None:  # optional since schema v2
        return cast("str | None", self.data.get("approach"))

    @property
    def mandate(self) -> str | None:
        return cast("str | None", self.data.get("mandate"))

    @property
    def kind(self) -> str:
        return cast("str", self.data.get("kind", "case"))

    @property
    def is_mention(self) -> bool:
        return self.kind == MENTION

    @property
    def population(self) -> Record | None:
        return cast("Record | None", self.data["place"].get("population"))

    @property
    def resources(self) -> Record | None:
        return cast("Record | None", self.data.get("resources"))

    @property
    def owner(self) -> Record | None:
        return cast("Record | None", self.data.get("owner"))

    @property
    def evaluation(self) -> Record | None:
        return cast("Record | None", self.data.get("evaluation"))

    @property
    def evidence(self) -> str:
        return cast("str", self.data["evidence"])

    @property
    def last_reviewed(self) -> str:
        return cast("str", self.data["last_reviewed"])

    @property
    def sources(self) -> list[Record]:
        return cast("list[Record]", self.data["sources"])

    @property
    def related(self) -> list[str]:
        return cast("list[str]", self.data.get("related", []))

    @property
    def quotes(self) -> list[Record]:
        return cast("list[Record]", self.data.get("quotes", []))

    @property
    def leaders(self) -> list[Record]:
        return cast("list[Record]", self.data.get("leaders", []))

    @property
    def guide_sections(self) -> list[str]:
        return cast("list[str]", self.data.get("guide_sections", []))

    @property
    def years(self) -> Record:
        return cast("Record", self.data.get("years", {}))

    @property
    def withdrawal(self) -> Record | None:  # {date, reason} or None
        return cast("Record | None", self.data.get("withdrawn"))

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

    def lang_of(self, field: str) -> str | None:
        """ "en" when a translated page shows this field ("title", "narrative.context") in
        English because its translation lacks it (for a lang attribute); else None."""
        missing = self.translation.missing_fields if self.translation else ()
        return "en" if field in missing else None

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
