"""Parquet output: one row per item, every batch an atomically renamed part file.

Two layouts. A directory (an existing one, a target ending in "/", or any ``partition_by``)
holds part files, optionally in hive-style ``site=…/date=…`` folders. A single file
``x.parquet`` is built from parts staged in ``x.parquet.parts/`` and merged into it, atomically,
on ``close``. Either way a part is written to a hidden temp name and renamed only once complete,
so a killed run leaves only whole parts, and the origins in them are its done origins.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from warta.errors import ConfigError, StoreError
from warta.store.base import Sink, StoredItem, site_of, unfiltered, utc_instant
from warta.store.rows import dump_json

PARTITION_KEYS = ("site", "date")
_LISTS = ("authors", "categories", "tags")
_JSON = ("related", "sources", "date_mentions", "dateline", "extra")
_STRINGS = (
    "origin", "crawled_at", "content_hash", "duplicate_of", "status", "reason", "url",
    "source_url", "site", "date", "site_name", "title", "text", "markdown", "lang",
    "published", "modified", "date_source", "description", "image",
)  # fmt: skip
SCHEMA = pa.schema(
    [pa.field(name, pa.string()) for name in _STRINGS]
    + [pa.field("published_at", pa.timestamp("us", tz="UTC"))]
    + [pa.field(name, pa.list_(pa.string())) for name in _LISTS]
    + [pa.field(name, pa.string()) for name in _JSON]
)


def _row(item: StoredItem) -> dict[str, Any]:
    data = item.to_dict()
    row = {name: data.get(name) for name in _STRINGS}
    row["site"] = site_of(item.article, item.origin)
    published = item.article.published
    row["date"] = (
        published.date().isoformat()
        if isinstance(published, datetime)
        else (published.isoformat() if isinstance(published, date) else "unknown")
    )
    row["published_at"] = utc_instant(published)
    row.update({name: data[name] for name in _LISTS})
    row.update({name: dump_json(data[name]) for name in _JSON})
    return row


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_atomically(table: pa.Table, final: Path, compression: str) -> None:
    final.parent.mkdir(parents=True, exist_ok=True)
    temp = final.with_name(f".{final.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        pq.write_table(table, temp, compression=compression)
        with temp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, final)
        _fsync_dir(final.parent)
    finally:
        temp.unlink(missing_ok=True)


def _part_name() -> str:
    # Time-ordered names, so sorting the parts gives the order they were written in.
    return f"part-{time.time_ns():020d}-{uuid.uuid4().hex[:8]}.parquet"


def _parts(root: Path) -> list[Path]:
    """Complete part files under ``root`` in write order (hidden temp files excluded)."""
    if not root.is_dir():
        return []
    found = [p for p in root.rglob("part-*.parquet") if not p.name.startswith(".")]
    return sorted(found, key=lambda p: p.name)


def _origins(files: Iterable[Path]) -> set[str]:
    done: set[str] = set()
    for file in files:
        done.update(pq.read_table(file, columns=["origin"]).column("origin").to_pylist())
    return done


def read_parquet(path: str | Path) -> Iterator[StoredItem]:
    """Every item in a Parquet file or directory this sink wrote, in write order per file."""
    root = Path(path)
    files = [root] if root.is_file() else _parts(root)
    for file in files:
        for row in pq.read_table(file).to_pylist():
            for name in _JSON:
                row[name] = json.loads(row[name]) if row[name] is not None else None
            yield StoredItem.from_dict(row)


class ParquetSink(Sink):
    """Writes items to Parquet (see the module doc for layouts). Every item is written."""

    def __init__(
        self,
        path: str | Path,
        *,
        partition_by: Sequence[str] = (),
        compression: str = "zstd",
    ):
        unknown = set(partition_by) - set(PARTITION_KEYS)
        if unknown:
            raise ConfigError(f"cannot partition Parquet by {sorted(unknown)}; use site, date")
        self.path = Path(path)
        self._partition_by = tuple(partition_by)
        self._compression = compression
        as_dir = bool(partition_by) or self.path.is_dir() or str(path).endswith(("/", os.sep))
        self._single = not as_dir
        self._root = self.path.with_name(self.path.name + ".parts") if self._single else self.path
        try:
            if self._single:
                self._remove_stale_temps()
            existing = [self.path] if self._single and self.path.is_file() else []
            self._done = _origins(existing + _parts(self._root))
        except (OSError, pa.ArrowException) as exc:
            raise StoreError(f"cannot read {self.path}: {exc}") from exc
        self._closed = False

    def _remove_stale_temps(self) -> None:
        # A single file has one writer, so any temp file beside it was left by a killed run.
        # (A shared directory is not swept: its temps may belong to live writers.)
        stale = [*self.path.parent.glob(f".{self.path.name}.*.tmp"), *self._root.glob(".*.tmp")]
        for temp in stale:
            temp.unlink(missing_ok=True)

    def write(self, items: Sequence[StoredItem]) -> None:
        items = unfiltered(items)
        if not items:
            return
        groups: dict[Path, list[dict[str, Any]]] = {}
        for item in items:
            row = _row(item)
            folder = self._root.joinpath(*(f"{k}={row[k]}" for k in self._partition_by))
            groups.setdefault(folder, []).append(row)
        schema = SCHEMA
        for key in self._partition_by:  # hive folders carry these; files do not repeat them
            schema = schema.remove(schema.get_field_index(key))
        try:
            for folder, rows in groups.items():
                table = pa.Table.from_pylist(rows, schema=schema)
                _write_atomically(table, folder / _part_name(), self._compression)
        except (OSError, pa.ArrowException) as exc:
            raise StoreError(f"cannot write Parquet to {self.path}: {exc}") from exc
        self._done.update(item.origin for item in items)

    def done_origins(self, origins: Iterable[str]) -> set[str]:
        return {origin for origin in origins if origin in self._done}

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._single:
            try:
                self._merge()
            except (OSError, pa.ArrowException) as exc:
                raise StoreError(f"cannot finish {self.path}: {exc}") from exc

    def _merge(self) -> None:
        """Fold the staged parts into the single file; the rename is the commit point."""
        parts = _parts(self._root)
        if not parts and self.path.exists():
            shutil.rmtree(self._root, ignore_errors=True)
            return
        sources = ([self.path] if self.path.is_file() else []) + parts
        temp = self.path.with_name(f".{self.path.name}.{uuid.uuid4().hex[:8]}.tmp")
        seen: set[str] = set()
        try:
            with pq.ParquetWriter(temp, SCHEMA, compression=self._compression) as writer:
                for source in sources:
                    table = pq.read_table(source, schema=SCHEMA)
                    # A kill between the rename below and removing the parts leaves rows in
                    # both; keep each origin once.
                    known = pa.array(list(seen), type=pa.string())
                    fresh = pc.invert(pc.is_in(table.column("origin"), value_set=known))
                    table = table.filter(fresh)
                    seen.update(table.column("origin").to_pylist())
                    writer.write_table(table)
            with temp.open("rb") as handle:
                os.fsync(handle.fileno())
            os.replace(temp, self.path)
            _fsync_dir(self.path.parent)
        finally:
            temp.unlink(missing_ok=True)
        shutil.rmtree(self._root, ignore_errors=True)
