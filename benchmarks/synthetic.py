"""Synthetic, valid case studies for benchmarks (never for the published site).

`varied=True` writes narratives from a vocabulary of 30,000 made-up words drawn with a
Zipf-like law (a few words common, most rare), as real text is: what a full-text index has
to carry. Without it, every text repeats the 26 WORDS (the older benchmarks' set-up).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import random
import shutil
from functools import cache
from pathlib import Path

import yaml

from casebook.vocabulary import load_vocabularies

REPO = Path(__file__).resolve().parents[1]
WORDS = (
    "city",
    "council",
    "police",
    "youth",
    "school",
    "dialogue",
    "trust",
    "plan",
    "district",
    "community",
    "residents",
    "services",
    "prevention",
    "hate",
    "extremism",
    "cohesion",
    "mayor",
    "network",
    "grant",
    "workshop",
    "report",
    "partners",
    "training",
    "safety",
    "inclusion",
    "evaluation",
)
COUNTRIES = ("NO", "KE", "IN", "UG", "GB", "ZA", "US", "IQ", "DK", "BE", "FR", "MK", "LB", "HU")


VOCABULARY_SIZE = 30_000
_ONSETS = (
    "b",
    "c",
    "d",
    "f",
    "g",
    "h",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "z",
    "br",
    "ch",
    "dr",
    "gr",
    "pl",
    "st",
    "tr",
    "sh",
)
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "ou")
_CODAS = ("", "", "n", "r", "s", "l", "m", "nd", "rt", "st")


@cache
def varied_vocabulary() -> tuple[tuple[str, ...], list[float]]:
    """30,000 distinct pronounceable made-up words (plus WORDS) and cumulative Zipf weights
    (exponent 0.9: most of them occur somewhere in 2,000 cases)."""
    rng = random.Random(20261130)
    syllables = [o + v + c for o, v, c in itertools.product(_ONSETS, _VOWELS, _CODAS)]
    found = dict.fromkeys(WORDS)
    while len(found) < VOCABULARY_SIZE + len(WORDS):
        found["".join(rng.choice(syllables) for _ in range(rng.choice((2, 2, 3, 3, 4))))] = None
    words = tuple(found)
    cumulative = list(itertools.accumulate(1 / (rank + 1) ** 0.9 for rank in range(len(words))))
    return words, cumulative


def _varied_text(rng: random.Random, count: int) -> str:
    words, cumulative = varied_vocabulary()
    total = cumulative[-1]
    picked = (words[bisect.bisect_left(cumulative, rng.random() * total)] for _ in range(count))
    return " ".join(picked).capitalize() + "."


def _text(rng: random.Random, words: int, varied: bool = False) -> str:
    if varied:
        return _varied_text(rng, words)
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def synthetic_case(index: int, vocabularies, *, varied: bool = False) -> dict:
    rng = random.Random(index)
    text = functools.partial(_text, varied=varied)
    pick = lambda name, k=1: rng.sample(sorted(vocabularies[name].terms), k)  # noqa: E731
    evidence = pick("evidence_levels")[0]
    return {
        "id": f"synthetic-{index:05d}",
        "title": f"Synthetic case {index}: {text(rng, 5)}",
        "kind": "case",
        "summary": text(rng, 60),
        "place": {
            "name": f"Town {index}",
            "country": rng.choice(COUNTRIES),
            "region": pick("regions")[0],
            "coordinates": {
                "lat": round(rng.uniform(-50, 60), 2),
                "lon": round(rng.uniform(-120, 150), 2),
            },
            "population": {"count": rng.randint(5_000, 5_000_000), "year": 2020, "source": 1},
        },
        "level_of_government": pick("levels_of_government")[0],
        "leaders": [{"name": f"Leader {index}", "role": "Mayor"}],
        "years": {"start": rng.randint(2000, 2024), "ongoing": True},
        "phases": pick("phases", 2),
        "themes": pick("themes", 2),
        "approach": "integrated",
        "stakeholders": pick("stakeholders", 3),
        "mandate": "existing-responsibilities",
        "evidence": evidence,
        "narrative": {
            "context": text(rng, 80) + " [1]",
            "actions": text(rng, 120) + " [2]",
            "outcomes": text(rng, 40) + " [2]",
            "lessons": text(rng, 40),
        },
        "sources": [
            {
                "title": f"Synthetic source {n}",
                "publisher": "Benchmark",
                "url": f"https://example.org/{index}/{n}",
                "accessed": "2026-11-29",
            }
            for n in (1, 2)
        ],
        "last_reviewed": "2026-11-29",
        **({"evaluation": _evaluation(rng)} if evidence in EVALUATED else {}),
    }


EVALUATED = ("evaluated", "independently-evaluated")  # these need an evaluation (schema v2)


def _evaluation(rng: random.Random) -> dict:
    return {
        "by": "Synthetic evaluators",
        "year": 2024,
        "method": _text(rng, 20),
        "findings": _text(rng, 40) + " [2]",
        "source": 2,
        "independent_of_programme": True,
        "independent_of_publisher": True,
    }


def write_cases(folder: Path, count: int, *, varied: bool = False) -> list[dict]:
    vocabularies = load_vocabularies(REPO / "schema" / "vocabularies")
    folder.mkdir(parents=True, exist_ok=True)
    cases = [synthetic_case(i, vocabularies, varied=varied) for i in range(count)]
    for case in cases:
        (folder / f"{case['id']}.yml").write_text(
            yaml.safe_dump(case, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
    return cases


def project_shell(root: Path, *, editions: bool = False, language: str | None = None) -> None:
    """A benchmark project around case_studies/ (which the caller fills): the real schema,
    hooks, theme overrides, assets and contribution pages, a one-line home page and the real
    mkdocs.yml without its nav (it names guide pages). English only unless `editions`
    (then the edition configs come along); `language` builds that one edition instead."""
    for folder in ("schema", "hooks", "overrides"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copytree(REPO / "content" / "assets", root / "content" / "assets")
    shutil.copytree(REPO / "content" / "contribute", root / "content" / "contribute")
    (root / "content" / "index.md").write_text("# Benchmark\n\n[[newest:5]]\n")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text())
    config.pop("nav", None)
    casebook = config.setdefault("extra", {}).setdefault("casebook", {})
    if editions:
        for path in REPO.glob("mkdocs.*.yml"):
            shutil.copy(path, root / path.name)
    else:
        casebook.pop("editions", None)
    if language:
        config["theme"]["language"] = casebook["language"] = language
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
