"""``warta run --engine dask`` on a real two-process LocalCluster, against the local engine."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from dask_corpus import WARC_SPLITS, archive_rows, sharded_input
from dask_plugins import kill_mark
from distributed import Client
from pipeline_plugins import HANG_MARK

from warta.cli import main
from warta.pipeline.config import RunConfig
from warta.pipeline.dask_engine import DaskExecutor
from warta.pipeline.dask_parts import run_dir_for
from warta.pipeline.shards import plan
from warta.store import open_sink

SHARDS = len(WARC_SPLITS) + 2  # three WARCs, and three HTML files in parts of two


def run_cli(tmp: Path, inputs: Path, db: Path, *engine: str, extractor: str = "") -> None:
    config = tmp / f"{db.stem}.toml"
    lines = ["part_size = 2", "jobs = 1", "quiet = true"]
    if extractor:
        lines.append(f'extractor = "{extractor}"')
    config.write_text("\n".join(lines) + "\n")
    code = main(["run", str(inputs), "--to", str(db), "--config", str(config), *engine])
    assert code == 0


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sharded_input(tmp_path_factory.mktemp("dask-input") / "in")


@pytest.fixture(scope="module")
def local_result(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("local")
    run_cli(tmp, inputs, tmp / "local.db")
    return archive_rows(tmp / "local.db")


def test_plan_has_several_shards_of_both_kinds(inputs: Path) -> None:
    shards = plan([str(inputs)], part_size=2)
    assert len(shards) == SHARDS
    assert [s.kind for s in shards] == ["warc"] * 3 + ["files"] * 2


def test_dask_result_equals_the_local_engine_result(
    inputs: Path, local_result: dict[str, Any], scheduler: str, tmp_path: Path
) -> None:
    db = tmp_path / "dask.db"
    run_cli(tmp_path, inputs, db, "--engine", "dask", "--scheduler", scheduler)
    assert archive_rows(db) == local_result

    processed = local_result["processed"]
    dups = [row for row in processed if row[1] == "duplicate"]
    assert len(processed) == 13 and len(dups) >= 2
    # Duplicates were found across shards: the exact copy sits in another WARC than its original.
    exact = next(row for row in dups if row[2].startswith("exact"))
    original = next(row for row in processed if row[3] == exact[5] and row[1] == "ok")
    assert exact[0].split("#")[0] != original[0].split("#")[0]

    # The run's Parquet dataset: one partition per shard, and the decisions beside it.
    config = RunConfig(target=str(db), part_size=2, jobs=1, quiet=True, sources=(str(inputs),))
    run_dir = run_dir_for(str(db), None, config.fingerprint())
    dataset = ds.dataset(run_dir / "parts", format="parquet", partitioning="hive")
    table = dataset.to_table(columns=["origin", "shard"])
    assert len(set(table.column("shard").to_pylist())) == SHARDS
    assert sorted(table.column("origin").to_pylist()) == [row[0] for row in processed]
    decisions = pq.read_table(run_dir / "decisions.parquet").to_pylist()
    assert {d["origin"] for d in decisions} == {row[0] for row in dups}


def test_one_worker_gives_the_same_result(
    inputs: Path, local_result: dict[str, Any], tmp_path: Path
) -> None:
    db = tmp_path / "one.db"
    run_cli(tmp_path, inputs, db, "--engine", "dask", "--workers", "1")
    assert archive_rows(db) == local_result


def dask_run(inputs: Path, db: Path, scheduler: str) -> Any:
    config = RunConfig(sources=(str(inputs),), target=str(db), part_size=2, jobs=1)
    with open_sink(db) as sink:
        return DaskExecutor(config, sink, scheduler=scheduler).run(plan(config.sources, 2))


def test_a_rerun_skips_completed_shards_and_archived_records(
    inputs: Path, scheduler: str, tmp_path: Path
) -> None:
    db = tmp_path / "again.db"
    first = dask_run(inputs, db, scheduler)
    before = archive_rows(db)
    assert first.extracted == 13 and first.already_done == 0

    again = dask_run(inputs, db, scheduler)
    assert again.extracted == 0  # every shard was recorded complete
    assert again.already_done == first.processed - first.statuses["filtered"]
    assert archive_rows(db) == before

    # A shard whose completion was not recorded is done again, and only that shard; its
    # records, already in the archive, are skipped before extraction (as the local engine does).
    config = RunConfig(sources=(str(inputs),), target=str(db), part_size=2, jobs=1)
    markers = run_dir_for(str(db), None, config.fingerprint()) / "done"
    stamps = {m.name: m.stat().st_mtime_ns for m in markers.iterdir()}
    (markers / "shard-000001.json").unlink()
    third = dask_run(inputs, db, scheduler)
    redone = {m.name for m in markers.iterdir() if m.stat().st_mtime_ns != stamps[m.name]}
    assert redone == {"shard-000001.json"}
    assert third.extracted == 0 and third.already_done == first.processed
    assert archive_rows(db) == before


def worker_pids(scheduler: str) -> set[int]:
    with Client(scheduler) as client:
        return set(client.run(os.getpid).values())


def test_a_killed_worker_loses_and_duplicates_nothing(
    scheduler: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    flag = tmp_path / "killed"
    # The second page of the second WARC: other shards are under way when its worker dies.
    inputs = sharded_input(tmp_path / "in", mark=(5, kill_mark(str(flag))))
    reference = tmp_path_factory.mktemp("kill-local")
    run_cli(reference, inputs, reference / "local.db")
    before = worker_pids(scheduler)

    db = tmp_path / "killed.db"
    extractor = "dask_plugins:kill_worker_once"
    run_cli(tmp_path, inputs, db, "--engine", "dask", "--scheduler", scheduler, extractor=extractor)

    assert flag.exists()  # a worker really was killed mid-task ...
    assert int(flag.read_text()) in before and worker_pids(scheduler) != before
    assert archive_rows(db) == archive_rows(reference / "local.db")  # ... and nothing changed
    leftovers = [p for p in db.with_name(db.name + ".work").rglob("*") if ".tmp" in p.name]
    assert not leftovers and not list(db.parent.rglob("*.parquet.parts"))


def test_a_hanging_page_times_out_in_the_task_as_it_does_locally(
    scheduler: str, tmp_path: Path
) -> None:
    inputs = sharded_input(tmp_path / "in", mark=(1, HANG_MARK))
    db = tmp_path / "hang.db"
    config = tmp_path / "hang.toml"
    config.write_text('part_size = 2\nquiet = true\nextractor = "pipeline_plugins:misbehaving"\n')
    args = ["--engine", "dask", "--scheduler", scheduler, "--timeout", "2"]
    assert main(["run", str(inputs), "--to", str(db), "--config", str(config), *args]) == 0
    with sqlite3.connect(db) as conn:
        errors = conn.execute("SELECT reason FROM processed WHERE status = 'error'").fetchall()
    assert errors == [("extraction took longer than 2 s and was stopped",)]
