"""The full-text index: built here at build time, read by casebook-search.js in the browser.

Classic scripts (file:// pages cannot fetch()), sharded by first letter so that a query loads
only what its words need. search/casebook-index.js holds the documents and the rules:

    window.CASEBOOK_SEARCH_INDEX = {
      "version": 2,
      "docs": [[id, title, "Place, Country"], ...,    // a document's number is its position
               [id, title, "Section", url, boost], ...],  // pages: their URL and score factor
      "shards": ["a", "b", ...],       // the shard files that exist
      "language": {"code": "en", ...}  // the edition's language and its rules for queries
    }                                  // (language*.yml, normalise.Language.to_browser)

search/casebook-index-<key>.js holds every term and word whose first character is <key>
(a-z, "0" for a digit, "u0628" for an Arabic letter, "_" for anything else; shard_key()):

    CasebookSearch.receiveShard("<key>", {
      "terms": "term term ...",        // index terms (Snowball stems), sorted, one space apart
      "postings": "p p ...",           // one entry per term, same order, one space apart
      "words": "word word ..."         // folded, spelled words as they occur, sorted (prefixes)
    });

A posting lists the documents that contain the term, ascending, comma-separated; each entry
is base 36 of `gap * 4 + tier`, where gap is the document number minus the previous one
(the first counts from -1) and tier is where the term occurs at best: 3 title or place,
2 summary, leaders and labels, 1 narrative, quotes and sources. Per-case text for excerpts
is in search/text/<id>.js (documents.Document.sections), loaded only for shown results.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any

from ..export import script_json
from .documents import Document
from .normalise import Language, language

VERSION = 3  # 3: the language (code, letters) in the index; shard keys of other scripts
TiersOf = Callable[[Document], tuple[dict[str, int], set[str]]]
GLOBAL = "CASEBOOK_SEARCH_INDEX"
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def base36(number: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = _DIGITS[rest] + digits
        if not number:
            return digits


def best_tiers(doc: Document, lang: Language) -> tuple[dict[str, int], set[str]]:
    """(term -> the highest tier it occurs in, the document's spelled words)."""
    best: dict[str, int] = {}
    vocabulary: set[str] = set()
    for tier, texts in doc.tiers.items():
        for text in texts:
            for word, terms in lang.entries(text):
                vocabulary.add(word)
                for term in terms:
                    if best.get(term, 0) < tier:
                        best[term] = tier
    return best, vocabulary


def encode_posting(entries: list[tuple[int, int]]) -> str:
    """[(document number, tier), ...] ascending -> 'gap*4+tier' in base 36, comma-separated."""
    previous, parts = -1, []
    for number, tier in entries:
        parts.append(base36((number - previous) * 4 + tier))
        previous = number
    return ",".join(parts)


def shard_key(text: str) -> str:
    """The shard of a term or word: its first letter a-z, "0" for digits, "u" and the code
    point in hex for an Arabic letter ("u0628" for ب: the Arabic edition's terms spread
    over shards as the Latin ones do), "_" otherwise."""
    first = text[:1]
    if "a" <= first <= "z":
        return first
    if "0" <= first <= "9":
        return "0"
    return f"u{ord(first):04x}" if "\u0600" <= first <= "\u06ff" else "_"


def _entry(doc: Document) -> list[object]:
    if doc.url is None:
        return [doc.id, doc.title, doc.place]
    return [doc.id, doc.title, doc.place, doc.url, doc.boost]


def build(
    docs: list[Document], lang: Language | None = None, tiers: TiersOf | None = None
) -> tuple[dict[str, Any], dict[str, dict[str, str]]]:
    """(main index, {shard key: shard}) in the format above, in one edition's language
    (English when none is given). `tiers` stands in for best_tiers (`mkdocs serve` reuses
    each unchanged document's: search/memo.py)."""
    language_ = lang or language()
    tiers_of = tiers or (lambda doc: best_tiers(doc, language_))
    postings: dict[str, list[tuple[int, int]]] = {}
    vocabulary: set[str] = set()
    for number, doc in enumerate(docs):
        best, spelled = tiers_of(doc)
        vocabulary |= spelled
        for term, tier in best.items():
            postings.setdefault(term, []).append((number, tier))
    shards: dict[str, dict[str, list[str]]] = {}
    for term in sorted(postings):
        shard = shards.setdefault(shard_key(term), {"terms": [], "postings": [], "words": []})
        shard["terms"].append(term)
        shard["postings"].append(encode_posting(postings[term]))
    for word in sorted(vocabulary):
        shards.setdefault(shard_key(word), {"terms": [], "postings": [], "words": []})
        shards[shard_key(word)]["words"].append(word)
    main = {
        "version": VERSION,
        "docs": [_entry(doc) for doc in docs],
        "shards": sorted(shards),
        "language": language_.to_browser(),
    }
    return main, {
        key: {name: " ".join(values) for name, values in shard.items()}
        for key, shard in shards.items()
    }


def script(index: dict[str, Any]) -> str:
    return f"window.{GLOBAL} = {script_json(index)};\n"


def shard_script(key: str, shard: dict[str, str]) -> str:
    return f"CasebookSearch.receiveShard({script_json(key)}, {script_json(shard)});\n"


def lookup(
    index: dict[str, Any], shards: dict[str, dict[str, str]], term: str
) -> list[tuple[str, int]]:
    """(case id, tier) for one index term: the decoder the tests use to read an index."""
    shard = shards.get(shard_key(term), {"terms": ""})
    terms = shard["terms"].split(" ")
    position = bisect.bisect_left(terms, term)
    if position == len(terms) or terms[position] != term:
        return []
    found, number = [], -1
    for entry in shard["postings"].split(" ")[position].split(","):
        value = int(entry, 36)
        number += value // 4
        found.append((index["docs"][number][0], value % 4))
    return found
