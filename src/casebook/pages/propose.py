"""The "Propose a case study" page (contribute/propose.html): a form that writes a valid case
study without git, offline, from file:// as well as from the published site.

Everything the form knows comes from here, at build time, as one inline JSON document: the
resolved schema (vocabulary terms as enums), the vocabularies' labels and descriptions, the
country names pycountry knows, the ids of existing case studies and where pull requests go.
The browser side (content/assets/javascripts/casebook-propose.js) builds the fields from the
schema and checks them with the same rules and wording as `casebook validate`
(tests/test_propose_messages.py proves the two agree).
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pycountry
from markupsafe import Markup

from ..countries import COUNTRY_ALIASES
from ..facets import vocabulary_of
from ..formats import RESERVED_IDS, form_messages
from ..limits import BLANK_LETTERS, BLANK_TEXT
from ..messages import PLACEHOLDER
from ..render import base_of
from ..rules import form_rules
from ..scaffold import MODELINE
from .base import GeneratedPage

if TYPE_CHECKING:
    from ..render import Renderer

SRC_URI = "contribute/propose.md"
URL = "contribute/propose.html"
TITLE = "Propose a case study"
STUB = "---\nsearch:\n  exclude: true\n---\n\n## Start\n\n## Problems to fix\n\n## Your file\n"
URL_LIMIT = 7500  # bytes: GitHub refuses longer URLs (about 8 KB with its own parts)
LEFT_OUT = ("withdrawn",)  # maintainers' field: not something a contributor proposes


@dataclass(frozen=True)
class Repository:
    """Where pull requests go: `extra.casebook.repository` (and `branch`) in mkdocs.yml."""

    url: str | None
    branch: str

    @classmethod
    def from_config(cls, config: Any) -> Repository:  # MkDocsConfig, or None in tests
        extra = ((config.extra or {}).get("casebook") or {}) if config is not None else {}
        url = extra.get("repository")
        return cls(
            url.rstrip("/") if isinstance(url, str) and url else None,
            str(extra.get("branch") or "main"),
        )


def pages(renderer: Renderer) -> list[GeneratedPage]:
    return [GeneratedPage(SRC_URI, TITLE, lambda: render(renderer), STUB)]


def render(renderer: Renderer) -> str:
    repository = Repository.from_config(renderer.mkdocs_config)
    template = renderer.env.get_template("propose.html")
    return template.render(
        base=base_of(URL),
        title=TITLE,
        repository=repository,
        data=script_json(form_data(renderer, repository)),
    )


def form_data(renderer: Renderer, repository: Repository) -> dict[str, Any]:
    """What the browser needs: one source of truth for rules and wording."""
    schema = renderer.schema
    vocabularies = {
        name: {
            "label": v.label,
            "description": v.description,
            "terms": [{"key": t.key, "label": t.label, "description": t.description} for t in v],
        }
        for name, v in schema.vocabularies.items()
    }
    resolved = _number_texts(copy.deepcopy(schema.validator.schema))
    return {
        "schema": resolved,
        "vocabularies": vocabularies,
        "countries": countries(),
        "reserved": sorted(RESERVED_IDS),
        "formats": form_messages(),
        "placeholder": PLACEHOLDER,
        "modeline": MODELINE,
        "leftOut": list(LEFT_OUT),
        "ids": sorted(renderer.catalog.by_id),
        "repository": repository.url,
        "branch": repository.branch,
        "urlLimit": URL_LIMIT,
        "today": renderer.today.isoformat(),
        "blank": {"message": BLANK_TEXT, "letters": "".join(sorted(BLANK_LETTERS))},
        "rules": form_rules(list(schema.vocabularies[vocabulary_of("evidence")].terms)),
    }


def _number_texts(node: object) -> object:
    """Messages print limits as Python does (1000000000000.0 for a float); JSON cannot tell
    the browser 1e12 from 1000000000000.0, so such limits travel as text too."""
    if isinstance(node, dict):
        texts = {
            k: str(v)
            for k, v in node.items()
            if k in ("minimum", "maximum") and isinstance(v, float)
        }
        if texts:
            node["x-text"] = texts
        for value in node.values():
            _number_texts(value)
    elif isinstance(node, list):
        for value in node:
            _number_texts(value)
    return node


def countries() -> dict[str, Any]:
    """pycountry's lookup as a table: every code and name (lowercased) -> alpha-2, so the
    browser finds exactly what `pycountry.countries.lookup` finds; plus display names."""
    lookup: dict[str, str] = {}
    for country in pycountry.countries:
        for value in country._fields.values():
            if isinstance(value, str) and value and value.lower() not in lookup:
                try:
                    lookup[value.lower()] = pycountry.countries.lookup(value).alpha_2
                except LookupError:  # a value only another field's index resolves
                    continue
    names = {c.alpha_2: c.name for c in pycountry.countries}
    return {"lookup": lookup, "names": names, "aliases": COUNTRY_ALIASES}


def script_json(data: dict[str, Any]) -> Markup:
    """JSON safe inside <script type="application/json">: no '</script>' or '<!--' break-out."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))
