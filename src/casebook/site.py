"""The MkDocs side of Casebook: which pages and files a build gets, and how they are filled.

hooks/casebook_hooks.py only forwards MkDocs events to a CasebookSite.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from . import export, feeds, print_results
from .build_warnings import WarningCount
from .cite import citation
from .clock import build_date
from .editions import guide as edition_guide
from .editions import links as edition_links
from .editions.builds import (
    EditionBuildError,
    EditionBuilds,
    shared_catalog,
    sub_build_site_dir,
)
from .editions.config import EditionConfigError, edition_language, published_editions
from .facets import BROWSABLE
from .files import special_files
from .i18n.catalogue import strings
from .i18n.languages import LANGUAGES, ORIGINAL, Language, edition_url
from .ledger import Ledger
from .model import Catalog
from .pages import GeneratedPage, extra_pages
from .problems import CasebookError
from .project import Project
from .publish import Publisher, PublishError
from .render import Renderer, RenderError, UnknownCase, expand_markers
from .search import files as search_files
from .search.pages import PageCollector
from .toc import table_of_contents
from .translations.overlay import translated_catalog
from .translations.status import TranslationStatus

if TYPE_CHECKING:
    from .preview import Preview

# The finder needs the whole width for its facets and cards: no navigation or contents
# columns beside it (the phone's menu still holds the navigation).
_FULL_WIDTH = "---\nsearch:\n  exclude: true\nhide:\n  - navigation\n  - toc\n---\n"


def _plugin_error(error: CasebookError) -> PluginError:
    count = len(error.problems)
    return PluginError(
        f"Casebook: {count} problem{'s' * (count != 1)} in the case studies "
        f"(run `casebook validate` for the same list):\n{error}"
    )


class CasebookSite:
    """State for one MkDocs build (or one `mkdocs serve` rebuild)."""

    def __init__(self) -> None:
        self.command = "build"
        # Both set by configure(), the first event of every build and rebuild.
        self.catalog: Catalog
        self.renderer: Renderer
        self.generated: dict[str, GeneratedPage] = {}  # by src_uri
        self.final_site_dir: str | None = None
        self.publisher: Publisher | None = None
        self.config: MkDocsConfig | None = None
        self.warnings = WarningCount()
        self.search_pages = PageCollector()  # pages for the full-text index (casebook.search)
        self.preview: Preview | None = None  # under `mkdocs serve` only
        # Editions (casebook.editions): this build's language, the published editions,
        # the other editions' builds (English `mkdocs build` only), guide-page translations.
        self.language = LANGUAGES[ORIGINAL]
        self.editions: tuple[Language, ...] = (self.language,)
        self.edition_builds = EditionBuilds()
        self.guide_status: dict[str, TranslationStatus] = {}

    # -- configuration and validation (before MkDocs empties site/)

    def configure(self, config: MkDocsConfig) -> None:
        self.config = config
        self.final_site_dir = None
        self.guide_status = {}
        self.search_pages.start((config.extra.get("casebook") or {}).get("language", "en"))
        root = self.root = Path(config.config_file_path).resolve().parent
        try:
            self.language = edition_language(config)
            self.editions = published_editions(config)
        except EditionConfigError as error:
            raise PluginError(f"Casebook: {error}") from None
        for folder in ("case_studies", "schema", edition_guide.TRANSLATIONS_DIR):
            if str(root / folder) not in config.watch and (root / folder).is_dir():
                config.watch.append(str(root / folder))
        if self.command == "build":
            staging = sub_build_site_dir()
            if staging:  # an edition of an English build: it publishes them all
                config.site_dir = staging
            else:
                self._start_publishing(config)
        project = Project(root)
        try:
            special = special_files(
                root,
                [
                    Path(config.docs_dir),
                    project.case_dir,
                    project.schema_dir,
                    root / edition_guide.TRANSLATIONS_DIR,
                ],
            )
            if special:  # a pipe or device would hang any reader, serve included
                raise CasebookError(special)
            if self.command == "serve":  # problems are shown on the pages, never a hang
                from .preview import SCRIPT, Preview, site_key

                self.preview = self.preview or Preview()
                self.preview.search.next_rebuild()
                self.search_pages.text_of = self.preview.search.page_text
                self.catalog = self.preview.catalog(project)
                self.site_key = site_key(config, project)
                config.extra_javascript.append(SCRIPT)
            else:  # an edition started by the English build receives its validated catalog
                self.catalog = shared_catalog() or project.catalog()
        except CasebookError as error:
            raise _plugin_error(error) from None
        # An edition's pages show its translations laid over the originals (English where a
        # case or field has none, with a notice); the English catalog stays untouched.
        self.catalog = translated_catalog(self.catalog, self.language.code, project)
        extra = config.extra.get("casebook", {}) or {}
        self.ledger = Ledger.load(root)
        self.renderer = Renderer(
            self.catalog,
            today=build_date(),
            edit_base=extra.get("edit_base"),
            guide_urls=self._guide_urls(Path(config.docs_dir)),
            schema=project.schema,
            mkdocs_config=config,
            language=extra.get("language", "en"),
        )
        self.renderer.lenient = self.preview is not None
        if self.preview is not None:
            self.renderer.env.bytecode_cache = self.preview.bytecode
        self.public_url = extra.get("public_url")
        self.renderer.env.globals["cite"] = lambda case: citation(
            case, self.ledger, self.public_url, config.site_name, self.renderer.strings
        )
        if self.command == "build":
            self.warnings.start()

    def _start_publishing(self, config: MkDocsConfig) -> None:
        """Lock site/, repair what a killed build left, and build into a staging folder of
        this build's own; finish() swaps it in (publish.py). Runs before validation, so even
        a build that fails validation repairs a site/ that a killed build left missing."""
        self.final_site_dir = config.site_dir
        self.publisher = Publisher(config.site_dir)
        try:
            config.site_dir = str(self.publisher.begin())
        except PublishError as error:
            self.publisher = None
            raise PluginError(f"Casebook: {error}") from None

    def _guide_urls(self, docs_dir: Path) -> dict[str, str]:
        """Guide section -> page URL, for the sections whose page exists in content/."""
        sections = self.catalog.vocabulary("guide_sections")
        return {
            t.key: t.extra["page"].removesuffix(".md") + ".html"
            for t in sections
            if "page" in t.extra and (docs_dir / t.extra["page"]).is_file()
        }

    # -- files

    def add_files(self, files: Files, config: MkDocsConfig) -> Files:
        self._start_editions(config)  # site_dir (the staging folder) has just been emptied
        self.generated = {page.src_uri: page for page in self._pages()}
        for page in self.generated.values():
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            _replace(
                files, File.generated(config, page.src_uri, content=page.stub, inclusion=inclusion)
            )
        language = self.renderer.language.code  # downloads label terms in the edition's
        open_data = self.preview.open_data if self.preview is not None else export
        data_files = {
            **open_data.open_data(self.catalog, language),  # serve reuses cases' JSON parts
            "assets/casebook-data.js": export.data_script(self.catalog, language),
            "assets/casebook-csv.js": export.csv_script(self.catalog, language),
            **self._feeds(config),
        }
        for name, content in data_files.items():
            _replace(files, File.generated(config, name, content=content.encode("utf-8")))
        if self.preview is not None:
            self.preview.add_files(files, config, self.generated, self.renderer, self.site_key)
        if self.language.code != ORIGINAL:
            self.guide_status = edition_guide.translate_guide(files, self.root, self.language)
        return files

    def _start_editions(self, config: MkDocsConfig) -> None:
        """An English `mkdocs build` builds the other editions into its staging folder, in
        processes of their own, while it builds English (casebook.editions.builds)."""
        if self.publisher is None or self.language.code != ORIGINAL or len(self.editions) < 2:
            return
        try:
            self.edition_builds.start(
                config.config_file_path,
                config.site_dir,
                self.editions[1:],
                strict=bool(config.strict),
                catalog=self.catalog,
            )
        except EditionBuildError as error:
            raise PluginError(f"Casebook: {error}") from None

    def _feeds(self, config: MkDocsConfig) -> dict[str, str]:
        args = (self.catalog, self.ledger, self.public_url, config.site_name)
        return {feeds.ATOM_FILE: feeds.atom(*args), feeds.JSON_FILE: feeds.json_feed(*args)}

    def _pages(self) -> list[GeneratedPage]:
        """Every generated page: one per case, the index, browse pages, then pages/ modules.
        Case pages stay out of Material's search index (casebook.search indexes their full
        text); browse pages are in it, without their lists of cases (data-search-exclude)."""
        renderer, catalog = self.renderer, self.catalog
        pages = [
            GeneratedPage(
                f"case-studies/{case.id}.md",
                case.title,
                partial(renderer.case_page, case),
                in_nav=False,
            )
            for case in catalog.cases
        ]
        text = renderer.strings.t
        pages.append(
            GeneratedPage(
                "case-studies/index.md",
                text("ui.finder.title"),
                renderer.index_page,
                stub=_FULL_WIDTH,
            )
        )
        for facet in BROWSABLE:  # overview and term pages; strings ui.browse.<key>_…
            key, directory = facet.key, facet.browse
            title, lead = text(f"ui.browse.{key}_title"), text(f"ui.browse.{key}_lead")
            pages.append(
                GeneratedPage(
                    f"{directory}/index.md",
                    title,
                    partial(renderer.overview_page, key, title, lead),
                    stub="",
                )
            )
            pages += [
                GeneratedPage(
                    f"{directory}/{term.key}.md",
                    term.label,
                    partial(renderer.term_page, key, term.key),
                    stub="",
                    in_nav=False,
                )
                for term in renderer.vocabulary(str(facet.vocabulary))
            ]
        return pages + extra_pages(renderer)

    # -- pages

    def page_markdown(self, markdown: str, page: Page) -> str:
        self.search_pages.exclude_from_material(page)
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            # MkDocs' and Material's templates print page.title without escaping, and
            # Material's <title> applies `striptags`, which unescapes it again; page.meta.title
            # takes precedence in <title> and the header and is printed as is.
            page.title = str(escape(generated.title))
            page.meta["title"] = page.title
        return markdown

    def page_content(self, html: str, page: Page) -> str:
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            try:
                html = generated.render()
            except RenderError as error:
                raise PluginError(f"Casebook: {error}") from None
            page.toc = table_of_contents(html)
            self.search_pages.add(page, html)
            return html
        try:
            html = expand_markers(html, page.file.url, self.renderer)
            self.search_pages.add(page, html)
            status = self.guide_status.get(page.file.src_uri)
            if status is not None:  # a guide page of a translated edition
                original = edition_url(page.file.url, self.language.code, ORIGINAL)
                html = edition_guide.with_notice(
                    html, status, strings(self.language.code), original
                )
            return html
        except UnknownCase as error:
            raise PluginError(
                f"{page.file.src_uri}: no case study has id {error.args[0]!r} "
                "(used in a [[case:…]] or [[card:…]] marker)"
            ) from None

    def theme_env(self, env: jinja2.Environment) -> None:
        if self.preview is not None:  # compiled theme templates outlive one rebuild
            env.bytecode_cache = self.preview.bytecode
        # The switcher and hreflang links (overrides/): the page in every edition.
        env.globals["casebook_alternates"] = lambda page: (
            edition_links.alternates(page.file.url, self.language, self.editions, self.public_url)
            if page is not None and getattr(page, "file", None) is not None
            else []
        )
        label = strings(self.language.code).t("site.editions.label")
        env.globals["casebook_editions_label"] = label

    def translate_nav(self, nav: Navigation) -> None:
        edition_links.translate_nav(nav.items, self.language)

    def with_direction(self, output: str) -> str:
        return edition_links.with_direction(output, self.language)

    def page_output(self, output: str, page: Page) -> None:
        if self.preview is not None:
            self.preview.remember(page, output)

    # -- finishing

    def finish(self, config: MkDocsConfig) -> None:
        """Write the full-text index (it reads every page's final HTML), then swap the freshly
        built site into place; the previous one survives any failure."""
        pages = self.search_pages
        if self.preview is not None:  # unchanged files linked, not written (preview.py)
            memo = self.preview.search
            written = search_files.site_files(self.catalog, pages.documents, pages.code, memo)
            written |= self.preview.print_scripts(self.catalog, self.renderer)
            self.preview.write_files(config.site_dir, written)
        else:
            search_files.write(config.site_dir, self.catalog, pages.documents, pages.code)
            print_results.write(config.site_dir, self.catalog, self.renderer)
        if not self.final_site_dir:
            return
        if self.warnings.stop() and config.strict:
            return  # MkDocs aborts right after post_build; on_build_error drops the copy
        try:
            self.edition_builds.wait()  # a failed edition fails the build: site/ stays as it was
        except EditionBuildError as error:
            raise PluginError(f"Casebook: {error}") from None
        publisher, self.publisher = self.publisher, None
        assert publisher is not None, "set with final_site_dir by _start_publishing()"
        try:
            publisher.commit()
        except PublishError as error:
            raise PluginError(f"Casebook: {error}") from None
        config.site_dir = self.final_site_dir

    def abandon_current(self) -> None:
        """After a failed build: drop the half-built copy, keep the last good site."""
        self.warnings.stop()
        self.edition_builds.cancel()
        if self.publisher is not None:
            self.publisher.abandon()
            self.publisher = None
        if self.config is not None and self.final_site_dir:
            self.config.site_dir = self.final_site_dir


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


__all__ = ["CasebookSite"]
