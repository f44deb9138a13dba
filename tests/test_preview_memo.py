"""What `mkdocs serve` reuses between rebuilds gives exactly what building from scratch gives:
the full-text search files (casebook.search.memo) and casebook.json (casebook.export_memo),
before and after a case's title, narrative and facets change, and when a case goes."""

from __future__ import annotations

import shutil
from pathlib import Path

from casebook import export
from casebook.export_memo import OpenDataMemo
from casebook.linkstore import LinkStore
from casebook.project import Project
from casebook.search.documents import BODY, TITLE, Document
from casebook.search.files import site_files
from casebook.search.memo import SearchMemo
from casebook.search.pages import PageCollector, page_text
from conftest import EXAMPLES, REPO

PAGES = [
    Document(
        "_guide",
        "A guide page",
        "Preparation",
        {TITLE: ["A guide page"], BODY: ["Listening."]},
        [("A guide page", "Listening.")],
        url="guide.html",
        boost=0.5,
    )
]


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for folder in ("case_studies", "schema", "releases"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copy(EXAMPLES / "valid" / "riverton-listening.yml", root / "case_studies")
    return root


def _edit(root: Path) -> None:
    """One case gets a new title (with a new word); the fixture case goes."""
    path = root / "case_studies" / "oslo-salto.yml"
    text = path.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    text = text.replace(title, "title: A retitled case about quokkaword listening", 1)
    path.write_text(text, encoding="utf-8")
    (root / "case_studies" / "riverton-listening.yml").unlink()


def test_search_files_with_the_memo_are_the_files_built_from_scratch(tmp_path):
    root = _project(tmp_path)
    memo = SearchMemo()
    first = Project(root).catalog()
    assert site_files(first, PAGES, memo=memo) == site_files(first, PAGES)
    memo.next_rebuild()
    _edit(root)
    second = Project(root).catalog()
    with_memo = site_files(second, PAGES, memo=memo)
    assert with_memo == site_files(second, PAGES)
    assert "quokkaword" in with_memo["search/casebook-index-q.js"]
    assert with_memo != site_files(first, PAGES)  # the edit shows: nothing stale was kept


def test_page_text_is_reused_only_for_the_same_html():
    memo = SearchMemo()
    collector = PageCollector()
    collector.text_of = memo.page_text
    html = "<h1>Title</h1><p>One text.</p>"
    assert memo.page_text(html) == page_text(html)
    assert memo.page_text(html.replace("One", "Another")) == page_text(
        html.replace("One", "Another")
    )


def test_casebook_json_from_the_memo_is_export_to_json(tmp_path):
    root = _project(tmp_path)
    memo = OpenDataMemo()
    first = Project(root).catalog()
    assert memo.to_json(first) == export.to_json(first)
    _edit(root)
    second = Project(root).catalog()
    assert memo.to_json(second) == export.to_json(second)
    assert "quokkaword" in memo.to_json(second)
    assert memo.open_data(second) == export.open_data(second)


def test_casebook_json_of_no_cases(tmp_path):
    root = _project(tmp_path)
    shutil.rmtree(root / "case_studies")  # cases and their translations
    (root / "case_studies").mkdir()
    (root / "releases" / "ledger.json").unlink()
    empty = Project(root).catalog()
    assert OpenDataMemo().to_json(empty) == export.to_json(empty)


def test_the_link_store_links_whole_files_and_drops_unused_ones(tmp_path):
    store = LinkStore()
    site = tmp_path / "site"
    store.start(str(site))
    store.put(b"first", site / "a" / "one.html")
    kept = store.keep(b"kept")
    store.finish()
    assert (site / "a" / "one.html").read_bytes() == b"first"
    assert (site / "a" / "one.html").stat().st_nlink == 2  # a link, not a copy
    store.start(str(site))
    (site / "a" / "one.html").unlink()  # MkDocs empties the folder between rebuilds
    store.link(kept, site / "b.html")
    store.finish()
    assert (site / "b.html").read_bytes() == b"kept"
    assert store.has(kept)
    assert sorted(p.name for p in (site / ".casebook-preview").iterdir()) == [kept]
