"""Offline maps: country outlines, projections and inline SVG, with no tile server or network.

Outlines come from the `countryinfo` package, which ships one JSON file per country with a
GeoJSON outline (Natural Earth derived, public domain; the package is MIT). They are read from
the installed package at build time and simplified here, so pages stay small.

Colours are CSS variables from Material with plain fallbacks, so the same SVG reads in the light
and dark schemes; print.css overrides them with greys for paper.
"""

from __future__ import annotations

import importlib.resources
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from markupsafe import Markup

Ring = list[tuple[float, float]]  # (lon, lat) pairs, or (x, y) once projected

# Antarctica takes a fifth of a world map's height and hosts no city government.
_LEFT_OUT = {"AQ"}
_NORTH, _SOUTH = 84.0, -57.0  # latitudes at the world map's top and bottom edges

_STYLE = Markup(
    "<style>"
    ".cb-map{display:block;width:100%;height:auto}"
    ".cb-map__land{fill:var(--md-default-fg-color--lighter,#bbb);"
    "stroke:var(--md-default-bg-color,#fff);stroke-width:.6;stroke-linejoin:round}"
    ".cb-map__here{fill:var(--md-default-fg-color--light,#777)}"
    ".cb-map__dot{fill:var(--md-accent-fg-color,#c2185b);"
    "stroke:var(--md-default-bg-color,#fff);stroke-width:1.5}"
    ".cb-map a:hover .cb-map__dot,.cb-map a:focus .cb-map__dot"
    "{fill:var(--md-primary-fg-color,#303f9f);stroke:currentColor;stroke-width:3}"
    "</style>"
)


# ---------------------------------------------------------------- outlines


@cache
def countries() -> dict[str, list[Ring]]:
    """ISO alpha-2 code -> outer rings of that country's outline, in (lon, lat)."""
    folder = importlib.resources.files("countryinfo") / "data"
    outlines: dict[str, list[Ring]] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        info = json.loads(entry.read_text(encoding="utf-8"))
        code = (info.get("ISO") or {}).get("alpha2")
        rings = list(_rings(info.get("geoJSON") or {}))
        if code and rings and code not in _LEFT_OUT:
            outlines.setdefault(code, []).extend(rings)
    return outlines


def _rings(collection: dict[str, Any]) -> Iterable[Ring]:
    for feature in collection.get("features", []):
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates", [])
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            if polygon:  # the outer ring only: lakes are not worth their bytes here
                yield [(float(lon), float(lat)) for lon, lat, *_ in polygon[0]]


# ---------------------------------------------------------------- geometry


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Equal Earth projection (Šavrič, Patterson, Jenny 2018), x to the right, y up."""
    a1, a2, a3, a4 = 1.340264, -0.081106, 0.000893, 0.003796
    m = math.sqrt(3) / 2
    theta = math.asin(m * math.sin(math.radians(lat)))
    t2, t6 = theta**2, theta**6
    x = math.radians(lon) * math.cos(theta) / (m * (a1 + 3 * a2 * t2 + t6 * (7 * a3 + 9 * a4 * t2)))
    y = theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
    return x, y


def simplify(ring: Ring, tolerance: float) -> Ring:
    """Douglas–Peucker: drop points closer than `tolerance` to the line they sit on."""
    if len(ring) < 4:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    # A closed ring starts and ends on one point: split it at the point farthest from there.
    x0, y0 = ring[0]
    far = max(range(len(ring)), key=lambda i: math.hypot(ring[i][0] - x0, ring[i][1] - y0))
    keep[far] = True
    stack = [(0, far), (far, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = ring[first], ring[last]
        length = math.hypot(x2 - x1, y2 - y1) or 1e-12
        farthest, distance = first, 0.0
        for i in range(first + 1, last):
            x, y = ring[i]
            d = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length
            if d > distance:
                farthest, distance = i, d
        if distance > tolerance:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(ring, keep, strict=True) if kept]


def clip(ring: Ring, box: tuple[float, float, float, float]) -> Ring:
    """Sutherland–Hodgman clipping of a polygon to the rectangle (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = box
    edges = ((0, x0, 1), (0, x1, -1), (1, y0, 1), (1, y1, -1))  # (axis, limit, inside side)
    for axis, limit, side in edges:
        if not ring:
            break
        inside = [(p[axis] - limit) * side >= 0 for p in ring]
        clipped: Ring = []
        for i, point in enumerate(ring):
            previous, was_in = ring[i - 1], inside[i - 1]
            if inside[i] != was_in:
                t = (limit - previous[axis]) / (point[axis] - previous[axis])
                cut = (
                    previous[0] + t * (point[0] - previous[0]),
                    previous[1] + t * (point[1] - previous[1]),
                )
                clipped.append(cut)
            if inside[i]:
                clipped.append(point)
        ring = clipped
    return ring


def path_data(rings: Iterable[Ring]) -> str:
    """SVG path data with coordinates rounded to one decimal and repeated points dropped."""
    parts = []
    for ring in rings:
        points: list[str] = []
        for x, y in ring:
            point = f"{x:.1f} {y:.1f}".replace(".0 ", " ").removesuffix(".0")
            if not points or points[-1] != point:
                points.append(point)
        if len(points) >= 3:
            parts.append("M" + "L".join(points) + "Z")
    return "".join(parts)


def _area(ring: Ring) -> float:
    return (
        abs(
            sum(
                x1 * y2 - x2 * y1
                for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)
            )
        )
        / 2
    )


# ---------------------------------------------------------------- maps


@dataclass(frozen=True)
class Point:
    """A place on a map: its link, the accessible name and a longer tooltip."""

    lat: float
    lon: float
    href: str
    name: str
    tooltip: str


@dataclass(frozen=True)
class WorldFrame:
    """Equal Earth scaled so the world (without Antarctica) is `width` units wide."""

    width: float = 1000.0

    @property
    def scale(self) -> float:
        return self.width / 2 / equal_earth(180, 0)[0]

    @property
    def top(self) -> float:
        return equal_earth(0, _NORTH)[1] * self.scale

    @property
    def height(self) -> float:
        return self.top + equal_earth(0, _SOUTH)[1] * -self.scale

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = equal_earth(lon, lat)
        return x * self.scale + self.width / 2, self.top - y * self.scale


def world_map(points: Sequence[Point], *, label: str) -> Markup:
    """The world with a linked marker per point; points too close together are pushed apart."""
    frame = WorldFrame()
    rings = []
    for outline in countries().values():
        for ring in outline:
            projected = simplify([frame.project(lon, lat) for lon, lat in ring], 0.9)
            if _area(projected) > 4:
                rings.append(projected)
    # The frame shows latitudes -57..84 (no Antarctica, no Arctic Ocean): a place beyond is
    # drawn at the nearest edge, and every marker stays inside the picture.
    radius = 6
    inside = (radius, radius, frame.width - radius, frame.height - radius)
    positions = _spread(
        [frame.project(p.lon, min(max(p.lat, _SOUTH), _NORTH)) for p in points],
        gap=13,
        bounds=inside,
    )
    markers = Markup("").join(
        _marker(p, x, y, radius) for p, (x, y) in zip(points, positions, strict=True)
    )
    return Markup(
        '<svg class="cb-map cb-map--world" viewBox="0 0 {w:.0f} {h:.0f}" role="group" '
        'aria-label="{label}">{style}<path class="cb-map__land" aria-hidden="true" d="{d}"/>'
        '<g class="cb-map__points">{markers}</g></svg>'
    ).format(
        w=frame.width,
        h=frame.height,
        label=label,
        style=_STYLE,
        d=path_data(rings),
        markers=markers,
    )


def locator_map(lat: float, lon: float, country: str, *, label: str) -> Markup:
    """A small map around one place, its country shaded, a dot on the place (~2–6 KB)."""
    width, height, span = 240.0, 150.0, 16.0  # span: degrees of latitude across the width
    scale = width / span
    stretch = max(math.cos(math.radians(lat)), 0.2)

    def project(point: tuple[float, float]) -> tuple[float, float]:
        return (
            width / 2 + (point[0] - lon) * stretch * scale,
            height / 2 - (point[1] - lat) * scale,
        )

    box = (-8.0, -8.0, width + 8, height + 8)  # clip just outside the frame: no seams show
    shaded: list[Ring] = []
    others: list[Ring] = []
    for code, ring, bounds in _locator_outlines():
        if not _overlaps(bounds, lat, lon, span / stretch, span):
            continue
        projected = simplify(clip([project(p) for p in ring], box), 0.6)
        (shaded if code == country else others).append(projected)
    return Markup(
        '<svg class="cb-map cb-map--locator" data-search-exclude '
        'viewBox="0 0 {w:.0f} {h:.0f}" role="img" aria-label="{label}">{style}'
        '<path class="cb-map__land" d="{others}"/>'
        '<path class="cb-map__land cb-map__here" d="{shaded}"/>'
        '<circle class="cb-map__dot" cx="{x:.0f}" cy="{y:.0f}" r="5"/></svg>'
    ).format(
        w=width,
        h=height,
        label=label,
        style=_STYLE,
        others=path_data(others),
        shaded=path_data(shaded),
        x=width / 2,
        y=height / 2,
    )


@cache
def _locator_outlines() -> list[tuple[str, Ring, tuple[float, float, float, float]]]:
    """Every ring, simplified once to what a locator map can show (its scale is about 15 px
    per degree, so 0.03° is half a pixel), with its bounding box: one case page then costs
    a bounding-box test per ring instead of a pass over every point of every country."""
    outlines = []
    for code, rings in countries().items():
        for ring in rings:
            small = simplify(ring, 0.03)
            lons, lats = [p[0] for p in small], [p[1] for p in small]
            outlines.append((code, small, (min(lons), min(lats), max(lons), max(lats))))
    return outlines


def _overlaps(
    bounds: tuple[float, float, float, float],
    lat: float,
    lon: float,
    lon_span: float,
    lat_span: float,
) -> bool:
    west, south, east, north = bounds
    return (
        west <= lon + lon_span
        and east >= lon - lon_span
        and south <= lat + lat_span
        and north >= lat - lat_span
    )


def _marker(point: Point, x: float, y: float, radius: float) -> Markup:
    return Markup(
        '<a href="{href}" aria-label="{name}"><title>{tooltip}</title>'
        '<circle class="cb-map__dot" cx="{x:.1f}" cy="{y:.1f}" r="{r}"/></a>'
    ).format(href=point.href, name=point.name, tooltip=point.tooltip, x=x, y=y, r=radius)


Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def _spread(
    positions: list[tuple[float, float]], gap: float, rounds: int = 40, bounds: Box | None = None
) -> list[tuple[float, float]]:
    """Push markers apart until no two centres are closer than `gap`, so each stays visible
    and clickable (two case studies in one city, neighbouring cities in Europe). A grid of
    `gap`-sized cells keeps each round linear in the number of markers, once crowds (many
    markers in one cell: 5,000 cases in one city) have been fanned out by _fan_out. With
    `bounds`, crowds fan out inside that box where they fit, and every marker ends inside it
    (clamping only at the end: markers piled on an edge during the rounds would make the
    rounds quadratic again)."""
    placed = _fan_out([list(p) for p in positions], gap, bounds)
    for _ in range(rounds):
        grid = _grid(placed, gap)
        moved = False
        for i, (x, y) in enumerate(placed):
            cell = (int(x // gap), int(y // gap))
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    for j in grid.get((cell[0] + dx, cell[1] + dy), ()):
                        if j > i:
                            moved |= _push_apart(placed, i, j, gap)
        if not moved:
            break
    if bounds:
        _keep_inside(placed, bounds)
    return [(x, y) for x, y in placed]


_CROWD = 6  # markers in one grid cell beyond which they are fanned out before relaxing
_GOLDEN_ANGLE = 2.399963


def _grid(placed: list[list[float]], gap: float) -> dict[tuple[int, int], list[int]]:
    grid: dict[tuple[int, int], list[int]] = {}
    for i, (x, y) in enumerate(placed):
        grid.setdefault((int(x // gap), int(y // gap)), []).append(i)
    return grid


def _fan_out(placed: list[list[float]], gap: float, bounds: Box | None = None) -> list[list[float]]:
    """Lay the markers of each crowded cell on a sunflower spiral around their centre, about
    `gap` apart. Pushing pairs apart from one point would need a round per marker and
    compare every pair in the cell each round: quadratic (5,000 cases at one place took
    17 s); the spiral is linear and leaves the rounds little to do."""
    for members in _grid(placed, gap).values():
        if len(members) <= _CROWD:
            continue
        cx = sum(placed[i][0] for i in members) / len(members)
        cy = sum(placed[i][1] for i in members) / len(members)
        if bounds:  # a crowd at the map's edge fans out inwards, not off the picture
            reach = gap * 0.62 * math.sqrt(len(members))
            cx = _within(cx, bounds[0] + reach, bounds[2] - reach)
            cy = _within(cy, bounds[1] + reach, bounds[3] - reach)
        for k, i in enumerate(members):
            radius, angle = gap * 0.62 * math.sqrt(k + 0.5), k * _GOLDEN_ANGLE
            placed[i] = [cx + radius * math.cos(angle), cy + radius * math.sin(angle)]
    return placed


def _within(value: float, low: float, high: float) -> float:
    """value moved into [low, high]; the middle if the range is empty."""
    return (low + high) / 2 if low > high else min(max(value, low), high)


def _keep_inside(placed: list[list[float]], bounds: Box) -> None:
    for point in placed:
        point[0] = _within(point[0], bounds[0], bounds[2])
        point[1] = _within(point[1], bounds[1], bounds[3])


def _push_apart(placed: list[list[float]], i: int, j: int, gap: float) -> bool:
    (xi, yi), (xj, yj) = placed[i], placed[j]
    distance = math.hypot(xj - xi, yj - yi)
    if distance >= gap:
        return False
    if distance < 1e-6:  # same place: part them along a direction set by their order
        angle = (j * 2.399963) % (2 * math.pi)  # golden angle, so a crowd fans out evenly
        ux, uy, distance = math.cos(angle), math.sin(angle), 0.0
    else:
        ux, uy = (xj - xi) / distance, (yj - yi) / distance
    push = (gap - distance) / 2 + 0.01
    placed[i][0], placed[i][1] = xi - ux * push, yi - uy * push
    placed[j][0], placed[j][1] = xj + ux * push, yj + uy * push
    return True


__all__ = ["Point", "countries", "equal_earth", "locator_map", "world_map"]
