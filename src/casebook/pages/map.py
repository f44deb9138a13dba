"""The map page (map.html): every case study with coordinates as a pin on a world map and, at
a larger scale, on a map of Europe (where most of them are); the same places as a list, the
text alternative; and the case studies that have no point, with the reason.

Coordinates come only from the records: a record without them gets no point (never a
guessed one), and the page says so.
"""

from __future__ import annotations

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
<h1 id="title">Map</h1>
<p class="cb-lead">Where the case studies took place: {{ placed|length }} of {{ total }} have a
point on the map. Select a pin to see the place and open its case studies; a pin with a number
holds several places close together. The same places are listed below the maps.</p>
{{ world }}
<p class="cb-note">Places are approximate. Country outlines: Natural Earth (public domain), via
the countryinfo package. <a href="#europe">Europe at a larger scale</a> ·
<a href="#places-on-the-map">the places as a list</a></p>
<h2 id="europe">Europe</h2>
<p>{{ in_europe }} of the places are in Europe, close together on the world map.</p>
{{ inset }}
<h2 id="places-on-the-map">Places on the map</h2>
<ul class="cb-places">
{% for case in placed %}  <li><a href="{{ base }}case-studies/{{ case.id }}.html">{{ case.title
}}</a>{% if case.is_mention %} <span class="cb-kind">Mention</span>{% endif %} — {{
case.place.name }}, {{ case.country_name }}</li>
{% endfor %}
</ul>
<h2 id="not-on-the-map">Not on the map</h2>
{% if unplaced %}
<p>These records give no coordinates, so they have no point: a point is drawn only where the
record itself says where the place is, never guessed. Most cover several towns or a whole
county, state or country.</p>
<ul class="cb-places cb-places--unplaced">
{% for case, why in unplaced %}  <li><a href="{{ base }}case-studies/{{ case.id }}.html">{{
case.title }}</a>{% if case.is_mention %} <span class="cb-kind">Mention</span>{% endif %} — {{
case.place.name }}, {{ case.country_name }}. <span class="cb-note">{{ why }}</span></li>
{% endfor %}
</ul>
{% else %}
<p>Every case study has a place on the map.</p>
{% endif %}
"""


def why_unplaced(case: CaseStudy, renderer: Renderer) -> str:
    """The reason a record has no point, from what the record says about its place."""
    level = renderer.catalog.vocabulary("levels_of_government").label_of(case.level)
    if case.level in _AREA_LEVELS:
        return f"Covers an area, not one town ({level}); the record gives no coordinates."
    return "The record gives no coordinates."


def render_map(renderer: Renderer) -> str:
    cases = sorted(
        renderer.catalog.cases,
        key=lambda c: (text_key(c.country_name), text_key(c.place["name"]), text_key(c.title)),
    )
    placed = [case for case in cases if case.coordinates]
    base = base_of(URL)
    places = [
        Place(
            case.coordinates[0],
            case.coordinates[1],
            base + case_url(case.id),
            case.title,
            f"{case.place['name']}, {case.country_name}",
            case.is_mention,
        )
        for case in placed
    ]
    frame = WorldFrame()
    inset = View("europe", "Map of Europe", europe(frame), tolerance=0.25)
    in_box = [p for p in places if _inside(frame.project(p.lon, p.lat), inset.box)]
    return renderer.env.from_string(_TEMPLATE).render(
        base=base,
        placed=placed,
        total=len(cases),
        in_europe=len(in_box),
        world=pin_map(places, View("world", "World map"), list_anchor="places-on-the-map"),
        inset=pin_map(in_box, inset, list_anchor="places-on-the-map"),
        unplaced=[(case, why_unplaced(case, renderer)) for case in cases if not case.coordinates],
    )


def _inside(point: tuple[float, float], box: tuple[float, float, float, float]) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def pages(renderer: Renderer) -> list[GeneratedPage]:
    return [GeneratedPage("map.md", "Map", lambda: render_map(renderer), STUB)]
