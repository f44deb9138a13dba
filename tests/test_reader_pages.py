"""What readers see of schema v2 (issue 12), in a real built site, asserted on parsed HTML:
citation markers link to their source and back, optional blocks appear only where present,
mentions are labelled and not counted, and no page shows editing machinery."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from casebook.export import CSV_COLUMNS
from casebook_fixtures import EVALUATION, FIXTURE_CASES, as_yaml, fixture_case
from conftest import make_project, parse, run_build

MENTION = fixture_case(
    "india-mention",
    title="Fixture: Ivyford is named in a report",
    kind="mention",
    evidence="anecdotal",
    last_reviewed="2026-11-30",  # the newest record of all
    sources=[
        {"title": "Only fixture source", "publisher": "Casebook tests", "accessed": "2026-11-29"}
    ],
    quotes=[],
    place={"name": "Ivyford", "country": "NO", "region": "europe"},
)
MENTION["narrative"] = {
    "context": "A fixture source names the practice in one line [1].",
    "actions": "Nothing more is known, in this fiction [1].",
}
FULL = fixture_case(
    "kilo-evaluated",
    title="Fixture: Kestrel Bay evaluates its fund",
    evidence="evaluated",
    themes=["grassroots-grants"],
    evaluation={
        **EVALUATION,
        "independent_of_publisher": False,
        "independence_note": "The evaluator belongs to the same group as the fixture publisher.",
    },
    resources={
        "description": "Funded by the fictional city council [1].",
        "amount": {"value": 1200000, "currency": "GBP", "year": 2023},
    },
    owner={"name": "Kestrel Bay Cohesion Unit (fictional)"},
    narrative={
        "context": "A city had a problem [1].",
        "actions": "It set up a fund [2][1].",
        "outcomes": "See the evaluation [2].",
        "conditions": "A similar city would need a budget line [1].",
    },
)
for key in ("approach", "mandate"):
    FULL.pop(key)
CASES = {
    **FIXTURE_CASES,
    "india-mention.yml": as_yaml(MENTION),
    "kilo-evaluated.yml": as_yaml(FULL),
}
MACHINERY = ("not specified", "not recorded")
MARKER = re.compile(r"\[([0-9]+)\]")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("reader") / "project", cases=CASES)
    run_build(root)
    return root / "site"


def reader_pages(site: Path) -> list[Path]:
    """Every HTML page a reader meets; contribute/ is written for contributors, who do edit
    YAML files, and the 404 page is Material's."""
    pages = [
        p
        for p in site.rglob("*.html")
        if "contribute" not in p.relative_to(site).parts and p.name != "404.html"
    ]
    assert len(pages) > 20, pages
    return pages


def case_pages(site: Path) -> list[Path]:
    pages = [p for p in (site / "case-studies").glob("*.html") if p.name != "index.html"]
    assert len(pages) == len(CASES) + 1, pages  # + the valid example
    return pages


def test_no_reader_page_shows_editing_machinery(site):
    for path in reader_pages(site):
        page = parse(path)
        main = page.select_one("article") or page.body
        text = main.get_text(" ")
        for phrase in MACHINERY:
            assert phrase not in text.lower(), (path.name, phrase)
        assert ".yml" not in text, (path.name, [s for s in main.stripped_strings if ".yml" in s])


def test_the_edit_link_still_names_the_file(site):
    page = parse(site / "case-studies" / "kilo-evaluated.html")
    assert page.select_one("a.cb-edit")["href"].endswith("case_studies/kilo-evaluated.yml")


def test_every_marker_on_a_case_page_links_to_its_source(site):
    for path in case_pages(site):
        page = parse(path)
        article = page.select_one("article")
        for text in article.find_all(string=MARKER):
            link = text.parent
            assert link.name == "a" and "cb-citation" in link.get("class", []), (path.name, text)
            number = MARKER.fullmatch(text.strip()).group(1)
            assert link["href"] == f"#source-{number}"
            assert page.find(id=f"source-{number}") is not None, (path.name, number)


def test_each_cited_source_links_back_to_its_first_citation(site):
    page = parse(site / "case-studies" / "kilo-evaluated.html")
    article = page.select_one("article")
    first = {}
    for link in article.select("a.cb-citation"):
        first.setdefault(link["href"], link)
    assert set(first) == {"#source-1", "#source-2"}
    for href, link in first.items():
        source = page.find(id=href[1:])
        back = source.select_one("a.cb-backlink")
        assert back is not None and back["href"] == f"#{link['id']}", href
        assert page.find(id=link["id"]) is link


def test_evaluation_resources_owner_and_conditions_appear_where_present(site):
    page = parse(site / "case-studies" / "kilo-evaluated.html")
    headings = [h.get_text(strip=True) for h in page.select("article h2")]
    assert "What a similar city would need" in headings
    assert "Evaluation" in headings and "Resources" in headings
    evaluation = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in page.select(".cb-evaluation dt")
    }
    assert evaluation["Evaluated by"].startswith("Fixture Evaluators (fictional), 2022")
    assert "Not independent" not in evaluation["Independence"]
    assert "not independent of the publisher" in evaluation["Independence"]
    assert "same group as the fixture publisher" in evaluation["Independence"]
    assert "helped" in evaluation["Findings"]
    resources = page.find("h2", id="resources").find_next_siblings("p")
    assert "1,200,000 GBP (2023)" in " ".join(p.get_text(" ") for p in resources[:2])
    facts = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in page.select(".cb-facts dt")
        if dt.get_text(strip=True)
    }
    assert facts["Responsible office"] == "Kestrel Bay Cohesion Unit (fictional)"
    labels = page.select_one(".cb-labels").get_text(" ")
    assert "Approach" not in labels and "Mandate" not in labels


def test_a_case_without_the_optional_blocks_shows_none_of_them(site):
    page = parse(site / "case-studies" / "bravo-plan.html")
    headings = [h.get_text(strip=True) for h in page.select("article h2")]
    for absent in ("Evaluation", "Resources", "What a similar city would need"):
        assert absent not in headings
    assert page.select(".cb-evaluation") == []
    facts = [dt.get_text(strip=True) for dt in page.select(".cb-facts dt")]
    assert "Responsible office" not in facts and "Population" not in facts


def test_a_mention_page_says_what_it_is(site):
    page = parse(site / "case-studies" / "india-mention.html")
    article = page.select_one("article")
    assert article.select_one(".cb-kind").get_text(strip=True) == "Mention"
    note = article.select_one(".cb-mention-note").get_text(" ", strip=True)
    assert "names or quotes this practice" in note and "little more is known" in note
    assert article.select(".cb-facts") == [] and article.select(".cb-evaluation") == []
    assert article.select_one("a.cb-edit").get_text(strip=True) == "Edit this mention"


def test_mentions_are_labelled_in_lists_and_left_out_of_counts(site):
    index = parse(site / "case-studies" / "index.html")
    lead = index.select_one(".cb-lead").get_text(" ", strip=True)
    studies = len(CASES) - 1 + 1  # every fixture but the mention, and the valid example
    assert lead.startswith(f"{studies} case studies and 1 mention"), lead
    item = next(li for li in index.select(".cb-result") if "Ivyford" in li.get_text())
    assert item.select_one(".cb-kind").get_text(strip=True) == "Mention"
    overview = parse(site / "regions" / "index.html")
    europe = next(
        li for li in overview.select(".cb-overview li") if "regions/europe.html" in li.a["href"]
    )
    # Europe: the fixtures placed there, less the mention, plus the valid example (Riverton).
    europe_cases = sum("region: europe" in text for text in CASES.values()) - 1 + 1
    assert europe.select_one(".cb-count").get_text(strip=True) == f"({europe_cases})"
    term = parse(site / "regions" / "europe.html")
    assert f"{europe_cases} case studies and 1 mention" in term.get_text(" ")
    assert term.select(".cb-card")[-1].select_one(".cb-kind") is not None  # mentions last


def test_a_mention_is_never_among_the_newest(site):
    home = parse(site / "index.html")
    titles = [a.get_text(strip=True) for a in home.select(".cb-card__title a")]
    assert len(titles) == 3 and MENTION["title"] not in titles


def test_csv_has_kind_and_population_year(site):
    rows = list(csv.DictReader(io.StringIO((site / "casebook.csv").read_text("utf-8-sig"))))
    assert list(rows[0]) == list(CSV_COLUMNS)
    by_id = {row["id"]: row for row in rows}
    assert by_id["india-mention"]["kind"] == "mention"
    assert by_id["kilo-evaluated"]["kind"] == "case"
    assert (
        by_id["alpha-listening"]["population"],
        by_id["alpha-listening"]["population_year"],
    ) == ("120000", "2020")
    assert by_id["bravo-plan"]["population_year"] == ""


def test_every_term_description_is_on_its_browse_page(site):
    from casebook.facets import BROWSABLE
    from casebook.vocabulary import load_vocabularies
    from conftest import REPO

    vocabularies = load_vocabularies(REPO / "schema" / "vocabularies")
    assert [f.key for f in BROWSABLE] == ["region", "phases", "themes", "evidence"]
    for facet in BROWSABLE:
        for term in vocabularies[str(facet.vocabulary)]:
            assert term.description.strip(), term.key
            page = parse(site / str(facet.browse) / f"{term.key}.html")
            assert page.select_one(".cb-lead").get_text(strip=True) == term.description.strip()


@pytest.mark.browser
def test_the_finder_labels_mentions_and_counts_only_cases(site, visit):
    opened = visit((site / "case-studies" / "index.html").as_uri() + "?region=europe")
    page = opened.page
    page.wait_for_selector("#cb-status:not(:empty)")

    def counts(facet: str) -> dict[str, int]:
        texts = page.eval_on_selector_all(
            f"[data-count-for^='{facet}=']",
            "els => els.map(e => [e.dataset.countFor.split('=')[1], e.textContent])",
        )
        return {value: int(text.strip("()")) for value, text in texts}

    europe = sum("region: europe" in text for text in CASES.values())  # with the mention
    assert page.inner_text("#cb-status") == (
        f"{europe + 1} of {len(CASES) + 1} records match (1 mention)"
    )  # + the valid example
    assert counts("kind") == {"case": europe, "mention": 1}  # Record type counts both kinds
    assert counts("region")["europe"] == europe  # cases only: the example in, the mention out
    labelled = page.eval_on_selector_all(
        ".cb-result",
        "items => items.filter(i => i.querySelector('.cb-kind'))"
        ".map(i => i.querySelector('a').textContent)",
    )
    assert labelled == [MENTION["title"]]
    page.click("#cb-filters summary:has-text('Record type')")  # a facet folded by default
    page.check("#cb-filters input[name='kind'][value='case']")
    page.wait_for_function("!document.querySelector('#cb-status').textContent.includes('(')")
    assert page.inner_text("#cb-status") == f"{europe} of {len(CASES) + 1} records match"
    assert opened.errors == [] and opened.external == []


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["india-mention", "kilo-evaluated"])
def test_mention_and_v2_case_pages_pass_axe(site, visit, name, scheme):
    from axe_playwright_python.sync_playwright import Axe

    from test_accessibility import WCAG_TAGS, violations_report

    visited = visit((site / "case-studies" / f"{name}.html").as_uri(), color_scheme=scheme)
    assert visited.errors == [] and visited.external == []
    options = {
        "runOnly": {"type": "tag", "values": WCAG_TAGS},
        "resultTypes": ["violations"],
        "preload": False,
    }
    violations = Axe().run(visited.page, options=options).response["violations"]
    assert not violations, violations_report(violations)
