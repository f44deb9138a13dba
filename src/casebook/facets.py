"""The facet registry: every field a reader can filter or browse by, declared once.

The model reads a case's values through it, the renderer and the site make the browse pages
and the finder's facets from it, the CSV and its Table Schema take their facet columns from
it, and templates name facets by key (`facet_vocab("evidence")`), never by vocabulary file.
Adding a facet: a vocabulary file (with its translations), a schema property, one entry
below, and its strings in the catalogue (ui.facets.<key>; for browse pages also
ui.browse.<key>_title and ui.browse.<key>_lead).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Facet:
    key: str  # the finder's key and URL parameter (?themes=…), and the catalog's index key
    vocabulary: str | None  # schema/vocabularies/<name>.yml; None: countries (ISO 3166-1)
    field: str | None  # where a record holds it ("place.region"); None: derived (size)
    many: bool = False  # a list of terms rather than one
    column: str | None = None  # its column in casebook.csv
    column_description: str = ""  # that column in the Table Schema
    browse: str | None = None  # folder of its browse pages (overview + one page per term)
    # case.html places this facet itself; otherwise the case page lists it with the others
    # under the practice labels (a new facet shows there without a template change).
    in_case_template: bool = False

    def read(self, record: dict[str, Any]) -> list[str]:
        """The facet's values in a record (empty when an optional field is absent)."""
        value: Any = record
        for step in (self.field or "").split("."):
            value = value.get(step) if isinstance(value, dict) else None
        if value is None:
            return []
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]


# In the finder's order.
FACETS: tuple[Facet, ...] = (
    Facet(
        "region",
        "regions",
        "place.region",
        column="region",
        column_description="World region.",
        browse="regions",
        in_case_template=True,
    ),
    Facet(
        "country",
        None,
        "place.country",
        column="country",
        column_description="ISO 3166-1 alpha-2 country code.",
        in_case_template=True,
    ),
    Facet(
        "phases",
        "phases",
        "phases",
        many=True,
        column="phases",
        column_description="Phases of the guide the practice belongs to.",
        browse="phases",
        in_case_template=True,
    ),
    Facet(
        "themes",
        "themes",
        "themes",
        many=True,
        column="themes",
        column_description="Practices (what was done).",
        browse="practices",
        in_case_template=True,
    ),
    Facet(
        "approach",
        "approaches",
        "approach",
        column="approach",
        column_description="Stand-alone framework or integrated in a wider one.",
        in_case_template=True,
    ),
    Facet(
        "stakeholders",
        "stakeholders",
        "stakeholders",
        many=True,
        column="stakeholders",
        column_description="Who the city worked with.",
        in_case_template=True,
    ),
    Facet(
        "level",
        "levels_of_government",
        "level_of_government",
        column="level_of_government",
        column_description="Tier of government or kind of body that acted.",
        in_case_template=True,
    ),
    # Derived from place.population (model.Catalog); not a column: population is one.
    Facet("size", "city_sizes", None, in_case_template=True),
    Facet(
        "mandate",
        "mandates",
        "mandate",
        column="mandate",
        column_description="How the leader's authority was used.",
        in_case_template=True,
    ),
    Facet(
        "evidence",
        "evidence_levels",
        "evidence",
        column="evidence",
        column_description="How well the outcomes are documented.",
        browse="evidence",
        in_case_template=True,
    ),
    Facet(
        "kind",
        "kinds",
        "kind",
        column="kind",
        column_description="case: described in enough detail to learn from; mention: a "
        "practice a source only names or quotes.",
        in_case_template=True,
    ),
)
BY_KEY: dict[str, Facet] = {facet.key: facet for facet in FACETS}
BROWSABLE: tuple[Facet, ...] = tuple(facet for facet in FACETS if facet.browse)


def facet(key: str) -> Facet:
    return BY_KEY[key]


def vocabulary_of(key: str) -> str:
    """The vocabulary file of a facet that has one (KeyError otherwise: a programming error)."""
    name = BY_KEY[key].vocabulary
    if name is None:
        raise KeyError(f"facet {key!r} has no vocabulary")
    return name
