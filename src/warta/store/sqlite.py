"""The SQLite archive: one file, WAL mode, FTS5 search, one transaction per written batch."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from warta.article import Article, Status, parse_timestamp
from warta.errors import StoreError
from warta.store.base import Archive, SearchHit, StoredItem, utc_instant
from warta.store.query import fts5_match, parse_query
from warta.store.rows import (
    ARTICLE_COLUMNS,
    PROCESSED_COLUMNS,
    article_from_row,
    article_row,
    processed_row,
)
from warta.store.schema import SQLITE_MIGRATIONS, Migration

_INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}, version) "
    f"VALUES ({', '.join(':' + c for c in ARTICLE_COLUMNS)}, :version)"
)
_UPSERT_PROCESSED = (
    f"INSERT INTO processed ({', '.join(PROCESSED_COLUMNS)}, version) "
    f"VALUES ({', '.join(':' + c for c in PROCESSED_COLUMNS)}, :version) "
    "ON CONFLICT (origin) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in (*PROCESSED_COLUMNS[1:], "version"))
)
_SEARCH = """
SELECT a.key, a.url, a.title, a.published, a.site_name, a.lang,
       snippet(articles_fts, -1, '[', ']', '…', 16) AS snippet,
       -bm25(articles_fts, 4.0, 1.0) AS score
FROM articles_fts JOIN articles AS a ON a.id = articles_fts.rowid
WHERE articles_fts MATCH :match AND a.latest = 1 {filters}
ORDER BY score DESC, a.id
LIMIT :limit
"""
_IN_CHUNK = 500  # stay far below SQLite's bound-parameter limit


def _sql_instant(value: datetime | date | None) -> str | None:
    """UTC time as fixed-width text, so string order is time order."""
    instant = utc_instant(value)
    return instant.strftime("%Y-%m-%d %H:%M:%S.%f") if instant else None


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


class SqliteArchive(Archive):
    """An archive in one SQLite file. ``synchronous="FULL"`` also survives power loss."""

    def __init__(self, path: str | Path, *, synchronous: str = "NORMAL", timeout: float = 60.0):
        if synchronous.upper() not in {"OFF", "NORMAL", "FULL", "EXTRA"}:
            raise StoreError(f"unknown SQLite synchronous mode {synchronous!r}")
        self.path = Path(path)
        try:
            self._conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
            self._conn.row_factory = sqlite3.Row
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute(f"PRAGMA synchronous = {synchronous.upper()}")
            migrate(self._conn)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open archive {self.path}: {exc}") from exc
        self._closed = False

    def write(self, items: Sequence[StoredItem]) -> None:
        try:
            with _transaction(self._conn):
                for item in items:
                    self._write_one(item)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to archive {self.path}: {exc}") from exc

    def _write_one(self, item: StoredItem) -> None:
        version = None
        if item.status == Status.OK.value:
            version = self._store_article(item)
        self._conn.execute(_UPSERT_PROCESSED, {**processed_row(item), "version": version})

    def _store_article(self, item: StoredItem) -> int:
        """The version this text has under its key: existing if identical, else a new one."""
        key = item.key
        found = self._conn.execute(
            "SELECT version FROM articles WHERE key = ? AND content_hash = ?",
            (key, item.content_hash),
        ).fetchone()
        if found:
            return int(found[0])
        last = self._conn.execute(
            "SELECT coalesce(max(version), 0) FROM articles WHERE key = ?", (key,)
        ).fetchone()[0]
        self._conn.execute("UPDATE articles SET latest = 0 WHERE key = ? AND latest = 1", (key,))
        row = article_row(item)
        row["published_at"] = _sql_instant(item.article.published)
        self._conn.execute(_INSERT_ARTICLE, {**row, "version": last + 1})
        return int(last) + 1

    def done_origins(self, origins: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(origins))
        done: set[str] = set()
        try:
            for start in range(0, len(wanted), _IN_CHUNK):
                chunk = wanted[start : start + _IN_CHUNK]
                marks = ", ".join("?" * len(chunk))
                sql = f"SELECT origin FROM processed WHERE origin IN ({marks})"
                done.update(row[0] for row in self._conn.execute(sql, chunk))
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read archive {self.path}: {exc}") from exc
        return done

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
        try:
            row = self._conn.execute(
                "SELECT * FROM articles WHERE latest = 1 AND (key = :u OR source_url = :u) "
                "ORDER BY key = :u DESC, id DESC LIMIT 1",
                {"u": url},
            ).fetchone()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read archive {self.path}: {exc}") from exc
        return article_from_row(row) if row else None

    def stats(self) -> dict[str, Any]:
        def counts(sql: str) -> dict[str, int]:
            return {str(k): int(n) for k, n in self._conn.execute(sql)}

        one = self._conn.execute
        latest = "FROM articles WHERE latest = 1 GROUP BY 1 ORDER BY 2 DESC, 1"
        try:
            return {
                "articles": one("SELECT count(*) FROM articles WHERE latest = 1").fetchone()[0],
                "versions": one("SELECT count(*) FROM articles").fetchone()[0],
                "processed": one("SELECT count(*) FROM processed").fetchone()[0],
                "by_status": counts(
                    "SELECT status, count(*) FROM processed GROUP BY 1 ORDER BY 2 DESC, 1"
                ),
                "by_site": counts(f"SELECT site, count(*) {latest}"),
                "by_lang": counts(f"SELECT coalesce(lang, 'unknown'), count(*) {latest}"),
            }
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read archive {self.path}: {exc}") from exc

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._conn.close()


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
