"""The translated editions built beside the English one, and published with it.

`mkdocs build` (English) starts one `mkdocs build -f mkdocs.<code>.yml` per edition as soon
as its own staging folder is clean, each writing into `<staging>/<code>/`, runs them while it
builds English, and waits for them before the one swap into site/ (publish.py): a failed
edition fails the whole build and the last good site stays. Separate processes, because
MkDocs caches a hooks module per path (the editions would share one CasebookSite) and
because on two cores they build in parallel (benchmarks/editions_bench.py,
docs/decisions/0003-editions.md).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..i18n.languages import Language
from ..model import Catalog
from .config import edition_config_file

# Set by the English build for the editions it runs: where the edition writes (inside the
# English build's staging folder). An edition build with it set publishes nothing itself.
SITE_DIR_ENV = "CASEBOOK_EDITION_SITE_DIR"
# The catalog the English build validated, pickled for its editions: they skip validating
# the same files again (benchmarks/RESULTS.md, "Editions").
CATALOG_ENV = "CASEBOOK_EDITION_CATALOG"
OUTPUT_LINES = 40  # lines of a failed edition's output shown in the error


class EditionBuildError(Exception):
    """One or more editions failed; str() holds the output of each failed build."""


def sub_build_site_dir() -> str | None:
    """The folder this process builds into when the English build started it, else None."""
    return os.environ.get(SITE_DIR_ENV) or None


def shared_catalog() -> Catalog | None:
    """The English build's validated catalog, when it started this edition build."""
    path = os.environ.get(CATALOG_ENV) if sub_build_site_dir() else None
    if not path:
        return None
    # Our own file: written by the parent process a moment ago, readable by us alone.
    with open(path, "rb") as handle:
        catalog = pickle.load(handle)
    assert isinstance(catalog, Catalog)
    return catalog


@dataclass
class _Running:
    language: Language
    process: subprocess.Popen[bytes]
    output: IO[bytes]


class EditionBuilds:
    """The edition builds of one English build: start(), then wait() or cancel()."""

    def __init__(self) -> None:
        self.running: list[_Running] = []
        self.catalog_file: str | None = None

    def start(
        self,
        english_config_file: str,
        staging: str,
        languages: tuple[Language, ...],
        *,
        strict: bool,
        catalog: Catalog,
    ) -> None:
        catalog_file = self.catalog_file = _pickled(catalog)
        for language in languages:
            config_file = edition_config_file(english_config_file, language.code)
            if not config_file.is_file():
                self.cancel()
                raise EditionBuildError(
                    f"the {language.english_name} edition needs {config_file.name} beside "
                    f"{Path(english_config_file).name} (or remove {language.code!r} from "
                    "extra.casebook.editions)"
                )
            command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file)]
            if strict:
                command.append("--strict")
            env = {
                **os.environ,
                SITE_DIR_ENV: str(Path(staging) / language.code),
                CATALOG_ENV: catalog_file,
                "NO_MKDOCS_2_WARNING": "1",
            }
            output = tempfile.TemporaryFile()  # noqa: SIM115 - closed by wait() or cancel()
            process = subprocess.Popen(
                command,
                cwd=config_file.parent,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                # Same process group as the English build: Ctrl-C in the terminal stops all.
            )
            self.running.append(_Running(language, process, output))

    def wait(self) -> None:
        """Wait for every edition; raise EditionBuildError naming each one that failed."""
        failures = []
        for build in self.running:
            code = build.process.wait()
            if code != 0:
                failures.append(_failure(build, code))
            build.output.close()
        self.running = []
        self._drop_catalog()
        if failures:
            raise EditionBuildError("\n".join(failures))

    def cancel(self) -> None:
        """Stop every edition still building (the English build failed)."""
        for build in self.running:
            if build.process.poll() is None:
                build.process.terminate()
            build.process.wait()
            build.output.close()
        self.running = []
        self._drop_catalog()

    def _drop_catalog(self) -> None:
        if self.catalog_file is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.catalog_file)
            self.catalog_file = None


def _pickled(catalog: Catalog) -> str:
    fd, path = tempfile.mkstemp(prefix="casebook-catalog-", suffix=".pickle")  # mode 0600
    with os.fdopen(fd, "wb") as handle:
        pickle.dump(catalog, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def _failure(build: _Running, code: int) -> str:
    build.output.seek(0)
    lines = build.output.read().decode("utf-8", "replace").splitlines()
    shown = "\n".join(f"  {line}" for line in lines[-OUTPUT_LINES:])
    return (
        f"the {build.language.english_name} edition ({build.language.code}/) failed "
        f"(exit code {code}):\n{shown}"
    )


__all__ = [
    "CATALOG_ENV",
    "SITE_DIR_ENV",
    "EditionBuildError",
    "EditionBuilds",
    "shared_catalog",
    "sub_build_site_dir",
]
