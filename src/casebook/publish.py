"""Publishing output safely: the built site swapped into place, and single files written whole.

A build of site/ goes like this (Publisher):

1. take a lock on `.site.lock` beside site/ (fcntl.flock). A second build in the same folder
   prints a message and *waits* for the first (up to LOCK_TIMEOUT seconds, then exits non-zero);
   builds are never interleaved, so site/ is never a mix of two builds;
2. recover what a killed build left behind: a site/ missing half-way through a two-rename
   swap is put back, then every `.site.staging-*` / `.site.old-*` folder is removed;
3. check that site/ can be replaced at all (every folder in it writable), before anything is
   written: an unwritable site/ is one clear error and nothing is left behind;
4. build into a staging folder of its own (`.site.staging-XXXX`, unique per build);
5. swap: on Linux `renameat2(RENAME_EXCHANGE)` exchanges staging and site/ in one step, so
   site/ is the old or the new site at every instant; elsewhere site/ is renamed aside and the
   staging folder renamed in (a kill between the two is repaired by step 2 of the next build);
   the old site is then deleted and the lock released.

The kernel drops the lock when a process dies, so a killed build never blocks the next one.

`write_atomic` writes one file whole or not at all (temporary file in the same folder, fsync,
rename), and replaces a symlink at the destination instead of writing through it.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

LOCK_TIMEOUT = 600.0  # seconds a build waits for another build of the same site/
STAGING_TAG = ".staging-"
OLD_TAG = ".old-"
# For tests only: seconds to sleep inside the swap, so a test can kill a build right there.
SWAP_PAUSE_ENV = "CASEBOOK_TEST_SWAP_PAUSE"
# For tests only: "1" uses the portable two-rename swap even where renameat2 exists.
NO_EXCHANGE_ENV = "CASEBOOK_TEST_NO_EXCHANGE"


class PublishError(Exception):
    """Output could not be written; str() is one line saying what to do."""


# ---------------------------------------------------------------- the site folder


class Publisher:
    """Lock, staging folder and swap for one build of one site folder."""

    def __init__(self, site_dir: str | os.PathLike[str]) -> None:
        self.site = Path(os.path.abspath(site_dir))
        self.parent = self.site.parent
        self.staging: Path | None = None
        self._lock_fd: int | None = None

    @property
    def lock_file(self) -> Path:
        return self.parent / f".{self.site.name}.lock"

    def begin(self) -> Path:
        """Lock, recover, check, and return a new empty staging folder to build into."""
        try:
            self.parent.mkdir(parents=True, exist_ok=True)
            self._lock()
            recover(self.site)
            check_replaceable(self.site)
            self.staging = Path(
                tempfile.mkdtemp(prefix=f".{self.site.name}{STAGING_TAG}", dir=self.parent)
            )
            self.staging.chmod(0o777 & ~_umask())  # mkdtemp's 0700 would become site/'s mode
        except OSError as error:
            self.abandon()
            raise PublishError(_cannot_write(self.site, error)) from None
        except PublishError:
            self.abandon()
            raise
        return self.staging

    def commit(self) -> None:
        """Put the staging folder at site/, delete the previous site, release the lock."""
        if self.staging is None:
            raise PublishError("nothing to publish: begin() was not called")
        try:
            old = swap_in(self.staging, self.site)
            self.staging = None
            if old is not None:
                _remove(old)
        except OSError as error:
            raise PublishError(_cannot_write(self.site, error)) from None
        finally:
            self.abandon()

    def abandon(self) -> None:
        """Drop the staging folder (if any) and release the lock; site/ stays as it was."""
        if self.staging is not None:
            _remove(self.staging)
            self.staging = None
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing the descriptor releases the flock
            self._lock_fd = None

    def lock(self) -> None:
        """Only the lock (for readers of site/ such as `casebook bundle`); abandon() frees it."""
        try:
            self._lock()
        except OSError as error:
            raise PublishError(_cannot_write(self.site, error)) from None

    def _lock(self) -> None:
        fd = os.open(self.lock_file, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                f"casebook: another build is writing {self.site.name}/ in {self.parent}; "
                "waiting for it to finish",
                file=sys.stderr,
                flush=True,
            )
            if not _wait_for_lock(fd, LOCK_TIMEOUT):
                os.close(fd)
                raise PublishError(
                    f"another build has held {self.lock_file} for "
                    f"{LOCK_TIMEOUT:.0f} s; stop it, or delete the lock file "
                    "if no build is running"
                ) from None
        self._lock_fd = fd


def _wait_for_lock(fd: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            time.sleep(0.1)
    return False


def leftovers(site: Path) -> list[Path]:
    """Folders a killed build may have left beside site/ (ours, and the names used before
    builds had their own staging folders: site.partial, site.old)."""
    prefixes = (f".{site.name}{STAGING_TAG}", f".{site.name}{OLD_TAG}")
    legacy = {f"{site.name}.partial", f"{site.name}.old"}
    return sorted(
        p for p in site.parent.iterdir() if p.name.startswith(prefixes) or p.name in legacy
    )


def recover(site: Path) -> None:
    """Call with the lock held. If a two-rename swap was cut short (site/ gone, the previous
    site set aside), put the previous site back; then delete every leftover."""
    found = leftovers(site)
    if not os.path.lexists(site):
        # swap_in() sets the previous site aside as .site.old-XXXX/site; site.old is the
        # name builds used before.
        olds = [p / "site" for p in found if p.name.startswith(f".{site.name}{OLD_TAG}")]
        olds += [p for p in found if p.name == f"{site.name}.old"]
        olds = [p for p in olds if p.is_dir()]
        if olds:
            os.rename(max(olds, key=lambda p: p.stat().st_mtime), site)
    for path in found:
        _remove(path)


def check_replaceable(site: Path) -> None:
    """Raise PublishError if site/ (or a folder in it) cannot be emptied: otherwise the old
    site could be swapped out but never deleted, and every later build would trip on it."""
    if not os.access(site.parent, os.W_OK | os.X_OK):
        raise PublishError(
            f"cannot write to {site.parent}: permission denied; the build "
            f"needs to create {site.name}/ there"
        )
    if not os.path.lexists(site):
        return
    if site.is_symlink() or not site.is_dir():
        raise PublishError(f"{site} is not a folder; move it away, the build writes a folder there")
    for folder, _, _ in os.walk(site):
        if not os.access(folder, os.W_OK | os.X_OK):
            raise PublishError(
                f"{folder} is not writable, so the previous site cannot be "
                f"replaced; make it writable (chmod -R u+w {site}) or delete "
                f"{site}"
            )


def swap_in(staging: Path, site: Path) -> Path | None:
    """Put staging at site; return where the previous site now is (to delete), if any.

    site/ holds a complete site at every instant where the kernel can exchange two names;
    otherwise there is a moment between two renames without site/, which recover() repairs.
    """
    pause = _test_pause()
    if not os.path.lexists(site):
        os.rename(staging, site)
        return None
    if os.environ.get(NO_EXCHANGE_ENV) != "1" and _exchange(staging, site):
        _announce_swap(pause)  # the kill-test hook: staging now holds the old site
        return staging
    old = Path(tempfile.mkdtemp(prefix=f".{site.name}{OLD_TAG}", dir=site.parent))
    os.rename(site, old / "site")  # one rename inside our own folder: no name can clash
    _announce_swap(pause)  # the kill-test hook: between the two renames
    os.rename(staging, site)
    return old


def _test_pause() -> float:
    try:
        return max(0.0, float(os.environ.get(SWAP_PAUSE_ENV, "0")))
    except ValueError:
        return 0.0


def _announce_swap(pause: float) -> None:
    if pause:
        print("casebook: inside the swap", file=sys.stderr, flush=True)
        time.sleep(pause)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """renameat2(a, b, RENAME_EXCHANGE); False where the system lacks it (then the caller
    falls back to two renames). Any other failure is raised."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):  # pragma: no cover - glibc < 2.28, musl
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):  # kernel or filesystem lacks it
        return False
    raise OSError(code, os.strerror(code), str(b))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def _cannot_write(site: Path, error: OSError) -> str:
    where = error.filename or site
    return (
        f"cannot write the site to {site}: {error.strerror or error} ({where}); check "
        "that the folder and its parent are writable and the disk is not full"
    )


# ---------------------------------------------------------------- single files


def write_atomic(target: str | os.PathLike[str], data: bytes) -> None:
    """Write data to target whole or not at all: a full disk or a crash leaves the previous
    file (or none). A symlink at target is replaced by the file, never written through."""
    with atomic_output(target) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_output(target: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary file handle whose content replaces target only when the block ends without
    an exception; on failure no temporary file is left behind."""
    target = Path(target)
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)  # replaces a symlink itself, not the file it names
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_folder(target.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the system allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some filesystems refuse
        pass
    finally:
        os.close(fd)


__all__ = [
    "LOCK_TIMEOUT",
    "PublishError",
    "Publisher",
    "atomic_output",
    "check_replaceable",
    "leftovers",
    "recover",
    "swap_in",
    "write_atomic",
]
