"""The project's notion of "today": the build date printed on pages, bundles and releases."""

from __future__ import annotations

import datetime
import os
import time


def build_date() -> datetime.date:
    """Today, or SOURCE_DATE_EPOCH's day so that builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch and epoch.isdigit() else time.time()
    return datetime.datetime.fromtimestamp(seconds, datetime.UTC).date()


__all__ = ["build_date"]
