"""What one Dask task does with one shard: the local engine's phase one, then a Parquet part.

:func:`process_shard` runs the very steps :class:`~warta.pipeline.executor.LocalExecutor`
runs (``extract_steps``: skip what the target holds, extract with hash and signature, filter
by language), then writes the records with the store's Parquet sink and the dedup candidates
beside them, and returns only a :class:`~warta.pipeline.dask_parts.ShardSummary`. The corpus
never travels through the scheduler or the driver.

Inside a task, pages are extracted by one watchdog process of the worker's own (as
``--jobs 1`` does locally), so a page that hangs or crashes ends as an ``error`` record exactly
as it would locally, instead of taking the Dask worker down with it. That needs non-daemonic
workers (the cluster :func:`~warta.pipeline.dask_engine.local_cluster` starts, or
``DASK_DISTRIBUTED__WORKER__DAEMON=False``); in a daemonic worker pages are extracted in the
task's own thread, without a time limit, and a warning says so.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from warta.errors import StoreError, WartaError
from warta.ingest.options import FetchOptions
from warta.pipeline.config import RunConfig
from warta.pipeline.dask_parts import RunDir, ShardSummary
from warta.pipeline.dedup import Candidate, candidate_of
from warta.pipeline.executor import extract_steps, shard_records
from warta.pipeline.record import Record, RecordStatus, Shard
from warta.pipeline.report import RunReport
from warta.pipeline.shards import ShardReader
from warta.pipeline.steps import Extract, Step, WriteSink, run_steps
from warta.store import open_archive
from warta.store.base import Sink, StoredItem

LOG = logging.getLogger("warta.pipeline")

_POSTGRES = ("postgresql://", "postgres://")


@dataclass(frozen=True, slots=True)
class DaskJob:
    """What every task of a run shares (a small, picklable value)."""

    config: RunConfig
    run_dir: str


class NothingDone(Sink):
    """A stand-in target for workers that cannot see the real one: nothing is done yet.

    The load stage skips what the target holds anyway; asking it early only saves work.
    """

    def write(self, items: Sequence[StoredItem]) -> None:
        raise StoreError("a worker never writes to the run's target")

    def done_origins(self, origins: Iterable[str]) -> set[str]:
        return set()

    def close(self) -> None:
        return None


def done_lookup(target: str) -> AbstractContextManager[Sink]:
    """The target opened here just to ask what it holds, when this worker can reach it.

    A PostgreSQL archive can be reached from anywhere; a SQLite file only from a machine that
    sees it (opening a path that is not there would create an empty archive). JSONL and
    Parquet targets are not asked: the load stage skips what they hold.
    """
    lower = target.lower()
    if lower.startswith(_POSTGRES):
        return open_archive(target)
    if lower.endswith((".db", ".sqlite", ".sqlite3")) and Path(target).is_file():
        return open_archive(target)
    return nullcontext(NothingDone())


def can_start_processes() -> bool:
    return not multiprocessing.current_process().daemon


def phase_one_steps(config: RunConfig, target: Sink, report: RunReport) -> list[Step]:
    """The local engine's phase-one steps, with extraction sized for one task."""
    jobs = config.jobs or 1  # Dask runs shards in parallel; one extraction process per task
    steps = extract_steps(dataclasses.replace(config, jobs=jobs), target, report)
    if not can_start_processes():
        LOG.warning("daemonic Dask worker: extracting in the task, without a per-page time limit")
        steps = [dataclasses.replace(s, jobs=0) if isinstance(s, Extract) else s for s in steps]
    return [WhenNeeded(s) if isinstance(s, Extract) else s for s in steps]


@dataclass(frozen=True, slots=True)
class WhenNeeded:
    """Run ``step`` only once a record reaches it.

    Extraction starts its watchdog process (a second or so) before it asks for a record; a
    shard whose records are all in the target already (a re-run) then needs none at all.
    """

    step: Step

    def __call__(self, records: Iterator[Record]) -> Iterator[Record]:
        first = next(records, None)
        if first is None:
            return
        yield from self.step(itertools.chain([first], records))


@dataclass(slots=True)
class _Tally:
    """Collects, on the way to the part, what the driver needs: candidates and counts."""

    candidates: list[Candidate] = dataclasses.field(default_factory=list)
    summary: ShardSummary | None = None

    def tap(self, records: Iterator[Record], summary: ShardSummary) -> Iterator[Record]:
        for record in records:
            summary.extracted += 1
            if record.status is RecordStatus.FILTERED:
                summary.filtered[record.reason] += 1
            else:
                summary.rows += 1
            cand = candidate_of(record)
            if cand is not None:
                self.candidates.append(cand)
            yield record


def process_shard(shard: Shard, job: DaskJob) -> ShardSummary:
    """Phase one of one shard, on whichever worker Dask chose; safe to run again."""
    run = RunDir(job.run_dir)
    if run.is_done(shard):
        return run.summary(shard)
    config = job.config
    summary = ShardSummary(shard.id, shard.spec)
    try:
        with done_lookup(config.target) as target:
            _extract_to_part(shard, config, run, target, summary)
    except (WartaError, OSError) as exc:
        run.discard_part(shard)
        LOG.warning("%s: %s", shard.spec, exc)
        summary.error = str(exc)
    return summary


def _extract_to_part(
    shard: Shard, config: RunConfig, run: RunDir, target: Sink, summary: ShardSummary
) -> None:
    report = RunReport()  # only its already_done counter is used here
    fetch = FetchOptions(allow_private=config.allow_private)
    reader = ShardReader(shard, fetch, skip=_asker(target))
    tally = _Tally()
    part = run.open_part(shard)
    stream = run_steps(shard_records(shard, reader), phase_one_steps(config, target, report))
    for _record in run_steps(tally.tap(stream, summary), [WriteSink(part, config.batch_size)]):
        pass
    part.close()
    summary.already_done = report.already_done
    summary.source = reader.stats
    run.finish(shard, tally.candidates, summary)


def _asker(target: Sink) -> Callable[[str], bool]:
    def is_done(origin: str) -> bool:
        return bool(target.done_origins([origin]))

    return is_done
