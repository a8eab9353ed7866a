"""Store test fixtures: the real PostgreSQL server (tests/support/postgres.py), and an empty
archive target for each backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.postgres import pg_database, pg_server, pg_url

__all__ = ["archive_target", "pg_database", "pg_server", "pg_url"]


@pytest.fixture(params=["sqlite", "postgres"])
def archive_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty archive target for each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "archive.db")
    return str(request.getfixturevalue("pg_url"))
