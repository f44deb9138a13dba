"""Unchanged output files under `mkdocs serve`: hard-linked, not written again.

MkDocs empties the served folder before every rebuild and writes the whole site again. At
2,000 case studies that is about 100 MB in 4,000 files (case pages, search excerpt files),
1-2 s of a rebuild, though a save changes a handful of them. The preview keeps each file it
writes once in a content-addressed store and puts it in place with a hard link (a directory
entry, no data written). The store is a hidden folder inside the served folder: MkDocs'
clean step leaves entries starting with "." alone, and serve deletes the whole folder when
it stops. Objects no rebuild used are deleted after each rebuild, so the store holds about
one site's worth of files.

Nothing may write into a linked file in place (that would change the stored object): only
files that nothing else in the build writes are linked (case pages MkDocs no longer knows
about, and casebook.search's files, written after the build).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

STORE = ".casebook-preview"


class LinkStore:
    """Content-addressed files in `<site_dir>/.casebook-preview/`, linked into the site."""

    def __init__(self) -> None:
        self._used: set[str] = set()
        self._folder: Path | None = None

    def start(self, site_dir: str) -> None:
        """Begin a rebuild (the served folder is fixed for serve's lifetime)."""
        self._folder = Path(site_dir) / STORE
        self._folder.mkdir(parents=True, exist_ok=True)
        self._used = set()

    def keep(self, content: bytes) -> str:
        """Store `content` (if new) and return its name in the store."""
        assert self._folder is not None, "start() first"
        digest = hashlib.sha256(content).hexdigest()
        path = self._folder / digest
        if not path.exists():
            temporary = path.with_name(digest + ".tmp")
            temporary.write_bytes(content)
            os.replace(temporary, path)  # a stored object is always whole
        self._used.add(digest)
        return digest

    def has(self, digest: str) -> bool:
        return self._folder is not None and (self._folder / digest).is_file()

    def link(self, digest: str, target: Path) -> None:
        """Put stored object `digest` at `target` (a new directory entry, no data)."""
        assert self._folder is not None, "start() first"
        target.parent.mkdir(parents=True, exist_ok=True)
        source = self._folder / digest
        if target.exists():  # not expected after MkDocs' clean step; never stop serve
            target.unlink()
        try:
            os.link(source, target)
        except OSError:  # a file system without hard links: a copy is still right
            shutil.copyfile(source, target)
        self._used.add(digest)

    def put(self, content: bytes, target: Path) -> None:
        self.link(self.keep(content), target)

    def finish(self) -> None:
        """Delete the objects this rebuild did not use: a bounded store."""
        if self._folder is None:
            return
        for entry in os.scandir(self._folder):
            if entry.name not in self._used:
                os.unlink(entry.path)
