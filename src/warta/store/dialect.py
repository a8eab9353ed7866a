"""The SQL the SQLite and PostgreSQL archives share, and the pieces in which they differ.

Shared statements are written once, in psycopg's ``%(name)s`` style; SQLite gets them as
``:name``. A :class:`Dialect` holds the rest: how a row is matched by its key (PostgreSQL
compares ``md5(key)`` first, so huge URLs can be indexed), how "latest" is written, and whether
NUL characters must go.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from warta.errors import StoreError
from warta.store.rows import ARTICLE_COLUMNS, JSON_FIELDS, PROCESSED_COLUMNS
from warta.store.schema import Migration

IN_CHUNK = 500  # values per IN list: far below SQLite's bound-parameter limit
_NAMED = re.compile(r"%\((\w+)\)s")


@dataclass(frozen=True, slots=True)
class Dialect:
    """The pieces of SQL in which the two backends differ."""

    key_match: str  # true when the row's key is %(key)s
    source_match: str  # true when the row's source_url is %(key)s
    site_suffix: str  # true when a.site ends with %(dotsite)s
    is_latest: str  # true for the latest version of a key
    not_latest: str  # the value that marks a version as not the latest
    json_cast: str  # appended to a JSON parameter ("::jsonb" where the column is JSONB)
    colon_params: bool  # SQLite's :name instead of %(name)s
    strip_nul: bool  # PostgreSQL text cannot hold NUL
    instant: Callable[[datetime | date | None], Any]  # published_at as the column wants it

    def sql(self, text: str) -> str:
        return _NAMED.sub(r":\1", text) if self.colon_params else text


@dataclass(frozen=True, slots=True)
class Statements:
    """The shared statements, written out once for a dialect."""

    find_version: str
    last_version: str
    unset_latest: str
    insert_article: str
    insert_band: str
    upsert_processed: str
    upsert_validators: str

    @classmethod
    def of(cls, d: Dialect) -> Statements:
        values = [f"%({c})s{d.json_cast if c in JSON_FIELDS else ''}" for c in ARTICLE_COLUMNS]
        columns = ", ".join((*PROCESSED_COLUMNS, "version"))
        params = ", ".join(f"%({c})s" for c in (*PROCESSED_COLUMNS, "version"))
        updates = ", ".join(f"{c} = excluded.{c}" for c in (*PROCESSED_COLUMNS[1:], "version"))
        return cls(
            find_version=d.sql(
                f"SELECT version FROM articles WHERE {d.key_match} AND content_hash = %(hash)s"
            ),
            last_version=d.sql(
                f"SELECT coalesce(max(version), 0) FROM articles WHERE {d.key_match}"
            ),
            unset_latest=d.sql(
                f"UPDATE articles SET latest = {d.not_latest} WHERE {d.key_match} AND {d.is_latest}"
            ),
            insert_article=d.sql(
                f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}, version, minhash) "
                f"VALUES ({', '.join(values)}, %(version)s, %(minhash)s) RETURNING id"
            ),
            insert_band=d.sql(
                "INSERT INTO article_bands (band, hash, article_id) "
                "VALUES (%(band)s, %(hash)s, %(id)s) ON CONFLICT DO NOTHING"
            ),
            upsert_processed=d.sql(
                f"INSERT INTO processed ({columns}) VALUES ({params}) "
                f"ON CONFLICT (origin) DO UPDATE SET {updates}"
            ),
            upsert_validators=d.sql(
                "INSERT INTO validators (url_hash, url, etag, last_modified) "
                "VALUES (%(hash)s, %(url)s, %(etag)s, %(modified)s) ON CONFLICT (url_hash) "
                "DO UPDATE SET url = excluded.url, etag = excluded.etag, "
                "last_modified = excluded.last_modified"
            ),
        )


def migrate_schema(
    conn: Any,
    migrations: Sequence[Migration],
    dialect: Dialect,
    step: Callable[[], AbstractContextManager[Any]],
) -> int:
    """Bring the schema up to the last of ``migrations``; returns the version.

    ``step()`` is the transaction one migration step runs in, holding whatever lock keeps two
    processes from migrating at once; the step re-reads the version under it, since another
    process may have just migrated.
    """
    newest = migrations[-1][0] if migrations else 0
    if _schema_version(conn) > newest:
        raise StoreError(f"archive schema {_schema_version(conn)} is newer than this warta knows")
    if _schema_version(conn) == newest:
        return newest  # the usual case: no write lock taken just to open
    for version, statements in migrations:
        with step():
            if version <= _schema_version(conn):
                continue
            for statement in statements:
                conn.execute(statement)
            conn.execute("DELETE FROM schema_version")
            insert = dialect.sql("INSERT INTO schema_version (version) VALUES (%(v)s)")
            conn.execute(insert, {"v": version})
    return _schema_version(conn)


def _schema_version(conn: Any) -> int:
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def chunks(values: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for value in values:
        batch.append(value)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def in_list(prefix: str, values: Sequence[Any]) -> tuple[str, dict[str, Any]]:
    """``%(p0)s, %(p1)s, …`` and its parameters."""
    params = {f"{prefix}{n}": value for n, value in enumerate(values)}
    return ", ".join(f"%({name})s" for name in params), params


def band_lookup(count: int) -> str:
    """The ids of articles with any of ``count`` (band, hash) pairs: a join with the list, so
    each pair is one index search (``(band, hash) IN (…)`` scans the table in SQLite). The
    casts give PostgreSQL the column types, so its index is usable too."""
    values = ", ".join(
        f"(CAST(%(b{n})s AS INTEGER), CAST(%(h{n})s AS BIGINT))" for n in range(count)
    )
    return (
        f"SELECT DISTINCT b.article_id FROM (VALUES {values}) AS q "
        "JOIN article_bands AS b ON b.band = q.column1 AND b.hash = q.column2"
    )


def url_hash(url: str) -> str:
    """The validators table's key: any URL as a short, indexable text."""
    return hashlib.blake2b(url.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def without_nul(value: Any) -> Any:
    return value.replace("\x00", "") if isinstance(value, str) else value
