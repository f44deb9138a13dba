"""Country codes: ISO 3166-1 alpha-2 (from pycountry), plus XK for Kosovo.

ISO 3166-1 has no code for Kosovo. XK is the user-assigned code in common use for it (by the
European Commission and others), so a case study about a Kosovo municipality can name its own
country instead of borrowing another's. One place for this, so validation and pages agree.
"""

from __future__ import annotations

import pycountry

# Codes that ISO 3166-1 does not assign but the sources need, with the name shown to readers.
EXTRA_COUNTRIES = {"XK": "Kosovo"}
# Codes people write that ISO 3166-1 spells otherwise (the EU writes EL for Greece).
COUNTRY_ALIASES = {"UK": "GB", "EL": "GR"}


def is_country_code(code: str) -> bool:
    return code in EXTRA_COUNTRIES or pycountry.countries.get(alpha_2=code) is not None


def country_name(code: str) -> str:
    if code in EXTRA_COUNTRIES:
        return EXTRA_COUNTRIES[code]
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or (country.name if country else code)


def country_suggestion(value: str) -> str:
    """The end of a message about a wrong country code: the code that was probably meant
    (from an alias, a country name or lower case), or how codes are written."""
    alias = COUNTRY_ALIASES.get(value.strip().upper())
    match = pycountry.countries.get(alpha_2=alias) if alias else None
    if match is not None:
        return f"; did you mean {match.alpha_2} ({match.name})?"
    try:
        match = pycountry.countries.lookup(value)
        return f"; did you mean {match.alpha_2} ({match.name})?"
    except LookupError:
        pass
    upper = pycountry.countries.get(alpha_2=value.upper()) if len(value) == 2 else None
    if upper:
        return f"; did you mean {upper.alpha_2} ({upper.name})?"
    return "; use two capital letters, e.g. NO for Norway, KE for Kenya"
