"""What one Dask task does with one shard: the local engine's phase one, into a Parquet part.

:func:`process_shard` calls the local engine's own phase one,
:func:`~warta.pipeline.phases.extract_shard` (skip what the target holds, extract with hash
and signature, filter by language), with a :class:`~warta.pipeline.dask_parts.PartSpool`: the
records go to the shard's Parquet part and the dedup candidates beside them, and the task
returns only a :class:`~warta.pipeline.dask_parts.ShardSummary`. The corpus never travels
through the scheduler or the driver.

By default a task's pages are extracted by one watchdog process of the worker's own (as
``--jobs 1`` does locally), so a page that hangs or crashes ends as an ``error`` record exactly
as it would locally, instead of taking the Dask worker down with it. That needs non-daemonic
workers (the cluster :func:`~warta.pipeline.dask_engine.local_cluster` starts, or
``DASK_DISTRIBUTED__WORKER__DAEMON=False``); in a daemonic worker, or with the ``task``
extraction mode (:class:`DaskJob`), pages are extracted in the task's own thread.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from warta.errors import StoreError, WartaError
from warta.ingest.options import FetchOptions
from warta.pipeline.config import RunConfig
from warta.pipeline.dask_parts import PartSpool, ShardSummary
from warta.pipeline.phases import extract_shard
from warta.pipeline.record import Shard
from warta.pipeline.shards import ShardReader
from warta.store import open_archive
from warta.store.base import Sink, StoredItem

LOG = logging.getLogger("warta.pipeline")

_POSTGRES = ("postgresql://", "postgres://")


EXTRACTION_MODES = ("process", "task")


@dataclass(frozen=True, slots=True)
class DaskJob:
    """What every task of a run shares (a small, picklable value).

    ``extraction`` is where a task extracts its pages: "process", in watchdog processes of
    the worker's own (a per-page time limit, crash isolation; costs a process start per shard
    and moving every page between processes), or "task", in the task's own thread (faster,
    one process per worker; a page that hangs stalls its task, one that crashes kills the
    worker and Dask retries the whole shard).
    """

    config: RunConfig
    run_dir: str
    extraction: str = "process"


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


def extraction_jobs(job: DaskJob) -> int:
    """Extraction processes for one task: Dask runs shards in parallel, so one by default."""
    if job.extraction == "task":
        return 0
    if can_start_processes():
        return job.config.jobs or 1
    LOG.warning("daemonic Dask worker: extracting in the task, without a per-page time limit")
    return 0


def process_shard(shard: Shard, job: DaskJob) -> ShardSummary:
    """Phase one of one shard, on whichever worker Dask chose; safe to run again."""
    spool = PartSpool(job.run_dir)
    config = job.config
    try:
        with done_lookup(config.target) as target:
            asks = not isinstance(target, NothingDone)
            fetch = FetchOptions(allow_private=config.allow_private)
            reader = ShardReader(shard, fetch, skip=_asker(target) if asks else None)
            outcome = extract_shard(
                shard, config, spool, reader,
                jobs=extraction_jobs(job), done=target.done_origins if asks else None,
            )  # fmt: skip
    except (WartaError, OSError) as exc:
        LOG.warning("%s: %s", shard.spec, exc)
        return ShardSummary(shard.id, shard.spec, error=str(exc))
    summary = spool.summary(shard)
    summary.resumed = outcome.reused
    summary.extracted = outcome.extracted
    summary.already_done = outcome.already_done
    return summary


def _asker(target: Sink) -> Callable[[str], bool]:
    def is_done(origin: str) -> bool:
        return bool(target.done_origins([origin]))

    return is_done
