"""Fixtures of the Dask tests: one real two-process LocalCluster, inputs cut into shards."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# The pipeline tests' corpus builders (real pages from tests/fixtures/pipeline) are reused.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "pipeline"))

from dask_plugins import KILL_ENV, KILL_URL

from support.postgres import pg_database, pg_server
from warta.pipeline.dask_engine import local_cluster

# The real PostgreSQL server (skipped without the binaries, failing under CI).
__all__ = ["dask_cluster", "kill_flag", "pg_database", "pg_server", "scheduler"]


@pytest.fixture(scope="session")
def kill_flag(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The file ``dask_plugins:kill_worker_once`` creates when it kills a worker."""
    return tmp_path_factory.mktemp("kill") / "killed"


@pytest.fixture(scope="session")
def dask_cluster(kill_flag: Path) -> Iterator[Any]:
    """Two worker processes, one thread each, as the issue asks; shared by the tests."""
    before = os.environ.get(KILL_ENV)
    os.environ[KILL_ENV] = f"{kill_flag}|{KILL_URL}"  # inherited by the workers
    try:
        with local_cluster(2) as cluster:
            yield cluster
    finally:
        if before is None:
            os.environ.pop(KILL_ENV, None)
        else:
            os.environ[KILL_ENV] = before


@pytest.fixture(scope="session")
def scheduler(dask_cluster: Any) -> str:
    address: str = dask_cluster.scheduler_address
    return address
