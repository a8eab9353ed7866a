"""JSON Lines output, plain or gzipped, appended batch by batch and safe to resume.

Each batch is one ``write`` of whole lines (for ``.gz``: one complete gzip member, since
concatenated members form a valid gzip file), then flushed and fsynced. A run killed mid-batch
leaves at most one torn tail: a line without its newline, or a truncated gzip member. Opening
the file again cuts that tail off, so every line left is a complete item.
"""

from __future__ import annotations

import gzip
import json
import os
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from warta.errors import StoreError
from warta.store.base import Sink, StoredItem, unfiltered
from warta.store.rows import dump_json

_CHUNK = 1 << 20


def _is_gzip(path: Path) -> bool:
    return path.name.endswith(".gz")


def _plain_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """(end offset, line) for every newline-terminated line."""
    offset = 0
    with path.open("rb") as handle:
        for line in handle:
            if not line.endswith(b"\n"):
                return
            offset += len(line)
            yield offset, line


def _gzip_members(path: Path) -> Iterator[tuple[int, bytes]]:
    """(end offset, data) for every complete gzip member, stopping at the first broken one."""
    offset = 0  # file offset where the current member starts
    pending = b""
    with path.open("rb") as handle:
        while True:
            decoder = zlib.decompressobj(wbits=31)
            parts: list[bytes] = []
            consumed = 0
            while not decoder.eof:
                data = pending or handle.read(_CHUNK)
                pending = b""
                if not data:
                    return  # torn member (or clean end of file when nothing was consumed)
                try:
                    parts.append(decoder.decompress(data))
                except zlib.error:
                    return
                consumed += len(data)
            pending = decoder.unused_data
            offset += consumed - len(pending)
            yield offset, b"".join(parts)


def _records(path: Path) -> Iterator[tuple[int, bytes]]:
    """(end offset of the complete unit holding it, line) for each stored line."""
    if _is_gzip(path):
        for end, data in _gzip_members(path):
            for line in data.splitlines():
                yield end, line
    else:
        yield from _plain_lines(path)


def read_jsonl(path: str | Path) -> Iterator[StoredItem]:
    """Every complete item in a file this sink wrote (a torn tail is ignored)."""
    for _, line in _records(Path(path)):
        if line.strip():
            yield StoredItem.from_dict(json.loads(line))


class JsonlSink(Sink):
    """Appends items as JSON lines to ``path`` (``.jsonl`` or ``.jsonl.gz``).

    Every item is written, whatever its status, so a resumed run knows every origin it did;
    readers filter on ``status``/``duplicate_of``. Filtered items are the exception (a line
    holds an article's own status, which has no "filtered"): a rerun filters them again.
    ``fsync=False`` trades crash durability of the last batches for speed (a resumed run then
    redoes them).
    """

    def __init__(self, path: str | Path, *, fsync: bool = True, compresslevel: int = 6):
        self.path = Path(path)
        self._fsync = fsync
        self._level = compresslevel
        self._done: set[str] = set()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._repair()
            self._handle: BinaryIO = self.path.open("ab")
        except OSError as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from exc
        self._closed = False

    def _repair(self) -> None:
        """Cut a torn tail left by a killed run and learn which origins are done."""
        if not self.path.exists():
            return
        done: set[str] = set()
        good_end = 0
        try:
            for good_end, line in _records(self.path):  # noqa: B007 - the last end is wanted
                if line.strip():
                    done.add(json.loads(line)["origin"])
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"{self.path} holds a line this sink did not write: {exc}") from exc
        if good_end < self.path.stat().st_size:
            with self.path.open("r+b") as handle:
                handle.truncate(good_end)
                os.fsync(handle.fileno())
        self._done = done

    def write(self, items: Sequence[StoredItem]) -> None:
        items = unfiltered(items)
        if not items:
            return
        data = b"".join(dump_json(item.to_dict()).encode("utf-8") + b"\n" for item in items)
        if _is_gzip(self.path):
            data = gzip.compress(data, compresslevel=self._level, mtime=0)
        try:
            self._handle.write(data)
            self._handle.flush()
            if self._fsync:
                os.fsync(self._handle.fileno())
        except OSError as exc:
            raise StoreError(f"cannot write to {self.path}: {exc}") from exc
        self._done.update(item.origin for item in items)

    def done_origins(self, origins: Iterable[str]) -> set[str]:
        return {origin for origin in origins if origin in self._done}

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._handle.close()
