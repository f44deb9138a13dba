"""Hostile or careless YAML: every file is either loaded exactly as meant or rejected with a
precise `file:line:col: $.path: message`, identically with libyaml and the pure-Python parser.
Then ids, file names and text rules that only validation (not the loader) can check."""

from __future__ import annotations

import contextlib
import os
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.loader import MAX_BYTES, load_bytes, load_file
from casebook.problems import CasebookError
from casebook.validate import Schema, validate_paths
from conftest import EXAMPLES, REPO

VALID = (EXAMPLES / "valid" / "riverton-listening.yml").read_text(encoding="utf-8")


def outcome(raw: bytes, fast: bool) -> tuple:
    try:
        document = load_bytes(raw, "x.yml", fast=fast)
    except CasebookError as error:
        return ("error", str(error))
    return ("ok", document.data, document.positions, document.key_positions)


def load(raw: bytes) -> tuple:
    """Load with both parsers; they must agree on data, positions and every message."""
    fast, slow = outcome(raw, True), outcome(raw, False)
    assert fast == slow
    return fast


def data(raw: bytes) -> object:
    result = load(raw)
    assert result[0] == "ok", result
    return result[1]


def error(raw: bytes) -> str:
    result = load(raw)
    assert result[0] == "error", result
    return result[1]


# ---------------------------------------------------------------- implicit typing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NO", "NO"),
        ("no", "no"),
        ("yes", "yes"),
        ("Yes", "Yes"),
        ("off", "off"),
        ("on", "on"),
        ("y", "y"),
        ("012", "012"),
        ("0o17", "0o17"),
        ("0x1F", "0x1F"),
        ("12:30", "12:30"),
        ("1:10:05", "1:10:05"),
        ("2024-01-15", "2024-01-15"),
        ("2024-01-15T10:00:00Z", "2024-01-15T10:00:00Z"),
        (".nan", ".nan"),
        (".NaN", ".NaN"),
        (".inf", ".inf"),
        ("-.inf", "-.inf"),
        ("1_000", "1_000"),
        ("1.10", 1.1),
        ("1e3", 1000.0),
        ("-0.5", -0.5),
        ("42", 42),
        ("-7", -7),
        ("0", 0),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("1e999", "1e999"),  # would be float('inf'), which is not JSON
        ("1" * 5000, "1" * 5000),  # int() refuses more than 4300 digits
    ],
)
def test_plain_scalars_follow_a_strict_core_schema(text, expected):
    value = data(f"a: {text}\n".encode())["a"]
    assert value == expected and type(value) is type(expected)


def test_quoted_scalars_are_always_text():
    assert data(b"a: 'NO'\nb: \"012\"\nc: '1.10'\nd: \"true\"\n") == {
        "a": "NO",
        "b": "012",
        "c": "1.10",
        "d": "true",
    }


def test_implicitly_typed_value_gets_a_fix_in_validation(tmp_path):
    text = VALID.replace('title: "Fixture: a city listens before it plans"', "title: 1.10")
    problems = validate(tmp_path, {"riverton-listening.yml": text})
    assert problems == [
        "case_studies/riverton-listening.yml:3:8: $.title: expected text, got "
        "the number 1.1; put the value in quotes so it is read as text"
    ]


# ---------------------------------------------------------------- structure


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b"a: 1\nb: 2\na: 3\n", "x.yml:3:1: $.a: duplicate key 'a' (first at line 1)"),
        (b"p:\n  q: 1\n  q: 2\n", "x.yml:3:3: $.p.q: duplicate key 'q' (first at line 2)"),
        (b"1: a\n", "x.yml:1:1: $: key '1' is read as the number 1, not text"),
        (b"p:\n  true: a\n", "x.yml:2:3: $.p: key 'true' is read as the boolean true, not text"),
        (b"~: a\n", "x.yml:1:1: $: key '~' is read as nothing (an empty value), not text"),
        (b"? [a, b]\n: c\n", "x.yml:1:3: $: keys must be plain words such as 'title'"),
        (b"a: &x 1\nb: *x\n", "x.yml:1:4: $.a: anchor &x is not allowed"),
        (b"a: 1\nb: *x\n", "x.yml:2:4: $.b: alias *x is not allowed"),
        (b"a: {x: 1}\nb:\n  <<: {y: 2}\n", "x.yml:3:3: $.b: merge keys (<<) are not allowed"),
        (
            b"a: !!python/object/apply:os.system [echo pwned]\n",
            "x.yml:1:4: $.a: explicit tag tag:yaml.org,2002:python/object/apply:os.system is not "
            "allowed",
        ),
        (b"a: !!binary aGVsbG8=\n", "x.yml:1:4: $.a: explicit tag tag:yaml.org,2002:binary is not"),
        (b"a: !!set {x, y}\n", "x.yml:1:4: $.a: explicit tag tag:yaml.org,2002:set is not allowed"),
        (b"a: !!str 12\n", "x.yml:1:4: $.a: explicit tag tag:yaml.org,2002:str is not allowed"),
        (b"!!str k: v\n", "x.yml:1:1: $: explicit tag tag:yaml.org,2002:str is not allowed"),
        (b"a: !local x\n", "x.yml:1:4: $.a: explicit tag !local is not allowed"),
        (
            b"a:\n\tb: 1\n",
            "x.yml:2:1: $: YAML syntax error: while scanning for the next token "
            "found character '\\t' that cannot start any token",
        ),
        (b"", "x.yml:1:1: $: file is empty"),
        (b"# only a comment\n", "x.yml:1:1: $: file is empty"),
        (b"a: 1\n---\nb: 2\n", "x.yml:2:1: $: a file holds one case study: remove the second"),
        (
            b"- a\n- b\n",
            "x.yml:1:1: $: the top level must be a mapping of fields such as 'id: …' "
            "and 'title: …', not a list",
        ),
        (
            b"just text\n",
            "x.yml:1:1: $: the top level must be a mapping of fields such as 'id: …' "
            "and 'title: …', not the text 'just text'",
        ),
        (b"a: [1, 2\n", "x.yml:2:1: $: YAML syntax error:"),
    ],
)
def test_structure_problems(raw, fragment):
    assert fragment in error(raw)


def test_billion_laughs_fails_at_the_first_anchor_without_expanding():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]"
        for i in range(8)
    ]
    message = error(("\n".join(lines) + "\n").encode())
    assert (
        message == "x.yml:1:4: $.a: anchor &a is not allowed; write values out in full "
        "instead of reusing them"
    )


@pytest.mark.parametrize(
    "raw",
    [
        b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n",
        b"a: " + b"{b: " * 500 + b"1" + b"}" * 500 + b"\n",
        b"".join(b"  " * i + b"k:\n" for i in range(200)) + b"  " * 200 + b"v\n",
    ],
)
def test_deep_nesting_is_refused_at_the_cap(raw):
    assert "nested more than 12 levels deep" in error(raw)


def test_a_huge_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.yml"
    path.write_bytes(b"a: '" + b"x" * (MAX_BYTES + 10) + b"'\n")
    with pytest.raises(CasebookError) as raised:
        load_file(str(path), "case_studies/huge.yml")
    assert str(raised.value).startswith("case_studies/huge.yml:1:1: $: file is larger than 256 KB")
    assert "file is larger than 256 KB" in error(path.read_bytes())


# ---------------------------------------------------------------- bytes and characters


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b"a: caf\xe9\n", "x.yml:1:7: $: byte 0xe9 is not valid UTF-8; save the file as UTF-8"),
        (b"a: ok\nb: \xff\xfe\n", "x.yml:2:4: $: byte 0xff is not valid UTF-8"),
        ("a: 1\n".encode("utf-16"), "x.yml:1:1: $: byte 0xff is not valid UTF-8"),
        (b"a: x\x07y\n", "x.yml:1:5: $: U+0007 is an invisible control character"),
        (b"a: x\x00\n", "x.yml:1:5: $: U+0000 is an invisible control character"),
        ("a: x\u0085\n".encode(), "x.yml:1:5: $: U+0085 is an invisible control character"),
        ("a: abc\u202eevil\n".encode(), "x.yml:1:7: $: U+202E is a bidirectional-override"),
        ("a: \u2066x\u2069\n".encode(), "x.yml:1:4: $: U+2066 is a bidirectional-override"),
        (b'a: "\\x07"\n', "x.yml:1:4: $.a: U+0007 is an invisible control character"),
        (b'a: "\\u202E"\n', "x.yml:1:4: $.a: U+202E is a bidirectional-override"),
        (b'a: "\\ud800"\n', "x.yml:1:4: $.a: U+D800 is a lone surrogate, which is not a character"),
        (b'a: "\\udc00x"\n', "x.yml:1:4: $.a: U+DC00 is a lone surrogate"),
        (b'"\\ud800": 1\n', "x.yml:1:1: $: U+D800 is a lone surrogate"),
    ],
)
def test_character_problems(raw, fragment):
    assert fragment in error(raw)


def test_bom_is_tolerated_and_positions_are_unchanged():
    assert load(b"\xef\xbb\xbfa: 1\nb: x\n") == load(b"a: 1\nb: x\n")


def test_crlf_line_ends_are_fine():
    assert data(b"a: 1\r\nb: two\r\n") == {"a": 1, "b": "two"}


@pytest.mark.parametrize(
    "text",
    [
        "x\u200dy",
        "x\u200by",
        "x\u200cy",
        "\u0928\u094d\u200d",
        "\U0001f469\u200d\U0001f467",
        "caf\u0065\u0301",
    ],
)
def test_zero_width_and_combining_characters_are_kept_in_text(text):
    assert data(f"a: {text}\n".encode()) == {"a": text}  # ZWJ is part of many scripts


def test_every_value_keeps_its_position():
    loaded = load(b"a:\n  - x\n  - {b: 'y'}\n")
    assert loaded[2][("a", 1, "b")] == (3, 9) and loaded[3][("a", 1, "b")] == (3, 6)


# ---------------------------------------------------------------- ids and file names


def validate(
    root: Path,
    files: dict[str, str],
    links: dict[str, Path] | None = None,
    given: list[Path] | None = None,
) -> list[str]:
    shutil.copytree(REPO / "schema", root / "schema", dirs_exist_ok=True)
    folder = root / "case_studies"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    for name, target in (links or {}).items():
        os.symlink(target, folder / name)
    report = validate_paths(given or [folder], Schema.load(root / "schema"), root=root)
    return [str(p) for p in report.problems]


def with_id(case_id: str) -> str:
    return VALID.replace("id: riverton-listening", f"id: {case_id}")


F = "case_studies/riverton-listening.yml"
NOT_AN_ID = "is not a valid id: use lowercase letters a-z, digits and single hyphens"


@pytest.mark.parametrize(
    ("case_id", "expected"),
    [
        ("../../etc", f"{F}:2:5: $.id: '../../etc' {NOT_AN_ID}, e.g. 'etc'"),
        ("/etc/passwd", f"{F}:2:5: $.id: '/etc/passwd' {NOT_AN_ID}, e.g. 'etc-passwd'"),
        ("'..\\windows'", f"{F}:2:5: $.id: '..\\\\windows' {NOT_AN_ID}, e.g. 'windows'"),
        (
            "riverton-listening.",
            f"{F}:2:5: $.id: 'riverton-listening.' {NOT_AN_ID}, e.g. 'riverton-listening'",
        ),
        (
            "Riverton-Listening",
            f"{F}:2:5: $.id: 'Riverton-Listening' {NOT_AN_ID}, e.g. 'riverton-listening'",
        ),
        (
            "\uff52iverton-listening",
            f"{F}:2:5: $.id: '\uff52iverton-listening' {NOT_AN_ID}, e.g. 'riverton-listening'",
        ),
        (
            '"riverton\u200d-listening"',
            f"{F}:2:5: $.id: 'riverton\\u200d-listening' {NOT_AN_ID}, e.g. 'riverton-listening'",
        ),
    ],
)
def test_unsafe_ids_get_one_precise_problem(tmp_path, case_id, expected):
    assert validate(tmp_path, {"riverton-listening.yml": with_id(case_id)}) == [expected]


@pytest.mark.parametrize("name", ["con", "nul", "com1", "lpt9", "aux", "prn"])
def test_reserved_device_names(tmp_path, name):
    assert validate(tmp_path, {f"{name}.yml": with_id(name)}) == [
        f"case_studies/{name}.yml:2:5: $.id: '{name}' is a reserved name; choose a more specific "
        f"id such as '{name}-city'"
    ]


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("oslo..yml", "oslo.yml"),
        ("\uff4f\uff53\uff4c\uff4f.yml", "oslo.yml"),
        ("Oslo-Salto.yml", "oslo-salto.yml"),
        (".hidden.yml", "hidden.yml"),
    ],
)
def test_unsafe_file_names(tmp_path, name, suggestion):
    problems = validate(tmp_path, {name: VALID})
    assert (
        f"case_studies/{name}:1:1: $: file name {name!r} is not a valid id; use lowercase "
        f"a-z, digits and hyphens, e.g. {suggestion}" in problems
    )


def test_case_insensitive_file_collision(tmp_path):
    problems = validate(
        tmp_path, {"Oslo-Salto.yml": with_id("oslo-salto"), "oslo-salto.yml": with_id("oslo-salto")}
    )
    assert (
        "case_studies/oslo-salto.yml:1:1: $: file name 'oslo-salto.yml' differs from "
        "'Oslo-Salto.yml' only by letter case or Unicode form; keep one of the two files"
        in problems
    )
    assert (
        "case_studies/oslo-salto.yml:2:5: $.id: id 'oslo-salto' is already used by "
        "case_studies/Oslo-Salto.yml; ids must be unique (ignoring case)" in problems
    )


def test_nfc_nfd_file_name_twins(tmp_path):
    nfc, nfd = unicodedata.normalize("NFC", "café.yml"), unicodedata.normalize("NFD", "café.yml")
    problems = validate(tmp_path, {nfc: with_id("cafe"), nfd: with_id("cafe")})
    assert any(
        "differs from" in p
        and "'caf\\xe9.yml'" in p
        and "'cafe\\u0301.yml'" in p
        and "only by letter case or Unicode form" in p
        for p in problems
    )
    assert not any("set id: caf" in p for p in problems)  # never advise an invalid id


def test_id_differs_from_file_name(tmp_path):
    assert validate(tmp_path, {"riverton-listening.yml": with_id("elsewhere")}) == [
        f"{F}:2:5: $.id: id 'elsewhere' differs from the file name 'riverton-listening'; rename "
        "the file to elsewhere.yml or set id: riverton-listening"
    ]


def test_same_id_in_two_files(tmp_path):
    problems = validate(tmp_path, {"aa.yml": with_id("bb"), "bb.yml": with_id("bb")})
    assert (
        "case_studies/bb.yml:2:5: $.id: id 'bb' is already used by case_studies/aa.yml; "
        "ids must be unique (ignoring case)" in problems
    )


def test_symlinked_case_file_is_refused_and_not_read(tmp_path):
    secret = tmp_path / "outside.yml"
    secret.write_text(VALID, encoding="utf-8")
    problems = validate(tmp_path / "p", {}, links={"riverton-listening.yml": secret})
    assert problems == [
        f"{F}:1:1: $: is a symbolic link; commit the case study itself as a regular file"
    ]


def test_text_fields_refuse_controls_but_keep_zero_width_joiners(tmp_path):
    zwj = VALID.replace("name: Riverton\n", 'name: "River\u200dton"\n')
    assert validate(tmp_path / "a", {"riverton-listening.yml": zwj}) == []
    bidi = VALID.replace("name: Riverton\n", 'name: "River\\u202Eton"\n')
    assert validate(tmp_path / "b", {"riverton-listening.yml": bidi}) == [
        f"{F}:9:9: $.place.name: U+202E is a bidirectional-override character, which can make "
        "text display differently; delete it (it is often pasted in from other documents)"
    ]


# ---------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_raise_anything_but_casebook_error(raw):
    for fast in (True, False):
        with contextlib.suppress(CasebookError):
            load_bytes(raw, "x.yml", fast=fast)


_YAMLISH = st.text(
    alphabet=st.sampled_from(
        list(":-[]{}&*!|>'\"%@`#,? \n\t\\~.0123456789eEabxyzNO\u2028\u200d\ud800\x00\ufeff")
    ),
    max_size=120,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=200), _YAMLISH))
def test_arbitrary_text_never_raises_anything_but_casebook_error(text):
    # Identical results are not asserted here: on malformed corner cases (">#") libyaml and
    # the pure-Python parser disagree on whether the text is YAML at all.
    raw = text.encode("utf-8", "surrogatepass")
    for fast in (True, False):
        with contextlib.suppress(CasebookError):
            load_bytes(raw, "x.yml", fast=fast)


_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=30)
    | st.sampled_from(
        [
            "NO",
            "012",
            "1.10",
            "12:30",
            "2024-01-15",
            ".nan",
            "0x1F",
            "~",
            "<<",
            "&a",
            "*a",
            "!!str",
            "--8<--",
            "</script>",
            "\u2028",
            "x\u200dy",
        ]
    ),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(min_size=1, max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(st.text(min_size=1, max_size=10), _VALUES, min_size=1, max_size=5),
    st.booleans(),
)
def test_well_formed_yaml_loads_identically_with_both_parsers(value, flow):
    """Whatever a YAML serialiser writes, both parsers give the same data or the same errors."""
    raw = yaml.safe_dump(value, allow_unicode=True, default_flow_style=flow).encode()
    load(raw)
