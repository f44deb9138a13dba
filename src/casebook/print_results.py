"""Printing from the finder ("Print these N results", issue 15): each case study as a small
script that hands its printable HTML to the finder page.

One print page holding every case study grew to 18 MB at 2,000 cases, and a page cannot
fetch other pages from file:// (offline readers), but it can load scripts. So every case
page's content is also written as assets/print/<id>.js; the finder loads the scripts of the
results it shows and prints them as one document (casebook-print-results.js).

Each case keeps the heading levels of its page (its title is the <h1>); ids are
prefixed with the case id so that several cases stay unique in one document, and links to
a section of the same case follow the prefix.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from markupsafe import escape

from .model import Catalog
from .pages.printable import fit
from .render import Renderer

FOLDER = "assets/print"
# Keeps "</script" and "<!--" out of the script text; JSON's \u escapes read back the same.
_SCRIPT_UNSAFE = re.compile(r"<(?=[/!])")


def fragment(case_id: str, html: str) -> str:
    """The script for one case: casebookPrintCase(id, html)."""
    prefix = f"print-{case_id}-"
    fitted = fit(
        html, prefix, lambda url: f"#{prefix}{url[1:]}" if url[:1] == "#" else url, levels=0
    )
    document = f'<article class="cb-print-case" id="print-{escape(case_id)}">{fitted}</article>'
    payload = _SCRIPT_UNSAFE.sub(r"\\u003c", json.dumps([case_id, document], ensure_ascii=False))
    return f"casebookPrintCase.apply(null, {payload});\n"


def write(site_dir: str | Path, catalog: Catalog, renderer: Renderer) -> None:
    """Write assets/print/<id>.js for every case in the catalog (after the pages were
    rendered, so each case page comes from the renderer's cache)."""
    folder = Path(site_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for case in catalog.cases:
        text = fragment(case.id, renderer.case_page(case))
        # Plain writes: site_dir is the build's own staging folder (publish.py swaps it in).
        (folder / f"{case.id}.js").write_text(text, encoding="utf-8")
