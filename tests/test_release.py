"""Data releases, withdrawal, the id ledger, feeds and citations (issue: open data that others
can build on). Real temporary projects, real `casebook release` runs and real builds."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import feedparser
import pytest
import yaml
from frictionless import validate as frictionless_validate

from casebook.cli import main
from casebook_fixtures import as_yaml, fixture_case
from conftest import make_project, parse, run_build

EPOCH = "1796083200"  # 2026-12-01
WITHDRAWAL = {"date": "2026-12-01", "reason": "A source turned out to be unreliable."}


def _case(case_id: str, **changes) -> str:
    return as_yaml(fixture_case(case_id, **changes))


def _write(root: Path, case_id: str, text: str) -> None:
    (root / "case_studies" / f"{case_id}.yml").write_text(text, encoding="utf-8")


def _release(root: Path, *args: str) -> int:
    return main(["--root", str(root), "release", *args, "--out", str(root / "dist")])


def _members(zip_path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(zip_path) as archive:
        return {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist()}


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """Release 1.0 of three cases; then one edited, one added, one withdrawn; release 1.1."""
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = make_project(tmp_path_factory.mktemp("release") / "project", examples=False)
    for case_id in ("alpha-one", "bravo-two", "charlie-three"):
        _write(root, case_id, _case(case_id, title=f"Fixture {case_id}"))
    assert _release(root, "1.0") == 0
    _write(
        root,
        "alpha-one",
        _case(
            "alpha-one",
            title="Fixture alpha-one",
            summary="An edited fictional summary for the release test.",
        ),
    )
    _write(
        root,
        "delta-four",
        _case("delta-four", title="Fixture delta-four", last_reviewed="2026-11-30"),
    )
    _write(
        root,
        "echo-five",
        _case(
            "echo-five",
            title="Fixture echo-five",
            kind="mention",
            evidence="anecdotal",
            last_reviewed="2026-11-01",
        ),
    )
    _write(root, "bravo-two", _case("bravo-two", title="Fixture bravo-two", withdrawn=WITHDRAWAL))
    assert _release(root, "1.1", "--since", str(root / "dist" / "casebook-data-1.0.zip")) == 0
    yield root
    mp.undo()


def test_change_log_lists_exactly_the_added_changed_and_withdrawn(released):
    files = _members(released / "dist" / "casebook-data-1.1.zip")
    changes = json.loads(files["changes.json"])
    assert changes["since"] == "1.0" and changes["version"] == "1.1"
    assert [c["id"] for c in changes["added"]] == ["delta-four", "echo-five"]
    assert [(c["id"], c["fields"]) for c in changes["changed"]] == [("alpha-one", ["summary"])]
    assert [(c["id"], c["reason"]) for c in changes["withdrawn"]] == [
        ("bravo-two", WITHDRAWAL["reason"])
    ]
    assert "`delta-four`" in files["CHANGES.md"].decode()
    first = json.loads(_members(released / "dist" / "casebook-data-1.0.zip")["changes.json"])
    assert sorted(c["id"] for c in first["added"]) == ["alpha-one", "bravo-two", "charlie-three"]


def test_withdrawn_case_leaves_the_exports_but_stays_listed(released):
    files = _members(released / "dist" / "casebook-data-1.1.zip")
    rows = list(csv.DictReader(io.StringIO(files["casebook.csv"].decode("utf-8-sig"))))
    assert sorted(r["id"] for r in rows) == [
        "alpha-one",
        "charlie-three",
        "delta-four",
        "echo-five",
    ]
    assert [w["id"] for w in json.loads(files["withdrawn.json"])] == ["bravo-two"]


def test_sha256sums_cover_every_file(released):
    import hashlib

    files = _members(released / "dist" / "casebook-data-1.1.zip")
    listed = dict(
        reversed(line.split("  ")) for line in files.pop("SHA256SUMS").decode().splitlines()
    )
    assert set(listed) == set(files)
    assert all(hashlib.sha256(files[n]).hexdigest() == digest for n, digest in listed.items())
    assert {
        "datapackage.json",
        "casebook.csv",
        "casebook.json",
        "case-study.schema.json",
        "CHANGES.md",
        "changes.json",
        "vocabularies/themes.yml",
    } <= set(files)


def test_rebuild_is_byte_identical(released, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900000000")  # the ledger's date wins
    code = main(
        [
            "--root",
            str(released),
            "release",
            "1.1",
            "--rebuild",
            "--since",
            str(released / "dist" / "casebook-data-1.0.zip"),
            "--out",
            str(tmp_path),
        ]
    )
    assert code == 0
    original = released / "dist" / "casebook-data-1.1.zip"
    assert (tmp_path / "casebook-data-1.1.zip").read_bytes() == original.read_bytes()


def test_a_version_cannot_be_released_twice(released, capsys):
    assert _release(released, "1.1") == 2
    assert "already exists" in capsys.readouterr().out


def test_frictionless_validates_the_package_and_catches_bad_data(released, tmp_path):
    with zipfile.ZipFile(released / "dist" / "casebook-data-1.1.zip") as archive:
        archive.extractall(tmp_path)
    package = tmp_path / "casebook-data" / "datapackage.json"
    report = frictionless_validate(str(package))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])
    descriptor = json.loads(package.read_text())
    fields = {f["name"]: f for f in descriptor["resources"][0]["schema"]["fields"]}
    assert fields["themes"]["type"] == "list" and fields["themes"]["delimiter"] == "; "
    assert "europe" in fields["region"]["constraints"]["enum"]
    assert all(f.get("description") for f in fields.values())
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0" and descriptor["version"] == "1.1"
    # The check has teeth: a region outside the vocabulary makes the package invalid.
    data = tmp_path / "casebook-data" / "casebook.csv"
    data.write_text(
        data.read_text(encoding="utf-8-sig").replace(",europe,", ",atlantis,"), encoding="utf-8-sig"
    )
    assert not frictionless_validate(str(package)).valid


def test_ledger_refuses_a_reused_or_deleted_id(released, tmp_path, capsys):
    root = tmp_path / "project"
    import shutil

    shutil.copytree(released, root)
    _write(root, "bravo-two", _case("bravo-two", title="A new case reusing an old id"))
    (root / "case_studies" / "charlie-three.yml").unlink()
    assert main(["--root", str(root), "validate", str(root / "case_studies")]) == 1
    out = capsys.readouterr().out
    assert "$.id: id 'bravo-two' was withdrawn in release 1.1 and can never be used again" in out
    assert (
        "case_studies/charlie-three.yml:1:1: $: case study 'charlie-three' was released "
        "in 1.0 and its file is missing" in out
    )


@pytest.fixture(scope="module")
def released_site(released):
    run_build(released)
    return released / "site"


def test_feeds_parse_and_list_newest_first(released_site):
    atom = feedparser.parse((released_site / "feed.xml").read_bytes())
    assert not atom.bozo, atom.bozo_exception
    ids = [entry.link.rsplit("/", 1)[1] for entry in atom.entries]
    # First released in 1.1 (2026-12-01), later than anything reviewed or released before.
    assert set(ids[:2]) == {"delta-four.html", "echo-five.html"}
    assert "bravo-two.html" not in ids
    dates = [entry.updated_parsed for entry in atom.entries]
    assert dates == sorted(dates, reverse=True)
    titles = {entry.link.rsplit("/", 1)[1]: entry.title for entry in atom.entries}
    assert titles["echo-five.html"] == "Mention: Fixture echo-five"
    assert titles["delta-four.html"] == "Fixture delta-four"
    feed = json.loads((released_site / "feed.json").read_text())
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert all({"id", "url", "title", "date_modified"} <= set(i) for i in feed["items"])
    assert [i["url"].rsplit("/", 1)[1] for i in feed["items"]] == ids


def test_every_page_announces_the_feeds(released_site):
    for page in ("index.html", "case-studies/alpha-one.html", "map.html"):
        links = [
            link
            for link in parse(released_site / page).select("head link[rel]")
            if "alternate" in link["rel"] and "feed" in link["rel"]
        ]
        assert {link["type"] for link in links} == {
            "application/atom+xml",
            "application/feed+json",
        }, page


def test_withdrawn_page_keeps_its_address_and_leaves_finder_map_and_csv(released_site):
    page = parse(released_site / "case-studies" / "bravo-two.html")
    article = page.select_one("article")
    assert "Withdrawn on 2026-12-01" in article.get_text()
    assert WITHDRAWAL["reason"] in article.get_text()
    assert article.find(id="context") is None  # no narrative
    data = (released_site / "assets" / "casebook-data.js").read_text()
    assert "bravo-two" not in data
    map_links = [a["href"] for a in parse(released_site / "map.html").select("article a[href]")]
    assert not any("bravo-two" in href for href in map_links)
    assert "bravo-two" not in (released_site / "casebook.csv").read_text(encoding="utf-8-sig")
    finder = parse(released_site / "case-studies" / "index.html")
    assert not finder.select('a[href*="bravo-two"]')


def test_case_page_says_how_to_cite_it(released_site):
    page = parse(released_site / "case-studies" / "alpha-one.html")
    heading = page.find(id="how-to-cite")
    assert heading is not None
    block = heading.find_next_sibling("p")
    assert "https://casebook-kb.github.io/casebook/case-studies/alpha-one.html" in block.text
    note = block.find_next_sibling("p")
    assert "Last changed in data release 1.1" in note.text
    charlie = parse(released_site / "case-studies" / "charlie-three.html")
    assert (
        "Last changed in data release 1.0"
        in charlie.find(id="how-to-cite").find_next_sibling("p").find_next_sibling("p").text
    )


def test_citation_file_is_valid_cff():
    from conftest import REPO

    data = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert data["cff-version"] == "1.2.0" and data["type"] == "dataset"
    assert data["license"] == "CC-BY-4.0" and data["authors"] and data["title"]


def test_every_csv_column_is_described():
    from casebook import csv_schema, export

    assert set(export.CSV_COLUMNS) <= set(csv_schema.COLUMNS)
