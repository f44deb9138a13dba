"""The first sentence of a summary, for cards that must be read at a glance (issue 15)."""

from __future__ import annotations

import re

# A sentence ends at . ! ? (or Arabic ؟) followed by a space and a capital, digit, opening
# quote or Spanish ¿ ¡, or an Arabic letter (Arabic has no capitals), unless the word before
# the stop is short or an initial ("St.", "Dr.", "U.S.", "J.").
_END = re.compile(r"(?<=[.!?؟])[\"”’»)]?\s+(?=[A-Z0-9\"“‘«(¿¡À-Ý\u0621-\u064a])")
_NOT_AN_END = re.compile(r"(?:\b\w{1,2}|\b(?:\w\.)+\w?)[.]$")
MIN_LENGTH = 40  # a shorter first sentence ("Since 2006.") takes the next one with it


def first_sentence(text: str) -> str:
    """The text up to the end of its first sentence; the whole text if it has one."""
    for match in _END.finditer(text):
        candidate = text[: match.start()].rstrip()
        if _NOT_AN_END.search(candidate) or len(candidate) < MIN_LENGTH:
            continue
        return candidate
    return text.strip()


__all__ = ["first_sentence"]
