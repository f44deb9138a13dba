"""The offline map: geometry helpers, the map page and the locator map on case pages.

Pages are rendered straight from a Renderer (no MkDocs build): the map page's HTML is parsed
and checked. The browser checks (points drawn, a point leads to its case) are in
test_offline.py, on a real build.
"""

from __future__ import annotations

import datetime
import re

import pytest
import yaml
from bs4 import BeautifulSoup

from casebook import geo
from casebook.pages import map as map_page
from casebook.project import Project
from casebook.render import Renderer
from conftest import EXAMPLES, make_project

NASTY_TITLE = 'Harbour <script>alert("x")</script> & "friends": a fixture'


def variant(case_id: str, title: str, *, coordinates=None, **place) -> str:
    """The valid example case under another id and title, with other coordinates."""
    data = yaml.safe_load((EXAMPLES / "valid" / "riverton-listening.yml").read_text())
    data.update(id=case_id, title=title)
    data["place"].update(place)
    if coordinates is None:
        data["place"].pop("coordinates")
    else:
        data["place"]["coordinates"] = coordinates
    data["place"]["country"] = place.get("country", "NO")
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# Three cases: the example (Norway), one with a hostile title (Kenya), one without a place.
CASES = {
    "harbour-nasty.yml": variant(
        "harbour-nasty",
        NASTY_TITLE,
        name="Mombasa",
        country="KE",
        region="sub-saharan-africa",
        coordinates={"lat": -4.05, "lon": 39.67},
    ),
    "nowhere-national.yml": variant(
        "nowhere-national", "Fixture: a national programme", name="Whole country"
    ),
}


@pytest.fixture(scope="module")
def renderer(tmp_path_factory) -> Renderer:
    root = make_project(tmp_path_factory.mktemp("map") / "project", cases=CASES)
    return Renderer(Project(root).catalog(), today=datetime.date(2026, 12, 1))


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_every_case_with_coordinates_is_a_linked_point_named_by_its_title(renderer):
    page = _soup(map_page.render_map(renderer))
    for layout in ("narrow", "wide"):  # each layout of the world map holds every point
        pins = page.select(f".cb-pinmap--world .cb-pins--{layout} li.cb-pin")
        points = {a.get_text(): a["href"] for pin in pins for a in pin.select(".cb-pin__card a")}
        assert points == {
            "Fixture: a city listens before it plans": "case-studies/riverton-listening.html",
            NASTY_TITLE: "case-studies/harbour-nasty.html",
        }
        names = sorted(pin.select_one(".cb-pin__name").get_text() for pin in pins)
        assert names == ["Mombasa, Kenya: 1 case study", "Riverton, Norway: 1 case study"]
    assert page.find("script") is None  # the hostile title stayed text


def test_cases_without_coordinates_are_listed_not_dropped(renderer):
    page = _soup(map_page.render_map(renderer))
    unplaced = page.find(id="not-on-the-map").find_next("ul")
    assert [a["href"] for a in unplaced.select("a")] == ["case-studies/nowhere-national.html"]
    placed = page.find(id="places-on-the-map").find_next("ul")
    assert len(placed.select("a")) == 2  # the text alternative lists every point


def test_locator_map_on_case_pages_only_with_coordinates(renderer):
    catalog = renderer.catalog
    with_place = _soup(renderer.case_page(catalog.by_id["riverton-listening"]))
    svg = with_place.select_one(".cb-facts svg.cb-map--locator")
    assert svg is not None and svg["aria-label"] == "Map: Riverton, Norway"
    assert len(str(svg)) < 8_000  # case pages must stay small
    numbers = re.findall(r"-?\d+(?:\.\d+)?", " ".join(p["d"] for p in svg.select("path")))
    assert numbers and all(len(n.partition(".")[2]) <= 1 for n in numbers)
    without = _soup(renderer.case_page(catalog.by_id["nowhere-national"]))
    assert without.select(".cb-facts svg") == []


def test_locator_map_shades_the_case_country():
    svg = _soup(geo.locator_map(59.9, 10.7, "NO", label="Oslo"))
    shaded = svg.select_one("path.cb-map__here")["d"]
    assert shaded.count("M") >= 1  # Norway is drawn, in its own shade


def test_colours_follow_the_theme_not_fixed_white():
    style = _soup(geo.world_map([], label="x")).find("style").get_text()
    assert "var(--md-default-fg-color" in style and "var(--md-accent-fg-color" in style


def test_equal_earth_is_centred_and_symmetric():
    assert geo.equal_earth(0, 0) == (0, 0)
    x, y = geo.equal_earth(90, 45)
    assert geo.equal_earth(-90, -45) == pytest.approx((-x, -y))
    assert 2.70 < geo.equal_earth(180, 0)[0] < 2.71  # the projection's published half-width


def test_clip_keeps_a_polygon_inside_the_box():
    square = [(-5.0, -5.0), (15.0, -5.0), (15.0, 15.0), (-5.0, 15.0)]
    clipped = geo.clip(square, (0, 0, 10, 10))
    assert sorted(set(clipped)) == [(0, 0), (0, 10), (10, 0), (10, 10)]


def test_points_close_together_are_pushed_apart_so_each_can_be_clicked():
    crowd = [(100.0, 100.0)] * 3 + [(104.0, 101.0), (300.0, 50.0)]
    placed = geo._spread(crowd, gap=13)
    for i, (x1, y1) in enumerate(placed):
        for x2, y2 in placed[i + 1 :]:
            assert ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5 >= 13
    assert placed[-1] == (300.0, 50.0)  # a point on its own stays where it is


def test_simplify_keeps_the_shape_of_a_closed_ring():
    ring = [(0.0, 0.0), (5.0, 0.01), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0)]
    assert geo.simplify(ring, 0.5) == [
        (0.0, 0.0),
        (10.0, 0.0),
        (10.0, 10.0),
        (0.0, 10.0),
        (0.0, 0.0),
    ]


def test_outlines_come_from_the_installed_package():
    outlines = geo.countries()
    assert {"NO", "KE", "BR", "AU"} <= outlines.keys() and "AQ" not in outlines
