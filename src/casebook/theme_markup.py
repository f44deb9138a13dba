"""Mend what Material's templates print wrongly for the pages Casebook keeps out of its
navigation (case pages), after the theme has rendered them.

Material's table of contents has a title ``<label for="__toc">`` that toggles the contents
open on phones; the ``__toc`` checkbox it names is printed by the navigation entry of the
current page. Case pages have no navigation entry (see site.py: Material's navigation is
quadratic in pages), so the label names nothing, which the Nu HTML checker reports and
assistive technology announces as a control that does nothing. Without a checkbox the label
toggles nothing either way, so it becomes a plain title.
"""

from __future__ import annotations

_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def mend(html: str) -> str:
    """The page's HTML with labels that name a missing control turned into plain titles."""
    if _TOC_LABEL in html and 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return html


__all__ = ["mend"]
