"""Strict YAML loading: bytes -> plain data + the source position of every value.

PyYAML's loaders follow YAML 1.1 (``NO`` -> False, ``012`` -> 10, ``12:30`` -> 750,
dates -> date objects), keep the last of two duplicate keys and expand aliases. We use
only PyYAML's *event* parser (the C one where installed) and build values ourselves, with
YAML 1.2 core-schema scalars minus every surprising form: a plain scalar is null, true,
false, a decimal integer or a decimal float; everything else is a string.
"""

from __future__ import annotations

import errno
import math
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NoReturn

import yaml

from . import yaml_checks
from .problems import CasebookError, Path, Problem, describe_value, format_path

# PyYAML's parser events and marks where we read their attributes. Its stubs make every
# mark Optional and type events by their base class; the parser always sets the marks and
# we dispatch on the event's class first, so these stay loosely typed.
ParserEvent = Any
ParserMark = Any

_FastLoader: type[Any] | None
try:  # the C parser is ~15x faster; results are identical (tests run both)
    from yaml import CSafeLoader as _FastLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _FastLoader = None

MAX_BYTES = 256 * 1024
MAX_DEPTH = 12
_MAX_NUMBER_CHARS = 40

_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?")
# C0/C1 controls except tab/newline/CR, bidi embeddings/overrides/isolates, lone surrogates,
# and noncharacters: invisible or reordering text that could hide what a line says.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


@dataclass
class Document:
    """A loaded YAML file: its data and where each value and key came from."""

    file: str
    data: Any  # any YAML value until validation has checked its shape
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path) -> tuple[int, int]:
        """Line and column (1-based) of the value at path, or of its nearest parent."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def problem(self, path: Path, message: str, *, at_key: bool = False) -> Problem:
        where = self.key_positions.get(tuple(path)) if at_key else None
        line, col = where or self.position(path)
        return Problem(self.file, line, col, format_path(tuple(path)), message)


def load_file(filename: str, display_name: str | None = None, *, fast: bool = True) -> Document:
    """Read and load one file; raise CasebookError on any problem."""
    name = display_name or filename
    try:
        raw = _read_regular(filename, MAX_BYTES + 1)
    except OSError as error:
        raise _file_error(name, 1, 1, f"cannot read file: {error.strerror}") from None
    return load_bytes(raw, name, fast=fast)


def _file_error(name: str, line: int, col: int, message: str) -> CasebookError:
    """A problem with the file as a whole (reading, decoding, YAML syntax): no field yet."""
    return CasebookError([Problem(name, line, col, "$", message)])


def _read_regular(filename: str, limit: int) -> bytes:
    """At most `limit` bytes of a regular file. O_NONBLOCK and the fstat check mean a FIFO or
    device put in place of the file is refused instead of blocking forever; O_NOFOLLOW refuses
    a symlink (callers check with lstat first; this closes the gap in between)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(filename, flags | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", filename)
        return handle.read(limit)


def load_bytes(raw: bytes, name: str, *, fast: bool = True) -> Document:
    text = yaml_checks.with_final_newline(_decode(raw, name))
    _check_characters(text, name)
    # libyaml accepts tabs where the pure-Python parser refuses them ("0\t"); the rare file
    # with a tab goes to the pure-Python parser, so both ways give identical results.
    loader = _FastLoader if (fast and _FastLoader and "\t" not in text) else yaml.SafeLoader
    builder = _Builder(name)
    try:
        # where PyYAML and YAML 1.2 read the text differently, refuse it (yaml_checks)
        builder.consume(yaml_checks.checked(yaml.parse(text, Loader=loader), text, name))
    except yaml.MarkedYAMLError as error:
        if loader is not yaml.SafeLoader:
            # libyaml words its errors differently (and rejects some escapes the pure-Python
            # parser lets through to our own checks): report what the reference parser says,
            # so both give identical results. Errors are rare, so the slow path costs little.
            return load_bytes(raw, name, fast=False)
        mark = error.problem_mark or error.context_mark
        if error.context == "while scanning a quoted scalar" and error.context_mark:
            mark = error.context_mark  # where the quote opens, not the end of the file
            inside = (
                "written twice: 'It''s'"
                if text[mark.index : mark.index + 1] == "'"
                else 'written \\": "a \\"quoted\\" word"'
            )
            raise _file_error(
                name,
                mark.line + 1,
                mark.column + 1,
                "this quoted text is never closed: add the closing "
                "quote at the end of the value (a quote inside the "
                f"text is {inside})",
            ) from None
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(x for x in (error.context, error.problem) if x)
        raise _file_error(
            name,
            line,
            col,
            f"YAML syntax error: {what}. "
            "Check the indentation (spaces, not tabs), that every "
            "quote, [ and { is closed, and that text containing ': ' "
            "is in quotes, on this line and the one above.",
        ) from None
    except yaml.YAMLError as error:  # pragma: no cover - reader errors are caught earlier
        raise _file_error(name, 1, 1, f"YAML error: {error}") from None
    return builder.document()


def _decode(raw: bytes, name: str) -> str:
    if len(raw) > MAX_BYTES:
        raise _file_error(
            name,
            1,
            1,
            f"file is larger than {MAX_BYTES // 1024} KB;"
            " a case study should be far shorter — split or trim it",
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise _file_error(
            name,
            line,
            col,
            f"byte 0x{raw[error.start]:02x} is not valid UTF-8; save the file as UTF-8",
        ) from None


def _check_characters(text: str, name: str) -> None:
    problems = []
    for match in _FORBIDDEN.finditer(text):
        before = text[: match.start()]
        line = before.count("\n") + 1
        col = match.start() - (before.rfind("\n") + 1) + 1
        problems.append(Problem(name, line, col, "$", _describe_character(match.group())))
        if len(problems) >= 20:
            break
    if problems:
        raise CasebookError(problems)


def _describe_character(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        kind = "a bidirectional-override character, which can make text display differently"
    elif "\ud800" <= char <= "\udfff":
        kind = "a lone surrogate, which is not a character"
    else:
        kind = "an invisible control character"
    return f"{code} is {kind}; delete it (it is often pasted in from other documents)"


def resolve_plain(value: str) -> object:
    """A plain (unquoted) scalar -> None, bool, int, float or str."""
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if len(value) > _MAX_NUMBER_CHARS:  # no field needs it; int() refuses > 4300 digits
        return value
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value) and not re.match(r"[-+]?0[0-9]", value):
        number = float(value)
        return number if math.isfinite(number) else value  # 1e999 -> inf is not JSON
    return value


class _Builder:
    """Turns parser events into dicts, lists and scalars, refusing what we do not allow."""

    def __init__(self, name: str):
        self.name = name
        self.positions: dict[Path, tuple[int, int]] = {}
        self.key_positions: dict[Path, tuple[int, int]] = {}
        self.documents = 0
        self.root: object = None
        self.problems: list[Problem] = []

    def consume(self, events: Iterable[yaml.Event]) -> None:
        events = iter(events)
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    self._fail(
                        event,
                        "$",
                        "a file holds one case study: remove the second "
                        "document (the line starting with ---) and everything after it",
                    )
                self.root = self._node(next(events), events, ())
        if self.documents == 0:
            self._fail(
                None,
                "$",
                "file is empty; a case study is a mapping of fields "
                "(run `casebook new` for a template)",
            )
        elif not isinstance(self.root, dict):
            found = describe_value(self.root)
            self.problems.append(
                Problem(
                    self.name,
                    1,
                    1,
                    "$",
                    "the top level must be a mapping of fields such as "
                    f"'id: …' and 'title: …', not {found}",
                )
            )
        if self.problems:
            raise CasebookError(self.problems)

    def document(self) -> Document:
        return Document(self.name, self.root, self.positions, self.key_positions)

    def _fail(self, event: ParserEvent, path: Path | str, message: str) -> NoReturn:
        mark = getattr(event, "start_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        where = path if isinstance(path, str) else format_path(path)
        raise CasebookError([*self.problems, Problem(self.name, line, col, where, message)])

    def _node(self, event: ParserEvent, events: Iterator[yaml.Event], path: Path) -> object:
        self._check_event(event, path)
        mark = event.start_mark
        self.positions[path] = (mark.line + 1, mark.column + 1)
        if isinstance(event, yaml.ScalarEvent):
            return self._scalar(event, path)
        if isinstance(event, yaml.SequenceStartEvent):
            return self._sequence(events, path)
        if isinstance(event, yaml.MappingStartEvent):
            return self._mapping(events, path)
        self._fail(event, path, f"unexpected YAML {type(event).__name__}")  # pragma: no cover

    def _check_event(self, event: ParserEvent, path: Path) -> None:
        """Refuse what YAML allows but a case study must not use: depth, aliases, tags."""
        if len(path) > MAX_DEPTH:
            self._fail(
                event,
                path,
                f"nested more than {MAX_DEPTH} levels deep; no field of a case study needs that",
            )
        if isinstance(event, yaml.AliasEvent):
            self._fail(event, path, f"alias *{event.anchor} is not allowed; write the value out")
        if getattr(event, "anchor", None):
            self._fail(
                event,
                path,
                f"anchor &{event.anchor} is not allowed; write values out "
                "in full instead of reusing them",
            )
        tag = getattr(event, "tag", None)
        if tag is not None:
            self._fail(
                event,
                path,
                f"explicit tag {tag} is not allowed; remove it (quote the "
                "value if you want it kept as text)",
            )

    def _scalar(self, event: ParserEvent, path: Path) -> object:
        value = event.value
        if forbidden := _FORBIDDEN.search(value):  # escapes such as "\x07" in double quotes
            self._fail(event, path, _describe_character(forbidden.group()))
        return resolve_plain(value) if not event.style else value

    def _sequence(self, events: Iterator[yaml.Event], path: Path) -> list[object]:
        items: list[object] = []
        for event in events:
            if isinstance(event, yaml.SequenceEndEvent):
                return items
            items.append(self._node(event, events, (*path, len(items))))
        return items  # pragma: no cover - the parser always closes sequences

    def _mapping(self, events: Iterator[yaml.Event], path: Path) -> dict[str, object]:
        result: dict[str, object] = {}
        for event in events:
            if isinstance(event, yaml.MappingEndEvent):
                return result
            key = self._key(event, path)
            if key in result:
                first = self.key_positions[(*path, key)]
                self._fail(
                    event,
                    (*path, key),
                    f"duplicate key '{key}' (first at line {first[0]}); keep one of them",
                )
            mark: ParserMark = event.start_mark
            self.key_positions[(*path, key)] = (mark.line + 1, mark.column + 1)
            result[key] = self._node(next(events), events, (*path, key))
        return result  # pragma: no cover

    def _key(self, event: ParserEvent, path: Path) -> str:
        if not isinstance(event, yaml.ScalarEvent):
            self._fail(
                event, path, "keys must be plain words such as 'title', not lists or mappings"
            )
        self._check_event(event, path)  # a key is reported at the mapping that holds it
        self._scalar(event, path)  # characters
        key = event.value
        if not event.style and event.value == "<<":
            self._fail(event, path, "merge keys (<<) are not allowed; write the fields out")
        if not event.style and not isinstance(resolve_plain(key), str):
            self._fail(
                event,
                path,
                f"key {key!r} is read as {describe_value(resolve_plain(key))}, "
                "not text; field names are words such as 'title'",
            )
        return key


def load_many(filenames: list[tuple[str, str]]) -> tuple[list[Document], list[Problem]]:
    """Load every file, collecting problems; a file that fails does not stop the rest."""
    documents, problems = [], []
    for filename, display in filenames:
        try:
            documents.append(load_file(filename, display))
        except CasebookError as error:
            problems.extend(error.problems)
    return documents, problems


__all__ = [
    "Document",
    "load_bytes",
    "load_file",
    "load_many",
    "resolve_plain",
    "MAX_BYTES",
    "MAX_DEPTH",
]
