"""What a generated page is: the record every module of casebook.pages returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# Generated pages stay out of Material's search index by default (casebook.search indexes
# their full text itself).
NO_SEARCH = "---\nsearch:\n  exclude: true\n---\n"


@dataclass
class GeneratedPage:
    """A page that a module of the package contributes to the site.

    `render` returns the page's HTML (built from escaped parts); `stub` is the Markdown MkDocs
    sees (front matter and headings for the table of contents only).
    """

    src_uri: str
    title: str
    render: Callable[[], str]
    stub: str = NO_SEARCH
    in_nav: bool = True


__all__ = ["NO_SEARCH", "GeneratedPage"]
