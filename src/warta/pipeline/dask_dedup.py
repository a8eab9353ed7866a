"""Run-wide duplicate decisions over a cluster: LSH bands grouped by a shuffle, then
:func:`~warta.pipeline.dedup.decide` per cluster of possible duplicates.

Why this gives exactly the local engine's decisions: ``decide`` visits candidates in a fixed
order and compares each only with kept candidates that share its content hash or one of its
LSH bands (the same bands, from the same datasketch parameters). Link every two candidates
that share a hash or a band; whatever ``decide`` does with a candidate depends only on the
candidates of its linked group. So ``decide`` run on each group alone decides as ``decide``
run on everything, and a candidate linked to nothing is kept. The groups can only be too big
(a band shared by texts that are not similar enough), never too small, and too big costs time,
not correctness: ``decide`` checks the real similarity.

Stages, all on the cluster but the union-find over node numbers:

1. each shard's candidates → (bucket key, node) for its content hash and each band;
2. shuffle by bucket key (``dask.bag.groupby``); each bucket of two or more links its nodes;
3. the driver joins links into groups (union-find over integers: small, one per candidate
   that has a possible duplicate);
4. candidates are shuffled by group, and each group is decided on its own, in a task.

Nothing here depends on how many workers there are or in which order tasks finished.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from datasketch import MinHashLSH

from warta.pipeline.dask_parts import read_candidates
from warta.pipeline.dedup import Candidate, Decision, decide, lsh_threshold

Link = tuple[int, int]
_SEQ_BITS = 32  # records per shard stay far below 2**32


def band_shape(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) of the LSH index :func:`decide` builds for these settings."""
    lsh = MinHashLSH(threshold=lsh_threshold(threshold), num_perm=num_perm)
    return int(lsh.b), int(lsh.r)


def node_of(position: tuple[int, int]) -> int:
    shard, seq = position
    return (shard << _SEQ_BITS) | seq


def bucket_keys(cand: Candidate, bands: int, rows: int) -> list[bytes]:
    """The buckets a candidate falls in: its content hash, and each LSH band of its signature.

    Bands are hashed to 16 bytes; a hash collision can only join buckets, which is safe.
    """
    keys = [b"h" + cand.content_hash.encode("ascii")]
    if cand.minhash is not None:
        width = rows * 4  # uint32 values
        for band in range(bands):
            chunk = cand.minhash[band * width : (band + 1) * width]
            digest = hashlib.blake2b(chunk, digest_size=16, person=b"warta-band").digest()
            keys.append(band.to_bytes(2, "big") + digest)
    return keys


def bucket_entries(path: str, bands: int, rows: int) -> list[tuple[bytes, int]]:
    """(bucket key, node) for every candidate of one shard."""
    return [
        (key, node_of(cand.position))
        for cand in read_candidates(path)
        for key in bucket_keys(cand, bands, rows)
    ]


def bucket_links(group: tuple[bytes, list[tuple[bytes, int]]]) -> list[Link]:
    """Links joining a bucket's nodes (a star around the smallest: linear, not quadratic)."""
    nodes = sorted({node for _key, node in group[1]})
    return [(nodes[0], other) for other in nodes[1:]]


def groups_of(links: Iterable[Link]) -> dict[int, int]:
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


def grouped_candidates(path: str, groups: Mapping[int, int]) -> list[tuple[int, Candidate]]:
    """(group, candidate) for the candidates of one shard that belong to a group."""
    out = []
    for cand in read_candidates(path):
        group = groups.get(node_of(cand.position))
        if group is not None:
            out.append((group, cand))
    return out


def decide_group(
    group: tuple[int, list[tuple[int, Candidate]]], threshold: float, num_perm: int
) -> list[tuple[str, Decision]]:
    decisions = decide((c for _g, c in group[1]), threshold=threshold, num_perm=num_perm)
    return sorted(decisions.items())


def find_duplicates(
    candidate_paths: Sequence[str],
    *,
    threshold: float,
    num_perm: int,
    scheduler: Any = None,
) -> dict[str, Decision]:
    """The run's duplicates (origin → decision), from every shard's candidates file.

    ``scheduler`` is passed to ``compute``: None uses the active Dask client (or the default
    scheduler), "sync" runs everything in this thread (tests).
    """
    import dask.bag as db
    from dask.delayed import delayed

    if not candidate_paths:
        return {}
    bands, rows = band_shape(threshold, num_perm)
    paths = db.from_sequence(list(candidate_paths), npartitions=len(candidate_paths))  # type: ignore[no-untyped-call]
    entries = paths.map(bucket_entries, bands, rows).flatten()
    buckets = entries.groupby(itemgetter(0), shuffle="tasks")
    links = buckets.map(bucket_links).flatten()
    groups = groups_of(links.compute(scheduler=scheduler))
    if not groups:
        return {}
    # One copy of the node → group table in the graph, which every task then reads.
    table = delayed(groups, traverse=False)
    members = paths.map(grouped_candidates, table).flatten()
    by_group = members.groupby(itemgetter(0), shuffle="tasks")
    decided = by_group.map(decide_group, threshold, num_perm).flatten()
    return dict(decided.compute(scheduler=scheduler))
