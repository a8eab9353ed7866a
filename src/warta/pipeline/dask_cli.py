"""The ``warta run`` options that choose the engine, and the executor they ask for.

Kept apart from the Dask engine so that ``warta run`` imports Dask only when it is used.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Protocol

from warta.errors import ConfigError
from warta.pipeline.config import RunConfig
from warta.pipeline.executor import LocalExecutor
from warta.pipeline.record import Shard
from warta.pipeline.report import LiveProgress, RunReport
from warta.store.base import Sink


class Executor(Protocol):
    def run(self, shards: Sequence[Shard]) -> RunReport: ...


def add_engine_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("engine (see docs/dask.md)")
    group.add_argument(
        "--engine", choices=("local", "dask"), default="local",
        help="run on this machine (default) or on a Dask cluster",
    )  # fmt: skip
    group.add_argument(
        "--scheduler", metavar="tcp://HOST:PORT",
        help="with --engine dask: a running Dask scheduler (default: start a local cluster)",
    )  # fmt: skip
    group.add_argument(
        "--workers", type=int, metavar="N",
        help="with --engine dask and no --scheduler: local worker processes (default: CPUs)",
    )  # fmt: skip


def make_executor(
    args: argparse.Namespace, config: RunConfig, sink: Sink, progress: LiveProgress
) -> Executor:
    """The executor the options ask for."""
    engine = getattr(args, "engine", "local")
    scheduler = getattr(args, "scheduler", None)
    workers = getattr(args, "workers", None)
    if engine != "dask":
        if scheduler or workers:
            raise ConfigError("--scheduler and --workers need --engine dask.")
        return LocalExecutor(config, sink, progress)
    from warta.pipeline.dask_engine import DaskExecutor  # imports Dask only when it runs

    return DaskExecutor(config, sink, progress, scheduler=scheduler, workers=workers)
