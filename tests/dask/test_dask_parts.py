"""A shard's part and the filtered records kept beside it read back as the write phase must
see them: every record, in input order, giving the archive the rows it was given."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pyarrow.dataset as ds

from warta.article import Article, Status
from warta.ingest.record import RawRecord
from warta.ingest.stats import IngestStats
from warta.pipeline.dask_parts import PartSpool
from warta.pipeline.record import Record, RecordStatus, Shard
from warta.pipeline.steps import stored_item
from warta.store.base import content_hash
from warta.store.rows import processed_row

SHARD = Shard("/data/x.warc.gz", "warc", 3)
JAKARTA = timezone(timedelta(hours=7))


def record(n: int, status: RecordStatus, *, canonical: bool = True) -> Record:
    """Record ``n`` as extraction and the language filter leave it (crawl times vary: none,
    UTC, a +07:00 offset; the filter's reason is on the record, not yet on the article)."""
    failed = status is RecordStatus.ERROR
    text = "" if failed else f"Berita nomor {n}."
    url = f"https://news.example/{n}"
    crawled = [
        None,
        datetime(2024, 5, 1, 8, n, tzinfo=UTC),
        datetime(2024, 5, 1, n, tzinfo=JAKARTA),
    ]
    article = Article(
        status=Status.ERROR if failed else Status.OK,
        reason="boom" if failed else "",
        text=text,
        title=f"Judul {n}",
        lang="en" if status is RecordStatus.FILTERED else "id",
        url=url if canonical else None,
        source_url=f"{url}?from=feed",
    )
    raw = RawRecord(f"{url}?from=feed", b"", f"warc:/x.warc.gz@{n}", crawled_at=crawled[n % 3])
    reasons = {RecordStatus.FILTERED: "language en is not one of id", RecordStatus.ERROR: "boom"}
    return Record(
        raw,
        (SHARD.index, n),
        article=article,
        status=status,
        reason=reasons.get(status, ""),
        content_hash=content_hash(text),
    )


def test_filtered_records_come_back_in_their_places(tmp_path: Path) -> None:
    kinds = [RecordStatus.FILTERED, RecordStatus.OK, RecordStatus.FILTERED, RecordStatus.FILTERED,
             RecordStatus.ERROR, RecordStatus.OK, RecordStatus.FILTERED]  # fmt: skip
    records = [record(n, kind, canonical=n != 2) for n, kind in enumerate(kinds)]
    spool = PartSpool(tmp_path / "run")
    spool.create()
    spool.save(SHARD, records, IngestStats())

    back = list(spool.records(SHARD))
    assert [r.origin for r in back] == [r.origin for r in records]
    assert [r.status for r in back] == kinds
    sent = [processed_row(item) for item in map(stored_item, records) if item is not None]
    got = [processed_row(item) for item in map(stored_item, back) if item is not None]
    assert got == sent and len(got) == len(records)
    assert spool.summary(SHARD).filtered == {"language en is not one of id": 4}

    parts = ds.dataset(tmp_path / "run" / "parts", format="parquet", partitioning="hive")
    assert parts.count_rows() == 3  # the part holds what a Parquet target would get
    aside = ds.dataset(tmp_path / "run" / "filtered", format="parquet", partitioning="hive")
    rows = aside.to_table().to_pylist()
    assert [row["before_row"] for row in rows] == [0, 1, 1, 3]
    assert {row["shard"] for row in rows} == {SHARD.id} and {row["lang"] for row in rows} == {"en"}


def test_a_shard_without_filtered_records_reads_as_before(tmp_path: Path) -> None:
    records = [record(n, RecordStatus.OK) for n in range(3)]
    spool = PartSpool(tmp_path / "run")
    spool.create()
    spool.save(SHARD, records, IngestStats())
    spool.filtered_path(SHARD).unlink()  # a run folder from before filtered records were kept
    assert [r.origin for r in spool.records(SHARD)] == [r.origin for r in records]
