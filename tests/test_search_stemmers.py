"""The vendored JavaScript stemmers give the same stems as Python's snowballstemmer.

The French, Spanish and Arabic editions stem in the browser with Snowball-generated code from
npm @orama/stemmers (src/casebook/search/vendor/), at build time with snowballstemmer 2.2:
an index term that the browser cannot make is a word no reader can find. Node runs the
vendored file, unchanged, over real words: the machine-assisted translations of the case
studies and guide (tests/search_words/<code>.txt, and the repository's own
case_studies/translations/<code>/), each as written and folded, as normalise.Language.keys
stems them. (English's pair is checked in Chromium by test_search_browser.py.)
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from casebook.search.normalise import _WORD, language, written
from conftest import REPO

VENDOR = REPO / "src" / "casebook" / "search" / "vendor"
WORDS = Path(__file__).parent / "search_words"
NODE = shutil.which("node")


def real_words(code: str) -> list[str]:
    lines = (WORDS / f"{code}.txt").read_text(encoding="utf-8").splitlines()
    found = {line for line in lines if line and not line.startswith("#")}
    for path in sorted((REPO / "case_studies" / "translations" / code).glob("*.yml")):
        found.update(_WORD.findall(written(path.read_text(encoding="utf-8"))))
    return sorted(found)


def node_stems(code: str, words: list[str]) -> list[str]:
    assert NODE, "node is needed to run the browser's stemmer"
    script = (
        f"const s = require({json.dumps(str(VENDOR / f'orama-stemmers-{code}.cjs'))});"
        "const ws = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(ws.map(w => s.stemmer(w))));"
    )
    result = subprocess.run(
        [NODE, "-e", script],
        input=json.dumps(words),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(result.stdout)


@pytest.mark.parametrize("code", ["fr", "es", "ar"])
def test_browser_stemmer_agrees_with_python_on_real_words(code):
    lang = language(code)
    written_words = real_words(code)
    inputs = sorted(set(written_words) | {lang.fold(w) for w in written_words})
    assert len(inputs) > 2_000, len(inputs)  # about 3,000 to 5,000 words a language
    python = [lang.stem(w) for w in inputs]
    browser = node_stems(code, inputs)
    mismatches = [(w, p, b) for w, p, b in zip(inputs, python, browser, strict=True) if p != b]
    assert mismatches == []


def test_the_agreement_test_sees_a_different_stemmer():
    """The comparison can fail: the French file does not stem like Python's Spanish."""
    words = ["evaluaciones", "políticas", "comunidades"]
    assert node_stems("fr", words) != [language("es").stem(w) for w in words]
