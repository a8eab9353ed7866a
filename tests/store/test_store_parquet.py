"""Parquet sink: single file and (partitioned) directory layouts, resume, atomic parts."""

from __future__ import annotations

from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from store_samples import corpus

from warta.errors import ConfigError
from warta.store import open_sink
from warta.store.parquet import ParquetSink, read_parquet


def test_single_file_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "out.parquet"
    items = corpus(30)
    with open_sink(path) as sink:
        sink.write(items[:10])
        sink.write(items[10:])
        assert not path.exists()  # the file appears whole, on close
    assert path.is_file() and not (tmp_path / "out.parquet.parts").exists()
    assert list(read_parquet(path)) == items
    table = pq.read_table(path)
    assert table.num_rows == 30
    assert set(table.column("status").to_pylist()) == {"ok", "error", "not_article"}
    duplicates = [i.duplicate_of for i in items if i.duplicate_of]
    assert duplicates and table.column("duplicate_of").drop_null().to_pylist() == duplicates


def test_single_file_resume_after_kill(tmp_path: Path) -> None:
    path = tmp_path / "out.parquet"
    items = corpus(30)
    with open_sink(path) as sink:
        sink.write(items[:10])
    killed = ParquetSink(path)
    killed.write(items[10:20])  # never closed: as if killed; only staged parts remain
    (tmp_path / "out.parquet.parts" / ".part-x.parquet.tmp").write_bytes(b"PAR1 torn")
    with open_sink(path) as sink:
        done = sink.done_origins(i.origin for i in items)
        assert done == {i.origin for i in items[:20]}
        sink.write([i for i in items if i.origin not in done])
    assert list(read_parquet(path)) == items


def test_merge_keeps_each_origin_once(tmp_path: Path) -> None:
    path = tmp_path / "out.parquet"
    items = corpus(8)
    with open_sink(path) as sink:
        sink.write(items)
    # A kill after the merged file was renamed in but before the parts were removed.
    staged = ParquetSink(path)
    staged.write(items[:3])
    with open_sink(path):
        pass
    assert list(read_parquet(path)) == items


def test_partitioned_directory(tmp_path: Path) -> None:
    root = tmp_path / "out.parquet"
    items = corpus(40)
    with open_sink(root, partition_by=("site", "date")) as sink:
        sink.write(items[:20])
    with open_sink(root, partition_by=("site", "date")) as sink:
        assert sink.done_origins(i.origin for i in items) == {i.origin for i in items[:20]}
        sink.write(items[20:])
    folders = {p.parent.relative_to(root).as_posix() for p in root.rglob("*.parquet")}
    first = items[0].article  # www.kompas.com, published 2024-05-01 09:30 +07:00
    assert first.url == "https://www.kompas.com/read/0" and first.published is not None
    assert "site=kompas.com/date=2024-05-01" in folders
    assert "site=tempo.co/date=unknown" in folders  # items[3] is a failure: no date
    assert sorted(read_parquet(root), key=lambda i: i.origin) == sorted(
        items, key=lambda i: i.origin
    )
    dataset = ds.dataset(root, format="parquet", partitioning="hive")
    kompas = dataset.to_table(filter=ds.field("site") == "kompas.com")
    assert 0 < kompas.num_rows < 40


def test_plain_directory(tmp_path: Path) -> None:
    root = tmp_path / "dir.parquet"
    root.mkdir()
    items = corpus(12)
    with open_sink(root) as sink:
        sink.write(items[:6])
        sink.write(items[6:])
    assert len(list(root.glob("part-*.parquet"))) == 2
    assert list(read_parquet(root)) == items


def test_unknown_partition_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        open_sink(tmp_path / "x.parquet", partition_by=("lang",))
