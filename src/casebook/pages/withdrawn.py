"""Pages of withdrawn case studies: the same address as before, saying when and why the case
study was withdrawn, with no narrative. Links and citations to it keep working."""

from __future__ import annotations

from collections.abc import Callable

from casebook.model import CaseStudy
from casebook.pages.base import GeneratedPage
from casebook.render import Renderer, base_of, case_url

_TEMPLATE = """\
<h1 id="title">{{ case.title }}</h1>
<div class="admonition warning" role="note">
{% set date = case.withdrawal.date|human_date %}
<p class="admonition-title">{{ t("ui.withdrawn.heading", date=date) }}</p>
<p>{{ case.withdrawal.reason }}</p>
</div>
<p>{{ t("ui.withdrawn.body") }}</p>
<p><a href="{{ base }}case-studies/index.html">{{ t("ui.withdrawn.find_others") }}</a></p>
"""


def render_withdrawn(renderer: Renderer, case: CaseStudy) -> str:
    return renderer.env.from_string(_TEMPLATE).render(base=base_of(case_url(case.id)), case=case)


def pages(renderer: Renderer) -> list[GeneratedPage]:
    return [
        GeneratedPage(
            f"case-studies/{case.id}.md", case.title, _renders(renderer, case), in_nav=False
        )
        for case in renderer.catalog.withdrawn
    ]


def _renders(renderer: Renderer, case: CaseStudy) -> Callable[[], str]:
    return lambda: render_withdrawn(renderer, case)
