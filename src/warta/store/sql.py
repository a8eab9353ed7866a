"""What the SQLite and PostgreSQL archives share: versions, processed rows, lookups, search
filters, counts and crawl validators, over the statements of :mod:`warta.store.dialect`.

A backend gives its connection (both drivers' connections and cursors have
``execute``/``executemany``), its write transaction, its dialect and its full-text query.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import date, datetime
from typing import Any, ClassVar

from warta.article import Article, Status, parse_timestamp
from warta.errors import StoreError
from warta.store.bands import BandKey, band_keys
from warta.store.base import Archive, KnownArticle, SearchHit, StoredItem
from warta.store.dialect import (
    IN_CHUNK,
    Dialect,
    Statements,
    band_lookup,
    chunks,
    in_list,
    url_hash,
    without_nul,
)
from warta.store.query import parse_query
from warta.store.rows import article_from_row, article_row, processed_row


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
    def _writing(self) -> AbstractContextManager[Any]:
        """A write transaction; yields the cursor to write with."""

    def write(self, items: Sequence[StoredItem]) -> None:
        with self._failing_as("write to"), self._writing() as cur:
            for item in items:
                self._write_item(cur, item)

    def validators(self) -> dict[str, tuple[str | None, str | None]]:
        with self._failing_as("read"):
            rows = self._rows("SELECT url, etag, last_modified FROM validators ORDER BY url")
        return {url: (etag, modified) for url, etag, modified in rows}

    def keep_validators(self, items: Mapping[str, tuple[str | None, str | None]]) -> None:
        clean = without_nul if self.dialect.strip_nul else (lambda value: value)
        rows = [
            {"hash": url_hash(clean(url)), "url": clean(url), "etag": clean(etag),
             "modified": clean(modified)}
            for url, (etag, modified) in sorted(items.items())
        ]  # fmt: skip
        if rows:
            with self._failing_as("write to"), self._writing() as cur:
                cur.executemany(self.statements.upsert_validators, rows)

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
                ids.update(int(row[0]) for row in self._rows(band_lookup(len(pairs)), params))
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
