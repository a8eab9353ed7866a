"""Run the local engine's pipeline on a Dask cluster: one task per shard, dedup by shuffle.

A run has three stages:

1. **Extract** — ``client.map(process_shard, shards)``: each task runs the local engine's own
   phase one (:func:`~warta.pipeline.phases.extract_shard`) over one shard, into an atomic
   Parquet part with the dedup candidates beside it (:mod:`~warta.pipeline.dask_tasks`). Only
   a small summary comes back. A shard whose part is complete (from an earlier run or attempt)
   is not sent again.
2. **Dedup** — into an archive, the driver first finds the candidates that duplicate articles
   earlier runs stored (:mod:`~warta.pipeline.dask_known`, the local engine's own lookup, a
   shard at a time); the other candidates' LSH bands are grouped across the cluster and each
   group of possible duplicates is decided by the local engine's own
   :func:`~warta.pipeline.dedup.decide` (:mod:`~warta.pipeline.dask_dedup`): the same
   decisions as a local run, whatever the number of workers or the order tasks finished in.
3. **Load** — each part in shard order, its filtered records back in their places, is
   streamed through the local engine's own write phase
   (:func:`~warta.pipeline.phases.write_shard`: mark duplicates, skip what the target holds,
   write in batches) into the target: a SQLite file, a PostgreSQL archive, JSONL or Parquet.
   One part is in memory at a time.

A worker that dies mid-task has its task run again elsewhere (Dask's own rescheduling,
``distributed.scheduler.allowed-failures`` times); partial files of the dead attempt are never
renamed into place, so no record is lost or written twice. A re-run with the same settings
skips the shards already done and the records the target already holds.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Iterator, Sequence
from typing import Any

from warta.errors import ConfigError, WartaError
from warta.pipeline.config import RunConfig
from warta.pipeline.dask_dedup import find_duplicates
from warta.pipeline.dask_known import ArchiveMatches, archive_matches
from warta.pipeline.dask_parts import PartSpool, ShardSummary, run_dir_for
from warta.pipeline.dask_plan import cluster_shards
from warta.pipeline.dask_tasks import EXTRACTION_MODES, DaskJob, process_shard
from warta.pipeline.dedup import Decision
from warta.pipeline.phases import write_shard
from warta.pipeline.record import Record, Shard
from warta.pipeline.report import LiveProgress, RunReport
from warta.store.base import Archive, Sink

LOG = logging.getLogger("warta.pipeline")

DEFAULT_RETRIES = 2  # for a task that raised (a dead worker is governed by allowed-failures)


@contextlib.contextmanager
def local_cluster(workers: int | None = None, **options: Any) -> Iterator[Any]:
    """A ``LocalCluster`` of ``workers`` processes (default: one per CPU), one thread each.

    Workers are not daemonic, so each can keep the watchdog process that extracts its pages
    (see :mod:`~warta.pipeline.dask_tasks`).
    """
    import dask
    from distributed import LocalCluster

    count = workers or max(1, len(os.sched_getaffinity(0)))
    settings = {
        "n_workers": count,
        "threads_per_worker": 1,
        "processes": True,
        "dashboard_address": ":0",  # a free port: runs and tests side by side never clash
        **options,
    }
    with (
        dask.config.set({"distributed.worker.daemon": False}),
        LocalCluster(**settings) as cluster,  # type: ignore[no-untyped-call]
    ):
        yield cluster


@contextlib.contextmanager
def connect(scheduler: str | None, workers: int | None) -> Iterator[Any]:
    """A client of the cluster at ``scheduler``, or of a local cluster started for the run."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise ConfigError(f"--engine dask needs Dask: pip install 'warta[dask]' ({exc}).") from exc

    if scheduler:
        if workers:
            raise ConfigError("give either --scheduler or --workers, not both.")
        try:
            client = Client(scheduler, timeout=30)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler {scheduler}: {exc}.") from exc
        with client:
            yield client
        return
    with (
        _distributed_logs_quiet(),
        local_cluster(workers) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        LOG.info("Dask dashboard: %s", client.dashboard_link)
        yield client


@contextlib.contextmanager
def _distributed_logs_quiet() -> Iterator[None]:
    """Keep the local cluster's INFO chatter off the run's output unless warta's INFO is on
    (``warta -v``): distributed sets its loggers to INFO and they reach the root handler."""
    chatty = logging.getLogger("distributed")
    before = chatty.level
    if not LOG.isEnabledFor(logging.INFO):
        chatty.setLevel(logging.WARNING)
    try:
        yield
    finally:
        chatty.setLevel(before)


class DaskExecutor:
    """Runs a :class:`RunConfig` over its shards on a Dask cluster, into ``sink``.

    ``scheduler`` is a running scheduler's address (``tcp://host:8786``); without it a local
    cluster of ``workers`` processes is started for the run and stopped after it.
    ``extraction`` is "process" or "task" (see :class:`~warta.pipeline.dask_tasks.DaskJob`;
    default: Dask's ``warta.extraction`` setting, else "process").
    """

    def __init__(
        self,
        config: RunConfig,
        sink: Sink,
        progress: LiveProgress | None = None,
        *,
        scheduler: str | None = None,
        workers: int | None = None,
        retries: int = DEFAULT_RETRIES,
        extraction: str | None = None,
    ) -> None:
        if workers is not None and workers < 1:
            raise ConfigError("--workers must be at least 1.")
        mode = extraction or _configured_extraction()
        if mode not in EXTRACTION_MODES:
            raise ConfigError(f"warta.extraction must be one of {', '.join(EXTRACTION_MODES)}.")
        self.extraction = mode
        self.config = config
        self.sink = sink
        self.progress = progress or LiveProgress(quiet=True)
        self.scheduler = scheduler
        self.workers = workers
        self.retries = retries
        self.run_dir = PartSpool(run_dir_for(config.target, config.work_dir, config.fingerprint()))
        self.timings: dict[str, float] = {}  # seconds per stage of the last run

    def run(self, shards: Sequence[Shard]) -> RunReport:
        self.run_dir.create()
        self.run_dir.sweep()  # before any task runs: nothing else can be writing
        shards = cluster_shards(shards, self.config.part_size, self.run_dir.path / "inputs")
        report = RunReport(shards=len(shards))
        clock = _Stopwatch()
        with connect(self.scheduler, self.workers) as client, self.progress:
            clock.lap("connect")
            summaries = self._extract(client, shards, report)
            clock.lap("extract")
            done = [shard for shard in shards if shard.id in summaries]
            decisions = self._decide(done)
            clock.lap("dedup")
            self.progress.phase("writing")
            for shard in done:
                self._load(shard, decisions, report)
            clock.lap("load")
        report.finish()
        self.timings = clock.laps
        LOG.info("dask stages (s): %s", ", ".join(f"{k} {v:.1f}" for k, v in clock.laps.items()))
        return report

    def _extract(
        self, client: Any, shards: Sequence[Shard], report: RunReport
    ) -> dict[str, ShardSummary]:
        """Stage one; the summaries of the shards that are complete."""
        from distributed import as_completed

        summaries: dict[str, ShardSummary] = {}
        pending = []
        for shard in shards:
            if self.run_dir.has(shard):
                summaries[shard.id] = self.run_dir.summary(shard)
            else:
                pending.append(shard)
        self.progress.phase(f"extracting {len(pending)} shards on Dask")
        job = DaskJob(self.config, str(self.run_dir.path), self.extraction)
        keys = [f"warta-{self.run_dir.path.name}-{shard.id}" for shard in pending]
        futures = client.map(process_shard, pending, job=job, key=keys, retries=self.retries)
        by_key = dict(zip(keys, pending, strict=True))
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            shard = by_key[future.key]
            summary = _result(future, shard)
            LOG.info("%s (%s): %d records", shard.id, shard.spec, summary.extracted)
            if summary.error is not None:
                report.shard_failures.append((shard.spec, summary.error))
            else:
                summaries[shard.id] = summary
            future.release()
        for summary in summaries.values():
            report.source.merge(summary.source)
            if not summary.resumed:
                report.extracted += summary.extracted
                report.already_done += summary.already_done
        return summaries

    def _decide(self, shards: Sequence[Shard]) -> dict[str, Decision]:
        """Stage two, as the local engine's ``decide_run``: into an archive, the candidates
        that duplicate an article an earlier run stored first (looked up from the driver,
        which is where the archive is sure to be reachable), then the rest among themselves."""
        decisions: dict[str, Decision] = {}
        if self.config.dedup:
            paths = [str(self.run_dir.candidates_path(shard)) for shard in shards]
            threshold = self.config.near_dup_threshold
            known = ArchiveMatches.none()
            if isinstance(self.sink, Archive):
                self.progress.phase("looking candidates up in the archive")
                known = archive_matches(paths, self.sink, threshold=threshold)
            self.progress.phase("finding duplicates")
            found = find_duplicates(
                paths, threshold=threshold, num_perm=self.config.num_perm, exclude=known.nodes
            )
            decisions = {**known.decisions, **found}
        self.run_dir.write_decisions(decisions)
        return decisions

    def _load(
        self,
        shard: Shard,
        decisions: dict[str, Decision],
        report: RunReport,
    ) -> None:
        """Stage three for one shard: the local engine's own write phase, over its part."""

        def skipped(_record: Record) -> None:
            report.already_done += 1

        written = write_shard(
            shard, self.run_dir, decisions, self.sink,
            batch=self.config.batch_size, on_skip=skipped,
        )  # fmt: skip
        for record in self.progress.tap(written):
            report.count(record)


def _configured_extraction() -> str:
    """Dask's own configuration: ``warta.extraction`` in a Dask YAML file, or the environment
    variable ``DASK_WARTA__EXTRACTION`` ("process" or "task")."""
    import dask

    return str(dask.config.get("warta.extraction", default="process"))


class _Stopwatch:
    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.monotonic()

    def lap(self, name: str) -> None:
        now = time.monotonic()
        self.laps[name] = round(now - self._last, 3)
        self._last = now


def _result(future: Any, shard: Shard) -> ShardSummary:
    """A task's summary; a task that failed for good becomes the shard's failure."""
    try:
        summary: ShardSummary = future.result()
    except WartaError as exc:
        return ShardSummary(shard.id, shard.spec, error=str(exc))
    except Exception as exc:  # KilledWorker, a bug in a plug-in: the run goes on without it
        return ShardSummary(shard.id, shard.spec, error=f"{type(exc).__name__}: {exc}")
    return summary
