"""The watchdog pool: results in order, hung and crashing tasks replaced, never the run."""

from __future__ import annotations

import time

from pipeline_plugins import echo_length

from warta.pipeline.pool import Failure, WorkerPool


def test_results_come_back_in_order_with_failures_in_place() -> None:
    tasks = [1, 2, -1, 3, -2, 4, -3, 5]
    started = time.monotonic()
    with WorkerPool(echo_length, jobs=2, timeout=1.5) as pool:
        results = list(pool.map(iter(tasks)))
        replaced = pool.replaced
    assert time.monotonic() - started < 20
    assert [r for r in results if not isinstance(r, Failure)] == [2, 4, 6, 8, 10]
    failures = {tasks[i]: r for i, r in enumerate(results) if isinstance(r, Failure)}
    assert failures[-1].kind == "timeout" and "1.5 s" in failures[-1].reason
    assert failures[-2].kind == "crash" and "exit code 3" in failures[-2].reason
    assert failures[-3].kind == "exception" and "bad task" in failures[-3].reason
    assert replaced == 2  # the hung worker and the dead one, not the one that raised


def test_an_empty_input_needs_no_work() -> None:
    with WorkerPool(echo_length, jobs=1, timeout=1.0) as pool:
        assert list(pool.map(iter([]))) == []
