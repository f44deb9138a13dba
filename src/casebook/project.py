"""A Casebook project folder: where case studies, schema and content live."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .files import special_files
from .problems import CasebookError
from .validate import Report, Schema, validate_paths

if TYPE_CHECKING:
    from .model import Catalog


@dataclass
class Project:
    root: Path

    @classmethod
    def find(cls, start: Path) -> Project:
        """The project holding `start`: the nearest folder upwards with a mkdocs.yml and a
        schema/ folder (so `casebook validate x.yml` works inside case_studies/ too)."""
        start = start.resolve()
        for folder in (start, *start.parents):
            if (folder / "mkdocs.yml").is_file() and (folder / "schema").is_dir():
                return cls(folder)
        return cls(start)

    @property
    def case_dir(self) -> Path:
        return self.root / "case_studies"

    @property
    def schema_dir(self) -> Path:
        return self.root / "schema"

    @cached_property
    def schema(self) -> Schema:
        refused = special_files(self.root, [self.schema_dir])  # a FIFO there would hang
        if refused:
            raise CasebookError(refused)
        return Schema.load(self.schema_dir)

    def validate(self, paths: list[Path] | None = None) -> Report:
        return validate_paths(paths or [self.case_dir], self.schema, root=self.root)

    def catalog(self) -> Catalog:
        """Every case study, validated; raises CasebookError listing all problems."""
        from .model import Catalog

        report = self.validate()
        if not report.ok:
            raise CasebookError(report.problems)
        return Catalog.build(report.documents, self.schema.vocabularies)
