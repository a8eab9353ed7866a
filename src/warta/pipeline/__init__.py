"""Steps over record iterators, and the executors that run them (local and Dask).

A :class:`Record` (the raw page, then its Article, status, reason, content hash and MinHash
signature) flows through steps, each ``Step.__call__(records) -> records``. A run is a
:class:`RunConfig` over :class:`Shard` s (:func:`plan`), executed by :class:`LocalExecutor` in
three phases (:mod:`warta.pipeline.phases`): extract per shard, decide duplicates over the
whole run (earliest published kept), write per shard. See ``warta run --help``.
"""

from warta.pipeline.config import RunConfig, build_config
from warta.pipeline.dedup import Candidate, Decision, decide
from warta.pipeline.executor import LocalExecutor
from warta.pipeline.record import Record, RecordStatus, Shard
from warta.pipeline.shards import ShardReader, plan
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

__all__ = [
    "ApplyDedup",
    "Candidate",
    "Decision",
    "Extract",
    "LanguageFilter",
    "LocalExecutor",
    "PageWork",
    "Record",
    "RecordStatus",
    "RunConfig",
    "Shard",
    "ShardReader",
    "SkipDone",
    "Step",
    "WriteSink",
    "build_config",
    "decide",
    "plan",
    "run_steps",
]
