"""Issue 18, validate => build: what validation accepts renders (a Hypothesis property over
valid-but-nasty Markdown), rendering errors name the file and the field, the print page leaves
the reader's text alone, the map keeps every point inside the picture, and links, pipes and
devices under content/ stop the build with a message. Render time is measured in
benchmarks/render_worst_case.py, not asserted here."""

from __future__ import annotations

import datetime
import json
import os
import re
import sys

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook import geo
from casebook.loader import load_bytes
from casebook.model import Catalog
from casebook.render import Renderer, RenderError
from casebook.safe_markdown import SafeMarkdown
from casebook.schema import Schema
from casebook.validate import validate_document
from conftest import EXAMPLES, REPO, make_project, parse, run_build
from test_hardening_input import hang_guard

VALID = (EXAMPLES / "valid" / "riverton-listening.yml").read_text(encoding="utf-8")
CONTEXT = "  context: The imaginary city wanted to *understand* local tensions [1].\n"
assert CONTEXT in VALID, "the valid example changed: update CONTEXT, or these tests test nothing"
SCHEMA = Schema.load(REPO / "schema")
NAME = "case_studies/riverton-listening.yml"


def case_file(context: str) -> bytes:
    """The valid example with narrative.context = context (a JSON string is YAML too)."""
    return VALID.replace(CONTEXT, f"  context: {json.dumps(context)}\n").encode("utf-8")


def render(raw: bytes) -> tuple[list, str | None]:
    """(problems, None) if validation refuses the file, else ([], the case page's HTML)."""
    document = load_bytes(raw, NAME)
    problems = validate_document(document, SCHEMA)
    if problems:
        return problems, None
    catalog = Catalog.build([document], SCHEMA.vocabularies)
    renderer = Renderer(catalog, today=datetime.date(2026, 12, 1))
    return [], renderer.case_page(catalog.cases[0])


# ---------------------------------------------------------------- the property

_PUNCTUATION = "[]()*_`<>!#\\-+|&~=:.;\"' \n\t0123456789ax"
_run = st.builds(
    lambda char, count: char * count, st.sampled_from(list(_PUNCTUATION)), st.integers(1, 6_000)
)
_nested = st.builds(
    lambda marker, depth, text: marker * depth + text,
    st.sampled_from(["- ", "> ", "1. ", "* ", "    ", "- > ", "+\t", "> - "]),
    st.integers(1, 600),
    st.sampled_from(["x", "[a](https://e.org)", "*b*"]),
)
_emphasis = st.builds(
    lambda marks, depth: marks * depth + "x" + marks * depth,
    st.sampled_from(["*", "_", "**", "***", "`", "[", "*_"]),
    st.integers(1, 2_000),
)
_table = st.builds(
    lambda columns, rows: ("|" + "a|" * columns + "\n") * rows,
    st.integers(1, 40),
    st.integers(1, 600),
)
_links = st.builds(
    lambda link, count, sep: (link + sep) * count,
    st.sampled_from(
        [
            "[a](https://example.org)",
            "[a][b]",
            "<https://e.org>",
            "[a]( ",
            "![i](x)",
            "[[card:x]]",
            "&#x202E;",
            "&amp;",
        ]
    ),
    st.integers(1, 1_500),
    st.sampled_from([" ", "\n", "\n\n", ""]),
)
_noise = st.text(alphabet=st.sampled_from(list(_PUNCTUATION)), max_size=400)
_piece = st.one_of(_run, _nested, _emphasis, _table, _links, _noise)
NASTY = st.lists(_piece, min_size=1, max_size=4).map("\n".join).map(lambda t: t[:20_000])


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(NASTY)
def test_validation_refuses_with_a_message_or_the_page_renders(context):
    with hang_guard(120):
        problems, html = render(case_file(context))
    if problems:
        for problem in problems:
            assert problem.file == NAME and problem.line >= 1 and problem.message
            assert str(problem).count("\n") == 0
        return
    page = BeautifulSoup(html, "html.parser")
    assert page.find(id="context") is not None
    assert page.find("h1").get_text(strip=True)


def test_the_worst_accepted_inputs_render():
    """Hand-made inputs just inside each limit (the benchmark times the same ones)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from render_worst_case import WORST_ACCEPTED

    for name, context in WORST_ACCEPTED.items():
        with hang_guard(120):
            problems, html = render(case_file(context))
        assert problems == [], (name, [str(p) for p in problems])
        assert BeautifulSoup(html, "html.parser").find(id="context") is not None, name


def test_a_rendering_error_names_the_file_and_the_field(monkeypatch):
    def overflow(self, text):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(SafeMarkdown, "convert", overflow)
    with pytest.raises(RenderError) as raised:
        render(VALID.encode("utf-8"))
    assert str(raised.value).startswith(
        f"{NAME}: $.narrative.context: this text could not be "
        "converted from Markdown (RecursionError)"
    )


# ---------------------------------------------------------------- one real build


def with_context(text: str, case_id: str = "riverton-listening", **place) -> str:
    data = VALID.replace(CONTEXT, f"  context: {json.dumps(text)}\n")
    data = data.replace("id: riverton-listening", f"id: {case_id}")
    for value in place.values():
        data = data.replace("coordinates: {lat: 59.9, lon: 10.7}", f"coordinates: {value}")
    return data


QUOTED_MARKUP = (
    'Write id="intro" or href="page.html" in a paragraph, or even <h1 id="x">, and it stays text.'
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    cases = {
        "riverton-listening.yml": with_context(QUOTED_MARKUP),
        "north-edge.yml": with_context(
            "Far north.", "north-edge", coordinates="{lat: 89.9, lon: 180}"
        ),
        "south-edge.yml": with_context(
            "Far south.", "south-edge", coordinates="{lat: -90, lon: -180}"
        ),
    }
    root = make_project(tmp_path_factory.mktemp("render") / "project", cases=cases, examples=False)
    run_build(root)
    return root


def test_the_case_page_leaves_the_readers_text_alone(site):
    # Case studies print from their own page (issue 15: print.html holds the guide only).
    page = parse(site / "site" / "case-studies" / "riverton-listening.html")
    context = page.find(id="context").find_next("p")
    assert context.get_text() == QUOTED_MARKUP
    assert parse(site / "site" / "print.html").find(id="case-riverton-listening") is None


def test_every_valid_coordinate_draws_inside_the_map(site):
    page = parse(site / "site" / "map.html")
    for layout in page.select(".cb-pinmap--world ul.cb-pins"):  # pins are HTML over the SVG
        pins = layout.select("li.cb-pin")
        assert len(pins) == 3  # the two edges and Riverton
        for pin in pins:
            left, top = (float(v) for v in re.findall(r"(-?[\d.]+)%", pin["style"]))
            assert 0 <= left <= 100 and 0 <= top <= 100


def test_many_cases_at_one_point_are_all_drawn_apart_inside_the_map():
    points = [geo.Point(-60.0, 0.0, f"#{i}", f"p{i}", f"p{i}") for i in range(300)]
    svg = BeautifulSoup(geo.world_map(points, label="x"), "html.parser").find("svg")
    _, _, width, height = (float(v) for v in svg["viewbox"].split())
    centres = [(float(c["cx"]), float(c["cy"])) for c in svg.select("a circle")]
    assert len(centres) == 300 and len(set(centres)) == 300
    assert all(0 <= x <= width and 0 <= y <= height for x, y in centres)


def test_links_pipes_and_devices_under_content_stop_the_build(tmp_path):
    root = make_project(tmp_path / "project")
    outside = tmp_path / "secret.txt"
    outside.write_text("a CI runner's secret\n", encoding="utf-8")
    (root / "content" / "leak.txt").symlink_to(outside)
    os.mkfifo(root / "content" / "pipe.md")
    result = run_build(root, check=False)
    assert result.returncode != 0
    assert re.search(r"content/leak\.txt:1:1: \$: is a symbolic link", result.stderr)
    assert "content/pipe.md:1:1: $: is a named pipe (FIFO)" in result.stderr
    assert not (root / "site").exists()
