"""Cross-run dedup for a Dask run: its candidates looked up in the target archive.

The local engine's :func:`~warta.pipeline.known.archive_decisions` is called on the driver,
over one shard's candidates file at a time (the archive may be a SQLite file only the driver
sees, and a shard's candidates are what one task already held in memory). A candidate that
duplicates an article an earlier run stored becomes that article's duplicate, and is left out
of the run's own decisions (:func:`~warta.pipeline.dask_dedup.find_duplicates` skips its node),
exactly as :func:`~warta.pipeline.phases.decide_run` does.

What must cover the whole run, not one shard, is the set of the run's own origins: a stored
version written by an earlier, killed attempt of this same run is not an earlier run's article
(its within-run duplicates in later shards must stay duplicates of it, as the attempt that
wrote it decided). The set is kept as a sorted array of 64-bit hashes of the origins, 8 bytes
per candidate. Two origins sharing a hash would only make the archive's version of the other
be ignored (a cross-run duplicate missed, never a wrong one); at 2**-64 per pair, not a concern.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow.parquet as pq

from warta.pipeline.dask_dedup import node_of
from warta.pipeline.dask_rows import read_candidates
from warta.pipeline.dedup import Decision
from warta.pipeline.known import archive_decisions
from warta.store.base import Archive

Ints = npt.NDArray[np.int64]
Hashes = npt.NDArray[np.uint64]


def origin_hash(origin: str) -> int:
    return int.from_bytes(hashlib.blake2b(origin.encode("utf-8"), digest_size=8).digest(), "big")


class OriginSet:
    """The origins of a whole run, as membership only (``origin in origins``)."""

    def __init__(self, origins: Sequence[str] = ()) -> None:
        self._hashes: Hashes = np.unique(np.array([origin_hash(o) for o in origins], np.uint64))

    @classmethod
    def of_files(cls, candidate_paths: Sequence[str]) -> OriginSet:
        """The origins in every shard's candidates file (only their origin column is read)."""
        found = cls()
        pieces = [found._hashes]
        for path in candidate_paths:
            column = pq.read_table(path, columns=["origin"]).column("origin").to_pylist()
            pieces.append(np.array([origin_hash(o) for o in column], dtype=np.uint64))
        found._hashes = np.unique(np.concatenate(pieces))
        return found

    def __contains__(self, origin: object) -> bool:
        if not isinstance(origin, str):
            return False
        wanted = np.uint64(origin_hash(origin))
        at = int(np.searchsorted(self._hashes, wanted))
        return at < self._hashes.size and bool(self._hashes[at] == wanted)

    def __len__(self) -> int:
        return int(self._hashes.size)


@dataclass(frozen=True, slots=True)
class ArchiveMatches:
    """The run's duplicates of archived articles, and their candidates' dedup nodes (sorted),
    which the run's own decisions leave out."""

    decisions: dict[str, Decision]
    nodes: Ints

    @classmethod
    def none(cls) -> ArchiveMatches:
        return cls({}, np.zeros(0, dtype=np.int64))


def archive_matches(
    candidate_paths: Sequence[str], archive: Archive, *, threshold: float, batch: int = 500
) -> ArchiveMatches:
    """Each shard's candidates against ``archive``, a shard at a time, in the given order."""
    own = OriginSet.of_files(candidate_paths)
    decisions: dict[str, Decision] = {}
    nodes: list[int] = []
    for path in candidate_paths:
        candidates = read_candidates(path)
        found = archive_decisions(candidates, archive, threshold=threshold, batch=batch, own=own)
        decisions.update(found)
        nodes.extend(node_of(c.position) for c in candidates if c.origin in found)
    return ArchiveMatches(decisions, np.array(sorted(nodes), dtype=np.int64))
