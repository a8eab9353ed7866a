"""The three phases of a run as plain functions, so any engine can schedule them.

1. :func:`extract_shard` (per shard, parallel): read, skip what is done, extract, filter by
   language, hash and sign; the shard's records are saved whole in the run's spool.
2. :func:`decide_run` (once, after every shard): the dedup decisions over all candidates,
   and against the target archive's stored articles.
3. :func:`write_shard` (per shard, in shard order, where the sink is): mark duplicates and
   write the records in batches.

:class:`~warta.pipeline.executor.LocalExecutor` calls them in a loop; a Dask executor submits
:func:`extract_shard` as one task per shard (everything it takes pickles: a Shard, a RunConfig,
a Spool, a source opener that is a plain function or class), then runs the other two on the
client.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from warta.ingest import RawRecord, Source
from warta.ingest.stats import IngestStats
from warta.pipeline.config import RunConfig
from warta.pipeline.dedup import Decision, decide
from warta.pipeline.known import archive_decisions
from warta.pipeline.record import Record, Shard
from warta.pipeline.spool import Spool
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
from warta.store.base import Archive, Sink

DoneLookup = Callable[[Iterable[str]], set[str]]
Tap = Callable[[Iterator[Record]], Iterator[Record]]


@dataclass(slots=True)
class ShardOutcome:
    """What phase one did with one shard (counts only: the records are in the spool)."""

    shard: Shard
    extracted: int = 0
    already_done: int = 0
    reused: bool = False  # saved by an earlier, interrupted attempt
    stats: IngestStats = field(default_factory=IngestStats)


def page_work(config: RunConfig) -> PageWork:
    return PageWork(
        config.extractor, config.dedup, config.num_perm, config.shingle_size, config.metadata
    )


def shard_records(shard: Shard, source: Iterable[RawRecord]) -> Iterator[Record]:
    """A shard's raw records as pipeline records, numbered in reading order."""
    for seq, raw in enumerate(source):
        yield Record(raw, (shard.index, seq))


def extract_shard(
    shard: Shard,
    config: RunConfig,
    spool: Spool,
    source: Source,
    *,
    jobs: int,
    done: DoneLookup | None = None,
    tap: Tap | None = None,
) -> ShardOutcome:
    """Phase one for one shard. Raises WartaError/OSError when the source itself fails.

    ``jobs`` is the number of extraction processes (0: in this process, no time limit);
    ``done`` is the sink's ``done_origins`` (None: keep everything, e.g. a crawl that
    re-fetched a changed page); ``tap`` sees every record on its way (a progress display).
    """
    outcome = ShardOutcome(shard)
    if spool.has(shard):
        outcome.reused = True
        outcome.stats = spool.stats(shard)
        return outcome

    def skipped(_record: Record) -> None:
        outcome.already_done += 1

    steps: list[Step] = [SkipDone(done, on_skip=skipped)] if done is not None else []
    steps += [Extract(page_work(config), jobs, config.timeout), LanguageFilter(config.langs)]
    stream = run_steps(shard_records(shard, source), steps)
    if tap is not None:
        stream = tap(stream)

    def counted() -> Iterator[Record]:
        for record in stream:
            outcome.extracted += 1
            yield record

    spool.save(shard, counted(), source.stats)
    outcome.stats = source.stats
    return outcome


def decide_run(
    spool: Spool, shards: Sequence[Shard], config: RunConfig, archive: Archive | None = None
) -> dict[str, Decision]:
    """Phase two: duplicates among every saved shard's candidates (none when dedup is off).

    With an ``archive`` (the run's target), a candidate that duplicates an article stored by
    an earlier run is that article's duplicate (:mod:`warta.pipeline.known`); the others are
    decided among themselves.
    """
    if not config.dedup:
        return {}
    candidates = list(itertools.chain.from_iterable(spool.candidates(s) for s in shards))
    threshold = config.near_dup_threshold
    known = archive_decisions(candidates, archive, threshold=threshold) if archive else {}
    rest = [cand for cand in candidates if cand.origin not in known]
    return {**known, **decide(rest, threshold=threshold, num_perm=config.num_perm)}


def write_shard(
    shard: Shard,
    spool: Spool,
    decisions: dict[str, Decision],
    sink: Sink,
    *,
    batch: int,
    skip_done: bool = True,
    on_skip: Callable[[Record], None] | None = None,
) -> Iterator[Record]:
    """Phase three for one shard: yields each record once it is written (or found written)."""
    steps: list[Step] = [ApplyDedup(decisions)]
    if skip_done:
        steps.append(SkipDone(sink.done_origins, on_skip=on_skip))
    steps.append(WriteSink(sink, batch))
    return run_steps(spool.records(shard), steps)
