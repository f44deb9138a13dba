"""A hostile case study (tests/hostile/pwnville-hostile.yml) and hostile vocabulary labels go
through a real build: every page, data file and download shows them as harmless text.

Checked twice: in the parsed DOM (no payload <script>, no on* attribute, no javascript:/data:/
vbscript: URL, the payload readable as text) and in headless Chromium (no dialog, no console
error, `window.__pwned` never set), including Material's search and the filter page's CSV."""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from casebook.loader import load_bytes, load_file
from casebook.model import Catalog
from casebook.problems import CasebookError
from casebook.render import Renderer
from casebook.validate import Schema, validate_paths
from conftest import EXAMPLES, REPO, make_project, parse, run_build

HOSTILE = Path(__file__).parent / "hostile" / "pwnville-hostile.yml"
CASE = load_file(str(HOSTILE)).data
CASE_PAGE = "case-studies/pwnville-hostile.html"
LABEL = "Listening <img src=x onerror=window.__pwned=1> exercise </script><!--"
REGION = "Europe<script>window.__pwned=1</script>"
PAGES = [
    CASE_PAGE,
    "case-studies/index.html",
    "index.html",
    "guide.html",
    "practices/listening-exercise.html",
    "practices/index.html",
    "phases/preparation.html",
    "regions/europe.html",
    "regions/index.html",
    "evidence/anecdotal.html",
    "map.html",
]
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _hostile_vocabularies(root: Path) -> None:
    """Vocabularies are maintainer files, but their labels are treated as untrusted too."""
    for name, old, new in (
        ("themes", "label: Listening exercise", f"label: {json.dumps(LABEL)}"),
        ("regions", "label: Europe", f"label: {json.dumps(REGION)}"),
    ):
        path = root / "schema" / "vocabularies" / f"{name}.yml"
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = make_project(
        tmp_path_factory.mktemp("hostile") / "project",
        cases={HOSTILE.name: HOSTILE.read_text(encoding="utf-8")},
        content={
            "guide.md": "# Guide\n\nSee [[case:pwnville-hostile]].\n\n[[card:pwnville-hostile]]\n"
        },
    )
    _hostile_vocabularies(root)
    run_build(root)
    return root / "site"


def existing(site: Path, pages=PAGES) -> list[str]:
    return [page for page in pages if (site / page).exists()]  # map.html may not exist yet


def text_of(element) -> str:
    return element.get_text() if element is not None else ""


# ---------------------------------------------------------------- the parsed DOM


def test_no_payload_script_no_handler_no_unsafe_url_on_any_page(site):
    local_scripts = {p.relative_to(site).as_posix() for p in site.rglob("*.js")}
    found = []
    for path in sorted(site.rglob("*.html")):
        page = parse(path)
        base = path.parent.relative_to(site)
        for script in page.find_all("script"):
            src = script.get("src")
            if src is not None:
                resolved = _normalise((base / src).as_posix())
                if resolved not in local_scripts:
                    found.append(f"{path.name}: <script src={src!r}>")
            elif script.get("type") == "application/json":  # a data block, never run:
                json.loads(script.string)  # it must parse whole (no break-out from it)
            elif "pwned" in (script.string or "") or "evil" in (script.string or ""):
                found.append(f"{path.name}: inline script {script.string[:60]!r}")
        for element in page.find_all(True):
            for name, value in element.attrs.items():
                if name.lower().startswith("on"):
                    found.append(f"{path.name}: <{element.name} {name}=…>")
                if name.lower() in (
                    "href",
                    "src",
                    "action",
                    "formaction",
                    "xlink:href",
                    "srcdoc",
                    "content",
                    "data",
                    "background",
                ):
                    value = "".join(value) if isinstance(value, list) else value
                    squeezed = "".join(ch for ch in value if ch > " ").lower()
                    if squeezed.startswith(BAD_SCHEMES) or "javascript:" in squeezed:
                        found.append(f"{path.name}: <{element.name} {name}={value!r}>")
            if element.name in ("iframe", "object", "embed", "base", "meta") and "pwned" in str(
                element
            ):
                found.append(f"{path.name}: <{element.name}> from the payload")
    assert found == []


def _normalise(url: str) -> str:
    parts: list[str] = []
    for part in url.split("/"):
        if part == "..":
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)


def test_case_page_shows_every_field_as_text(site):
    page = parse(site / CASE_PAGE)
    assert text_of(page.find("h1")) == CASE["title"]
    assert text_of(page.select_one(".cb-summary")) == CASE["summary"]
    facts = {text_of(dt): dt.find_next_sibling("dd") for dt in page.select(".cb-facts dt")}
    assert text_of(facts["Place"]) == CASE["place"]["name"]
    leader = CASE["leaders"][0]
    assert text_of(facts["Leader"]) == f"{leader['name']}, {leader['role']}"
    assert f"{CASE['place']['population']['count']:,}" in text_of(facts["Population"])
    assert text_of(facts["Region"]) == REGION
    quote = page.select_one(".cb-quote")
    assert text_of(quote.find("blockquote")) == CASE["quotes"][0]["text"]
    assert CASE["quotes"][0]["speaker"] in text_of(quote.find("figcaption"))
    assert CASE["quotes"][0]["role"] in text_of(quote.find("figcaption"))
    source = page.select_one("#source-1")
    link = source.find("a")
    assert text_of(link) == CASE["sources"][0]["title"]
    assert link["href"] == CASE["sources"][0]["url"]  # escaped in the attribute, intact
    for field in ("publisher", "locator"):
        assert CASE["sources"][0][field] in text_of(source)
    chips = [text_of(a) for a in page.select(".cb-chip--themes")]
    assert chips == [LABEL]


def test_page_title_and_header_show_the_title_escaped(site):
    for name in existing(site, [CASE_PAGE]):
        page = parse(site / name)
        assert text_of(page.title) == f"{CASE['title']} - Casebook"
        topic = page.select(".md-header__topic .md-ellipsis")
        assert [text_of(t).strip() for t in topic][-1] == CASE["title"]


def test_narrative_markdown_is_neutralised(site):
    page = parse(site / CASE_PAGE)
    body = ""
    for element in page.find("h2", id="context").find_next_siblings():
        if element.get("id") == "in-their-words":
            break
        body += str(element)
    narrative = BeautifulSoup(body, "html.parser")
    for link in narrative.find_all("a"):
        href = link.get("href", "")
        assert href == "" or href.startswith(("https://", "http://", "#", "mailto:")), href
    assert narrative.find_all(["img", "svg", "iframe", "details", "div", "style"]) == []
    text = page.get_text()
    assert "<script>window.__pwned=1</script>" in text  # raw HTML reaches the page as text
    assert "{{ 7*7 }}" in text and "{% raw %}" in text  # no template engine ran over it
    assert '--8<-- "mkdocs.yml"' in text  # snippets are not included...
    assert "markdown_extensions" not in text and "root:x:0" not in text  # nor the files
    assert "onclick" in text  # the attr_list syntax stays visible text, not an attribute


def test_titles_and_labels_are_text_on_listing_pages(site):
    for name in existing(site, PAGES[1:]):
        page = parse(site / name)
        links = [
            a for a in page.find_all("a") if a.get("href", "").endswith("pwnville-hostile.html")
        ]
        assert name in ("practices/index.html", "regions/index.html") or links, name
        for link in links:
            assert text_of(link) == CASE["title"] or text_of(link).startswith("Pwnville <img")
    labels = [text_of(a) for a in parse(site / "practices/index.html").find_all("a")]
    assert LABEL in labels
    assert text_of(parse(site / "practices/listening-exercise.html").find("h1")) == LABEL
    assert text_of(parse(site / "regions/europe.html").find("h1")) == REGION
    options = [
        text_of(s) for s in parse(site / "case-studies/index.html").select(".cb-option__label")
    ]
    assert LABEL in options and REGION in options


# ---------------------------------------------------------------- data files and downloads


def test_embedded_data_cannot_break_out_of_a_script(site):
    script = (site / "assets" / "casebook-data.js").read_text(encoding="utf-8")
    for danger in ("</", "<!--", "\u2028", "\u2029"):
        assert danger not in script
    prefix = "window.CASEBOOK_DATA = "
    data = json.loads(script.removeprefix(prefix).rstrip().removesuffix(";"))
    record = next(c for c in data["cases"] if c["id"] == "pwnville-hostile")
    assert record["title"] == CASE["title"]
    for name in (
        "assets/casebook-csv.js",
        "search/casebook-index.js",
        "search/text/pwnville-hostile.js",
    ):  # the summary travels in these
        text = (site / name).read_text(encoding="utf-8")
        assert not any(danger in text for danger in ("</", "<!--", "\u2028", "\u2029")), name
    text = (site / "search/text/pwnville-hostile.js").read_text(encoding="utf-8")
    sections = json.loads(text[text.index('", ') + 3 : text.rindex(");")])
    assert ["Summary", CASE["summary"]] in sections  # read back as the very same text


def test_json_download_round_trips(site):
    data = json.loads((site / "casebook.json").read_text(encoding="utf-8"))
    assert next(c for c in data["cases"] if c["id"] == "pwnville-hostile") == CASE
    assert data["vocabularies"]["themes"]["listening-exercise"]["label"] == LABEL


def test_search_index_script_matches_its_json(site):
    """Material's index is left empty (casebook.search answers the header box); what it
    still writes is the same in its JSON and its script."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    script = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert "</script" not in script.lower() and index["docs"] == []


def assert_no_formula(rows: list[list[str]]) -> None:
    cells = [cell for row in rows for cell in row]
    assert [c for c in cells if c.startswith(FORMULA_START)] == []
    assert "'" + CASE["summary"] in cells and "'" + CASE["place"]["name"] in cells


def test_csv_download_has_no_formulas(site):
    text = (site / "casebook.csv").read_text(encoding="utf-8-sig")
    assert_no_formula(list(csv.reader(io.StringIO(text))))


# ---------------------------------------------------------------- headless Chromium


def assert_harmless(opened) -> None:
    opened.page.wait_for_load_state("load")
    assert opened.dialogs == []
    assert opened.page.evaluate("typeof window.__pwned") == "undefined"
    assert opened.page.evaluate("typeof parent.__pwned") == "undefined"
    assert opened.errors == [] and opened.external == []


@pytest.mark.browser
def test_pages_run_no_payload_in_chromium(site, visit):
    names = existing(site)
    opened = visit((site / names[0]).as_uri())
    for name in names:  # one tab, so dialogs and errors from every page are collected
        opened.page.goto((site / name).as_uri())
        opened.page.mouse.move(200, 300)  # hover handlers, if any had survived
        assert_harmless(opened)


@pytest.mark.browser
def test_header_search_shows_the_payload_as_text(site, visit):
    opened = visit((site / "index.html").as_uri())
    opened.page.click("input.md-search__input")
    opened.page.keyboard.type("Pwnville")
    opened.page.wait_for_selector(".cb-search__item", timeout=15000)
    opened.page.wait_for_selector(".cb-search__excerpt mark", timeout=15000)
    titles = opened.page.eval_on_selector_all(
        ".cb-search__title", "els => els.map(e => e.textContent)"
    )
    assert CASE["title"] in titles
    assert (
        opened.page.eval_on_selector_all(
            ".cb-search script, .cb-search img, .cb-search iframe, .cb-search svg, "
            ".cb-search [onerror], .cb-search [onclick]",
            "els => els.length",
        )
        == 0
    )
    assert_harmless(opened)


@pytest.mark.browser
def test_filter_page_csv_download_has_no_formulas(site, visit):
    opened = visit((site / "case-studies" / "index.html").as_uri())
    opened.page.wait_for_selector("#cb-status:not(:empty)")
    with opened.page.expect_download() as download:
        opened.page.click("#cb-download")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert_no_formula(list(csv.reader(io.StringIO(text))))
    assert_harmless(opened)


# ---------------------------------------------------------------- property


@pytest.fixture(scope="module")
def renderer():
    """One renderer over one case whose fields each example overwrites (building a Renderer
    per example would cost more than the example). No coordinates: the map is not text."""
    schema = Schema.load(REPO / "schema")
    document = load_file(
        str(EXAMPLES / "valid" / "riverton-listening.yml"), "case_studies/riverton-listening.yml"
    )
    del document.data["place"]["coordinates"]
    catalog = Catalog.build([document], schema.vocabularies)
    return Renderer(catalog, today=datetime.date(2026, 11, 29))


def round_trip(text: str) -> str:
    """The text as a contributor's YAML file would give it back (or None if it is refused)."""
    import yaml

    raw = yaml.safe_dump({"v": text}, allow_unicode=True).encode("utf-8", "surrogatepass")
    try:
        value = load_bytes(raw, "x.yml").data["v"]
    except CasebookError:
        return None
    # Plain 0E0 is a number in YAML 1.2 (PyYAML's 1.1 dumper leaves it unquoted): the schema
    # refuses a number where text belongs, so such a file never reaches a page.
    return value if isinstance(value, str) else None


_TEXT = st.one_of(
    st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"),
        min_size=1,
        max_size=80,
    ),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "&amp;&lt;",
            "</title>",
            "<!--",
            "{{ 7*7 }}",
            "&#106;avascript:",
            "\u2028",
            "x\u200dy",
            "a & b < c > d \" '",
        ]
    ),
)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(title=_TEXT, summary=_TEXT, place=_TEXT, quote=_TEXT, leader=_TEXT)
def test_any_plain_text_reaches_the_case_page_as_that_text(
    renderer, title, summary, place, quote, leader
):
    values = [round_trip(v) for v in (title, summary, place, quote, leader)]
    assume(all(v is not None and v.strip() for v in values))
    title, summary, place, quote, leader = values
    case = renderer.catalog.cases[0]
    case.data.update(title=title, summary=summary)
    case.data["place"]["name"] = place
    case.data["quotes"][0]["text"] = quote
    case.data["leaders"][0]["name"] = leader
    html = renderer.case_page(case)
    page = BeautifulSoup(html, "html.parser")
    assert text_of(page.find("h1")) == title
    assert text_of(page.select_one(".cb-summary")) == summary
    facts = {text_of(dt): dt.find_next_sibling("dd") for dt in page.select(".cb-facts dt")}
    assert text_of(facts["Place"]) == place
    assert text_of(facts["Leader"]) == f"{leader}, {case.data['leaders'][0]['role']}"
    assert text_of(page.select_one(".cb-quote blockquote")) == quote


# ---------------------------------------------------------------- source URLs


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\\tscript:alert(1)",
        "java\\nscript:alert(1)",
        "&#106;avascript:alert(1)",
        "javascript&colon;alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "https:alert(1)",
        "https:///evil",
        "ftp://example.org/x",
        "https://example.org/ x",
        "\\u00a0https://example.org/",
    ],
)
def test_unsafe_source_urls_are_rejected_by_validation(tmp_path, url):
    text = HOSTILE.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.strip().startswith("url:"))
    path = tmp_path / "case_studies" / HOSTILE.name
    path.parent.mkdir()
    path.write_text(text.replace(line, f'    url: "{url}"'), encoding="utf-8")
    report = validate_paths([path.parent], Schema.load(REPO / "schema"), root=tmp_path)
    messages = [str(p) for p in report.problems]
    assert len(messages) == 1 and ": $.sources[0].url: " in messages[0], messages
    assert "is not a web address" in messages[0]
