"""The same page in every edition: the language switcher, hreflang links, the page's
direction, and navigation titles in the edition's language."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..i18n.catalogue import Strings, load, strings
from ..i18n.languages import ORIGINAL, Language, edition_url


@dataclass(frozen=True)
class Alternate:
    """One edition of the current page, as the switcher and the <head> offer it."""

    language: Language
    href: str  # relative to the current page: works from file:// and on a server
    absolute: str  # for <link hreflang>: search engines want full addresses
    current: bool
    invitation: str  # "Lire ce site en français", or "" until that catalogue has it


def alternates(
    page_url: str, current: Language, editions: tuple[Language, ...], public_url: str | None
) -> list[Alternate]:
    """The page at `page_url` (its URL within an edition) in each published edition."""
    if len(editions) < 2:
        return []
    result = []
    for language in editions:
        href = edition_url(page_url, current.code, language.code)
        absolute = f"{public_url.rstrip('/')}/{language.prefix}{page_url}" if public_url else href
        result.append(
            Alternate(
                language,
                href,
                absolute,
                language == current,
                _invitation(language),
            )
        )
    return result


def _invitation(language: Language) -> str:
    """The edition's invitation in its own language; empty rather than English text
    marked as another language while the translators have not written it."""
    catalogue = strings(language.code)
    key = "site.editions.read_in"
    return catalogue.t(key) if key in catalogue.entries else ""


_HTML_TAG = re.compile(r"<html\b(?![^>]*\sdir=)")


def with_direction(output: str, language: Language) -> str:
    """Material sets dir only on <body>; <html dir> makes the whole page (and the CSS
    `:dir()` and logical properties of everything in <head>'s scope) follow it."""
    return _HTML_TAG.sub(f'<html dir="{language.direction}"', output, count=1)


def translate_nav(items: Iterable[Any], language: Language) -> None:
    """Titles written in mkdocs.yml's nav, in the edition's language (catalogue `site.nav`,
    matched by their English text); titles taken from a page's own heading are left alone,
    since the translated page brings its own."""
    if language.code == ORIGINAL:
        return
    keys = {
        text: key
        for key, text in load(ORIGINAL).items()
        if key.startswith("site.nav.") and isinstance(text, str)
    }
    _translate(items, keys, strings(language.code))


def _translate(items: Iterable[Any], keys: dict[str, str], catalogue: Strings) -> None:
    for item in items:
        key = keys.get(item.title) if isinstance(item.title, str) else None
        if key is not None:
            item.title = catalogue.t(key)
        children = getattr(item, "children", None)
        if children:
            _translate(children, keys, catalogue)


__all__ = ["Alternate", "alternates", "translate_nav", "with_direction"]
