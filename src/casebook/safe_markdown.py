"""Markdown written by contributors -> safe HTML.

Raw HTML is not interpreted but shown as text (the `html` processors are removed, so
`<script>` reaches the page as the characters "<script>"); images are not loaded (nothing
loads from outside the site); no extensions, so no attr_list `{ onclick=… }` and no snippet
includes. nh3 then cleans the result against an allow-list as a second line of defence: only
http(s)/mailto links survive, every link gets rel="nofollow noopener noreferrer".
"""

from __future__ import annotations

import re

import markdown
import nh3
from markupsafe import Markup

_TAGS = {
    "p",
    "br",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
}
_ATTRIBUTES = {"a": {"href", "title"}}
_SCHEMES = {"http", "https", "mailto"}
_ANCHOR = re.compile(r"#[A-Za-z0-9_-]+")


class SafeMarkdown:
    """One reusable converter (building a Markdown instance costs more than converting)."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=[], output_format="html")
        self._md.preprocessors.deregister("html_block")
        for name in ("html", "image_link", "image_reference", "short_image_ref", "automail"):
            if name in self._md.inlinePatterns:
                self._md.inlinePatterns.deregister(name)

    def convert(self, text: str) -> Markup:
        self._md.reset()
        html = self._md.convert(_demote_headings(text))
        clean = nh3.clean(
            html,
            tags=_TAGS,
            attributes=_ATTRIBUTES,
            url_schemes=_SCHEMES,
            attribute_filter=_absolute_links_only,
            link_rel="nofollow noopener noreferrer",
            strip_comments=True,
        )
        return Markup(clean)  # noqa: S704 - cleaned by nh3 just above


def _absolute_links_only(element: str, attribute: str, value: str) -> str | None:
    """nh3 lets relative URLs through, and a browser drops tabs and newlines inside a URL:
    'java<TAB>script:' is relative to nh3 but javascript: to Chromium. A case study links
    only to full http(s)/mailto addresses (or a heading on its own page), so keep only those."""
    if attribute != "href":
        return value
    if any(ch.isspace() or ord(ch) < 32 for ch in value):
        return None
    if _ANCHOR.fullmatch(value):
        return value
    scheme, _, rest = value.partition(":")
    return value if scheme.lower() in _SCHEMES and rest else None


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
