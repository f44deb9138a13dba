"""The map page (map.html): every case study with coordinates as a pin on a world map and, at
a larger scale, on a map of Europe (where most of them are); the same places as a list, the
text alternative; and the case studies that have no point, with the reason.

Coordinates come only from the records: a record without them gets no point (never a
guessed one), and the page says so.
"""

from __future__ import annotations

from casebook.facets import vocabulary_of
from casebook.geo import WorldFrame
from casebook.model import CaseStudy, text_key
from casebook.pages.base import GeneratedPage
from casebook.pins import Place, View, europe, pin_map
from casebook.render import Renderer, base_of, case_url

URL = "map.html"
STUB = (
    "---\nsearch:\n  exclude: true\n---\n\n## Europe\n\n## Places on the map\n\n## Not on the map\n"
)
# Levels of government that cover more than one town: such a record has no single point.
_AREA_LEVELS = {"county", "governorate", "regional-network", "national-network"}

_TEMPLATE = """\
{% macro place(case) -%}
<a href="{{ base }}case-studies/{{ case.id }}.html">{{ case.title }}</a>
{%- if case.is_mention %} <span class="cb-kind">{{ t("ui.common.mention") }}</span>{% endif %}
{{- " — " }}{{ t("ui.common.place_country", place=case.place.name, country=country(case)) }}
{%- endmacro %}
<h1 id="title">{{ t("ui.map.title") }}</h1>
<p class="cb-lead">{{ t("ui.map.lead", placed=placed|length, total=total) }}</p>
{{ world }}
<p class="cb-note">{{ t("ui.map.credit") }} <a href="#europe">{{ t("ui.map.to_europe") }}</a> ·
<a href="#places-on-the-map">{{ t("ui.map.to_list") }}</a></p>
<h2 id="europe">{{ t("ui.map.europe") }}</h2>
<p>{{ t("ui.map.in_europe", count=in_europe) }}</p>
{{ inset }}
<h2 id="places-on-the-map">{{ t("ui.map.places") }}</h2>
<ul class="cb-places">
{% for case in placed %}  <li>{{ place(case) }}</li>
{% endfor %}
</ul>
<h2 id="not-on-the-map">{{ t("ui.map.not_on_map") }}</h2>
{% if unplaced %}
<p>{{ t("ui.map.unplaced_lead") }}</p>
<ul class="cb-places cb-places--unplaced">
{% for case, why in unplaced %}  <li>{{ place(case) }}. <span class="cb-note">{{ why }}</span></li>
{% endfor %}
</ul>
{% else %}
<p>{{ t("ui.map.all_placed") }}</p>
{% endif %}
"""


def why_unplaced(case: CaseStudy, renderer: Renderer) -> str:
    """The reason a record has no point, from what the record says about its place."""
    level = renderer.vocabulary(vocabulary_of("level")).label_of(case.level)
    if case.level in _AREA_LEVELS:
        return renderer.strings.t("ui.map.area", level=level)
    return renderer.strings.t("ui.map.no_point")


def render_map(renderer: Renderer) -> str:
    cases = sorted(
        renderer.catalog.cases,
        key=lambda c: (
            text_key(renderer.country_name(c)),
            text_key(c.place["name"]),
            text_key(c.title),
        ),
    )
    text = renderer.strings.t
    placed = [case for case in cases if case.coordinates]
    at = {case.id: case.coordinates for case in placed if case.coordinates}
    base = base_of(URL)
    places = [
        Place(
            at[case.id][0],
            at[case.id][1],
            base + case_url(case.id),
            case.title,
            text(
                "ui.common.place_country",
                place=case.place["name"],
                country=renderer.country_name(case),
            ),
            case.is_mention,
        )
        for case in placed
    ]
    frame = WorldFrame()
    inset = View("europe", text("ui.map.europe_label"), europe(frame), tolerance=0.25)
    in_box = [p for p in places if _inside(frame.project(p.lon, p.lat), inset.bounds(frame))]
    return renderer.env.from_string(_TEMPLATE).render(
        base=base,
        placed=placed,
        total=len(cases),
        in_europe=len(in_box),
        world=pin_map(
            places,
            View("world", text("ui.map.world_label")),
            list_anchor="places-on-the-map",
            text=renderer.strings,
        ),
        inset=pin_map(in_box, inset, list_anchor="places-on-the-map", text=renderer.strings),
        unplaced=[(case, why_unplaced(case, renderer)) for case in cases if not case.coordinates],
    )


def _inside(point: tuple[float, float], box: tuple[float, float, float, float]) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def pages(renderer: Renderer) -> list[GeneratedPage]:
    title = renderer.strings.t("ui.map.title")
    return [GeneratedPage("map.md", title, lambda: render_map(renderer), STUB)]
