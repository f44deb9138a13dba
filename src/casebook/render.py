"""Render HTML for generated pages with an autoescaping Jinja environment.

Every value from a case study reaches the page through `{{ }}` and is escaped; only
Markdown cleaned by safe_markdown and HTML built here from escaped parts is Markup.
"""

from __future__ import annotations

import datetime
import json
import posixpath
import re
from collections.abc import Callable
from typing import Any

import jinja2
from markdown.extensions.toc import slugify
from markupsafe import Markup

from . import home
from .citations import Citations
from .facets import BROWSABLE, BY_KEY, FACETS, vocabulary_of
from .i18n import localise
from .i18n.catalogue import strings
from .i18n.languages import LANGUAGES, ORIGINAL
from .model import CaseStudy, Catalog, text_key
from .safe_markdown import SafeMarkdown
from .scriptjson import script_json
from .sentences import first_sentence
from .vocabulary import Vocabulary

# Results the finder shows at a time ("Show more" adds as many). The page is written with the
# first page of results only: the script shows the same ones without moving them, and at 2,000
# cases the whole list written out made the finder 3.4 MB (issue 11's limit: 1.5 MB).
FINDER_PAGE_SIZE = 50


def base_of(url: str) -> str:
    """Relative prefix from a page's URL to the site root: 'case-studies/x.html' -> '../'."""
    depth = url.count("/")
    return "../" * depth


def case_url(case_id: str) -> str:
    return f"case-studies/{case_id}.html"


class Renderer:
    def __init__(
        self,
        catalog: Catalog,
        *,
        today: datetime.date,
        edit_base: str | None = None,
        guide_urls: dict[str, str] | None = None,
        # The Schema (schema reference, proposal form) and the MkDocsConfig (print page,
        # coverage table); left out by tests that render case pages alone.
        schema: Any = None,
        mkdocs_config: Any = None,
        language: str = ORIGINAL,
    ) -> None:
        self.catalog = catalog
        self.today = today
        self.edit_base = edit_base  # e.g. https://github.com/org/repo/edit/main/
        self.guide_urls = guide_urls or {}
        self.schema = schema  # casebook.schema.Schema, for the schema reference page
        self.mkdocs_config = mkdocs_config  # the print page reads the guide's nav and Markdown
        self.markdown = SafeMarkdown()
        # The edition's language: interface text (i18n/strings), vocabulary labels, country
        # names, dates and numbers. Case text is the record's own (translations aside).
        self.language = LANGUAGES[language]
        self.strings = strings(language)
        self._vocabularies: dict[str, Vocabulary] = {}
        # Rendered case pages by case_key(case); `mkdocs serve` passes a cache that outlives
        # one build, with a key that also covers what else a case page shows (preview.py).
        self._case_pages: dict[str, str] = {}
        self.case_key: Callable[[CaseStudy], str] = lambda case: json.dumps(
            case.data, sort_keys=True
        )
        self.lenient = False  # under `mkdocs serve`: a marker naming a missing case is shown
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("casebook", "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        code = self.language.code
        self.env.globals.update(
            vocab=self.vocabulary,
            facet_vocab=lambda key: self.vocabulary(vocabulary_of(key)),
            browse_dir=lambda key: BY_KEY[key].browse,
            facet_label=lambda key: self.strings.t(f"ui.facets.{key}"),
            browse_title=lambda key: self.strings.t(f"ui.browse.{key}_title"),
            listed_facets=[f for f in FACETS if not f.in_case_template],
            t=self.strings.markup,
            lang=code,
            country=lambda case: localise.country(case.country, code),
            years=lambda case: localise.years_text(case.years, self.strings),
            browser_strings=self.browser_strings,
        )
        self.env.filters["first_sentence"] = first_sentence  # cards: read at a glance
        self.env.filters["human_date"] = lambda text: localise.human_date(str(text), code)
        self.env.filters["number"] = lambda value: localise.number(value, code)

    def vocabulary(self, name: str) -> Vocabulary:
        """A vocabulary with its labels in the edition's language (English where missing)."""
        if name not in self._vocabularies:
            vocabulary = self.catalog.vocabulary(name)
            self._vocabularies[name] = vocabulary.in_language(self.language.code)
        return self._vocabularies[name]

    def browser_strings(self, *prefixes: str) -> Markup:
        """The catalogue keys under `prefixes`, as JSON for a page's script element."""
        found: dict[str, object] = {}
        for prefix in prefixes:
            found.update(self.strings.browser(prefix))
        return Markup(script_json(found))

    def country_name(self, case: CaseStudy) -> str:
        return localise.country(case.country, self.language.code)

    def _render(self, template: str, url: str, **context: Any) -> str:
        return self.env.get_template(template).render(base=base_of(url), **context)

    # -- pages

    def case_page(self, case: CaseStudy) -> str:
        """The case page's HTML; rendered once, since the print page reuses it. The key is
        the record itself, so a changed record is never served from the cache."""
        key = self.case_key(case)
        if key not in self._case_pages:
            self._case_pages[key] = self._render_case_page(case)
        return self._case_pages[key]

    def _render_case_page(self, case: CaseStudy, locator_map: Markup | None = None) -> str:
        url = case_url(case.id)
        # Heading ids match the table of contents MkDocs builds from the page stub.
        # Ids stay the English ones in every edition, so a link to #outcomes works in all.
        narrative = [
            (
                slugify(heading, "-"),
                self.strings.t(f"ui.case.narrative.{key}"),
                self._markdown(case, key, text),
            )
            for key, heading, text in case.narrative
        ]
        sections = [
            (self.vocabulary("guide_sections").terms[key], self.guide_urls[key])
            for key in case.guide_sections
            if key in self.guide_urls
        ]
        edit_url = f"{self.edit_base}{case.source_file}" if self.edit_base else None
        if locator_map is None and case.coordinates:
            from .geo import locator_map as draw_locator  # geo imports nothing from here

            lat, lon = case.coordinates
            locator_map = draw_locator(
                lat,
                lon,
                case.country,
                label=self.strings.t(
                    "ui.case.map_label", place=case.place["name"], country=self.country_name(case)
                ),
            )
        findings = self.markdown.convert(case.evaluation["findings"]) if case.evaluation else None
        return self._render(
            "mention.html" if case.is_mention else "case.html",
            url,
            case=case,
            narrative=narrative,
            evaluation_findings=findings,
            citations=Citations(len(case.sources)),
            related=self.catalog.related(case),
            sections=sections,
            stale=case.review_is_stale(self.today),
            edit_url=edit_url,
            locator_map=locator_map,
        )

    def _markdown(self, case: CaseStudy, key: str, text: str) -> Markup:
        """Validation's limits (limits.py) keep Markdown within what converts; should a text
        still fail, the error names the file and the field instead of a bare traceback."""
        try:
            return self.markdown.convert(text)
        except Exception as error:  # RecursionError, or anything Python-Markdown raises
            raise RenderError(
                f"{case.source_file}: $.narrative.{key}: this text could not be "
                f"converted from Markdown ({type(error).__name__}); simplify its "
                "lists, quotes and brackets"
            ) from error

    def term_page(self, facet: str, key: str, intro: Markup | None = None) -> str:
        vocabulary = self.vocabulary(vocabulary_of(facet))
        url = f"{BY_KEY[facet].browse}/{key}.html"
        cases = sorted(
            self.catalog.with_term(facet, key), key=lambda c: (c.is_mention, text_key(c.title))
        )  # mentions last
        return self._render(
            "term.html", url, term=vocabulary.terms[key], cases=cases, facet=facet, intro=intro
        )

    def overview_page(self, facet: str, title: str, lead: str) -> str:
        vocabulary = self.vocabulary(vocabulary_of(facet))
        # Counts are of case studies: mentions are listed on the term pages, not counted.
        # A term with no record at all is left out: its page only says there is none yet.
        held = [(term, self.catalog.with_term(facet, term.key)) for term in vocabulary]
        terms = [(term, sum(not c.is_mention for c in cases)) for term, cases in held if cases]
        return self._render(
            "overview.html",
            f"{BY_KEY[facet].browse}/index.html",
            title=title,
            lead=lead,
            terms=terms,
            directory=BY_KEY[facet].browse,
        )

    def index_page(self) -> str:
        code = self.language.code
        facets: list[dict[str, Any]] = [
            {
                "key": facet.key,
                "label": self.strings.t(f"ui.facets.{facet.key}"),
                "values": [
                    (value, text)
                    for value, text in self.catalog.facet_labels(facet.key, code).items()
                    if self.catalog.with_term(facet.key, value)
                ],
                "counts": {
                    value: len(self.catalog.with_term(facet.key, value))
                    for value in self.catalog.facet_labels(facet.key)
                },
            }
            for facet in FACETS
        ]
        total = len(self.catalog.cases)
        for facet in facets:  # every value held by every case: the facet tells nothing apart
            facet["uniform"] = all(
                len(self.catalog.with_term(facet["key"], value)) == total
                for value, _ in facet["values"]
            )
        facets.sort(key=lambda facet: facet["uniform"])  # folded ones last (sort is stable)
        cases = sorted(self.catalog.cases, key=lambda c: text_key(c.title))
        return self._render(
            "index.html",
            "case-studies/index.html",
            cases=cases,
            facets=facets,
            page_size=FINDER_PAGE_SIZE,
            browsable=BROWSABLE,
        )

    # -- pieces for guide pages

    def case_link(self, case_id: str, page_url: str) -> Markup:
        case = self.catalog.by_id[case_id]
        href = posixpath.relpath(case_url(case_id), posixpath.dirname(page_url) or ".")
        return Markup('<a class="cb-case-link" href="{}">{}</a>').format(href, case.title)

    def cards(self, cases: list[CaseStudy], page_url: str, level: int = 3) -> Markup:
        macros = self.env.get_template("_macros.html").module
        card_list = macros.card_list  # type: ignore[attr-defined]  # a macro of the template
        return Markup(card_list(cases, base_of(page_url), level))


_MARKER = re.compile(r"\[\[(case|card|newest|featured|count):([^\]\s]+)\]\]")
_CARD_PARAGRAPH = re.compile(r"<p>\s*\[\[(card|newest|featured):([^\]\s]+)\]\]\s*</p>")
_HEADING = re.compile(r"<h([1-6])(?![^>]*cb-card__title)[\s>]")  # cards' own titles aside
_NOT_AN_ID = ("newest", "featured", "count")  # markers whose argument is no case id


def _card_level(html_before: str) -> int:
    """Card titles are headings one level below the last heading before them, so a page's
    outline never skips a level (h1 then h3 fails the Nu HTML checker and screen readers)."""
    levels = _HEADING.findall(html_before)
    return min(int(levels[-1]) + 1, 6) if levels else 2


class UnknownCase(KeyError):
    pass


class RenderError(Exception):
    """A case study that passed validation but could not be rendered; str() names the file
    and the field."""


def expand_markers(html: str, page_url: str, renderer: Renderer) -> str:
    """[[case:ID]] -> link, [[card:ID]] -> card, [[newest:N]] -> the N newest as cards,
    [[featured:N]] -> the N best documented as cards (home.py), [[count:cases]] and
    [[count:countries]] -> numbers counted at build time (mentions are not cases).

    Runs on HTML after Markdown, so titles go through escaping, never through Markdown.
    Raises UnknownCase for an id that does not exist.
    """
    catalog = renderer.catalog

    def lookup(case_id: str) -> CaseStudy:
        if case_id not in catalog.by_id:
            raise UnknownCase(case_id)
        return catalog.by_id[case_id]

    def missing(match: re.Match[str]) -> str | None:
        """Under serve, a case left out of the preview is named, not fatal."""
        kind, arg = match.groups()
        if renderer.lenient and kind not in _NOT_AN_ID and arg not in catalog.by_id:
            return str(
                Markup(
                    '<span class="cb-preview-missing">[case study {} is not in this '
                    "preview: see the banner]</span>"
                ).format(arg)
            )
        return None

    def block(match: re.Match[str]) -> str:
        kind, arg = match.groups()
        if (shown := missing(match)) is not None:
            return shown
        level = _card_level(match.string[: match.start()])
        if kind in ("newest", "featured"):
            number = int(arg) if arg.isdigit() else 5
            chosen = catalog.newest(number) if kind == "newest" else home.featured(catalog, number)
            return renderer.cards(chosen, page_url, level)
        return renderer.cards([lookup(arg)], page_url, level)

    def inline(match: re.Match[str]) -> str:
        kind, arg = match.groups()
        if kind == "count":
            return localise.number(home.counts(catalog).get(arg, 0), renderer.language.code)
        if (shown := missing(match)) is not None:
            return shown
        if kind != "case":
            return block(match)
        lookup(arg)
        return renderer.case_link(arg, page_url)

    html = _CARD_PARAGRAPH.sub(block, html)
    return _MARKER.sub(inline, html)


__all__ = ["RenderError", "Renderer", "UnknownCase", "base_of", "case_url", "expand_markers"]
