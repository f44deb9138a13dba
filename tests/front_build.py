"""A built copy of the whole project (its home page, guide and case studies), for the front
door's tests (issue 15): they check what a reader of the real site meets."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import REPO, run_build


def build_project_copy(root: Path) -> Path:
    """Copy the project to `root`, build it, return root."""
    root.mkdir(parents=True)
    for folder in ("content", "case_studies", "schema", "hooks", "overrides"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    run_build(root)
    return root
