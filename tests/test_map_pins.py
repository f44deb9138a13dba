"""Issue 15, a map a thumb can use: pins of at least 24 × 24 CSS px at every width that never
overlap, clusters with a count that open a list, names shown on focus and tap, a Europe
inset, keyboard operable, and the records without a point named with the reason."""

from __future__ import annotations

import datetime
import itertools
import random
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casebook import pins
from casebook.pages import map as map_page
from casebook.project import Project
from casebook.render import Renderer
from conftest import REPO
from front_build import build_project_copy


def test_cluster_centres_end_at_least_the_gap_apart():
    rng = random.Random(15)
    points = [(rng.uniform(0, 300), rng.uniform(0, 200)) for _ in range(500)]
    points += [(50.0, 50.0)] * 200  # a crowd at one place
    groups = pins.cluster(points, gap=20)
    assert sorted(i for g in groups for i in g) == list(range(len(points)))  # none lost
    centres = [
        (sum(points[i][0] for i in g) / len(g), sum(points[i][1] for i in g) / len(g))
        for g in groups
    ]
    for (x1, y1), (x2, y2) in itertools.combinations(centres, 2):
        assert ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5 >= 20
    assert pins.cluster([(0.0, 0.0), (100.0, 0.0)], gap=20) == [[0], [1]]  # apart stays apart


@pytest.fixture(scope="module")
def real_map() -> BeautifulSoup:
    catalog = Project(REPO).catalog()
    renderer = Renderer(catalog, today=datetime.date(2026, 12, 1))
    return BeautifulSoup(map_page.render_map(renderer), "html.parser"), catalog


def test_every_placed_record_is_in_each_layout_and_the_europe_inset(real_map):
    page, catalog = real_map
    placed = {f"case-studies/{c.id}.html" for c in catalog.cases if c.coordinates}
    for layout in page.select(".cb-pinmap--world ul.cb-pins"):
        links = {a["href"] for a in layout.select(".cb-pin__card ul a")}
        more = sum(int(p.get_text().split()[0]) for p in layout.select(".cb-pin__more"))
        counted = sum(int(s.get_text() or 1) for s in layout.select(".cb-pin__count"))
        assert counted == len(placed)
        assert len(links) + more == len(placed) and links <= placed
    europe = page.select(".cb-pinmap--europe ul.cb-pins--narrow .cb-pin__count")
    in_europe = sum(c.region == "europe" for c in catalog.cases if c.coordinates)
    assert sum(int(s.get_text() or 1) for s in europe) >= in_europe - 1  # Iceland may fall out


def test_records_without_a_point_are_named_with_the_reason(real_map):
    page, catalog = real_map
    unplaced = page.find(id="not-on-the-map").find_next("ul").select("li")
    expected = sorted(f"case-studies/{c.id}.html" for c in catalog.cases if not c.coordinates)
    assert sorted(li.a["href"] for li in unplaced) == expected
    assert all("no coordinates" in li.select_one(".cb-note").get_text() for li in unplaced)


# ---------------------------------------------------------------- in the browser


@pytest.fixture(scope="module")
def map_url(tmp_path_factory) -> str:
    """The real project's map page, built."""
    root = build_project_copy(tmp_path_factory.mktemp("pins") / "project")
    return (root / "site" / "map.html").as_uri()


def visible_pins(page) -> list[dict]:
    return [s.bounding_box() for s in page.locator(".cb-pins summary:visible").all()]


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 360, 600, 800, 1280, 1920])
def test_every_pin_is_a_24_px_target_and_none_overlap(map_url, visit, width):
    page = visit(map_url, width=width, height=800).page
    for key in ("world", "europe"):
        boxes = [
            s.bounding_box()
            for s in page.locator(f".cb-pinmap--{key} .cb-pins summary:visible").all()
        ]
        assert len(boxes) >= 5, f"{key}: pins missing at {width} px"
        for box in boxes:
            assert box["width"] >= 24 and box["height"] >= 24, box
        for a, b in itertools.combinations(boxes, 2):
            apart = (
                a["x"] + a["width"] <= b["x"]
                or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"]
                or b["y"] + b["height"] <= a["y"]
            )
            assert apart, f"{key}: pins overlap at {width} px: {a} {b}"
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.browser
def test_a_cluster_shows_its_count_and_a_tap_opens_its_list(map_url, visit):
    page = visit(map_url, width=360, height=740, is_mobile=True, has_touch=True).page
    cluster = page.locator(".cb-pinmap--world .cb-pin--many summary:visible").first
    count = int(cluster.locator(".cb-pin__count").inner_text())
    assert count >= 2
    cluster.tap()
    card = page.locator(".cb-pinmap--world details[open] .cb-pin__card")
    assert card.is_visible()
    listed = card.locator("ul a").count()
    more = card.locator(".cb-pin__more")
    assert listed == count or (more.count() and listed + int(more.inner_text().split()[0]) == count)
    assert card.locator(".cb-pin__place").inner_text()  # the place's name, visible on tap
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.browser
def test_pins_are_reached_and_opened_by_keyboard_with_the_name_shown(map_url, visit):
    page = visit(map_url, width=1280, height=800).page
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.cb-pin summary')"):
            break
    else:
        raise AssertionError("Tab never reached a map pin")
    name = page.locator(".cb-pin summary:focus .cb-pin__name")
    box = name.bounding_box()
    assert box["width"] > 40 and box["height"] > 10, "the place name shows on focus"
    page.keyboard.press("Enter")
    card = page.locator("details[open] .cb-pin__card")
    assert card.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.cb-pin__card') !== null")
    page.keyboard.press("Escape")  # closes the card, focus back on its pin
    assert not card.is_visible()
    assert page.evaluate("document.activeElement.matches('.cb-pin summary')")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    href = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + href.removeprefix("./"))
    assert Path(page.url).name == Path(href).name
