"""The four editions as one site (issue 13): English at the root, French, Spanish and Arabic
under fr/, es/, ar/, built by one `mkdocs build` and published once; the language switcher
and hreflang links go to the same page; guide pages come from content-translations/ or fall
back to English under a notice. Real builds, parsed HTML."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from casebook.editions import links
from casebook.editions.guide import translate_guide
from casebook.i18n.catalogue import load
from casebook.i18n.languages import LANGUAGES, TRANSLATIONS, edition_url
from casebook.translations.source import page_hash
from conftest import REPO, make_project, parse, run_build

PUBLIC = "https://casebook-kb.github.io/casebook/"
GUIDE = {
    "guide/translated.md": "# Working with neighbours\n\nListen first, then plan.\n",
    "guide/stale.md": "# Budgets\n\nThe budget was set in spring.\n",
    "guide/untranslated.md": "# Untranslated page\n\nOnly English here.\n",
}


def translation(english: str, body: str, *, fresh: bool = True) -> str:
    digest = page_hash(english.encode("utf-8")) if fresh else "0000000000000000"
    return (
        "---\ntranslation:\n"
        f"  source_hash: {digest}\n  method: machine-assisted\n  reviewed_by: null\n---\n"
        f"{body}"
    )


def add_translations(root: Path, code: str, pages: dict[str, str]) -> None:
    for path, text in pages.items():
        target = root / "content-translations" / code / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


FRENCH = {
    "guide/translated.md": translation(
        GUIDE["guide/translated.md"], "# Travailler avec les voisins\n\nÉcouter d'abord.\n"
    ),
    "guide/stale.md": translation(
        GUIDE["guide/stale.md"], "# Budgets\n\nLe budget a été fixé.\n", fresh=False
    ),
}


@pytest.fixture(scope="module")
def editions_site(tmp_path_factory) -> Path:
    root = make_project(
        tmp_path_factory.mktemp("editions") / "project", content=GUIDE, editions=True
    )
    add_translations(root, "fr", FRENCH)
    run_build(root)
    return root / "site"


def html_pages(site: Path) -> set[str]:
    """Every page of the English edition, relative to the site root."""
    skip = {code for code in TRANSLATIONS}
    return {
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if p.relative_to(site).parts[0] not in skip
    }


def edition_root(site: Path, code: str) -> Path:
    return site / LANGUAGES[code].prefix if LANGUAGES[code].prefix else site


# ---------------------------------------------------------------- one build, four editions


def test_every_edition_has_every_page(editions_site):
    english = html_pages(editions_site)
    assert "case-studies/index.html" in english and "guide/untranslated.html" in english
    for code in TRANSLATIONS:
        edition = {
            p.relative_to(editions_site / code).as_posix()
            for p in (editions_site / code).rglob("*.html")
        }
        assert edition == english, code
    assert not list(editions_site.parent.glob(".site.staging-*"))


def test_every_page_says_its_language_and_direction(editions_site):
    for code, language in LANGUAGES.items():
        root = edition_root(editions_site, code)
        for path in sorted(html_pages(editions_site)):
            html = parse(root / path).html
            assert html["lang"] == code, (code, path)
            assert html["dir"] == language.direction, (code, path)
    arabic = parse(editions_site / "ar" / "case-studies" / "index.html")
    assert arabic.html["dir"] == "rtl" and arabic.body["dir"] == "rtl"


def test_hreflang_links_name_the_same_page_in_every_edition(editions_site):
    for code in LANGUAGES:
        for path in ("index.html", "case-studies/index.html", "guide/translated.html", "map.html"):
            page = parse(edition_root(editions_site, code) / path)
            found = {
                link["hreflang"]: link["href"]
                for link in page.find_all("link", hreflang=True)
                if "alternate" in link["rel"]
            }
            assert set(found) == {*LANGUAGES, "x-default"}, (code, path)
            assert found["x-default"] == found["en"]
            for target, href in found.items():
                assert href.startswith(PUBLIC), href
                relative = href.removeprefix(PUBLIC)
                expected = LANGUAGES["en" if target == "x-default" else target].prefix + path
                assert relative == expected
                assert (editions_site / relative).is_file(), href


def test_material_does_not_see_our_alternate_links(editions_site):
    """Material's script fetches sitemap.xml beside every link whose rel is exactly
    "alternate" (fails from file://); ours must not be selected by it."""
    page = (editions_site / "fr" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find_all("link", hreflang=True)
    assert 'rel="alternate"' not in page


def test_switcher_goes_to_the_same_page_in_each_edition(editions_site):
    for code in LANGUAGES:
        root = edition_root(editions_site, code)
        for path in ("case-studies/index.html", "guide/stale.html", "practices/index.html"):
            page = root / path
            switcher = parse(page).select_one(".casebook-switcher")
            assert switcher is not None, (code, path)
            targets = {a["hreflang"]: a for a in switcher.select("a[hreflang]")}
            assert list(targets) == list(LANGUAGES)
            for target, link in targets.items():
                assert link["href"] == edition_url(path, code, target)
                landed = (page.parent / link["href"]).resolve()
                assert landed == (edition_root(editions_site, target) / path).resolve()
                assert landed.is_file()
                assert link.get("lang") == target
                assert (link.get("aria-current") == "page") == (target == code)


def test_home_page_offers_every_other_edition(editions_site):
    choice = parse(editions_site / "index.html").select_one("nav.casebook-editions")
    assert choice is not None
    offered = {a["hreflang"]: a["href"] for a in choice.select("a[hreflang]")}
    assert offered == {"fr": "fr/index.html", "es": "es/index.html", "ar": "ar/index.html"}
    for item in choice.select("li"):
        language = LANGUAGES[item["lang"]]
        assert language.name in item.get_text() and item["dir"] == language.direction
    assert parse(editions_site / "guide" / "stale.html").select_one("nav.casebook-editions") is None


# ---------------------------------------------------------------- guide pages


def test_translated_guide_page_is_built_from_its_translation(editions_site):
    page = parse(editions_site / "fr" / "guide" / "translated.html")
    article = page.select_one("article")
    assert article.h1.get_text(strip=True).startswith("Travailler avec les voisins")
    assert "Écouter d'abord." in article.get_text()
    assert article.find("div", lang="en") is None  # no English fallback on this page
    notice = article.select_one(".cb-translation")
    assert notice is not None
    assert notice.find("a", href="../../guide/translated.html") is not None
    # English still comes from content/
    english = parse(editions_site / "guide" / "translated.html").select_one("article")
    assert "Listen first" in english.get_text() and english.select_one(".cb-translation") is None


def test_untranslated_guide_page_shows_english_marked_as_english(editions_site):
    for code in TRANSLATIONS:
        article = parse(editions_site / code / "guide" / "untranslated.html").select_one("article")
        fallback = article.find("div", lang="en")
        assert fallback is not None and "Only English here." in fallback.get_text()
        assert fallback["dir"] == "ltr"  # English reads left to right in the Arabic edition
        notice = article.select_one(".cb-translation")
        assert notice is not None and notice.find_parent("div", lang="en") is None
        assert "cb-translation--missing" in notice["class"]
        assert notice.find("a", href="../../guide/untranslated.html") is not None


def test_stale_translation_says_so(editions_site):
    def notice(name: str):
        return parse(editions_site / "fr" / "guide" / name).select_one(".cb-translation")

    stale, fresh = notice("stale.html"), notice("translated.html")
    assert "cb-translation--stale" in stale["class"]
    assert "cb-translation--up-to-date" in fresh["class"]
    assert stale.get_text(" ", strip=True) != fresh.get_text(" ", strip=True)
    assert (
        "Le budget a été fixé." in parse(editions_site / "fr" / "guide" / "stale.html").get_text()
    )


def test_guide_statuses(tmp_path):
    """up-to-date, stale and missing, as the notice receives them."""
    from mkdocs.structure.files import File

    root = tmp_path
    (root / "content" / "guide").mkdir(parents=True)
    for path, text in GUIDE.items():
        (root / "content" / path).write_text(text, encoding="utf-8")
    add_translations(root, "fr", FRENCH)
    files = [File(path, str(root / "content"), str(root / "site"), False) for path in GUIDE]
    statuses = translate_guide(files, root, LANGUAGES["fr"])
    assert {k: v.state for k, v in statuses.items()} == {
        "guide/translated.md": "up-to-date",
        "guide/stale.md": "stale",
        "guide/untranslated.md": "missing",
    }
    assert statuses["guide/translated.md"].method == "machine-assisted"
    assert files[0].content_string.startswith("---\ntranslation:")  # reads the translation
    assert files[2].content_string == GUIDE["guide/untranslated.md"]


# ---------------------------------------------------------------- navigation titles


def test_every_nav_title_has_a_catalogue_key():
    """Each title written in mkdocs.yml's nav is in en.yml's site.nav, so that translators
    can translate it (a new nav entry without a key fails here)."""
    nav = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    titles: list[str] = []

    def walk(items):
        for item in items:
            if isinstance(item, dict):
                for title, value in item.items():
                    titles.append(title)
                    if isinstance(value, list):
                        walk(value)

    walk(nav)
    known = {text for key, text in load("en").items() if key.startswith("site.nav.")}
    assert titles and set(titles) <= known, set(titles) - known


def test_nav_titles_are_translated_by_their_english_text():
    class Item:
        def __init__(self, title, children=()):
            self.title, self.children = title, list(children)

    class Catalogue:
        def t(self, key):
            return {"site.nav.preparation": "Préparation", "site.nav.mandate": "Le mandat"}[key]

    nav = [Item("Preparation", [Item("A mayor's mandate"), Item(None)]), Item("Not in nav keys")]
    keys = {text: key for key, text in load("en").items() if key.startswith("site.nav.")}
    links._translate(
        nav,
        {k: v for k, v in keys.items() if k in ("Preparation", "A mayor's mandate")},
        Catalogue(),
    )
    assert nav[0].title == "Préparation" and nav[0].children[0].title == "Le mandat"
    assert nav[0].children[1].title is None and nav[1].title == "Not in nav keys"


# ---------------------------------------------------------------- configuration


def test_edition_configs_inherit_the_english_one():
    for code in TRANSLATIONS:
        config = yaml.safe_load((REPO / f"mkdocs.{code}.yml").read_text(encoding="utf-8"))
        assert config["INHERIT"] == "mkdocs.yml"
        assert config["theme"]["language"] == code
        assert config["extra"]["casebook"]["language"] == code
        assert config["site_dir"] == f"site/{code}"
    english = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert english["extra"]["casebook"]["editions"] == list(TRANSLATIONS)


def test_test_projects_build_english_only(example_site):
    assert not any((example_site / code).exists() for code in TRANSLATIONS)
    page = parse(example_site / "case-studies" / "index.html")
    assert page.select_one(".casebook-switcher") is None and not page.find_all(
        "link", hreflang=True
    )
    assert page.html["lang"] == "en" and page.html["dir"] == "ltr"


# ---------------------------------------------------------------- publishing


def test_a_failed_edition_fails_the_build_and_the_last_good_site_stays(tmp_path):
    root = make_project(tmp_path / "project", content=GUIDE, editions=True)
    run_build(root)
    site = root / "site"
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert (site / "ar" / "index.html").is_file()
    # A marker naming no case study: only the Arabic edition reads this page.
    add_translations(root, "ar", {"guide/translated.md": "# ترجمة\n\n[[case:no-such-case]]\n"})
    (root / "content" / "guide" / "translated.md").write_text("# Changed\n", encoding="utf-8")
    result = run_build(root, check=False)
    assert result.returncode != 0
    assert "Arabic edition (ar/) failed" in result.stderr
    assert "no-such-case" in result.stderr
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before  # not a byte of the English or any edition changed
    assert not list(root.glob(".site.staging-*")) and not list(root.glob(".site.old-*"))


def test_an_edition_builds_alone_into_its_folder(tmp_path):
    root = make_project(tmp_path / "project", content=GUIDE, editions=True)
    add_translations(root, "fr", FRENCH)
    run_build(root, "-f", "mkdocs.fr.yml")
    assert not (root / "site" / "index.html").exists()  # English was not built
    page = parse(root / "site" / "fr" / "guide" / "translated.html")
    assert page.html["lang"] == "fr"
    assert "Écouter d'abord." in page.get_text()


def test_editions_receive_the_english_builds_validated_catalog(tmp_path, monkeypatch):
    from casebook.editions import builds
    from casebook.project import Project

    catalog = Project(make_project(tmp_path / "project")).catalog()
    path = builds._pickled(catalog)
    monkeypatch.setenv(builds.CATALOG_ENV, path)
    assert builds.shared_catalog() is None  # only for a build the English one started
    monkeypatch.setenv(builds.SITE_DIR_ENV, str(tmp_path / "staging" / "fr"))
    shared = builds.shared_catalog()
    assert shared is not None and [c.id for c in shared.cases] == [c.id for c in catalog.cases]
    assert oct(Path(path).stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize(
    ("editions", "message"),
    [
        (["fr"], "the French edition needs mkdocs.fr.yml beside mkdocs.yml"),
        (["de"], "extra.casebook.editions: 'de' is not a translated edition"),
    ],
)
def test_editions_that_cannot_be_built_are_one_clear_error(tmp_path, editions, message):
    root = make_project(tmp_path / "project")
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["extra"]["casebook"]["editions"] = editions
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    result = run_build(root, check=False)
    assert result.returncode != 0 and message in result.stderr
    assert not (root / "site").exists() and not list(root.glob(".site.staging-*"))


def test_serve_and_edition_builds_start_no_other_editions(tmp_path):
    """Only an English `mkdocs build` (the one that publishes) builds the other editions:
    `mkdocs serve` (no publisher) and an edition's own build start none."""
    from types import SimpleNamespace

    from casebook.site import CasebookSite

    config = SimpleNamespace(
        config_file_path=str(REPO / "mkdocs.yml"), site_dir=str(tmp_path), strict=True
    )
    serving = CasebookSite()
    serving.command = "serve"
    serving.editions = tuple(LANGUAGES.values())
    serving._start_editions(config)
    assert serving.edition_builds.running == []
    french = CasebookSite()
    french.language, french.editions = LANGUAGES["fr"], tuple(LANGUAGES.values())
    french.publisher = object()  # publishing its own site/fr
    french._start_editions(config)
    assert french.edition_builds.running == []


def _processes_in(folder: Path) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if Path(os.readlink(entry / "cwd")) == folder:
                    found.append(int(entry.name))
            except OSError:  # gone, or not ours to read
                continue
    return found


@pytest.mark.skipif(not Path("/proc/self/cwd").exists(), reason="needs /proc (Linux)")
def test_a_failed_english_build_stops_the_edition_builds(tmp_path):
    root = make_project(
        tmp_path / "project",
        content={"guide/broken.md": "# Broken\n\n[[case:no-such-case]]\n"},
        editions=True,
    )
    result = run_build(root, check=False)
    assert result.returncode != 0 and "no-such-case" in result.stderr
    assert _processes_in(root.resolve()) == []  # no edition build left running
    assert not (root / "site").exists() and not list(root.glob(".site.staging-*"))
