"""Run steps over shards on this machine: extraction in worker processes, then dedup, then sink.

A run has two phases. Phase one reads each shard, skips what the sink already holds, extracts,
filters by language and computes each ok record's hash and signature; each finished shard is
saved whole in the run's work directory (:class:`~warta.pipeline.spool.Spool`). Then dedup
decides over every candidate at once, and phase two writes each saved shard's records to the
sink in batches, skipping origins already written. A run killed anywhere and started again
redoes only unsaved shards and unwritten batches, and makes the same decisions, so it ends
with the same output as a run that was never interrupted.
"""

from __future__ import annotations

import itertools
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from warta.errors import WartaError
from warta.ingest import RawRecord, Source
from warta.ingest.options import FetchOptions
from warta.pipeline.config import RunConfig
from warta.pipeline.dedup import Decision, decide
from warta.pipeline.record import Record, Shard
from warta.pipeline.report import LiveProgress, RunReport
from warta.pipeline.shards import ShardReader
from warta.pipeline.spool import Spool, default_work_dir
from warta.pipeline.steps import (
    ApplyDedup,
    Extract,
    LanguageFilter,
    SkipDone,
    Step,
    WriteSink,
    run_steps,
)
from warta.pipeline.work import PageWork
from warta.store.base import Sink

LOG = logging.getLogger("warta.pipeline")


def page_work(config: RunConfig) -> PageWork:
    return PageWork(config.extractor, config.dedup, config.num_perm, config.shingle_size)


def worker_count(config: RunConfig) -> int:
    return config.jobs or max(1, len(os.sched_getaffinity(0)))


def shard_records(shard: Shard, reader: Iterable[RawRecord]) -> Iterator[Record]:
    """A shard's raw records as pipeline records, numbered in reading order."""
    for seq, raw in enumerate(reader):
        yield Record(raw, (shard.index, seq))


def extract_steps(config: RunConfig, sink: Sink, report: RunReport) -> list[Step]:
    """Phase one's steps for one shard (what a Dask task would run over its shard).

    The first is SkipDone; the rest are the per-page work and the language filter.
    """

    def skipped(_record: Record) -> None:
        report.already_done += 1

    return [
        SkipDone(sink.done_origins, on_skip=skipped),
        Extract(page_work(config), worker_count(config), config.timeout),
        LanguageFilter(config.langs),
    ]


OpenShard = Callable[[Shard], Source]


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
            saved = [shard for shard in shards if self._phase_one(shard, report)]
            decisions = self._decide(saved)
            self.progress.phase("writing")
            for shard in saved:
                self._phase_two(shard, decisions, report)
        report.finish()
        if not report.shard_failures:
            self.spool.remove()
        return report

    def _phase_one(self, shard: Shard, report: RunReport) -> bool:
        """Extract one shard into the spool; False when its source failed."""
        if self.spool.has(shard):
            report.source.merge(self.spool.stats(shard))
            return True
        reader = self.open_shard(shard)
        steps = extract_steps(self.config, self.sink, report)
        if not self.skip_done:
            steps = steps[1:]
        stream = self.progress.tap(run_steps(shard_records(shard, reader), steps))

        def counted() -> Iterator[Record]:
            for record in stream:
                report.extracted += 1
                yield record

        try:
            self.spool.save(shard, counted(), reader.stats)
        except (WartaError, OSError) as exc:
            LOG.warning("%s: %s", shard.spec, exc)
            report.shard_failures.append((shard.spec, str(exc)))
            return False
        report.source.merge(reader.stats)
        return True

    def _reader(self, shard: Shard) -> ShardReader:
        return ShardReader(shard, self.fetch, skip=self._is_done)

    def _is_done(self, origin: str) -> bool:
        return bool(self.sink.done_origins([origin]))

    def _decide(self, shards: Sequence[Shard]) -> dict[str, Decision]:
        if not self.config.dedup:
            return {}
        candidates = itertools.chain.from_iterable(self.spool.candidates(s) for s in shards)
        return decide(
            candidates, threshold=self.config.near_dup_threshold, num_perm=self.config.num_perm
        )

    def _phase_two(self, shard: Shard, decisions: dict[str, Decision], report: RunReport) -> None:
        def skipped(_record: Record) -> None:
            report.already_done += 1

        steps: list[Step] = [ApplyDedup(decisions)]
        if self.skip_done:
            steps.append(SkipDone(self.sink.done_origins, on_skip=skipped))
        steps.append(WriteSink(self.sink, self.config.batch_size))
        for record in run_steps(self.spool.records(shard), steps):
            report.count(record)
