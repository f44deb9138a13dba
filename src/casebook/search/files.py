"""Every file the site gets for search, by name: the index and its shards, one excerpt file
per case study, and the edition's vendored stemmer wrapped as a classic script. Each
edition (one MkDocs build per language) writes its own, in its language."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from ..export import script_json
from ..i18n.catalogue import Entry, strings
from ..i18n.languages import ORIGINAL
from ..model import Catalog
from . import index
from .documents import Document, documents
from .memo import SearchMemo
from .normalise import language

INDEX = "search/casebook-index.js"
STEMMER = "search/casebook-stemmer.js"
TEXT_DIR = "search/text"
_ENGLISH = "vendor/wink-porter2-stemmer.js"
# Snowball-generated stemmers from npm @orama/stemmers 3.1.18 (vendor/README.md).
_ORAMA_VERSION = "3.1.18"


def shard_file(key: str) -> str:
    return f"search/casebook-index-{key}.js"


def stemmer_script(code: str = ORIGINAL) -> str:
    """The edition's vendored stemmer (a CommonJS module, unchanged) as a classic script
    that sets window.CASEBOOK_STEM to a function word -> stem."""
    if code == ORIGINAL:
        source = resources.files(__package__).joinpath(_ENGLISH).read_text("utf-8")
        return (
            "/* wink-porter2-stemmer 2.0.1, MIT licence (see the vendored LICENSE). */\n"
            "(function (module) {\n"
            + source
            + "\nwindow.CASEBOOK_STEM = module.exports;\n})({ exports: null });\n"
        )
    vendored = f"vendor/orama-stemmers-{code}.cjs"
    source = resources.files(__package__).joinpath(vendored).read_text("utf-8")
    return (
        f"/* Snowball {language(code).stemmer} stemmer: @orama/stemmers {_ORAMA_VERSION}, "
        "Apache-2.0; Snowball, BSD-3-Clause (see the vendored licences). */\n"
        "(function (exports) {\n" + source + "\nwindow.CASEBOOK_STEM = exports.stemmer;\n})({});\n"
    )


def browser_strings(code: str) -> dict[str, Entry]:
    """The catalogue's strings the search scripts show (search.results, .full_text, .none),
    shipped inside the index: they are needed only once it is loaded."""
    shown = ("search.results", "search.full_text", "search.none")
    return {k: v for k, v in strings(code).browser("search").items() if k in shown}


def text_script(case_id: str, sections: list[tuple[str, str]]) -> str:
    """One case's visible text for excerpts; hands itself to the runtime when loaded."""
    return (
        f"window.CasebookSearch && CasebookSearch.receiveText({script_json(case_id)}, "
        f"{script_json([list(s) for s in sections])});\n"
    )


def site_files(
    catalog: Catalog,
    pages: Sequence[Document] = (),
    code: str = ORIGINAL,
    memo: SearchMemo | None = None,
) -> dict[str, str]:
    """Every search file of one edition. `memo` (under `mkdocs serve`) reuses unchanged
    documents' work; the files are the same."""
    if memo is None:
        docs = documents(catalog, code) + list(pages)
        main, shards = index.build(docs, language(code))
    else:
        docs = memo.documents(catalog, code) + list(pages)
        main, shards = index.build(docs, language(code), lambda d: memo.best_tiers(d, code))
    main["strings"] = browser_strings(code)
    files = {INDEX: index.script(main), STEMMER: stemmer_script(code)}
    for key, shard in shards.items():
        files[shard_file(key)] = index.shard_script(key, shard)
    for doc in docs:
        files[f"{TEXT_DIR}/{doc.id}.js"] = text_script(doc.id, doc.sections)
    return files


def write(site_dir: str, catalog: Catalog, pages: list[Document], code: str = ORIGINAL) -> None:
    """Write the search files into a built site (after the build: pages are indexed from
    their final HTML), in the edition's language `code`."""
    root = Path(site_dir)
    for name, text in site_files(catalog, pages, code).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
