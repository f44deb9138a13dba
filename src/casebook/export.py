"""Open data: casebook.json, casebook.csv and the filter page's data script."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from .model import FACETS, CaseStudy, Catalog
from .render import case_url

CSV_COLUMNS = (
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
LIST_SEPARATOR = "; "
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def dataset(catalog: Catalog) -> dict:
    """The whole dataset as plain JSON-ready data, with the vocabularies that label it."""
    return {
        "cases": [case.data for case in catalog.cases],
        "vocabularies": {
            name: {
                key: {"label": t.label, "description": t.description}
                for key, t in vocab.terms.items()
            }
            for name, vocab in sorted(catalog.vocabularies.items())
        },
    }


def to_json(catalog: Catalog) -> str:
    return json.dumps(dataset(catalog), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def csv_row(case: CaseStudy) -> dict:
    place, years, population = case.place, case.years, case.population or {}
    coordinates = place.get("coordinates") or {}
    join = LIST_SEPARATOR.join
    return {
        "id": case.id,
        "title": case.title,
        "kind": case.kind,
        "summary": case.summary,
        "place": place["name"],
        "country": case.country,
        "region": case.region,
        "level_of_government": case.level,
        "population": population.get("count", ""),
        "population_year": population.get("year", ""),
        "latitude": coordinates.get("lat", ""),
        "longitude": coordinates.get("lon", ""),
        "start_year": years.get("start", ""),
        "end_year": years.get("end", ""),
        "ongoing": {True: "yes", False: "no"}.get(years.get("ongoing"), ""),
        "leaders": join(f"{x['name']} ({x['role']})" for x in case.leaders),
        "phases": join(case.phases),
        "themes": join(case.themes),
        "approach": case.approach or "",
        "stakeholders": join(case.stakeholders),
        "mandate": case.mandate or "",
        "evidence": case.evidence,
        "related": join(case.related),
        "guide_sections": join(case.guide_sections),
        "last_reviewed": case.last_reviewed,
        "source_urls": join(s["url"] for s in case.sources if s.get("url")),
        "url": case_url(case.id),
    }


def neutralise_formula(value: object) -> str:
    """Spreadsheets run cells that start with = + - @: prefix those with an apostrophe.
    Plain numbers (a negative longitude) are data, not formulas, and stay as they are."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def to_csv(catalog: Catalog) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for case in catalog.cases:
        writer.writerow({k: neutralise_formula(v) for k, v in csv_row(case).items()})
    return "\ufeff" + buffer.getvalue()  # BOM: spreadsheets then read UTF-8 correctly


def script_json(value: object) -> str:
    """JSON that is safe inside a <script> element or a classic script file."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def filter_data(catalog: Catalog) -> dict:
    """What the filterable index loads with the page, kept small (it grows with the
    collection): per case only what a result line shows and what the facets filter on.
    `f` lists, for each facet in order, positions in that facet's `keys`; the finder
    expands them. Summaries and words come from the full-text search, CSV rows from
    csv_data() when a reader downloads."""
    facets: list[dict[str, Any]] = []
    for key, vocabulary, label in FACETS:
        values = catalog.facet_labels(key, vocabulary)
        facets.append({"key": key, "label": label, "values": values, "keys": sorted(values)})
    positions = [{value: i for i, value in enumerate(facet["keys"])} for facet in facets]
    cases = []
    for case in catalog.cases:
        cases.append(
            {
                "id": case.id,
                "title": case.title,
                "place": case.place["name"],
                "year": case.start_year,
                "years": case.years_text,
                "reviewed": case.last_reviewed,
                "m": case.is_mention,  # mentions are listed but not counted as cases
                "f": [
                    [where[v] for v in _facet_values(case, facet["key"]) if v in where]
                    for facet, where in zip(facets, positions, strict=True)
                ],
            }
        )
    return {"facets": facets, "cases": cases}


def _facet_values(case: CaseStudy, key: str) -> list[str]:
    try:
        return case.facet_values(key)
    except KeyError:  # an optional field left out
        return []


def csv_data(catalog: Catalog) -> dict:
    """CSV columns and each case's row, for "Download these results" (loaded on demand)."""
    return {
        "columns": list(CSV_COLUMNS),
        "rows": {case.id: [str(v) for v in csv_row(case).values()] for case in catalog.cases},
    }


def open_data(catalog: Catalog) -> dict[str, str]:
    """The downloadable files, by name: what the site offers and `casebook export` writes."""
    return {"casebook.json": to_json(catalog), "casebook.csv": to_csv(catalog)}


def data_script(catalog: Catalog) -> str:
    """A classic script (works from file://, where fetch() is blocked)."""
    return f"window.CASEBOOK_DATA = {script_json(filter_data(catalog))};\n"


def csv_script(catalog: Catalog) -> str:
    return f"window.CASEBOOK_CSV = {script_json(csv_data(catalog))};\n"
