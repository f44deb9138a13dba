"""Country codes: ISO 3166-1 alpha-2 (from pycountry), plus XK for Kosovo.

ISO 3166-1 has no code for Kosovo. XK is the user-assigned code in common use for it (by the
European Commission and others), so a case study about a Kosovo municipality can name its own
country instead of borrowing another's. One place for this, so validation and pages agree.
"""

from __future__ import annotations

import pycountry

# Codes that ISO 3166-1 does not assign but the sources need, with the name shown to readers.
EXTRA_COUNTRIES = {"XK": "Kosovo"}


def is_country_code(code: str) -> bool:
    return code in EXTRA_COUNTRIES or pycountry.countries.get(alpha_2=code) is not None


def country_name(code: str) -> str:
    if code in EXTRA_COUNTRIES:
        return EXTRA_COUNTRIES[code]
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or (country.name if country else code)
