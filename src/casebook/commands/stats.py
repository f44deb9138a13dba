"""`casebook stats [--check]`: how the collection measures up against issue 12's targets.

Counts come from the validated records; a file with problems is left out of every count (and
named as such), so the numbers never include a record the site would refuse to build.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from casebook.commands import Subparsers
from casebook.model import Catalog
from casebook.project import Project

# Issue 12's targets: at least this many of each.
MIN_RECORDS, MIN_CASES, MIN_RESPONSE_RECOVERY, MIN_COMMUNICATION = 40, 30, 8, 3
RESPONSE_RECOVERY = ("response", "recovery")  # phases: after an attack
COMMUNICATION = ("online-hate", "strategic-communication")  # themes
CITY_LEVELS = ("municipality", "city-district", "metropolitan-region")  # places with a population


@dataclass
class Stats:
    records: int
    cases: int
    mentions: int
    withdrawn: int
    by_region: dict[str, int]  # region label -> cases, in vocabulary order, zeros included
    response_recovery: int
    communication: int
    with_population: int
    without_population: list[str] = field(default_factory=list)  # ids of city-level cases
    invalid_files: int = 0

    @property
    def empty_regions(self) -> list[str]:
        return [label for label, count in self.by_region.items() if count == 0]


def collect(catalog: Catalog, invalid_files: int = 0) -> Stats:
    """The numbers, from a catalog. Withdrawn records (catalog.withdrawn) leave every count
    but their own."""
    live = catalog.cases
    cases = [case for case in live if not case.is_mention]
    regions = catalog.vocabulary("regions")
    city = [case for case in cases if case.level in CITY_LEVELS]
    return Stats(
        records=len(live),
        cases=len(cases),
        mentions=len(live) - len(cases),
        withdrawn=len(catalog.withdrawn),
        by_region={term.label: sum(case.region == term.key for case in cases) for term in regions},
        response_recovery=sum(_any(case.phases, RESPONSE_RECOVERY) for case in cases),
        communication=sum(_any(case.themes, COMMUNICATION) for case in cases),
        with_population=sum(case.population is not None for case in city),
        without_population=[case.id for case in city if case.population is None],
        invalid_files=invalid_files,
    )


def _any(values: list[str], wanted: tuple[str, ...]) -> bool:
    return any(value in wanted for value in values)


def targets(stats: Stats) -> list[tuple[str, bool]]:
    """(what the target is, whether it is met) for each target of issue 12."""
    return [
        (f"at least {MIN_RECORDS} records", stats.records >= MIN_RECORDS),
        (f"at least {MIN_CASES} cases", stats.cases >= MIN_CASES),
        ("every region has a case", not stats.empty_regions),
        (
            f"at least {MIN_RESPONSE_RECOVERY} cases in response or recovery",
            stats.response_recovery >= MIN_RESPONSE_RECOVERY,
        ),
        (
            f"at least {MIN_COMMUNICATION} cases on online hate or strategic communication",
            stats.communication >= MIN_COMMUNICATION,
        ),
        ("no file with problems", stats.invalid_files == 0),
    ]


def report(stats: Stats) -> list[str]:
    lines = [f"records: {stats.records} ({stats.cases} cases, {stats.mentions} mentions)"]
    if stats.withdrawn:
        lines.append(f"withdrawn (not counted): {stats.withdrawn}")
    if stats.invalid_files:
        lines.append(
            f"files with problems (not counted; run casebook validate): {stats.invalid_files}"
        )
    lines.append("cases per region:")
    lines += [f"  {label}: {count}" for label, count in stats.by_region.items()]
    lines.append(f"regions with no case: {', '.join(stats.empty_regions) or 'none'}")
    lines.append(f"cases in response or recovery: {stats.response_recovery}")
    lines.append(f"cases on online hate or strategic communication: {stats.communication}")
    missing = stats.without_population
    lines.append(
        f"city-level cases with a population: {stats.with_population}, without: "
        f"{len(missing)}" + (f" ({', '.join(missing)})" if missing else "")
    )
    lines.append("targets of issue 12:")
    lines += [f"  [{'met' if met else 'NOT MET'}] {what}" for what, met in targets(stats)]
    return lines


def add_command(subparsers: Subparsers) -> None:
    command = subparsers.add_parser(
        "stats",
        help="count records, cases and mentions against the collection's targets",
        description="Count records, cases and mentions: per region, in response or recovery, "
        "on online hate or strategic communication, and city-level cases with a "
        "population. With --check, exit 1 when a target of issue 12 is not met.",
    )
    command.add_argument(
        "--check", action="store_true", help="exit 1 when a target is not met (for CI)"
    )
    command.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    project = Project(Path(args.root))
    result = project.validate()
    broken = {problem.file for problem in result.problems}
    documents = [doc for doc in result.documents if doc.file not in broken]
    catalog = Catalog.build(documents, project.schema.vocabularies)
    stats = collect(catalog, invalid_files=len(broken))
    print("\n".join(report(stats)))
    if args.check and not all(met for _, met in targets(stats)):
        print("casebook stats: a target is not met", file=sys.stderr)
        return 1
    return 0


__all__ = ["Stats", "collect", "report", "targets"]
