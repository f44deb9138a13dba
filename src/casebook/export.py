"""Open data: casebook.json, casebook.csv and the filter page's data script.

Each takes the edition's language: in a translated edition the vocabulary columns of the
CSV hold the terms' labels in that language (column names unchanged), the JSON's
vocabularies carry the translated labels and descriptions (the records keep their keys),
and the finder's data has translated facet names, labels and years. English, which the data
release (release.py, csv_schema.py) uses, is unchanged: keys in the vocabulary columns.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from .facets import FACETS
from .i18n import localise
from .i18n.catalogue import strings
from .i18n.languages import ORIGINAL
from .model import CaseStudy, Catalog
from .render import case_url
from .scriptjson import script_json as script_json  # search imports it from here

# The published column order (a contract with the data's users). Facet columns are filled
# from the registry (facets.py); a facet added there without a place here comes last.
_PUBLISHED_COLUMNS = (
    "id",
    "title",
    "kind",
    "summary",
    "place",
    "country",
    "region",
    "level_of_government",
    "population",
    "population_year",
    "latitude",
    "longitude",
    "start_year",
    "end_year",
    "ongoing",
    "leaders",
    "phases",
    "themes",
    "approach",
    "stakeholders",
    "mandate",
    "evidence",
    "related",
    "guide_sections",
    "last_reviewed",
    "source_urls",
    "url",
)
FACET_COLUMNS = {facet.column: facet for facet in FACETS if facet.column}
CSV_COLUMNS = _PUBLISHED_COLUMNS + tuple(c for c in FACET_COLUMNS if c not in _PUBLISHED_COLUMNS)
LIST_SEPARATOR = "; "
# CSV columns whose values are terms of a vocabulary: the facets' and the guide sections'.
VOCABULARY_COLUMNS = {
    **{column: f.vocabulary for column, f in FACET_COLUMNS.items() if f.vocabulary},
    "guide_sections": "guide_sections",
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def dataset(catalog: Catalog, language: str = ORIGINAL) -> dict[str, Any]:
    """The whole dataset as plain JSON-ready data, with the vocabularies that label it (in
    the edition's language)."""
    return {
        "cases": [case.data for case in catalog.cases],
        "vocabularies": {
            name: {
                key: {"label": t.label, "description": t.description}
                for key, t in vocab.in_language(language).terms.items()
            }
            for name, vocab in sorted(catalog.vocabularies.items())
        },
    }


def to_json(catalog: Catalog, language: str = ORIGINAL) -> str:
    data = dataset(catalog, language)
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def csv_row(case: CaseStudy) -> dict[str, object]:
    place, years, population = case.place, case.years, case.population or {}
    coordinates = place.get("coordinates") or {}
    join = LIST_SEPARATOR.join
    row = {
        "id": case.id,
        "title": case.title,
        "summary": case.summary,
        "place": place["name"],
        "population": population.get("count", ""),
        "population_year": population.get("year", ""),
        "latitude": coordinates.get("lat", ""),
        "longitude": coordinates.get("lon", ""),
        "start_year": years.get("start", ""),
        "end_year": years.get("end", ""),
        "ongoing": {True: "yes", False: "no"}.get(years.get("ongoing", ""), ""),
        "leaders": join(f"{x['name']} ({x['role']})" for x in case.leaders),
        "related": join(case.related),
        "guide_sections": join(case.guide_sections),
        "last_reviewed": case.last_reviewed,
        "source_urls": join(s["url"] for s in case.sources if s.get("url")),
        "url": case_url(case.id),
    }
    row |= {column: join(case.facet_values(f.key)) for column, f in FACET_COLUMNS.items()}
    return {column: row[column] for column in CSV_COLUMNS}


def neutralise_formula(value: object) -> str:
    """Spreadsheets run cells that start with = + - @: prefix those with an apostrophe.
    Plain numbers (a negative longitude) are data, not formulas, and stay as they are."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


Labels = dict[str, dict[str, str]]  # vocabulary -> term key -> label


def vocabulary_labels(catalog: Catalog, language: str) -> Labels | None:
    """Term labels for the vocabulary columns of a translated edition; None in English,
    whose columns hold the keys."""
    if language == ORIGINAL:
        return None
    return {
        name: {t.key: t.label for t in catalog.vocabulary(name).in_language(language)}
        for name in set(VOCABULARY_COLUMNS.values())
    }


def labelled(row: dict[str, object], labels: Labels | None) -> dict[str, object]:
    """A CSV row with each vocabulary column's keys replaced by their labels."""
    if labels is None:
        return row
    out = dict(row)
    for column, name in VOCABULARY_COLUMNS.items():
        if out[column]:
            keys = str(out[column]).split(LIST_SEPARATOR)
            out[column] = LIST_SEPARATOR.join(labels[name].get(k, k) for k in keys)
    return out


def to_csv(catalog: Catalog, language: str = ORIGINAL) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    labels = vocabulary_labels(catalog, language)
    for case in catalog.cases:
        row = labelled(csv_row(case), labels)
        writer.writerow({k: neutralise_formula(v) for k, v in row.items()})
    return "\ufeff" + buffer.getvalue()  # BOM: spreadsheets then read UTF-8 correctly


def filter_data(catalog: Catalog, language: str = ORIGINAL) -> dict[str, Any]:
    """What the filterable index loads with the page, kept small (it grows with the
    collection): per case only what a result line shows and what the facets filter on.
    `f` lists, for each facet in order, positions in that facet's `keys`; the finder
    expands them. Summaries and words come from the full-text search, CSV rows from
    csv_data() when a reader downloads."""
    text = strings(language)
    facets: list[dict[str, Any]] = []
    for facet in FACETS:
        values = catalog.facet_labels(facet.key, language)
        label = text.t(f"ui.facets.{facet.key}")
        facets.append({"key": facet.key, "label": label, "values": values, "keys": sorted(values)})
    positions = [{value: i for i, value in enumerate(facet["keys"])} for facet in facets]
    cases = []
    for case in catalog.cases:
        cases.append(
            {
                "id": case.id,
                "title": case.title,
                "place": case.place["name"],
                "year": case.start_year,
                "years": localise.years_text(case.years, text),
                "reviewed": case.last_reviewed,
                "m": case.is_mention,  # mentions are listed but not counted as cases
                "f": [
                    [where[v] for v in case.facet_values(facet["key"]) if v in where]
                    for facet, where in zip(facets, positions, strict=True)
                ],
            }
        )
    return {"facets": facets, "cases": cases}


def csv_data(catalog: Catalog, language: str = ORIGINAL) -> dict[str, Any]:
    """CSV columns and each case's row, for "Download these results" (loaded on demand)."""
    labels = vocabulary_labels(catalog, language)
    return {
        "columns": list(CSV_COLUMNS),
        "rows": {
            case.id: [str(v) for v in labelled(csv_row(case), labels).values()]
            for case in catalog.cases
        },
    }


def open_data(catalog: Catalog, language: str = ORIGINAL) -> dict[str, str]:
    """The downloadable files, by name: what the site offers and `casebook export` writes."""
    return {
        "casebook.json": to_json(catalog, language),
        "casebook.csv": to_csv(catalog, language),
    }


def data_script(catalog: Catalog, language: str = ORIGINAL) -> str:
    """A classic script (works from file://, where fetch() is blocked)."""
    return f"window.CASEBOOK_DATA = {script_json(filter_data(catalog, language))};\n"


def csv_script(catalog: Catalog, language: str = ORIGINAL) -> str:
    return f"window.CASEBOOK_CSV = {script_json(csv_data(catalog, language))};\n"
