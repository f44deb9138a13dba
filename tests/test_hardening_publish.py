"""Issue 18, publishing: concurrent, killed and unwritable builds never publish a broken site;
export and bundle outputs are written whole or not at all, never through a symlink.

Each test reproduces one bullet of the issue's "Why" with real `mkdocs build` processes of a
tiny project (see casebook.publish for the design)."""

from __future__ import annotations

import os
import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from casebook.publish import Publisher, leftovers
from conftest import make_project, parse, run_build

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1796083200"}


def file_list(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def siblings(root: Path) -> list[str]:
    """Everything beside site/ that a build made (the lock file is meant to stay)."""
    return sorted(p.name for p in root.iterdir() if "site" in p.name and p.name != ".site.lock")


def assert_complete(root: Path, expected: list[str]) -> None:
    site = root / "site"
    assert file_list(site) == expected
    assert parse(site / "index.html").find("h1") is not None


def start_build(root: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        env={**ENV, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, list[str]]:
    """A tiny project, built once cleanly: (project, the clean build's file list)."""
    root = make_project(tmp_path_factory.mktemp("publish") / "project")
    started = time.monotonic()
    run_build(root)
    BUILD_SECONDS.append(time.monotonic() - started)
    return root, file_list(root / "site")


BUILD_SECONDS: list[float] = []  # how long the clean build took here, to pick kill moments


def test_two_builds_at_once_publish_a_complete_site(built):
    root, expected = built
    first, second = start_build(root), start_build(root)
    errors = [first.communicate(timeout=300)[1], second.communicate(timeout=300)[1]]
    assert (first.returncode, second.returncode) == (0, 0), errors
    assert_complete(root, expected)
    assert siblings(root) == ["site"]


def test_a_build_waits_for_the_lock_with_a_message(built):
    root, expected = built
    holder = Publisher(root / "site")
    holder.lock()
    try:
        build = start_build(root)
        # Wait for the message itself rather than a fixed time: on a busy machine the build
        # may take longer than any sleep to reach the lock.
        said = next(
            (line for line in build.stderr if "another build is writing site/" in line), None
        )  # stops at the line
        assert said, "the second build did not say it was waiting"
        assert build.poll() is None  # still waiting: it has not touched site/
        assert file_list(root / "site") == expected
    finally:
        holder.abandon()
    build.communicate(timeout=300)
    assert build.returncode == 0
    assert_complete(root, expected)


def kill_after(root: Path, delay: float, **env: str) -> None:
    build = start_build(root, **env)
    time.sleep(delay)
    build.kill()
    build.communicate(timeout=60)


def kill_inside_swap(root: Path, **env: str) -> None:
    """Start a build that pauses inside the swap, and kill it there, at a random instant."""
    build = start_build(root, CASEBOOK_TEST_SWAP_PAUSE="1", **env)
    for line in build.stderr:
        if "inside the swap" in line:
            break
    time.sleep(random.Random(len(env)).uniform(0, 0.9))
    assert build.poll() is None, "the build left the swap before it was killed"
    build.kill()
    build.communicate(timeout=60)


def test_a_build_killed_at_random_moments_always_leaves_a_complete_site(built):
    root, expected = built
    moments = random.Random(18)
    for _ in range(2):  # anywhere in the build: validation, rendering, writing, swap
        kill_after(root, moments.uniform(0.1, BUILD_SECONDS[0]))
        assert_complete(root, expected)
    kill_inside_swap(root)  # renameat2(RENAME_EXCHANGE): site/ is never missing
    assert_complete(root, expected)
    kill_inside_swap(root, CASEBOOK_TEST_NO_EXCHANGE="1")  # portable: between two renames
    # site/ may be missing right now; the next build, even one that fails, puts it back.
    (root / "case_studies" / "broken.yml").write_text("id: broken\n", encoding="utf-8")
    try:
        assert run_build(root, check=False).returncode != 0
        assert_complete(root, expected)
        assert siblings(root) == ["site"]
    finally:
        (root / "case_studies" / "broken.yml").unlink()


def test_leftovers_of_a_killed_old_style_swap_are_repaired(built):
    """The issue's case: killed between the two renames, site.old and site.partial remain
    and site/ is gone."""
    root, expected = built
    os.rename(root / "site", root / "site.old")
    (root / "site.partial" / "assets").mkdir(parents=True)
    run_build(root)
    assert_complete(root, expected)
    assert siblings(root) == ["site"]


def _make_unwritable(folder: Path) -> list[str]:
    """A folder the build cannot empty, as the current user (root ignores permissions,
    but not the immutable attribute). Returns the command that undoes it."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
        return ["chattr", "-i", str(folder)]
    folder.chmod(0o555)
    return ["chmod", "755", str(folder)]


def test_an_unwritable_site_is_one_clear_error_and_leaves_nothing(built):
    root, expected = built
    undo = _make_unwritable(root / "site" / "assets")
    try:
        result = run_build(root, check=False)
        assert result.returncode != 0
        message = [line for line in result.stderr.splitlines() if "not writable" in line]
        assert len(message) == 1 and "site/assets is not writable" in message[0]
        assert "Traceback" not in result.stderr
        assert file_list(root / "site") == expected
        assert siblings(root) == ["site"] and leftovers(root / "site") == []
    finally:
        subprocess.run(undo, check=True)
    run_build(root)
    assert_complete(root, expected)


# ---------------------------------------------------------------- export and bundle


def _limited(max_bytes: int):
    """Run the child with a file-size limit: writes past it fail like a full disk."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))

    return apply


def casebook(root: Path, *args: str, limit: int | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "casebook.cli", "--root", str(root), *args],
        cwd=root,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_limited(limit) if limit else None,
    )


def test_export_on_a_full_disk_keeps_the_previous_files(built, tmp_path):
    root, _ = built
    out = tmp_path / "out"
    assert casebook(root, "export", "--out", str(out)).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (out / "casebook.json").write_bytes(before["casebook.json"] + b" ")  # a file to keep
    kept = (out / "casebook.json").read_bytes()
    result = casebook(root, "export", "--out", str(out), limit=2048)
    assert result.returncode != 0 and "casebook:" in result.stderr
    assert (out / "casebook.json").read_bytes() == kept
    assert sorted(p.name for p in out.iterdir()) == ["casebook.csv", "casebook.json"]


def test_export_replaces_a_symlink_instead_of_writing_through_it(built, tmp_path):
    root, _ = built
    out, outside = tmp_path / "out", tmp_path / "precious.txt"
    out.mkdir()
    outside.write_text("not yours\n", encoding="utf-8")
    (out / "casebook.json").symlink_to(outside)
    assert casebook(root, "export", "--out", str(out)).returncode == 0
    assert outside.read_text(encoding="utf-8") == "not yours\n"
    assert not (out / "casebook.json").is_symlink()
    assert (out / "casebook.json").read_text(encoding="utf-8").startswith("{")


def test_a_failed_bundle_leaves_no_partial_zip(built, tmp_path):
    root, _ = built
    out = tmp_path / "dist"
    result = casebook(root, "bundle", "--no-build", "--out", str(out), limit=4096)
    assert result.returncode != 0
    assert list(out.iterdir()) == []
    assert casebook(root, "bundle", "--no-build", "--out", str(out)).returncode == 0
    assert [p.suffix for p in out.iterdir()] == [".zip"]
