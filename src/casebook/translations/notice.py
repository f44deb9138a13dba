"""The notice at the top of a translated page: that it is a translation, how it was made and
reviewed, a link to the original, and whether the original has changed since (stale) or
there is no translation yet (missing). Wording: the `translation.notice` section of the
string catalogues; markup: templates/_translation.html."""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

import jinja2
from babel import Locale
from markupsafe import Markup

from ..i18n.catalogue import Strings
from .status import TranslationStatus

Kind = Literal["case", "page"]
# Material's admonition kind for each state: stale and missing stand out from a current one.
_ADMONITION = {"up-to-date": "info", "stale": "warning", "missing": "note"}


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("casebook", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("_translation.html")


def notice_html(
    status: TranslationStatus, strings: Strings, original_url: str, *, kind: Kind = "page"
) -> Markup:
    """The notice for a page in `status.language` (empty on the original). `original_url`
    links to the same page in English, relative to this page (i18n.languages.edition_url);
    `kind` says whether the page is a case study or a guide page."""
    if status.state == "original":
        return Markup("")
    return Markup(_template().render(notice=notice_text(status, strings, kind), url=original_url))


def notice_text(status: TranslationStatus, strings: Strings, kind: Kind = "page") -> dict[str, Any]:
    """The notice's sentences, in the reader's language (plain text; the template escapes)."""
    # The translation's language named in the reader's: "French" in English, "français" in
    # French (each catalogue builds its sentence around it).
    language = Locale.parse(status.language).get_display_name(strings.language.code) or ""
    t = strings.t
    if status.state == "missing":
        lead = [t(f"translation.notice.missing_{kind}", language=language)]
    else:
        how = "human" if status.method == "human" else "machine"
        reviewed = f"translation.notice.{how}_reviewed" if status.reviewed_by else ""
        lead = [
            t("translation.notice.translated", language=language),
            t(reviewed, name=status.reviewed_by) if reviewed else t(f"translation.notice.{how}"),
        ]
        if status.missing_fields:
            lead.append(t("translation.notice.partial"))
    return {
        "state": status.state,
        "kind": _ADMONITION[status.state],
        "label": t("translation.notice.label"),
        "lead": lead,
        "stale": t("translation.notice.stale") if status.state == "stale" else "",
        "original": t("translation.notice.original"),
    }


__all__ = ["notice_html", "notice_text"]
