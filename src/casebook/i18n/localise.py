"""Values as an edition writes them: dates, numbers, country names and a record's years.

English output is what the site printed before it had editions (ISO dates, "1,234"
numbers, pycountry's country names), so the English pages do not change; other editions
use Babel's CLDR data for their language.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

from ..countries import country_name
from .catalogue import Strings
from .languages import ORIGINAL


def human_date(text: str, code: str) -> str:
    """'2024-06-01' -> '1 juin 2024' in French; partial dates ('2023-09', '2023') read as a
    month or a year. Text that is no date is returned as it is (validation keeps it rare)."""
    if code == ORIGINAL:
        return text
    try:
        parts = [int(part) for part in text.split("-")]
        if len(parts) == 3:
            return format_date(datetime.date(*parts), format="long", locale=code)
        if len(parts) == 2:
            return format_skeleton("yMMMM", datetime.date(parts[0], parts[1], 1), locale=code)
    except ValueError:
        pass
    return text


def number(value: int, code: str) -> str:
    """1234567 -> '1,234,567' (English), '1 234 567' (French), '1.234.567' (Spanish)."""
    return f"{value:,}" if code == ORIGINAL else format_decimal(value, locale=code)


def country(code: str, language: str) -> str:
    """A country's name in the edition's language (CLDR territory names), English where
    CLDR has none (XK, Kosovo, is in it; any other code is shown as it is)."""
    if language != ORIGINAL:
        name = Locale.parse(language).territories.get(code)
        if name:
            return str(name)
    return country_name(code)


def years_text(years: Mapping[str, Any], strings: Strings) -> str:
    """The period a practice ran, as a case page and a card say it ('Since 2019')."""
    start, end, ongoing = (years.get(k) for k in ("start", "end", "ongoing"))
    if start and end:
        return strings.t("ui.years.range", start=start, end=end) if start != end else str(start)
    if start:
        return strings.t("ui.years.since" if ongoing else "ui.years.from", start=start)
    if end:
        return strings.t("ui.years.until", end=end)
    return strings.t("ui.years.ongoing") if ongoing else ""


__all__ = ["country", "human_date", "number", "years_text"]
