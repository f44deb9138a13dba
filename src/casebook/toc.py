"""Table of contents of a generated page, scraped from its own HTML for Material's sidebar."""

from __future__ import annotations

import re
from typing import Any

from mkdocs.structure.toc import TableOfContents, get_toc

_HEADING = re.compile(r'<h([12]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_HEADERLINK = re.compile(r'<a class="headerlink".*?</a>', re.S)
_TAG = re.compile(r"<[^>]+>")


def table_of_contents(html: str) -> TableOfContents:
    """The h1 and h2 headings of a generated page, for Material's sidebar and its "Skip to
    content" link. The HTML is ours (escaped by the templates), so heading text stays
    escaped: Material prints toc titles without escaping."""
    tokens: list[dict[str, Any]] = []
    for level, anchor, inner in _HEADING.findall(html):
        name = _TAG.sub("", _HEADERLINK.sub("", inner)).strip()
        token = {"level": int(level), "id": anchor, "name": name, "children": []}
        if level == "2" and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return get_toc(tokens)  # type: ignore[arg-type]  # MkDocs types tokens as a TypedDict


__all__ = ["table_of_contents"]
