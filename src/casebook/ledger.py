"""The release ledger (releases/ledger.json): every release made and every case-study id ever
released, with the release it first appeared in, last changed in, and was withdrawn in.

Ids are never freed (MITRE ATT&CK's rule: objects are revoked, not deleted): a released case
study can be withdrawn but not deleted, and a withdrawn id cannot come back as a new case.
`casebook release` updates the ledger; validation reads it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .loader import Document
from .problems import Problem

LEDGER = Path("releases") / "ledger.json"


@dataclass
class IdRecord:
    first_release: str
    last_changed: str
    withdrawn_in: str | None = None


@dataclass
class Ledger:
    releases: list[dict[str, str]] = field(default_factory=list)  # {"version", "date"} oldest first
    ids: dict[str, IdRecord] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path) -> Ledger:
        path = root / LEDGER
        if not path.is_file():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            list(data.get("releases", [])),
            {key: IdRecord(**value) for key, value in data.get("ids", {}).items()},
        )

    def to_json(self) -> str:
        data = {
            "releases": self.releases,
            "ids": {
                key: {k: v for k, v in vars(record).items() if v is not None}
                for key, record in sorted(self.ids.items())
            },
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    @property
    def latest(self) -> str | None:
        return self.releases[-1]["version"] if self.releases else None

    def release_date(self, version: str) -> str | None:
        return next((r["date"] for r in self.releases if r["version"] == version), None)

    def first_release_date(self, case_id: str) -> str | None:
        record = self.ids.get(case_id)
        return self.release_date(record.first_release) if record else None


def check(
    documents: list[Document], folder_ids: set[str], ledger: Ledger, case_dir: str
) -> list[Problem]:
    """Released ids that were deleted, and withdrawn ids reused by a live case study.
    `folder_ids` are the ids of every file in case_studies/ (not only the files checked)."""
    problems = []
    for document in documents:
        case_id = document.data.get("id") if isinstance(document.data, dict) else None
        record = ledger.ids.get(case_id) if isinstance(case_id, str) else None
        if record and record.withdrawn_in and "withdrawn" not in document.data:
            problems.append(
                document.problem(
                    ("id",),
                    (
                        f"id {case_id!r} was withdrawn in release {record.withdrawn_in} and can "
                        "never be used again (links and citations still point at the withdrawn "
                        "page); choose another id and file name"
                    ),
                )
            )
    for case_id, record in sorted(ledger.ids.items()):
        if case_id not in folder_ids:
            problems.append(
                Problem(
                    f"{case_dir}/{case_id}.yml",
                    1,
                    1,
                    "$",
                    (
                        f"case study {case_id!r} was released in {record.first_release} and its "
                        "file is missing; released case studies are never deleted: restore the "
                        "file and add 'withdrawn: {date, reason}' to take it down"
                    ),
                )
            )
    return problems
