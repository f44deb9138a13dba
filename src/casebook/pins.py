"""Maps a thumb can use: places as HTML pins over an offline SVG map (issue 15).

SVG markers shrink with the picture (a 6-unit dot is 2 px on a phone), so each place is an
HTML pin laid over the map at a percentage of its width and height, always 30 × 30 CSS px
(WCAG 2.2 target size asks for 24). Pins closer than a pin's width at the narrowest width a
map is shown at are merged into one cluster that shows a count; each pin is a <details>
whose summary is the target, names the place on focus or hover, and opens a card listing
the case studies — no script, keyboard operable, works from file://.

Each map is laid out twice, for a narrow and a wide container; a CSS container query shows
the layout that fits, so a phone gets fewer, larger clusters and a laptop more detail.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from .geo import WorldFrame, _area, clip, countries, path_data, simplify
from .i18n.catalogue import Strings, strings

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in world-frame units

PIN_PX = 30  # a pin's size in CSS px (front.css uses the same number)
GAP_PX = 32  # centres at least this far apart: pins never overlap
LAYOUTS = (("narrow", 240), ("wide", 640))  # (name, narrowest container width in px)
CARD_LIMIT = 8  # case studies listed in one pin's card; the list below the map has all


@dataclass(frozen=True)
class Place:
    """One record on a map: where it is, and what a pin's card says about it."""

    lat: float
    lon: float
    href: str
    title: str
    where: str  # "Oslo, Norway"
    mention: bool = False


@dataclass(frozen=True)
class View:
    """A map: the whole world, or a crop of it (an inset) at a larger scale."""

    key: str  # "world", "europe": used in ids and class names
    label: str
    box: Box | None = None  # None: the whole frame
    tolerance: float = 0.9  # outline simplification, in world-frame units

    def bounds(self, frame: WorldFrame) -> Box:
        return self.box or (0.0, 0.0, frame.width, frame.height)


def europe(frame: WorldFrame) -> Box:
    """Europe from Iceland to the Urals' foot and from Crete to the North Cape."""
    (x0, _), (_, y0) = frame.project(-25, 52), frame.project(10, 71.5)
    (x1, _), (_, y1) = frame.project(45, 52), frame.project(10, 34)
    return (x0, y0, x1, y1)


# ---------------------------------------------------------------- clustering


def cluster(positions: Sequence[tuple[float, float]], gap: float) -> list[list[int]]:
    """Groups of indices whose centres (the mean of their members) end at least `gap`
    apart. Greedy on a grid of `gap`-sized cells, then merging passes until no two centres
    are closer than `gap`: linear per pass, and every pass but the last merges."""
    groups: list[list[int]] = []
    centres: list[list[float]] = []
    grid: dict[tuple[int, int], list[int]] = {}
    for i in sorted(range(len(positions)), key=lambda k: positions[k]):
        x, y = positions[i]
        near = _nearest(grid, centres, x, y, gap, alive=None)
        if near is None:
            grid.setdefault(_cell(x, y, gap), []).append(len(groups))
            groups.append([i])
            centres.append([x, y])
        else:
            _join(groups, centres, near, [i], positions)
    alive = set(range(len(groups)))
    merged = True
    while merged:
        merged = False
        grid = {}
        for g in alive:
            grid.setdefault(_cell(centres[g][0], centres[g][1], gap), []).append(g)
        for g in sorted(alive):
            if g not in alive:
                continue
            other = _nearest(grid, centres, centres[g][0], centres[g][1], gap, alive=alive, skip=g)
            if other is not None:
                _join(groups, centres, g, groups[other], positions)
                alive.discard(other)
                merged = True
    return [sorted(groups[g]) for g in sorted(alive)]


def _cell(x: float, y: float, gap: float) -> tuple[int, int]:
    return int(x // gap), int(y // gap)


def _nearest(
    grid: dict[tuple[int, int], list[int]],
    centres: list[list[float]],
    x: float,
    y: float,
    gap: float,
    *,
    alive: set[int] | None,
    skip: int | None = None,
) -> int | None:
    best, best_distance = None, gap
    cx, cy = _cell(x, y, gap)
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            for g in grid.get((cx + dx, cy + dy), ()):
                if g == skip or (alive is not None and g not in alive):
                    continue
                distance = ((centres[g][0] - x) ** 2 + (centres[g][1] - y) ** 2) ** 0.5
                if distance < best_distance:
                    best, best_distance = g, distance
    return best


def _join(
    groups: list[list[int]],
    centres: list[list[float]],
    g: int,
    members: list[int],
    positions: Sequence[tuple[float, float]],
) -> None:
    groups[g] = groups[g] + [m for m in members if m not in groups[g]]
    centres[g] = [
        sum(positions[m][0] for m in groups[g]) / len(groups[g]),
        sum(positions[m][1] for m in groups[g]) / len(groups[g]),
    ]


# ---------------------------------------------------------------- drawing


def land(frame: WorldFrame, view: View) -> str:
    """Path data of every country outline inside the view, simplified to its scale."""
    box = view.bounds(frame)
    margin = 8.0
    clip_box = (box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin)
    rings = []
    for outline in countries().values():
        for ring in outline:
            projected = [frame.project(lon, lat) for lon, lat in ring]
            if view.box is not None:
                projected = clip(projected, clip_box)
            projected = simplify(projected, view.tolerance)
            if len(projected) >= 3 and _area(projected) > view.tolerance**2 * 4:
                rings.append(projected)
    return path_data(rings)


def pin_map(
    places: Sequence[Place], view: View, *, list_anchor: str, text: Strings | None = None
) -> Markup:
    """The view's outline map with its places as pins, laid out for each container width.
    `text`: the edition's strings (English by default)."""
    text = text or strings()
    frame = WorldFrame()
    x0, y0, x1, y1 = view.bounds(frame)
    width, height = x1 - x0, y1 - y0
    positions = []
    for place in places:  # beyond the frame's latitudes: drawn at the nearest edge
        x, y = frame.project(place.lon, min(max(place.lat, -57.0), 84.0))
        positions.append((min(max(x, x0), x1), min(max(y, y0), y1)))
    layers = []
    for name, narrowest in LAYOUTS:
        gap = GAP_PX / narrowest * width
        groups = cluster(positions, gap)
        # West to east: the order a reader tabs through the pins.
        groups.sort(key=lambda g: _centre(positions, g))
        pins = Markup("").join(
            _pin(
                [places[i] for i in group],
                _centre(positions, group),
                (x0, y0, width, height),
                view.key,
                list_anchor,
                text,
            )
            for group in groups
        )
        count = len(groups)
        layers.append(
            Markup('<ul class="cb-pins cb-pins--{name}" aria-label="{label}">{pins}</ul>').format(
                name=name, label=text.t("ui.map.pins", count=count, map=view.label), pins=pins
            )
        )
    return Markup(
        '<div class="cb-pinmap cb-pinmap--{key}">'
        '<svg class="cb-map cb-map--{key}" viewBox="{x0:.1f} {y0:.1f} {w:.1f} {h:.1f}" '
        'aria-hidden="true" focusable="false"><path class="cb-map__land" d="{d}"/></svg>'
        "{layers}</div>"
    ).format(
        key=view.key,
        x0=x0,
        y0=y0,
        w=width,
        h=height,
        d=land(frame, view),
        layers=Markup("").join(layers),
    )


def _centre(positions: Sequence[tuple[float, float]], group: list[int]) -> tuple[float, float]:
    return (
        sum(positions[i][0] for i in group) / len(group),
        sum(positions[i][1] for i in group) / len(group),
    )


def _pin(
    members: list[Place],
    centre: tuple[float, float],
    box: Box,
    key: str,
    list_anchor: str,
    text: Strings,
) -> Markup:
    x0, y0, width, height = box
    left, top = (centre[0] - x0) / width * 100, (centre[1] - y0) / height * 100
    side = "west" if left < 35 else "east" if left > 65 else "middle"
    places = list(dict.fromkeys(place.where for place in members))
    if len(places) == 1:
        name = places[0]
    elif len(places) == 2:
        name = text.t("ui.map.two_places", first=places[0], second=places[1])
    else:
        name = text.t(
            "ui.map.more_places", count=len(places) - 2, first=places[0], second=places[1]
        )
    shown = members[:CARD_LIMIT]
    items = Markup("").join(
        Markup('<li><a href="{href}">{title}</a>{mention}{where}</li>').format(
            href=p.href,
            title=p.title,
            mention=Markup(' <span class="cb-kind">{}</span>').format(text.t("ui.common.mention"))
            if p.mention
            else "",
            where=Markup(' <span class="cb-note">— {}</span>').format(p.where)
            if len(places) > 1
            else "",
        )
        for p in shown
    )
    more = ""
    if len(members) > len(shown):
        link = Markup('<a href="#{}">{}</a>').format(list_anchor, text.t("ui.map.see_list"))
        more = Markup('<p class="cb-pin__more">{}</p>').format(
            text.markup("ui.map.pin_more", count=len(members) - len(shown), link=link)
        )
    studies = sum(not p.mention for p in members)
    mentions = len(members) - studies
    what = text.t("ui.common.studies", count=studies) if studies else ""
    if mentions:
        counted = text.t("ui.common.mentions", count=mentions)
        what = (
            text.t("ui.common.studies_and_mentions", studies=what, mentions=counted)
            if what
            else counted
        )
    kind = "one" if len(members) == 1 else "many"
    return Markup(
        '<li class="cb-pin cb-pin--{kind} cb-pin--{side}" style="--x:{left:.2f}%;--y:{top:.2f}%">'
        '<details class="cb-pin__box" name="cb-pin-{key}">'
        '<summary><span class="cb-pin__count" aria-hidden="true">{count}</span>'
        '<span class="cb-pin__name cb-visually-hidden">{label}</span></summary>'
        '<div class="cb-pin__card"><p class="cb-pin__place">{name}</p><ul>{items}</ul>{more}'
        "</div></details></li>"
    ).format(
        kind=kind,
        side=side,
        left=left,
        top=top,
        key=key,
        count=len(members) if len(members) > 1 else "",
        name=name,
        label=text.t("ui.map.pin_name", name=name, what=what),
        items=items,
        more=more,
    )


__all__ = ["LAYOUTS", "PIN_PX", "Place", "View", "cluster", "europe", "land", "pin_map"]
