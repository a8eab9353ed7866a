"""What every sink shares: the stored item, its content hash, and the Sink/Archive interfaces."""

from __future__ import annotations

import hashlib
import re
from abc import ABC, abstractmethod
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlsplit

from warta.article import Article, parse_timestamp
from warta.store.bands import BandKey

DUPLICATE = "duplicate"  # the processed status of an item whose text was already stored
FILTERED = "filtered"  # the processed status of an item a filter (language) set aside

_SPACE = re.compile(r"\s+")
_SITE_UNSAFE = re.compile(r"[^a-z0-9._-]+")


def content_hash(text: str) -> str:
    """A hash of what the text says, blind to case and to how whitespace was laid out.

    The pipeline's exact-duplicate step uses this same function, so two pages whose bodies
    differ only in spacing or capitals count as one article.
    """
    normal = _SPACE.sub(" ", text.casefold()).strip()
    return hashlib.blake2b(normal.encode("utf-8"), digest_size=16).hexdigest()


@dataclass(frozen=True, slots=True)
class StoredItem:
    """One input record's outcome, ready to be written.

    ``origin`` is the input's key ("warc:/x.warc.gz@1234"): a resumed run skips the origins a
    sink reports as done. ``duplicate_of`` names the item this one duplicates (set by the
    pipeline's dedup step); a duplicate is recorded as processed but its text is not stored
    again in an archive. ``filtered`` marks an item a filter set aside: archives record it as
    processed, file sinks do not write it. ``minhash`` is the text's MinHash signature (see
    :mod:`warta.store.bands`): an archive keeps it so later runs find near duplicates.
    """

    article: Article
    origin: str
    crawled_at: datetime | None
    content_hash: str
    duplicate_of: str | None = None
    filtered: bool = False
    minhash: bytes | None = None

    @classmethod
    def of(
        cls,
        article: Article,
        origin: str,
        crawled_at: datetime | None = None,
        duplicate_of: str | None = None,
    ) -> StoredItem:
        """An item whose hash is computed from the article's text."""
        return cls(article, origin, crawled_at, content_hash(article.text), duplicate_of)

    @property
    def status(self) -> str:
        """ok / not_article / empty / error, or ``duplicate`` or ``filtered``."""
        if self.duplicate_of is not None:
            return DUPLICATE
        return FILTERED if self.filtered else self.article.status.value

    @property
    def key(self) -> str:
        """What identifies the story across versions: canonical URL, else fetch URL, else origin."""
        return self.article.url or self.article.source_url or self.origin

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: the article's fields plus the record's own."""
        data = self.article.to_dict()
        data["origin"] = self.origin
        data["crawled_at"] = self.crawled_at.isoformat() if self.crawled_at else None
        data["content_hash"] = self.content_hash
        data["duplicate_of"] = self.duplicate_of
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StoredItem:
        crawled = parse_timestamp(data.get("crawled_at"))
        return cls(
            article=Article.from_dict(data),
            origin=data["origin"],
            crawled_at=crawled if isinstance(crawled, datetime) else None,
            content_hash=data["content_hash"],
            duplicate_of=data.get("duplicate_of"),
        )


@dataclass(frozen=True, slots=True)
class KnownArticle:
    """A stored article version as cross-run dedup sees it (``id`` orders them as stored)."""

    id: int
    key: str
    origin: str
    content_hash: str
    minhash: bytes | None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One full-text search result (the latest version of an article)."""

    url: str
    title: str | None
    published: datetime | date | None
    site_name: str | None
    lang: str | None
    snippet: str
    score: float  # higher is better; comparable only within one result list


def site_of(article: Article, origin: str = "") -> str:
    """The host an article belongs to ("kompas.com"), or "unknown"; safe as a path segment."""
    for url in (article.url, article.source_url):
        if url:
            try:
                host = (urlsplit(url).hostname or "").lower()
            except ValueError:
                continue
            host = host.removeprefix("www.")
            if host:
                return _SITE_UNSAFE.sub("_", host)
    return "unknown"


def unfiltered(items: Sequence[StoredItem]) -> Sequence[StoredItem]:
    """The items a file sink writes: all but the filtered ones, whose rows would carry the
    article's own status (ok) and so read as kept articles. Archives record them instead."""
    if not any(item.filtered for item in items):
        return items
    return [item for item in items if not item.filtered]


def utc_instant(value: datetime | date | None) -> datetime | None:
    """A comparable instant: a naive time is taken as UTC and a bare date as its midnight UTC."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.combine(value, time.min)
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


class Sink(ABC):
    """Where stored items go. Use as a context manager; ``close`` is idempotent."""

    @abstractmethod
    def write(self, items: Sequence[StoredItem]) -> None:
        """Write one batch. A batch is the unit of resumption: it is durable when this returns."""

    @abstractmethod
    def done_origins(self, origins: Iterable[str]) -> set[str]:
        """Which of ``origins`` were already completely written (a resumed run skips them)."""

    @abstractmethod
    def close(self) -> None:
        """Flush and release everything."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class Archive(Sink):
    """A queryable store of articles, with versions, processing status and full-text search."""

    @abstractmethod
    def search(
        self,
        query: str,
        *,
        site: str | None = None,
        since: datetime | date | None = None,
        lang: str | None = None,
        limit: int = 20,
    ) -> list[SearchHit]:
        """Latest article versions matching every word and "phrase" of ``query``, best first.

        ``site`` matches the host or any subdomain of it; ``since`` keeps articles published at
        or after it. Any user input is safe: operators and stray quotes are taken as words.
        """

    @abstractmethod
    def known_articles(
        self, hashes: Collection[str], bands: Collection[BandKey]
    ) -> list[KnownArticle]:
        """The stored article versions whose content hash is one of ``hashes`` or that have
        one of the LSH ``bands`` (:func:`warta.store.bands.band_keys`), in storing order."""

    @abstractmethod
    def validators(self) -> dict[str, tuple[str | None, str | None]]:
        """Every URL's (ETag, Last-Modified) that crawls kept."""

    @abstractmethod
    def keep_validators(self, items: Mapping[str, tuple[str | None, str | None]]) -> None:
        """Keep (ETag, Last-Modified) per URL, replacing older ones, in one transaction."""

    @abstractmethod
    def get(self, url: str) -> Article | None:
        """The latest version of the article at ``url`` (canonical or fetch URL)."""

    @abstractmethod
    def stats(self) -> dict[str, Any]:
        """Counts: ``articles`` (latest), ``versions``, ``processed``, and ``by_status``,
        ``by_site``, ``by_lang`` dicts (articles counted by their latest version)."""
