"""Transfer size of Casebook's pages: what a reader downloads on a first visit.

    python benchmarks/transfer_size.py

Builds the real site (the repository's mkdocs.yml, case_studies/ and content/) into a
temporary folder, then for the home page, the case-study index and the largest case page adds
up the page's own HTML and everything it loads: stylesheets, scripts, the icon, Material's
search worker and the search index (search_index.json over http; the offline build's
search_index.js is the same size; Material's index is now left empty). Casebook's full-text
index (search/casebook-index*.js) is not loaded on a first visit, only when a reader starts
searching: benchmarks/search_bench.py measures it, with 2,000 synthetic cases. Sizes are raw
bytes and gzip -9 (what a server that compresses sends). Prints a Markdown table. Targets:
case-page HTML <= 60 KB, home page first load <= 500 KB.
"""

from __future__ import annotations

import gzip
import json
import os
import posixpath
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
KINDS = ("HTML", "CSS", "JS", "search index", "other")


class _References(HTMLParser):
    """URLs a page loads by itself: stylesheets, scripts, icons, images, and the search worker
    named in Material's __config."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self._config = False
        self.config = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = (attrs.get("rel") or "").split()
        if tag == "link" and ({"stylesheet", "icon"} & set(rel)):
            self.urls.append(attrs["href"])
        elif tag in ("script", "img") and attrs.get("src"):
            self.urls.append(attrs["src"])
        self._config = tag == "script" and attrs.get("id") == "__config"

    def handle_data(self, data):
        if self._config:
            self.config += data

    def handle_endtag(self, tag):
        self._config = False


def _kind(path: str) -> str:
    if "search_index" in path:
        return "search index"
    return {".html": "HTML", ".css": "CSS", ".js": "JS"}.get(posixpath.splitext(path)[1], "other")


def page_load(site: Path, page: str) -> dict[str, list[int]]:
    """kind -> [raw bytes, gzip bytes] for one page and what it loads."""
    parser = _References()
    parser.feed((site / page).read_text(encoding="utf-8"))
    folder = posixpath.dirname(page)
    files = [page] + [
        posixpath.normpath(posixpath.join(folder, url.split("?")[0]))
        for url in parser.urls
        if "://" not in url and not url.startswith("data:")
    ]
    config = json.loads(parser.config or "{}")
    base = posixpath.normpath(posixpath.join(folder, config.get("base", ".")))
    if config.get("search"):
        files += [
            posixpath.normpath(posixpath.join(folder, config["search"])),
            posixpath.normpath(posixpath.join(base, "search/search_index.json")),
        ]
    totals = {kind: [0, 0] for kind in KINDS}
    for name in dict.fromkeys(files):  # each file once, in order
        data = (site / name).read_bytes()
        totals[_kind(name)][0] += len(data)
        totals[_kind(name)][1] += len(gzip.compress(data, 9, mtime=0))
    return totals


def build(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(REPO / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        check=True,
        env=env,
        cwd=REPO,
    )


def _kb(pair: list[int]) -> str:
    return f"{pair[0] / 1024:.1f} / {pair[1] / 1024:.1f}"


def table(site: Path) -> str:
    cases = sorted((site / "case-studies").glob("*.html"), key=lambda p: p.stat().st_size)
    cases = [p for p in cases if p.name != "index.html"]
    pages = [
        ("Home (index.html)", "index.html"),
        ("Case studies index", "case-studies/index.html"),
        (f"Largest case page ({cases[-1].name})", f"case-studies/{cases[-1].name}"),
    ]
    lines = ["| Page | " + " | ".join(KINDS[:4]) + " | Other | Total |", "|---" * 7 + "|"]
    for label, page in pages:
        totals = page_load(site, page)
        total = [sum(v[0] for v in totals.values()), sum(v[1] for v in totals.values())]
        lines.append(
            f"| {label} | " + " | ".join(_kb(totals[k]) for k in KINDS) + f" | **{_kb(total)}** |"
        )
    lines.append("")
    lines.append(
        "KB = 1024 bytes, raw / gzip -9. Case pages: "
        f"{len(cases)}, HTML from {cases[0].stat().st_size / 1024:.1f} to "
        f"{cases[-1].stat().st_size / 1024:.1f} KB raw."
    )
    return "\n".join(lines)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build(site)
        print(table(site))
    return 0


if __name__ == "__main__":
    sys.exit(main())
