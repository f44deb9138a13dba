"""The formats a case-study field can have ("format" in the JSON Schema): one entry each,
read by validation (schema.py), its messages (messages.py), `casebook new` (scaffold.py),
the schema reference page and the proposal form (which checks in the browser with its own
functions of the same names, and prints these same messages).

A check receives the value only when it is a string: a value of the wrong type gets the
schema's type message instead.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from .countries import country_suggestion, is_country_code

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# Names that would collide with generated pages or with reserved device names on Windows.
RESERVED_IDS = frozenset(
    {
        "con",
        "prn",
        "aux",
        "nul",
        "index",
        "search",
        "assets",
        *(f"com{i}" for i in range(10)),
        *(f"lpt{i}" for i in range(10)),
    }
)


@dataclass(frozen=True)
class Format:
    name: str  # the schema's "format" value
    check: Callable[[str], bool]
    description: str  # the schema reference: what such a value looks like
    placeholder: str  # after "TODO: " in a file from `casebook new`
    # The problem, with {value} (the value quoted and shortened), {raw} (the value as
    # written) and {hint} (from `hint`, e.g. "; did you mean NO (Norway)?").
    message: str
    hint: Callable[[str], str] = lambda value: ""

    def explain(self, value: str, quoted: str) -> str:
        return self.message.format(value=quoted, raw=value, hint=self.hint(value))


def is_http_url(value: str) -> bool:
    """An absolute http(s) address with a host; no spaces or control characters (jsonschema's
    own "uri" check accepts javascript: and other schemes)."""
    if any(ch.isspace() or ord(ch) < 32 for ch in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def is_date(value: str) -> bool:
    """A real calendar date written YYYY-MM-DD."""
    if not _DATE.fullmatch(value):  # ASCII digits only: fromisoformat takes others too
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_partial_date(value: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD, each a real date (sources often give only a year)."""
    padded = {4: "-01-01", 7: "-01", 10: ""}.get(len(value))
    return padded is not None and is_date(value + padded)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "date",
            is_date,
            "date, YYYY-MM-DD",
            "YYYY-MM-DD",
            "{value} is not a real date; write YYYY-MM-DD in quotes, e.g. '2026-01-31'",
        ),
        Format(
            "partial-date",
            is_partial_date,
            "date, YYYY, YYYY-MM or YYYY-MM-DD",
            "YYYY, YYYY-MM or YYYY-MM-DD",
            "{value} is not a real date; write YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        Format(
            "http-url",
            is_http_url,
            "web address (http or https)",
            "https://…",
            "{value} is not a web address; use a full http:// or https:// address, "
            "e.g. https://example.org/report",
        ),
        Format(
            "iso3166-alpha2",
            is_country_code,
            "two-letter ISO 3166-1 country code",
            "two-letter country code, e.g. NO",
            "{value} is not an ISO 3166-1 country code{hint}",
            hint=country_suggestion,
        ),
        Format(
            "casebook-id",
            lambda value: value not in RESERVED_IDS,
            "id: lowercase letters, digits and single hyphens",
            "lowercase-words-with-hyphens",
            "{value} is a reserved name; choose a more specific id such as '{raw}-city'",
        ),
    )
}


def form_messages() -> dict[str, str]:
    """Message templates for the proposal form, which fills {value}, {raw} and {hint} itself."""
    return {name: f.message for name, f in FORMATS.items()}
