"""Generated pages contributed by modules, declared in PAGE_MODULES below.

A module here defines `pages(renderer) -> list[casebook.pages.base.GeneratedPage]`; to add
one, write the module and add it to PAGE_MODULES (no automatic discovery, so the import
graph stays visible and acyclic: see tests/test_architecture.py).
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

from . import map, printable, propose, reference, translations, withdrawn
from .base import GeneratedPage

if TYPE_CHECKING:
    from ..render import Renderer

# In this order on the site (alphabetical, as automatic discovery used to find them).
PAGE_MODULES: tuple[ModuleType, ...] = (
    map,
    printable,
    propose,
    reference,
    translations,
    withdrawn,
)


def extra_pages(renderer: Renderer) -> list[GeneratedPage]:
    """Pages from every module in PAGE_MODULES."""
    found: list[GeneratedPage] = []
    for module in PAGE_MODULES:
        contribute: Callable[[Renderer], list[GeneratedPage]] = module.pages
        found += contribute(renderer)
    return found


__all__ = ["PAGE_MODULES", "GeneratedPage", "extra_pages"]
