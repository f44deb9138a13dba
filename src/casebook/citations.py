"""Citation links on a case page: each marker [n] links to source n, and source n links back
to the place where the page first cites it.

One `Citations` object serves one page. The template calls it from top to bottom, so "first"
is the first citation a reader meets; the sources list, rendered last, then asks where that was.
Markers are found by the same function validation uses (casebook.rules.marker_spans).
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from .rules import marker_spans

_TAG = re.compile(r"(<[^>]*>)")
_OPENS = re.compile(r"<(a|code|pre)[\s>]", re.I)  # no links inside links or code
_CLOSES = re.compile(r"</(a|code|pre)\s*>", re.I)


def source_anchor(number: int) -> str:
    return f"source-{number}"


class Citations:
    def __init__(self, source_count: int) -> None:
        self.source_count = source_count
        self._first: dict[int, str] = {}  # source number -> id of its first citation

    def link(self, number: int, text: str | None = None) -> Markup:
        """A link to source `number`; the first one on the page gets an id to link back to."""
        if not 1 <= number <= self.source_count:
            return escape(text or f"[{number}]")
        anchor = ""
        if number not in self._first:
            self._first[number] = f"cite-{number}"
            anchor = f' id="cite-{number}"'
        return Markup('<a class="cb-citation" href="#{}"{}>{}</a>').format(
            source_anchor(number), Markup(anchor), text or f"[{number}]"
        )

    def in_html(self, html: Markup) -> Markup:
        """Cleaned HTML (from safe_markdown, or escaped text) with its markers linked."""
        parts, depth = [], 0
        for piece in _TAG.split(str(html)):
            if piece.startswith("<"):
                depth += bool(_OPENS.match(piece)) - bool(_CLOSES.match(piece))
                parts.append(piece)
            elif depth > 0:
                parts.append(piece)
            else:
                parts.append(self._in_text(piece))
        return Markup("".join(parts))  # noqa: S704 - only escaped text and our own links

    def in_text(self, text: str) -> Markup:
        """Plain text (escaped here) with its markers linked."""
        return self.in_html(escape(text))

    def _in_text(self, text: str) -> str:
        out, at = [], 0
        for start, end, number in marker_spans(text):
            out += [text[at:start], str(self.link(number))]
            at = end
        return "".join(out) + text[at:]

    def first(self, number: int) -> str | None:
        """The id of the first citation of source `number` on the page, if any."""
        return self._first.get(number)


__all__ = ["Citations", "source_anchor"]
