"""Dask runs into an archive earlier runs filled, and with the language filter: each must leave
the archive the local engine leaves, row for row (cross-run duplicates and filtered records
included), also when the driver dies halfway through loading and the run is started again."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import psycopg
import pyarrow.dataset as ds
import pytest
from dask_corpus import archive_rows, sharded_input, two_days
from test_dask_engine import RECORDS, dask_run, run_cli, some_columns

from warta.pipeline.config import RunConfig
from warta.pipeline.dask_engine import DaskExecutor
from warta.pipeline.dask_parts import run_dir_for
from warta.pipeline.shards import plan
from warta.store import StoredItem
from warta.store.sqlite import SqliteArchive

SITES = ("inet.detik.com", "internasional.kompas.com")  # day one's originals, copied on day two


class DriverDied(Exception):
    """What the tests raise in place of a kill -9 of the driver during the load."""


class DiesAfter(SqliteArchive):
    """A SQLite archive whose driver dies right after its ``writes``-th write is durable."""

    def __init__(self, path: Path, writes: int) -> None:
        super().__init__(path)
        self.left = writes

    def write(self, items: Sequence[StoredItem]) -> None:
        super().write(items)
        self.left -= 1
        if self.left == 0:
            raise DriverDied


def copy_db(source: Path, target: Path) -> Path:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    return target


def task_run(source: Path, target: Path, scheduler: str, **settings: Any) -> None:
    dask_run(source, str(target), scheduler, extraction="task", **settings)


def die_while_loading(
    source: Path, target: Path, scheduler: str, writes: int, **settings: Any
) -> None:
    """A Dask run whose driver dies once ``writes`` writes into ``target`` are durable."""
    config = RunConfig(sources=(str(source),), target=str(target), part_size=2, **settings)
    with DiesAfter(target, writes) as dying, pytest.raises(DriverDied):
        executor = DaskExecutor(config, dying, scheduler=scheduler, extraction="task")
        executor.run(plan(config.sources, 2))


@pytest.fixture(scope="module")
def days(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return two_days(tmp_path_factory.mktemp("days") / "in")


@pytest.fixture(scope="module")
def day_one(days: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive the local engine leaves after day one (copied before each use)."""
    tmp = tmp_path_factory.mktemp("day-one")
    run_cli(tmp, days[0], tmp / "day1.db")
    return tmp / "day1.db"


@pytest.fixture(scope="module")
def reference_db(
    days: tuple[Path, Path], day_one: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The archive the local engine leaves after both days."""
    tmp = tmp_path_factory.mktemp("local-days")
    db = copy_db(day_one, tmp / "local.db")
    run_cli(tmp, days[1], db)
    return db


@pytest.fixture(scope="module")
def reference(reference_db: Path) -> dict[str, Any]:
    return archive_rows(reference_db)


def test_day_two_holds_duplicates_of_archived_and_of_new_articles(
    reference: dict[str, Any],
) -> None:
    processed = reference["processed"]  # origin, status, reason, key, hash, duplicate_of, ...
    day2 = [row for row in processed if "/day2/" in row[0]]
    fresh = next(row[3] for row in day2 if "republika" in row[3])
    detik, kompas = (next(row[3] for row in processed if site in row[3]) for site in SITES)
    reasons = sorted(row[2].split(" (")[0] for row in day2 if row[1] == "duplicate")
    expected = [
        f"exact duplicate of {fresh}",
        f"exact duplicate of archived {detik}",
        f"exact duplicate of archived {detik}",
        f"near duplicate of archived {kompas}",
    ]
    assert reasons == sorted(expected)
    assert len(day2) == 7 and sum(row[1] == "ok" for row in day2) == 3
    # Day one's page read again under its own URL is a version of it, not a duplicate.
    versions = [row for row in reference["articles"] if "antaranews" in row[0]]  # by key
    assert len(versions) == 1


@pytest.mark.parametrize("first_engine", ["local", "dask"])
def test_a_second_dask_run_finds_what_earlier_runs_archived(
    days: tuple[Path, Path],
    day_one: Path,
    reference: dict[str, Any],
    scheduler: str,
    tmp_path: Path,
    first_engine: str,
) -> None:
    db = tmp_path / "dask.db"
    if first_engine == "local":
        copy_db(day_one, db)
    else:
        task_run(days[0], db, scheduler)
        assert archive_rows(db) == archive_rows(day_one)
    task_run(days[1], db, scheduler)
    assert archive_rows(db) == reference


def test_both_days_on_dask_into_postgresql(
    days: tuple[Path, Path],
    reference_db: Path,
    scheduler: str,
    pg_database: Callable[[], str],
    tmp_path: Path,
) -> None:
    url = pg_database()
    for day in days:
        dask_run(day, url, scheduler, extraction="task", work_dir=str(tmp_path))
    with sqlite3.connect(reference_db) as conn:
        expected = some_columns(conn)
    conn.close()
    assert any("archived" in row[2] for row in expected["processed"])
    with psycopg.connect(url) as pg:
        assert some_columns(pg) == expected


@pytest.mark.parametrize("writes", [2, 5])
def test_a_driver_dead_while_loading_day_two_resumes_to_the_same_archive(
    days: tuple[Path, Path],
    day_one: Path,
    reference: dict[str, Any],
    scheduler: str,
    tmp_path: Path,
    writes: int,
) -> None:
    """One record per write: the first WARC's new article (whose copy, in the second WARC, is
    its duplicate) is in the archive when the driver dies; the resumed run must not take it
    for an earlier run's article."""
    db = copy_db(day_one, tmp_path / "dask.db")
    die_while_loading(days[1], db, scheduler, writes, batch_size=1)
    assert len(archive_rows(db)["processed"]) == len(archive_rows(day_one)["processed"]) + writes
    task_run(days[1], db, scheduler, batch_size=1)
    assert archive_rows(db) == reference


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sharded_input(tmp_path_factory.mktemp("lang-input") / "in")


def test_the_language_filter_archives_filtered_records_as_the_local_engine_does(
    inputs: Path, scheduler: str, tmp_path: Path
) -> None:
    local, dask = tmp_path / "local.db", tmp_path / "dask.db"
    run_cli(tmp_path, inputs, local, "--lang", "id")
    expected = archive_rows(local)
    filtered = [row for row in expected["processed"] if row[1] == "filtered"]
    assert len(filtered) == 3 and len(expected["processed"]) == RECORDS
    assert all(row[2] == "language en is not one of id" for row in filtered)

    report = dask_run(inputs, str(dask), scheduler, extraction="task", langs=("id",))
    assert report.statuses["filtered"] == 3
    assert archive_rows(dask) == expected

    # The dataset: filtered records beside the parts, not in them.
    config = RunConfig(sources=(str(inputs),), target=str(dask), part_size=2, langs=("id",))
    run_dir = run_dir_for(str(dask), None, config.fingerprint())
    parts = ds.dataset(run_dir / "parts", format="parquet", partitioning="hive")
    aside = ds.dataset(run_dir / "filtered", format="parquet", partitioning="hive").to_table()
    assert sorted(aside.column("origin").to_pylist()) == [row[0] for row in filtered]
    assert set(aside.column("lang").to_pylist()) == {"en"}
    assert parts.count_rows() == RECORDS - len(filtered)

    again = dask_run(inputs, str(dask), scheduler, extraction="task", langs=("id",))
    assert again.extracted == 0 and again.already_done == RECORDS
    assert archive_rows(dask) == expected


def test_a_driver_dead_while_loading_resumes_without_taking_its_own_articles_for_archived(
    inputs: Path, scheduler: str, tmp_path: Path
) -> None:
    """The exact copy of a page of the first WARC sits in the third: with the first two
    shards loaded when the driver dies, the original is archived, by this very run."""
    reference, db = tmp_path / "ref.db", tmp_path / "dask.db"
    task_run(inputs, reference, scheduler)
    die_while_loading(inputs, db, scheduler, 2)  # a batch per shard
    assert len(archive_rows(db)["processed"]) == 7  # the first two WARCs' records
    task_run(inputs, db, scheduler)
    assert archive_rows(db) == archive_rows(reference)
    assert "archived" not in str(archive_rows(db))
