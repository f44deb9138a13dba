"""Share of the cross-field rules (casebook.rules) in validating one document, in-process.

    python benchmarks/rules_bench.py [N]      (default: 2000)

Times validate_document (schema, placeholders, id, rules) and check_record alone over the same
N synthetic records, three rounds; a ratio is less sensitive to a busy machine than a time.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from casebook.loader import load_file
from casebook.rules import check_record
from casebook.validate import Schema, validate_document
from synthetic import REPO, write_cases


def main(count: int) -> None:
    schema = Schema.load(REPO / "schema")
    order = list(schema.vocabularies["evidence_levels"].terms)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "case_studies"
        write_cases(folder, count)
        documents = [load_file(str(path)) for path in sorted(folder.glob("*.yml"))]
    print("| round | validate_document (ms/file) | rules alone (ms/file) | share |")
    print("|---|---|---|---|")
    for round_ in range(1, 4):
        start = time.perf_counter()
        for document in documents:
            validate_document(document, schema)
        full = (time.perf_counter() - start) / count * 1000
        start = time.perf_counter()
        for document in documents:
            check_record(document, order)
        rules = (time.perf_counter() - start) / count * 1000
        print(f"| {round_} | {full:.3f} | {rules:.3f} | {rules / full:.0%} |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if sys.argv[1:] else 2000)
