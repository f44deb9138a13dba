"""The propose page is generated at build time: linked from Contribute and the home page,
carrying the resolved schema, vocabularies, countries and repository as inline JSON that a
script element cannot break out of."""

from __future__ import annotations

import json

import pytest

from casebook.pages.propose import URL_LIMIT, script_json
from casebook.rules import MESSAGES
from conftest import MINIMAL_HOME, REPO, make_project, parse, run_build


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    # The home page's own link to the form (its other links need the guide's pages).
    links = [
        line
        for line in (REPO / "content" / "index.md").read_text("utf-8").splitlines()
        if "propose.md" in line
    ]
    root = make_project(
        tmp_path_factory.mktemp("propose") / "project",
        content={"index.md": MINIMAL_HOME + "\n" + "\n".join(links) + "\n"},
    )
    run_build(root)
    return root / "site"


def form_data(site) -> dict:
    page = parse(site / "contribute" / "propose.html")
    return json.loads(page.find("script", id="cb-propose-data").string)


def test_the_page_is_linked_from_contribute_and_home(site):
    for source in ("index.html", "contribute/index.html"):
        folder = (site / source).parent
        targets = [
            (folder / a["href"]).resolve()
            for a in parse(site / source).select("article a[href]")
            if "://" not in a["href"]
        ]
        assert (site / "contribute" / "propose.html").resolve() in targets, source


def test_the_page_loads_its_scripts_from_the_site(site):
    page = parse(site / "contribute" / "propose.html")
    sources = [s["src"] for s in page.select("article script[src]")]
    assert sources == [
        "../assets/javascripts/vendor/js-yaml.umd.min.js",
        "../assets/javascripts/casebook-propose-rules.js",
        "../assets/javascripts/casebook-propose.js",
    ]
    for src in sources:
        assert (site / "contribute" / src).resolve().is_file()
    assert (site / "assets/javascripts/vendor/js-yaml.LICENSE").is_file()
    assert page.find("h1").get_text(strip=True) == "Propose a case study"


def test_the_inline_data_is_the_schema_with_vocabularies(site):
    data = form_data(site)
    schema = json.loads((REPO / "schema" / "case-study.schema.json").read_text("utf-8"))
    assert list(data["schema"]["properties"]) == list(schema["properties"])  # order kept
    themes = data["schema"]["properties"]["themes"]["items"]["enum"]
    assert themes == [t["key"] for t in data["vocabularies"]["themes"]["terms"]]
    assert data["countries"]["lookup"]["norway"] == "NO"
    assert data["countries"]["lookup"]["nor"] == "NO"
    assert data["countries"]["aliases"]["UK"] == "GB"
    assert data["repository"] == "https://github.com/casebook-kb/casebook"
    assert data["branch"] == "main" and data["urlLimit"] == URL_LIMIT
    assert data["ids"] == ["riverton-listening"]


def test_the_cross_field_rules_travel_with_their_wording(site):
    """The form phrases casebook.rules' problems from rules.py's own templates."""
    rules = form_data(site)["rules"]
    assert rules["messages"] == MESSAGES
    assert rules["evidenceOrder"][0] == "independently-evaluated"
    assert rules["mentionCeiling"] in rules["evidenceOrder"]


def test_inline_json_cannot_close_its_script_element():
    text = str(script_json({"x": "</script><script>alert(1)</script><!--"}))
    assert "<" not in text and ">" not in text
    assert json.loads(text) == {"x": "</script><script>alert(1)</script><!--"}
