"""A run killed with SIGKILL at random moments, then started again, ends with exactly the
archive an uninterrupted run gives: nothing lost, nothing doubled, the same dedup decisions."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pipeline_corpus import bigger_corpus, standard_corpus, write_warc

SRC = Path(__file__).resolve().parents[2] / "src"
PROCESSED = "origin, status, reason, key, content_hash, duplicate_of, version"
ARTICLES = "key, version, content_hash, origin, title, text, published, latest"


@pytest.fixture(scope="module")
def big_warc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pages = [*standard_corpus(), *bigger_corpus(25)]  # 210 pages, many near duplicates
    return write_warc(tmp_path_factory.mktemp("big") / "big.warc.gz", pages)


def command(warc: Path, target: str, work: Path) -> list[str]:
    return [
        sys.executable, "-m", "warta.cli", "run", str(warc), "--to", target,
        "--jobs", "2", "--quiet", "--work-dir", str(work),
    ]  # fmt: skip


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env


def run_to_end(args: list[str]) -> float:
    started = time.monotonic()
    done = subprocess.run(args, env=environment(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return time.monotonic() - started


def run_and_kill(args: list[str], after: float) -> None:
    """Start a run in its own process group and SIGKILL the whole group after ``after`` s."""
    proc = subprocess.Popen(
        args, env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        proc.wait(timeout=after)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def killed_then_resumed(args: list[str], reference_seconds: float, seed: int) -> list[float]:
    """Kill the run at moments spread over a run's length, then let it finish."""
    rng = random.Random(seed)
    moments = sorted(rng.uniform(0.15, 0.95) * reference_seconds for _ in range(3))
    for moment in moments:
        run_and_kill(args, moment)
    run_to_end(args)
    return moments


def sqlite_rows(db: str) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    with sqlite3.connect(db) as conn:
        processed = conn.execute(f"SELECT {PROCESSED} FROM processed ORDER BY origin").fetchall()
        articles = conn.execute(f"SELECT {ARTICLES} FROM articles ORDER BY key, version")
        return processed, articles.fetchall()


def postgres_rows(url: str) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    import psycopg

    with psycopg.connect(url) as conn:
        processed = conn.execute(f"SELECT {PROCESSED} FROM processed ORDER BY origin").fetchall()
        articles = conn.execute(f"SELECT {ARTICLES} FROM articles ORDER BY key, version")
        return processed, articles.fetchall()


def check_same(
    rows: Callable[[str], tuple[list[Any], list[Any]]], reference: str, resumed: str
) -> None:
    ref_processed, ref_articles = rows(reference)
    got_processed, got_articles = rows(resumed)
    assert len(ref_processed) == 210
    statuses = {row[1] for row in ref_processed}
    assert {"ok", "duplicate"} <= statuses  # dedup decisions are part of what must match
    assert got_processed == ref_processed
    assert got_articles == ref_articles


def test_sigkill_and_resume_gives_the_same_sqlite_archive(big_warc: Path, tmp_path: Path) -> None:
    reference, resumed = str(tmp_path / "ref.db"), str(tmp_path / "resumed.db")
    seconds = run_to_end(command(big_warc, reference, tmp_path / "w1"))
    seed = random.randrange(1 << 30)
    moments = killed_then_resumed(command(big_warc, resumed, tmp_path / "w2"), seconds, seed)
    print(f"killed at {moments} of a {seconds:.1f} s run (seed {seed})")
    check_same(sqlite_rows, reference, resumed)
    assert not any((tmp_path / "w2").glob("run-*"))  # the finished run left no state behind


def test_sigkill_and_resume_gives_the_same_postgres_archive(
    big_warc: Path, tmp_path: Path, pg_database: Callable[[], str]
) -> None:
    reference, resumed = pg_database(), pg_database()
    seconds = run_to_end(command(big_warc, reference, tmp_path / "w1"))
    seed = random.randrange(1 << 30)
    moments = killed_then_resumed(command(big_warc, resumed, tmp_path / "w2"), seconds, seed)
    print(f"killed at {moments} of a {seconds:.1f} s run (seed {seed})")
    check_same(postgres_rows, reference, resumed)
