"""Issue 15, the front door: the home page, the way back from a case page to the reader's
results, and the case page on a phone. Built from a copy of the real project (its home page,
guide and case studies), checked on parsed HTML and in headless Chromium."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import yaml

from casebook import home
from casebook.project import Project
from casebook.render import Renderer
from conftest import EXAMPLES, make_project, parse
from front_build import build_project_copy

PHONE = {"width": 360, "height": 740}


def example() -> dict:
    """The valid example record (PyYAML reads its country NO as false: put it back)."""
    data = yaml.safe_load((EXAMPLES / "valid" / "riverton-listening.yml").read_text())
    data["place"]["country"] = "NO"
    return data


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the whole project, built: the home page counts real records."""
    return build_project_copy(tmp_path_factory.mktemp("front") / "project")


@pytest.fixture(scope="module")
def site(project) -> Path:
    return project / "site"


def phone(visit, url: str):
    return visit(url, **PHONE, is_mobile=True, has_touch=True).page


# ---------------------------------------------------------------- home


def test_home_counts_case_studies_and_countries_without_mentions(project, site):
    catalog = Project(project).catalog()
    assert catalog.mentions, "the project has mentions, so the test can tell them apart"
    studies = [c for c in catalog.cases if not c.is_mention]
    countries = {c.country for c in studies}
    stats = parse(site / "index.html").select_one(".cb-home-stats").get_text(" ", strip=True)
    assert stats == f"{len(studies)} case studies from {len(countries)} countries"
    assert len(studies) != len(catalog.cases)


def test_home_features_case_studies_by_evidence_not_mentions(project, site):
    catalog = Project(project).catalog()
    cards = parse(site / "index.html").select(".cb-cards .cb-card__title a")
    ids = [a["href"].removeprefix("case-studies/").removesuffix(".html") for a in cards]
    assert len(ids) == 6
    chosen = [catalog.by_id[i] for i in ids]
    assert not any(c.is_mention for c in chosen)
    ranks = [home.evidence_rank(catalog, c) for c in chosen]
    assert ranks == sorted(ranks), "strongest evidence first"
    best = min(home.evidence_rank(catalog, c) for c in catalog.cases)
    assert ranks[0] == best


def test_featured_puts_cases_before_mentions_and_completeness_breaks_ties(tmp_path):
    def variant(case_id: str, **changes) -> str:
        data = example()
        data.update(id=case_id, title=f"Fixture {case_id}", **changes)
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)

    thin = example()
    narrative = {
        k: v for k, v in thin["narrative"].items() if k in ("context", "actions", "outcomes")
    }
    root = make_project(
        tmp_path / "p",
        cases={
            "mention-strong.yml": variant("mention-strong", kind="mention", evidence="documented"),
            "thin-documented.yml": variant(
                "thin-documented", evidence="documented", narrative=narrative
            ),
            "anecdote.yml": variant("anecdote", evidence="anecdotal"),
        },
        examples=True,
    )
    catalog = Project(root).catalog()
    order = [c.id for c in home.featured(catalog, 10)]
    assert order.index("mention-strong") == len(order) - 1
    assert order.index("anecdote") > order.index("thin-documented")
    assert home.completeness(catalog.by_id["riverton-listening"]) > home.completeness(
        catalog.by_id["thin-documented"]
    )


@pytest.mark.browser
def test_three_ways_in_are_inside_the_first_phone_screen(site, visit):
    page = phone(visit, (site / "index.html").as_uri())
    doors = page.locator(".cb-doors a")
    assert doors.all_inner_texts()[0].startswith("Find cases like my city")
    assert doors.count() == 3
    for index in range(3):
        box = doors.nth(index).bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box
        assert box["height"] >= 44 and box["width"] >= 300, "a large target for a thumb"
    targets = [doors.nth(i).get_attribute("href") for i in range(3)]
    assert targets == ["case-studies/index.html", "preparation/index.html", "map.html"]
    for target in targets:
        assert (site / target).is_file()
    assert "34 case studies" in page.inner_text(".cb-home-stats") or re.fullmatch(
        r"\d+ case studies from \d+ countries", page.inner_text(".cb-home-stats")
    )


@pytest.mark.browser
def test_no_keyboard_hints_on_a_touch_screen(site, visit):
    touch = phone(visit, (site / "index.html").as_uri())
    assert not touch.locator(".cb-keyboard-hint").is_visible()
    assert not any(k.is_visible() for k in touch.locator(".md-content kbd").all())
    desktop = visit((site / "index.html").as_uri()).page
    assert desktop.locator(".cb-keyboard-hint").is_visible()  # the check above can fail


# ---------------------------------------------------------------- case page


@pytest.mark.browser
def test_back_to_your_results_restores_the_filtered_finder(site, visit):
    finder = (site / "case-studies" / "index.html").as_uri() + "?region=europe"
    page = visit(finder).page
    page.wait_for_selector("#cb-status:not(:empty)")
    query = page.evaluate("location.search")
    assert "region=europe" in query
    page.locator("#cb-results a[href*='case-studies/'], #cb-results a").first.click()
    page.wait_for_url(re.compile(r".*/case-studies/(?!index)[^/]+\.html$"))
    back = page.locator("[data-cb-back]")
    assert back.inner_text() == "Back to your results"
    back.click()
    page.wait_for_url(re.compile(r".*/case-studies/index\.html\?.*"))
    assert page.evaluate("location.search") == query
    page.wait_for_selector("#cb-status:not(:empty)")
    assert page.is_checked("input[name=region][value=europe]")


@pytest.mark.browser
def test_without_a_visit_to_the_finder_the_way_back_is_the_finder(site, visit):
    page = visit((site / "case-studies" / "oslo-salto.html").as_uri()).page
    back = page.locator("[data-cb-back]")
    assert back.inner_text() == "All case studies"
    assert back.get_attribute("href") == "../case-studies/index.html"


def test_breadcrumb_names_the_first_practice(project, site):
    catalog = Project(project).catalog()
    case = catalog.by_id["oslo-salto"]
    trail = parse(site / "case-studies" / "oslo-salto.html").select_one("nav.cb-trail")
    assert trail["aria-label"] == "Breadcrumb"
    links = [(a.get_text(strip=True), a["href"]) for a in trail.select("ol a")]
    label = catalog.vocabulary("themes").label_of(case.themes[0])
    assert links == [
        ("Case studies", "../case-studies/index.html"),
        (label, f"../practices/{case.themes[0]}.html"),
    ]


@pytest.mark.browser
def test_on_a_phone_the_summary_comes_before_the_facts(site, visit):
    page = phone(visit, (site / "case-studies" / "oslo-salto.html").as_uri())
    summary = page.locator(".cb-case .cb-summary").bounding_box()
    facts = page.locator(".cb-facts").bounding_box()
    assert summary["y"] + summary["height"] <= facts["y"]
    assert summary["y"] < PHONE["height"]


def test_related_lists_at_most_eight_and_links_to_the_finder(tmp_path):
    base = example()
    cases = {}
    for n in range(11):
        data = dict(
            base, id=f"other-{n:02}", title=f"Fixture other {n:02}", related=["riverton-listening"]
        )
        cases[f"other-{n:02}.yml"] = yaml.safe_dump(data, sort_keys=False)
    root = make_project(tmp_path / "p", cases=cases)
    catalog = Project(root).catalog()
    renderer = Renderer(catalog, today=datetime.date(2026, 12, 1))
    from bs4 import BeautifulSoup

    page = BeautifulSoup(renderer.case_page(catalog.by_id["riverton-listening"]), "html.parser")
    assert len(page.select("#related-case-studies + ul li")) == 8
    more = page.select_one(".cb-related-more")
    assert more.get_text(" ", strip=True).startswith("3 more related case studies")
    assert more.a["href"] == f"../case-studies/index.html?themes={base['themes'][0]}"
    alone = BeautifulSoup(renderer.case_page(catalog.by_id["other-00"]), "html.parser")
    assert len(alone.select("#related-case-studies + ul li")) == 1
    assert alone.select_one(".cb-related-more") is None


def test_browse_lists_leave_out_terms_without_a_record(example_site):
    # The example project holds one record, in Europe: every other region is empty.
    listed = [
        a["href"] for a in parse(example_site / "regions" / "index.html").select(".cb-overview a")
    ]
    assert listed == ["../regions/europe.html"]
    page = parse(example_site / "regions" / "north-america.html")  # kept for old links
    assert "No case study is tagged with this yet" in page.get_text(" ")


def test_guide_pages_have_previous_and_next_links(site):
    footer = parse(site / "preparation" / "mandate.html").select_one("nav.md-footer__inner")
    links = {a.get("aria-label", "").split(":")[0].strip(): a["href"] for a in footer.select("a")}
    assert (
        links.get("Previous") == "index.html" and links.get("Next") == "understanding-threats.html"
    ), links


def test_print_page_holds_the_guide_but_no_case_study(site):
    page = parse(site / "print.html")
    assert page.select("[data-cb-print]") and page.select("section[id^=guide-]")
    assert page.select("section[id^=case-]") == []


def test_cards_show_practices_and_the_summary_first_sentence(project, site):
    from casebook.sentences import first_sentence

    catalog = Project(project).catalog()
    card = parse(site / "index.html").select_one(".cb-cards .cb-card")
    case = catalog.by_id[card.select_one("a")["href"].split("/")[-1].removesuffix(".html")]
    summary = card.select_one(".cb-card__summary").get_text()
    assert summary == first_sentence(case.summary) and len(summary) < len(case.summary)
    practices = card.select_one(".cb-card__practices").get_text(" ", strip=True)
    labels = [catalog.vocabulary("themes").label_of(k) for k in case.themes]
    assert practices == "Practice: " + " · ".join(labels)


def test_first_sentence_skips_abbreviations_and_short_openings():
    from casebook.sentences import first_sentence

    assert (
        first_sentence("In St. Louis the U.S. mayors met in 2019. Then more.")
        == "In St. Louis the U.S. mayors met in 2019."
    )
    assert (
        first_sentence("Short. But this sentence is longer than forty characters. Third.")
        == "Short. But this sentence is longer than forty characters."
    )
    assert first_sentence("No full stop") == "No full stop"


def test_finder_folds_facets_with_one_value_for_every_case(tmp_path):
    from bs4 import BeautifulSoup

    other = example()
    other.update(id="hillford-elsewhere", title="Fixture: Hillford, elsewhere")
    other["place"].update(name="Mombasa", country="KE", region="sub-saharan-africa")
    root = make_project(
        tmp_path / "p", cases={"hillford-elsewhere.yml": yaml.safe_dump(other, sort_keys=False)}
    )
    renderer = Renderer(Project(root).catalog(), today=datetime.date(2026, 12, 1))
    page = BeautifulSoup(renderer.index_page(), "html.parser")
    facets = {d.summary.contents[0].strip(): d for d in page.select("details.cb-facet")}
    region, level = facets["Region"], facets["Level of government"]
    assert "cb-facet--uniform" not in region["class"] and region.has_attr("open")
    assert "cb-facet--uniform" in level["class"] and not level.has_attr("open")
    assert "The same for every case study" in level.get_text()
    order = list(facets)
    assert order.index("Level of government") > order.index("Region")  # folded ones last


def test_first_sentence_in_arabic_and_spanish():
    """Cards in the translated editions: Arabic has no capitals after a stop, Spanish may open
    with ¿ or ¡."""
    from casebook.sentences import first_sentence

    arabic = "تعمل المدينة مع الشرطة والمدارس منذ عام 2006 في برنامج مشترك. ويشمل التعاون أيضًا."
    assert first_sentence(arabic) == "تعمل المدينة مع الشرطة والمدارس منذ عام 2006 في برنامج مشترك."
    spanish = "La ciudad trabaja con la policía y las escuelas desde 2006. ¿Funcionó? No se sabe."
    assert first_sentence(spanish) == "La ciudad trabaja con la policía y las escuelas desde 2006."
