from conftest import parse


def test_example_case_page_has_title_and_facts(example_site):
    page = parse(example_site / "case-studies" / "riverton-listening.html")
    assert page.find("h1").get_text(strip=True) == "Fixture: a city listens before it plans"
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
             for dt in page.select(".cb-facts dt") if dt.get_text(strip=True)}
    assert facts["Country"] == "Norway"


def test_filter_page_opens_from_file(example_site, visit):
    opened = visit((example_site / "case-studies" / "index.html").as_uri() + "?themes=x")
    opened.page.wait_for_selector("#cb-status:not(:empty)")
    assert opened.external == [] and opened.errors == []
