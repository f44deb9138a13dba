"""Full-text search in headless Chromium from file://, on a site built from the real case
studies: the header box and the finder find a case by any word of its narrative, American
spellings and plurals find British and singular text, and the browser's word handling is
the build's, word for word."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe

from casebook.project import Project
from casebook.search.documents import documents
from casebook.search.normalise import fold, language, words
from conftest import REPO, make_project, run_build

pytestmark = [pytest.mark.browser, pytest.mark.slow]
# (typed, as the case studies write it): American spellings and plural forms.
VARIANTS = [
    ("polarization", "polarisation"),
    ("programs", "programme"),
    ("organizations", "organisation"),
    ("neighborhoods", "neighbourhood"),
    ("behaviors", "behaviour"),
    ("exercises", "exercise"),
    ("councils", "council"),
]


@pytest.fixture(scope="module")
def real_site(tmp_path_factory):
    cases = {
        path.name: path.read_text(encoding="utf-8")
        for path in sorted((REPO / "case_studies").glob("*.yml"))
    }
    root = make_project(tmp_path_factory.mktemp("search") / "project", cases=cases, examples=False)
    run_build(root)
    return root / "site"


@pytest.fixture(scope="module")
def docs():
    return documents(Project(REPO).catalog())


def unique_narrative_words(docs, per_case: int = 1) -> list[tuple[str, str]]:
    """(word, case id): words of a case's narrative whose index term no other case has
    anywhere (so the case is the one right answer), one a case, longest first."""
    lang, owners, narrative = language(), {}, {}
    for doc in docs:
        for texts in doc.tiers.values():
            for word in (w for text in texts for w in words(text)):
                owners.setdefault(lang.term(word), set()).add(doc.id)
        narrative[doc.id] = {
            w
            for heading, text in doc.sections
            if heading not in ("Summary", "Facts", "Sources")
            for w in words(text)
            if w.isalpha()
        }
    picked = []
    for doc in docs:
        own = sorted(
            (w for w in narrative[doc.id] if owners[lang.term(w)] == {doc.id}),
            key=lambda w: (-len(w), w),
        )
        picked += [(w, doc.id) for w in own[:per_case]]
    return picked


def result_ids(page) -> list[str]:
    hrefs = page.eval_on_selector_all("#cb-results .cb-result a", "els => els.map(a => a.href)")
    return [href.rsplit("/", 1)[1].removesuffix(".html") for href in hrefs]


def finder_ids(visit, site, words_typed: str) -> list[str]:
    opened = visit((site / "case-studies" / "index.html").as_uri() + "?words=" + quote(words_typed))
    page = opened.page
    page.wait_for_function(
        f"window.CasebookSearch && CasebookSearch.search({words_typed!r}) !== null", timeout=20_000
    )
    page.wait_for_selector("#cb-results .cb-result")
    ids = result_ids(page)
    assert opened.errors == [] and opened.external == []
    return ids


def test_every_case_is_found_by_a_word_only_its_narrative_has(real_site, docs, visit):
    picked = unique_narrative_words(docs)
    assert len(picked) >= 10, picked  # most real cases have such a word
    for word, case_id in picked:
        assert case_id in finder_ids(visit, real_site, word), word


def test_header_box_reaches_the_case_in_one_click(real_site, docs, visit):
    opened = visit((real_site / "index.html").as_uri())
    page = opened.page
    total = len(docs)
    for word, case_id in unique_narrative_words(docs)[:6]:
        page.fill("input.md-search__input", "")
        page.click("input.md-search__input")
        page.keyboard.type(word)
        page.wait_for_function(
            "w => document.querySelector('.cb-search').dataset.query === w",
            arg=word,
            timeout=20_000,
        )  # results for the whole word
        link = page.locator(f".cb-search__link[href$='case-studies/{case_id}.html']")
        link.locator("mark").first.wait_for(timeout=20_000)
        assert fold(word) in fold(link.inner_text())  # the excerpt shows the word
        everything = page.locator(".cb-search__all")
        assert (
            everything.inner_text() == f"Search the full text of {total} case studies for “{word}”"
        )
        assert everything.get_attribute("href").endswith(f"case-studies/index.html?words={word}")
    link.click()  # the one click, for the last word
    page.wait_for_url(f"**/case-studies/{case_id}.html")
    assert opened.errors == [] and opened.external == []


def _cases_with(docs, word: str) -> set[str]:
    pattern = re.compile(rf"\b{re.escape(word)}\b")
    return {
        doc.id
        for doc in docs
        if any(pattern.search(fold(t)) for texts in doc.tiers.values() for t in texts)
    }


def test_american_spellings_and_plurals_find_british_singular_text(real_site, docs, visit):
    tested = 0
    for typed, written in VARIANTS:
        expected = _cases_with(docs, written)
        if not expected or typed in fold(
            " ".join(t for d in docs for ts in d.tiers.values() for t in ts)
        ):
            continue  # the corpus must hold only the British / singular form
        found = set(finder_ids(visit, real_site, typed))
        assert expected <= found, (typed, written, expected - found)
        tested += 1
    assert tested >= 3


def test_browser_and_build_make_the_same_terms(real_site, docs, visit):
    """Folding, word splitting, spelling and the two Porter2 stemmers (snowballstemmer in
    Python, the vendored wink-porter2-stemmer here) agree on every text of the corpus:
    the case studies and the guide's own pages."""
    texts = [t for doc in docs for texts in doc.tiers.values() for t in texts]
    texts += [p.read_text(encoding="utf-8") for p in sorted((REPO / "content").rglob("*.md"))]
    page = visit((real_site / "index.html").as_uri()).page
    page.evaluate("() => new Promise(done => CasebookSearch.load(done))")
    browser = page.evaluate("texts => texts.map(t => CasebookSearch.terms(t))", texts)
    python = [language().terms(text) for text in texts]
    mismatches = [
        (a, b)
        for x, y in zip(browser, python, strict=True)
        for a, b in zip(x, y, strict=True)
        if a != b
    ]
    assert [len(x) for x in browser] == [len(y) for y in python]
    assert mismatches == []
    assert sum(len(x) for x in python) > 5_000  # about 9,000 words at the time of writing


def test_youth_reaches_the_practice_page_and_guide_pages_rank_above_the_schema(real_site, visit):
    page = visit((real_site / "index.html").as_uri()).page
    page.click("input.md-search__input")
    page.keyboard.type("youth")
    page.wait_for_function(
        "document.querySelector('.cb-search').dataset.query === 'youth'", timeout=20_000
    )
    hrefs = page.eval_on_selector_all(".cb-search__link", "els => els.map(a => a.href)")
    schema = [i for i, h in enumerate(hrefs) if h.endswith("contribute/schema.html")]
    practice = hrefs.index(next(h for h in hrefs if h.endswith("education-and-youth.html")))
    assert not schema or schema[0] > practice


def test_search_dialog_passes_axe(real_site, visit):
    opened = visit((real_site / "index.html").as_uri())
    page = opened.page
    page.click("input.md-search__input")
    page.keyboard.type("police")
    page.wait_for_selector(".cb-search__item .cb-search__excerpt mark", timeout=20_000)
    assert page.get_attribute(".md-search", "aria-label")
    options = {
        "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]},
        "resultTypes": ["violations"],
        "preload": False,
    }
    violations = Axe().run(page, options=options).response["violations"]
    assert [v["id"] for v in violations] == []
