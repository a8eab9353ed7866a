"""The SQLite archive: one file, WAL mode, FTS5 search, one transaction per written batch."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from warta.article import Article, parse_timestamp
from warta.errors import StoreError
from warta.store.base import SearchHit, StoredItem, utc_instant
from warta.store.query import fts5_match, parse_query
from warta.store.rows import article_from_row
from warta.store.schema import SQLITE_MIGRATIONS, Migration
from warta.store.sql import Dialect, SqlArchive, Statements

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
    is_latest="latest = 1",
    not_latest="0",
    json_cast="",
    colon_params=True,
    strip_nul=False,
    instant=_sql_instant,
)


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] = SQLITE_MIGRATIONS) -> int:
    """Bring the archive's schema up to the last of ``migrations``; returns the version."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    newest = migrations[-1][0] if migrations else 0
    if _schema_version(conn) > newest:
        raise StoreError(f"archive schema {_schema_version(conn)} is newer than this warta knows")
    if _schema_version(conn) == newest:
        return newest  # the usual case: no write lock taken just to open
    for version, statements in migrations:
        with _transaction(conn):
            # Re-read under the write lock: another process may have just migrated.
            if version <= _schema_version(conn):
                continue
            for statement in statements:
                conn.execute(statement)
            conn.execute("DELETE FROM schema_version")
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
    return _schema_version(conn)


def _schema_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


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

    def write(self, items: Sequence[StoredItem]) -> None:
        with self._failing_as("write to"), _transaction(self._conn):
            for item in items:
                self._write_item(self._conn, item)

    def search(
        self,
        query: str,
        *,
        site: str | None = None,
        since: datetime | date | None = None,
        lang: str | None = None,
        limit: int = 20,
    ) -> list[SearchHit]:
        terms = parse_query(query)
        if not terms or limit <= 0:
            return []
        params: dict[str, Any] = {"match": fts5_match(terms), "limit": limit}
        filters = []
        if site:
            params["site"] = site.lower().removeprefix("www.")
            params["dotsite"] = "." + params["site"]
            filters.append("AND (a.site = :site OR substr(a.site, -length(:dotsite)) = :dotsite)")
        if since is not None:
            params["since"] = _sql_instant(since)
            filters.append("AND a.published_at >= :since")
        if lang:
            params["lang"] = lang
            filters.append("AND a.lang = :lang")
        sql = _SEARCH.format(filters=" ".join(filters))
        try:
            rows = self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"search failed in {self.path}: {exc}") from exc
        return [_hit(row) for row in rows]

    def get(self, url: str) -> Article | None:
        with self._failing_as("read"):
            row = self._conn.execute(
                "SELECT * FROM articles WHERE latest = 1 AND (key = :u OR source_url = :u) "
                "ORDER BY key = :u DESC, id DESC LIMIT 1",
                {"u": url},
            ).fetchone()
        return article_from_row(row) if row else None


def _hit(row: sqlite3.Row) -> SearchHit:
    return SearchHit(
        url=row["url"] or row["key"],
        title=row["title"],
        published=parse_timestamp(row["published"]),
        site_name=row["site_name"],
        lang=row["lang"],
        snippet=row["snippet"] or "",
        score=float(row["score"]),
    )
