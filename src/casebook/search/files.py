"""Every file the site gets for search, by name: the index and its shards, one excerpt file
per case study, and the vendored stemmer wrapped as a classic script."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from ..export import script_json
from ..model import Catalog
from . import index
from .documents import Document, documents
from .memo import SearchMemo

INDEX = "search/casebook-index.js"
STEMMER = "search/casebook-stemmer.js"
TEXT_DIR = "search/text"
_VENDORED = "vendor/wink-porter2-stemmer.js"


def shard_file(key: str) -> str:
    return f"search/casebook-index-{key}.js"


def stemmer_script() -> str:
    """wink-porter2-stemmer (a CommonJS module, vendored unchanged) as a classic script that
    sets window.CASEBOOK_STEM."""
    source = resources.files(__package__).joinpath(_VENDORED).read_text("utf-8")
    return (
        "/* wink-porter2-stemmer 2.0.1, MIT licence (see the vendored LICENSE). */\n"
        "(function (module) {\n"
        + source
        + "\nwindow.CASEBOOK_STEM = module.exports;\n})({ exports: null });\n"
    )


def text_script(case_id: str, sections: list[tuple[str, str]]) -> str:
    """One case's visible text for excerpts; hands itself to the runtime when loaded."""
    return (
        f"window.CasebookSearch && CasebookSearch.receiveText({script_json(case_id)}, "
        f"{script_json([list(s) for s in sections])});\n"
    )


def site_files(
    catalog: Catalog, pages: Sequence[Document] = (), memo: SearchMemo | None = None
) -> dict[str, str]:
    """`memo` (under `mkdocs serve`) reuses unchanged documents' work; same files."""
    if memo is None:
        docs = documents(catalog) + list(pages)
        main, shards = index.build(docs)
    else:
        docs = memo.documents(catalog) + list(pages)
        main, shards = index.build(docs, tiers=memo.best_tiers)
    files = {INDEX: index.script(main), STEMMER: stemmer_script()}
    for key, shard in shards.items():
        files[shard_file(key)] = index.shard_script(key, shard)
    for doc in docs:
        files[f"{TEXT_DIR}/{doc.id}.js"] = text_script(doc.id, doc.sections)
    return files


def write(site_dir: str, catalog: Catalog, pages: list[Document]) -> None:
    """Write the search files into a built site (after the build: pages are indexed from
    their final HTML)."""
    root = Path(site_dir)
    for name, text in site_files(catalog, pages).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
