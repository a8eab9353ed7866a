"""What the SQLite and PostgreSQL archives share: versions, processed rows, lookups, counts.

Both backends run the same statements, written once here in psycopg's ``%(name)s`` style
(SQLite gets them as ``:name``) around a few dialect pieces: how a row is matched by its key
(PostgreSQL compares ``md5(key)`` first, so huge URLs can be indexed), how "latest" is
written, and whether NUL characters must go. A backend gives its connection (both drivers'
connections and cursors have ``execute``/``executemany``), its write transaction and its own
search.
"""

from __future__ import annotations

import re
from abc import abstractmethod
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar

from warta.article import Article, Status, parse_timestamp
from warta.errors import StoreError
from warta.store.bands import BandKey, band_keys
from warta.store.base import Archive, KnownArticle, SearchHit, StoredItem
from warta.store.query import parse_query
from warta.store.rows import (
    ARTICLE_COLUMNS,
    JSON_FIELDS,
    PROCESSED_COLUMNS,
    article_from_row,
    article_row,
    processed_row,
)
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


def _band_lookup(count: int) -> str:
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


def without_nul(value: Any) -> Any:
    return value.replace("\x00", "") if isinstance(value, str) else value


class SqlArchive(Archive):
    """An archive in a SQL database; subclasses connect, lock and search."""

    dialect: ClassVar[Dialect]
    statements: ClassVar[Statements]
    label: str  # how messages name the archive ("archive news.db")
    _conn: Any  # a DB-API connection whose execute() returns a cursor
    _closed: bool
    _errors: ClassVar[tuple[type[Exception], ...]]

    @contextmanager
    def _failing_as(self, doing: str) -> Iterator[None]:
        """The driver's errors as StoreError: "cannot <doing> <label>: …"."""
        try:
            yield
        except self._errors as exc:
            raise StoreError(f"cannot {doing} {self.label}: {exc}") from exc

    def _rows(self, sql: str, params: dict[str, Any] | None = None) -> list[Any]:
        return list(self._conn.execute(self.dialect.sql(sql), params or {}).fetchall())

    @abstractmethod
    def write(self, items: Sequence[StoredItem]) -> None: ...

    def _write_item(self, cur: Any, item: StoredItem) -> None:
        """One item's rows, inside the caller's transaction (``cur``: its cursor)."""
        version = None
        if item.status == Status.OK.value:
            version = self._store_article(cur, item)
        row = processed_row(item)
        if self.dialect.strip_nul:
            row = {k: without_nul(v) for k, v in row.items()}
        cur.execute(self.statements.upsert_processed, {**row, "version": version})

    def _store_article(self, cur: Any, item: StoredItem) -> int:
        """The version this text has under its key: existing if identical, else a new one
        (with its signature's band keys, so later runs find it as a near duplicate)."""
        s, strip = self.statements, self.dialect.strip_nul
        key = without_nul(item.key) if strip else item.key
        found = cur.execute(s.find_version, {"key": key, "hash": item.content_hash}).fetchone()
        if found:
            return int(found[0])
        last = int(cur.execute(s.last_version, {"key": key}).fetchone()[0])
        cur.execute(s.unset_latest, {"key": key})
        row = article_row(item, strip_nul=strip)
        if strip:
            row = {k: without_nul(v) for k, v in row.items()}
        row["published_at"] = self.dialect.instant(item.article.published)
        params = {**row, "version": last + 1, "minhash": item.minhash}
        article_id = int(cur.execute(s.insert_article, params).fetchone()[0])
        bands = [{"band": b, "hash": h, "id": article_id} for b, h in band_keys(item.minhash)]
        if bands:
            cur.executemany(s.insert_band, bands)
        return last + 1

    def done_origins(self, origins: Iterable[str]) -> set[str]:
        done: set[str] = set()
        with self._failing_as("read"):
            for chunk in chunks(dict.fromkeys(origins), IN_CHUNK):
                marks, params = in_list("o", chunk)
                sql = f"SELECT origin FROM processed WHERE origin IN ({marks})"
                done.update(row[0] for row in self._rows(sql, params))
        return done

    def known_articles(
        self, hashes: Collection[str], bands: Collection[BandKey]
    ) -> list[KnownArticle]:
        ids: set[int] = set()
        with self._failing_as("read"):
            for chunk in chunks(sorted(hashes), IN_CHUNK):
                marks, params = in_list("h", chunk)
                sql = f"SELECT id FROM articles WHERE content_hash IN ({marks})"
                ids.update(int(row[0]) for row in self._rows(sql, params))
            for pairs in chunks(sorted(bands), IN_CHUNK // 2):
                params = {f"b{n}": b for n, (b, _h) in enumerate(pairs)}
                params.update({f"h{n}": h for n, (_b, h) in enumerate(pairs)})
                ids.update(int(row[0]) for row in self._rows(_band_lookup(len(pairs)), params))
            found: list[KnownArticle] = []
            for chunk in chunks(sorted(ids), IN_CHUNK):
                marks, params = in_list("i", chunk)
                sql = (
                    "SELECT id, key, origin, content_hash, minhash FROM articles "
                    f"WHERE id IN ({marks}) ORDER BY id"
                )
                found += [
                    KnownArticle(int(i), k, o, h, bytes(m) if m is not None else None)
                    for i, k, o, h, m in self._rows(sql, params)
                ]
        return found

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
        if self.dialect.strip_nul:
            terms = [without_nul(term) for term in terms]
        if not terms or limit <= 0:
            return []
        params: dict[str, Any] = {"limit": limit}
        filters = []
        if site:
            params["site"] = site.lower().removeprefix("www.")
            params["dotsite"] = "." + params["site"]
            filters.append(f"AND (a.site = %(site)s OR {self.dialect.site_suffix})")
        if since is not None:
            params["since"] = self.dialect.instant(since)
            filters.append("AND a.published_at >= %(since)s")
        if lang:
            params["lang"] = lang
            filters.append("AND a.lang = %(lang)s")
        with self._failing_as("search"):
            rows = self._search_rows(terms, params, " ".join(filters))
        return [
            SearchHit(
                url=row["url"] or row["key"],
                title=row["title"],
                published=parse_timestamp(row["published"]),
                site_name=row["site_name"],
                lang=row["lang"],
                snippet=row["snippet"] or "",
                score=float(row["score"]),
            )
            for row in rows
        ]

    @abstractmethod
    def _search_rows(self, terms: list[str], params: dict[str, Any], filters: str) -> list[Any]:
        """The backend's search: rows with key, url, title, published, site_name, lang,
        snippet and score, best first; ``filters`` are "AND …" conditions on ``a``."""

    @abstractmethod
    def _dict_rows(self, sql: str, params: dict[str, Any]) -> list[Any]:
        """Rows readable by column name."""

    def get(self, url: str) -> Article | None:
        d = self.dialect
        sql = (
            f"SELECT * FROM articles WHERE {d.is_latest} AND (({d.key_match}) OR "
            f"({d.source_match})) ORDER BY key = %(key)s DESC, id DESC LIMIT 1"
        )
        key = without_nul(url) if d.strip_nul else url
        with self._failing_as("read"):
            rows = self._dict_rows(d.sql(sql), {"key": key})
        return article_from_row(rows[0]) if rows else None

    def stats(self) -> dict[str, Any]:
        def one(sql: str) -> int:
            rows = self._rows(sql)
            return int(rows[0][0]) if rows else 0

        def counts(sql: str) -> dict[str, int]:
            return {str(k): int(n) for k, n in self._rows(sql)}

        latest = f"FROM articles WHERE {self.dialect.is_latest} GROUP BY 1 ORDER BY 2 DESC, 1"
        with self._failing_as("read"):
            return {
                "articles": one(f"SELECT count(*) FROM articles WHERE {self.dialect.is_latest}"),
                "versions": one("SELECT count(*) FROM articles"),
                "processed": one("SELECT count(*) FROM processed"),
                "by_status": counts(
                    "SELECT status, count(*) FROM processed GROUP BY 1 ORDER BY 2 DESC, 1"
                ),
                "by_site": counts(f"SELECT site, count(*) {latest}"),
                "by_lang": counts(f"SELECT coalesce(lang, 'unknown'), count(*) {latest}"),
            }

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._conn.close()
