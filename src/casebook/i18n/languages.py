"""The languages Casebook publishes in: one registry, read by the builds, the switcher,
hreflang links, search and the translation checks.

English is the original: every case study and guide page is written in English first, and
each other edition lives under /<code>/ of the same site (fr/, es/, ar/).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

ORIGINAL = "en"


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47, also Material's theme.language and the edition's folder
    name: str  # the language's name for itself, as the switcher shows it
    english_name: str
    rtl: bool = False

    @property
    def prefix(self) -> str:
        """The edition's folder from the site root: '' for English, 'fr/' for French."""
        return "" if self.code == ORIGINAL else f"{self.code}/"

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"


LANGUAGES: dict[str, Language] = {
    language.code: language
    for language in (
        Language("en", "English", "English"),
        Language("fr", "Français", "French"),
        Language("es", "Español", "Spanish"),
        Language("ar", "العربية", "Arabic", rtl=True),
    )
}
TRANSLATIONS = tuple(code for code in LANGUAGES if code != ORIGINAL)


def edition_url(page_url: str, source: str, target: str) -> str:
    """Relative link from a page of edition `source` to the same page in edition `target`.

    `page_url` is the page's URL within its edition ('case-studies/oslo-salto.html'), the
    same in every edition; the result works from file:// and on a server alike.
    """
    here = posixpath.dirname(LANGUAGES[source].prefix + page_url)
    there = LANGUAGES[target].prefix + page_url
    return posixpath.relpath(there, here or ".")
