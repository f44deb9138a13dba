"""What `casebook validate` says about a translation: what is wrong, then how to fix it.

Translators are often not programmers: every message names the field and the original file,
and says what to write instead. The file, line, column and path come from the Problem.
"""

from __future__ import annotations

import difflib

from ..i18n.languages import TRANSLATIONS
from ..problems import describe_value

HASH_COMMAND = "casebook translations --hash {id}"
_FOLDERS = ", ".join(f"translations/{code}/" for code in TRANSLATIONS)
_OR_FOLDERS = " or ".join(_FOLDERS.rsplit(", ", 1))  # "…/fr/, …/es/ or …/ar/"

NOT_IN_LANGUAGE = (
    "is directly in translations/, where it is not read; move it into the folder of its "
    f"language ({_FOLDERS})"
)
NESTED_FOLDER = (
    "is a folder inside a language folder, and files in it are not read; move its files into "
    "the language folder itself (translations/<language>/<case id>.yml)"
)
NO_BLOCK_FIELDS = "source_hash, method and reviewed_by"


def unknown_language(code: str) -> str:
    return (
        f"{code!r} is not the code of a translated edition; put the file in {_OR_FOLDERS}"
        " (English is the original, which is never translated)"
    )


def unknown_case(case_id: str, original: str, ids: list[str]) -> str:
    close = _closest(case_id, ids)
    fix = (
        f"did you mean {close!r}? Rename the file to {close}.yml if it translates that case"
        if close
        else "name the file after the id of the case study it translates"
    )
    return f"no case study has id {case_id!r} (there is no {original}); {fix}"


def wrong_suffix(name: str, stem: str) -> str:
    return f"translation files end in .yml; rename {name} to {stem}.yml"


def unreadable_original(original: str) -> str:
    return (
        f"the original {original} cannot be read, so this translation cannot be checked "
        f"against it; fix the original first (casebook validate {original})"
    )


# ---------------------------------------------------------------- the translation: block


def missing_block(case_id: str) -> str:
    return (
        "no 'translation:' block; add one at the top with source_hash (which "
        f"`{HASH_COMMAND.format(id=case_id)}` prints), method (machine-assisted or human) "
        "and reviewed_by (a name, or null)"
    )


def block_not_mapping(value: object) -> str:
    return f"'translation' must be a mapping with {NO_BLOCK_FIELDS}, not {describe_value(value)}"


def missing_block_field(name: str, case_id: str) -> str:
    how = {
        "source_hash": f"the fingerprint `{HASH_COMMAND.format(id=case_id)}` prints",
        "method": "machine-assisted, or human if a person translated every word",
        "reviewed_by": "the name of the person who reviewed it, or null",
    }[name]
    return f"missing '{name}' in the translation block; add {name}: with {how}"


def unknown_block_field(key: object) -> str:
    return (
        f"unknown key {key!r} in the translation block; it holds only source_hash, method and "
        "reviewed_by: remove it"
    )


def bad_hash(value: object, case_id: str) -> str:
    command = HASH_COMMAND.format(id=case_id)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # 16 hex digits can be all digits (or digits and one e): YAML then reads a number
        return (
            f"source_hash is read as {describe_value(value)}, not as text; put the 16 digits "
            f'in quotes: source_hash: "…" (as `{command}` prints them)'
        )
    return (
        f"source_hash {describe_value(value).removeprefix('the text ')} is not 16 hexadecimal "
        f"digits; write the fingerprint of the original you translated, as `{command}` prints it"
    )


def bad_method(value: object) -> str:
    return (
        f"method {describe_value(value).removeprefix('the text ')} is not machine-assisted or "
        "human; write machine-assisted unless a person translated every word"
    )


def bad_reviewer(value: object) -> str:
    return (
        "reviewed_by must be the name of the person who reviewed the translation, or null if "
        f"nobody has yet, not {describe_value(value)}"
    )


# ---------------------------------------------------------------- the translated fields


def not_translatable(pattern: str) -> str:
    return (
        f"'{pattern}' is not translatable: translations hold only text; remove it (the "
        "translated page shows the original's value)"
    )


def unknown_key(key: object, allowed: list[str]) -> str:
    close = _closest(str(key), allowed)
    held = ", ".join(allowed) or "nothing"
    hint = f"did you mean {close!r}? " if close else ""
    return f"unknown key {key!r}; {hint}A translation holds only these keys here: {held}"


def not_in_original(pattern: str, original: str) -> str:
    return (
        f"the original has no '{pattern}' ({original} does not have it); remove it from the "
        "translation, or add the field to the original first"
    )


def list_length(pattern: str, found: int, expected: int) -> str:
    return (
        f"{found} entr{'y' if found == 1 else 'ies'} where the original's {pattern} has "
        f"{expected}; translate every entry, in the original's order"
    )


def wrong_shape(expected: str, value: object) -> str:
    return f"must be {expected}, like the original's, not {describe_value(value)}"


EMPTY = "is empty; write the translated text, or leave the field out (it is then shown in English)"
ONE_LINE = "must be one line, like the original's; remove the line breaks"


def too_long(length: int, limit: int) -> str:
    return (
        f"is {length:,} characters long; at most {limit:,} are allowed here (twice the "
        "original field's limit): shorten it"
    )


def markers_differ(missing: list[int], extra: list[int], original: list[int]) -> str:
    parts = [f"missing {_markers(missing)}"] if missing else []
    parts += [f"extra {_markers(extra)}"] if extra else []
    kept = _markers(sorted(original)) if original else "none"
    return (
        f"citation markers differ from the original's: {', '.join(parts)}; keep exactly "
        f"the original's markers ({kept}) so that every sentence still cites its source"
    )


def _closest(value: str, options: list[str]) -> str | None:
    close = difflib.get_close_matches(value.lower(), options, n=1, cutoff=0.6)
    return close[0] if close else None


def _markers(numbers: list[int]) -> str:
    return ", ".join(f"[{n}]" for n in numbers)


__all__ = [
    "EMPTY",
    "NESTED_FOLDER",
    "NOT_IN_LANGUAGE",
    "ONE_LINE",
    "bad_hash",
    "bad_method",
    "bad_reviewer",
    "block_not_mapping",
    "list_length",
    "markers_differ",
    "missing_block",
    "missing_block_field",
    "not_in_original",
    "not_translatable",
    "too_long",
    "unknown_block_field",
    "unknown_case",
    "unknown_key",
    "unknown_language",
    "unreadable_original",
    "wrong_shape",
    "wrong_suffix",
]
