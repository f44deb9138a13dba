"""After a save under `mkdocs serve`, every page that shows the saved case is rebuilt, and the
pages the rebuild reuses (linked from the last rebuild's output, casebook.preview and
casebook.linkstore) are still right. Real `mkdocs serve`, pages read over HTTP."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import EXAMPLES, make_project, run_build
from test_preview_serve import _get, _wait_for, serving

GOOD = (EXAMPLES / "valid" / "riverton-listening.yml").read_text(encoding="utf-8")
OLD_TITLE = "Fixture: a city listens before it plans"
NEW_TITLE = "Fixture: a city listens, then plans"
NEW_WORD = "zanzibarword"


def _case(case_id: str, title: str, related: str = "[]") -> str:
    return (
        GOOD.replace("id: riverton-listening", f"id: {case_id}")
        .replace(OLD_TITLE, title)
        .replace("related: []", f"related: {related}")
    )


def _article(html: str) -> str:
    """The page's content (the served HTML also carries livereload's per-build script)."""
    article = BeautifulSoup(html, "html.parser").select_one("article")
    assert article is not None, "no <article> in the page"
    return str(article)


@pytest.fixture
def served(tmp_path):
    root = make_project(
        tmp_path / "project",
        cases={
            "riverton-followup.yml": _case(
                "riverton-followup", "Fixture: Riverton follows up", "[riverton-listening]"
            ),
            "riverton-unrelated.yml": _case(
                "riverton-unrelated", "Fixture: Riverton elsewhere"
            ).replace("phases: [preparation]", "phases: [recovery]"),
        },
    )
    # The date `run_build` builds with: served pages are compared with built ones.
    with serving(root, tmp_path / "serve.log", SOURCE_DATE_EPOCH="1796083200") as served:
        yield (root, *served)


def _page(base: str, path: str) -> str:
    status, html = _get(base + path)
    assert status == 200, f"{path}: HTTP {status}"
    return html


def _reloads(process) -> int:
    return process.log.read_text(encoding="utf-8").count("Reloading browsers")


def _save_and_wait(root, process, case_file: str, text: str) -> None:
    before = _reloads(process)
    (root / "case_studies" / case_file).write_text(text, encoding="utf-8")
    _wait_for(lambda: _reloads(process) > before, "the rebuild after the save", process)


def test_a_saved_case_updates_every_page_that_shows_it(served):
    root, base, process = served
    _wait_for(lambda: _get(base + "index.html")[0] == 200, "the first build", process)
    unrelated_before = _article(_page(base, "case-studies/riverton-unrelated.html"))
    assert OLD_TITLE in _page(base, "case-studies/riverton-followup.html")

    # A save that changes only the narrative: nothing else may be re-rendered wrongly.
    _save_and_wait(
        root,
        process,
        "riverton-listening.yml",
        GOOD.replace("held workshops", f"held {NEW_WORD} workshops"),
    )
    assert NEW_WORD in _page(base, "case-studies/riverton-listening.html")
    unrelated = _page(base, "case-studies/riverton-unrelated.html")  # reused, linked
    assert _article(unrelated) == unrelated_before

    # A new title: the case's own page, the pages that list it, the case that relates to it,
    # the finder's data and the search files all follow.
    _save_and_wait(
        root,
        process,
        "riverton-listening.yml",
        GOOD.replace(OLD_TITLE, NEW_TITLE).replace("held workshops", "held new workshops"),
    )
    own = BeautifulSoup(_page(base, "case-studies/riverton-listening.html"), "html.parser")
    assert own.select_one("article h1").get_text(strip=True) == NEW_TITLE
    assert "held new workshops" in own.select_one("article").get_text(" ")
    assert NEW_WORD not in own.get_text(" ")
    for listing in ("phases/preparation.html", "case-studies/index.html", "map.html"):
        text = BeautifulSoup(_page(base, listing), "html.parser").get_text(" ")
        assert NEW_TITLE in text and OLD_TITLE not in text, listing
    related = BeautifulSoup(_page(base, "case-studies/riverton-followup.html"), "html.parser")
    links = [a.get_text(" ", strip=True) for a in related.select("article a")]
    assert any(NEW_TITLE in link for link in links), links
    assert OLD_TITLE not in related.get_text(" ")
    finder_data = _page(base, "assets/casebook-data.js")
    assert NEW_TITLE in finder_data and OLD_TITLE not in finder_data
    assert "new workshops" in _page(base, "search/text/riverton-listening.js")
    assert NEW_WORD not in _page(base, "search/text/riverton-listening.js")
    index = _page(base, "search/casebook-index.js")
    assert NEW_TITLE in index and OLD_TITLE not in index
    # The page of the case that lists nothing of it is still its own, unchanged.
    assert _article(_page(base, "case-studies/riverton-unrelated.html")) == unrelated_before
    assert NEW_TITLE in _page(base, "casebook.json")
    recovery = BeautifulSoup(_page(base, "phases/recovery.html"), "html.parser")
    assert "Riverton elsewhere" in recovery.get_text(" ")

    # Every case page and listing page served after the two saves is what a clean
    # `mkdocs build` of the same files writes (reused or rendered again alike).
    run_build(root)
    pages = [f"case-studies/{case.stem}.html" for case in (root / "case_studies").glob("*.yml")]
    pages += ["case-studies/index.html", "phases/preparation.html", "practices/index.html"]
    for path in pages:
        built = (root / "site" / path).read_text(encoding="utf-8")
        assert _article(_page(base, path)) == _article(built), path
    # The finder's "print these results" scripts (one per case) and the search files too.
    scripts = [f"assets/print/{case.stem}.js" for case in (root / "case_studies").glob("*.yml")]
    scripts += [f"search/text/{case.stem}.js" for case in (root / "case_studies").glob("*.yml")]
    scripts += ["search/casebook-index.js", "search/casebook-index-z.js", "casebook.json"]
    for path in scripts:
        assert _page(base, path) == (root / "site" / path).read_text(encoding="utf-8"), path
    assert NEW_TITLE in _page(base, "assets/print/riverton-listening.js")
