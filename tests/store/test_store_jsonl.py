"""JSON Lines sink: round trips, resume, and repair of a torn tail."""

from __future__ import annotations

import dataclasses
import gzip
from pathlib import Path

import pytest
from store_samples import corpus

from warta.errors import StoreError
from warta.store import StoredItem, open_sink
from warta.store.jsonl import JsonlSink, read_jsonl
from warta.store.parquet import read_parquet


@pytest.mark.parametrize("name", ["out.jsonl", "out.jsonl.gz"])
def test_round_trip_and_resume(tmp_path: Path, name: str) -> None:
    path = tmp_path / "sub" / name
    items = corpus(40)
    with open_sink(path) as sink:
        sink.write(items[:25])
    with open_sink(path) as sink:
        assert sink.done_origins(i.origin for i in items) == {i.origin for i in items[:25]}
        sink.write(items[25:])
        assert sink.done_origins([items[-1].origin, "other"]) == {items[-1].origin}
    assert list(read_jsonl(path)) == items
    if name.endswith(".gz"):
        with gzip.open(path, "rt", encoding="utf-8") as handle:  # a standard reader agrees
            assert sum(1 for _ in handle) == 40


def test_torn_line_is_cut(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    items = corpus(10)
    with JsonlSink(path) as sink:
        sink.write(items[:6])
    whole = path.stat().st_size
    with path.open("ab") as handle:
        handle.write(b'{"origin": "torn", "text": "half a li')  # a kill mid-write
    with JsonlSink(path) as sink:
        assert path.stat().st_size == whole
        assert sink.done_origins(["torn", items[5].origin]) == {items[5].origin}
        sink.write(items[6:])
    assert list(read_jsonl(path)) == items


def test_torn_gzip_member_is_cut(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl.gz"
    items = corpus(12)
    with JsonlSink(path) as sink:
        sink.write(items[:4])
        sink.write(items[4:8])
    whole = path.stat().st_size
    with JsonlSink(tmp_path / "extra.jsonl.gz") as other:
        other.write(items[8:])
    member = (tmp_path / "extra.jsonl.gz").read_bytes()
    with path.open("ab") as handle:
        handle.write(member[: len(member) // 2])  # the next batch's member, cut short
    with JsonlSink(path) as sink:
        assert path.stat().st_size == whole
        assert sink.done_origins(i.origin for i in items) == {i.origin for i in items[:8]}
        sink.write(items[8:])
    assert list(read_jsonl(path)) == items


def test_foreign_line_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text('{"no origin here": 1}\n')
    with pytest.raises(StoreError):
        JsonlSink(path)


def test_empty_batch_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl.gz"
    with JsonlSink(path) as sink:
        sink.write([])
    assert path.stat().st_size == 0
    assert list(read_jsonl(path)) == []


def test_odd_extra_values_do_not_stop_a_run(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    odd = corpus(1)[0].article.with_changes(extra={"raw": b"\xff", "seen": {1, 2}})
    with JsonlSink(path) as sink:
        sink.write([StoredItem.of(odd, "o:odd")])
    (back,) = read_jsonl(path)
    assert back.article.extra == {"raw": "b'\\xff'", "seen": "{1, 2}"}
    assert back.article.text == odd.text


@pytest.mark.parametrize("name", ["out.jsonl", "out.parquet"])
def test_file_sinks_do_not_write_filtered_items(tmp_path: Path, name: str) -> None:
    items = corpus(6)
    filtered = dataclasses.replace(items[0], origin="o:filtered", filtered=True)
    assert filtered.status == "filtered"
    with open_sink(tmp_path / name) as sink:
        sink.write([filtered])  # a batch of filtered items only writes nothing
        sink.write([*items, filtered])
        assert sink.done_origins(["o:filtered", items[0].origin]) == {items[0].origin}
    if name.endswith(".jsonl"):
        assert list(read_jsonl(tmp_path / name)) == items
    else:
        assert sorted(read_parquet(tmp_path / name), key=lambda i: i.origin) == sorted(
            items, key=lambda i: i.origin
        )
