"""Search in the French, Spanish and Arabic editions, without a browser: folding, the two
terms of a word, stopwords, the index in the edition's language, the edition's files.

The browser half is checked against this one in test_search_editions.py (Chromium) and the
stemmers in test_search_stemmers.py (node)."""

from __future__ import annotations

import json
import re

import pytest

from casebook.project import Project
from casebook.search import files as search_files
from casebook.search import index as search_index
from casebook.search.documents import TITLE, Document
from casebook.search.normalise import language
from conftest import REPO


def meet(code: str, typed: str, text: str) -> bool:
    """Whether a query word finds a word of the text: they share an index term."""
    lang = language(code)
    (_, query), *_ = lang.entries(typed)
    (_, found), *_ = lang.entries(text)
    return bool(set(query) & set(found))


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ("evaluations", "évaluation"),  # accents dropped, plural
        ("évaluation", "evaluations"),
        ("activites", "activités"),  # the stemmer reads '-ités' only with the accent
        ("activite", "activités"),
        ("municipalites", "municipalité"),
        ("coeur", "cœur"),  # the ligature
        ("ECOLES", "écoles"),
        ("prevention", "prévention"),
    ],
)
def test_french_accents_and_inflections_meet(typed, text):
    assert meet("fr", typed, text)


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ("evaluacion", "evaluación"),
        ("evaluaciones", "evaluación"),
        ("politicas", "política"),
        ("prevencion", "prevención"),
        ("anos", "años"),  # ñ folds to n, as readers type it without the tilde
    ],
)
def test_spanish_accents_and_inflections_meet(typed, text):
    assert meet("es", typed, text)


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ("مدينة", "مُدِينَةٌ"),  # harakat (damma, kasra, fatha, tanwin)
        ("تطرف", "تطرّف"),  # shadda
        ("الكراهية", "الكراهيـــة"),  # tatweel
        ("ادارة", "إدارة"),  # alef with hamza below
        ("امن", "أمن"),  # alef with hamza above
        ("القران", "القرآن"),  # alef madda
        ("الكراهية", "ٱلكراهية"),  # alef wasla
        ("مستشفي", "مستشفى"),  # alef maqsura
        ("الشرطه", "الشرطة"),  # ta marbuta typed as ha
        ("المسوولين", "المسؤولين"),  # hamza on waw
        ("المسيولين", "المسئولين"),  # hamza on ya
        ("2024", "٢٠٢٤"),  # Arabic-Indic digits
        ("بلدية", "البلديات"),  # the stemmer: article and plural
    ],
)
def test_arabic_diacritics_and_letter_forms_meet(typed, text):
    assert meet("ar", typed, text)


def test_a_word_always_meets_itself_without_accents():
    """The second term is the stem of the folded word: typed without accents, any word of
    the text is found (here: every word of a French sentence)."""
    lang = language("fr")
    text = "Les élus ont créé un comité chargé d'écouter les collectivités concernées"
    for word, found in lang.entries(text):
        (_, typed), *_ = lang.entries(word)
        assert set(typed) & set(found), word


def test_different_words_stay_apart():
    assert not meet("fr", "police", "politique")
    assert not meet("ar", "شرطة", "سياسة")


def test_stopwords_and_elisions_are_left_out():
    lang = language("fr")
    assert [w for w, _ in lang.entries("l'évaluation de la politique à Paris")] == [
        "evaluation",
        "politique",
        "paris",
    ]
    assert [w for w, _ in language("es").entries("la evaluación y el municipio")] == [
        "evaluacion",
        "municipio",
    ]
    assert [w for w, _ in language("ar").entries("في المدينة إلى البلدية")] == [
        "المدينه",
        "البلديه",
    ]


def test_language_files_refuse_a_word_yaml_reads_as_a_boolean():
    from casebook.search import normalise

    with pytest.raises(TypeError, match="quote it"):
        normalise._text(True, "language-fr.yml")


def test_english_is_one_term_a_word_as_before():
    lang = language()
    assert not lang.two_terms
    assert lang.all_terms("Polarisation programmes 2023") == [["polar"], ["program"], ["2023"]]


def _doc(doc_id: str, title: str) -> Document:
    return Document(doc_id, title, "Lieu, Pays", {TITLE: [title]}, [("Résumé", title)])


def test_arabic_index_spreads_over_shards_by_letter():
    lang = language("ar")
    main, shards = search_index.build([_doc("one", "بلدية المدينة"), _doc("two", "الشرطة")], lang)
    assert main["language"]["code"] == "ar"
    assert all(re.fullmatch(r"u06[0-9a-f]{2}|[a-z0]|_", key) for key in main["shards"])
    assert len(main["shards"]) >= 2
    for word, doc_id in (("البلديات", "one"), ("شرطه", "two")):
        terms = lang.all_terms(word)[0]
        ids = {i for t in terms for i, _ in search_index.lookup(main, shards, t)}
        assert ids == {doc_id}, word


@pytest.fixture(scope="module")
def catalog():
    """The real case studies (the repository is a project)."""
    return Project(REPO).catalog()


@pytest.mark.parametrize("code", ["en", "fr", "es", "ar"])
def test_each_edition_writes_its_language_stemmer_and_strings(catalog, code):
    files = search_files.site_files(catalog, (), code)
    main = json.loads(files[search_files.INDEX].split(" = ", 1)[1].rstrip(";\n"))
    assert main["language"]["code"] == code
    assert main["language"]["stopwords"] == sorted(language(code).stopwords)
    stemmer = files[search_files.STEMMER]
    assert ("wink-porter2-stemmer" in stemmer) == (code == "en")
    assert ("orama" in stemmer) == (code != "en")
    assert language(code).stemmer in stemmer or code == "en"
    full_text = main["strings"]["search.full_text"]
    assert set(full_text) >= {"one", "other"} and "{query}" in full_text["other"]
    text = files[f"{search_files.TEXT_DIR}/{catalog.cases[0].id}.js"]
    summary = {"en": "Summary", "fr": "Résumé", "es": "Resumen", "ar": "ملخص"}[code]
    assert f'[["{summary}",' in text  # the summary first, under the edition's heading
