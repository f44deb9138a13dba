"""Kosovo (XK, user-assigned, not in ISO 3166-1) is accepted and named; unknown codes are not."""

from pathlib import Path

from casebook.cli import main
from casebook.countries import country_name
from casebook_fixtures import as_yaml, fixture_case
from conftest import make_project, parse, run_build


def _project(tmp_path: Path, country: str) -> Path:
    record = fixture_case(
        "fixture-kosovo", place={"name": "Fixtureville", "country": country, "region": "europe"}
    )
    return make_project(tmp_path / "site", {"fixture-kosovo.yml": as_yaml(record)}, examples=False)


def test_country_names_come_from_iso_and_from_the_extra_list():
    assert country_name("XK") == "Kosovo"
    assert country_name("NO") == "Norway"


def test_kosovo_validates_and_its_page_names_the_country(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path, "XK")
    monkeypatch.chdir(root)
    assert main(["validate"]) == 0, capsys.readouterr().out
    run_build(root)
    page = parse(root / "site" / "case-studies" / "fixture-kosovo.html")
    country = page.find("dt", string="Country").find_next_sibling("dd")
    assert country.get_text(strip=True) == "Kosovo"


def test_an_unassigned_code_is_still_refused(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path, "XX")
    monkeypatch.chdir(root)
    assert main(["validate"]) == 1
    assert "'XX' is not an ISO 3166-1 country code" in capsys.readouterr().out
