"""A built copy of the whole project (its home page, guide and case studies), for the front
door's tests (issue 15): they check what a reader of the real site meets."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from conftest import REPO, run_build


def build_project_copy(root: Path) -> Path:
    """Copy the project to `root`, build it, return root."""
    root.mkdir(parents=True)
    for folder in ("content", "case_studies", "schema", "hooks", "overrides"):
        shutil.copytree(REPO / folder, root / folder)
    # English only, as conftest.make_project: the editions are tested in test_editions*.py.
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["extra"]["casebook"].pop("editions", None)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    run_build(root)
    return root
