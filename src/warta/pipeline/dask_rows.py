"""The tables a Dask run keeps beside its parts: dedup candidates, filtered records and the
run's decisions (schemas, and the conversions from and to what the pipeline works with).

A filtered record keeps only what an archive records of it (its processed row: origin, status,
reason, key, hash, crawl time) and its language, not its text: with a language filter, most
of a large crawl can end filtered. ``before_row`` (how many of the shard's part rows came
before it in the input) lets the load put it back in its place.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from warta.article import Article, parse_timestamp
from warta.ingest.record import RawRecord
from warta.pipeline.dedup import Candidate
from warta.pipeline.record import Record, RecordStatus, Shard

CANDIDATES = pa.schema(
    [
        pa.field("origin", pa.string()),
        pa.field("key", pa.string()),
        pa.field("shard", pa.int64()),
        pa.field("seq", pa.int64()),
        pa.field("content_hash", pa.string()),
        pa.field("published", pa.timestamp("us", tz="UTC")),
        pa.field("minhash", pa.binary()),
    ]
)
FILTERED = pa.schema(
    [
        pa.field("origin", pa.string()),
        pa.field("before_row", pa.int64()),  # how many of the part's rows came before it
        pa.field("url", pa.string()),
        pa.field("source_url", pa.string()),
        pa.field("lang", pa.string()),
        pa.field("reason", pa.string()),
        pa.field("content_hash", pa.string()),
        pa.field("crawled_at", pa.string()),  # ISO text, as in the parts
    ]
)
DECISIONS = pa.schema(
    [
        pa.field("origin", pa.string()),
        pa.field("duplicate_of", pa.string()),
        pa.field("reason", pa.string()),
    ]
)


def candidates_table(candidates: Iterable[Candidate]) -> pa.Table:
    rows = [
        {
            "origin": c.origin,
            "key": c.key,
            "shard": c.position[0],
            "seq": c.position[1],
            "content_hash": c.content_hash,
            "published": c.published,
            "minhash": c.minhash,
        }
        for c in candidates
    ]
    return pa.Table.from_pylist(rows, schema=CANDIDATES)


def filtered_row(record: Record, *, before_row: int) -> dict[str, Any]:
    """What the load needs of a filtered record to give an archive the row a local run gives
    (the processed row: origin, status, reason, key, hash, crawl time), and its language."""
    article = record.article
    crawled = record.raw.crawled_at
    return {
        "origin": record.origin,
        "before_row": before_row,
        "url": article.url if article else None,
        "source_url": article.source_url if article else record.raw.url,
        "lang": article.lang if article else None,
        "reason": record.reason,
        "content_hash": record.content_hash,
        "crawled_at": crawled.isoformat() if crawled else None,
    }


def filtered_record(row: dict[str, Any], shard: Shard) -> Record:
    """A filtered record back from its row, for the write phase."""
    crawled = parse_timestamp(row["crawled_at"])
    raw = RawRecord(
        row["source_url"], b"", row["origin"],
        crawled_at=crawled if isinstance(crawled, datetime) else None,
    )  # fmt: skip
    article = Article(
        reason=row["reason"], url=row["url"], source_url=row["source_url"], lang=row["lang"]
    )
    return Record(
        raw,
        (shard.index, -1),  # not a dedup candidate: its position decides nothing
        article=article,
        status=RecordStatus.FILTERED,
        reason=row["reason"],
        content_hash=row["content_hash"],
    )


def read_candidates(path: str | Path) -> list[Candidate]:
    """A shard's candidates as :func:`~warta.pipeline.dedup.decide` takes them."""
    rows = pq.read_table(path, schema=CANDIDATES).to_pylist()
    return [
        Candidate(
            origin=row["origin"],
            key=row["key"],
            position=(row["shard"], row["seq"]),
            content_hash=row["content_hash"],
            published=row["published"],
            minhash=row["minhash"],
        )
        for row in rows
    ]
