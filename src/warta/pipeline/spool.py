"""A run's resumable state on disk: each finished shard's records, and the run's manifest.

Phase one of a run writes every shard's processed records to ``<shard id>.records``, and
their dedup candidates to ``<shard id>.candidates``, each first under a temporary name and
renamed once complete and fsynced: a killed run leaves whole shards or nothing. A restart
reuses the whole shards and redoes the rest; since extraction is deterministic, the result is
what an uninterrupted run gives. The directory is removed when the run has finished.

The files are pickles written and read by this module only, for speed; they live in the
run's own work directory and are never taken from elsewhere.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from warta.errors import StoreError
from warta.ingest.stats import IngestStats
from warta.pipeline.dedup import Candidate, candidate_of
from warta.pipeline.record import Record, Shard


def run_id(fingerprint: dict[str, Any]) -> str:
    text = json.dumps(fingerprint, sort_keys=True, default=str)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def default_work_dir(target: str) -> Path:
    """Beside a file target (``out.db`` → ``out.db.work``); under the user cache for a URL."""
    if "://" in target:
        cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        return cache / "warta" / "work"
    return Path(target + ".work")


def _dump(path: Path, items: Iterable[Any]) -> None:
    temporary = path.with_name(path.name + ".part")
    with temporary.open("wb") as handle:
        for item in items:
            pickle.dump(item, handle, protocol=pickle.HIGHEST_PROTOCOL)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _load(handle: BinaryIO) -> Iterator[Any]:
    while True:
        try:
            yield pickle.load(handle)
        except EOFError:
            return


class Spool:
    """The work directory of one run (one set of sources, target and settings)."""

    def __init__(self, base: Path, fingerprint: dict[str, Any]) -> None:
        self.path = base / f"run-{run_id(fingerprint)}"
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the work directory {self.path}: {exc}.") from exc

    def _records(self, shard: Shard) -> Path:
        return self.path / f"{shard.id}.records"

    def _candidates(self, shard: Shard) -> Path:
        return self.path / f"{shard.id}.candidates"

    def _stats(self, shard: Shard) -> Path:
        return self.path / f"{shard.id}.stats"

    def has(self, shard: Shard) -> bool:
        """True when the shard's phase one finished in an earlier attempt."""
        return self._stats(shard).exists()

    def save(self, shard: Shard, records: Iterable[Record], stats: IngestStats) -> None:
        """Write the shard's records; candidates are collected from them on the way.

        The stats file is written last: its presence marks the shard complete.
        """
        candidates: list[Candidate] = []

        def tap() -> Iterator[Record]:
            for record in records:
                cand = candidate_of(record)
                if cand is not None:
                    candidates.append(cand)
                yield record

        _dump(self._records(shard), tap())
        _dump(self._candidates(shard), candidates)
        _dump(self._stats(shard), [stats])

    def records(self, shard: Shard) -> Iterator[Record]:
        with self._records(shard).open("rb") as handle:
            yield from _load(handle)

    def candidates(self, shard: Shard) -> Iterator[Candidate]:
        with self._candidates(shard).open("rb") as handle:
            yield from _load(handle)

    def stats(self, shard: Shard) -> IngestStats:
        with self._stats(shard).open("rb") as handle:
            found: IngestStats = next(_load(handle))
            return found

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        with contextlib.suppress(OSError):  # only when no other run's state is left
            self.path.parent.rmdir()
