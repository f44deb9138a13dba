"""Markdown written by contributors -> safe HTML.

Raw HTML is not interpreted but shown as text (the `html` processors are removed, so
`<script>` reaches the page as the characters "<script>"); images are not loaded (nothing
loads from outside the site); no extensions, so no attr_list `{ onclick=… }` and no snippet
includes. nh3 then cleans the result against an allow-list as a second line of defence: only
http(s)/mailto links survive, every link gets rel="nofollow noopener noreferrer".
"""

from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup

_TAGS = {"p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h3",
         "h4", "h5", "h6", "hr"}
_ATTRIBUTES = {"a": {"href", "title"}}
_SCHEMES = {"http", "https", "mailto"}


class SafeMarkdown:
    """One reusable converter (building a Markdown instance costs more than converting)."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=[], output_format="html")
        for name in ("html_block",):
            self._md.preprocessors.deregister(name)
        for name in ("html", "image_link", "image_reference", "short_image_ref", "automail"):
            if name in self._md.inlinePatterns:
                self._md.inlinePatterns.deregister(name)

    def convert(self, text: str) -> Markup:
        self._md.reset()
        html = self._md.convert(_demote_headings(text))
        clean = nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES,
                          link_rel="nofollow noopener noreferrer", strip_comments=True)
        return Markup(clean)  # noqa: S704 - cleaned by nh3 just above


def _demote_headings(text: str) -> str:
    """A '# Heading' inside a section becomes a level-3 heading (the page owns h1 and h2)."""
    lines = []
    for line in text.split("\n"):
        stripped = line.lstrip("#")
        depth = len(line) - len(stripped)
        if 0 < depth < 3 and stripped.startswith(" "):
            line = "###" + stripped
        lines.append(line)
    return "\n".join(lines)


_default = SafeMarkdown()


def render_markdown(text: str) -> Markup:
    return _default.convert(text)
