"""The official YAML test suite (tests/yaml-test-suite/, MIT, see its SOURCE.md) through both
loader paths: what the suite calls invalid is rejected with a file:line:col message, the C and
pure-Python parsers agree, and accepted data equals the suite's JSON. Where Casebook's strict
subset differs from YAML 1.2 on purpose, the reason is in STRICT_SUBSET or PYYAML_REFUSES below
(the one place that lists them)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from casebook import loader
from casebook.problems import CasebookError

SUITE = Path(__file__).parent / "yaml-test-suite" / "src"
MESSAGE = re.compile(r"^case\.yml:\d+:\d+: \$.*?: \S.*$")

# Our own rejections of valid YAML 1.2: a fragment of the message -> why a case study may not.
STRICT_SUBSET = {
    "the top level must be a mapping": "a case study is a mapping of fields",
    "file is empty": "a case study is a mapping of fields",
    "remove the second document": "one file holds one case study; a second document hides text",
    "is not allowed; write values out": "anchors make one value appear in several places",
    "is not allowed; write the value out": "aliases make one value appear in several places",
    "explicit tag": "tags change types behind the reader's back",
    "keys must be plain words": "field names are words, not lists or mappings",
    "not text; field names are words": "field names are words, not numbers, booleans or null",
    "invisible control character": "control characters hide what a line says",
    "'?' directly before text": "YAML 1.1 parsers (PyYAML, many editors' libraries) read "
    "'{?foo: x}' as key 'foo', YAML 1.2 as '?foo': we ask for quotes",
}

# Valid YAML 1.2 that PyYAML (C and pure-Python alike) refuses with a syntax error. Refusing is
# safe (the contributor is told, nothing is read differently); none of it is needed to write a
# case study. Each group says what PyYAML does not support.
PYYAML_REFUSES = {
    "tabs as separation inside a line or on otherwise empty lines": [
        "6BCT",
        "6CA3",
        "6HB6",
        "A2M4",
        "DC7X",
        "DK95-0",
        "DK95-3",
        "DK95-4",
        "DK95-5",
        "DK95-7",
        "HS5T",
        "J3BT",
        "K54U",
        "MUS6-3",
        "NB6Z",
        "Q5MG",
        "UV7Q",
        "Y79Y-2",
        "Y79Y-10",
    ],
    "':' next to a flow key or on the line after it, and empty keys": [
        "2JQS",
        "4MUZ-0",
        "4MUZ-1",
        "4MUZ-2",
        "58MP",
        "5MUD",
        "5T43",
        "9SA2",
        "CFD4",
        "DBG4",
        "FRK4",
        "HM87-0",
        "K3WX",
        "NHX8",
        "NJ66",
        "NKF9",
        "S3PD",
        "SM9W-1",
        "UKK6-0",
        "UT92",
        "VJP3-1",
    ],
    "bare documents after '...', zero-indented top-level block scalars, directives": [
        "7Z25",
        "DK3J",
        "FP8R",
        "HWV9",
        "M7A3",
        "QT73",
        "W4TN",
        "ZYU8-0",
        "ZYU8-1",
        "ZYU8-2",
    ],
    "anchor names with non-ASCII letters or ':' (anchors are refused anyway)": ["8XYN", "W5VH"],
}
_REFUSED = {case for cases in PYYAML_REFUSES.values() for case in cases}


def _unescape(text: str) -> str:
    """The suite's visible markers -> the bytes they stand for (see SOURCE.md)."""
    text = text.replace("␣", " ").replace("←", "\r").replace("⇔", "\ufeff").replace("↵", "")
    text = re.sub("—*»", "\t", text)
    return text[:-2] if text.endswith("∎\n") else text


def _cases() -> list[pytest.param]:
    """Every test of every suite file; later entries inherit what they leave out."""
    params = []
    for path in sorted(SUITE.glob("*.yaml")):
        entries = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        inherited: dict = {}
        for index, entry in enumerate(entries):
            inherited = {
                key: entry.get(key, inherited.get(key)) for key in ("name", "yaml", "json")
            }
            case = {**inherited, "fail": bool(entry.get("fail"))}
            case_id = path.stem if len(entries) == 1 else f"{path.stem}-{index}"
            params.append(pytest.param(case, id=case_id))
    return params


CASES = _cases()


def _load(text: str, *, fast: bool) -> tuple[bool, object]:
    """(accepted, data) or (rejected, message); anything but CasebookError is a crash."""
    try:
        return True, loader.load_bytes(text.encode("utf-8"), "case.yml", fast=fast).data
    except CasebookError as error:
        return False, str(error)


def test_the_suite_is_all_there():
    assert len(CASES) > 400, "tests/yaml-test-suite/src is incomplete"
    assert sum(case.values[0]["fail"] for case in CASES) > 90


@pytest.mark.parametrize("case", CASES)
def test_case(case, request):
    case_id = request.node.callspec.id
    text = _unescape(case["yaml"])
    fast_ok, fast = _load(text, fast=True)
    slow_ok, slow = _load(text, fast=False)
    assert fast_ok == slow_ok, f"C parser and pure-Python disagree: {fast!r} / {slow!r}"
    if fast_ok:
        assert fast == slow, "C parser and pure-Python read different data"
    if case["fail"]:
        assert not fast_ok, f"invalid YAML accepted as {fast!r}"
    if not fast_ok:
        for message in (fast, slow):
            assert all(MESSAGE.match(line) for line in message.splitlines()), message
    if case["fail"]:
        return
    if case_id in _REFUSED:
        assert not fast_ok and "YAML syntax error" in fast, (
            f"{case_id} is in PYYAML_REFUSES but was not refused: remove it there"
        )
    elif not fast_ok:
        reasons = [reason for fragment, reason in STRICT_SUBSET.items() if fragment in fast]
        assert reasons, f"valid YAML rejected for no listed reason: {fast}"
    elif case["json"] is not None:
        expected = json.loads(case["json"]) if case["json"].strip() else None
        assert fast == expected, "data differs from the suite's JSON"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "flow: [a,\nb]\n",
            "case.yml:2:1: $: this line continues the [ … ] or { … } that starts "
            "on line 1 but is indented by 0 spaces; indent it by at least 1 space, more than "
            "the key or '-' it belongs to",
        ),
        (
            "- q: 'a\n  b'\n",
            "case.yml:2:3: $: this line continues the quoted text that starts on "
            "line 1 but is indented by 2 spaces; indent it by at least 3 spaces, more than "
            "the key or '-' it belongs to",
        ),
        (
            'foo: "bar\n\tbaz"\n',
            "case.yml:2:1: $: this line continues the quoted text that starts "
            "on line 1 but is indented by 0 spaces (tabs do not count as indentation); indent "
            "it by at least 1 space, more than the key or '-' it belongs to",
        ),
        (
            'key: "value"# c\n',
            "case.yml:1:13: $: '#' right after the closing quote is not a "
            "comment in YAML; put a space before '#'",
        ),
        (
            "b: >\n \n   \n  x\n",
            "case.yml:3:4: $: this empty line of the text block starting on "
            "line 1 has 3 spaces, more than its first line of text (line 4, 2 spaces); remove the "
            "extra spaces",
        ),
        (
            "a: {?foo: 1}\n",
            "case.yml:1:5: $: '?' directly before text is read as part of the text "
            "by YAML 1.2 but as a key marker by other parsers; put the text in quotes, or a space "
            "after '?'",
        ),
    ],
)
def test_what_yaml_1_2_reads_differently_is_refused_with_a_precise_message(text, expected):
    for fast in (True, False):
        assert _load(text, fast=fast) == (False, expected)


def test_what_yaml_1_2_reads_the_same_is_still_accepted():
    text = (
        "tags: [a, b,\n  c]  # note\nq: 'one\n  two' # c\nb: |\n\n  x\nk: {? a : 1}\n"
        "nested:\n- [x,\n   y]\nlast: |\n  kept"
    )
    for fast in (True, False):
        assert _load(text, fast=fast) == (
            True,
            {
                "tags": ["a", "b", "c"],
                "q": "one two",
                "b": "\nx\n",
                "k": {"a": 1},
                "nested": [["x", "y"]],
                "last": "kept\n",
            },
        )
