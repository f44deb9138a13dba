"""`casebook bundle` and `casebook export` without a site build: the zip's shape and
reproducibility on a small stand-in site, and the open-data files. The bundle of a real build
is opened in Chromium in test_offline.py."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from casebook.cli import main
from conftest import make_project

EPOCH = "1796083200"  # 2026-12-01


def _stand_in(tmp_path):
    root = tmp_path / "project"
    (root / "site" / "assets").mkdir(parents=True)
    (root / "docs").mkdir()  # MkDocs' own config reader checks that docs_dir exists
    (root / "mkdocs.yml").write_text(
        "site_name: x\nsite_dir: site\ntheme: {name: !ENV [THEME, material]}\n"
    )
    (root / "site" / "index.html").write_text("<p>home</p>")
    (root / "site" / "assets" / "b.js").write_text("var b;")
    return root


def test_bundle_is_dated_under_one_folder_with_a_readme(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = _stand_in(tmp_path)
    assert main(["--root", str(root), "bundle", "--no-build"]) == 0
    archive = root / "dist" / "casebook-offline-2026-12-01.zip"
    with zipfile.ZipFile(archive) as opened:
        names = opened.namelist()
        readme = opened.read("casebook-offline-2026-12-01/README.txt").decode()
        stamps = {info.date_time for info in opened.infolist()}
    assert names == [
        "casebook-offline-2026-12-01/README.txt",
        "casebook-offline-2026-12-01/assets/b.js",
        "casebook-offline-2026-12-01/index.html",
    ]
    assert "Unzip" in readme and "index.html" in readme
    assert stamps == {(2026, 12, 1, 0, 0, 0)}
    assert "casebook-offline-2026-12-01.zip" in capsys.readouterr().out


def test_bundle_is_reproducible(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = _stand_in(tmp_path)
    zips = []
    for out in ("one", "two"):
        assert (
            main(["--root", str(root), "bundle", "--no-build", "--out", str(tmp_path / out)]) == 0
        )
        zips.append((tmp_path / out / "casebook-offline-2026-12-01.zip").read_bytes())
    assert zips[0] == zips[1]


def test_bundle_without_a_site_says_how_to_fix(tmp_path, capsys):
    root = _stand_in(tmp_path)
    (root / "site" / "index.html").unlink()
    assert main(["--root", str(root), "bundle", "--no-build"]) == 2
    assert "build the site first" in capsys.readouterr().err


def test_export_writes_json_and_csv(tmp_path):
    root = make_project(tmp_path / "project")
    out = tmp_path / "open-data"
    assert main(["--root", str(root), "export", "--out", str(out)]) == 0
    data = json.loads((out / "casebook.json").read_text(encoding="utf-8"))
    assert [case["id"] for case in data["cases"]] == ["riverton-listening"]
    rows = list(csv.DictReader(io.StringIO((out / "casebook.csv").read_text("utf-8-sig"))))
    assert [row["id"] for row in rows] == ["riverton-listening"]
    assert rows[0]["latitude"] == "59.9"


def test_bundle_readme_names_every_edition_in_the_site(tmp_path, monkeypatch):
    """The zip holds whatever editions were built; its README names each, in its language."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = _stand_in(tmp_path)
    for code in ("fr", "ar"):
        (root / "site" / code).mkdir()
        (root / "site" / code / "index.html").write_text("<p>accueil</p>")
    assert main(["--root", str(root), "bundle", "--no-build"]) == 0
    with zipfile.ZipFile(root / "dist" / "casebook-offline-2026-12-01.zip") as opened:
        readme = opened.read("casebook-offline-2026-12-01/README.txt").decode()
        names = opened.namelist()
    assert "casebook-offline-2026-12-01/fr/index.html" in names
    lines = [line for line in readme.splitlines() if "index.html" in line and "/" in line]
    assert any("fr/index.html" in line for line in lines)
    assert any("ar/index.html" in line for line in lines)
    assert not any("es/index.html" in line for line in lines)  # no Spanish edition here
