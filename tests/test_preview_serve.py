"""`mkdocs serve` never hangs on a bad case study: the rest of the site is served with a
banner listing the problems, a `casebook new` scaffold is previewed as a draft, and fixing
the file brings the case in. `mkdocs build` still refuses, before site/ is touched."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from casebook.scaffold import scaffold_text
from casebook.validate import Schema
from conftest import EXAMPLES, REPO, make_project, run_build

pytestmark = pytest.mark.browser
GOOD = (EXAMPLES / "valid" / "riverton-listening.yml").read_text(encoding="utf-8")
BROKEN = GOOD.replace("id: riverton-listening", "id: broken-case").replace(
    "country: NO", "country: UK"
)
WAIT = 90  # seconds: generous for a loaded 2-core machine (speed is in benchmarks/)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def _wait_for(check, what: str, process) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if check():
            return
        if process.poll() is not None:
            raise AssertionError(
                f"mkdocs serve exited while waiting for {what}:\n"
                f"{process.log.read_text(encoding='utf-8')}"
            )
        time.sleep(0.3)
    raise AssertionError(
        f"timed out waiting for {what}:\n{process.log.read_text(encoding='utf-8')[-3000:]}"
    )


@contextlib.contextmanager
def serving(root: Path, log_path: Path, **env: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """`mkdocs serve` on a free port in `root`, its messages in `log_path`; stopped after."""
    port = _free_port()
    log = open(log_path, "w", encoding="utf-8")  # noqa: SIM115 (a pipe could fill)
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    process.log = log_path
    try:
        yield f"http://127.0.0.1:{port}/", process
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.fixture
def served(tmp_path):
    schema = Schema.load(REPO / "schema")
    draft = scaffold_text(
        schema, {"id": "lyon-draft", "title": "Lyon listens", "last_reviewed": "2026-11-29"}
    )
    root = make_project(
        tmp_path / "project", cases={"broken-case.yml": BROKEN, "lyon-draft.yml": draft}
    )
    with serving(root, tmp_path / "serve.log") as (base, process):
        yield root, base, process


def test_serve_shows_the_site_with_a_banner_then_the_fixed_case(served, browser):
    root, base, process = served
    _wait_for(lambda: _get(base + "index.html")[0] == 200, "the home page", process)
    assert _get(base + "case-studies/riverton-listening.html")[0] == 200
    assert _get(base + "case-studies/broken-case.html")[0] == 404  # left out

    context = browser.new_context()
    page = context.new_page()
    for url in ("index.html", "case-studies/riverton-listening.html", "map.html"):
        page.goto(base + url)
        banner = page.locator(".cb-preview-banner")
        text = banner.inner_text()
        assert "case_studies/broken-case.yml:" in text
        assert (
            "$.place.country: 'UK' is not an ISO 3166-1 country code; did you mean GB "
            "(United Kingdom)?" in text
        )
        assert "Draft: case_studies/lyon-draft.yml" in text

    page.goto(base + "case-studies/lyon-draft.html")
    assert page.locator("h1").inner_text() == "Lyon listens"
    assert "Draft" in page.locator(".cb-preview-draft").inner_text()
    assert "placeholder 'TODO" in page.locator(".cb-preview-draft").inner_text()
    page.close()  # livereload would reload it (and cut a later navigation short)

    (root / "case_studies" / "broken-case.yml").write_text(
        BROKEN.replace("country: UK", "country: GB"), encoding="utf-8"
    )
    _wait_for(
        lambda: _get(base + "case-studies/broken-case.html")[0] == 200,
        "the fixed case study",
        process,
    )

    def banner_dropped() -> bool:
        status, script = _get(base + "assets/casebook-preview.js")
        return status == 200 and "broken-case.yml" not in script and "lyon-draft" in script

    _wait_for(banner_dropped, "the banner to drop the fixed file", process)
    page = context.new_page()
    page.goto(base + "case-studies/broken-case.html")
    assert "United Kingdom" in page.locator(".cb-facts").inner_text()
    assert "broken-case" not in page.locator(".cb-preview-banner").inner_text()
    context.close()


def test_build_still_refuses_before_site_is_touched(tmp_path):
    root = make_project(tmp_path / "project", cases={"broken-case.yml": BROKEN})
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("last good site", encoding="utf-8")
    result = run_build(root, check=False)
    assert result.returncode != 0
    assert "broken-case.yml:" in result.stderr and "did you mean GB" in result.stderr
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "last good site"
    assert not (root / "site" / "assets" / "casebook-preview.js").exists()


def test_a_build_has_no_preview_script(example_site: Path):
    assert not (example_site / "assets" / "casebook-preview.js").exists()
    assert "casebook-preview.js" not in (example_site / "index.html").read_text("utf-8")


def test_a_build_is_byte_identical_to_a_clean_one(tmp_path):
    """Serve's caches live in the serve process; a build over an existing site/ writes
    exactly what a clean build writes."""
    root = make_project(tmp_path / "project")
    run_build(root)
    first = {
        p.relative_to(root / "site"): p.read_bytes()
        for p in sorted((root / "site").rglob("*"))
        if p.is_file()
    }
    run_build(root)
    second = {
        p.relative_to(root / "site"): p.read_bytes()
        for p in sorted((root / "site").rglob("*"))
        if p.is_file()
    }
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
