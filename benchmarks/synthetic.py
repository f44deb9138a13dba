"""Synthetic, valid case studies for benchmarks (never for the published site)."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from casebook.vocabulary import load_vocabularies

REPO = Path(__file__).resolve().parents[1]
WORDS = ("city", "council", "police", "youth", "school", "dialogue", "trust", "plan",
         "district", "community", "residents", "services", "prevention", "hate", "extremism",
         "cohesion", "mayor", "network", "grant", "workshop", "report", "partners", "training",
         "safety", "inclusion", "evaluation")
COUNTRIES = ("NO", "KE", "IN", "UG", "GB", "ZA", "US", "IQ", "DK", "BE", "FR", "MK", "LB", "HU")


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def synthetic_case(index: int, vocabularies) -> dict:
    rng = random.Random(index)
    pick = lambda name, k=1: rng.sample(sorted(vocabularies[name].terms), k)  # noqa: E731
    evidence = pick("evidence_levels")[0]
    return {
        "id": f"synthetic-{index:05d}",
        "title": f"Synthetic case {index}: {_text(rng, 5)}",
        "kind": "case",
        "summary": _text(rng, 60),
        "place": {"name": f"Town {index}", "country": rng.choice(COUNTRIES),
                  "region": pick("regions")[0],
                  "coordinates": {"lat": round(rng.uniform(-50, 60), 2),
                                  "lon": round(rng.uniform(-120, 150), 2)},
                  "population": {"count": rng.randint(5_000, 5_000_000),
                                 "year": 2020, "source": 1}},
        "level_of_government": pick("levels_of_government")[0],
        "leaders": [{"name": f"Leader {index}", "role": "Mayor"}],
        "years": {"start": rng.randint(2000, 2024), "ongoing": True},
        "phases": pick("phases", 2), "themes": pick("themes", 2), "approach": "integrated",
        "stakeholders": pick("stakeholders", 3), "mandate": "existing-responsibilities",
        "evidence": evidence,
        "narrative": {"context": _text(rng, 80) + " [1]", "actions": _text(rng, 120) + " [2]",
                      "outcomes": _text(rng, 40) + " [2]", "lessons": _text(rng, 40)},
        "sources": [{"title": f"Synthetic source {n}", "publisher": "Benchmark",
                     "url": f"https://example.org/{index}/{n}", "accessed": "2026-11-29"}
                    for n in (1, 2)],
        "last_reviewed": "2026-11-29",
        **({"evaluation": _evaluation(rng)} if evidence in EVALUATED else {}),
    }


EVALUATED = ("evaluated", "independently-evaluated")  # these need an evaluation (schema v2)


def _evaluation(rng: random.Random) -> dict:
    return {"by": "Synthetic evaluators", "year": 2024, "method": _text(rng, 20),
            "findings": _text(rng, 40) + " [2]", "source": 2,
            "independent_of_programme": True, "independent_of_publisher": True}


def write_cases(folder: Path, count: int) -> list[dict]:
    vocabularies = load_vocabularies(REPO / "schema" / "vocabularies")
    folder.mkdir(parents=True, exist_ok=True)
    cases = [synthetic_case(i, vocabularies) for i in range(count)]
    for case in cases:
        (folder / f"{case['id']}.yml").write_text(
            yaml.safe_dump(case, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return cases
