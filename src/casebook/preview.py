"""`mkdocs serve`: a preview that never hangs, and stays fast with thousands of case studies.

`mkdocs build` stops at the first invalid case study (casebook.site); a preview must not:
a contributor saving a half-written file would otherwise see the browser hang. Under serve:

- every file is checked as `casebook validate` checks it, but a file with problems is left
  out and the rest is served; every page shows a banner listing the problems
  (file:line:col: message) until they are fixed;
- a file that is still the `casebook new` scaffold (its TODO placeholders in place) is a
  draft: it gets a page of its own with a "draft" banner and the list of what is left;
- checks are cached per file content (sha256), and a case page whose inputs are unchanged
  since the last rebuild is taken out of MkDocs' build and its last output hard-linked in
  place (casebook.linkstore), as are the search files; the full-text index's per-document
  work (casebook.search.memo) and casebook.json's per-case part (casebook.export_memo) are
  reused. The banner comes from one small script (assets/casebook-preview.js) so that the
  problem list changing does not change every page.

A save is visible once the whole rebuild is done: MkDocs' server holds every request while
a rebuild runs, so writing the saved case's page first would not show it any sooner.

Nothing here runs for `mkdocs build`, whose output therefore never depends on this cache.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import jinja2.bccache
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import print_results
from .clock import build_date
from .export_memo import OpenDataMemo
from .linkstore import LinkStore
from .loader import Document, load_bytes
from .model import CaseStudy, Catalog
from .pages.base import GeneratedPage
from .problems import CasebookError, Problem
from .project import Project
from .search.memo import SearchMemo
from .validate import _cross_file, case_files, validate_document

if TYPE_CHECKING:
    from .render import Renderer
    from .schema import Schema

CaseFiles = tuple[list[tuple[str, str]], list[Problem]]  # validate.case_files()

log = logging.getLogger("mkdocs.plugins.casebook.preview")
SCRIPT = "assets/casebook-preview.js"
PRINT_PAGE = "print.md"
_PRINT_NOTICE = (
    '<h1 id="title">Print the guide</h1>\n<p>The preview leaves this page out: '
    "it holds every case study and would be rebuilt on every save. "
    "<code>mkdocs build</code> builds it in full.</p>\n"
)
DRAFT_MARK = "# A new Casebook case study."  # first comment line of scaffold.scaffold_text
_CASE_PAGE = "case-studies/"


@dataclass
class _Checked:
    """One file's check, valid while the file's bytes and the schema are the same."""

    digest: str
    document: Document | None
    problems: list[Problem]
    draft: bool


@dataclass
class Draft:
    file: str
    document: Document
    problems: list[Problem]

    @property
    def id(self) -> str:
        return Path(self.file).name.rsplit(".", 1)[0]


class _MemoryBytecode(jinja2.BytecodeCache):
    """Compiled templates kept across rebuilds: MkDocs makes a new theme environment for
    every build, and compiling Material's templates was a third of a rebuild. Jinja keys
    each entry by the template's source checksum, so an edited template is compiled again."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


@dataclass
class Preview:
    """State kept across `mkdocs serve` rebuilds (the hook module lives as long as serve)."""

    problems: list[Problem] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)
    _checked: dict[str, _Checked] = field(default_factory=dict)
    _case_html: dict[str, str] = field(default_factory=dict)  # case key -> our HTML
    _built: dict[str, tuple[str, str]] = field(default_factory=dict)  # src_uri -> (key, stored)
    _pending: dict[str, str] = field(default_factory=dict)  # src_uri -> key, this rebuild
    _listings: dict[str, tuple[str, str]] = field(default_factory=dict)  # src_uri -> (key, html)
    bytecode: _MemoryBytecode = field(default_factory=_MemoryBytecode)
    search: SearchMemo = field(default_factory=SearchMemo)  # the full-text index's work
    store: LinkStore = field(default_factory=LinkStore)  # unchanged files, hard-linked
    open_data: OpenDataMemo = field(default_factory=OpenDataMemo)  # casebook.json by case
    _print: dict[str, str] = field(default_factory=dict)  # case key -> print script
    # (file names, then case_files()'s two lists)
    _listing: tuple[tuple[str, ...], list[tuple[str, str]], list[Problem]] | None = None

    # -- checking

    def catalog(self, project: Project) -> Catalog:
        """The valid case studies; problems and drafts are kept for the banner."""
        schema = project.schema
        schema_digest = _digest_folder(project.schema_dir)
        files, problems = self._case_files(project)
        documents, drafts, broken = [], [], {p.file for p in problems}
        for filename, shown in files:
            checked = self._check(filename, shown, schema, schema_digest)
            if checked.draft and checked.document is not None:  # a draft always loaded
                drafts.append(Draft(shown, checked.document, checked.problems))
            elif checked.problems:
                problems += checked.problems
                broken.add(shown)
            if checked.document is not None and not checked.draft:
                documents.append(checked.document)
        known = {Path(f).stem for f, _ in files}
        cross = _cross_file(documents, known)
        problems += cross
        broken |= {p.file for p in cross}
        self.problems = sorted(set(problems))
        self.drafts = drafts
        names = dict(files)  # once: inside the comprehension it was quadratic (0.4 s)
        self._checked = {k: v for k, v in self._checked.items() if k in names}
        if self.problems or drafts:
            log.info(
                "Casebook preview: %d problem(s) in %d file(s) left out, %d draft(s); "
                "`mkdocs build` refuses to build until they are fixed",
                len(self.problems),
                len({p.file for p in self.problems}),
                len(drafts),
            )
        good = [d for d in documents if d.file not in broken]
        return Catalog.build(good, schema.vocabularies)

    def _case_files(self, project: Project) -> CaseFiles:
        """case_files() resolves every path (twins by case or Unicode form): 0.7 s for 500
        files on the shared machine; reused while the folder holds the same names."""
        listing = tuple(sorted(os.listdir(project.case_dir))) if project.case_dir.is_dir() else ()
        if self._listing is None or self._listing[0] != listing:
            found, problems = case_files([project.case_dir], project.root)
            self._listing = (listing, found, problems)
        return list(self._listing[1]), list(self._listing[2])

    def _check(self, filename: str, shown: str, schema: Schema, schema_digest: str) -> _Checked:
        try:
            raw = Path(filename).read_bytes()
        except OSError as error:
            return _Checked(
                "", None, [Problem(shown, 1, 1, "$", f"cannot read file: {error.strerror}")], False
            )
        digest = hashlib.sha256(schema_digest.encode() + shown.encode() + raw).hexdigest()
        cached = self._checked.get(filename)
        if cached is not None and cached.digest == digest:
            return cached
        try:
            document = load_bytes(raw, shown)
            problems = validate_document(document, schema)
        except CasebookError as error:
            document, problems = None, error.problems
        draft = (
            document is not None
            and DRAFT_MARK in raw.decode("utf-8", "replace")
            and any("placeholder" in p.message for p in problems)
        )
        checked = _Checked(digest, document, sorted(problems), draft)
        self._checked[filename] = checked
        return checked

    # -- pages

    def add_files(
        self,
        files: Files,
        config: MkDocsConfig,
        generated: dict[str, GeneratedPage],
        renderer: Renderer,
        site_key: str,
    ) -> None:
        """Add the banner script and draft pages; link unchanged case pages from the last
        rebuild's output instead of rendering and writing them again."""
        self.store.start(config.site_dir)
        files.append(File.generated(config, SCRIPT, content=self.script()))
        for draft in self.drafts:
            uri = f"{_CASE_PAGE}{draft.id}.md"
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, content=f"# {draft.id}\n"))
            generated[uri] = _draft_page(uri, draft, renderer)
        self._pending = {}
        renderer._case_pages = self._case_html  # case pages outlive one rebuild
        renderer.case_key = lambda case: self._case_key(case, renderer, site_key)
        if PRINT_PAGE in generated:  # every case in one page: rebuilt on every save
            generated[PRINT_PAGE].render = lambda: _PRINT_NOTICE
        listing = _listing_key(renderer.catalog, site_key)
        for uri, page in generated.items():
            if not _is_case_page(uri) and uri != PRINT_PAGE:
                self._reuse_listing(uri, page, listing)
            case = (
                renderer.catalog.by_id.get(uri[len(_CASE_PAGE) : -3])
                if _is_case_page(uri)
                else None
            )
            if case is None:
                continue
            key = renderer.case_key(case)
            self._pending[uri] = key
            built = self._built.get(uri)
            if built is not None and built[0] == key and self.store.has(built[1]):
                self._link_output(files, config, uri, built[1])
        self.forget_unused()

    def _link_output(self, files: Files, config: MkDocsConfig, uri: str, stored: str) -> None:
        """Take the page out of MkDocs' build and link its last output in its place (same
        URL; no theme rendering, nothing written). Case pages are outside the nav and only
        our own HTML links to them, so nothing in MkDocs refers to the page."""
        page = files.get_file_from_path(uri)
        if page is None:
            return
        files.remove(page)
        self.store.link(stored, Path(config.site_dir) / page.dest_uri)

    def _reuse_listing(self, uri: str, page: GeneratedPage, key: str) -> None:
        """Index, browse, map and form pages show what cases are called, where and how they
        are classified, never their narrative or sources: their HTML is kept while that
        stays the same (a save that only changes a narrative renders none of them)."""
        kept = self._listings.get(uri)
        if kept is not None and kept[0] == key:
            html: str = kept[1]
            page.render = lambda: html
            return
        render = page.render

        def render_and_keep() -> str:
            html: str = render()
            self._listings[uri] = (key, html)
            return html

        page.render = render_and_keep

    def _case_key(self, case: CaseStudy, renderer: Renderer, site_key: str) -> str:
        related = [other.data for other in renderer.catalog.related(case)]
        text = json.dumps(
            [case.data, case.source_file, related, site_key], sort_keys=True, ensure_ascii=False
        )
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def remember(self, page: Page, output: str) -> None:
        """The final HTML of a case page, reused while its key stays the same."""
        key = self._pending.get(page.file.src_uri)
        if key is not None:  # stored as MkDocs writes it
            stored = self.store.keep(output.encode("utf-8", errors="xmlcharrefreplace"))
            self._built[page.file.src_uri] = (key, stored)

    def print_scripts(self, catalog: Catalog, renderer: Renderer) -> dict[str, str]:
        """print_results' assets/print/<id>.js, each made again only when its case page's
        key changes (fitting 2,000 pages for print took seconds of every rebuild)."""
        kept, scripts = {}, {}
        for case in catalog.cases:
            key = self._pending.get(f"{_CASE_PAGE}{case.id}.md") or renderer.case_key(case)
            text = self._print.get(key) or print_results.fragment(case.id, renderer.case_page(case))
            kept[key] = scripts[f"{print_results.FOLDER}/{case.id}.js"] = text
        self._print = kept
        return scripts

    def write_files(self, site_dir: str, written: dict[str, str]) -> None:
        """Files written after the build (casebook.search's), linked where unchanged; then
        the store drops what this rebuild did not use."""
        root = Path(site_dir)
        for name, text in written.items():
            self.store.put(text.encode("utf-8"), root / name)
        self.store.finish()

    def forget_unused(self) -> None:
        """Drop cached pages for cases that changed or went; bounded memory over a long
        session (kept in place: the renderer holds this very dict)."""
        live = set(self._pending.values())
        for key in [k for k in self._case_html if k not in live]:
            del self._case_html[key]

    # -- the banner

    def script(self) -> str:
        """Every page loads this (extra_javascript under serve): it shows the banner."""
        data = {
            "problems": [str(p) for p in self.problems],
            "drafts": [
                {"file": d.file, "url": f"{_CASE_PAGE}{d.id}.html", "left": len(d.problems)}
                for d in self.drafts
            ],
        }
        payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
        return _BANNER_SCRIPT.replace("__DATA__", payload)


def site_key(config: MkDocsConfig, project: Project) -> str:
    """What every case page depends on besides its own record: configuration, theme and
    guide pages (nav, links), schema and vocabularies, the build date."""
    digest = hashlib.sha256()
    digest.update(Path(config.config_file_path).read_bytes())
    digest.update(_digest_folder(Path(config.docs_dir)).encode())
    digest.update(_digest_folder(project.schema_dir).encode())
    digest.update(build_date().isoformat().encode())
    return digest.hexdigest()


def _listing_key(catalog: Catalog, site_key: str) -> str:
    listed = [
        {k: v for k, v in case.data.items() if k not in _NOT_LISTED} for case in catalog.cases
    ]
    text = json.dumps([listed, site_key], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_NOT_LISTED = ("narrative", "sources", "quotes")  # shown on the case page only


def _digest_folder(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _is_case_page(uri: str) -> bool:
    return uri.startswith(_CASE_PAGE) and uri != f"{_CASE_PAGE}index.md"


def _draft_page(uri: str, draft: Draft, renderer: Renderer) -> GeneratedPage:
    data = draft.document.data if isinstance(draft.document.data, dict) else {}
    title = (
        data.get("title")
        if isinstance(data.get("title"), str) and not str(data.get("title")).startswith("TODO")
        else draft.id
    )
    narrative = data["narrative"] if isinstance(data.get("narrative"), dict) else {}
    sections = [
        (key.capitalize(), Markup(renderer.markdown.convert(text)))
        for key, text in narrative.items()
        if isinstance(text, str) and not text.lstrip().startswith("TODO")
    ]
    html = renderer.env.from_string(_DRAFT_TEMPLATE).render(
        title=title,
        file=draft.file,
        problems=draft.problems,
        sections=sections,
        summary=data.get("summary") if isinstance(data.get("summary"), str) else "",
    )
    return GeneratedPage(uri, f"Draft: {title}", lambda: html, stub="", in_nav=False)


_DRAFT_TEMPLATE = """\
<h1 id="title">{{ title }}</h1>
<div class="cb-preview-draft" role="note">
<p><strong>Draft</strong> — {{ file }} is still the template <code>casebook new</code> wrote.
This page exists only in the preview: {{ problems|length }} thing{{ "s" if problems|length != 1 }}
left to fill in or fix before <code>mkdocs build</code> accepts it.</p>
<ul>{% for p in problems %}<li><code>{{ p }}</code></li>{% endfor %}</ul>
</div>
{% if summary and not summary.startswith("TODO") %}
<p class="cb-summary">{{ summary }}</p>
{% endif %}
{% for heading, html in sections %}<h2>{{ heading }}</h2>
{{ html }}
{% endfor %}
"""

# A classic script (works from file:// and needs no fetch); text goes in with textContent.
_BANNER_SCRIPT = """\
/* Generated by casebook.preview under `mkdocs serve` only: problems in the case studies. */
(function () {
  var data = __DATA__;
  if (!data.problems.length && !data.drafts.length) return;
  function show() {
    var main = document.querySelector("article.md-content__inner") || document.body;
    var box = document.createElement("aside");
    box.className = "cb-preview-banner";
    box.setAttribute("aria-label", "Preview: problems in the case studies");
    var script = document.querySelector("script[src$='casebook-preview.js']");
    var base = script.getAttribute("src").replace(/assets\\/casebook-preview\\.js$/, "");
    function add(tag, text, parent) {
      var el = document.createElement(tag);
      if (text) el.textContent = text;
      (parent || box).appendChild(el);
      return el;
    }
    if (data.problems.length) {
      add("p", "Preview only: " + data.problems.length + " problem" +
        (data.problems.length === 1 ? "" : "s") + " in the case studies. Files with " +
        "problems are left out of this preview, and `mkdocs build` refuses to build until " +
        "they are fixed:");
      var list = add("ul");
      data.problems.forEach(function (p) { add("code", p, add("li", "", list)); });
    }
    data.drafts.forEach(function (d) {
      var p = add("p", "Draft: " + d.file + " (" + d.left + " left to fill in) — ");
      var link = add("a", "preview the draft", p);
      link.href = base + d.url;
    });
    main.insertBefore(box, main.firstChild);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
  else show();
})();
"""
