"""Every file the site gets for search, by name: the index, one excerpt file per case study,
and the vendored stemmer wrapped as a classic script."""

from __future__ import annotations

from importlib import resources

from ..export import script_json
from ..model import Catalog
from . import index
from .documents import documents

INDEX = "search/casebook-index.js"
STEMMER = "search/casebook-stemmer.js"
TEXT_DIR = "search/text"
_VENDORED = "vendor/wink-porter2-stemmer.js"


def stemmer_script() -> str:
    """wink-porter2-stemmer (a CommonJS module, vendored unchanged) as a classic script that
    sets window.CASEBOOK_STEM."""
    source = resources.files(__package__).joinpath(_VENDORED).read_text("utf-8")
    return ("/* wink-porter2-stemmer 2.0.1, MIT licence (see the vendored LICENSE). */\n"
            "(function (module) {\n" + source +
            "\nwindow.CASEBOOK_STEM = module.exports;\n})({ exports: null });\n")


def text_script(case_id: str, sections: list[tuple[str, str]]) -> str:
    """One case's visible text for excerpts; hands itself to the runtime when loaded."""
    return (f"window.CasebookSearch && CasebookSearch.receiveText({script_json(case_id)}, "
            f"{script_json([list(s) for s in sections])});\n")


def site_files(catalog: Catalog) -> dict[str, str]:
    docs = documents(catalog)
    files = {INDEX: index.script(index.build(docs)), STEMMER: stemmer_script()}
    for doc in docs:
        files[f"{TEXT_DIR}/{doc.id}.js"] = text_script(doc.id, doc.sections)
    return files
