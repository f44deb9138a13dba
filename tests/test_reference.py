"""The schema reference page is generated from the schema and the vocabularies: every field
is documented and on the page, with its description, type, requirement, example and terms."""

from __future__ import annotations

import copy

import pytest

from casebook.scaffold import fields
from casebook.validate import Schema
from conftest import REPO, parse


@pytest.fixture(scope="module")
def schema() -> Schema:
    return Schema.load(REPO / "schema")


@pytest.fixture(scope="module")
def page(example_site):
    return parse(example_site / "contribute" / "schema.html")


def undocumented(raw: dict) -> list[str]:
    return [f.name for f in fields(raw) if not str(f.node.get("description", "")).strip()]


def test_every_schema_property_has_a_description(schema):
    assert undocumented(schema.raw) == []


def test_a_property_without_description_is_caught(schema):
    raw = copy.deepcopy(schema.raw)
    del raw["properties"]["sources"]["items"]["properties"]["url"]["description"]
    assert undocumented(raw) == ["sources[].url"]


def test_every_field_is_on_the_page(schema, page):
    assert page.find("h1").get_text(strip=True) == "Schema reference"
    shown = [s["data-field"] for s in page.select("section[data-field]")]
    assert shown == [f.name for f in fields(schema.raw)]
    assert {"place.country", "sources[].url", "narrative.risks"} <= set(shown)


def test_each_field_shows_description_type_requirement_and_example(schema, page):
    for field in fields(schema.raw):
        section = page.select_one(f'section[data-field="{field.name}"]')
        heading = section.find(["h2", "h3"])
        assert heading.code.get_text() == field.name
        assert section.select_one(".cb-field__description").get_text() == field.node["description"]
        assert section.select_one(".cb-field__type").get_text(strip=True)
        required = section.select_one(".cb-field__required").get_text()
        assert required.startswith("required") == field.required, field.name
        example = section.select_one(".cb-field__example")
        assert (example is not None) == bool(field.node.get("examples")), field.name
        if example is not None:
            assert example.get_text().startswith(f"{field.key}:"), field.name


def test_vocabulary_fields_list_every_term_with_label_and_description(schema, page):
    listed = set()
    for field in fields(schema.raw):
        if not field.vocabulary:
            continue
        listed.add(field.vocabulary)
        section = page.select_one(f'section[data-field="{field.name}"]')
        terms = {
            dt.code.get_text(): (
                dt.select_one(".cb-terms__label").get_text(),
                dt.find_next_sibling("dd").get_text(),
            )
            for dt in section.select(".cb-terms dt")
        }
        vocabulary = schema.vocabularies[field.vocabulary]
        assert terms == {t.key: (t.label, t.description) for t in vocabulary}, field.name
    others = {s["data-vocabulary"] for s in page.select("section[data-vocabulary]")}
    assert listed | others == set(schema.vocabularies)


def test_country_field_example_is_quoted_yaml(page):
    example = page.select_one('section[data-field="place.country"] .cb-field__example')
    assert example.get_text() == "country: 'NO'"


def test_reference_page_fits_a_phone(example_site, visit):
    opened = visit((example_site / "contribute" / "schema.html").as_uri(), width=360)
    assert opened.page.evaluate("document.documentElement.scrollWidth") <= 360
    assert opened.external == [] and opened.errors == []


def test_the_rules_across_fields_are_listed_each_with_its_invalid_example(page):
    from casebook.rules import RULES
    from conftest import EXAMPLES

    shown = [li.get_text() for li in page.select("ul.cb-rules li")]
    assert shown == [text for _, text in RULES] and len(shown) >= 10
    for name, _ in RULES:
        assert (EXAMPLES / "invalid" / f"{name}.yml").is_file(), name
        assert (EXAMPLES / "invalid" / f"{name}.expected").is_file(), name
