"""casebook.search without a browser: normalisation, the index format, page text.

The browser half is checked against this one in test_search_browser.py."""

from __future__ import annotations

import pytest

from casebook.project import Project
from casebook.search import index as search_index
from casebook.search.documents import TITLE, Document, documents, plain_text
from casebook.search.normalise import fold, language, words
from casebook.search.pages import page_id, page_text
from conftest import REPO


def term(word: str) -> str:
    return language().term(fold(word))


def test_case_and_accents_fold():
    assert fold("Budavár") == "budavar" and fold("ÅLESUND") == "alesund"
    assert words("Château-Lac, 2024!") == ["chateau", "lac", "2024"]


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("polarisation", "polarization"),
        ("organise", "organize"),
        ("organisations", "organization"),
        ("programme", "program"),
        ("programmes", "programs"),
        ("behaviour", "behaviors"),
        ("neighbourhoods", "neighborhood"),
        ("analysed", "analyzed"),
        ("centre", "centers"),
        ("counselling", "counseling"),
        ("defence", "defense"),
    ],
)
def test_british_and_american_spellings_meet(british, american):
    assert term(british) == term(american)


@pytest.mark.parametrize(
    "forms",
    [
        ("exercise", "exercises", "exercised", "exercising"),
        ("coordinator", "coordinators"),
        ("city", "cities"),
        ("community", "communities"),
    ],
)
def test_plural_and_verb_forms_meet(forms):
    assert len({term(form) for form in forms}) == 1


@pytest.mark.parametrize(
    "word", ["promise", "exercise", "advertise", "raise", "crises", "premise", "otherwise"]
)
def test_words_that_merely_end_in_ise_keep_their_spelling(word):
    assert language().spell(word) == word


def test_synonyms_travel_as_index_terms():
    groups = language().to_browser()["synonyms"]
    youth = next(g for g in groups if [term("youth")] in g)
    assert [term("young"), term("people")] in youth
    assert any([term("municipality")] in g and [term("council")] in g for g in groups)


def _doc(doc_id: str, title: str, body: str) -> Document:
    return Document(
        doc_id, title, "Place, Country", {TITLE: [title], 1: [body]}, [("Context", body)]
    )


def test_index_keeps_the_best_tier_and_reads_back():
    main, shards = search_index.build(
        [
            _doc("one", "Police council", "the police met"),
            _doc("two", "Grants", "police and council coordinators"),
        ]
    )
    assert main["docs"][0] == ["one", "Police council", "Place, Country"]
    assert search_index.lookup(main, shards, term("police")) == [("one", 3), ("two", 1)]
    assert search_index.lookup(main, shards, term("coordinators")) == [("two", 1)]
    assert search_index.lookup(main, shards, term("the")) == []  # a stopword
    assert "coordinators" in shards["c"]["words"].split(" ")  # for prefixes while typing
    assert sorted(main["shards"]) == main["shards"] and set(shards) == set(main["shards"])


def test_shard_keys():
    assert [search_index.shard_key(t) for t in ("police", "2024", "ålesund", "")] == [
        "p",
        "0",
        "_",
        "_",
    ]


def test_every_word_of_every_real_case_is_indexed():
    """Title, place, summary, narrative, quotes, sources, labels: each word leads to its
    case (and every section an excerpt is cut from is made of these texts)."""
    catalog = Project(REPO).catalog()
    docs = documents(catalog)
    main, shards = search_index.build(docs)
    stop = language().stopwords
    for doc in docs:
        seen = {
            w
            for texts in doc.tiers.values()
            for text in texts
            for w in words(text)
            if w not in stop
        }
        for word in sorted(seen)[::7]:  # a seventh of them keeps this quick
            ids = {
                case_id for case_id, _ in search_index.lookup(main, shards, language().term(word))
            }
            assert doc.id in ids, (doc.id, word)


def test_narrative_markdown_becomes_text():
    assert plain_text("<p>A <em>b</em> &amp; c</p>\n<ul><li>d</li></ul>") == "A b & c\nd"


def test_page_text_by_section_without_excluded_blocks():
    html = (
        '<h1 id="t">Practices<a class="headerlink" href="#t">¶</a></h1><p>Lead.</p>'
        "<div data-search-exclude><p>every case</p></div><h2>More</h2><p>Body<br>line</p>"
        "<svg><title>map</title></svg>"
    )
    assert page_text(html) == [("Practices", "Lead."), ("More", "Body\nline")]
    assert page_id("practices/education-and-youth.html") == "_practices_education_and_youth"
