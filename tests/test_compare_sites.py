"""The engine comparison (tools/compare_sites.py) ignores only the generator line."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from conftest import REPO

_spec = importlib.util.spec_from_file_location("compare_sites", REPO / "tools" / "compare_sites.py")
compare_sites = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compare_sites)

PAGE = '<head>\n  <meta name="generator" content="{}">\n</head><p>{}</p>\n'


def _site(root: Path, generator: str, text: str, extra: str | None = None) -> Path:
    (root / "case-studies").mkdir(parents=True)
    (root / "case-studies" / "a.html").write_text(PAGE.format(generator, text))
    if extra:
        (root / extra).write_text("x")
    return root


def test_generator_names_are_ignored(tmp_path):
    a = _site(tmp_path / "a", "mkdocs-1.6.1, mkdocs-material-9.8.2", "same")
    b = _site(tmp_path / "b", "mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2", "same")
    assert compare_sites.differences(a, b) == []
    assert compare_sites.main([str(a), str(b)]) == 0


def test_content_and_missing_files_are_reported(tmp_path):
    a = _site(tmp_path / "a", "mkdocs-1.6.1", "one", extra="feed.xml")
    b = _site(tmp_path / "b", "mkdocs-ProperDocs 1.6.7", "two")
    assert compare_sites.differences(a, b) == [
        f"only in {a}: feed.xml",
        "differs: case-studies/a.html",
    ]
    assert compare_sites.main([str(a), str(b)]) == 1
