"""Vocabularies carry their translations (schema/vocabularies/*.yml, `translations:` blocks):
checked with file:line:col messages, shown in the edition's language with English fallback."""

from __future__ import annotations

import datetime
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casebook.loader import load_bytes
from casebook.model import Catalog
from casebook.problems import CasebookError
from casebook.render import Renderer
from casebook.schema import Schema
from casebook.validate import validate_document
from casebook.vocabulary import load_vocabularies
from casebook_fixtures import as_yaml, fixture_case
from conftest import REPO

GOOD = """\
label: Practice
description: What was done.
translations:
  fr: {label: Pratique, description: Ce qui a été fait.}
terms:
  listening:
    label: Listening
    description: Listening to residents.
    translations:
      fr: {label: Écoute, description: "Écouter les habitants."}
      ar: {label: الاستماع, description: ""}
  plan:
    label: Plan
    description: A written plan.
"""


def write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "themes.yml").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(CasebookError) as caught:
        load_vocabularies(folder)
    return [str(problem) for problem in caught.value.problems]


def test_translated_labels_with_english_fallback(tmp_path: Path) -> None:
    vocabulary = load_vocabularies(write(tmp_path, GOOD))["themes"]
    french = vocabulary.in_language("fr")
    assert (french.label, french.description) == ("Pratique", "Ce qui a été fait.")
    assert [t.label for t in french] == ["Écoute", "Plan"]  # plan: no French, English shown
    assert list(french.terms) == list(vocabulary.terms)  # keys and order unchanged
    arabic = vocabulary.in_language("ar")
    assert arabic.label == "Practice"
    assert arabic.terms["listening"].label == "الاستماع"
    assert arabic.terms["listening"].description == "Listening to residents."  # blank: English
    assert vocabulary.in_language("en") is vocabulary
    assert "translations" not in vocabulary.terms["listening"].extra


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (
            "      de: {label: Zuhören, description: x}\n",
            "themes.yml:8:7: $.terms.listening.translations.de: 'de' is not a language of the "
            "site; use one of fr, es, ar",
        ),
        (
            "      fr: Écoute\n",
            "themes.yml:8:11: $.terms.listening.translations.fr: must be a mapping with a label "
            "and a description",
        ),
        (
            "      fr: {description: Écouter.}\n",
            "themes.yml:8:11: $.terms.listening.translations.fr: needs a label as text that is "
            "not blank, e.g. label: Pratique",
        ),
        (
            "      fr: {label: Écoute, title: Écoute}\n",
            "themes.yml:8:27: $.terms.listening.translations.fr.title: unknown key 'title'; a "
            "translation has only a label and a description",
        ),
        (
            "      fr: {label: 12, description: x}\n",
            "themes.yml:8:19: $.terms.listening.translations.fr.label: needs a label as text "
            "that is not blank, e.g. label: Pratique",
        ),
    ],
)
def test_a_bad_translation_is_refused_with_its_place(
    tmp_path: Path, block: str, expected: str
) -> None:
    text = (
        "label: Practice\ndescription: What was done.\nterms:\n  listening:\n"
        "    label: Listening\n    description: Listening to residents.\n"
        "    translations:\n" + block
    )
    (found,) = problems_of(write(tmp_path, text))
    assert found.endswith(expected), found


def test_every_problem_is_listed_at_once(tmp_path: Path) -> None:
    text = GOOD.replace("fr: {label: Pratique", "xx: {label: Pratique").replace(
        "ar: {label: الاستماع", "ar: {label: ''"
    )
    found = problems_of(write(tmp_path, text))
    assert len(found) == 2
    assert "$.translations.xx" in found[1] or "$.translations.xx" in found[0]


def test_the_projects_vocabularies_load_with_their_translations() -> None:
    vocabularies = load_vocabularies(REPO / "schema" / "vocabularies")
    kinds = vocabularies["kinds"]
    for code in ("fr", "es", "ar"):
        translated = kinds.in_language(code)
        assert translated.label != kinds.label
        assert all(t.label for t in translated)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    schema = Schema.load(REPO / "schema")
    documents = []
    for case_id, changes in {
        "vt-one": {"place": {"name": "Oneton", "country": "NO", "region": "europe"}},
        "vt-two": {"place": {"name": "Twoton", "country": "DE", "region": "europe"}},
    }.items():
        record = fixture_case(case_id, last_reviewed="2026-03-01", **changes)
        document = load_bytes(as_yaml(record).encode("utf-8"), f"case_studies/{case_id}.yml")
        assert validate_document(document, schema) == []
        documents.append(document)
    return Catalog.build(documents, schema.vocabularies)


def render(catalog: Catalog, language: str) -> Renderer:
    return Renderer(catalog, today=datetime.date(2026, 12, 1), language=language)


@pytest.mark.parametrize(
    ("code", "record_type", "case_label", "norway"),
    [
        ("fr", "Type de fiche", "Étude de cas", "Norvège"),
        ("es", "Tipo de ficha", "Estudio de caso", "Noruega"),
        ("ar", "نوع السجل", "دراسة حالة", "النرويج"),
    ],
)
def test_finder_facets_in_the_editions_language(
    catalog: Catalog, code: str, record_type: str, case_label: str, norway: str
) -> None:
    """Facet values come from the vocabularies' translations and CLDR country names."""
    page = BeautifulSoup(render(catalog, code).index_page(), "html.parser")
    options = {
        box["name"] + "=" + box["value"]: box.parent.select_one(".cb-option__label").get_text()
        for box in page.select(".cb-option input")
    }
    assert options["kind=case"] == case_label
    assert options["country=NO"] == norway
    from casebook.export import filter_data

    data = filter_data(catalog, code)
    kind = next(f for f in data["facets"] if f["key"] == "kind")
    assert kind["values"]["case"] == case_label
    assert (
        render(catalog, code).vocabulary("kinds").label == record_type
    )  # the vocabulary's own name


def test_arabic_case_page_dates_and_direction_free_text(catalog: Catalog) -> None:
    page = BeautifulSoup(render(catalog, "ar").case_page(catalog.by_id["vt-one"]), "html.parser")
    meta = page.select_one(".cb-meta").get_text()
    assert "1 مارس 2026" in meta  # Babel's long date in Arabic
    english = BeautifulSoup(render(catalog, "en").case_page(catalog.by_id["vt-one"]), "html.parser")
    assert "Last reviewed 2026-03-01." in english.select_one(".cb-meta").get_text()


def test_values_in_the_editions_language() -> None:
    """Dates, numbers and country names: CLDR in translated editions, English as before."""
    from casebook.i18n import localise
    from casebook.i18n.catalogue import strings

    assert localise.human_date("2024-06-01", "en") == "2024-06-01"
    assert localise.human_date("2024-06-01", "fr") == "1 juin 2024"
    assert localise.human_date("2023-09", "es") == "septiembre de 2023"
    assert localise.human_date("2023", "ar") == "2023"
    assert localise.number(1234567, "en") == "1,234,567"
    assert localise.number(1234567, "es") == "1.234.567"
    assert localise.country("NO", "en") == "Norway"
    assert localise.country("XK", "fr") == "Kosovo"
    assert localise.country("DE", "ar") == "ألمانيا"
    english = strings("en")
    assert localise.years_text({"start": 2019, "ongoing": True}, english) == "Since 2019"
    assert localise.years_text({"start": 2019, "end": 2021}, english) == "2019–2021"
    assert localise.years_text({"end": 2021}, english) == "Until 2021"
    assert localise.years_text({}, english) == ""
