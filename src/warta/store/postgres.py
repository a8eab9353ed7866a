"""The PostgreSQL archive (psycopg 3): same tables and behaviour as SQLite, tsvector search."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

import psycopg
from psycopg.rows import dict_row

from warta.article import Article, Status, parse_timestamp
from warta.errors import StoreError
from warta.store.base import Archive, SearchHit, StoredItem, utc_instant
from warta.store.query import parse_query
from warta.store.rows import (
    ARTICLE_COLUMNS,
    JSON_FIELDS,
    PROCESSED_COLUMNS,
    article_from_row,
    article_row,
    processed_row,
)
from warta.store.schema import POSTGRES_MIGRATIONS, Migration

_MIGRATION_LOCK = 0x77617274  # advisory lock id ("wart"): one migrator at a time

_INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}, version) VALUES ("
    + ", ".join(f"%({c})s::jsonb" if c in JSON_FIELDS else f"%({c})s" for c in ARTICLE_COLUMNS)
    + ", %(version)s)"
)
_UPSERT_PROCESSED = (
    f"INSERT INTO processed ({', '.join(PROCESSED_COLUMNS)}, version) "
    f"VALUES ({', '.join(f'%({c})s' for c in PROCESSED_COLUMNS)}, %(version)s) "
    "ON CONFLICT (origin) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in (*PROCESSED_COLUMNS[1:], "version"))
)
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


def _clean(value: Any) -> Any:
    # PostgreSQL text cannot hold NUL; a stray one in a page must not fail the whole batch.
    return value.replace("\x00", "") if isinstance(value, str) else value


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


class PostgresArchive(Archive):
    """An archive in a PostgreSQL database given by a ``postgresql://`` URL."""

    def __init__(self, url: str, *, connect_timeout: int = 30):
        self.url = url
        try:
            self._conn: psycopg.Connection[Any] = psycopg.connect(
                url, autocommit=True, connect_timeout=connect_timeout
            )
            migrate(self._conn)
        except psycopg.Error as exc:
            raise StoreError(f"cannot open PostgreSQL archive: {exc}") from exc
        self._closed = False

    def write(self, items: Sequence[StoredItem]) -> None:
        try:
            with self._conn.transaction(), self._conn.cursor() as cur:
                # Concurrent writers of one key queue on its lock, so they cannot both add the
                # same text or pick the same next version; sorted, so they cannot deadlock.
                keys = sorted({_clean(i.key) for i in items if i.status == Status.OK.value})
                for key in keys:
                    cur.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (key,))
                for item in items:
                    version = None
                    if item.status == Status.OK.value:
                        version = self._store_article(cur, item)
                    row = {k: _clean(v) for k, v in processed_row(item).items()}
                    cur.execute(_UPSERT_PROCESSED, {**row, "version": version})
        except psycopg.Error as exc:
            raise StoreError(f"cannot write to PostgreSQL archive: {exc}") from exc

    def _store_article(self, cur: psycopg.Cursor[Any], item: StoredItem) -> int:
        """The version this text has under its key: existing if identical, else a new one."""
        key = _clean(item.key)
        by_key = "md5(key) = md5(%(key)s) AND key = %(key)s"
        cur.execute(
            f"SELECT version FROM articles WHERE {by_key} AND content_hash = %(hash)s",
            {"key": key, "hash": item.content_hash},
        )
        found = cur.fetchone()
        if found:
            return int(found[0])
        cur.execute(f"SELECT coalesce(max(version), 0) FROM articles WHERE {by_key}", {"key": key})
        last = int(cur.fetchone()[0])  # type: ignore[index]
        cur.execute(f"UPDATE articles SET latest = FALSE WHERE {by_key} AND latest", {"key": key})
        row = {k: _clean(v) for k, v in article_row(item, strip_nul=True).items()}
        cur.execute(_INSERT_ARTICLE, {**row, "version": last + 1})
        return last + 1

    def done_origins(self, origins: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(origins))
        try:
            rows = self._conn.execute(
                "SELECT origin FROM processed WHERE origin = ANY(%s)", (wanted,)
            ).fetchall()
        except psycopg.Error as exc:
            raise StoreError(f"cannot read PostgreSQL archive: {exc}") from exc
        return {row[0] for row in rows}

    def search(
        self,
        query: str,
        *,
        site: str | None = None,
        since: datetime | date | None = None,
        lang: str | None = None,
        limit: int = 20,
    ) -> list[SearchHit]:
        terms = [_clean(t) for t in parse_query(query)]
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
        url = _clean(url)
        sql = (
            "SELECT * FROM articles WHERE latest AND ((md5(key) = md5(%(u)s) AND key = %(u)s)"
            " OR (md5(source_url) = md5(%(u)s) AND source_url = %(u)s))"
            " ORDER BY key = %(u)s DESC, id DESC LIMIT 1"
        )
        try:
            with self._conn.cursor(row_factory=dict_row) as cur:
                row = cur.execute(sql, {"u": url}).fetchone()
        except psycopg.Error as exc:
            raise StoreError(f"cannot read PostgreSQL archive: {exc}") from exc
        return article_from_row(row) if row else None

    def stats(self) -> dict[str, Any]:
        def one(sql: str) -> int:
            row = self._conn.execute(sql).fetchone()
            return int(row[0]) if row else 0

        def counts(sql: str) -> dict[str, int]:
            return {str(k): int(n) for k, n in self._conn.execute(sql)}

        latest = "FROM articles WHERE latest GROUP BY 1 ORDER BY 2 DESC, 1"
        try:
            return {
                "articles": one("SELECT count(*) FROM articles WHERE latest"),
                "versions": one("SELECT count(*) FROM articles"),
                "processed": one("SELECT count(*) FROM processed"),
                "by_status": counts(
                    "SELECT status, count(*) FROM processed GROUP BY 1 ORDER BY 2 DESC, 1"
                ),
                "by_site": counts(f"SELECT site, count(*) {latest}"),
                "by_lang": counts(f"SELECT coalesce(lang, 'unknown'), count(*) {latest}"),
            }
        except psycopg.Error as exc:
            raise StoreError(f"cannot read PostgreSQL archive: {exc}") from exc

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._conn.close()


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
