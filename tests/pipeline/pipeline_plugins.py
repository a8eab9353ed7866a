"""Extractors that misbehave on purpose, loaded by worker processes as ``module:function``."""

from __future__ import annotations

import os
import time
from datetime import datetime
from typing import Any

from warta import Article, extract

HANG_MARK = b"<!-- warta-test: hang -->"
CRASH_MARK = b"<!-- warta-test: crash -->"


def misbehaving(
    page: bytes,
    url: str | None = None,
    *,
    crawled_at: datetime | None = None,
    headers: Any = None,
) -> Article:
    """:func:`warta.extract`, except that marked pages hang forever or kill the process."""
    if HANG_MARK in page:
        while True:
            time.sleep(1.0)
    if CRASH_MARK in page:
        os._exit(70)
    return extract(page, url, crawled_at=crawled_at, headers=headers)


def raising(page: bytes, url: str | None = None, **_: Any) -> Article:
    raise RuntimeError("plug-in exploded")


def echo_length(task: int) -> int:
    """A pool task: -1 hangs, -2 kills its process, -3 raises; others are doubled."""
    if task == -1:
        while True:
            time.sleep(1.0)
    if task == -2:
        os._exit(3)
    if task == -3:
        raise ValueError("bad task")
    return task * 2
