"""Compare two built sites file by file, ignoring what only names the generator.

    python tools/compare_sites.py SITE_A SITE_B

Used by CI to check that MkDocs 1.6.1 and ProperDocs build the same Casebook (see
docs/decisions/0001-engine.md). Exit 0 when the same files hold the same bytes once each
page's <meta name="generator"> is removed; otherwise exit 1 and list the differences.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# MkDocs writes "mkdocs-1.6.1, mkdocs-material-…"; ProperDocs "mkdocs-ProperDocs 1.6.7, …".
_GENERATOR = re.compile(rb'[ \t]*<meta name="generator" content="[^"]*">\r?\n?')


def normalised(path: Path) -> bytes:
    data = path.read_bytes()
    return _GENERATOR.sub(b"", data) if path.suffix == ".html" else data


def differences(a: Path, b: Path) -> list[str]:
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    found = [f"only in {a}: {p}" for p in sorted(files_a - files_b)]
    found += [f"only in {b}: {p}" for p in sorted(files_b - files_a)]
    found += [
        f"differs: {p}" for p in sorted(files_a & files_b) if normalised(a / p) != normalised(b / p)
    ]
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    a, b = (Path(x) for x in argv)
    found = differences(a, b)
    for line in found:
        print(line)
    count = sum(1 for _ in a.rglob("*.html"))
    print(
        f"{len(found)} differences; {count} pages compared"
        if found
        else f"same files, same content: {count} pages compared"
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
