"""Fixtures of the ingest tests: the real pages and a loopback server that misbehaves."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# tests/ is not a package: put it on the path to reach tests/support/ (tests/conftest.py does
# the same; this keeps the folder runnable on its own).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest_helpers import Page, load_pages

from support.httpserver import LoopbackServer


@pytest.fixture(scope="session")
def pages() -> list[Page]:
    return load_pages()


@pytest.fixture()
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as srv:
        yield srv
