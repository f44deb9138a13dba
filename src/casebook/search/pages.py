"""The site's own pages (guide, browse, about, contribute) in the full-text index.

MkDocs hands every page's HTML to PageCollector (through CasebookSite); pages that opt out
of search (front matter `search: exclude: true`: the finder, the map, the print page, case
pages, which have their own documents) stay out, and a page's `search: boost` (below 1 for
the schema reference and contributor pages) scales its score. Material's own search index is
left empty: one index answers the header box, so the guide gets the same spelling, stemming
and synonyms as the case studies, and no second index is built in the browser.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from mkdocs.structure.pages import Page

from ..facets import BROWSABLE
from ..i18n.catalogue import strings
from ..i18n.languages import ORIGINAL
from .documents import BODY, SUMMARY, TITLE, Document

_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
_SKIP = {"script", "style", "svg", "template"}
_BLOCK = {
    "p",
    "li",
    "dt",
    "dd",
    "tr",
    "blockquote",
    "pre",
    "figcaption",
    "h1",
    "h2",
    "h3",
    "h4",
    "div",
    "section",
    "article",
    "table",
}
_HEADING = {"h1", "h2", "h3"}
_SPACE = re.compile(r"\s+")
# Shown under a page's title in results when it has no section in the navigation: a browse
# folder's title (ui.browse.<facet>_title), else search.folders.<folder>, in the edition's
# language.
BROWSE_TITLES = {str(f.browse): f"ui.browse.{f.key}_title" for f in BROWSABLE}


class _PageText(HTMLParser):
    """Visible text of a page body by section (h1-h3 start a new one), without the blocks
    marked data-search-exclude, scripts, SVG and heading permalinks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[list[str]] = [["", ""]]
        self._hidden: list[str] = []  # open tags that hide their content
        self._heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br" and not self._hidden:
                self.sections[-1][1] += "\n"
            return
        names = dict(attrs)
        if (
            self._hidden
            or tag in _SKIP
            or "data-search-exclude" in names
            or "headerlink" in (names.get("class") or "")
        ):
            self._hidden.append(tag)
            return
        if tag in _HEADING:
            self.sections.append(["", ""])
            self._heading = True
        elif tag in _BLOCK:
            self.sections[-1][1] += "\n"

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self._hidden:
            if self._hidden[-1] == tag:
                self._hidden.pop()
            return
        if tag in _HEADING:
            self._heading = False
        elif tag in _BLOCK:
            self.sections[-1][1] += "\n"

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.sections[-1][0 if self._heading else 1] += data

    def result(self) -> list[tuple[str, str]]:
        found = []
        for heading, text in self.sections:
            lines = (_SPACE.sub(" ", line).strip() for line in text.split("\n"))
            body = "\n".join(line for line in lines if line)
            if heading.strip() or body:
                found.append((_SPACE.sub(" ", heading).strip(), body))
        return found


def page_text(html: str) -> list[tuple[str, str]]:
    parser = _PageText()
    parser.feed(html)
    parser.close()
    return parser.result()


def page_id(url: str) -> str:
    """A document id that no case id can take (case ids have no "_")."""
    return "_" + re.sub(r"[^a-z0-9]+", "_", url.lower().removesuffix(".html")).strip("_")


class PageCollector:
    """Pages seen during one build, as search documents."""

    def __init__(self) -> None:
        self.documents: list[Document] = []
        self.text_of = page_text  # `mkdocs serve` reuses unchanged pages' (search/memo.py)
        self.code = ORIGINAL

    def start(self, code: str = ORIGINAL) -> None:
        """A new build of the edition in language `code`."""
        self.documents = []
        self.code = code

    def folder_label(self, folder: str) -> str:
        text = strings(self.code)
        if folder in BROWSE_TITLES:
            return text.t(BROWSE_TITLES[folder])
        return text.t(f"search.folders.{'contribute' if folder == 'contribute' else 'other'}")

    def exclude_from_material(self, page: Page) -> bool:
        """Whether the page is for search at all; Material's own index gets none of them."""
        search = page.meta.get("search") or {}
        wanted = not search.get("exclude")
        page.meta["search"] = {**search, "exclude": True}
        page.meta["casebook_search"] = {"wanted": wanted, "boost": search.get("boost", 1)}
        return wanted

    def add(self, page: Page, html: str) -> None:
        settings = page.meta.get("casebook_search") or {}
        if not settings.get("wanted"):
            return
        parent = getattr(page, "parent", None)
        folder = page.file.url.split("/")[0] if "/" in page.file.url else ""
        label = (parent.title if parent else None) or self.folder_label(folder)
        sections = self.text_of(html)
        title = str(page.title or "")
        headings = [heading for heading, _ in sections if heading]
        self.documents.append(
            Document(
                id=page_id(page.file.url),
                title=title,
                place=label,
                tiers={TITLE: [title], SUMMARY: headings, BODY: [text for _, text in sections]},
                sections=[(heading or title, text) for heading, text in sections if text],
                url=page.file.url,
                boost=float(settings.get("boost", 1)),
            )
        )
