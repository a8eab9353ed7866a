"""The SQLite archive: one file, WAL mode, FTS5 search, one transaction per written batch."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from warta.errors import StoreError
from warta.store.base import utc_instant
from warta.store.dialect import Dialect, Statements, migrate_schema
from warta.store.query import fts5_match
from warta.store.schema import SQLITE_MIGRATIONS, Migration
from warta.store.sql import SqlArchive

_SEARCH = """
SELECT a.key, a.url, a.title, a.published, a.site_name, a.lang,
       snippet(articles_fts, -1, '[', ']', '…', 16) AS snippet,
       -bm25(articles_fts, 4.0, 1.0) AS score
FROM articles_fts JOIN articles AS a ON a.id = articles_fts.rowid
WHERE articles_fts MATCH :match AND a.latest = 1 {filters}
ORDER BY score DESC, a.id
LIMIT :limit
"""


def _sql_instant(value: datetime | date | None) -> str | None:
    """UTC time as fixed-width text, so string order is time order."""
    instant = utc_instant(value)
    return instant.strftime("%Y-%m-%d %H:%M:%S.%f") if instant else None


SQLITE = Dialect(
    key_match="key = %(key)s",
    source_match="source_url = %(key)s",
    site_suffix="substr(a.site, -length(%(dotsite)s)) = %(dotsite)s",
    is_latest="latest = 1",
    not_latest="0",
    json_cast="",
    colon_params=True,
    strip_nul=False,
    instant=_sql_instant,
)


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] = SQLITE_MIGRATIONS) -> int:
    """Bring the archive's schema up to the last of ``migrations``; returns the version."""
    # Outside a transaction: on an existing table this takes no write lock.
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    return migrate_schema(conn, migrations, SQLITE, lambda: _transaction(conn))


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    # IMMEDIATE takes the write lock up front, so two writers queue instead of deadlocking.
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class SqliteArchive(SqlArchive):
    """An archive in one SQLite file. ``synchronous="FULL"`` also survives power loss."""

    dialect = SQLITE
    statements = Statements.of(SQLITE)
    _errors = (sqlite3.Error,)

    def __init__(self, path: str | Path, *, synchronous: str = "NORMAL", timeout: float = 60.0):
        if synchronous.upper() not in {"OFF", "NORMAL", "FULL", "EXTRA"}:
            raise StoreError(f"unknown SQLite synchronous mode {synchronous!r}")
        self.path = Path(path)
        self.label = f"archive {self.path}"
        with self._failing_as("open"):
            self._conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
            self._conn.row_factory = sqlite3.Row
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute(f"PRAGMA synchronous = {synchronous.upper()}")
            migrate(self._conn)
        self._closed = False

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        with _transaction(self._conn):
            yield self._conn

    def _search_rows(self, terms: list[str], params: dict[str, Any], filters: str) -> list[Any]:
        sql = _SEARCH.format(filters=SQLITE.sql(filters))
        return list(self._conn.execute(sql, {**params, "match": fts5_match(terms)}).fetchall())

    def _dict_rows(self, sql: str, params: dict[str, Any]) -> list[Any]:
        return list(self._conn.execute(sql, params).fetchall())  # sqlite3.Row: by name
