"""Numbered data releases: `casebook release VERSION [--since PREVIOUS.zip]`.

The zip holds the open data (casebook.csv, casebook.json), a Frictionless Data Package
(datapackage.json, v2 profile) describing them, the vocabularies and the JSON Schema, a change
log against the previous release (CHANGES.md for people, changes.json for programs), the
withdrawn case studies (withdrawn.json) and SHA256SUMS. The same inputs and SOURCE_DATE_EPOCH
give a byte-identical zip.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import csv_schema, export
from .ledger import IdRecord, Ledger
from .model import CaseStudy, Catalog

ZipTime = tuple[int, int, int, int, int, int]  # zipfile.ZipInfo.date_time

FOLDER = "casebook-data"  # every file of the zip sits in this folder, so unzipping is tidy
VERSION = re.compile(r"[0-9]+\.[0-9]+(?:\.[0-9]+)?")
LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}


class ReleaseError(Exception):
    pass


@dataclass
class Changes:
    since: str | None
    added: list[dict[str, Any]] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)
    withdrawn: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self, version: str) -> str:
        data = {
            "version": version,
            "since": self.since,
            "added": self.added,
            "changed": self.changed,
            "withdrawn": self.withdrawn,
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    def as_markdown(self, version: str, date: str) -> str:
        since = f" since {self.since}" if self.since else " (first release)"
        lines = [
            f"# Casebook data {version} ({date})",
            "",
            f"{len(self.added)} added, {len(self.changed)} changed, "
            f"{len(self.withdrawn)} withdrawn{since}.",
            "",
        ]
        for heading, items, note in (
            ("Added", self.added, None),
            ("Changed", self.changed, "fields"),
            ("Withdrawn", self.withdrawn, "reason"),
        ):
            if not items:
                continue
            lines += [f"## {heading}", ""]
            for item in items:
                extra = item.get(note) if note else None
                detail = (
                    ": " + ", ".join(extra)
                    if isinstance(extra, list)
                    else f": {extra}"
                    if extra
                    else ""
                )
                lines.append(f"- `{item['id']}` {item['title']}{detail}")
            lines.append("")
        return "\n".join(lines)


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Top-level fields that differ; narrative and place by their sub-fields."""
    names = []
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        if key in ("narrative", "place") and isinstance(before, dict) and isinstance(after, dict):
            names += [
                f"{key}.{k}"
                for k in sorted(set(before) | set(after))
                if before.get(k) != after.get(k)
            ]
        else:
            names.append(key)
    return names


def compare(previous: dict[str, Any] | None, catalog: Catalog) -> Changes:
    """What changed since the previous release's data (None: everything is new)."""
    if previous is None:
        return Changes(None, added=[_item(c) for c in catalog.cases])
    old_cases = {c["id"]: c for c in previous["cases"]}
    old_withdrawn = {w["id"] for w in previous["withdrawn"]}
    changes = Changes(previous["version"])
    for case in catalog.cases:
        if case.id not in old_cases and case.id not in old_withdrawn:
            changes.added.append(_item(case))
        elif case.id in old_cases and old_cases[case.id] != case.data:
            changes.changed.append(
                _item(case) | {"fields": changed_fields(old_cases[case.id], case.data)}
            )
    for case in catalog.withdrawn:
        if case.id not in old_withdrawn:
            changes.withdrawn.append(_item(case) | dict(case.withdrawal or {}))
    return changes


def _item(case: CaseStudy) -> dict[str, Any]:
    return {"id": case.id, "title": case.title}


def read_previous(path: Path) -> dict[str, Any]:
    """The version, cases and withdrawn list of an earlier release zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            package = json.loads(archive.read(f"{FOLDER}/datapackage.json"))
            data = json.loads(archive.read(f"{FOLDER}/casebook.json"))
            withdrawn = json.loads(archive.read(f"{FOLDER}/withdrawn.json"))
    except (OSError, KeyError, zipfile.BadZipFile, json.JSONDecodeError) as error:
        raise ReleaseError(f"{path}: not a Casebook data release ({error})") from None
    return {"version": package["version"], "cases": data["cases"], "withdrawn": withdrawn}


def withdrawn_list(catalog: Catalog) -> list[dict[str, Any]]:
    return [_item(c) | dict(c.withdrawal or {}) for c in catalog.withdrawn]


def datapackage(catalog: Catalog, version: str, date: str) -> dict[str, Any]:
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "casebook",
        "title": "Casebook: what cities do against hate, extremism and polarisation",
        "version": version,
        "created": f"{date}T00:00:00Z",
        "description": "Case studies of what mayors and city governments do to prevent and "
        "respond to hate, extremism and polarisation, with their sources.",
        "licenses": [LICENCE],
        "contributors": [{"title": "Casebook contributors", "roles": ["author"]}],
        "resources": [
            {
                "name": "casebook",
                "path": "casebook.csv",
                "type": "table",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "description": "One row per published case study; list columns use '; '.",
                "schema": csv_schema.table_schema(catalog),
            },
            {
                "name": "casebook-records",
                "path": "casebook.json",
                "format": "json",
                "mediatype": "application/json",
                "description": "Every published case study as a record (field 'cases', each "
                "valid against case-study.schema.json) and the vocabularies "
                "that label them (field 'vocabularies').",
            },
        ],
    }


def release_files(
    root: Path, catalog: Catalog, version: str, date: str, changes: Changes
) -> dict[str, bytes]:
    files = {name: text.encode("utf-8") for name, text in export.open_data(catalog).items()}
    files["datapackage.json"] = _json(datapackage(catalog, version, date))
    files["case-study.schema.json"] = (root / "schema" / "case-study.schema.json").read_bytes()
    for path in sorted((root / "schema" / "vocabularies").glob("*.yml")):
        files[f"vocabularies/{path.name}"] = path.read_bytes()
    files["changes.json"] = changes.as_json(version).encode("utf-8")
    files["CHANGES.md"] = changes.as_markdown(version, date).encode("utf-8")
    files["withdrawn.json"] = _json(withdrawn_list(catalog))
    files["SHA256SUMS"] = "".join(
        f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items())
    ).encode("ascii")
    return files


def _json(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_zip(path: Path, files: dict[str, bytes], date_time: ZipTime) -> None:
    """Deterministic: sorted names, fixed times and permissions; written beside the target
    and renamed into place, so a failure never leaves a half zip."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
                for name in sorted(files):
                    info = zipfile.ZipInfo(f"{FOLDER}/{name}", date_time=date_time)
                    info.external_attr = 0o644 << 16
                    info.compress_type = zipfile.ZIP_DEFLATED
                    archive.writestr(info, files[name])
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def update_ledger(
    ledger: Ledger, catalog: Catalog, version: str, date: str, changes: Changes
) -> None:
    ledger.releases.append({"version": version, "date": date})
    for item in changes.added:
        ledger.ids[item["id"]] = IdRecord(version, version)
    for item in changes.changed:
        ledger.ids[item["id"]].last_changed = version
    for item in changes.withdrawn:
        record = ledger.ids.setdefault(item["id"], IdRecord(version, version))
        record.withdrawn_in = version
        record.last_changed = version


def check_version(version: str, ledger: Ledger) -> None:
    if not VERSION.fullmatch(version):
        raise ReleaseError(f"version {version!r} is not a number like 1.0 or 2026.12.1")
    if any(r["version"] == version for r in ledger.releases):
        raise ReleaseError(
            f"release {version} already exists in releases/ledger.json; choose the next version"
        )


def zip_time(date: datetime.date) -> ZipTime:
    return (max(date.year, 1980), date.month, date.day, 0, 0, 0)
