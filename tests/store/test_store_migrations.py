"""Schema migrations: from an empty database, step by step, re-open, and a newer schema."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_samples import article

from warta.errors import StoreError
from warta.store import StoredItem, open_archive
from warta.store.schema import POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS

LATEST = SQLITE_MIGRATIONS[-1][0]


def test_sqlite_empty_to_latest_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    with open_archive(path) as archive:
        archive.write([StoredItem.of(article(1), "o:1")])
    with open_archive(path) as archive:  # re-opening applies nothing and keeps the data
        assert archive.stats()["articles"] == 1
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(LATEST,)]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_sqlite_upgrade_indexes_existing_rows(tmp_path: Path) -> None:
    from warta.store.sqlite import migrate

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, SQLITE_MIGRATIONS[:1]) == 1  # an archive from before search existed
    conn.execute(
        "INSERT INTO articles (key, version, content_hash, origin, site, text, markdown, title)"
        " VALUES ('https://x.id/1', 1, 'h', 'o:1', 'x.id', 'Gempa di Palu', '', 'Gempa')"
    )
    conn.close()
    with open_archive(path) as archive:
        assert [h.url for h in archive.search("palu")] == ["https://x.id/1"]
        assert archive.stats()["versions"] == 1


def test_sqlite_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    open_archive(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE schema_version SET version = ?", (LATEST + 1,))
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        open_archive(path)


def test_sqlite_unopenable_path_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        open_archive(tmp_path / "missing-dir" / "a.db")


def test_postgres_empty_to_latest_step_by_step(pg_url: str) -> None:
    import psycopg

    from warta.store.postgres import migrate

    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert migrate(conn, POSTGRES_MIGRATIONS[:1]) == 1
        conn.execute(
            "INSERT INTO articles (key, version, content_hash, origin, site, text, markdown)"
            " VALUES ('https://x.id/1', 1, 'h', 'o:1', 'x.id', 'Gempa di Palu', '')"
        )
    with open_archive(pg_url) as archive:
        assert [h.url for h in archive.search("palu")] == ["https://x.id/1"]
    with open_archive(pg_url) as archive:
        assert archive.stats()["versions"] == 1
    with psycopg.connect(pg_url, autocommit=True) as conn:
        row = conn.execute("SELECT version FROM schema_version").fetchall()
        assert row == [(POSTGRES_MIGRATIONS[-1][0],)]
        conn.execute("UPDATE schema_version SET version = version + 1")
    with pytest.raises(StoreError, match="newer"):
        open_archive(pg_url)


def test_postgres_bad_url_is_a_store_error(pg_server: object) -> None:
    with pytest.raises(StoreError):
        open_archive("postgresql://nobody@127.0.0.1:1/none", connect_timeout=2)
