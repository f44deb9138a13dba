""" "Print the guide" (print.html): a "Print or save as PDF" button and the guide's pages in nav
order, as one document. Case studies are printed from their own pages: with every case study
in it, this page grew to 18 MB of HTML at 2,000 cases (issue 15).

Guide pages are maintainer-written Markdown (trusted), converted with the same extensions as
mkdocs.yml. Case studies reuse the case page renderer. Both are then fitted into one page:
headings moved down two levels, ids prefixed so they stay unique, links rewritten to point
into this document where their target is in it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.meta import get_data

from casebook.pages.base import GeneratedPage
from casebook.render import Renderer, expand_markers

SRC_URI = "print.md"
Resolve = Callable[[str], str]  # where a link points in the fitted page
Attrs = list[tuple[str, str | None]]  # an HTML start tag's attributes
URL = "print.html"
STUB = "---\nsearch:\n  exclude: true\n---\n\n## The guide\n"
_LEFT_OUT = {SRC_URI, "map.md"}  # pages that make no sense on paper

_INTRO = """\
<h1 id="title">{{ t("ui.print.title") }}</h1>
<p class="cb-print-hint"><button type="button" class="md-button md-button--primary cb-print-button"
data-cb-print hidden>{{ t("ui.print.button") }}</button></p>
<p class="cb-lead cb-print-hint">{{ t("ui.print.lead") }}</p>
<nav class="cb-print-contents" aria-label="{{ t("ui.print.contents") }}">
<h2 id="the-guide">{{ t("ui.print.guide") }}</h2>
<ul>{% for slug, title, _ in guide %}<li><a href="#{{ slug }}">{{ title }}</a></li>{% endfor %}</ul>
</nav>
{% for slug, title, html in guide %}
<section class="cb-print-part" id="{{ slug }}">{{ html }}</section>
{% endfor %}
"""

_H1_TEXT = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_TAGS = re.compile(r"<[^>]+>")


def guide_sources(config: MkDocsConfig) -> list[str]:
    """Markdown files of the guide (src_uri) in nav order; all of docs_dir without a nav."""
    docs = Path(config.docs_dir)
    listed = (
        list(_nav_files(config.nav))
        if config.nav
        else sorted(
            (p.relative_to(docs).as_posix() for p in docs.rglob("*.md")),
            key=lambda uri: (uri != "index.md", uri),
        )
    )
    seen: list[str] = []
    for uri in listed:
        if uri not in seen and uri not in _LEFT_OUT and (docs / uri).is_file():
            seen.append(uri)
    return seen


def _nav_files(nav: list[Any]) -> Iterator[str]:
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            yield from _nav_files(value)
        elif isinstance(value, str) and value.endswith(".md"):
            yield value


def fit(html: str, prefix: str, resolve: Resolve, levels: int = 2) -> str:
    """Demote headings `levels` levels, prefix ids, rewrite links with `resolve(url)`.

    Only tags are touched, found by an HTML parser: text that merely looks like markup
    (a narrative quoting `id="x"` or `<h1>`) is the reader's and stays exactly as written."""
    rewriter = _TagRewriter(html, prefix, resolve, levels)
    rewriter.feed(html)
    rewriter.close()
    return rewriter.result()


_HEADING_TAGS = {f"h{n}" for n in range(1, 7)}
_END_TAG = re.compile(r"</[^>]*>")


class _TagRewriter(HTMLParser):
    """Collects edits (offset, length, replacement) to the start and end tags of a page;
    everything between tags is copied from the source unchanged."""

    def __init__(self, source: str, prefix: str, resolve: Resolve, levels: int) -> None:
        super().__init__(convert_charrefs=True)
        self.source, self.prefix, self.resolve = source, prefix, resolve
        self.levels = levels
        self.edits: list[tuple[int, int, str]] = []
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: Attrs) -> None:
        self._start(tag, attrs, ">")

    def handle_startendtag(self, tag: str, attrs: Attrs) -> None:
        self._start(tag, attrs, " />")

    def _start(self, tag: str, attrs: Attrs, close: str) -> None:
        if tag not in _HEADING_TAGS and not any(name in ("id", "href", "src") for name, _ in attrs):
            return
        parts = [_demote(tag, self.levels)]
        for name, value in attrs:
            if value is not None and name == "id":
                value = self.prefix + value
            elif value is not None and name in ("href", "src"):
                value = self.resolve(value)
            parts.append(name if value is None else f'{name}="{escape(value)}"')
        raw = self.get_starttag_text() or ""
        self.edits.append((self._offset(), len(raw), f"<{' '.join(parts)}{close}"))

    def handle_endtag(self, tag: str) -> None:
        if tag in _HEADING_TAGS:
            offset = self._offset()
            match = _END_TAG.match(self.source, offset)
            if match:
                self.edits.append((offset, match.end() - offset, f"</{_demote(tag, self.levels)}>"))

    def result(self) -> str:
        out, last = [], 0
        for offset, length, replacement in sorted(self.edits):
            out += [self.source[last:offset], replacement]
            last = offset + length
        return "".join(out) + self.source[last:]


def _demote(tag: str, levels: int) -> str:
    return f"h{min(int(tag[1]) + levels, 6)}" if tag in _HEADING_TAGS else tag


class _Links:
    """Where a link on one fitted page points now that it sits in print.html."""

    def __init__(self, page_dir: str, prefix: str, in_document: dict[str, str]):
        self.page_dir, self.prefix, self.in_document = page_dir, prefix, in_document

    def __call__(self, url: str) -> str:
        if url.startswith("#"):
            return f"#{self.prefix}{url[1:]}"
        if re.match(r"^[a-z][a-z0-9+.-]*:|^/", url, re.I):
            return url
        path, _, fragment = url.partition("#")
        target = posixpath.normpath(posixpath.join(self.page_dir, path))
        anchor = self.in_document.get(target)
        if anchor:
            return f"#{anchor}-{fragment}" if fragment else f"#{anchor}"
        if target.endswith(".md"):
            target = target[:-3] + ".html"
        return target + (f"#{fragment}" if fragment else "")


def render_print(renderer: Renderer) -> str:
    config = renderer.mkdocs_config
    sources = guide_sources(config)
    in_document = {uri: "guide-" + _slug(uri) for uri in sources}
    in_document.update({uri[:-3] + ".html": anchor for uri, anchor in list(in_document.items())})
    guide = []
    for uri in sources:
        html = _guide_html(Path(config.docs_dir), uri, config, renderer)
        anchor = in_document[uri]
        title = _title(html) or escape(uri)
        guide.append(
            (
                anchor,
                title,
                Markup(
                    fit(
                        html,
                        anchor + "-",
                        _Links(posixpath.dirname(uri), anchor + "-", in_document),
                    )
                ),
            )
        )
    return renderer.env.from_string(_INTRO).render(guide=guide)


def _guide_html(docs: Path, uri: str, config: MkDocsConfig, renderer: Renderer) -> str:
    text, _ = get_data((docs / uri).read_text(encoding="utf-8-sig"))
    converter = markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )
    # Markers expand as on the page itself; fit() then rewrites their links like any other.
    return expand_markers(converter.convert(text), uri[:-3] + ".html", renderer)


def _title(html: str) -> Markup:
    """The page's first h1 as inline text (guide HTML is maintainer-written, so trusted)."""
    match = _H1_TEXT.search(html)
    return Markup(_TAGS.sub("", _PERMALINK.sub("", match[1])).strip()) if match else Markup()


def _slug(uri: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", uri.removesuffix(".md").lower()).strip("-")


def pages(renderer: Renderer) -> list[GeneratedPage]:
    title = renderer.strings.t("ui.print.title")
    return [GeneratedPage(SRC_URI, title, lambda: render_print(renderer), STUB)]
