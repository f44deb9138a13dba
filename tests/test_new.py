"""`casebook new`: a scaffold with every field, placeholders that validate reports, no
overwriting, safe ids and helpful country errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casebook.cli import main
from casebook.loader import load_file
from casebook.problems import format_path
from casebook.scaffold import (
    MODELINE,
    ScaffoldError,
    ask_missing,
    fields,
    in_new_files,
    resolve_country,
)
from casebook.validate import PLACEHOLDER, Schema
from conftest import EXAMPLES, make_project

TITLE = "Écouter chaque quartier: Lyon's listening exercise"
SLUG = "ecouter-chaque-quartier-lyon-s-listening-exercise"


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "project", examples=False)


@pytest.fixture
def schema(project) -> Schema:
    return Schema.load(project / "schema")


def new(project: Path, *args: str) -> int:
    return main(["--root", str(project), "new", *args])


def validate(project: Path, path: Path, capsys) -> tuple[int, list[dict]]:
    capsys.readouterr()
    code = main(["--root", str(project), "validate", "--format", "json", str(path)])
    return code, json.loads(capsys.readouterr().out)["problems"]


def placeholders(node, path=()) -> dict[tuple, str]:
    """Path -> text of every TODO placeholder in loaded data."""
    if isinstance(node, dict):
        return {p: v for k, sub in node.items() for p, v in placeholders(sub, (*path, k)).items()}
    if isinstance(node, list):
        return {
            p: v for i, sub in enumerate(node) for p, v in placeholders(sub, (*path, i)).items()
        }
    return {path: node} if isinstance(node, str) and node.startswith(PLACEHOLDER) else {}


def field_name(path: tuple) -> str:
    """('sources', 0, 'url') -> 'sources[].url', as fields() names it."""
    return "".join(f".{p}" if isinstance(p, str) else "[]" for p in path).lstrip(".")


# Values that must agree with each other under the cross-field rules (src/casebook/rules.py):
# a record with one source is a mention, a mention claims at most 'documented', and a
# practice with an end year in the past is not ongoing.
COHERENT = {("kind",): "mention", ("evidence",): "documented", ("years", "ongoing"): False}


def filler(path: tuple, schema: Schema) -> object:
    """A real value for a placeholder: the vocabulary's first term or the schema's example."""
    if path in COHERENT:
        return COHERENT[path]
    by_name = {f.name: f for f in fields(schema.raw)}
    is_item = isinstance(path[-1], int)
    field = by_name[field_name(path[:-1] if is_item else path)]
    if field.vocabulary:
        return next(iter(schema.vocabularies[field.vocabulary].terms))
    example = field.node["examples"][0]
    return example[path[-1]] if is_item else example


def put(data, path: tuple, value) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def test_scaffold_fails_with_one_clear_message_per_placeholder(project, capsys, monkeypatch):
    # The scaffold has more placeholders than the 50 problems a file validate shows.
    monkeypatch.setattr("casebook.limits.MAX_PROBLEMS_PER_FILE", 1000)
    assert new(project, "--title", TITLE, "--city", "Lyon", "--country", "FR") == 0
    path = project / "case_studies" / f"{SLUG}.yml"
    data = load_file(str(path)).data
    assert (data["id"], data["title"], data["place"]["name"], data["place"]["country"]) == (
        SLUG,
        TITLE,
        "Lyon",
        "FR",
    )
    todo = placeholders(data)
    assert {("summary",), ("place", "region"), ("sources", 0, "url")} <= todo.keys()
    code, problems = validate(project, path, capsys)
    assert code == 1
    assert sorted(p["path"] for p in problems) == sorted(format_path(p) for p in todo)
    for problem in problems:
        assert problem["message"].startswith("placeholder 'TODO"), problem
        assert "replace it with the real value" in problem["message"]


def test_scaffold_validates_once_placeholders_are_filled(project, schema, capsys):
    assert (
        new(
            project,
            "--title",
            TITLE,
            "--city",
            "Lyon",
            "--country",
            "fr",
            "--region",
            "Europe",
            "--year",
            "2019",
        )
        == 0
    )
    path = project / "case_studies" / f"{SLUG}.yml"
    data = load_file(str(path)).data
    assert data["place"]["region"] == "europe" and data["years"]["start"] == 2019
    for todo in placeholders(data):
        put(data, todo, filler(todo, schema))
    # JSON is YAML: the filled data goes back through the same strict loader.
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    code, problems = validate(project, path, capsys)
    assert (code, problems) == (0, []), problems


def test_every_schema_field_is_in_the_scaffold_with_its_description(project, schema):
    assert new(project, "--title", "Oslo SaLTo", "--country", "Norway") == 0
    path = project / "case_studies" / "oslo-salto.yml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == MODELINE
    document = load_file(str(path))
    for field in fields(schema.raw):
        key_path = tuple(0 if p == "" else p for p in field.name.replace("[]", ".").split("."))
        if not in_new_files(schema.raw["properties"].get(key_path[0], {})):
            assert key_path not in document.key_positions, f"{field.name} in a new file"
            continue
        assert key_path in document.key_positions, f"{field.name} missing from the scaffold"
        line = document.key_positions[key_path][0] - 1
        comment = []
        while lines[line - 1].lstrip().lstrip("- ").startswith("#"):
            line -= 1
            comment.insert(0, lines[line].lstrip().lstrip("- ").removeprefix("#").strip())
        assert " ".join(comment).startswith(field.node["description"]), field.name


def test_refuses_to_overwrite(project, capsys):
    assert new(project, "--title", "Lyon listening") == 0
    path = project / "case_studies" / "lyon-listening.yml"
    path.write_text("edited by hand\n", encoding="utf-8")
    capsys.readouterr()
    assert new(project, "--title", "Lyon listening") == 2
    assert "lyon-listening.yml already exists" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "edited by hand\n"


def test_refuses_an_id_that_differs_only_by_case(project, capsys):
    (project / "case_studies" / "Lyon-Listening.yml").write_text("x: 1\n", encoding="utf-8")
    assert new(project, "--id", "lyon-listening") == 2
    assert "already exists" in capsys.readouterr().err
    assert not (project / "case_studies" / "lyon-listening.yml").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["--title", "../../.."],
        ["--title", "Привет мир"],
        ["--id", "../evil"],
        ["--id", "Evil"],
        ["--id", "a--b"],
    ],
)
def test_unsafe_or_empty_ids_are_refused(project, args, capsys):
    assert new(project, *args) == 2
    assert "--id" in capsys.readouterr().err
    assert list((project / "case_studies").iterdir()) == []


def test_title_with_path_characters_stays_inside_case_studies(project):
    assert new(project, "--title", "../../etc/passwd: Ørsted's plan") == 0
    assert [p.name for p in (project / "case_studies").iterdir()] == [
        "etc-passwd-orsted-s-plan.yml"
    ]


@pytest.mark.parametrize("given", ["Norway", "no", "NOR", " norway "])
def test_country_names_and_codes_resolve(given):
    assert resolve_country(given) == "NO"


def test_unknown_country_is_refused_with_a_suggestion(project, capsys):
    assert new(project, "--title", "Somewhere", "--country", "Norwy") == 2
    error = capsys.readouterr().err
    assert "'Norwy' is not a country" in error and "Norway (NO)" in error
    with pytest.raises(ScaffoldError, match="ISO 3166-1"):
        resolve_country("Narnia")


def test_unknown_region_lists_the_terms(project, capsys):
    assert new(project, "--title", "Somewhere", "--region", "Europa") == 2
    assert "europe" in capsys.readouterr().err


def test_prompts_ask_again_after_a_bad_answer(schema, capsys):
    answers = iter(["Listening in Lyon", "Lyon", "Frnace", "France", "", "municipality"])
    asked: list[str] = []

    def ask(question: str) -> str:
        asked.append(question)
        return next(answers)

    values: dict = {}
    ask_missing(values, schema, ask)
    assert values == {
        "title": "Listening in Lyon",
        "place.name": "Lyon",
        "place.country": "FR",
        "level_of_government": "municipality",
    }
    assert len(asked) == 6 and "not a country" in capsys.readouterr().out


@pytest.mark.parametrize(
    "edit, expected",
    [
        (
            ("approach: stand-alone", "approach:"),
            "$.approach: the value is empty; choose one of: stand-alone, integrated (or delete the "
            "field if it is optional)",
        ),
        (
            ("themes: [listening-exercise, local-action-plan]", "themes: []"),
            "$.themes: is an empty list; add at least one item, one of: listening-exercise",
        ),
        (
            ("count: 120000", "count: 0"),
            "$.place.population.count: 0 is too small; use a number from 1 to 100000000",
        ),
        (
            ("  country: NO\n", "  country: NO\n  city: Oslo\n"),
            "$.place.city: unknown field 'city'. Allowed here: name, country",
        ),
        (
            ('title: "Fixture: a city listens before it plans"', "title: |\n  two\n  lines"),
            "runs over several lines; this field is one line of text: write it on the same line",
        ),
    ],
)
def test_messages_name_the_field_the_value_and_the_fix(project, edit, expected, capsys):
    text = (EXAMPLES / "valid" / "riverton-listening.yml").read_text(encoding="utf-8")
    assert edit[0] in text
    path = project / "case_studies" / "riverton-listening.yml"
    path.write_text(text.replace(edit[0], edit[1]), encoding="utf-8")
    code, problems = validate(project, path, capsys)
    assert code == 1 and len(problems) == 1, problems
    assert expected in f"{problems[0]['path']}: {problems[0]['message']}"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Tromsø listens", "tromso-listens"),
        ("Łódź: street dialogues", "lodz-street-dialogues"),
        ("Café de la Paix", "cafe-de-la-paix"),
        ("../../etc/passwd", "etc-passwd"),
        ("Straße der Vielfalt", "strasse-der-vielfalt"),
    ],
)
def test_ids_from_titles_keep_every_latin_letter(title, slug):
    # slugify serves `casebook new` and the "e.g. …" in id messages alike
    from casebook.validate import slugify

    assert slugify(title) == slug
