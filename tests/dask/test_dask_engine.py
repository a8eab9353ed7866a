"""``warta run --engine dask`` on a real two-process LocalCluster, against the local engine.

Every Dask run here reads the same five-shard input as one local run (the reference), and must
give the same archive, row for row: with 2 workers, with 1, after a worker is killed mid-run,
re-run, and into PostgreSQL.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from dask_corpus import WARC_SPLITS, archive_rows, sharded_input
from dask_plugins import KILL_URL
from distributed import Client
from pipeline_corpus import real_pages, write_warc
from pipeline_plugins import HANG_MARK

from warta.cli import main
from warta.pipeline.config import RunConfig
from warta.pipeline.dask_engine import DaskExecutor
from warta.pipeline.dask_parts import run_dir_for
from warta.pipeline.report import RunReport
from warta.pipeline.shards import plan
from warta.store import open_sink

SHARDS = len(WARC_SPLITS) + 2  # three WARCs, and three HTML files in parts of two
RECORDS = 13


def run_cli(tmp: Path, inputs: Path, target: Path, *options: str, extractor: str = "") -> None:
    config = tmp / f"{target.stem}.toml"
    lines = ["part_size = 2", "jobs = 1", "quiet = true"]
    if extractor:
        lines.append(f'extractor = "{extractor}"')
    config.write_text("\n".join(lines) + "\n")
    code = main(["run", str(inputs), "--to", str(target), "--config", str(config), *options])
    assert code == 0


def dask_run(
    inputs: Path, target: str, scheduler: str, extraction: str = "process", **settings: Any
) -> RunReport:
    config = RunConfig(sources=(str(inputs),), target=target, part_size=2, jobs=1, **settings)
    with open_sink(target) as sink:
        executor = DaskExecutor(config, sink, scheduler=scheduler, extraction=extraction)
        return executor.run(plan(config.sources, 2))


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sharded_input(tmp_path_factory.mktemp("dask-input") / "in")


@pytest.fixture(scope="module")
def local_db(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("local")
    run_cli(tmp, inputs, tmp / "local.db")
    return tmp / "local.db"


@pytest.fixture(scope="module")
def local_result(local_db: Path) -> dict[str, Any]:
    return archive_rows(local_db)


def test_the_input_has_shards_of_both_kinds(inputs: Path, local_result: dict[str, Any]) -> None:
    shards = plan([str(inputs)], part_size=2)
    assert [s.kind for s in shards] == ["warc"] * 3 + ["files"] * 2 and len(shards) == SHARDS
    processed = local_result["processed"]
    dups = [row for row in processed if row[1] == "duplicate"]
    assert len(processed) == RECORDS and len(dups) >= 2
    # Duplicates span shards: the exact copy sits in another WARC than its original.
    exact = next(row for row in dups if row[2].startswith("exact"))
    original = next(row for row in processed if row[3] == exact[5] and row[1] == "ok")
    assert exact[0].split("#")[0] != original[0].split("#")[0]


@pytest.fixture(scope="module")
def dask_db(inputs: Path, scheduler: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("dask")
    run_cli(tmp, inputs, tmp / "dask.db", "--engine", "dask", "--scheduler", scheduler)
    return tmp / "dask.db"


def test_two_workers_give_the_local_result(
    inputs: Path, local_result: dict[str, Any], dask_db: Path
) -> None:
    db = dask_db
    assert archive_rows(db) == local_result

    # The run's Parquet dataset: one partition per shard, and the decisions beside it.
    config = RunConfig(target=str(db), part_size=2, jobs=1, quiet=True, sources=(str(inputs),))
    run_dir = run_dir_for(str(db), None, config.fingerprint())
    dataset = ds.dataset(run_dir / "parts", format="parquet", partitioning="hive")
    table = dataset.to_table(columns=["origin", "shard"])
    assert len(set(table.column("shard").to_pylist())) == SHARDS
    processed = local_result["processed"]
    assert sorted(table.column("origin").to_pylist()) == [row[0] for row in processed]
    decided = {d["origin"] for d in pq.read_table(run_dir / "decisions.parquet").to_pylist()}
    assert decided == {row[0] for row in processed if row[1] == "duplicate"}


def test_one_worker_gives_the_local_result(
    inputs: Path, local_result: dict[str, Any], tmp_path: Path
) -> None:
    db = tmp_path / "one.db"
    run_cli(tmp_path, inputs, db, "--engine", "dask", "--workers", "1")
    assert archive_rows(db) == local_result


def test_extraction_in_the_task_gives_the_local_result(
    inputs: Path, local_result: dict[str, Any], scheduler: str, tmp_path: Path
) -> None:
    db = tmp_path / "in-task.db"
    report = dask_run(inputs, str(db), scheduler, extraction="task")
    assert report.extracted == RECORDS
    assert archive_rows(db) == local_result


def worker_pids(scheduler: str) -> set[int]:
    with Client(scheduler) as client:
        return set(client.run(os.getpid).values())


def test_a_killed_worker_loses_and_duplicates_nothing(
    inputs: Path, local_result: dict[str, Any], scheduler: str, kill_flag: Path, tmp_path: Path
) -> None:
    before = worker_pids(scheduler)
    db = tmp_path / "killed.db"
    # The extractor kills its Dask worker at the first page from KILL_URL (in the second WARC,
    # its shard part-way through, other shards under way), once.
    extractor = "dask_plugins:kill_worker_once"
    run_cli(tmp_path, inputs, db, "--engine", "dask", "--scheduler", scheduler, extractor=extractor)

    assert kill_flag.exists() and int(kill_flag.read_text()) in before  # a worker did die ...
    assert worker_pids(scheduler) != before
    assert any(KILL_URL in (row[3] or "") for row in local_result["processed"])
    assert archive_rows(db) == local_result  # ... and the archive is the same
    work = db.with_name(db.name + ".work")
    assert not [p for p in work.rglob("*") if p.name.endswith((".tmp", ".parquet.parts"))]


def test_a_rerun_skips_completed_shards_and_archived_records(
    inputs: Path, local_result: dict[str, Any], scheduler: str, dask_db: Path
) -> None:
    db = str(dask_db)  # made by the same settings through the command
    again = dask_run(inputs, db, scheduler)
    assert again.extracted == 0 and again.already_done == RECORDS  # no shard was sent again
    assert archive_rows(dask_db) == local_result

    # A shard whose completion was not recorded is done again, and only that shard; its
    # records, already in the archive, are skipped before extraction (as the local engine does).
    config = RunConfig(sources=(str(inputs),), target=db, part_size=2, jobs=1)
    markers = run_dir_for(db, None, config.fingerprint()) / "done"
    stamps = {m.name: m.stat().st_mtime_ns for m in markers.iterdir()}
    (markers / "shard-000001.json").unlink()
    third = dask_run(inputs, db, scheduler)
    redone = {m.name for m in markers.iterdir() if m.stat().st_mtime_ns != stamps[m.name]}
    assert redone == {"shard-000001.json"}
    assert third.extracted == 0 and third.already_done == RECORDS
    assert archive_rows(dask_db) == local_result


_COLUMNS = {
    "processed": "origin, status, reason, key, content_hash, duplicate_of, version",
    "articles": "origin, key, version, content_hash, title, text, lang",
}


def some_columns(conn: Any) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for table, columns in _COLUMNS.items():
        out[table] = sorted(tuple(r) for r in conn.execute(f"SELECT {columns} FROM {table}"))
    return out


def test_into_postgresql_as_on_a_cluster(
    inputs: Path,
    local_db: Path,
    scheduler: str,
    pg_database: Callable[[], str],
    tmp_path: Path,
) -> None:
    with sqlite3.connect(local_db) as conn:
        expected = some_columns(conn)
    url = pg_database()
    first = dask_run(inputs, url, scheduler, work_dir=str(tmp_path))
    assert first.extracted == RECORDS
    with psycopg.connect(url) as conn:
        assert some_columns(conn) == expected

    # The run folder gone, the workers ask PostgreSQL what it holds: nothing is extracted.
    config = RunConfig(sources=(str(inputs),), target=url, part_size=2, jobs=1)
    shutil.rmtree(run_dir_for(url, str(tmp_path), config.fingerprint()))
    again = dask_run(inputs, url, scheduler, work_dir=str(tmp_path))
    assert again.extracted == 0 and again.already_done == RECORDS
    with psycopg.connect(url) as conn:
        assert some_columns(conn) == expected


def test_a_hanging_page_times_out_in_the_task_as_it_does_locally(
    scheduler: str, tmp_path: Path
) -> None:
    first, second = real_pages()[:2]
    hanging = type(first)(first.url, first.body.replace(b"<head>", b"<head>" + HANG_MARK, 1))
    warc = write_warc(tmp_path / "hang.warc.gz", [hanging, second])
    db = tmp_path / "hang.db"
    config = tmp_path / "hang.toml"
    config.write_text('quiet = true\nextractor = "pipeline_plugins:misbehaving"\n')
    options = ["--engine", "dask", "--scheduler", scheduler, "--timeout", "2"]
    assert main(["run", str(warc), "--to", str(db), "--config", str(config), *options]) == 0
    with sqlite3.connect(db) as conn:
        statuses = sorted(conn.execute("SELECT status, reason FROM processed").fetchall())
    assert statuses == [("error", "extraction took longer than 2 s and was stopped"), ("ok", "")]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler and --workers need --engine dask"),
        (["--engine", "dask", "--workers", "0"], "--workers must be at least 1"),
        (
            ["--engine", "dask", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"],
            "either --scheduler or --workers",
        ),
    ],
)
def test_engine_option_errors_are_one_clear_line(
    inputs: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    options: list[str],
    message: str,
) -> None:
    code = main(["run", str(inputs), "--to", str(tmp_path / "x.db"), "-q", *options])
    err = capsys.readouterr().err
    assert code == 1 and message in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
