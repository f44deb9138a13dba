"""Cross-field rules of schema version 2: what JSON Schema cannot say about one record.

Each rule reads one loaded document and returns problems in the house form (`file:line:col:
$.path: what is wrong; how to fix`). Rules read the data defensively: a record that already
failed the schema (a list where a mapping belongs, a placeholder left in) must never make a
rule crash, and a value the schema already complained about is not reported twice.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Any

from .loader import Document
from .messages import PLACEHOLDER
from .problems import Path, Problem

Record = dict[str, Any]  # a case record as loaded from YAML

# A citation marker is "[3]" in running text, alone or in a run such as "[1][2]", and may end
# a line before a list ("... represents [1]:"). "[3](url)", "[text][3]" and a line that starts
# "[3]: url" are Markdown links, not citations.
_BRACKETS = re.compile(r"\[([^\[\]\n]*)\](?!\()")
_DEFINITION = re.compile(r"(?:^|\n) {0,3}$")  # what precedes a link definition's label
# Fields whose text may carry citation markers (path inside the record).
CITED_FIELDS = (("evaluation", "findings"), ("resources", "description"))
NARRATIVE = "narrative"
# Where a record points at a source by number, besides markers in text.
SOURCE_NUMBERS = (("place", "population", "source"), ("evaluation", "source"))
EVALUATED = ("evaluated", "independently-evaluated")
MENTION_CEILING = "documented"  # the strongest evidence a mention may claim

# What the rules check, in the words the schema reference page prints, each with the name of
# its example in tests/examples/invalid/ (a test keeps the two lists in step).
RULES = (
    (
        "case-one-source",
        "A case (kind: case) needs at least two sources; a practice that one "
        "source only names or quotes is a mention.",
    ),
    (
        "case-no-outcomes",
        "A case needs narrative.context, narrative.actions and "
        "narrative.outcomes, none of them blank.",
    ),
    (
        "evaluation-missing",
        "evidence: evaluated or independently-evaluated needs an evaluation block.",
    ),
    (
        "independent-but-not",
        "evidence: independently-evaluated needs an evaluator independent of "
        "the programme (evaluation.independent_of_programme: true).",
    ),
    (
        "independence-note-missing",
        "When either independence flag of the evaluation is false, "
        "evaluation.independence_note says how.",
    ),
    (
        "citation-unknown-source",
        "Every citation marker such as [2] in the narrative, "
        "evaluation.findings and resources.description names an "
        "existing source.",
    ),
    (
        "source-never-cited",
        "Every source is cited at least once: by a marker, a quotation, the "
        "population or the evaluation.",
    ),
    (
        "source-number-missing",
        "place.population.source, evaluation.source and quotes[].source name an existing source.",
    ),
    ("years-end-before-start", "years.end is not before years.start."),
    ("ongoing-but-ended", "A practice with an end year before this year is not ongoing."),
    ("mention-overclaims", "A mention claims no evidence above documented."),
    (
        "owner-contact",
        "owner.name and owner.url hold no email address or phone number: give the "
        "office's public web page instead.",
    ),
    (
        "summary-marker",
        "The summary is plain text without citation markers (it is shown in lists "
        "and cards, where a marker cannot link to its source).",
    ),
    (
        "source-title-machinery",
        "A source's title and locator do not say what was not recorded "
        '("exact title not recorded"): readers see them.',
    ),
)
# Editing notes that have crept into source titles; readers see titles on every case page.
_MACHINERY = ("not recorded", "not shown", "not specified", "exact title", "exact page title")

# Every message the rules print, as str.format templates: Python phrases them here and the
# propose form (casebook-propose-rules.js) phrases them from the same text, embedded in the
# page by casebook.pages.propose through form_rules(). "{x!r}" quotes a value as repr() does.
MESSAGES = {
    "one-source": "a case study needs at least 2 sources, this one lists 1; add another "
    "source, or set kind: mention if a source only names or quotes the practice",
    "no-outcomes": "a case study needs narrative.outcomes; say what came of it as the sources "
    "report, or that they report nothing, or set kind: mention",
    "blank-section": "{key} is blank; a case study needs it written, or set kind: mention",
    "evaluation-missing": "evidence {evidence!r} needs an evaluation block (by, year, method, "
    "findings, source, independence); add 'evaluation:', or choose "
    "monitored or documented",
    "independent-but-not": "evidence 'independently-evaluated' but "
    "evaluation.independent_of_programme is false; use evaluated, or "
    "correct the flag if the evaluator had no part in the programme",
    "independence-note": "{flag} is false, so readers need to know how; add "
    "'independence_note:' saying how the evaluator is linked to the "
    "programme or the publisher",
    "range": "this case study lists {count} source(s); use a number from 1 to {count}",
    "marker-unknown": "citation [{number}] points at no source: {range}, or add the source",
    "source-unknown": "source {number} does not exist: {range}",
    "never-cited": "source {number} is never cited; cite it with [{number}] after the sentence "
    "it supports, or remove it",
    "end-before-start": "end year {end} is before the start year {start}; correct one of them",
    "ongoing-ended": "ongoing is true but the practice ended in {end}; set ongoing: false, or "
    "remove end if the sources say it still runs",
    "mention-overclaims": "a mention cannot claim evidence {evidence!r}; use {allowed}, or make "
    "it kind: case with the sources that show more",
    "email": "looks like an email address",
    "phone": "looks like a phone number",
    "owner-contact": "{found}; this is a public site, so give the office's web page instead",
    "summary-marker": "citation [{number}] in the summary; the summary is plain text shown in "
    "lists, so put the marker in the narrative section that says the same",
    "machinery": "{phrase!r} is an editing note that readers would see; write a short neutral "
    "label of the page instead, such as 'City council news item on the plan'",
}

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+?\(?[0-9][0-9\s().\-/]{5,}[0-9]")
_YEAR_RANGE = re.compile(r"(?:19|20)[0-9]{2}\s*[-–/]\s*(?:19|20)[0-9]{2}")


def form_rules(evidence_order: list[str]) -> dict[str, Any]:
    """The rules' wording and constants for the propose form, which checks the same rules in
    the browser (casebook-propose-rules.js; tests/test_propose_messages.py compares)."""
    return {
        "messages": MESSAGES,
        "evidenceOrder": evidence_order,
        "mentionCeiling": MENTION_CEILING,
        "evaluated": list(EVALUATED),
        "citedFields": [list(p) for p in CITED_FIELDS],
        "sourceNumbers": [list(p) for p in SOURCE_NUMBERS],
        "machinery": list(_MACHINERY),
        "patterns": {
            "brackets": _BRACKETS.pattern,
            "definition": _DEFINITION.pattern,
            "email": _EMAIL.pattern,
            "phone": _PHONE.pattern,
            "yearRange": _YEAR_RANGE.pattern,
        },
    }


def _say(name: str, /, **values: object) -> str:
    return MESSAGES[name].format(**values)


def check_record(
    document: Document, evidence_order: list[str], today: datetime.date | None = None
) -> list[Problem]:
    """Every cross-field problem of one record. `evidence_order` lists the evidence levels
    strongest first (the vocabulary's order)."""
    data = document.data
    if not isinstance(data, dict):
        return []
    year = (today or datetime.date.today()).year
    problems: list[Problem] = []
    for rule in (
        _case_substance,
        _evaluation_needed,
        _independent_evaluator,
        _independence_note,
        _marker_range,
        _source_numbers,
        _sources_cited,
        _owner_is_an_office,
        _summary_markers,
        _source_machinery,
    ):
        problems += rule(document, data)
    problems += _years(document, data, year)
    problems += _mention_evidence(document, data, evidence_order)
    return problems


# ---------------------------------------------------------------- reading the record


def _get(data: object, *path: str) -> object:
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _sources(data: Record) -> list[Any]:
    sources = data.get("sources")
    return sources if isinstance(sources, list) else []


def _cited_texts(data: Record) -> Iterator[tuple[Path, str]]:
    """(path, text) of every field that may hold citation markers."""
    narrative = data.get(NARRATIVE)
    if isinstance(narrative, dict):
        for key, text in narrative.items():
            if isinstance(text, str):
                yield (NARRATIVE, key), text
    for path in CITED_FIELDS:
        text = _get(data, *path)
        if isinstance(text, str):
            yield path, text


def marker_spans(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, end, number) of each citation marker in a text, in order of appearance."""
    after_label = -1  # end of the last non-numeric [...]: a [n] right after it is its label
    for match in _BRACKETS.finditer(text):
        body = match.group(1)
        if text.startswith(":", match.end()) and _DEFINITION.search(text, 0, match.start()):
            continue  # "[3]: https://…" defines a link; it cites nothing
        if re.fullmatch(r"[0-9]{1,3}", body) and match.start() != after_label:
            yield match.start(), match.end(), int(body)
        elif not body.isdigit():
            after_label = match.end()


def markers(text: str) -> list[int]:
    """The source numbers cited in a text, in order of appearance."""
    return [number for _, _, number in marker_spans(text)]


def _range_hint(count: int) -> str:
    return _say("range", count=count)


# ---------------------------------------------------------------- the rules


def _case_substance(document: Document, data: Record) -> list[Problem]:
    """A case needs two sources and written context, actions and outcomes; otherwise it is a
    mention, and the fix says so."""
    if data.get("kind") != "case":
        return []
    problems = []
    sources = data.get("sources")
    if isinstance(sources, list) and len(sources) == 1:
        problems.append(document.problem(("sources",), _say("one-source")))
    narrative = data.get(NARRATIVE)
    if not isinstance(narrative, dict):
        return problems  # the schema reports a missing or malformed narrative
    for key in ("context", "actions", "outcomes"):
        text = narrative.get(key)
        if key == "outcomes" and text is None:
            problems.append(document.problem((NARRATIVE,), _say("no-outcomes")))
        elif isinstance(text, str) and not text.strip():
            problems.append(document.problem((NARRATIVE, key), _say("blank-section", key=key)))
    return problems


def _evaluation_needed(document: Document, data: Record) -> list[Problem]:
    evidence = data.get("evidence")
    if evidence not in EVALUATED or "evaluation" in data:
        return []
    return [document.problem(("evidence",), _say("evaluation-missing", evidence=evidence))]


def _independent_evaluator(document: Document, data: Record) -> list[Problem]:
    """'independently-evaluated' means by a party other than the implementer (the evidence
    vocabulary); an evaluator tied to the programme contradicts it."""
    evaluation = data.get("evaluation")
    if (
        data.get("evidence") != EVALUATED[1]
        or not isinstance(evaluation, dict)
        or evaluation.get("independent_of_programme") is not False
    ):
        return []
    return [document.problem(("evidence",), _say("independent-but-not"))]


def _independence_note(document: Document, data: Record) -> list[Problem]:
    evaluation = data.get("evaluation")
    if not isinstance(evaluation, dict) or "independence_note" in evaluation:
        return []
    flags = [
        key
        for key in ("independent_of_programme", "independent_of_publisher")
        if evaluation.get(key) is False
    ]
    if not flags:
        return []
    return [document.problem(("evaluation", flags[0]), _say("independence-note", flag=flags[0]))]


def _marker_range(document: Document, data: Record) -> list[Problem]:
    count = len(_sources(data))
    problems = []
    for path, text in _cited_texts(data):
        for number in sorted(set(markers(text))):
            if not 1 <= number <= count:
                problems.append(
                    document.problem(
                        path, _say("marker-unknown", number=number, range=_range_hint(count))
                    )
                )
    return problems


def _numbered_references(data: Record) -> Iterator[tuple[Path, object]]:
    """(path, number) of every field that names a source by its number."""
    quotes = data.get("quotes")
    for index, quote in enumerate(quotes if isinstance(quotes, list) else []):
        if isinstance(quote, dict):
            yield ("quotes", index, "source"), quote.get("source")
    for path in SOURCE_NUMBERS:
        yield path, _get(data, *path)


def _source_numbers(document: Document, data: Record) -> list[Problem]:
    """quotes[].source, population.source and evaluation.source name an existing source."""
    if not isinstance(data.get("sources"), list):
        return []
    count = len(data["sources"])
    return [
        document.problem(path, _say("source-unknown", number=number, range=_range_hint(count)))
        for path, number in _numbered_references(data)
        if isinstance(number, int) and not isinstance(number, bool) and not 1 <= number <= count
    ]


def _sources_cited(document: Document, data: Record) -> list[Problem]:
    """Every source is cited at least once: a reader must be able to tell what it supports."""
    sources = _sources(data)
    if not sources or _has_placeholder(data):
        return []  # a scaffold still being filled in: its placeholders are reported instead
    cited = {n for _, text in _cited_texts(data) for n in markers(text)}
    cited |= {n for _, n in _numbered_references(data) if isinstance(n, int)}
    return [
        document.problem(("sources", index), _say("never-cited", number=index + 1))
        for index in range(len(sources))
        if index + 1 not in cited
    ]


def _years(document: Document, data: Record, this_year: int) -> list[Problem]:
    years = data.get("years")
    if not isinstance(years, dict):
        return []
    start, end = years.get("start"), years.get("end")
    if not (isinstance(end, int) and not isinstance(end, bool)):
        return []
    if isinstance(start, int) and not isinstance(start, bool) and end < start:
        return [document.problem(("years", "end"), _say("end-before-start", end=end, start=start))]
    if years.get("ongoing") is True and end < this_year:
        return [document.problem(("years", "ongoing"), _say("ongoing-ended", end=end))]
    return []


def _mention_evidence(document: Document, data: Record, order: list[str]) -> list[Problem]:
    evidence = data.get("evidence")
    if data.get("kind") != "mention" or MENTION_CEILING not in order or evidence not in order:
        return []
    allowed = order[order.index(MENTION_CEILING) :]
    if evidence in allowed:
        return []
    return [
        document.problem(
            ("evidence",),
            _say("mention-overclaims", evidence=evidence, allowed=" or ".join(allowed)),
        )
    ]


def _owner_is_an_office(document: Document, data: Record) -> list[Problem]:
    owner = data.get("owner")
    if not isinstance(owner, dict):
        return []
    problems = []
    for key, checks in (("name", (_email, _phone)), ("url", (_email,))):
        value = owner.get(key)
        found = next(
            (what for check in checks if isinstance(value, str) and (what := check(value))), None
        )
        if found:
            problems.append(document.problem(("owner", key), _say("owner-contact", found=found)))
    return problems


def _summary_markers(document: Document, data: Record) -> list[Problem]:
    summary = data.get("summary")
    found = markers(summary) if isinstance(summary, str) else []
    if not found:
        return []
    return [document.problem(("summary",), _say("summary-marker", number=found[0]))]


def _source_machinery(document: Document, data: Record) -> list[Problem]:
    problems = []
    for index, source in enumerate(_sources(data)):
        for key in ("title", "locator"):
            text = source.get(key) if isinstance(source, dict) else None
            phrase = next(
                (p for p in _MACHINERY if isinstance(text, str) and p in text.casefold()), None
            )
            if phrase:
                problems.append(
                    document.problem(("sources", index, key), _say("machinery", phrase=phrase))
                )
    return problems


def _email(text: str) -> str | None:
    return _say("email") if _EMAIL.search(text) else None


def _phone(text: str) -> str | None:
    for match in _PHONE.finditer(text):
        digits = re.sub(r"[^0-9]", "", match.group())
        if len(digits) >= 7 and not _YEAR_RANGE.fullmatch(match.group().strip()):
            return _say("phone")
    return None


def _has_placeholder(node: object) -> bool:
    if isinstance(node, dict):
        return any(_has_placeholder(v) for v in node.values())
    if isinstance(node, list):
        return any(_has_placeholder(v) for v in node)
    return isinstance(node, str) and node.lstrip().startswith(PLACEHOLDER)


__all__ = [
    "CITED_FIELDS",
    "MESSAGES",
    "RULES",
    "check_record",
    "form_rules",
    "marker_spans",
    "markers",
]
