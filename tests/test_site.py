"""Build real temporary sites and check the generated pages in parsed HTML (issue 3)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from casebook.site import CasebookSite
from conftest import EXAMPLES, make_project, parse, run_build

OTHER = (EXAMPLES / "valid" / "riverton-listening.yml").read_text(encoding="utf-8")
OLD_REVIEW = (
    OTHER.replace("id: riverton-listening", "id: hillford-grants")
    .replace("Fixture: a city listens before it plans", "Fixture: Hillford funds groups")
    .replace("Riverton", "Hillford")
    .replace("country: NO", "country: KE")
    .replace("region: europe", "region: sub-saharan-africa")
    .replace("themes: [listening-exercise, local-action-plan]", "themes: [grassroots-grants]")
    .replace("related: []", "related: [riverton-listening]")
    .replace('last_reviewed: "2026-11-29"', 'last_reviewed: "2020-01-15"')
    .replace("evidence: anecdotal", "evidence: monitored")
)
GUIDE = (
    "# A guide page\n\nSee [[case:hillford-grants]] for grants.\n\n[[card:riverton-listening]]\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = make_project(
        tmp_path_factory.mktemp("site") / "project",
        cases={"hillford-grants.yml": OLD_REVIEW},
        content={"guide.md": GUIDE},
    )
    run_build(root)
    return root / "site"


def _facts(page) -> dict[str, str]:
    return {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in page.select(".cb-facts dt")
        if dt.get_text(strip=True)
    }


def test_case_page_shows_facts_sections_sources_and_labels(site):
    page = parse(site / "case-studies" / "hillford-grants.html")
    assert page.find("h1").get_text(strip=True) == "Fixture: Hillford funds groups"
    facts = _facts(page)
    assert facts["Place"] == "Hillford" and facts["Country"] == "Kenya"
    assert facts["Region"] == "Sub-Saharan Africa" and facts["Evidence"] == "Monitored"
    assert facts["Years"] == "Since 2020"
    headings = [h.get_text(strip=True) for h in page.select("article h2")]
    assert headings[:2] == ["Context", "What was done"]
    assert "Sources" in headings and "Related case studies" in headings
    source = page.select_one("#source-1 a")
    assert source["href"] == "https://example.org/fixture"
    chips = {a.get_text(strip=True): a["href"] for a in page.select(".cb-labels a")}
    assert chips["Grants for grassroots groups"] == "../practices/grassroots-grants.html"
    assert chips["Preparation"] == "../phases/preparation.html"
    edit = page.select_one("a.cb-edit")
    assert edit["href"].endswith("/case_studies/hillford-grants.yml")


def test_old_review_gets_a_visible_note_and_a_recent_one_does_not(site):
    assert parse(site / "case-studies" / "hillford-grants.html").select_one(".cb-stale")
    assert parse(site / "case-studies" / "riverton-listening.html").select_one(".cb-stale") is None


def test_relations_read_both_ways(site):
    page = parse(site / "case-studies" / "riverton-listening.html")
    related = [a["href"] for a in page.select("#related-case-studies + ul a")]
    assert related == ["../case-studies/hillford-grants.html"]


def test_title_and_toc_come_from_the_case(site):
    page = parse(site / "case-studies" / "hillford-grants.html")
    assert page.title.get_text().startswith("Fixture: Hillford funds groups")
    toc = [a.get_text(strip=True) for a in page.select(".md-sidebar--secondary nav a")]
    assert "What was done" in toc


def test_practice_phase_region_and_evidence_pages_list_their_cases(site):
    grants = parse(site / "practices" / "grassroots-grants.html")
    assert [a.get_text(strip=True) for a in grants.select(".cb-card__title a")] == [
        "Fixture: Hillford funds groups"
    ]
    europe = parse(site / "regions" / "europe.html")
    assert [a["href"] for a in europe.select(".cb-card__title a")] == [
        "../case-studies/riverton-listening.html"
    ]
    overview = parse(site / "practices" / "index.html")
    counts = {
        li.a.get_text(strip=True): li.select_one(".cb-count").get_text(strip=True)
        for li in overview.select(".cb-overview li")
    }
    assert counts["Grants for grassroots groups"] == "(1)"
    assert parse(site / "evidence" / "monitored.html").select(".cb-card")


def test_index_lists_every_case_without_javascript(site):
    page = parse(site / "case-studies" / "index.html")
    links = sorted(a["href"] for a in page.select("#cb-results a"))
    assert links == [
        "../case-studies/hillford-grants.html",
        "../case-studies/riverton-listening.html",
    ]
    facets = {fs.find_previous("summary").get_text(strip=True) for fs in page.select("fieldset")}
    assert {"Region", "Country", "Phase", "Practice", "Evidence", "City size"} <= facets


def test_guide_markers_expand_to_links_and_cards(site):
    page = parse(site / "guide.html")
    link = page.select_one("a.cb-case-link")
    assert link.get_text() == "Fixture: Hillford funds groups"
    assert link["href"] == "case-studies/hillford-grants.html"
    assert page.select_one(".cb-card__title a")["href"] == "case-studies/riverton-listening.html"
    assert "[[" not in page.select_one("article").get_text()


def test_unknown_marker_id_fails_the_build(tmp_path):
    root = make_project(tmp_path / "p", content={"guide.md": "See [[case:no-such-case]].\n"})
    result = run_build(root, check=False)
    assert result.returncode != 0
    assert "no-such-case" in result.stderr


def test_invalid_case_aborts_with_the_full_problem_list(tmp_path):
    bad = OLD_REVIEW.replace("phases: [preparation]", "phases: [prevnetion]").replace(
        "country: KE", "country: Kenya"
    )
    root = make_project(tmp_path / "p", cases={"hillford-grants.yml": bad})
    result = run_build(root, check=False)
    assert result.returncode != 0
    assert "case_studies/hillford-grants.yml" in result.stderr
    assert "Did you mean 'prevention'?" in result.stderr
    assert "'Kenya' is not an ISO 3166-1 country code; did you mean KE (Kenya)?" in result.stderr
    assert not (root / "site").exists()


def test_every_internal_link_in_the_site_resolves(site):
    broken = []
    for page_path in site.rglob("*.html"):
        for element in parse(page_path).select("a[href], link[href], script[src], img[src]"):
            target = element.get("href") or element.get("src")
            parts = urlsplit(target)
            if parts.scheme or target.startswith(("#", "//", "mailto:")):
                continue
            folder = site if parts.path.startswith("/") else page_path.parent  # 404.html
            resolved = (folder / unquote(parts.path).lstrip("/")).resolve()
            if parts.path and not resolved.exists():
                broken.append(f"{page_path.relative_to(site)} -> {target}")
    assert broken == []


def test_open_data_files_hold_every_case(site):
    data = json.loads((site / "casebook.json").read_text(encoding="utf-8"))
    assert [c["id"] for c in data["cases"]] == ["hillford-grants", "riverton-listening"]
    assert data["vocabularies"]["themes"]["grassroots-grants"]["label"]
    rows = list(csv.DictReader(io.StringIO((site / "casebook.csv").read_text("utf-8-sig"))))
    assert [r["id"] for r in rows] == ["hillford-grants", "riverton-listening"]
    assert rows[1]["themes"] == "listening-exercise; local-action-plan"


def test_full_text_index_holds_narratives_and_pages_material_holds_none(site):
    """One index answers the header box: Material's is left empty; ours (casebook.search)
    has every word of every case, including the narrative, and the browse pages."""
    from casebook.search.index import lookup
    from casebook.search.normalise import language

    assert json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"] == []
    main, shards = read_search_index(site)
    term = language().term
    assert ("hillford-grants", 3) in lookup(main, shards, term("hillford"))  # title tier
    assert ("hillford-grants", 1) in lookup(main, shards, term("workshops"))  # narrative
    assert ("hillford-grants", 2) in lookup(main, shards, term("grants"))  # a practice label
    pages = {doc[3]: doc for doc in main["docs"] if len(doc) > 3}
    assert "practices/grassroots-grants.html" in pages
    assert "case-studies/index.html" not in pages and "print.html" not in pages
    assert pages["contribute/schema.html"][4] < 1  # the schema reference ranks low


def read_search_index(site: Path) -> tuple[dict, dict]:
    """(main index, {shard key: shard}) as the browser reads them."""

    def payload(path: Path, start: str) -> str:
        text = path.read_text(encoding="utf-8")
        return text[text.index(start) + len(start) : text.rindex(")" if "(" in start else ";")]

    main = json.loads(payload(site / "search" / "casebook-index.js", "= "))
    shards = {}
    for key in main["shards"]:
        text = payload(site / "search" / f"casebook-index-{key}.js", f'receiveShard("{key}", ')
        shards[key] = json.loads(text)
    return main, shards


def test_serve_watches_case_studies_and_schema(tmp_path):
    root = make_project(tmp_path / "p")

    class Config(dict):
        config_file_path = str(root / "mkdocs.yml")
        watch: list = []
        extra: dict = {}
        extra_javascript: list = []
        site_dir = str(root / "site")
        docs_dir = str(root / "content")

    config = Config()
    site = CasebookSite()
    site.command = "serve"
    site.configure(config)
    assert str(root / "case_studies") in config.watch and str(root / "schema") in config.watch


@pytest.mark.parametrize(
    "page",
    [
        "case-studies/hillford-grants.html",
        "case-studies/index.html",
        "practices/grassroots-grants.html",
        "regions/index.html",
    ],
)
def test_generated_pages_have_a_skip_link_and_a_table_of_contents(site, page):
    html = parse(site / page)
    assert html.select_one("a.md-skip")["href"] == "#title"
    if page.startswith("case-studies/hillford"):  # pages with sections list them
        toc = [a.get_text(strip=True) for a in html.select(".md-sidebar--secondary nav a")]
        assert toc[:2] == ["Context", "What was done"]
