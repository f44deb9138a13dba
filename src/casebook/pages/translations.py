"""The translation coverage page (contribute/translations.html): every case study and guide
page × every translated language, up to date / out of date / missing, and for cases which
texts are translated. Figures: casebook.translations.coverage; words: the `translation.coverage`
section of the string catalogues (the page is in each edition's language)."""

from __future__ import annotations

from pathlib import Path

from casebook.i18n.catalogue import Strings
from casebook.i18n.languages import LANGUAGES, TRANSLATIONS
from casebook.pages.base import GeneratedPage
from casebook.project import Project
from casebook.render import Renderer, base_of
from casebook.translations import coverage

URL = "contribute/translations.html"
STUB = "---\nsearch:\n  exclude: true\n---\n\n## Case studies\n\n## Guide pages\n"


def pages(renderer: Renderer) -> list[GeneratedPage]:
    if renderer.mkdocs_config is None:  # a Renderer outside a build (unit tests)
        return []
    text = renderer.strings  # the edition's language
    return [
        GeneratedPage(
            "contribute/translations.md",
            text.t("translation.coverage.title"),
            lambda: render(renderer, text),
            stub=STUB,
        )
    ]


def render(renderer: Renderer, text: Strings) -> str:
    config = renderer.mkdocs_config
    root = Path(config.config_file_path).resolve().parent
    project = Project(root)
    cases = coverage.case_rows(project, [case.id for case in renderer.catalog.cases])
    # content/ itself, not this build's docs_dir: an edition may build from another folder,
    # and the table compares every language with the English pages.
    guide = coverage.page_rows(root, project.root / "content")
    titles = {case.id: case.title for case in renderer.catalog.cases}
    return renderer.env.get_template("translation-coverage.html").render(
        base=base_of(URL),
        t=text.t,
        languages=[LANGUAGES[code] for code in TRANSLATIONS],
        summaries=[
            (LANGUAGES[code], coverage.counts(cases, code), coverage.counts(guide, code))
            for code in TRANSLATIONS
        ],
        cases=[(row, titles[row.key], _notes(row, text)) for row in cases],
        guide=guide,
        labels={
            "up-to-date": text.t("translation.coverage.up-to-date"),
            "stale": text.t("translation.coverage.stale"),
            "missing": text.t("translation.coverage.missing"),
        },
    )


def _notes(row: coverage.Row, text: Strings) -> dict[str, str]:
    """Per language, which texts a case's translation holds: all, only some, or all but."""
    notes = {}
    for code in TRANSLATIONS:
        held = row.translated(code)
        lacking = [field for field in row.texts if field not in held]
        if not held:
            notes[code] = ""
        elif not lacking:
            notes[code] = text.t("translation.coverage.full")
        elif len(held) <= len(lacking):
            notes[code] = text.t("translation.coverage.only", fields=", ".join(held))
        else:
            notes[code] = text.t("translation.coverage.lacks", fields=", ".join(lacking))
    return notes


__all__ = ["URL", "pages", "render"]
