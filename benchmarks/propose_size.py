"""Size of the propose form's scripts (target: <= 40 KB gzip in total) and of the inline data
the page carries (schema, vocabularies, countries, ids).

    python benchmarks/propose_size.py [built site folder, default site/]
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCRIPTS = (
    "content/assets/javascripts/casebook-propose.js",
    "content/assets/javascripts/casebook-propose-rules.js",
    "content/assets/javascripts/vendor/js-yaml.umd.min.js",
)


def sizes(data: bytes) -> tuple[int, int]:
    return len(data), len(gzip.compress(data, 9))


def main() -> None:
    total = b""
    for name in SCRIPTS:
        data = (REPO / name).read_bytes()
        total += data
        raw, packed = sizes(data)
        print(f"{name}: {raw / 1024:.1f} KB raw, {packed / 1024:.1f} KB gzip")
    raw, packed = sizes(total)
    print(
        f"scripts together: {raw / 1024:.1f} KB raw, {packed / 1024:.1f} KB gzip "
        "(target <= 40 KB gzip)"
    )
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "site"
    page = site / "contribute" / "propose.html"
    if page.is_file():
        html = page.read_bytes()
        match = re.search(rb'id="cb-propose-data">(.*?)</script>', html, re.S)
        if match:
            raw, packed = sizes(match[1])
            print(f"inline data: {raw / 1024:.1f} KB raw, {packed / 1024:.1f} KB gzip")
        raw, packed = sizes(html)
        print(f"propose.html: {raw / 1024:.1f} KB raw, {packed / 1024:.1f} KB gzip")


if __name__ == "__main__":
    main()
