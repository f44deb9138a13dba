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
    """Content-addressed files in `<site_dir>/.casebook-preview/`, linked into the site.
    Only this object adds or deletes objects, so it knows which exist without asking the
    file system (a rebuild links about 4,000 files: every system call counts)."""

    def __init__(self) -> None:
        self._used: set[str] = set()
        self._stored: set[str] = set()
        self._folders: set[str] = set()  # folders known to exist in this rebuild
        self._folder = ""

    def start(self, site_dir: str) -> None:
        """Begin a rebuild (the served folder is fixed for serve's lifetime)."""
        folder = os.path.join(site_dir, STORE)
        if folder != self._folder:
            self._folder, self._stored = folder, set()
        os.makedirs(folder, exist_ok=True)
        self._stored &= set(os.listdir(folder))
        self._used, self._folders = set(), set()

    def keep(self, content: bytes) -> str:
        """Store `content` (if new) and return its name in the store."""
        assert self._folder, "start() first"
        digest = hashlib.sha256(content).hexdigest()
        if digest not in self._stored:
            path = os.path.join(self._folder, digest)
            with open(path + ".tmp", "wb") as file:
                file.write(content)
            os.replace(path + ".tmp", path)  # a stored object is always whole
            self._stored.add(digest)
        self._used.add(digest)
        return digest

    def has(self, digest: str) -> bool:
        return digest in self._stored

    def link(self, digest: str, target: Path) -> None:
        """Put stored object `digest` at `target` (a new directory entry, no data)."""
        assert digest in self._stored, "keep() first"
        source, target_name = os.path.join(self._folder, digest), str(target)
        folder = os.path.dirname(target_name)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        try:
            os.link(source, target_name)
        except FileExistsError:  # not expected after MkDocs' clean step; never stop serve
            os.unlink(target_name)
            os.link(source, target_name)
        except OSError:  # a file system without hard links: a copy is still right
            shutil.copyfile(source, target_name)
        self._used.add(digest)

    def put(self, content: bytes, target: Path) -> None:
        self.link(self.keep(content), target)

    def finish(self) -> None:
        """Delete the objects this rebuild did not use: a bounded store."""
        if not self._folder:
            return
        for name in self._stored - self._used:
            os.unlink(os.path.join(self._folder, name))
        self._stored &= self._used
