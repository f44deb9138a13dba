"""CI runs on GitHub as written: every job has a time limit, and browser tests do not rely
on Ubuntu's chromium package (a snap stub on current runners)."""

from __future__ import annotations

import pytest
import yaml

from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_every_job_has_a_timeout(path):
    jobs = yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"]
    assert jobs and all(isinstance(job.get("timeout-minutes"), int) for job in jobs.values())


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_no_job_installs_ubuntus_chromium(path):
    for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values():
        for step in job.get("steps", []):
            run = step.get("run", "")
            assert "apt-get install" not in run or "chromium" not in run, step


def test_browser_tests_get_a_playwright_managed_chromium():
    text = (REPO / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8")
    assert "playwright install --with-deps chromium" in text
