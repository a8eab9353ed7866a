"""A writer killed with SIGKILL at a random moment, then resumed, ends with the same content as
a run that was never interrupted: nothing lost, nothing doubled."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from store_samples import corpus, dump_postgres, dump_sqlite

from warta.store.jsonl import read_jsonl
from warta.store.parquet import ParquetSink, read_parquet

HERE = Path(__file__).parent
SRC = HERE.parent.parent / "src"
ITEMS, BATCH = 300, 6
ROUNDS, MAX_ROUNDS = 3, 12  # more rounds only while no kill has landed mid-run


def _env() -> dict[str, str]:
    paths = [str(SRC), str(HERE), os.environ.get("PYTHONPATH", "")]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}


def _run(target: str) -> float:
    """Run the child to the end; returns how long its writing took."""
    child = subprocess.Popen(
        [sys.executable, str(HERE / "kill_child.py"), target, str(ITEMS), str(BATCH)],
        stdout=subprocess.PIPE, text=True, env=_env(),
    )  # fmt: skip
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    began = time.monotonic()
    out = child.stdout.read()  # not communicate(): it would skip what readline buffered
    assert child.wait(timeout=120) == 0 and out.strip() == "done"
    return time.monotonic() - began


def _killed(target: str, after: float) -> None:
    child = subprocess.Popen(
        [sys.executable, str(HERE / "kill_child.py"), target, str(ITEMS), str(BATCH)],
        stdout=subprocess.PIPE, text=True, env=_env(),
    )  # fmt: skip
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    time.sleep(after)
    child.send_signal(signal.SIGKILL)
    child.stdout.close()
    child.wait(timeout=60)


def _check_resume(
    make_target: Callable[[str], str], dump: Callable[[str], Any], done: Callable[[str], int]
) -> None:
    reference = make_target("reference")
    duration = _run(reference)
    expected = dump(reference)
    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    interrupted = 0
    # Kill moments are drawn between the latest one that came too early (nothing written yet)
    # and the earliest one that came too late (all written): a killed child starts no faster
    # than the reference, and a sink may make its writes durable late in the run.
    early, late = 0.0, 1.5 * duration
    for round_ in range(MAX_ROUNDS):
        if round_ >= ROUNDS and interrupted:
            break
        target = make_target(f"round{round_}")
        moment = rng.uniform(early, late)
        _killed(target, moment)
        written = done(target)
        if 0 < written < ITEMS:
            interrupted += 1
        elif written == 0:
            early = max(early, moment)
        else:
            late = min(late, moment)
        _run(target)
        assert dump(target) == expected, f"round {round_}: killed after {moment:.3f}s"
    # The kills must really land mid-run for the test to mean anything.
    assert interrupted >= 1, f"no kill landed mid-run (a full run takes {duration:.3f}s)"


def _sqlite_done(path: str) -> int:
    import sqlite3

    if not Path(path).exists():
        return 0
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        count = (
            conn.execute("SELECT count(*) FROM processed").fetchone()[0]
            if "processed" in tables
            else 0
        )
    conn.close()
    return int(count)


def test_sqlite_survives_kill(tmp_path: Path) -> None:
    _check_resume(lambda name: str(tmp_path / f"{name}.db"), dump_sqlite, _sqlite_done)


def test_postgres_survives_kill(pg_database: Callable[[], str]) -> None:
    import psycopg

    def done(url: str) -> int:
        with psycopg.connect(url) as conn:
            exists = conn.execute("SELECT to_regclass('processed')").fetchone()
            if not exists or exists[0] is None:
                return 0
            row = conn.execute("SELECT count(*) FROM processed").fetchone()
            return int(row[0]) if row else 0

    _check_resume(lambda _name: pg_database(), dump_postgres, done)


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz"])
def test_jsonl_survives_kill(tmp_path: Path, suffix: str) -> None:
    def dump(path: str) -> list[dict[str, Any]]:
        return [item.to_dict() for item in read_jsonl(path)]

    def done(path: str) -> int:
        return len(dump(path)) if Path(path).exists() else 0

    _check_resume(lambda name: str(tmp_path / name) + suffix, dump, done)


@pytest.mark.parametrize("suffix", [".parquet", ".parquet/"])
def test_parquet_survives_kill(tmp_path: Path, suffix: str) -> None:
    def dump(path: str) -> list[dict[str, Any]]:
        return [item.to_dict() for item in read_parquet(path)]

    def done(path: str) -> int:
        sink = ParquetSink(path)  # reads what is on disk; never closed, so it merges nothing
        return len(sink.done_origins(item.origin for item in corpus(ITEMS)))

    _check_resume(lambda name: str(tmp_path / name) + suffix, dump, done)
