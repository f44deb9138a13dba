"""Where PyYAML (a YAML 1.1 parser, C and pure-Python) reads text that YAML 1.2 reads
differently or rejects, refuse it, so a contributor's editor and Casebook never disagree.

The official YAML test suite (tests/yaml-test-suite/, run by tests/test_yaml_suite.py) found
each of these: PyYAML accepts

- continuation lines of a flow collection ``[a,\\nb]`` or of quoted text that are not indented
  past the block they belong to (9C9N, QB6E), including lines indented with tabs (DK95);
- a ``#`` right after a closing quote, bracket or block-scalar indicator as a comment (SU5Z,
  X4QW; YAML needs a space before a comment, and libyaml and PyYAML disagree on ``>#``);
- leading empty lines of a block scalar longer than its first text line (S98Z; PyYAML then
  reads the text line as a comment);

and reads to a different value ``{?foo: bar}`` (652Z: key ``?foo`` in YAML 1.2) and a block
scalar whose last line has no line break (L24T, fixed by adding the break: see
with_final_newline).

The checks look at the parser's events and the text around their marks; they pass every
event through unchanged (see checked), so the loader's builder stays as it was.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any

import yaml

from .problems import CasebookError, Problem

# PyYAML's parser events and marks where we read their attributes. Its stubs make every
# mark Optional and type events by their base class; the parser always sets the marks and
# we dispatch on the event's class first, so these stay loosely typed.
ParserEvent = Any
ParserMark = Any

# The line breaks PyYAML and libyaml count lines by (marks are line/column, not offsets).
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_BLOCK_HEADER = re.compile(r"[|>][-+1-9]{0,2}")


def with_final_newline(text: str) -> str:
    """End the text with a line break: PyYAML drops the last line of a block scalar that
    ends the file without one (L24T), where YAML 1.2 reads it as if the break were there."""
    return text if not text or text[-1] in "\r\n" else text + "\n"


def checked(events: Iterable[yaml.Event], text: str, name: str) -> Iterator[yaml.Event]:
    """The parser's events, unchanged; raises CasebookError where YAML 1.2 disagrees."""
    see = _Checker(text, name).see
    for event in events:
        see(event)
        yield event


class _Checker:
    def __init__(self, text: str, name: str):
        self.text = text
        self.name = name
        self.block_columns: list[int] = []  # column of each open block collection
        self.open_flow: list[bool] = []  # per open collection: is it a flow one?
        self.flow_depth = 0  # how many [ or { are open
        self.flow_start_line = 0  # line of the outermost open [ or {
        self.quoted_lines: set[int] = set()  # lines inside quoted text, in the open flow

    @functools.cached_property
    def starts(self) -> list[int]:
        """Where each line starts in the text (only computed when a check needs a line)."""
        return [0] + [m.end() for m in _BREAK.finditer(self.text)]

    # -- events (this runs for every event of every file: exact types, cheap tests first)
    def see(self, event: yaml.Event) -> None:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if self.flow_depth:
                self._check_question_mark(event)
            # `kind is` does not narrow the type; isinstance() would cost time on every event
            if event.style:  # type: ignore[attr-defined]
                self._scalar(event)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if self.flow_depth:
                self._check_question_mark(event)
            self._open(event)
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            self._close(event)

    def _open(self, event: ParserEvent) -> None:
        is_flow = bool(event.flow_style)
        if not is_flow:
            self.block_columns.append(event.start_mark.column)
        elif not self.flow_depth:
            self.flow_start_line = event.start_mark.line
            self.quoted_lines = set()
        self.flow_depth += is_flow
        self.open_flow.append(is_flow)

    def _close(self, event: ParserEvent) -> None:
        was_flow = self.open_flow.pop() if self.open_flow else False
        if not was_flow:
            if self.block_columns:
                self.block_columns.pop()
            return
        self.flow_depth -= 1
        self._check_no_comment_after(event.end_mark, "the closing bracket")
        if not self.flow_depth:
            self._check_continuation(
                self.flow_start_line,
                event.end_mark.line,
                "the [ … ] or { … } that starts",
                comments=True,
            )

    def _scalar(self, event: ParserEvent) -> None:
        start, end = event.start_mark, event.end_mark
        if event.style in ("'", '"'):
            self._check_no_comment_after(end, "the closing quote")
            if self.flow_depth:
                self.quoted_lines.update(range(start.line + 1, end.line + 1))
            else:
                self._check_continuation(
                    start.line, end.line, "the quoted text that starts", comments=False
                )
        elif event.style in ("|", ">"):
            self._check_block_header(start)

    def _block_indent(self) -> int:
        """Indentation of the innermost block collection; -1 at the top level."""
        return self.block_columns[-1] if self.block_columns else -1

    # -- checks -----------------------------------------------------------------------
    def _check_continuation(self, first: int, last: int, what: str, *, comments: bool) -> None:
        """Lines after the first of a flow node must be indented, with spaces, past the block
        that holds it (YAML 1.2 s-flow-line-prefix; PyYAML does not check)."""
        need = self._block_indent() + 1
        for line in range(first + 1, last + 1):
            body = self._line(line)
            stripped = body.lstrip(" \t")
            if not stripped:
                continue  # empty lines may have any indentation
            if comments and stripped.startswith("#") and line not in self.quoted_lines:
                continue  # a comment line inside [ … ] may start anywhere
            spaces = len(body) - len(body.lstrip(" "))
            if spaces < need:
                tabs = (
                    " (tabs do not count as indentation)"
                    if body[spaces : spaces + 1] == "\t"
                    else ""
                )
                self._fail(
                    line,
                    spaces,
                    f"this line continues {what} on line {first + 1} but "
                    f"is indented by {_spaces(spaces)}{tabs}; indent it by at least "
                    f"{_spaces(need)}, more than the key or '-' it belongs to",
                )

    def _check_no_comment_after(self, mark: ParserMark, what: str) -> None:
        """YAML needs a space before '#' for it to start a comment; PyYAML does not."""
        if self._char_at(mark) == "#":
            self._fail(
                mark.line,
                mark.column,
                f"'#' right after {what} is not a comment in YAML; put a space before '#'",
            )

    def _check_block_header(self, mark: ParserMark) -> None:
        header = _BLOCK_HEADER.match(self.text, self._index(mark))
        if header is None:  # pragma: no cover - the parser put the mark on | or >
            return
        if self.text[header.end() : header.end() + 1] == "#":
            self._fail(
                mark.line,
                mark.column + len(header.group()),
                f"'#' right after "
                f"'{header.group()}' is not a comment in YAML; put a space before '#'",
            )
        if not any(c.isdigit() for c in header.group()):
            self._check_leading_empty_lines(mark.line, header.end())

    def _check_leading_empty_lines(self, header_line: int, position: int) -> None:
        """A block scalar's indentation is its first text line's; an empty line before it
        with more spaces is an error in YAML 1.2, where PyYAML takes the longer one."""
        longest, longest_line = 0, header_line
        for line, body in enumerate(self._lines_after(position), header_line + 1):
            if body.strip(" "):
                spaces = len(body) - len(body.lstrip(" "))
                if spaces > self._block_indent() and longest > spaces:
                    self._fail(
                        longest_line,
                        longest,
                        f"this empty line of the text block "
                        f"starting on line {header_line + 1} has {_spaces(longest)}, "
                        f"more than its first line of text (line {line + 1}, "
                        f"{_spaces(spaces)}); remove the extra spaces",
                    )
                return
            if len(body) > longest:
                longest, longest_line = len(body), line

    def _check_question_mark(self, event: ParserEvent) -> None:
        """In [ … ] and { … }, YAML 1.2 reads '?foo' as text; PyYAML as a key marker '?'."""
        mark = event.start_mark
        if mark.column > 0 and self.text[self._index(mark) - 1] == "?":
            self._fail(
                mark.line,
                mark.column - 1,
                "'?' directly before text is read as part "
                "of the text by YAML 1.2 but as a key marker by other parsers; put the "
                "text in quotes, or a space after '?'",
            )

    # -- text -------------------------------------------------------------------------
    def _line(self, line: int) -> str:
        if line >= len(self.starts):
            return ""
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[line] : end].rstrip("\r\n\x85\u2028\u2029")

    def _index(self, mark: ParserMark) -> int:
        """A mark's offset in the text. Both parsers count characters, but libyaml skips a
        byte-order mark where PyYAML counts it, so then go by line and column."""
        if "\ufeff" not in self.text:
            return int(mark.index)
        return int(self.starts[mark.line] + mark.column)  # pragma: no cover - rare

    def _char_at(self, mark: ParserMark) -> str:
        index = self._index(mark)
        return self.text[index : index + 1]

    def _lines_after(self, position: int) -> Iterator[str]:
        """The lines that follow the one holding position, without their line breaks."""
        found = _BREAK.search(self.text, position)
        while found:
            start = found.end()
            found = _BREAK.search(self.text, start)
            yield self.text[start : found.start() if found else len(self.text)]

    def _fail(self, line: int, column: int, message: str) -> None:
        raise CasebookError([Problem(self.name, line + 1, column + 1, "$", message)])


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


__all__ = ["checked", "with_final_newline"]
