"""mypy is clean on src/ with the settings in pyproject.toml ([tool.mypy])."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest

from conftest import REPO


def test_mypy_finds_no_errors_in_src():
    if importlib.util.find_spec("mypy") is None:
        if os.environ.get("CI") == "true":  # CI installs the test extras: missing is a fault
            pytest.fail("mypy is not installed: pip install -e '.[test]'")
        pytest.skip("mypy is not installed (pip install -e '.[test]'): types not checked")
    # The project root's settings and cache (.mypy_cache, git-ignored) keep reruns fast.
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "src"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"mypy found errors:\n{result.stdout}{result.stderr}"
