"""The propose form in headless Chromium, from file:// with the network blocked: filled from
empty to valid with the keyboard alone, did-you-mean while typing, every case study in
case_studies/ loaded and downloaded back unchanged, the pull-request link only under GitHub's
URL limit, the draft kept across visits, no axe violations and no sideways scrolling."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from casebook.loader import load_file
from casebook.pages.propose import URL_LIMIT
from casebook.rules import RULES
from casebook.validate import Schema, validate_paths
from conftest import EXAMPLES, REPO

pytestmark = pytest.mark.browser
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
REPOSITORY = "https://github.com/casebook-kb/casebook"


@pytest.fixture(scope="module")
def form_url(example_site) -> str:
    page = example_site / "contribute" / "propose.html"
    assert page.is_file(), "contribute/propose.html was not built"
    return page.as_uri()


@pytest.fixture(scope="module")
def schema() -> Schema:
    return Schema.load(REPO / "schema")


def open_form(visit, url: str, **options):
    visited = visit(url, **options)
    visited.page.evaluate("localStorage.clear()")
    visited.page.reload()
    visited.page.wait_for_selector("#f-title")
    return visited


def download(page, tmp_path: Path) -> Path:
    with page.expect_download() as info:
        page.click("#cb-propose-download")
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


# ---------------------------------------------------------------- keyboard only


def tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches the selector."""
    for _ in range(limit):
        if page.evaluate(
            "s => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def type_into(page, field_id: str, text: str) -> None:
    tab_to(page, f"#{field_id}")
    page.keyboard.type(text)


def choose(page, name: str, value: str) -> None:
    """Tab into a radio group, arrow to the value (arrows select), Space to be sure."""
    tab_to(page, f"input[name='{name}']")
    for _ in range(40):
        if page.evaluate("() => document.activeElement.value") == value:
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no option {value} in {name}")


def tick(page, name: str, value: str) -> None:
    tab_to(page, f"input[name='{name}'][value='{value}']")
    page.keyboard.press("Space")


def test_keyboard_alone_fills_the_form_from_empty_to_valid(form_url, visit, schema, tmp_path):
    visited = open_form(visit, form_url)
    page = visited.page
    page.focus("body")
    type_into(page, "f-title", "Keyboard town listens to every district")
    assert page.input_value("#f-id") == "keyboard-town-listens-to-every-district"
    choose(page, "n-kind", "mention")
    type_into(
        page,
        "f-summary",
        "Keyboard town's council held listening meetings in every "
        "district; the sources report no results.",
    )
    type_into(page, "f-place-name", "Keyboard town")
    type_into(page, "f-place-country", "Norway")
    choose(page, "n-place-region", "europe")
    choose(page, "n-level_of_government", "municipality")
    tick(page, "n-phases", "preparation")
    tick(page, "n-themes", "listening-exercise")
    tick(page, "n-stakeholders", "residents")
    choose(page, "n-evidence", "anecdotal")
    type_into(page, "f-narrative-context", "The council wanted to hear from residents [1].")
    type_into(page, "f-narrative-actions", "It held meetings in every district [1].")
    tab_to(page, "#add-sources")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "f-sources-0-title"
    page.keyboard.type("Keyboard town annual report")
    type_into(page, "f-sources-0-publisher", "Keyboard town council")
    type_into(page, "f-sources-0-accessed", "2026-11-29")
    page.wait_for_selector(".cb-propose__ok")
    assert page.inner_text("#f-place-country ~ .cb-propose__country") == "Stored as NO (Norway)."

    tab_to(page, "#cb-propose-download")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename == "keyboard-town-listens-to-every-district.yml"
    folder = tmp_path / "case_studies"
    folder.mkdir()
    info.value.save_as(folder / info.value.suggested_filename)
    report = validate_paths([folder], schema, root=tmp_path)
    assert report.ok, "\n".join(map(str, report.problems))
    data = report.documents[0].data
    assert data["place"] == {"name": "Keyboard town", "country": "NO", "region": "europe"}
    assert data["sources"] == [
        {
            "title": "Keyboard town annual report",
            "publisher": "Keyboard town council",
            "accessed": "2026-11-29",
        }
    ]
    assert visited.errors == [] and visited.external == []


def test_a_wrong_country_gets_did_you_mean_within_a_second(form_url, visit):
    page = open_form(visit, form_url).page
    page.focus("#f-place-country")
    page.keyboard.type("UK")
    page.wait_for_function(
        "document.getElementById('e-place-country').textContent.includes('did you mean GB')",
        timeout=1000,
    )
    assert page.inner_text("#e-place-country") == (
        "'UK' is not an ISO 3166-1 country code; did you mean GB (United Kingdom)?"
    )
    assert page.get_attribute("#f-place-country", "aria-invalid") == "true"
    summary = page.inner_text("#cb-propose-summary")
    assert "$.place.country: 'UK' is not an ISO 3166-1 country code" in summary


def test_summary_links_move_focus_to_the_field(form_url, visit):
    page = open_form(visit, form_url).page
    page.fill("#f-place-country", "Narnia")
    page.click("#cb-propose-summary a[data-focus='f-place-country']")
    assert page.evaluate("document.activeElement.id") == "f-place-country"


# ---------------------------------------------------------------- load and download


def test_every_case_study_round_trips_through_the_form(form_url, visit, schema, tmp_path):
    """Load each file of case_studies/ with the file picker, download it: the strict loader
    reads the same data back, and the folder validates as before."""
    page = open_form(visit, form_url).page
    cases = sorted((REPO / "case_studies").glob("*.yml"))
    assert len(cases) >= 10
    folder = tmp_path / "case_studies"
    shutil.copytree(REPO / "case_studies", folder)
    for path in cases:
        page.set_input_files("#cb-propose-load", str(path))
        page.wait_for_function(
            "name => document.getElementById('cb-propose-status')"
            ".textContent.startsWith('Loaded ' + name)",
            arg=path.name,
        )
        original = load_file(str(path)).data
        assert page.input_value("#f-title") == original["title"]
        saved = download(page, tmp_path)
        assert saved.name == path.name
        assert load_file(str(saved)).data == original, path.name
        shutil.copy(saved, folder / path.name)
    report = validate_paths([folder], schema, root=tmp_path)
    assert report.ok, "\n".join(map(str, report.problems))


def test_a_file_that_is_not_yaml_is_reported_not_loaded(form_url, visit, tmp_path):
    page = open_form(visit, form_url).page
    broken = tmp_path / "broken.yml"
    broken.write_text("title: 'unclosed\nsummary: x\n", encoding="utf-8")
    page.fill("#f-title", "Kept")
    page.set_input_files("#cb-propose-load", str(broken))
    page.wait_for_function(
        "document.getElementById('cb-propose-status').textContent"
        ".startsWith('Could not read broken.yml')"
    )
    assert page.input_value("#f-title") == "Kept"


@pytest.mark.parametrize("name", [name for name, _ in RULES])
def test_a_loaded_file_shows_each_cross_field_rule_as_validate_words_it(form_url, visit, name):
    """tests/examples/invalid/<rule>.yml, loaded with the file picker: the summary lists every
    problem its .expected file (what `casebook validate` prints) lists, path and message."""
    page = open_form(visit, form_url).page
    path = EXAMPLES / "invalid" / f"{name}.yml"
    page.set_input_files("#cb-propose-load", str(path))
    page.wait_for_function(
        "name => document.getElementById('cb-propose-status')"
        ".textContent.startsWith('Loaded ' + name)",
        arg=path.name,
    )
    summary = page.inner_text("#cb-propose-summary")
    expected = [
        line.split(": ", 1)[1]
        for line in (EXAMPLES / "invalid" / f"{name}.expected").read_text("utf-8").splitlines()
        if line.startswith("tests/")
    ]
    assert expected
    for problem in expected:
        assert problem in summary, name


# ---------------------------------------------------------------- pull request link


def arabic_case(words: int) -> dict:
    text = " ".join(["مدينة"] * words)
    return {
        "id": "arabic-test",
        "title": "مدينة تستمع",
        "kind": "mention",
        "summary": text,
        "last_reviewed": "2026-11-29",
    }


@pytest.mark.parametrize("words", [40, 400])
def test_the_prefilled_pull_request_url_is_used_only_under_the_limit(form_url, visit, words):
    page = open_form(visit, form_url).page
    page.evaluate(
        "record => { localStorage.setItem('casebook-propose-draft', JSON.stringify(record)); }",
        arabic_case(words),
    )
    page.reload()
    page.wait_for_selector("#f-title")
    yaml_text = page.input_value("#cb-propose-yaml")
    encoded = page.evaluate("t => encodeURIComponent(t).length", yaml_text)
    link = page.locator("#cb-propose-pr")
    upload = page.locator("#cb-propose-upload")
    if encoded + 100 < URL_LIMIT:
        href = link.get_attribute("href")
        assert link.is_visible() and not upload.is_visible()
        assert len(href.encode("utf-8")) <= URL_LIMIT
        parts = urlsplit(href)
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPOSITORY}/new/main"
        query = parse_qs(parts.query)
        assert query["filename"] == ["case_studies/arabic-test.yml"]
        assert query["value"] == [yaml_text]
    else:
        assert encoded > URL_LIMIT  # 400 Arabic words: 6 bytes a letter once encoded
        assert not link.is_visible() and link.get_attribute("href") is None
        assert upload.is_visible()
        assert "Download .yml" in upload.inner_text()
        assert page.get_attribute("#cb-propose-upload-link", "href") == (
            f"{REPOSITORY}/upload/main/case_studies"
        )


# ---------------------------------------------------------------- draft


def test_the_draft_is_restored_and_start_over_clears_it(form_url, visit):
    visited = open_form(visit, form_url)
    page = visited.page
    page.fill("#f-title", "A draft worth keeping")
    page.reload()
    page.wait_for_selector("#f-title")
    assert page.input_value("#f-title") == "A draft worth keeping"
    assert "restored" in page.inner_text("#cb-propose-status")
    page.click("#cb-propose-reset")
    assert page.input_value("#f-title") == ""
    assert "A draft" not in page.evaluate("localStorage.getItem('casebook-propose-draft')")
    page.click("text=Undo start over")
    assert page.input_value("#f-title") == "A draft worth keeping"


# ---------------------------------------------------------------- access


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_the_form(form_url, visit, scheme):
    visited = open_form(visit, form_url, color_scheme=scheme)
    page = visited.page
    page.fill("#f-place-country", "UK")  # with an error shown, too
    page.click("#add-sources")
    options = {
        "runOnly": {"type": "tag", "values": WCAG_TAGS},
        "resultTypes": ["violations"],
        "preload": False,
    }
    violations = Axe().run(page, options=options).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
    assert visited.errors == [] and visited.external == []


def test_usable_at_360_px(form_url, visit):
    page = open_form(visit, form_url, width=360, height=640).page
    page.click("#add-sources")
    page.fill("#f-place-country", "UK")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
