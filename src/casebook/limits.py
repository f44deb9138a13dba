"""Limits on what a case file may contain, so that whatever validation accepts also builds,
quickly. Every limit is checked by validation with a message that says how to fix it.

| limit                    | value    | why                                                       |
|--------------------------|----------|-----------------------------------------------------------|
| file size                | 256 KB   | loader.MAX_BYTES; a case study is a few KB                |
| nesting of YAML values   | 12       | loader.MAX_DEPTH                                          |
| text length (any value)  | 20,000   | the longest field (a narrative section) in the schema     |
| text in one file, total  | 60,000   | bounds a page's Markdown (the longest real file: ~4,000)  |
| field name length        | 100      | field names are short words                               |
| list length (any list)   | 100      | before the schema: its uniqueItems check is quadratic     |
| lines in one text        | 1,000    | Python-Markdown re-splits a block per line (quadratic)    |
| line length              | 10,000   | a paragraph on one line is fine; beyond that, a paste     |
| Markdown nesting depth   | 16       | lists/quotes nested ~500 deep overflow Python's stack     |
| Markdown containers      | 1,500    | list items + quotes + indents in one text: ~20 µs each    |
| bracket scanning         | 50,000   | a text's bracket_work(): unclosed [ and ]( are quadratic  |
| problems shown a file    | 50       | then one "and N more" line                                |

The size checks (oversized) run before the JSON Schema and stop it for that file: a list of
20,000 items must not reach uniqueItems. The text rules (text_problems) run on every string:
blank text, character references that stand for forbidden characters, and the Markdown limits
(any text may be shown through Markdown one day, and the limits are far above real use).
The render time these limits buy is measured in benchmarks/render_worst_case.py.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator

from .loader import _FORBIDDEN as FORBIDDEN  # one definition of "forbidden character"
from .loader import Document
from .loader import _describe_character as describe_character
from .problems import Path, Problem

MAX_TEXT_CHARS = 20_000
MAX_TOTAL_TEXT_CHARS = 60_000
MAX_KEY_CHARS = 100
MAX_LIST_ITEMS = 100
MAX_LINES = 1_000
MAX_LINE_CHARS = 10_000
MAX_NESTING = 16
MAX_CONTAINERS = 1_500
MAX_BRACKET_WORK = 50_000
MAX_PROBLEMS_PER_FILE = 50

# Characters that show nothing: format characters (zero-width space, joiners, BOM, soft
# hyphen, bidi marks), separators and controls, plus the blank letters some fonts draw empty.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f")
# Also phrased by the propose form (casebook-propose.js, through casebook.pages.propose).
BLANK_TEXT = (
    "is empty apart from spaces or invisible characters (such as a zero-width space); "
    "write the text, or leave the field out"
)
_REFERENCE = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});?")
_BRACKET_TOKEN = re.compile(r"\\.|[\[\]()]", re.S)  # an escaped character is skipped whole
_MAY_NEST = re.compile(r"^(?:[ \t]*(?:[-*+>]|[0-9]{1,9}[.)])|    |\t)", re.M)
# One container level at the start of a line: a list marker or a quote marker.
_CONTAINER = re.compile(r"(?:[-*+]|[0-9]{1,9}[.)])(?=[ \t]|$)|>")


# ---------------------------------------------------------------- sizes, before the schema


def oversized(document: Document) -> list[Problem]:
    """Lists, texts and field names beyond the limits. Cheap (one pass, no regexes); an
    over-long list is not looked into."""
    problems = [document.problem(path, message) for path, message in _sizes(document.data, ())]
    total = sum(len(text) for _, text in _strings(document.data, ()))
    if not problems and total > MAX_TOTAL_TEXT_CHARS:
        where = (
            ("narrative",)
            if isinstance(document.data, dict) and "narrative" in document.data
            else ()
        )  # where most of the text is
        problems.append(
            document.problem(
                where,
                f"the texts of this case study add up to "
                f"{total:,} characters; at most "
                f"{MAX_TOTAL_TEXT_CHARS:,} are allowed in one file — "
                "shorten the narrative",
            )
        )
    return problems


def _sizes(node: object, path: Path) -> Iterator[tuple[Path, str]]:
    if isinstance(node, list):
        if len(node) > MAX_LIST_ITEMS:
            yield (
                path,
                (
                    f"list of {len(node):,} items; at most {MAX_LIST_ITEMS} are allowed "
                    "in any list — keep the most important ones"
                ),
            )
            return
        for index, item in enumerate(node):
            yield from _sizes(item, (*path, index))
    elif isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str) and len(key) > MAX_KEY_CHARS:
                yield (
                    path,
                    (
                        f"a field name of {len(key):,} characters; field names are short "
                        "words such as 'title'"
                    ),
                )
                continue
            yield from _sizes(value, (*path, key))
    elif isinstance(node, str) and len(node) > MAX_TEXT_CHARS:
        yield (
            path,
            (
                f"text of {len(node):,} characters; at most {MAX_TEXT_CHARS:,} are allowed "
                "in one field — shorten it or split it across sections"
            ),
        )


# ---------------------------------------------------------------- text rules


def text_problems(document: Document) -> list[Problem]:
    """Blank text, forbidden characters written as references, and the Markdown limits, for
    every string in the document."""
    return [
        document.problem(path, message)
        for path, text in _strings(document.data, ())
        for message in check_text(text)
    ]


def _strings(node: object, path: Path) -> Iterator[tuple[Path, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, (*path, index))
    elif isinstance(node, str):
        yield path, node


def check_text(text: str) -> list[str]:
    """What is wrong with one text value (messages without a position)."""
    if not text:
        return []  # the schema's minLength reports empty text where it matters
    problems = (
        [
            _reference_problem(match)
            for match in _REFERENCE.finditer(text)
            if FORBIDDEN.search(html.unescape(match.group()))
        ][:1]
        if "&" in text
        else []
    )
    if is_blank(html.unescape(text) if "&" in text else text):
        problems.append(BLANK_TEXT)
    problems += markdown_problems(text)
    return problems


def _reference_problem(match: re.Match[str]) -> str:
    found = FORBIDDEN.search(html.unescape(match.group()))  # callers matched one
    char = found.group() if found else match.group()
    return (
        f"the character reference {match.group()} stands for "
        f"{describe_character(char).replace('; delete it', '; delete the reference', 1)}"
    )


def is_blank(text: str) -> bool:
    """True if no character of text would show: whitespace and invisible characters only."""
    return all(
        char.isspace()
        or char in BLANK_LETTERS
        or unicodedata.category(char) in ("Cf", "Cc", "Zs", "Zl", "Zp", "Mn", "Cn")
        for char in text
    )


def markdown_problems(text: str) -> list[str]:
    lines = text.split("\n")
    if len(lines) > MAX_LINES:
        return [f"has {len(lines):,} lines; at most {MAX_LINES:,} are allowed in one field"]
    problems = []
    if len(text) > MAX_LINE_CHARS:
        for number, line in enumerate(lines, 1):
            if len(line) > MAX_LINE_CHARS:
                problems.append(
                    f"line {number} of this text has {len(line):,} characters; at "
                    f"most {MAX_LINE_CHARS:,} are allowed — break it into "
                    "paragraphs"
                )
                break
    # Most texts open no list or quote at all: one search instead of a look at every line.
    depths = [nesting(line) for line in lines] if _MAY_NEST.search(text) else [0]
    deepest = max(depths)
    if deepest > MAX_NESTING:
        number = depths.index(deepest) + 1
        problems.append(
            f"line {number} of this text nests lists or quotes {deepest} levels "
            f"deep; at most {MAX_NESTING} are allowed — flatten the list"
        )
    elif sum(depths) > MAX_CONTAINERS:
        problems.append(
            f"opens {sum(depths):,} list items, quotes and indented blocks; at most "
            f"{MAX_CONTAINERS:,} are allowed in one field — shorten the lists"
        )
    work = sum(bracket_work(p) for p in re.split(r"\n[ \t]*\n", text)) if "[" in text else 0
    if work > MAX_BRACKET_WORK:
        problems.append(
            "has too many [ brackets (or ]( links) that are never closed for the "
            "page to build quickly; close each [ with ] and each ]( with ), or "
            "write \\[ for a bracket meant as text"
        )
    return problems


def nesting(line: str) -> int:
    """How many Markdown containers (list items, quotes, 4-space indents) a line opens."""
    depth, rest = 0, line.expandtabs(4)
    while True:
        stripped = rest.lstrip(" ")
        depth += (len(rest) - len(stripped)) // 4
        match = _CONTAINER.match(stripped)
        if not match:
            return depth
        depth, rest = depth + 1, stripped[match.end() :]
        if rest.startswith(" "):
            rest = rest[1:]  # the one space that belongs to the marker


def bracket_work(paragraph: str) -> int:
    """Characters Python-Markdown's link parser scans in one paragraph. For each '[' it reads
    ahead to the matching ']' (to the paragraph's end if there is none), and after '](' to the
    matching ')': a long paragraph of unclosed brackets costs length × brackets (121 KB of
    '[' took 460 s). Computed here in one pass with a stack."""
    length, work = len(paragraph), 0
    brackets: list[int] = []
    parens: list[tuple[int, bool]] = []  # (position, opens a link target)
    for match in _BRACKET_TOKEN.finditer(paragraph):  # only the characters that matter
        char, index = match.group(), match.start()
        if char == "[":
            brackets.append(index)
        elif char == "]" and brackets:
            work += index - brackets.pop()
        elif char == "(":
            parens.append((index, index > 0 and paragraph[index - 1] == "]"))
        elif char == ")" and parens:
            start, link = parens.pop()
            work += index - start if link else 0
    work += sum(length - start for start in brackets)
    work += sum(length - start for start, link in parens if link)
    return work


# ---------------------------------------------------------------- reporting


def cap_per_file(problems: list[Problem]) -> list[Problem]:
    """At most MAX_PROBLEMS_PER_FILE problems a file (the first ones by position), then one
    line saying how many more there are: a broken file should not bury the others."""
    by_file: dict[str, list[Problem]] = {}
    for problem in sorted(problems):
        by_file.setdefault(problem.file, []).append(problem)
    kept: list[Problem] = []
    for file, found in by_file.items():
        kept += found[:MAX_PROBLEMS_PER_FILE]
        if len(found) > MAX_PROBLEMS_PER_FILE:
            first_left_out = found[MAX_PROBLEMS_PER_FILE]  # so the line sorts after the rest
            more = len(found) - MAX_PROBLEMS_PER_FILE
            kept.append(
                Problem(
                    file,
                    first_left_out.line,
                    first_left_out.col,
                    "$",
                    f"and {more:,} more problem{'s' * (more != 1)} in this file; "
                    "fix these first and validate again",
                )
            )
    return kept


__all__ = [
    "MAX_BRACKET_WORK",
    "MAX_CONTAINERS",
    "MAX_KEY_CHARS",
    "MAX_LINES",
    "MAX_LINE_CHARS",
    "MAX_LIST_ITEMS",
    "MAX_NESTING",
    "MAX_PROBLEMS_PER_FILE",
    "MAX_TEXT_CHARS",
    "MAX_TOTAL_TEXT_CHARS",
    "bracket_work",
    "cap_per_file",
    "check_text",
    "is_blank",
    "markdown_problems",
    "nesting",
    "oversized",
    "text_problems",
]
