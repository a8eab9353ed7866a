"""Fixtures of the Dask tests: one real two-process LocalCluster, inputs cut into shards."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# The pipeline tests' corpus builders (real pages from tests/fixtures/pipeline) are reused.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "pipeline"))

from warta.pipeline.dask_engine import local_cluster


@pytest.fixture(scope="session")
def dask_cluster() -> Iterator[Any]:
    """Two worker processes, one thread each, as the issue asks; shared by the tests."""
    with local_cluster(2) as cluster:
        yield cluster


@pytest.fixture(scope="session")
def scheduler(dask_cluster: Any) -> str:
    address: str = dask_cluster.scheduler_address
    return address
