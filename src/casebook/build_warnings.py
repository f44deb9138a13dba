"""Counting the warnings of a strict MkDocs build, the package's own included."""

from __future__ import annotations

import logging


class WarningCount(logging.Handler):
    """Warnings MkDocs counts in strict mode. MkDocs runs post_build (where the new site is
    swapped in) *before* it aborts a strict build for its warnings, so finish() asks here.
    The package's own loggers ("casebook.*") are forwarded to MkDocs' so they count too."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def start(self) -> None:
        self.count = 0
        logging.getLogger("mkdocs").addHandler(self)
        package = logging.getLogger("casebook")
        if not any(isinstance(h, _ToMkDocs) for h in package.handlers):
            package.addHandler(_ToMkDocs())

    def stop(self) -> int:
        logging.getLogger("mkdocs").removeHandler(self)
        return self.count

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class _ToMkDocs(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        logging.getLogger("mkdocs.plugins.casebook").handle(record)


__all__ = ["WarningCount"]
