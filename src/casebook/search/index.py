"""The full-text index: built here at build time, read by casebook-search.js in the browser.

Format (search/index.js, a classic script because file:// pages cannot fetch()):

    window.CASEBOOK_SEARCH_INDEX = {
      "version": 1,
      "docs": [[id, title, "Place, Country"], ...],   // a document's number is its position
      "terms": "term term ...",        // every index term (Porter2 stem), sorted, one space apart
      "postings": "p p ...",           // one entry per term, same order, one space apart
      "words": "word word ...",        // folded, spelled words as they occur, sorted (prefixes)
      "language": {...}                // language.yml's rules for queries (normalise.py)
    }

A posting lists the documents that contain the term, ascending, comma-separated; each entry
is base 36 of `gap * 4 + tier`, where gap is the document number minus the previous one
(the first counts from -1) and tier is where the term occurs at best: 3 title or place,
2 summary, leaders and labels, 1 narrative, quotes and sources. Per-case text for excerpts
is in search/text/<id>.js (documents.Document.sections), loaded only for shown results.
"""

from __future__ import annotations

import bisect

from ..export import script_json
from .documents import Document
from .normalise import Language, language, words

VERSION = 1
GLOBAL = "CASEBOOK_SEARCH_INDEX"
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def base36(number: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = _DIGITS[rest] + digits
        if not number:
            return digits


def _best_tiers(doc: Document, lang: Language, vocabulary: set[str]) -> dict[str, int]:
    """term -> the highest tier it occurs in; adds the document's words to `vocabulary`."""
    best: dict[str, int] = {}
    for tier, texts in doc.tiers.items():
        for text in texts:
            for word in words(text):
                if word in lang.stopwords:
                    continue
                spelled = lang.spell(word)
                vocabulary.add(spelled)
                term = lang.term(word)
                if best.get(term, 0) < tier:
                    best[term] = tier
    return best


def encode_posting(entries: list[tuple[int, int]]) -> str:
    """[(document number, tier), ...] ascending -> 'gap*4+tier' in base 36, comma-separated."""
    previous, parts = -1, []
    for number, tier in entries:
        parts.append(base36((number - previous) * 4 + tier))
        previous = number
    return ",".join(parts)


def build(docs: list[Document]) -> dict:
    lang = language()
    postings: dict[str, list[tuple[int, int]]] = {}
    vocabulary: set[str] = set()
    for number, doc in enumerate(docs):
        for term, tier in _best_tiers(doc, lang, vocabulary).items():
            postings.setdefault(term, []).append((number, tier))
    terms = sorted(postings)
    return {"version": VERSION,
            "docs": [[doc.id, doc.title, doc.place] for doc in docs],
            "terms": " ".join(terms),
            "postings": " ".join(encode_posting(postings[t]) for t in terms),
            "words": " ".join(sorted(vocabulary)),
            "language": lang.to_browser()}


def script(index: dict) -> str:
    return f"window.{GLOBAL} = {script_json(index)};\n"


def lookup(index: dict, term: str) -> list[tuple[str, int]]:
    """(case id, tier) for one index term: the decoder the tests use to read an index."""
    terms = index["terms"].split(" ")
    position = bisect.bisect_left(terms, term)
    if position == len(terms) or terms[position] != term:
        return []
    found, number = [], -1
    for entry in index["postings"].split(" ")[position].split(","):
        value = int(entry, 36)
        number += value // 4
        found.append((index["docs"][number][0], value % 4))
    return found
