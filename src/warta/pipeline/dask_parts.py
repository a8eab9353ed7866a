"""A Dask run's Parquet dataset: one partition per shard, each written atomically.

Layout under the run directory (``<work dir>/dask-<run id>/``, on storage every worker and the
driver can see)::

    parts/shard=<id>/part.parquet        the shard's records, in the store's Parquet schema
    filtered/shard=<id>/part.parquet     the records the language filter set aside (FILTERED)
    candidates/shard=<id>/part.parquet   their dedup candidates (hash, date, signature)
    done/<id>.json                       written last: the shard is complete (and its counts)
    decisions.parquet                    the run's duplicates: origin, duplicate_of, reason

``parts/`` is a hive-partitioned dataset any Parquet reader takes (pyarrow, dask.dataframe,
DuckDB); its rows are the records before dedup that a Parquet target would get, and
``decisions.parquet`` says which of them are duplicates. Filtered records are not among them
(their rows would read as kept articles, status ``ok``); ``filtered/`` keeps what an archive
records of each (origin, URLs, language, reason, hash, crawl time), and where it sat among the
part's rows, so the load writes it in its place (:mod:`~warta.pipeline.dask_rows`). Every
file is written under a temporary name and renamed once complete, and the ``done`` marker comes
last, so a task killed anywhere leaves a shard either complete or not done at all; a retry (or
a re-run) redoes only shards without a marker.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from warta.errors import StoreError
from warta.ingest.record import RawRecord
from warta.ingest.stats import IngestStats
from warta.pipeline.dask_rows import (
    DECISIONS,
    FILTERED,
    candidates_table,
    filtered_record,
    filtered_row,
    read_candidates,
)
from warta.pipeline.dedup import Candidate, Decision, candidate_of
from warta.pipeline.record import Record, RecordStatus, Shard
from warta.pipeline.spool import Spool, default_work_dir, run_id
from warta.pipeline.steps import WriteSink, run_steps, stored_item
from warta.store.parquet import ParquetSink, read_parquet


@dataclass(slots=True)
class ShardSummary:
    """What phase one did with one shard: small, so it is all a task sends back.

    ``filtered`` counts the records the language filter set aside, by reason (they are kept
    beside the part, not in it). ``error`` is set when the shard's source failed. The
    marker file holds the summary of the attempt that completed the shard.
    """

    shard: str
    spec: str
    extracted: int = 0
    already_done: int = 0
    filtered: Counter[str] = field(default_factory=Counter)
    source: IngestStats = field(default_factory=IngestStats)
    error: str | None = None
    resumed: bool = False  # found complete on disk, not processed by this attempt

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "shard": self.shard,
            "spec": self.spec,
            "extracted": self.extracted,
            "already_done": self.already_done,
            "filtered": dict(self.filtered),
            "source": self.source.as_dict(),
        }
        return json.dumps(data, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ShardSummary:
        data = json.loads(text)
        source = data["source"]
        stats = IngestStats(source["yielded"], source["errors"], Counter(source["skipped"]))
        return cls(
            shard=data["shard"],
            spec=data["spec"],
            extracted=data["extracted"],
            already_done=data["already_done"],
            filtered=Counter(data["filtered"]),
            source=stats,
            resumed=True,
        )


def run_dir_for(target: str, work_dir: str | None, fingerprint: dict[str, Any]) -> Path:
    """Where a Dask run keeps its dataset: ``--work-dir`` (shared storage on a real cluster),
    else beside a file target; one folder per set of settings, as the local engine's spool."""
    base = Path(work_dir) if work_dir else default_work_dir(target)
    return base / f"dask-{run_id(fingerprint)}"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _replace_atomically(temp: Path, final: Path) -> None:
    with temp.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temp, final)
    _fsync_dir(final.parent)


def _temp_beside(final: Path) -> Path:
    # A unique name: two attempts at one shard (a retry racing a presumed-dead worker) never
    # write the same temporary file; whichever renames last wins, and both are whole.
    return final.with_name(f".{final.name}.{uuid.uuid4().hex[:8]}.tmp")


def write_table(table: pa.Table, final: Path) -> None:
    """Write ``table`` to ``final`` atomically (temp file, fsync, rename, fsync the folder)."""
    final.parent.mkdir(parents=True, exist_ok=True)
    temp = _temp_beside(final)
    try:
        pq.write_table(table, temp, compression="zstd")
        _replace_atomically(temp, final)
    finally:
        temp.unlink(missing_ok=True)


class PartSpool(Spool):
    """A Dask run's spool: the local engine's spool interface (what the run's phase functions
    read and write), kept as the Parquet dataset of the module doc instead of pickles, on
    storage every worker and the driver share."""

    def __init__(self, path: str | Path) -> None:  # no super(): nothing of the pickle layout
        self.path = Path(path)

    def records_path(self, shard: Shard) -> Path:
        return self.path / "parts" / f"shard={shard.id}" / "part.parquet"

    def filtered_path(self, shard: Shard) -> Path:
        return self.path / "filtered" / f"shard={shard.id}" / "part.parquet"

    def candidates_path(self, shard: Shard) -> Path:
        return self.path / "candidates" / f"shard={shard.id}" / "part.parquet"

    def marker(self, shard: Shard) -> Path:
        return self.path / "done" / f"{shard.id}.json"

    @property
    def decisions_path(self) -> Path:
        return self.path / "decisions.parquet"

    def create(self) -> None:
        try:
            (self.path / "done").mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the run directory {self.path}: {exc}.") from exc

    def has(self, shard: Shard) -> bool:
        return self.marker(shard).exists()

    def summary(self, shard: Shard) -> ShardSummary:
        return ShardSummary.from_json(self.marker(shard).read_text(encoding="utf-8"))

    def stats(self, shard: Shard) -> IngestStats:
        return self.summary(shard).source

    def save(self, shard: Shard, records: Iterable[Record], stats: IngestStats) -> None:
        """Write the shard's part, its filtered records, its candidates, then its marker (the
        commit point).

        The store's single-file Parquet sink stages each batch as its own file and merges them
        into ``part.parquet`` with one rename on close: the atomic write a retry needs. What an
        earlier, killed attempt left is cleared first.
        """
        summary = ShardSummary(shard.id, shard.spec, source=stats)
        candidates: list[Candidate] = []
        filtered: list[dict[str, Any]] = []

        def tap() -> Iterator[Record]:
            rows = 0
            for record in records:
                if record.status is RecordStatus.FILTERED:
                    summary.filtered[record.reason] += 1
                    filtered.append(filtered_row(record, before_row=rows))
                    continue
                cand = candidate_of(record)
                if cand is not None:
                    candidates.append(cand)
                rows += stored_item(record) is not None  # what the part gets a row for
                yield record

        part = self._open_part(shard)
        try:
            for _record in run_steps(tap(), [WriteSink(part)]):
                pass
            part.close()
        except BaseException:
            self._clear_part(shard)
            raise
        write_table(pa.Table.from_pylist(filtered, schema=FILTERED), self.filtered_path(shard))
        write_table(candidates_table(candidates), self.candidates_path(shard))
        self._write_marker(shard, summary)

    def _open_part(self, shard: Shard) -> ParquetSink:
        self._clear_part(shard)
        final = self.records_path(shard)
        final.unlink(missing_ok=True)
        final.parent.mkdir(parents=True, exist_ok=True)
        return ParquetSink(final)

    def _clear_part(self, shard: Shard) -> None:
        final = self.records_path(shard)
        shutil.rmtree(final.with_name(final.name + ".parts"), ignore_errors=True)

    def _write_marker(self, shard: Shard, summary: ShardSummary) -> None:
        final = self.marker(shard)
        final.parent.mkdir(parents=True, exist_ok=True)
        temp = _temp_beside(final)
        try:
            temp.write_text(summary.to_json(), encoding="utf-8")
            _replace_atomically(temp, final)
        finally:
            temp.unlink(missing_ok=True)

    def records(self, shard: Shard) -> Iterator[Record]:
        """The shard's records as the write phase takes them, in their original order, each
        with its position and signature back (the signatures are kept with the candidates),
        the filtered ones back in their places."""
        signed = {c.origin: c for c in self.candidates(shard)}
        filtered = self._filtered(shard)
        at = 0
        for seq, item in enumerate(read_parquet(self.records_path(shard))):
            while at < len(filtered) and filtered[at]["before_row"] <= seq:
                yield filtered_record(filtered[at], shard)
                at += 1
            article = item.article
            raw = RawRecord(article.source_url, b"", item.origin, crawled_at=item.crawled_at)
            cand = signed.get(item.origin)
            yield Record(
                raw,
                cand.position if cand is not None else (shard.index, seq),
                article=article,
                status=RecordStatus(article.status.value),
                reason=article.reason,
                content_hash=item.content_hash,
                minhash=cand.minhash if cand is not None else None,
                duplicate_of=item.duplicate_of,
            )
        for row in filtered[at:]:
            yield filtered_record(row, shard)

    def _filtered(self, shard: Shard) -> list[dict[str, Any]]:
        """The shard's filtered records (none from a run folder older than this file)."""
        path = self.filtered_path(shard)
        if not path.exists():
            return []
        rows: list[dict[str, Any]] = pq.read_table(path, schema=FILTERED).to_pylist()
        return rows

    def candidates(self, shard: Shard) -> Iterator[Candidate]:
        yield from read_candidates(self.candidates_path(shard))

    def remove(self) -> None:
        """Kept: the dataset is the run's Parquet output (see docs/dask.md)."""

    def sweep(self) -> None:
        """Remove temporary files killed attempts left (call only when no task is running)."""
        if not self.path.is_dir():
            return
        for temp in self.path.rglob(".*.tmp"):
            temp.unlink(missing_ok=True)

    def write_decisions(self, decisions: Mapping[str, Decision]) -> None:
        rows = [
            {"origin": origin, "duplicate_of": d.duplicate_of, "reason": d.reason}
            for origin, d in sorted(decisions.items())
        ]
        write_table(pa.Table.from_pylist(rows, schema=DECISIONS), self.decisions_path)
