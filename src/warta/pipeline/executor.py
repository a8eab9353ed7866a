"""Run a job on this machine: extraction in worker processes, then dedup, then the sink.

A run has three phases (:mod:`warta.pipeline.phases`). Phase one reads each shard, skips what
the sink already holds, extracts, filters by language and computes each ok record's hash and
signature; each finished shard is saved whole in the run's work directory
(:class:`~warta.pipeline.spool.Spool`). Then dedup decides over every candidate at once (and,
into an archive, against the articles earlier runs stored there), and
phase three writes each saved shard's records to the sink in batches, skipping origins already
written. A run killed anywhere and started again redoes only unsaved shards and unwritten
batches, and makes the same decisions, so it ends with the same output as a run that was never
interrupted.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from warta.errors import WartaError
from warta.ingest import Source
from warta.ingest.options import FetchOptions
from warta.pipeline.config import RunConfig
from warta.pipeline.phases import (
    decide_run,
    extract_shard,
    page_work,
    shard_records,
    write_shard,
)
from warta.pipeline.record import Record, Shard
from warta.pipeline.report import LiveProgress, RunReport
from warta.pipeline.shards import ShardReader
from warta.pipeline.spool import Spool, default_work_dir
from warta.pipeline.steps import Extract, LanguageFilter, SkipDone, Step
from warta.store.base import Archive, Sink

__all__ = ["LocalExecutor", "extract_steps", "shard_records", "worker_count"]

LOG = logging.getLogger("warta.pipeline")

OpenShard = Callable[[Shard], Source]


def worker_count(config: RunConfig) -> int:
    return config.jobs or max(1, len(os.sched_getaffinity(0)))


def extract_steps(config: RunConfig, sink: Sink, report: RunReport) -> list[Step]:
    """Phase one's steps for one shard: SkipDone (counting into ``report``), the per-page
    work in ``worker_count(config)`` processes, and the language filter."""

    def skipped(_record: Record) -> None:
        report.already_done += 1

    return [
        SkipDone(sink.done_origins, on_skip=skipped),
        Extract(page_work(config), worker_count(config), config.timeout),
        LanguageFilter(config.langs),
    ]


class LocalExecutor:
    """Runs a :class:`RunConfig` over its shards into ``sink``, on this machine.

    ``skip_done`` false writes records even when the sink already holds their origin (a crawl
    re-fetching a page that changed: the archive stores it as a new version). ``open_shard``
    replaces how a shard is read (a crawl reads through its own fetcher).
    """

    def __init__(
        self,
        config: RunConfig,
        sink: Sink,
        progress: LiveProgress | None = None,
        *,
        skip_done: bool = True,
        open_shard: OpenShard | None = None,
    ):
        self.config = config
        self.sink = sink
        self.skip_done = skip_done
        self.open_shard = open_shard or self._reader
        self.progress = progress or LiveProgress(quiet=True)
        self.fetch = FetchOptions(allow_private=config.allow_private)
        base = Path(config.work_dir) if config.work_dir else default_work_dir(config.target)
        self.spool = Spool(base, config.fingerprint())

    def run(self, shards: Sequence[Shard]) -> RunReport:
        report = RunReport(shards=len(shards))
        with self.progress:
            saved = [shard for shard in shards if self._extract(shard, report)]
            archive = self.sink if isinstance(self.sink, Archive) else None
            decisions = decide_run(self.spool, saved, self.config, archive)
            self.progress.phase("writing")

            def skipped(_record: Record) -> None:
                report.already_done += 1

            for shard in saved:
                for record in write_shard(
                    shard, self.spool, decisions, self.sink,
                    batch=self.config.batch_size, skip_done=self.skip_done, on_skip=skipped,
                ):  # fmt: skip
                    report.count(record)
        report.finish()
        if not report.shard_failures:
            self.spool.remove()
        return report

    def _extract(self, shard: Shard, report: RunReport) -> bool:
        """Phase one for a shard; False when its source failed (the run goes on)."""
        try:
            outcome = extract_shard(
                shard, self.config, self.spool, self.open_shard(shard),
                jobs=worker_count(self.config),
                done=self.sink.done_origins if self.skip_done else None,
                tap=self.progress.tap,
            )  # fmt: skip
        except (WartaError, OSError) as exc:
            LOG.warning("%s: %s", shard.spec, exc)
            report.shard_failures.append((shard.spec, str(exc)))
            return False
        report.extracted += outcome.extracted
        report.already_done += outcome.already_done
        report.source.merge(outcome.stats)
        return True

    def _reader(self, shard: Shard) -> ShardReader:
        return ShardReader(shard, self.fetch, skip=self._is_done)

    def _is_done(self, origin: str) -> bool:
        return bool(self.sink.done_origins([origin]))
