"""Search in the French and Arabic editions, in headless Chromium from file://.

Each site is one edition's build (theme.language and extra.casebook.language set, as
mkdocs.<code>.yml does) of the fixture case, with a translation of it in
case_studies/translations/<code>/ and a second case whose original English text quotes a
name in that language. A word readers type without accents, diacritics or with another alef
form finds the case from the header box and from the finder's words filter; the results are
read from the page (links, marked excerpts), and the browser's index terms are the build's.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
import yaml

from casebook.search.normalise import language
from casebook.translations.source import source_hash
from conftest import EXAMPLES, make_project, run_build

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FIXTURE = "riverton-listening"
QUOTING = "lakeside-quotes"

# What each edition's translation of the fixture says (only there), what its second case's
# English text quotes, and (typed, the case it must find) for each.
EDITIONS = {
    "fr": {
        "title": "Fixture : une ville écoute avant de planifier",
        "summary": (
            "Un cas fictif utilisé par les tests de Casebook. Une évaluation indépendante "
            "de l'exercice d'écoute a précédé le plan local."
        ),
        "quoted": "« Quartiers solidaires »",
        "translated": [("evaluations", FIXTURE), ("EVALUATION", FIXTURE)],
        "quoted_by": [("quartier", QUOTING)],
        "link": "Chercher « evaluations » dans le texte intégral des 2 études de cas",
        "none": (
            "Aucune page ni étude de cas ne contient « zzqx » : essayez moins de mots ou "
            "d’autres mots."
        ),
    },
    "ar": {
        "title": "حالة اختبار: مدينة تستمع قبل أن تخطط",
        "summary": (
            "حالة خيالية تستخدمها اختبارات Casebook. عقدت الإدارة المحلية جلسات استماع "
            "لمواجهة التطرّف قبل كتابة الخطة."
        ),
        "quoted": "« لجنة المُصالَحة »",
        "translated": [
            ("الادارة", FIXTURE),  # written إ: typed without the hamza
            ("الإِدارَةُ", FIXTURE),  # with harakat
            ("التطرف", FIXTURE),  # written with a shadda
        ],
        "quoted_by": [("المصالحه", QUOTING)],  # ta marbuta typed as ha; written with harakat
        "link": None,
        "none": "لا توجد صفحة أو دراسة حالة تحتوي على «zzqx»: جرّب كلمات أقل أو كلمات أخرى.",
    },
}


def edition_site(root, code: str):
    original = (EXAMPLES / "valid" / f"{FIXTURE}.yml").read_text(encoding="utf-8")
    record = yaml.safe_load(original)
    quoting = original.replace(f"id: {FIXTURE}", f"id: {QUOTING}").replace(
        'title: "Fixture: a city listens before it plans"',
        'title: "Fixture: a lakeside town names its committee"',
    )
    quoting = quoting.replace(
        "wrote a local plan from it.",
        f"wrote a local plan from it. Its committee was called {EDITIONS[code]['quoted']}.",
    )
    project = make_project(root, cases={f"{QUOTING}.yml": quoting})
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["language"] = code
    config.setdefault("extra", {}).setdefault("casebook", {})["language"] = code
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    # Quoted scalars (JSON strings are YAML): a hash of digits only must stay text.
    translation = "\n".join(
        [
            "translation:",
            f"  source_hash: {json.dumps(source_hash(record))}",
            "  method: machine-assisted",
            "  reviewed_by: null",
            f"title: {json.dumps(EDITIONS[code]['title'], ensure_ascii=False)}",
            f"summary: {json.dumps(EDITIONS[code]['summary'], ensure_ascii=False)}",
            "",
        ]
    )
    folder = project / "case_studies" / "translations" / code
    folder.mkdir(parents=True)
    (folder / f"{FIXTURE}.yml").write_text(translation, "utf-8")
    run_build(project)
    return project / "site"


@pytest.fixture(scope="module", params=["fr", "ar"])
def edition(request, tmp_path_factory):
    code = request.param
    return code, edition_site(tmp_path_factory.mktemp(f"search-{code}") / "project", code)


def header_hrefs(page, typed: str) -> list[str]:
    page.fill("input.md-search__input", "")
    page.click("input.md-search__input")
    page.keyboard.type(typed)
    page.wait_for_function(
        "w => document.querySelector('.cb-search').dataset.query === w", arg=typed, timeout=20_000
    )
    return page.eval_on_selector_all(".cb-search__link", "els => els.map(a => a.href)")


# Where the word is: only in the edition's translation of the fixture, or in the original
# text of the quoting case. The translated text reaches the index through the edition's
# catalog (casebook.translations.overlay.translated_catalog(catalog, code, project), laid
# over in site.py's configure): "translated" fails until the build does that.
WHERE = ["translated", "quoted_by"]


@pytest.mark.parametrize("where", WHERE)
def test_the_header_box_finds_words_as_readers_type_them(edition, where, visit):
    code, site = edition
    opened = visit((site / "index.html").as_uri())
    page = opened.page
    for typed, case_id in EDITIONS[code][where]:
        hrefs = header_hrefs(page, typed)
        assert any(h.endswith(f"case-studies/{case_id}.html") for h in hrefs), (typed, hrefs)
        link = page.locator(f".cb-search__link[href$='case-studies/{case_id}.html']")
        link.locator("mark").first.wait_for(timeout=20_000)  # the excerpt marks the word
    header_hrefs(page, "zzqx")  # nothing has it: the box says so, in the edition's language
    assert page.locator(".cb-search__none").inner_text() == EDITIONS[code]["none"]
    if EDITIONS[code]["link"] and where == "translated":
        header_hrefs(page, "evaluations")
        assert page.locator(".cb-search__all").inner_text() == EDITIONS[code]["link"]
    assert page.evaluate("CasebookSearch.language()") == code
    assert opened.errors == [] and opened.external == []


@pytest.mark.parametrize("where", WHERE)
def test_the_finder_words_filter_finds_them(edition, where, visit):
    code, site = edition
    for typed, case_id in EDITIONS[code][where]:
        url = (site / "case-studies" / "index.html").as_uri() + "?words=" + quote(typed)
        opened = visit(url)
        page = opened.page
        page.wait_for_function(
            "w => window.CasebookSearch && CasebookSearch.search(w) !== null",
            arg=typed,
            timeout=20_000,
        )
        page.wait_for_selector("#cb-results .cb-result__excerpt mark", timeout=20_000)
        hrefs = page.eval_on_selector_all(
            "#cb-results .cb-result a.cb-result__title", "els => els.map(a => a.href)"
        )
        assert [h.rsplit("/", 1)[1] for h in hrefs] == [f"{case_id}.html"], (typed, hrefs)
        assert opened.errors == [] and opened.external == []


def test_only_the_editions_stemmer_is_loaded(edition, visit):
    code, site = edition
    opened = visit((site / "index.html").as_uri())
    page = opened.page
    page.evaluate("() => new Promise(done => CasebookSearch.load(done))")
    scripts = page.eval_on_selector_all("script[src]", "els => els.map(s => s.src)")
    assert sum("casebook-stemmer.js" in s for s in scripts) == 1
    stemmer = (site / "search" / "casebook-stemmer.js").read_text(encoding="utf-8")
    assert "@orama/stemmers" in stemmer and "wink" not in stemmer


def test_browser_and_build_make_the_same_terms(edition, visit):
    """Word splitting, folding, letters and both stems of every word, on the translation
    and on forms readers type."""
    code, site = edition
    lang = language(code)
    texts = [EDITIONS[code]["summary"], EDITIONS[code]["title"], EDITIONS[code]["quoted"]]
    texts += [typed for where in WHERE for typed, _ in EDITIONS[code][where]]
    texts += ["Œuvre, ÉCOLES, l’été ١٩٩٩ ـ ٱلإِدارَة مستشفى"]
    page = visit((site / "index.html").as_uri()).page
    page.evaluate("() => new Promise(done => CasebookSearch.load(done))")
    browser = page.evaluate("texts => texts.map(t => CasebookSearch.keys(t))", texts)
    assert browser == [lang.all_terms(text) for text in texts]
