"""The interface catalogues (src/casebook/i18n/strings/<code>.yml) and how pages use them.

NOTE: test_every_english_key_is_translated FAILS until the translation pass (the lead merges
the translators' fr/es/ar catalogues at the end of issue 13). That is intended: a release
must not ship an interface string without its translation. Do not skip or xfail it.

The other tests hold now: placeholders agree between languages, no catalogue entry carries
markup, every key the templates, Python and the finder's script use exists in en.yml, plural
forms follow CLDR (Arabic few/many) the same way in Python (Babel) and in the browser
(Intl.PluralRules), and a French edition build shows French words on a case page and in the
finder.
"""

from __future__ import annotations

import json
import re
import shutil
import string
import subprocess
from collections.abc import Mapping
from pathlib import Path

import pytest
import yaml

from casebook.i18n import catalogue
from casebook.i18n.catalogue import PLURAL_CATEGORIES, Strings, flatten, load
from casebook.i18n.languages import LANGUAGES, TRANSLATIONS
from casebook_fixtures import FIXTURE_CASES
from conftest import REPO, make_project, parse, run_build

SRC = REPO / "src" / "casebook"
FILTER_JS = REPO / "content" / "assets" / "javascripts" / "casebook-filter.js"
SECTIONS = ("site", "ui", "translation", "search")


def placeholders(entry: str | Mapping[str, str]) -> set[str]:
    texts = entry.values() if isinstance(entry, Mapping) else [entry]
    return {name for text in texts for _, name, _, _ in string.Formatter().parse(text) if name}


# ---------------------------------------------------------------- coverage of translations


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_every_english_key_is_translated(code: str) -> None:
    """Fails until the translation pass: every key of en.yml must be in <code>.yml."""
    missing = sorted(set(load("en")) - set(load(code)))
    assert not missing, (
        f"{len(missing)} key(s) of en.yml have no {LANGUAGES[code].english_name} "
        f"translation in src/casebook/i18n/strings/{code}.yml (shown in English until "
        f"translated): " + ", ".join(missing[:40])
    )


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_translations_hold_no_key_english_lacks(code: str) -> None:
    extra = sorted(set(load(code)) - set(load("en")))
    assert not extra, f"{code}.yml has keys en.yml does not (typo or stale?): {extra}"


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_placeholders_are_the_same_in_every_language(code: str) -> None:
    """A translation uses exactly the English entry's {placeholders}; a plural form may drop
    {count} (French 'une étude' for one) but no other."""
    english, translated = load("en"), load(code)
    wrong = []
    for key, entry in translated.items():
        if key not in english:
            continue
        expected = placeholders(english[key])
        if isinstance(entry, Mapping):
            forms = [placeholders(text) for text in entry.values()]
            union = set().union(*forms)
            if union - expected or any(expected - {"count"} - form for form in forms):
                wrong.append(f"{key}: {sorted(union)} vs English {sorted(expected)}")
        elif placeholders(entry) != expected:
            wrong.append(f"{key}: {sorted(placeholders(entry))} vs English {sorted(expected)}")
    assert not wrong, f"{code}.yml placeholders differ from en.yml:\n" + "\n".join(wrong)


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_plural_entries_use_the_languages_cldr_categories(code: str) -> None:
    from babel import Locale

    allowed = set(Locale.parse(code).plural_form.tags) | {"other"}
    wrong = {
        key: sorted(entry)
        for key, entry in load(code).items()
        if isinstance(entry, Mapping) and ("other" not in entry or set(entry) - allowed)
    }
    assert not wrong, f"{code}.yml plural maps need 'other' and only {sorted(allowed)}: {wrong}"


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_catalogue_entries_hold_no_markup(code: str) -> None:
    """Templates trust catalogue text like their own (Strings.markup): no tags or entities."""
    wrong = [
        key
        for key, entry in load(code).items()
        for text in (entry.values() if isinstance(entry, Mapping) else [entry])
        if re.search(r"[<>&]", text)
    ]
    assert not wrong, f"{code}.yml: markup characters in {wrong}"


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_catalogue_keeps_the_sections(code: str) -> None:
    tree = yaml.safe_load((catalogue.STRINGS_DIR / f"{code}.yml").read_text(encoding="utf-8"))
    assert set(tree) == set(SECTIONS)


# ---------------------------------------------------------------- keys used by the sources

# t("ui.x"), markup("ui.x"), .t(f"ui.x.{y}") in Python and templates; literals naming a key
_CALL = re.compile(r"""\b(?:t|markup)\(\s*(f?)(["'])((?:ui|site|translation|search)\.[^"']+)\2""")
_LITERAL = re.compile(r"""(f?)(["'])(ui\.[a-z0-9_]+(?:\.[a-z0-9_{}]+)+)\2""")
_PREFIX_CALL = re.compile(r"""\bbrowser(?:_strings)?\(([^)]*)\)""")
_JS_KEY = re.compile(r"""["']((?:finder|common|map|print|return)\.[a-z0-9_]+)["']""")


def used_keys(text: str) -> tuple[set[str], set[str], set[str]]:
    """(keys, prefixes of dynamic keys, prefixes passed to browser()) named in a source."""
    prefixes_for_browser = {
        literal for call in _PREFIX_CALL.findall(text) for literal in re.findall(r'"([^"]+)"', call)
    }
    keys, dynamic = set(), set()
    for match in [*_CALL.finditer(text), *_LITERAL.finditer(text)]:
        fstring, _, key = match.groups()
        if key in prefixes_for_browser:
            continue
        if fstring and "{" in key:
            dynamic.add(key.split("{", 1)[0])
        else:
            keys.add(key)
    return keys, dynamic, prefixes_for_browser


def missing_keys(sources: dict[str, str], js: dict[str, str], english: set[str]) -> list[str]:
    problems = []
    for name, text in sources.items():
        keys, dynamic, prefixes = used_keys(text)
        problems += [f"{name}: {key}" for key in sorted(keys - english)]
        problems += [
            f"{name}: {prefix}… (no key starts so)"
            for prefix in sorted(dynamic | {p + "." for p in prefixes})
            if not any(key.startswith(prefix) for key in english)
        ]
    for name, text in js.items():
        problems += [
            f"{name}: ui.{key}"
            for key in sorted(set(_JS_KEY.findall(text)))
            if f"ui.{key}" not in english
        ]
    return problems


def test_the_key_parser_finds_a_missing_key() -> None:
    """The check below can fail: a made-up key in each kind of source is reported."""
    english = set(load("en"))
    sources = {
        "a.html": '{{ t("ui.case.place") }} {{ t("ui.case.no_such_key") }}',
        "b.py": 'x = self.strings.t(f"ui.nowhere.{key}")\ny = text("ui.map.nope", count=2)',
        "c.html": '{{ browser_strings("ui.finder", "ui.nothing") }}',
    }
    js = {"d.js": 'text("finder.none"); text(open ? "finder.hide_filters" : "finder.gone")'}
    found = missing_keys(sources, js, english)
    assert found == [
        "a.html: ui.case.no_such_key",
        "b.py: ui.map.nope",
        "b.py: ui.nowhere.… (no key starts so)",
        "c.html: ui.nothing.… (no key starts so)",
        "d.js: ui.finder.gone",
    ]


def test_every_key_the_sources_use_is_in_english() -> None:
    english = set(load("en"))
    sources = {
        str(path.relative_to(REPO)): path.read_text(encoding="utf-8")
        for path in sorted([*SRC.rglob("*.py"), *SRC.rglob("*.html")])
    }
    js = {
        str(path.relative_to(REPO)): path.read_text(encoding="utf-8")
        for path in sorted(FILTER_JS.parent.glob("casebook-*.js"))
    }
    assert FILTER_JS.name in {Path(name).name for name in js}
    assert not missing_keys(sources, js, english)
    # the parser saw the templates' keys at all (a broken regex would pass vacuously)
    assert "ui.case.place" in used_keys((SRC / "templates" / "case.html").read_text())[0]


def test_dynamic_keys_exist_for_every_value() -> None:
    """Keys built at render time: narrative headings, facet names, browse pages."""
    from casebook.facets import BROWSABLE, FACETS
    from casebook.model import NARRATIVE_SECTIONS

    english = load("en")
    wanted = [f"ui.case.narrative.{key}" for key, _ in NARRATIVE_SECTIONS]
    wanted += [f"ui.facets.{f.key}" for f in FACETS]
    wanted += [f"ui.browse.{f.key}_{part}" for f in BROWSABLE for part in ("title", "lead")]
    assert [key for key in wanted if key not in english] == []
    # English headings and facet names are the ones the model has always shown
    assert [english[f"ui.case.narrative.{k}"] for k, _ in NARRATIVE_SECTIONS] == [
        heading for _, heading in NARRATIVE_SECTIONS
    ]
    assert [english[f"ui.facets.{f.key}"] for f in FACETS] == [
        "Region",
        "Country",
        "Phase",
        "Practice",
        "Approach",
        "Stakeholders",
        "Level of government",
        "City size",
        "Mandate",
        "Evidence",
        "Record type",
    ]


def test_no_reader_facing_english_left_in_the_finder_script() -> None:
    """Strings the finder shows come from the page: no quoted English sentence in the JS
    (comments aside)."""
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", FILTER_JS.read_text(encoding="utf-8"), flags=re.S)
    english = re.findall(r"""["']([A-Z][a-z]+ [a-z][^"']*)["']""", code)
    assert english == []


# ---------------------------------------------------------------- plurals


@pytest.fixture
def fixture_catalogues(tmp_path, monkeypatch):
    """A strings folder of our own: en.yml and ar.yml with an Arabic plural entry."""
    (tmp_path / "en.yml").write_text(
        "ui:\n  n: {one: '{count} case study', other: '{count} case studies'}\n"
        "  plain: Case studies\n  only_english: Map\n",
        encoding="utf-8",
    )
    (tmp_path / "ar.yml").write_text(
        "ui:\n  n: {zero: 'لا دراسات', one: 'دراسة واحدة', two: 'دراستان',\n"
        "      few: '{count} دراسات', many: '{count} دراسة', other: '{count} دراسة*'}\n"
        "  plain: دراسات حالة\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(catalogue, "STRINGS_DIR", tmp_path)
    load.cache_clear()
    yield tmp_path
    load.cache_clear()


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "لا دراسات"),
        (1, "دراسة واحدة"),
        (2, "دراستان"),
        (3, "3 دراسات"),  # few: 3-10
        (10, "10 دراسات"),
        (11, "11 دراسة"),  # many: 11-99
        (99, "99 دراسة"),
        (100, "100 دراسة*"),  # other
        (103, "103 دراسات"),  # few again: n % 100 in 3..10
        (111, "111 دراسة"),  # many again: n % 100 in 11..99
    ],
)
def test_arabic_plural_forms(fixture_catalogues, count: int, expected: str) -> None:
    assert Strings("ar").t("ui.n", count=count) == expected


def test_missing_translation_falls_back_to_english(fixture_catalogues) -> None:
    arabic = Strings("ar")
    assert arabic.t("ui.plain") == "دراسات حالة"
    assert arabic.t("ui.only_english") == "Map"
    with pytest.raises(KeyError):
        arabic.t("ui.in_no_catalogue")


def test_markup_escapes_parameters_not_the_catalogue(fixture_catalogues) -> None:
    (fixture_catalogues / "en.yml").write_text("ui:\n  link: 'See {link} or {text}'\n")
    load.cache_clear()
    from markupsafe import Markup

    html = Strings("en").markup("ui.link", link=Markup("<a href=x>it</a>"), text="<b>")
    assert html == "See <a href=x>it</a> or &lt;b&gt;"


def test_english_plural_forms() -> None:
    english = catalogue.strings("en")
    assert english.t("ui.common.studies", count=1) == "1 case study"
    assert english.t("ui.common.studies", count=0) == "0 case studies"
    assert english.t("ui.common.studies", count=2) == "2 case studies"


def test_browser_strings_keep_plural_maps_whole() -> None:
    found = catalogue.strings("en").browser("ui.finder")
    assert found and all(key.startswith("ui.finder.") for key in found)
    assert found["ui.finder.show_results"] == {
        "one": "Show {count} result",
        "other": "Show {count} results",
    }


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js (Intl.PluralRules)")
@pytest.mark.parametrize("code", list(LANGUAGES))
def test_browser_and_build_choose_the_same_plural_form(code: str) -> None:
    """casebook-filter.js picks plural forms with Intl.PluralRules, the build with Babel:
    they must agree on every count a page can show."""
    from babel import Locale

    numbers = list(range(0, 230)) + [1000, 1001, 1002, 1003, 1011, 100000]
    script = (
        f"const r = new Intl.PluralRules({json.dumps(code)});"
        f"console.log(JSON.stringify({json.dumps(numbers)}.map(n => r.select(n))))"
    )
    browser = json.loads(subprocess.check_output(["node", "-e", script], text=True))
    rule = Locale.parse(code).plural_form
    assert browser == [rule(n) for n in numbers]


# ---------------------------------------------------------------- a French edition build

FRENCH_UI = {
    "common": {
        "case_studies": "Études de cas",
        "mention": "Mention",
        "studies": {"one": "{count} étude de cas", "other": "{count} études de cas"},
        "records": {"one": "{count} fiche", "other": "{count} fiches"},
        "mentions": {"one": "{count} mention", "other": "{count} mentions"},
        "practice_prefix": "Pratique : ",
        "evidence_badge": "Niveau de preuve : {label}",
    },
    "case": {
        "place": "Lieu",
        "country": "Pays",
        "last_reviewed": "Dernière vérification le {date}.",
        "narrative": {"context": "Contexte"},
        "sources": {"heading": "Sources citées"},
    },
    "facets": {"kind": "Type de fiche (catalogue)"},
    "finder": {
        "title": "Études de cas",
        "search_label": "Chercher dans le texte intégral",
        "show_filters": "Afficher les filtres",
        "hide_filters": "Masquer les filtres",
        "show_results": {"one": "Voir {count} résultat", "other": "Voir {count} résultats"},
        "download": {
            "one": "Télécharger ce résultat (CSV)",
            "other": "Télécharger ces {count} résultats (CSV)",
        },
        "status_some_studies": {
            "one": "{shown} sur {count} étude de cas",
            "other": "{shown} sur {count} études de cas",
        },
        "status_some_records": {
            "one": "{shown} sur {count} fiche",
            "other": "{shown} sur {count} fiches",
        },
        "status_mentions": "{status} ({mentions})",
    },
}


@pytest.fixture(scope="module")
def french_site(tmp_path_factory) -> Path:
    """An edition built with extra.casebook.language: fr and theme.language: fr, from a copy
    of the package whose French catalogue is FRENCH_UI (so the test does not depend on the
    translators' wording)."""
    base = tmp_path_factory.mktemp("french")
    package = base / "src" / "casebook"
    shutil.copytree(SRC, package, ignore=shutil.ignore_patterns("__pycache__"))
    french = package / "i18n" / "strings" / "fr.yml"
    tree = yaml.safe_load(french.read_text(encoding="utf-8"))
    tree["ui"] = FRENCH_UI
    french.write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
    root = make_project(base / "project", cases=FIXTURE_CASES)
    config_file = root / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["theme"]["language"] = "fr"
    casebook = config.setdefault("extra", {}).setdefault("casebook", {})
    casebook["language"] = "fr"
    casebook.pop("editions", None)  # this one edition only, built on its own
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYTHONPATH", str(base / "src"))
        run_build(root)
    return root / "site"


def test_french_case_page_shows_french_strings(french_site: Path) -> None:
    page = parse(french_site / "case-studies" / "riverton-listening.html")
    assert page.html["lang"] == "fr"
    article = page.select_one("article")
    facts = [dt.get_text() for dt in article.select(".cb-facts dt")]
    assert facts[:2] == ["Lieu", "Pays"]
    assert article.select_one(".cb-facts dd:nth-of-type(2)").get_text() == "Norvège"
    headings = {h2["id"]: h2.get_text() for h2 in article.select("h2")}
    assert headings["context"] == "Contexte"  # id stays English, the heading is French
    assert headings["sources"] == "Sources citées"
    assert headings["outcomes"] == "Outcomes"  # not in the fixture: English fallback
    meta = article.select_one(".cb-meta").get_text()
    assert re.search(r"Dernière vérification le \d{1,2} \w+ \d{4}\.", meta), meta
    trail = article.select_one(".cb-trail__path a").get_text()
    assert trail == "Études de cas"


def test_french_finder_shows_french_strings_and_labels(french_site: Path) -> None:
    page = parse(french_site / "case-studies" / "index.html")
    article = page.select_one("article")
    assert article.select_one("h1").get_text() == "Études de cas"
    assert article.select_one("label[for=cb-q]").get_text() == "Chercher dans le texte intégral"
    assert article.select_one(".cb-filters__toggle").get_text() == "Afficher les filtres"
    assert article.select_one("#cb-status").get_text() == "9 études de cas"
    summaries = [s.get_text() for s in article.select(".cb-facet summary")]
    assert "Type de fiche (catalogue)" in summaries  # facet name from the catalogue
    kinds = [
        label.select_one(".cb-option__label").get_text()
        for label in article.select(".cb-option")
        if label.input["name"] == "kind"
    ]
    assert kinds == ["Étude de cas"]  # term label from kinds.yml's translations
    assert any(
        label.select_one(".cb-option__label").get_text() == "Norvège"
        for label in article.select(".cb-option")
        if label.input["name"] == "country"
    )
    words = json.loads(page.select_one("script#casebook-strings").string)
    assert words["ui.finder.hide_filters"] == "Masquer les filtres"
    assert words["ui.finder.show_results"]["other"] == "Voir {count} résultats"
    assert words["ui.common.mention"] == "Mention"


def test_french_downloads_label_vocabulary_columns(french_site: Path) -> None:
    import csv
    import io

    text = (french_site / "casebook.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and {row["kind"] for row in rows} <= {"Étude de cas", "Mention"}
    assert {row["id"] for row in rows} >= {"riverton-listening"}  # keys of records unchanged
    data = json.loads((french_site / "casebook.json").read_text(encoding="utf-8"))
    assert data["vocabularies"]["kinds"]["case"]["label"] == "Étude de cas"
    assert {case["kind"] for case in data["cases"] if "kind" in case} <= {"case", "mention"}
    script = (french_site / "assets" / "casebook-data.js").read_text(encoding="utf-8")
    assert "Type de fiche (catalogue)" in script


@pytest.mark.browser
def test_french_finder_script_speaks_french(french_site: Path, visit) -> None:
    opened = visit((french_site / "case-studies" / "index.html").as_uri(), width=400)
    page = opened.page
    page.wait_for_function("document.querySelector('.cb-index--live') !== null")
    toggle = page.locator(".cb-filters__toggle")
    assert toggle.inner_text() == "Afficher les filtres"
    toggle.click()
    assert toggle.inner_text() == "Masquer les filtres"
    page.locator("input[name=country][value=NO]").check()
    status = page.locator("#cb-status").inner_text()
    assert status == "3 sur 9 études de cas", status
    assert re.fullmatch(
        r"\d+ sur \d+ (études de cas|étude de cas|fiches|fiche)( \(.*\))?", status
    ), status
    assert page.locator(".cb-facets__done").inner_text().startswith("Voir ")
    assert "Télécharger" in page.locator("#cb-download").inner_text()
    assert opened.errors == [] and opened.external == []


def test_english_downloads_are_unchanged_by_translations() -> None:
    """The English CSV keeps keys in its vocabulary columns (the data release reads it)."""
    from casebook.csv_schema import COLUMNS
    from casebook.export import VOCABULARY_COLUMNS, to_csv
    from casebook.project import Project

    catalog = Project(REPO).catalog()
    english = to_csv(catalog)
    assert "Étude de cas" not in english and ",case," in english
    french = to_csv(catalog, "fr")
    assert "Étude de cas" in french
    assert english.splitlines()[0] == french.splitlines()[0]  # same columns
    # export and the Table Schema agree on which columns hold vocabulary terms
    assert {name: v for name, (_, _, v) in COLUMNS.items() if v} == VOCABULARY_COLUMNS


def test_flatten_keeps_plural_maps() -> None:
    tree = {"ui": {"a": {"one": "x", "other": "y"}, "b": {"c": "z"}}}
    assert flatten(tree) == {"ui.a": {"one": "x", "other": "y"}, "ui.b.c": "z"}
    assert {"one", "other"} <= PLURAL_CATEGORIES
