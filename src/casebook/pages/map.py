"""The map page (map.html): every case study with coordinates as a linked point on a world map,
and a list of the same places as the text alternative. Cases without coordinates are listed
too, under their own heading, never dropped."""

from __future__ import annotations

from casebook.geo import Point, world_map
from casebook.model import text_key
from casebook.pages.base import GeneratedPage
from casebook.render import Renderer, base_of, case_url

URL = "map.html"
STUB = ("---\nsearch:\n  exclude: true\n---\n\n## Places on the map\n\n"
        "## Not on the map\n")

_TEMPLATE = """\
<h1 id="title">Map</h1>
<p class="cb-lead">Where the case studies took place: {{ placed|length }} of {{ total }} have a
place on the map. Select a point to open its case study; the same places are listed below.</p>
<div class="cb-map-figure">
{{ svg }}
<p class="cb-note">Points are approximate: points close together are moved apart a little so
each can be selected. Country outlines: Natural Earth (public domain), via the countryinfo
package.</p>
</div>
<h2 id="places-on-the-map">Places on the map</h2>
<ul class="cb-places">
{% for case in placed %}  <li><a href="{{ base }}case-studies/{{ case.id }}.html">{{ case.title
}}</a>{% if case.is_mention %} <span class="cb-kind">Mention</span>{% endif %} — {{
case.place.name }}, {{ case.country_name }}</li>
{% endfor %}
</ul>
<h2 id="not-on-the-map">Not on the map</h2>
{% if unplaced %}
<p>These case studies have no coordinates, often because they cover a whole country or
region:</p>
<ul class="cb-places cb-places--unplaced">
{% for case in unplaced %}  <li><a href="{{ base }}case-studies/{{ case.id }}.html">{{ case.title
}}</a>{% if case.is_mention %} <span class="cb-kind">Mention</span>{% endif %} — {{
case.place.name }}, {{ case.country_name }}</li>
{% endfor %}
</ul>
{% else %}
<p>Every case study has a place on the map.</p>
{% endif %}
"""


def render_map(renderer: Renderer) -> str:
    cases = sorted(renderer.catalog.cases,
                   key=lambda c: (text_key(c.country_name), text_key(c.place["name"]),
                                  text_key(c.title)))
    placed = [case for case in cases if case.coordinates]
    base = base_of(URL)
    points = [Point(case.coordinates[0], case.coordinates[1], base + case_url(case.id),
                    case.title, f"{case.title} — {case.place['name']}, {case.country_name}")
              for case in placed]
    svg = world_map(points, label=f"World map with {len(points)} case studies")
    return renderer.env.from_string(_TEMPLATE).render(
        base=base, svg=svg, placed=placed, total=len(cases),
        unplaced=[case for case in cases if not case.coordinates])


def pages(renderer: Renderer) -> list[GeneratedPage]:
    return [GeneratedPage("map.md", "Map", lambda: render_map(renderer), STUB)]
