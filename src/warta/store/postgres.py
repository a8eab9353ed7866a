"""The PostgreSQL archive (psycopg 3): same tables and behaviour as SQLite, tsvector search."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.rows import dict_row

from warta.article import Status
from warta.store.base import StoredItem, utc_instant
from warta.store.dialect import Dialect, Statements, migrate_schema, without_nul
from warta.store.schema import POSTGRES_MIGRATIONS, Migration
from warta.store.sql import SqlArchive

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
    source_match="md5(source_url) = md5(%(key)s) AND source_url = %(key)s",
    site_suffix="right(a.site, length(%(dotsite)s)) = %(dotsite)s",
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
    with _migration_step(conn):
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    return migrate_schema(conn, migrations, POSTGRES, lambda: _migration_step(conn))


@contextmanager
def _migration_step(conn: psycopg.Connection[Any]) -> Iterator[None]:
    """A transaction holding the migration lock: one migrator at a time."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        yield


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

    @contextmanager
    def _writing(self) -> Iterator[psycopg.Cursor[Any]]:
        with self._conn.transaction(), self._conn.cursor() as cur:
            yield cur

    def write(self, items: Sequence[StoredItem]) -> None:
        with self._failing_as("write to"), self._writing() as cur:
            # Concurrent writers of one key queue on its lock, so they cannot both add the
            # same text or pick the same next version; sorted, so they cannot deadlock.
            keys = sorted({without_nul(i.key) for i in items if i.status == Status.OK.value})
            for key in keys:
                cur.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (key,))
            for item in items:
                self._write_item(cur, item)

    def _search_rows(self, terms: list[str], params: dict[str, Any], filters: str) -> list[Any]:
        parts = []
        for i, term in enumerate(terms):
            params[f"t{i}"] = term
            parts.append(f"phraseto_tsquery('simple', %(t{i})s)")
        sql = _SEARCH.format(tsquery=" && ".join(parts), filters=filters)
        return self._dict_rows(sql, params)

    def _dict_rows(self, sql: str, params: dict[str, Any]) -> list[Any]:
        with self._conn.cursor(row_factory=dict_row) as cur:
            return list(cur.execute(sql, params).fetchall())
