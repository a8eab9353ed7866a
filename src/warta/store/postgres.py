"""The PostgreSQL archive (psycopg 3): same tables and behaviour as SQLite, tsvector search."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import psycopg
from psycopg.rows import dict_row

from warta.article import Article, Status, parse_timestamp
from warta.errors import StoreError
from warta.store.base import SearchHit, StoredItem, utc_instant
from warta.store.query import parse_query
from warta.store.rows import article_from_row
from warta.store.schema import POSTGRES_MIGRATIONS, Migration
from warta.store.sql import Dialect, SqlArchive, Statements, without_nul

_MIGRATION_LOCK = 0x77617274  # advisory lock id ("wart"): one migrator at a time

# The headline is computed in the outer query so only the returned rows pay for it.
_SEARCH = """
WITH q AS (SELECT {tsquery} AS query)
SELECT hit.*, ts_headline('simple', hit.text, q.query,
       'StartSel=[, StopSel=], MaxWords=30, MinWords=12, MaxFragments=1') AS snippet
FROM (
    SELECT a.id, a.key, a.url, a.title, a.published, a.site_name, a.lang, a.text,
           ts_rank_cd(a.tsv, q.query) AS score
    FROM articles AS a, q
    WHERE a.latest AND a.tsv @@ q.query {filters}
    ORDER BY score DESC, a.id
    LIMIT %(limit)s
) AS hit, q
ORDER BY hit.score DESC, hit.id
"""


POSTGRES = Dialect(
    # Keys are URLs of any length: rows are found by md5(key), then by key itself.
    key_match="md5(key) = md5(%(key)s) AND key = %(key)s",
    is_latest="latest",
    not_latest="FALSE",
    json_cast="::jsonb",
    colon_params=False,
    strip_nul=True,
    instant=utc_instant,
)


def migrate(
    conn: psycopg.Connection[Any], migrations: Sequence[Migration] = POSTGRES_MIGRATIONS
) -> int:
    """Bring the schema up to the last of ``migrations``; returns the version."""
    newest = migrations[-1][0] if migrations else 0
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    if _schema_version(conn) > newest:
        raise StoreError(f"archive schema {_schema_version(conn)} is newer than this warta knows")
    if _schema_version(conn) == newest:
        return newest  # the usual case: no write lock taken just to open
    for version, statements in migrations:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            if version <= _schema_version(conn):
                continue
            for statement in statements:
                conn.execute(statement)
            conn.execute("DELETE FROM schema_version")
            conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (version,))
    return _schema_version(conn)


def _schema_version(conn: psycopg.Connection[Any]) -> int:
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


class PostgresArchive(SqlArchive):
    """An archive in a PostgreSQL database given by a ``postgresql://`` URL."""

    dialect = POSTGRES
    statements = Statements.of(POSTGRES)
    _errors = (psycopg.Error,)

    def __init__(self, url: str, *, connect_timeout: int = 30):
        self.url = url
        self.label = "PostgreSQL archive"
        with self._failing_as("open"):
            self._conn: psycopg.Connection[Any] = psycopg.connect(
                url, autocommit=True, connect_timeout=connect_timeout
            )
            migrate(self._conn)
        self._closed = False

    def write(self, items: Sequence[StoredItem]) -> None:
        with self._failing_as("write to"), self._conn.transaction(), self._conn.cursor() as cur:
            # Concurrent writers of one key queue on its lock, so they cannot both add the
            # same text or pick the same next version; sorted, so they cannot deadlock.
            keys = sorted({without_nul(i.key) for i in items if i.status == Status.OK.value})
            for key in keys:
                cur.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (key,))
            for item in items:
                self._write_item(cur, item)

    def search(
        self,
        query: str,
        *,
        site: str | None = None,
        since: datetime | date | None = None,
        lang: str | None = None,
        limit: int = 20,
    ) -> list[SearchHit]:
        terms = [without_nul(t) for t in parse_query(query)]
        if not terms or limit <= 0:
            return []
        params: dict[str, Any] = {"limit": limit}
        parts = []
        for i, term in enumerate(terms):
            params[f"t{i}"] = term
            parts.append(f"phraseto_tsquery('simple', %(t{i})s)")
        filters = []
        if site:
            params["site"] = site.lower().removeprefix("www.")
            params["dotsite"] = "." + params["site"]
            filters.append(
                "AND (a.site = %(site)s OR right(a.site, length(%(dotsite)s)) = %(dotsite)s)"
            )
        if since is not None:
            params["since"] = utc_instant(since)
            filters.append("AND a.published_at >= %(since)s")
        if lang:
            params["lang"] = lang
            filters.append("AND a.lang = %(lang)s")
        sql = _SEARCH.format(tsquery=" && ".join(parts), filters=" ".join(filters))
        try:
            with self._conn.cursor(row_factory=dict_row) as cur:
                rows = cur.execute(sql, params).fetchall()
        except psycopg.Error as exc:
            raise StoreError(f"search failed: {exc}") from exc
        return [_hit(row) for row in rows]

    def get(self, url: str) -> Article | None:
        url = without_nul(url)
        sql = (
            "SELECT * FROM articles WHERE latest AND ((md5(key) = md5(%(u)s) AND key = %(u)s)"
            " OR (md5(source_url) = md5(%(u)s) AND source_url = %(u)s))"
            " ORDER BY key = %(u)s DESC, id DESC LIMIT 1"
        )
        with self._failing_as("read"), self._conn.cursor(row_factory=dict_row) as cur:
            row = cur.execute(sql, {"u": url}).fetchone()
        return article_from_row(row) if row else None


def _hit(row: dict[str, Any]) -> SearchHit:
    return SearchHit(
        url=row["url"] or row["key"],
        title=row["title"],
        published=parse_timestamp(row["published"]),
        site_name=row["site_name"],
        lang=row["lang"],
        snippet=row["snippet"] or "",
        score=float(row["score"]),
    )
