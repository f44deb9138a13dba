"""Words -> index terms: case and accent folding, British -> American spelling, Porter2 stems.

The browser runs the same steps on what a reader types (casebook-search.js, with the
vendored wink-porter2-stemmer); the rules themselves (stopwords, spellings, synonyms) live
once, in language.yml, and travel to the browser inside the index.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

import snowballstemmer
import yaml

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
    """The folded words of a text, in order."""
    return _WORD.findall(fold(text))


@dataclass(frozen=True)
class Language:
    """The reviewed data of language.yml and the steps built on it."""

    stopwords: frozenset[str]
    starts: dict[str, str]
    exact: dict[str, str]
    ise_endings: tuple[str, ...]
    ise_exceptions: frozenset[str]
    synonyms: tuple[tuple[str, ...], ...]

    @classmethod
    def load(cls) -> Language:
        text = resources.files(__package__).joinpath("language.yml").read_text("utf-8")
        data = yaml.safe_load(text)
        spellings = data["spellings"]
        return cls(
            frozenset(data["stopwords"]),
            dict(spellings["starts"]),
            dict(spellings["words"]),
            tuple(spellings["ise_endings"]),
            frozenset(spellings["ise_exceptions"]),
            tuple(tuple(group) for group in data["synonyms"]),
        )

    @cached_property
    def _ise(self) -> re.Pattern:
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
        match = self._ise.match(word)
        if match and match.group(1) not in self.ise_exceptions:
            return f"{match.group(1)}{match.group(2)}z{match.group(3)}"
        return word

    def term(self, word: str) -> str:
        """The index term of one folded word: spelled, then stemmed. Words with a digit
        (years, numbers) stay whole: the browser's stemmer mistakes a final 3 for a y."""
        return word if _DIGIT.search(word) else stem(self.spell(word))

    def terms(self, text: str) -> list[str]:
        """Index terms of a text in order, stopwords left out."""
        return [self.term(w) for w in words(text) if w not in self.stopwords]

    def to_browser(self) -> dict:
        """The rules the browser applies to queries (see casebook-search.js)."""
        return {
            "stopwords": sorted(self.stopwords),
            "starts": self.starts,
            "exact": self.exact,
            "iseEndings": sorted(self.ise_endings, key=len, reverse=True),
            "iseExceptions": sorted(self.ise_exceptions),
            "synonyms": [[self.terms(member) for member in group] for group in self.synonyms],
        }


@cache
def language() -> Language:
    return Language.load()


_STEMMER = snowballstemmer.stemmer("english")


@cache
def stem(word: str) -> str:
    """Porter2 stem (snowballstemmer 2.x, as the browser's wink-porter2-stemmer)."""
    return _STEMMER.stemWord(word)
