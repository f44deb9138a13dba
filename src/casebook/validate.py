"""Validation: schema + vocabularies + cross-file rules -> problems with file:line:col.

Every file is checked and every problem reported; nothing stops at the first error.
"""

from __future__ import annotations

import copy
import difflib
import json
import multiprocessing
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pycountry

from .loader import Document, load_many
from .problems import Problem, format_path
from .vocabulary import Vocabulary, load_vocabularies

SCHEMA_FILE = "case-study.schema.json"
PLACEHOLDER = "TODO"
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_RESERVED = {"con", "prn", "aux", "nul", "index", "search", "assets",
             *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


@dataclass
class Schema:
    """The case-study JSON Schema with vocabulary terms filled in as enums."""

    raw: dict
    vocabularies: dict[str, Vocabulary]
    validator: jsonschema.Draft202012Validator

    @classmethod
    def load(cls, schema_dir: str | Path) -> Schema:
        schema_dir = Path(schema_dir)
        raw = json.loads((schema_dir / SCHEMA_FILE).read_text(encoding="utf-8"))
        vocabularies = load_vocabularies(schema_dir / "vocabularies")
        resolved = _with_enums(copy.deepcopy(raw), vocabularies)
        validator = jsonschema.Draft202012Validator(resolved, format_checker=_format_checker())
        return cls(raw, vocabularies, validator)


def _with_enums(node: object, vocabularies: dict[str, Vocabulary]) -> object:
    if isinstance(node, dict):
        name = node.get("x-vocabulary")
        if name is not None:
            node["enum"] = list(vocabularies[name].terms)
        for value in node.values():
            _with_enums(value, vocabularies)
    elif isinstance(node, list):
        for value in node:
            _with_enums(value, vocabularies)
    return node


def _format_checker() -> jsonschema.FormatChecker:
    checker = jsonschema.FormatChecker(["date"])
    checker.checks("http-url")(is_http_url)
    checker.checks("iso3166-alpha2")(lambda value: not isinstance(value, str)
                                     or pycountry.countries.get(alpha_2=value) is not None)
    checker.checks("casebook-id")(lambda value: not isinstance(value, str)
                                  or value not in _RESERVED)
    checker.checks("partial-date")(_is_partial_date)
    return checker


def is_http_url(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if any(ch.isspace() or ord(ch) < 32 for ch in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _is_partial_date(value: object) -> bool:
    import datetime
    if not isinstance(value, str):
        return True
    padded = {4: "-01-01", 7: "-01", 10: ""}.get(len(value))
    try:
        datetime.date.fromisoformat(value + padded) if padded is not None else None
    except ValueError:
        return False
    return padded is not None


# ---------------------------------------------------------------- single documents


def validate_document(document: Document, schema: Schema) -> list[Problem]:
    errors = list(schema.validator.iter_errors(document.data))
    # A value that fails both its pattern and its format gets one message: the format's.
    formatted = {tuple(e.absolute_path) for e in errors if e.validator == "format"}
    problems = [_explain(error, document, schema) for error in errors
                if not (error.validator == "pattern" and tuple(error.absolute_path) in formatted)]
    problems += _check_placeholders(document)
    problems += _check_id(document)
    problems += _check_quotes(document)
    return problems


def _check_placeholders(document: Document, node=None, path=()) -> list[Problem]:
    node = document.data if node is None and not path else node
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in _check_placeholders(document, v, (*path, k))]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in _check_placeholders(document, v, (*path, i))]
    if isinstance(node, str) and node.lstrip().startswith(PLACEHOLDER):
        return [document.problem(path, _explain_placeholder(node))]
    return []


def _check_id(document: Document) -> list[Problem]:
    data = document.data
    stem = Path(document.file).name.rsplit(".", 1)[0]
    problems = []
    if not Path(document.file).name.endswith(".yml"):
        problems.append(document.problem((), f"case-study files end in .yml; rename "
                                         f"{Path(document.file).name} to {stem}.yml"))
    case_id = data.get("id") if isinstance(data, dict) else None
    # An id that is not a slug already has its own problem; never advise renaming a file to it.
    if isinstance(case_id, str) and case_id != stem and _SLUG.fullmatch(case_id):
        problems.append(document.problem(("id",), f"id {case_id!r} differs from the file name "
                                         f"{stem!r}; rename the file to {case_id}.yml"
                                         + (f" or set id: {stem}" if _SLUG.fullmatch(stem)
                                            else "")))
    return problems


def _check_quotes(document: Document) -> list[Problem]:
    data = document.data if isinstance(document.data, dict) else {}
    sources, quotes = data.get("sources"), data.get("quotes")
    if not isinstance(sources, list) or not isinstance(quotes, list):
        return []
    return [document.problem(("quotes", i, "source"), f"source {q['source']} does not exist: "
                             f"this case study lists {len(sources)} source(s); use a number "
                             f"from 1 to {len(sources)}")
            for i, q in enumerate(quotes) if isinstance(q, dict)
            and isinstance(q.get("source"), int) and not 1 <= q["source"] <= len(sources)]


def _explain(error: jsonschema.ValidationError, document: Document, schema: Schema) -> Problem:
    """Turn a jsonschema error into a message a first-time contributor can act on."""
    path = tuple(error.absolute_path)
    explain = _EXPLAINERS.get(error.validator, _explain_generic)
    if isinstance(error.instance, str) and error.instance.lstrip().startswith(PLACEHOLDER):
        return document.problem(path, _explain_placeholder(error.instance))  # one message, not two
    result = explain(error, path, document, schema)
    if isinstance(result, Problem):
        return result
    return document.problem(path, result)


def _explain_placeholder(value: str) -> str:
    return (f"placeholder {_short(value.strip())} is still here; replace it with the real value, "
            "or delete the field if it is optional")


def _explain_required(error, path, document, schema):
    missing = re.search(r"'(.+?)' is a required property", error.message)
    name = missing.group(1) if missing else "?"
    description = error.schema.get("properties", {}).get(name, {}).get("description", "")
    where = ("at the top level of the file" if not path else f"inside '{path[-1]}'"
             if isinstance(path[-1], str) else f"to entry {path[-1] + 1} of '{path[-2]}'")
    return document.problem(path, f"missing required field '{name}' ({description.rstrip('.')});"
                            f" add '{name}:' {where}" if description else
                            f"missing required field '{name}'; add '{name}:' {where}")


def _explain_additional(error, path, document, schema):
    allowed = list(error.schema.get("properties", {}))
    extras = [k for k in error.instance if k not in allowed] if isinstance(error.instance,
                                                                         dict) else []
    key = extras[0] if extras else "?"
    hint = _did_you_mean(key, allowed) or f" Allowed here: {', '.join(allowed)}."
    return document.problem((*path, key), f"unknown field '{key}'.{hint}", at_key=True)


def _explain_empty(error) -> str:
    options = error.schema.get("enum") or error.schema.get("items", {}).get("enum")
    choose = f"; choose one of: {', '.join(map(str, options))}" if options else \
        "; fill it in"
    return f"the value is empty{choose} (or delete the field if it is optional)"


def _explain_enum(error, path, document, schema):
    if error.instance is None:
        return _explain_empty(error)
    name = error.schema.get("x-vocabulary")
    options = [str(o) for o in error.validator_value]
    value = error.instance
    where = f"the {name} vocabulary (schema/vocabularies/{name}.yml)" if name else "the allowed "\
        "values"
    hint = (_did_you_mean(value, options) if isinstance(value, str) else "") or (
        f" Choose one of: {', '.join(options)}.")
    return f"{_short(value)} is not a term in {where}.{hint}"


_TYPE_NAMES = {"string": "text", "integer": "a whole number", "number": "a number",
               "boolean": "true or false", "array": "a list", "object": "a mapping of fields"}


def _explain_type(error, path, document, schema):
    expected = error.validator_value
    wanted = " or ".join(_TYPE_NAMES.get(t, t) for t in
                         (expected if isinstance(expected, list) else [expected]))
    got = error.instance
    hint = ""
    if expected == "string" and got is not None and not isinstance(got, (list, dict)):
        hint = "; put the value in quotes so it is read as text"
    elif expected == "array" and isinstance(got, str):
        hint = f"; write it as a list: [{got}] or one '- {got}' per line"
    elif expected in ("integer", "number") and isinstance(got, str) and \
            re.fullmatch(r"[0-9][0-9,. _']*", got.strip()):
        hint = f"; write the digits only, without quotes or separators, e.g. " \
            f"{re.sub(r'[^0-9]', '', got)}"
    elif got is None:
        return _explain_empty(error)
    return f"expected {wanted}, got {_describe(got)}{hint}"


def _explain_format(error, path, document, schema):
    fmt = error.validator_value
    value = error.instance
    messages = {
        "http-url": f"{_short(value)} is not a web address; use a full http:// or https:// "
                    "address, e.g. https://example.org/report",
        "iso3166-alpha2": f"{_short(value)} is not an ISO 3166-1 country code"
                          f"{_country_hint(value)}",
        "date": f"{_short(value)} is not a real date; write YYYY-MM-DD in quotes, "
                "e.g. '2026-01-31'",
        "partial-date": f"{_short(value)} is not a real date; write YYYY, YYYY-MM or YYYY-MM-DD",
        "casebook-id": f"{_short(value)} is a reserved name; choose a more specific id such as "
                       f"'{value}-city'",
    }
    return messages.get(fmt, f"{_short(value)} is not a valid {fmt}")


def _explain_pattern(error, path, document, schema):
    value = error.instance
    if isinstance(value, str) and ("\n" in value or "\r" in value):
        return (f"{_short(value)} runs over several lines; this field is one line of text: "
                "write it on the same line as the field name, without | or >")
    leaf = path[-1] if path else ""
    if leaf in ("id",) or (len(path) >= 2 and path[0] == "related"):
        fixed = slugify(value) if isinstance(value, str) else ""
        return (f"{_short(value)} is not a valid id: use lowercase letters a-z, digits and "
                f"single hyphens" + (f", e.g. '{fixed}'" if fixed else ""))
    if leaf == "country":
        return f"{_short(value)} is not a country code{_country_hint(value)}"
    if leaf in ("accessed", "last_reviewed", "date"):
        return f"{_short(value)} is not a date in the form YYYY-MM-DD (quotes are fine)"
    return f"{_short(value)} does not have the expected form"


def _explain_length(error, path, document, schema):
    value, limit = error.instance, error.validator_value
    size = len(value) if hasattr(value, "__len__") else 0
    unit = ("character" if isinstance(value, str) else "item") + "s" * (size != 1)
    shown = f"{_short(value)} has" if isinstance(value, str) else "has"
    if error.validator in ("minLength", "minItems"):
        if size == 0:
            return _explain_empty(error) if isinstance(value, str) else \
                "is an empty list; add at least one item" + _choices(error.schema.get("items"))
        return f"{shown} {size} {unit}; at least {limit} are needed — write more"
    return f"{shown} {size} {unit}; at most {limit} are allowed — shorten it"


def _choices(items: dict | None) -> str:
    options = (items or {}).get("enum")
    return f", one of: {', '.join(map(str, options))}" if options else ""


def _explain_range(error, path, document, schema):
    low, high = error.schema.get("minimum"), error.schema.get("maximum")
    allowed = f"use a number from {low} to {high}" if low is not None and high is not None \
        else f"the {error.validator} is {error.validator_value}"
    size = "small" if error.validator == "minimum" else "large"
    return f"{error.instance} is too {size}; {allowed}"


def _explain_unique(error, path, document, schema):
    seen, dupes = set(), []
    for item in error.instance:
        key = json.dumps(item, sort_keys=True)
        if key in seen:
            dupes.append(item)
        seen.add(key)
    return f"lists {_short(dupes[0]) if dupes else 'an item'} twice; keep it once"


def _explain_generic(error, path, document, schema):
    return error.message


_EXPLAINERS = {
    "required": _explain_required, "additionalProperties": _explain_additional,
    "enum": _explain_enum, "type": _explain_type, "format": _explain_format,
    "pattern": _explain_pattern, "minLength": _explain_length, "maxLength": _explain_length,
    "minItems": _explain_length, "maxItems": _explain_length, "minimum": _explain_range,
    "maximum": _explain_range, "uniqueItems": _explain_unique,
}


def _did_you_mean(value: str, options: list[str]) -> str:
    close = difflib.get_close_matches(value.lower(), options, n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""


def _country_hint(value: object) -> str:
    if not isinstance(value, str):
        return "; use two capital letters, e.g. NO for Norway"
    try:
        match = pycountry.countries.lookup(value)
        return f"; did you mean {match.alpha_2} ({match.name})?"
    except LookupError:
        pass
    upper = pycountry.countries.get(alpha_2=value.upper()) if len(value) == 2 else None
    if upper:
        return f"; did you mean {upper.alpha_2} ({upper.name})?"
    return "; use two capital letters, e.g. NO for Norway, KE for Kenya"


def _describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"the text {_short(value)}"


def _short(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…'"


def slugify(text: str) -> str:
    """A safe id from any title: ASCII letters and digits joined by single hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))[:80].strip("-")


# ---------------------------------------------------------------- the whole collection


def _cross_file(documents: list[Document], known_ids: set[str]) -> list[Problem]:
    problems = []
    by_key: dict[str, Document] = {}
    ids = set(known_ids)
    for document in documents:
        case_id = document.data.get("id")
        if not isinstance(case_id, str):
            continue
        key = unicodedata.normalize("NFKC", case_id).casefold()
        if key in by_key:
            problems.append(document.problem(("id",), f"id {case_id!r} is already used by "
                                             f"{by_key[key].file}; ids must be unique (ignoring "
                                             "case)"))
        by_key.setdefault(key, document)
        ids.add(case_id)
    for document in documents:
        own = document.data.get("id")
        related = document.data.get("related")
        for index, other in enumerate(related if isinstance(related, list) else []):
            if other == own:
                problems.append(document.problem(("related", index), "a case study cannot be "
                                                 "related to itself; remove this entry"))
            elif isinstance(other, str) and other not in ids:
                hint = _did_you_mean(other, sorted(ids)) or " Check case_studies/ for its id."
                problems.append(document.problem(("related", index), f"no case study has id "
                                                 f"{other!r}.{hint}"))
    return problems


@dataclass
class Report:
    documents: list[Document]
    problems: list[Problem]
    files: int

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.ok:
            count = len(self.documents)
            return f"{count} case stud{'y' if count == 1 else 'ies'} valid"
        broken = len({p.file for p in self.problems})
        return (f"{len(self.problems)} problem{'s' * (len(self.problems) != 1)} in {broken} "
                f"file{'s' * (broken != 1)}")


def case_files(paths: list[str | Path], root: Path | None = None) -> tuple[list, list[Problem]]:
    """(filename, display name) for every case file under the paths, and problems with paths."""
    files, problems = [], []
    seen: dict[str, str] = {}  # file name folded for case and Unicode form -> name shown
    for given in paths:
        given = Path(given)
        candidates = sorted(p for p in given.iterdir() if p.suffix.lower() in (".yml", ".yaml")) \
            if given.is_dir() else [given]
        for path in candidates:
            shown = _display(path, root)
            problems += _check_twin(path, shown, seen)
            if path.is_symlink():
                problems.append(Problem(shown, 1, 1, "$", "is a symbolic link; commit the case "
                                        "study itself as a regular file"))
            elif not path.exists():
                problems.append(Problem(shown, 1, 1, "$", "no such file"))
            else:
                stem = path.name.rsplit(".", 1)[0]
                if not _SLUG.fullmatch(stem):
                    problems.append(Problem(shown, 1, 1, "$", f"file name {path.name!r} is not a "
                                            "valid id; use lowercase a-z, digits and hyphens, "
                                            f"e.g. {slugify(stem) or 'my-city-practice'}.yml"))
                files.append((str(path), shown))
    return files, problems


def _check_twin(path: Path, shown: str, seen: dict[str, str]) -> list[Problem]:
    """Two files whose names differ only by case or Unicode form (Oslo.yml, oslo.yml; NFC and
    NFD 'café') are one file on Windows and macOS and one page on the site."""
    key = unicodedata.normalize("NFKC", str(path.resolve().parent / path.name)).casefold()
    other = seen.setdefault(key, shown)
    if other == shown and path.name == Path(other).name:
        return []
    return [Problem(shown, 1, 1, "$", f"file name {ascii(path.name)} differs from "
                    f"{ascii(Path(other).name)} only by letter case or Unicode form; keep one "
                    "of the two files")]


def _display(path: Path, root: Path | None) -> str:
    try:
        return os.path.relpath(path, root or Path.cwd()).replace(os.sep, "/")
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)


PARALLEL_FROM = 400  # files; below this, starting worker processes costs more than it saves


def _check_one_chunk(files: list[tuple[str, str]]) -> tuple[list[Document], list[Problem]]:
    documents, problems = load_many(files)
    for document in documents:
        problems += validate_document(document, _worker_schema)
    return documents, problems


_worker_schema: Schema | None = None


def _check_files(files, schema: Schema) -> tuple[list[Document], list[Problem]]:
    """Load and check every file; on several cores, in forked workers (each file is
    independent, and parsing plus schema checks are CPU-bound)."""
    global _worker_schema
    _worker_schema = schema
    workers = min(os.cpu_count() or 1, 8)
    if len(files) < PARALLEL_FROM or workers < 2 or \
            "fork" not in multiprocessing.get_all_start_methods():
        return _check_one_chunk(files)
    chunks = [files[i::workers] for i in range(workers)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        results = pool.map(_check_one_chunk, chunks)
    documents = sorted((d for chunk, _ in results for d in chunk), key=lambda d: d.file)
    return documents, [p for _, chunk in results for p in chunk]


def validate_paths(paths: list[str | Path], schema: Schema, root: Path | None = None) -> Report:
    files, problems = case_files(paths, root)
    # When single files are checked, their siblings still count as existing related ids.
    folders = {Path(f).parent for f, _ in files}
    known_ids = {p.stem for folder in folders for p in folder.glob("*.yml")}
    documents, file_problems = _check_files(files, schema)
    problems += file_problems
    problems += _cross_file(documents, known_ids)
    return Report(documents, sorted(set(problems)), len(files))


__all__ = ["Report", "Schema", "format_path", "is_http_url", "slugify", "validate_paths",
           "validate_document"]
