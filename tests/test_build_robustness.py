"""A build either succeeds completely or leaves the last good site/ exactly as it was; the same
input gives the same bytes; validating and building never touch the sources; warnings fail
--strict, the package's own included."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

import casebook.render
from casebook.cli import main
from conftest import make_project, run_build

SOURCES = ("case_studies", "schema", "content", "hooks", "mkdocs.yml")
BROKEN_CASE = "id: broken-case\ntitle: [not, text]\n"


def tree_hash(root: Path, parts=None) -> dict[str, str]:
    """Relative path -> sha256 of every file (and symlink target) under root (or its parts)."""
    paths = [root / p for p in parts] if parts else [root]
    found = {}
    for top in paths:
        for path in sorted([top] if top.is_file() else top.rglob("*")):
            if path.is_symlink():
                found[path.relative_to(root).as_posix()] = "-> " + str(path.readlink())
            elif path.is_file():
                found[path.relative_to(root).as_posix()] = hashlib.sha256(
                    path.read_bytes()
                ).hexdigest()
    return found


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = make_project(
        tmp_path_factory.mktemp("robust") / "project",
        content={"guide.md": "# Guide\n\n[[card:riverton-listening]]\n"},
    )
    run_build(root)
    return root


@pytest.fixture
def added(project):
    """added(path, text): a file added to the project for one test, removed afterwards."""
    paths = []

    def add(relative: str, text: str) -> Path:
        path = project / relative
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        return path

    yield add
    for path in paths:
        path.unlink()


def assert_failed_build_kept_site(project: Path, result, before: dict) -> None:
    assert result.returncode != 0
    assert tree_hash(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("site")) == ["site"]


def test_validation_error_leaves_previous_site_intact(project, added):
    before = tree_hash(project / "site")
    added("case_studies/broken-case.yml", BROKEN_CASE)
    result = run_build(project, check=False)
    assert "case_studies/broken-case.yml:2:8: $.title: expected text" in result.stderr
    assert_failed_build_kept_site(project, result, before)


def test_render_error_leaves_previous_site_intact(project, added):
    before = tree_hash(project / "site")
    added("content/broken.md", "# Broken\n\nSee [[case:no-such-id]].\n")
    result = run_build(project, check=False)
    assert "broken.md: no case study has id 'no-such-id'" in result.stderr
    assert_failed_build_kept_site(project, result, before)


def build_in_process(root: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)


def test_exception_in_a_renderer_leaves_previous_site_intact(project, monkeypatch):
    before = tree_hash(project / "site")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")

    def explode(self, case, locator_map=None):
        raise RuntimeError("renderer exploded")

    monkeypatch.setattr(casebook.render.Renderer, "case_page", explode)
    with pytest.raises(RuntimeError, match="renderer exploded"):
        build_in_process(project)
    assert tree_hash(project / "site") == before
    assert not (project / "site.partial").exists()


def test_two_builds_of_the_same_input_are_byte_identical(project):
    first = tree_hash(project / "site")
    run_build(project)
    second = tree_hash(project / "site")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    for name in (
        "sitemap.xml.gz",
        "search/search_index.json",
        "search/search_index.js",
        "casebook.csv",
        "casebook.json",
        "assets/casebook-data.js",
    ):
        assert name in first


def test_validate_and_build_never_modify_sources(project, monkeypatch, capsys):
    before = tree_hash(project, SOURCES)
    monkeypatch.chdir(project)
    assert main(["validate"]) == 0
    assert main(["validate", "case_studies/riverton-listening.yml", "--format", "json"]) == 0
    capsys.readouterr()
    run_build(project)
    (project / "case_studies" / "broken-case.yml").write_text(BROKEN_CASE, encoding="utf-8")
    try:
        before_broken = tree_hash(project, SOURCES)
        assert main(["validate"]) == 1
        run_build(project, check=False)
        assert tree_hash(project, SOURCES) == before_broken
    finally:
        (project / "case_studies" / "broken-case.yml").unlink()
    assert tree_hash(project, SOURCES) == before


def test_a_markdown_warning_fails_strict(project, added):
    before = tree_hash(project / "site")
    added("content/linky.md", "# Linky\n\nA [broken link](no-such-page.md).\n")
    result = run_build(project, check=False)
    output = result.stdout + result.stderr
    assert "no-such-page.md" in output and "strict mode" in output
    assert_failed_build_kept_site(project, result, before)


def test_a_casebook_logger_warning_fails_strict(project, monkeypatch):
    before = tree_hash(project / "site")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    original = casebook.render.Renderer.index_page

    def warn_then_render(self):
        logging.getLogger("casebook.render").warning("something looked wrong")
        return original(self)

    monkeypatch.setattr(casebook.render.Renderer, "index_page", warn_then_render)
    with pytest.raises(Abort, match="strict mode"):
        build_in_process(project)
    assert tree_hash(project / "site") == before
    assert not (project / "site.partial").exists()
