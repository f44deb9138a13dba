"""Translations of case studies: validation (exact messages), the translated catalog (text laid
over the original, statuses, fallback marked lang="en"), the notice, the coverage page of a
real build with one stale translation, and `casebook translations`."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from casebook.cli import main
from casebook.i18n.catalogue import strings
from casebook.project import Project
from casebook.render import Renderer
from casebook.translations.notice import notice_html
from casebook.translations.overlay import translated_catalog
from casebook.translations.source import page_hash, source_hash
from casebook.translations.status import TranslationStatus
from casebook_fixtures import as_yaml, fixture_case
from conftest import EXAMPLES, make_project, parse, run_build

LANTERN = fixture_case(
    "lantern-fixture",
    title="Fixture: lantern walks",
    narrative={"context": "A context [1].", "actions": "Walks [2].", "outcomes": "None [2]."},
)
CLOSED = fixture_case(
    "closed-fixture",
    withdrawn={"date": "2026-11-01", "reason": "A fixture withdrawn for the tests."},
)


def _hash(record: dict) -> str:
    return source_hash(record)


def _translation(record: dict, text: dict, *, hash_: str | None = None, **block) -> str:
    head = {
        "source_hash": hash_ or _hash(record),
        "method": "machine-assisted",
        "reviewed_by": None,
        **block,
    }
    return yaml.safe_dump({"translation": head, **text}, sort_keys=False, allow_unicode=True)


def _project(tmp_path: Path, translations: dict[str, str], content=None) -> Path:
    """A project with the example case, LANTERN and a withdrawn case, plus the given
    translation files ({"fr/lantern-fixture.yml": text})."""
    root = make_project(
        tmp_path / "project",
        cases={"lantern-fixture.yml": as_yaml(LANTERN), "closed-fixture.yml": as_yaml(CLOSED)},
        content=content,
    )
    for name, text in translations.items():
        target = root / "case_studies" / "translations" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


def _validate(root: Path, capsys, *paths: str) -> tuple[int, list[str]]:
    code = main(["--root", str(root), "validate", *paths])
    return code, capsys.readouterr().out.splitlines()


FR_LANTERN = _translation(
    LANTERN,
    {
        "title": "Fixture : promenades aux lanternes",
        "narrative": {"context": "Un contexte [1].", "outcomes": "Aucun [2]."},
    },
)


# ---------------------------------------------------------------- validation


def test_valid_translations_are_counted(tmp_path, capsys, monkeypatch):
    root = _project(tmp_path, {"fr/lantern-fixture.yml": FR_LANTERN})
    monkeypatch.chdir(root)
    code, out = _validate(root, capsys)
    assert (code, out) == (0, ["3 case studies and 1 translation valid"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            {"titel": "x"},
            "case_studies/translations/fr/lantern-fixture.yml:5:1: $.titel: unknown key "
            "'titel'; did you mean 'title'? A translation holds only these keys here: "
            "translation, title, summary, narrative, quotes",
        ),
        (
            {"narrative": {"context": "Un contexte [2]."}},
            "case_studies/translations/fr/lantern-fixture.yml:6:12: $.narrative.context: "
            "citation markers differ from the original's: missing [1], extra [2]; keep exactly "
            "the original's markers ([1]) so that every sentence still cites its source",
        ),
        (
            {"sources": [{"title": "Source"}]},
            "case_studies/translations/fr/lantern-fixture.yml:5:1: $.sources: 'sources' is not "
            "translatable: translations hold only text; remove it (the translated page shows "
            "the original's value)",
        ),
        (
            {"quotes": []},
            "case_studies/translations/fr/lantern-fixture.yml:5:9: $.quotes: 0 entries where "
            "the original's quotes has 1; translate every entry, in the original's order",
        ),
        (
            {"quotes": [{"speaker": "Pat"}]},
            "case_studies/translations/fr/lantern-fixture.yml:6:3: $.quotes[0].speaker: "
            "'quotes[].speaker' is not translatable: translations hold only text; remove it "
            "(the translated page shows the original's value)",
        ),
        (
            {"narrative": {"risks": "Aucun."}},
            "case_studies/translations/fr/lantern-fixture.yml:6:3: $.narrative.risks: the "
            "original has no 'narrative.risks' (case_studies/lantern-fixture.yml does not have "
            "it); remove it from the translation, or add the field to the original first",
        ),
        (
            {"summary": " \u200b "},
            "case_studies/translations/fr/lantern-fixture.yml:5:10: $.summary: is empty apart "
            "from spaces or invisible characters (such as a zero-width space); write the text, "
            "or leave the field out",
        ),
        (
            {"title": "Deux\nlignes"},
            "case_studies/translations/fr/lantern-fixture.yml:5:8: $.title: must be one line, "
            "like the original's; remove the line breaks",
        ),
    ],
    ids=[
        "unknown-key",
        "markers",
        "structural",
        "list-length",
        "speaker",
        "not-in-original",
        "blank",
        "one-line",
    ],
)
def test_translation_messages(tmp_path, capsys, monkeypatch, text, expected):
    root = _project(tmp_path, {"fr/lantern-fixture.yml": _translation(LANTERN, text)})
    monkeypatch.chdir(root)
    code, out = _validate(root, capsys)
    assert (code, out) == (1, [expected, "1 problem in 1 file"])


def test_unknown_case_id_suggests_the_closest(tmp_path, capsys, monkeypatch):
    root = _project(tmp_path, {"es/lantern-fixtur.yml": FR_LANTERN})
    monkeypatch.chdir(root)
    code, out = _validate(root, capsys, "case_studies/translations/es/lantern-fixtur.yml")
    assert (code, out) == (
        1,
        [
            "case_studies/translations/es/lantern-fixtur.yml:1:1: $: no case study has id "
            "'lantern-fixtur' (there is no case_studies/lantern-fixtur.yml); did you mean "
            "'lantern-fixture'? Rename the file to lantern-fixture.yml if it translates that "
            "case",
            "1 problem in 1 file",
        ],
    )


def test_misplaced_files_are_named_not_skipped(tmp_path, capsys, monkeypatch):
    root = _project(tmp_path, {"lantern-fixture.yml": FR_LANTERN, "fr/old/x.yml": FR_LANTERN})
    monkeypatch.chdir(root)
    os.symlink(
        root / "case_studies" / "lantern-fixture.yml",
        root / "case_studies/translations/fr/lantern-fixture.yml",
    )
    code, out = _validate(root, capsys)
    assert code == 1
    assert out == [
        "case_studies/translations/fr/lantern-fixture.yml:1:1: $: is a symbolic link, which "
        "could make the build read a file from outside the project; commit the file itself "
        "instead of a link",
        "case_studies/translations/fr/old:1:1: $: is a folder inside a language folder, and "
        "files in it are not read; move its files into the language folder itself "
        "(translations/<language>/<case id>.yml)",
        "case_studies/translations/lantern-fixture.yml:1:1: $: is directly in translations/, "
        "where it is not read; move it into the folder of its language (translations/fr/, "
        "translations/es/, translations/ar/)",
        "3 problems in 3 files",
    ]


def test_a_withdrawn_case_may_be_translated(tmp_path, capsys, monkeypatch):
    """Its page stays at its address in every edition; the reason may be translated."""
    text = {"title": "Fixture retirée", "withdrawn": {"reason": "Une fixture retirée."}}
    root = _project(tmp_path, {"fr/closed-fixture.yml": _translation(CLOSED, text)})
    monkeypatch.chdir(root)
    assert _validate(root, capsys)[0] == 0
    project = Project(root)
    french = translated_catalog(project.catalog(), "fr", project)
    (closed,) = french.withdrawn
    assert closed.withdrawal["reason"] == "Une fixture retirée."
    assert closed.translation.state == "up-to-date"


def test_a_bad_translation_stops_the_build(tmp_path):
    root = _project(tmp_path, {"fr/lantern-fixture.yml": _translation(LANTERN, {"years": {}})})
    result = run_build(root, check=False)
    assert result.returncode != 0
    assert "$.years: 'years' is not translatable" in result.stdout + result.stderr


# ---------------------------------------------------------------- overlay and statuses


def _catalogs(tmp_path: Path, translations: dict[str, str]):
    root = _project(tmp_path, translations)
    project = Project(root)
    english = project.catalog()
    return english, {
        code: translated_catalog(english, code, project) for code in ("fr", "es", "ar")
    }


def test_overlay_lays_text_over_a_copy(tmp_path):
    stale = _translation(LANTERN, {"title": "Fixture: paseos"}, hash_="0123456789abcdef")
    english, editions = _catalogs(
        tmp_path, {"fr/lantern-fixture.yml": FR_LANTERN, "es/lantern-fixture.yml": stale}
    )
    original = english.by_id["lantern-fixture"]
    french = editions["fr"].by_id["lantern-fixture"]
    assert french.title == "Fixture : promenades aux lanternes"
    assert french.data["narrative"]["context"] == "Un contexte [1]."
    assert french.data["narrative"]["actions"] == "Walks [2]."  # not translated: English
    assert french.sources == original.sources and french.years == original.years
    # The English catalog is untouched.
    assert original.title == "Fixture: lantern walks" and original.translation is None
    assert original.data["narrative"]["context"] == "A context [1]."
    assert french.translation == TranslationStatus(
        "fr",
        "up-to-date",
        "machine-assisted",
        None,
        ("summary", "narrative.actions", "quotes[].text", "quotes[].role"),
    )
    assert editions["es"].by_id["lantern-fixture"].translation.state == "stale"
    missing = editions["ar"].by_id["lantern-fixture"]
    assert missing.translation.state == "missing" and missing.title == original.title
    assert missing.translation.missing_fields[:2] == ("title", "summary")
    assert (french.lang_of("title"), french.lang_of("narrative.actions")) == (None, "en")


def test_a_translated_case_page_marks_its_fallback_text(tmp_path):
    english, editions = _catalogs(tmp_path, {"fr/lantern-fixture.yml": FR_LANTERN})
    renderer = Renderer(editions["fr"], today=datetime.date(2026, 11, 30), language="fr")
    page = BeautifulSoup(renderer.case_page(editions["fr"].by_id["lantern-fixture"]), "html.parser")
    assert page.h1.get_text() == "Fixture : promenades aux lanternes" and not page.h1.get("lang")
    assert page.find("p", class_="cb-summary")["lang"] == "en"
    # The heading's id is the English slug ("what-was-done"), the field is narrative.actions.
    actions = page.find("h2", id="what-was-done").find_next_sibling()
    assert (actions.name, actions["lang"], actions["dir"], actions.get_text().strip()) == (
        "div",
        "en",
        "ltr",  # English inside an Arabic page must not be laid out right to left
        "Walks [2].",
    )
    outcomes = page.find("h2", id="outcomes").find_next_sibling()
    assert outcomes.name == "p" and outcomes.get_text() == "Aucun [2]."
    assert page.find("figure", class_="cb-quote").blockquote["lang"] == "en"
    context = page.find("h2", id="context").find_next_sibling()
    assert context.name == "p" and "Un contexte" in context.get_text()
    note = page.find(class_="cb-translation")
    assert note["role"] == "note"
    assert "Ceci est une traduction en français de l'original anglais." in note.get_text()
    assert note.a["href"] == "../../case-studies/lantern-fixture.html"
    # The untranslated case in the same edition: English text under a French notice.
    other = BeautifulSoup(
        renderer.case_page(editions["fr"].by_id["riverton-listening"]), "html.parser"
    )
    assert other.h1["lang"] == "en"
    assert (
        "n'a pas encore été traduite en français" in other.find(class_="cb-translation").get_text()
    )
    # The English edition has no notice and no lang attributes.
    plain = Renderer(english, today=datetime.date(2026, 11, 30))
    html = BeautifulSoup(plain.case_page(english.by_id["lantern-fixture"]), "html.parser")
    assert html.find(class_="cb-translation") is None and html.find(attrs={"lang": True}) is None


# ---------------------------------------------------------------- the notice


def _notice(state, **fields) -> BeautifulSoup:
    status = TranslationStatus("fr", state, **fields)
    return BeautifulSoup(notice_html(status, strings("en"), "../x.html"), "html.parser")


def test_notice_says_how_the_translation_was_made():
    note = _notice("up-to-date", method="human", reviewed_by="Ana <b>Example</b>").div
    assert note["role"] == "note"
    assert note.p.get_text() == "About this translation"
    text = note.get_text(" ", strip=True)
    assert "This is a French translation of the English original." in text
    assert "It was translated by a person and reviewed by Ana <b>Example</b>." in text
    assert note.find("b") is None  # a reviewer's name is text, never markup
    assert note.a["href"] == "../x.html" and note.a["hreflang"] == "en"
    assert "may be out of date" not in text


def test_notice_for_a_stale_and_a_missing_translation():
    stale = _notice("stale", method="machine-assisted").get_text(" ", strip=True)
    assert "machine-assisted and has not been reviewed by a person" in stale
    assert "The original has changed since this translation; it may be out of date." in stale
    missing = _notice("missing").get_text(" ", strip=True)
    assert (
        "This page has not been translated into French yet: here is the English original."
        in missing
    )
    status = TranslationStatus("en", "original")
    assert notice_html(status, strings("en"), "x.html") == ""


# ---------------------------------------------------------------- the coverage table


GUIDE = "# A guide page\n\nSome text.\n"


def test_coverage_table_with_a_stale_translation(tmp_path):
    """fr: lantern up to date (some texts); es: lantern stale; ar: missing. Guide page: fr up
    to date, es stale (the English page changed after it was translated), ar missing."""
    stale = _translation(
        LANTERN, {"title": "Fixture: paseos"}, hash_=_hash({**LANTERN, "title": "Old"})
    )
    root = _project(
        tmp_path,
        {"fr/lantern-fixture.yml": FR_LANTERN, "es/lantern-fixture.yml": stale},
        content={"guide/page.md": GUIDE},
    )
    for code, hashed in (("fr", GUIDE), ("es", "# An older version\n")):
        front = {
            "translation": {
                "source_hash": page_hash(hashed.encode()),
                "method": "machine-assisted",
                "reviewed_by": None,
            }
        }
        page = root / "content-translations" / code / "guide" / "page.md"
        page.parent.mkdir(parents=True)
        page.write_text(f"---\n{yaml.safe_dump(front)}---\n\n# Une page\n", encoding="utf-8")
    run_build(root)
    page = parse(root / "site" / "contribute" / "translations.html")

    def cells(table: str, key: str) -> list[tuple[str, str]]:
        row = page.find("table", id=table).find("tr", attrs={"data-key": key})
        return [(td["data-state"], td.get_text(" ", strip=True)) for td in row.find_all("td")]

    assert cells("coverage-cases", "lantern-fixture") == [
        ("up-to-date", "Up to date only title, narrative.context, narrative.outcomes"),
        ("stale", "Out of date only title"),
        ("missing", "Missing"),
    ]
    assert [s for s, _ in cells("coverage-cases", "riverton-listening")] == ["missing"] * 3
    assert (
        page.find("table", id="coverage-cases").find("tr", attrs={"data-key": "closed-fixture"})
        is None
    )
    assert cells("coverage-pages", "guide/page.md") == [
        ("up-to-date", "Up to date"),
        ("stale", "Out of date"),
        ("missing", "Missing"),
    ]
    link = page.find("tr", attrs={"data-key": "lantern-fixture"}).a
    assert (link["href"], link.get_text()) == (
        "../case-studies/lantern-fixture.html",
        "Fixture: lantern walks",
    )
    summary = [
        li.get_text(" ", strip=True)
        for li in page.find("ul", class_="cb-coverage-summary").find_all("li")
    ]
    assert summary[1] == (
        "Español — case studies: 0 up to date, 1 out of date, 1 missing; "
        "guide pages: 0 up to date, 1 out of date, 2 missing"
    )


# ---------------------------------------------------------------- casebook translations


def test_cli_hash_and_table(tmp_path, capsys):
    stale = _translation(LANTERN, {"title": "Fixture: paseos"}, hash_="0123456789abcdef")
    root = _project(
        tmp_path, {"es/lantern-fixture.yml": stale, "fr/lantern-fixture.yml": FR_LANTERN}
    )
    assert main(["--root", str(root), "translations", "--hash", "lantern-fixture"]) == 0
    assert capsys.readouterr().out == f"{_hash(LANTERN)}\n"
    assert main(["--root", str(root), "translations", "--hash", "index.md"]) == 0
    assert capsys.readouterr().out == page_hash((root / "content" / "index.md").read_bytes()) + "\n"
    assert main(["--root", str(root), "translations", "--hash", "nope"]) == 2
    assert main(["--root", str(root), "translations"]) == 0
    lines = capsys.readouterr().out.splitlines()
    row = next(line for line in lines if line.startswith("lantern-fixture"))
    assert row.split("  ")[0] == "lantern-fixture"
    assert [c.strip() for c in row.split("  ") if c.strip()][1:] == [
        "up to date (3/7 texts)",
        "OUT OF DATE (1/7 texts)",
        "missing",
    ]
    assert "es: case studies 0 up to date, 1 out of date, 1 missing;" in "\n".join(lines)


def test_a_hash_read_as_a_number_asks_for_quotes(tmp_path, capsys, monkeypatch):
    text = FR_LANTERN.replace(f"source_hash: {_hash(LANTERN)}", "source_hash: 1234567890123456")
    root = _project(tmp_path, {"fr/lantern-fixture.yml": text})
    monkeypatch.chdir(root)
    assert _validate(root, capsys) == (
        1,
        [
            "case_studies/translations/fr/lantern-fixture.yml:2:16: $.translation.source_hash: "
            "source_hash is read as the number 1234567890123456, not as text; put the 16 digits "
            'in quotes: source_hash: "…" (as `casebook translations --hash lantern-fixture` '
            "prints them)",
            "1 problem in 1 file",
        ],
    )


def test_a_project_inside_a_folder_named_translations(tmp_path, capsys, monkeypatch):
    """Only <case folder>/translations/ holds translations, judged from the project root."""
    root = make_project(tmp_path / "translations")  # the project folder itself
    (root / "case_studies" / "translations" / "fr").mkdir(parents=True)
    (root / "case_studies" / "translations" / "fr" / "riverton-listening.yml").write_text(
        (EXAMPLES / "valid" / "translations" / "fr" / "riverton-listening.yml").read_text()
    )
    monkeypatch.chdir(root)
    assert _validate(root, capsys) == (0, ["1 case study and 1 translation valid"])
