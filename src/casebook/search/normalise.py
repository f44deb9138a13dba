"""Words -> index terms, per edition language: folding, spelling (English), Snowball stems.

The browser runs the same steps on what a reader types (casebook-search.js, with the
edition's vendored stemmer); the rules themselves (stopwords, letters, spellings, synonyms)
live once, in language.yml (English) and language-<code>.yml, and travel to the browser
inside the index.

English (unchanged since issue #11): fold the text (case, accents), then spell British ->
American, then Porter2-stem: one term per word.

French, Spanish, Arabic: their Snowball stemmers read accents and letter forms (French
'-ité', Spanish '-ación', Arabic ة), so folding first would lose suffixes; but readers type
without accents or diacritics. So every word gets up to two terms: the stem of the word as
written, folded ("activités" -> "activ"), and the stem of the folded word ("activites" ->
"activit"). A query word looks up both of its own: the same word typed with or without
accents always meets itself (their folded forms, hence their second terms, are equal), and
inflected forms meet wherever the stemmer joins them either way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Any

import snowballstemmer
import yaml

from ..i18n.languages import ORIGINAL

# A word: letters and digits of any script (after folding). The browser uses the same class.
_WORD = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"[0-9]")


def fold(text: str) -> str:
    """Lower case without accents: 'Budavár' -> 'budavar'. Exactly what the browser does:
    NFKD, drop nonspacing marks (Mn), lower()."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return bare.lower()


def words(text: str) -> list[str]:
    """The folded words of a text, in order (English: language().words for the others)."""
    return _WORD.findall(fold(text))


def written(text: str) -> str:
    """Text as the non-English stemmers read it: lower case, composed (NFC: 'é' one letter),
    without the marks that stay apart (Arabic harakat, stray combining accents). Browser:
    toLowerCase, normalize('NFC'), drop \\p{Mn}."""
    composed = unicodedata.normalize("NFC", text.lower())
    return "".join(ch for ch in composed if unicodedata.category(ch) != "Mn")


def _text(value: object, source: str) -> str:
    """A word of a language file; YAML 1.1 reads unquoted on, y, n as booleans."""
    if not isinstance(value, str):
        raise TypeError(f"{source}: {value!r} is not text: quote it")
    return value


@dataclass(frozen=True)
class Language:
    """The reviewed data of one language file and the steps built on it."""

    code: str
    stemmer: str  # Snowball algorithm name (snowballstemmer; the browser's vendored port)
    stopwords: frozenset[str]  # folded
    starts: dict[str, str]
    exact: dict[str, str]
    ise_endings: tuple[str, ...]
    ise_exceptions: frozenset[str]
    synonyms: tuple[tuple[str, ...], ...]
    letters: dict[str, str] = field(default_factory=dict)  # folded letter -> replacement

    @classmethod
    def load(cls, code: str = ORIGINAL) -> Language:
        name = "language.yml" if code == ORIGINAL else f"language-{code}.yml"
        text = resources.files(__package__).joinpath(name).read_text("utf-8")
        data = yaml.safe_load(text)
        spellings = data.get("spellings") or {}
        letters = {str(k): str(v) for k, v in (data.get("letters") or {}).items()}
        table = {ord(k): v for k, v in letters.items()}  # keys: single letters
        fold_here = (lambda w: fold(w).translate(table)) if letters else fold
        return cls(
            code,
            data.get("stemmer", "english"),
            frozenset(fold_here(_text(w, name)) for w in data["stopwords"]),
            dict(spellings.get("starts") or {}),
            dict(spellings.get("words") or {}),
            tuple(spellings.get("ise_endings") or ()),
            frozenset(spellings.get("ise_exceptions") or ()),
            tuple(tuple(group) for group in data.get("synonyms") or ()),
            letters,
        )

    @property
    def two_terms(self) -> bool:
        """Whether words are stemmed as written too (every language but English)."""
        return self.code != ORIGINAL

    @cached_property
    def _letters(self) -> dict[int, str]:
        return {ord(k): v for k, v in self.letters.items()}

    def fold(self, text: str) -> str:
        """fold(), then this language's letter rules (Arabic: alef wasla, alef maqsura, ta
        marbuta, tatweel, Arabic-Indic digits; French: œ, æ)."""
        folded = fold(text)
        return folded.translate(self._letters) if self.letters else folded

    def words(self, text: str) -> list[str]:
        """The folded words of a text, in order."""
        if not self.two_terms:
            return words(text)
        return [self.fold(w) for w in _WORD.findall(written(text))]

    @cached_property
    def _ise(self) -> re.Pattern[str]:
        # Longest endings first, so "isation" is not read as "is" + "a…".
        endings = "|".join(sorted(self.ise_endings, key=len, reverse=True))
        return re.compile(rf"^(.{{3,}}?)([iy])s({endings})$")

    def spell(self, word: str) -> str:
        """British -> American spelling of one folded word (other words unchanged)."""
        if word in self.exact:
            return self.exact[word]
        for british in sorted(self.starts):  # sorted: the browser's order too
            if word.startswith(british):
                return self.starts[british] + word[len(british) :]
        if not self.ise_endings:
            return word
        match = self._ise.match(word)
        if match and match.group(1) not in self.ise_exceptions:
            return f"{match.group(1)}{match.group(2)}z{match.group(3)}"
        return word

    def stem(self, word: str) -> str:
        return _stem(self.stemmer, word)

    def keys(self, word: str) -> tuple[str, ...]:
        """The index terms of one word: English, a folded word -> (its term,); the other
        languages, a word as written (written()) -> (fold(stem(word)), stem(fold(word))),
        one if both are equal. Words with a digit (years, numbers) stay whole: the English
        browser stemmer mistakes a final 3 for a y."""
        if not self.two_terms:
            return (word if _DIGIT.search(word) else _stem(self.stemmer, self.spell(word)),)
        folded = self.fold(word)
        if _DIGIT.search(folded):
            return (folded,)
        first, second = self.fold(self.stem(word)), self.stem(folded)
        return (first,) if first == second else (first, second)

    def term(self, word: str) -> str:
        """The first index term of one word (see keys)."""
        return self.keys(word)[0]

    def entries(self, text: str) -> Iterator[tuple[str, tuple[str, ...]]]:
        """(folded, spelled word; its index terms) for each word of a text, stopwords left
        out."""
        if not self.two_terms:
            for word in words(text):
                if word not in self.stopwords:
                    yield self.spell(word), self.keys(word)
            return
        for word in _WORD.findall(written(text)):
            folded = self.fold(word)
            if folded not in self.stopwords:
                yield folded, self.keys(word)

    def terms(self, text: str) -> list[str]:
        """First index terms of a text in order, stopwords left out."""
        return [keys[0] for _, keys in self.entries(text)]

    def all_terms(self, text: str) -> list[list[str]]:
        """Every index term of each word of a text (the browser's CasebookSearch.keys)."""
        return [list(keys) for _, keys in self.entries(text)]

    def to_browser(self) -> dict[str, Any]:
        """The rules the browser applies to queries (see casebook-search.js)."""
        return {
            "code": self.code,
            "stopwords": sorted(self.stopwords),
            "letters": self.letters,
            "starts": self.starts,
            "exact": self.exact,
            "iseEndings": sorted(self.ise_endings, key=len, reverse=True),
            "iseExceptions": sorted(self.ise_exceptions),
            "synonyms": [[self.terms(member) for member in group] for group in self.synonyms],
        }


@cache
def language(code: str = ORIGINAL) -> Language:
    return Language.load(code)


@cache
def _stemmer(algorithm: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(algorithm)


@cache
def _stem(algorithm: str, word: str) -> str:
    return str(_stemmer(algorithm).stemWord(word))


def stem(word: str) -> str:
    """Porter2 stem (snowballstemmer 2.x, as the browser's wink-porter2-stemmer)."""
    return _stem("english", word)
