"""What each column of casebook.csv means, as a Frictionless Table Schema (v2).

export.CSV_COLUMNS says which columns there are; this module says what they hold (facet columns:
the facet registry, facets.py). A test fails when a column has no description.
"""

from __future__ import annotations

from typing import Any

from .export import CSV_COLUMNS, FACET_COLUMNS, LIST_SEPARATOR
from .model import Catalog

# column -> (type, description, vocabulary whose terms are the allowed values, or None)
COLUMNS: dict[str, tuple[str, str, str | None]] = {
    "id": ("string", "Permanent identifier of the case study; also its file and page name.", None),
    "title": ("string", "Title of the case study.", None),
    "summary": ("string", "One-paragraph summary, plain text.", None),
    "place": ("string", "City, municipality, district, county or governorate.", None),
    "population": ("integer", "Population of the place, as given by a cited source.", None),
    "population_year": ("integer", "Year the population figure refers to.", None),
    "latitude": ("number", "Latitude in decimal degrees (north positive).", None),
    "longitude": ("number", "Longitude in decimal degrees (east positive).", None),
    "start_year": ("integer", "Year the practice started.", None),
    "end_year": ("integer", "Year the practice ended.", None),
    "ongoing": ("boolean", "yes if the sources say the practice is still running.", None),
    "leaders": ("list", "Leaders involved, each as 'Name (role)'.", None),
    "related": ("list", "Ids of related case studies.", None),
    "guide_sections": (
        "list",
        "Sections of the guide the case study illustrates.",
        "guide_sections",
    ),
    "last_reviewed": (
        "date",
        "Date a maintainer last checked the case study against its sources.",
        None,
    ),
    "source_urls": ("list", "Web addresses of the cited sources.", None),
    "url": ("string", "Address of the case study's page, relative to the site.", None),
}


# Facet columns: described in the facet registry.
COLUMNS |= {
    column: ("list" if f.many else "string", f.column_description, f.vocabulary)
    for column, f in FACET_COLUMNS.items()
}


def table_schema(catalog: Catalog) -> dict[str, Any]:
    fields = [_field(name, catalog) for name in CSV_COLUMNS]
    return {
        "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",
        "fields": fields,
        "primaryKey": ["id"],
        "missingValues": [""],
    }


def _field(name: str, catalog: Catalog) -> dict[str, Any]:
    kind, description, vocabulary = COLUMNS[name]
    field: dict[str, Any] = {"name": name, "type": kind, "description": description}
    allowed = sorted(catalog.vocabulary(vocabulary).terms) if vocabulary else None
    if kind == "list":
        field |= {"delimiter": LIST_SEPARATOR, "itemType": "string"}
        if allowed:  # Table Schema has no per-item enum: the allowed values are stated
            field["description"] += " Allowed values: " + ", ".join(allowed) + "."
    elif kind == "boolean":
        field |= {"trueValues": ["yes"], "falseValues": ["no"]}
    elif allowed:
        field["constraints"] = {"enum": allowed}
    if name == "id":
        field["constraints"] = {"required": True, "unique": True}
    return field
