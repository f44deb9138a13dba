"""The facet registry (casebook.facets): adding a facet takes a vocabulary file, a schema
property, one registry entry and its catalogue strings, and nothing else. The test does
exactly that in a temporary copy of the package and the project, builds the site with the
copy, and finds the new facet in the finder, on the case page, on browse pages and in the
CSV."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import yaml

from casebook.facets import BROWSABLE, FACETS
from casebook_fixtures import as_yaml, fixture_case
from conftest import REPO, make_project, parse, run_build

VOCABULARY = """\
label: Funding
description: Where the money for the practice came from.
terms:
  city-budget:
    label: City budget
    description: The city's own budget.
  national-grant:
    label: National grant
    description: A grant from the national government.
"""
ENTRY = """\
    Facet(
        "funding",
        "funders",
        "funding",
        many=True,
        column="funding",
        column_description="Where the money came from.",
        browse="funding",
    ),
"""


def _add_facet(package: Path, project: Path) -> None:
    (project / "schema" / "vocabularies" / "funders.yml").write_text(VOCABULARY, "utf-8")
    schema_path = project / "schema" / "case-study.schema.json"
    schema = json.loads(schema_path.read_text("utf-8"))
    schema["properties"]["funding"] = {
        "type": "array",
        "description": "Where the money came from.",
        "items": {"type": "string", "x-vocabulary": "funders"},
    }
    schema_path.write_text(json.dumps(schema, indent=2), "utf-8")
    registry = package / "casebook" / "facets.py"
    text = registry.read_text("utf-8")
    end = text.index("\n)\nBY_KEY")
    registry.write_text(text[:end] + "\n" + ENTRY.rstrip("\n") + text[end:], "utf-8")
    catalogue = package / "casebook" / "i18n" / "strings" / "en.yml"
    strings = yaml.safe_load(catalogue.read_text("utf-8"))
    strings["ui"]["facets"]["funding"] = "Funding"
    strings["ui"]["browse"]["funding_title"] = "Browse by funding"
    strings["ui"]["browse"]["funding_lead"] = "Case studies by where their money came from."
    catalogue.write_text(yaml.safe_dump(strings, allow_unicode=True, sort_keys=False), "utf-8")


def test_a_facet_is_declared_once_in_src():
    """grep for a facet's vocabulary name in src/ finds it in the registry only."""
    checked = 0
    for facet in FACETS:
        # phases, themes, stakeholders: the vocabulary, the facet and the record's field
        # share one name, so a grep cannot tell the vocabulary's references apart
        if facet.vocabulary in (None, facet.key, facet.field):
            continue
        checked += 1
        # a code reference names it in quotes; prose and comments may use the word
        found = subprocess.run(
            [
                "grep",
                "-rlE",
                "--include=*.py",
                "--include=*.html",
                "--include=*.js",
                "--exclude-dir=vendor",
                f"[\"']{facet.vocabulary}[\"']",
                str(REPO / "src" / "casebook"),
            ],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.split()
        users = sorted(Path(p).relative_to(REPO / "src").as_posix() for p in found)
        # `casebook stats` counts particular terms on purpose (not facet plumbing)
        allowed = {"casebook/facets.py", "casebook/commands/stats.py"}
        assert set(users) - allowed == set(), (facet.vocabulary, users)
        assert "casebook/facets.py" in users
    assert checked == 7  # regions, approaches, levels_of_government, city_sizes, …
    assert [f.key for f in BROWSABLE] == ["region", "phases", "themes", "evidence"]


def test_adding_a_facet_needs_only_the_registry(tmp_path, monkeypatch):
    package = tmp_path / "src"
    shutil.copytree(REPO / "src", package, ignore=shutil.ignore_patterns("__pycache__"))
    case = fixture_case("funded-case", title="Fixture: a funded case", funding=["city-budget"])
    project = make_project(tmp_path / "project", {"funded-case.yml": as_yaml(case)})
    _add_facet(package, project)
    monkeypatch.setenv("PYTHONPATH", str(package))
    run_build(project)
    site = project / "site"

    finder = parse(site / "case-studies" / "index.html")
    box = finder.select_one('input[name="funding"][value="city-budget"]')
    assert box is not None and box.find_parent("fieldset").legend.get_text(strip=True).startswith(
        "Funding"
    )
    page = parse(site / "case-studies" / "funded-case.html")
    chip = page.select_one('a.cb-chip--funding[href="../funding/city-budget.html"]')
    assert chip is not None and chip.get_text(strip=True) == "City budget"
    overview = parse(site / "funding" / "index.html")
    assert "Browse by funding" in overview.title.get_text()
    term = parse(site / "funding" / "city-budget.html")
    assert term.select_one('a[href="../case-studies/funded-case.html"]') is not None
    rows = list(csv.DictReader(io.StringIO((site / "casebook.csv").read_text("utf-8-sig"))))
    assert rows[0].keys() >= {"funding"} and list(rows[0])[-1] == "funding"
    assert {r["id"]: r["funding"] for r in rows}["funded-case"] == "city-budget"
