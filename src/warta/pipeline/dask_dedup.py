"""Run-wide duplicate decisions over a cluster: LSH bands grouped by a shuffle, then
:func:`~warta.pipeline.dedup.decide` per set of groups of possible duplicates.

Why this gives exactly the local engine's decisions: ``decide`` visits candidates in a fixed
order and compares each only with kept candidates that share its content hash or one of its
LSH bands (the same bands, from the same datasketch parameters). Link every two candidates
that share a hash or a band; whatever ``decide`` does with a candidate depends only on the
candidates of its linked group. So ``decide`` run on any union of whole groups decides for
them as ``decide`` run on everything, and a candidate linked to nothing is kept. Groups can
only come out too big (bucket keys are 64-bit hashes: a collision joins two buckets), never too
small, and too big costs time, not correctness: ``decide`` checks the real similarity.

Two shuffles, written as Dask tasks over numpy arrays (one task per shard, then one per
output partition, which gathers its piece of every shard's output):

1. each shard's candidates → (bucket key, node) for the content hash and each band; the
   pieces are exchanged by ``key % partitions``; each partition sorts its keys and links the
   nodes of every bucket that holds two or more (a star around the smallest node);
2. the driver joins the links into groups (union-find over node numbers: a few integers per
   candidate that has a possible duplicate) and hands the table to the tasks; each shard's
   grouped candidates are exchanged by ``group % partitions``, and each partition runs
   ``decide`` once over the whole groups it holds.

Nothing here depends on how many workers there are or in which order tasks finished.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.parquet as pq
from datasketch import MinHashLSH

from warta.pipeline.dask_rows import CANDIDATES, read_candidates
from warta.pipeline.dedup import Candidate, Decision, decide, lsh_threshold

Ints = npt.NDArray[np.int64]
Keys = npt.NDArray[np.uint64]
Piece = tuple[Keys, Ints]

_SEQ_BITS = 32  # records per shard stay far below 2**32
_MAX_PARTITIONS = 64
_EXACT_SALT = np.uint64(0x9E3779B97F4A7C15)


def band_shape(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) of the LSH index :func:`decide` builds for these settings."""
    lsh = MinHashLSH(threshold=lsh_threshold(threshold), num_perm=num_perm)
    return int(lsh.b), int(lsh.r)


def node_of(position: tuple[int, int]) -> int:
    shard, seq = position
    return (shard << _SEQ_BITS) | seq


def _multipliers(num_perm: int) -> Keys:
    """Fixed odd 64-bit multipliers, one per signature value (a linear hash of each band)."""
    rng = np.random.default_rng(20240517)
    values = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64)
    return values | np.uint64(1)


def bucket_keys(
    path: str, bands: int, rows: int, num_perm: int, exclude: Ints | None = None
) -> Piece:
    """(bucket key, node) for every candidate of one shard: its content hash, then its bands.

    Candidates whose node is in ``exclude`` (sorted) get none: they link to nothing, so no
    group holds them and nothing is decided for them.
    """
    table = pq.read_table(path, schema=CANDIDATES)
    shard = np.asarray(table.column("shard").to_numpy(zero_copy_only=False), dtype=np.int64)
    seq = np.asarray(table.column("seq").to_numpy(zero_copy_only=False), dtype=np.int64)
    nodes = (shard << _SEQ_BITS) | seq
    if exclude is not None and exclude.size:
        keep = ~np.isin(nodes, exclude, assume_unique=False)
        table, nodes = table.filter(pa.array(keep)), nodes[keep]
    hashes = table.column("content_hash").to_pylist()
    exact = np.array([int(h[:16], 16) for h in hashes], dtype=np.uint64) ^ _EXACT_SALT
    keys: list[Keys] = [exact]
    owners: list[Ints] = [nodes]
    signed = [(n, sig) for n, sig in zip(nodes, table.column("minhash").to_pylist(), strict=True)]
    signed = [(n, sig) for n, sig in signed if sig is not None and len(sig) == num_perm * 4]
    if signed:
        values = np.frombuffer(b"".join(sig for _n, sig in signed), dtype="<u4")
        matrix = values.reshape(len(signed), num_perm).astype(np.uint64)
        weights = _multipliers(num_perm)
        signed_nodes = np.array([n for n, _sig in signed], dtype=np.int64)
        for band in range(bands):
            cols = slice(band * rows, (band + 1) * rows)
            keys.append((matrix[:, cols] * weights[cols]).sum(axis=1, dtype=np.uint64))
            owners.append(signed_nodes)
    return np.concatenate(keys), np.concatenate(owners)


def split(piece: Piece, partitions: int) -> list[Piece]:
    """A shard's keys cut into one piece per output partition, by ``key % partitions``."""
    keys, nodes = piece
    target = keys % np.uint64(partitions)
    return [(keys[target == p], nodes[target == p]) for p in range(partitions)]


def links_of(pieces: Sequence[Piece]) -> Ints:
    """Links (smallest node, other node) joining the nodes of every shared bucket."""
    keys = np.concatenate([k for k, _n in pieces]) if pieces else np.zeros(0, np.uint64)
    nodes = np.concatenate([n for _k, n in pieces]) if pieces else np.zeros(0, np.int64)
    if keys.size < 2:
        return np.zeros((0, 2), dtype=np.int64)
    order = np.lexsort((nodes, keys))
    keys, nodes = keys[order], nodes[order]
    starts = np.concatenate([[True], keys[1:] != keys[:-1]])
    run = np.cumsum(starts) - 1
    roots = nodes[np.flatnonzero(starts)][run]
    joined = nodes != roots
    links = np.stack([roots[joined], nodes[joined]], axis=1)
    return np.unique(links, axis=0) if links.size else links


def groups_of(links: Iterable[tuple[int, int]]) -> dict[int, int]:
    """node → its group's smallest node, for every node in a link (union-find)."""
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]  # path halving
            node = parent[node]
        return node

    for a, b in links:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {node: root(node) for node in parent}


def grouped_candidates(
    path: str, table: tuple[Ints, Ints], partitions: int
) -> list[list[Candidate]]:
    """A shard's candidates that belong to a group, cut by ``group % partitions``."""
    nodes, groups = table
    out: list[list[Candidate]] = [[] for _ in range(partitions)]
    for cand in read_candidates(path):
        node = node_of(cand.position)
        at = int(np.searchsorted(nodes, node))
        if at < nodes.size and nodes[at] == node:
            out[int(groups[at]) % partitions].append(cand)
    return out


def decide_groups(
    pieces: Sequence[list[Candidate]], threshold: float, num_perm: int
) -> list[tuple[str, Decision]]:
    """``decide`` over whole groups (every member of each group is in ``pieces``)."""
    members = [cand for piece in pieces for cand in piece]
    decisions = decide(members, threshold=threshold, num_perm=num_perm)
    return sorted(decisions.items())


def find_duplicates(
    candidate_paths: Sequence[str],
    *,
    threshold: float,
    num_perm: int,
    exclude: Ints | None = None,
    scheduler: Any = None,
) -> dict[str, Decision]:
    """The run's duplicates (origin → decision), from every shard's candidates file.

    ``exclude`` holds the nodes (:func:`node_of`) of candidates already decided elsewhere
    (duplicates of archived articles): the others are decided as if they were not there.
    ``scheduler`` is passed to ``dask.compute``: None uses the active Dask client (or the
    default scheduler), "sync" runs everything in this thread (tests).
    """
    from dask.base import compute
    from dask.delayed import delayed

    paths = list(candidate_paths)
    if not paths:
        return {}
    parts = max(1, min(len(paths), _MAX_PARTITIONS))
    bands, rows = band_shape(threshold, num_perm)
    skip = delayed(np.sort(exclude)) if exclude is not None and exclude.size else None
    cut = [delayed(split, nout=parts)(delayed(bucket_keys)(p, bands, rows, num_perm, skip), parts)
           for p in paths]  # fmt: skip
    linked = [delayed(links_of)([pieces[j] for pieces in cut]) for j in range(parts)]
    found = compute(*linked, scheduler=scheduler)  # type: ignore[no-untyped-call]
    groups = groups_of((int(a), int(b)) for a, b in np.concatenate(found).tolist())
    if not groups:
        return {}
    nodes = np.array(sorted(groups), dtype=np.int64)
    table = delayed((nodes, np.array([groups[int(n)] for n in nodes], dtype=np.int64)))
    dealt = [delayed(grouped_candidates, nout=parts)(p, table, parts) for p in paths]
    decided = [
        delayed(decide_groups)([pieces[j] for pieces in dealt], threshold, num_perm)
        for j in range(parts)
    ]
    results = compute(*decided, scheduler=scheduler)  # type: ignore[no-untyped-call]
    return dict(pair for result in results for pair in result)
