"""The unit that flows through the pipeline's steps, and the shard it comes from."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from warta.article import Article
from warta.ingest.record import RawRecord


class RecordStatus(StrEnum):
    """Where a record ended. The first four are the extractor's; the last two the pipeline's."""

    PENDING = "pending"  # not decided yet (only ever seen between steps)
    OK = "ok"
    NOT_ARTICLE = "not_article"
    EMPTY = "empty"
    ERROR = "error"
    DUPLICATE = "duplicate"
    FILTERED = "filtered"


@dataclass(frozen=True, slots=True)
class Shard:
    """One independent unit of input: a source spec plus which part of it.

    A WARC file is one shard; a folder of files is cut into parts of at most ``part_size``
    files, ``part`` being the index of the part. ``index`` is the shard's place in the run
    (unique), which orders records across shards so decisions are repeatable. Shards are
    plain values: they pickle, and any engine (a local loop, a Dask task) can read one.
    """

    spec: str
    kind: str  # "warc", "arc", "files", or "detected" (whatever ingest's detect_source says)
    index: int
    part: int = 0
    part_size: int = 0  # 0: the whole source is one shard

    @property
    def id(self) -> str:
        """A name unique within a run and safe as a file name."""
        return f"shard-{self.index:06d}"


@dataclass(frozen=True, slots=True)
class Record:
    """A page on its way: the raw record, then what extraction and the filters made of it.

    ``position`` = (shard index, sequence number within the shard) totally orders the records
    of a run; dedup uses it to break ties, so the same input always gives the same decisions.
    ``minhash`` is the MinHash signature (uint32 values, packed little-endian) of the text's
    word shingles, computed beside extraction so any worker can compute it.
    """

    raw: RawRecord
    position: tuple[int, int]
    article: Article | None = None
    status: RecordStatus = RecordStatus.PENDING
    reason: str = ""
    content_hash: str | None = None
    minhash: bytes | None = None
    duplicate_of: str | None = None

    @property
    def origin(self) -> str:
        return self.raw.origin

    @property
    def key(self) -> str:
        """The story's identity as the archive sees it: canonical URL, fetch URL, or origin."""
        article = self.article
        if article is None:
            return self.raw.url or self.origin
        return article.url or article.source_url or self.origin

    @property
    def done(self) -> bool:
        """True once a final status is set."""
        return self.status is not RecordStatus.PENDING

    def evolve(self, **changes: Any) -> Record:
        return replace(self, **changes)

    def without_body(self) -> Record:
        """The record minus the page bytes, which nothing after extraction needs."""
        return replace(self, raw=replace(self.raw, body=b""))
