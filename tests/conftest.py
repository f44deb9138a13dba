"""Shared fixtures: temporary Casebook projects, real MkDocs builds, headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "tests" / "examples"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MINIMAL_HOME = "# Casebook\n\nA test home page.\n\n[[newest:3]]\n"


def make_project(
    root: Path,
    cases: dict[str, str] | None = None,
    content: dict[str, str] | None = None,
    *,
    examples: bool = True,
    editions: bool = False,
) -> Path:
    """A throwaway copy of the project: real mkdocs.yml (without the nav, which names guide
    pages), schema, hooks and assets, with the given case files and content pages.

    English only unless `editions`: a build of all four editions takes several times as
    long, and most tests are about one edition."""
    root.mkdir(parents=True, exist_ok=True)
    for folder in ("schema", "hooks", "overrides"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copytree(REPO / "content" / "assets", root / "content" / "assets")
    # Generated pages link to the contribution guide, which is hand-written content.
    shutil.copytree(REPO / "content" / "contribute", root / "content" / "contribute")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("nav", None)
    if editions:
        for path in sorted(REPO.glob("mkdocs.*.yml")):
            shutil.copy(path, root / path.name)
    else:
        config["extra"]["casebook"].pop("editions", None)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    (root / "case_studies").mkdir()
    if examples:
        for path in sorted((EXAMPLES / "valid").glob("*.yml")):
            shutil.copy(path, root / "case_studies" / path.name)
    for name, text in (cases or {}).items():
        (root / "case_studies" / name).write_text(text, encoding="utf-8")
    pages = {"index.md": MINIMAL_HOME, **(content or {})}
    for name, text in pages.items():
        target = root / "content" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


def run_build(root: Path, *extra: str, check: bool = True) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` in the project folder; output is kept for assertions."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1796083200"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *extra],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return result


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The built site of tests/examples/valid (built once per test session)."""
    root = make_project(tmp_path_factory.mktemp("example") / "project")
    run_build(root)
    return root / "site"


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The eight fictional cases of casebook_fixtures plus the examples and a guide page,
    built once for the accessibility and phone tests."""
    from casebook_fixtures import FIXTURE_CASES, GUIDE_PAGE

    root = make_project(
        tmp_path_factory.mktemp("fixtures") / "project",
        cases=FIXTURE_CASES,
        content={"guide/neighbourhoods.md": GUIDE_PAGE},
    )
    run_build(root)
    return root / "site"


@pytest.fixture(scope="session")
def fixture_editions_site(tmp_path_factory) -> Path:
    """The same project as fixture_site, built with all four editions (en/, fr/, es/, ar/)."""
    from casebook_fixtures import FIXTURE_CASES, GUIDE_PAGE

    root = make_project(
        tmp_path_factory.mktemp("fixtures-editions") / "project",
        cases=FIXTURE_CASES,
        content={"guide/neighbourhoods.md": GUIDE_PAGE},
        editions=True,
    )
    run_build(root)
    return root / "site"


# ---------------------------------------------------------------- browser


def chromium_path() -> str | None:
    for candidate in (
        os.environ.get("CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return _playwright_chromium()


def _playwright_chromium() -> str | None:
    """The browser `python -m playwright install chromium` put in place (what CI uses:
    Ubuntu's chromium package is a snap stub on GitHub's runners)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with sync_playwright() as playwright:
        path = playwright.chromium.executable_path
    return path if path and Path(path).exists() else None


@pytest.fixture(scope="session")
def browser():
    """Playwright driving Debian's chromium. Skips locally without it; fails under CI."""
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if executable is None or sync_playwright is None:
        missing = (
            "Chromium (apt-get install chromium)"
            if executable is None
            else "playwright (pip install -e '.[test]')"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests must run under CI, but {missing} is missing")
        pytest.skip(f"browser tests skipped: {missing} not found")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Visit:
    """A page opened with every request outside file:// blocked and counted."""

    def __init__(self, page):
        self.page = page
        self.external: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)
        page.route("**/*", self._route)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()


@pytest.fixture
def visit(browser):
    """visit(url, width=1280) -> Visit; pages are closed after the test."""
    contexts = []

    def open_page(url: str, width: int = 1280, height: int = 800, **options) -> Visit:
        context = browser.new_context(
            viewport={"width": width, "height": height}, accept_downloads=True, **options
        )
        contexts.append(context)
        page = context.new_page()
        opened = Visit(page)
        page.goto(url)
        return opened

    yield open_page
    for context in contexts:
        context.close()
