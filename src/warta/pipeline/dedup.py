"""Duplicate decisions over a whole run: exact (same content hash) and near (MinHash LSH).

Why at the end and not on the fly: the article to keep is the EARLIEST PUBLISHED of each
group, and in a stream the earliest may come last. So extraction only computes each ok
record's :class:`Candidate` (hash, signature, date, position), and :func:`decide` looks at all
of them at once. It visits candidates from earliest published to latest (undated last; ties
by input position), keeping a candidate unless its text has the hash of, or is near (Jaccard
estimate >= threshold) to, a candidate kept before it; a duplicate points at the kept
candidate it is closest to. The visiting order is a total order on the input, so the same
input always gives the same decisions, whatever the order workers finished in.

Only kept candidates enter the LSH index, so memory is one signature per candidate plus the
index of the kept ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from datasketch import MinHashLSH

from warta.pipeline.record import Record, RecordStatus
from warta.pipeline.signature import lean, similarity
from warta.store.base import utc_instant


@dataclass(frozen=True, slots=True)
class Candidate:
    """What dedup needs to know of one ok record."""

    origin: str
    key: str
    position: tuple[int, int]
    content_hash: str
    published: datetime | None  # UTC
    minhash: bytes | None

    def order(self) -> tuple[bool, datetime, tuple[int, int]]:
        return (self.published is None, self.published or datetime.min, self.position)


@dataclass(frozen=True, slots=True)
class Decision:
    """A record found to duplicate another: the kept record's key, and why."""

    duplicate_of: str
    reason: str


def decide(
    candidates: Iterable[Candidate], *, threshold: float, num_perm: int, near: bool = True
) -> dict[str, Decision]:
    """Which origins are duplicates, and of what. Origins not in the result are kept."""
    ordered = sorted(candidates, key=Candidate.order)
    lsh = MinHashLSH(threshold=lsh_threshold(threshold), num_perm=num_perm) if near else None
    kept_by_hash: dict[str, Candidate] = {}
    kept: list[Candidate] = []
    decisions: dict[str, Decision] = {}
    for cand in ordered:
        same = kept_by_hash.get(cand.content_hash)
        # The same key twice is one story seen twice: the archive's versions handle that.
        if same is not None and same.key != cand.key:
            decisions[cand.origin] = Decision(same.key, f"exact duplicate of {same.key}")
            continue
        match = _nearest(cand, kept, lsh, threshold) if lsh is not None else None
        if match is not None:
            other, score = match
            decisions[cand.origin] = Decision(
                other.key, f"near duplicate of {other.key} (similarity {score:.2f})"
            )
            # A later exact copy of this text is a duplicate of the same kept record.
            kept_by_hash.setdefault(cand.content_hash, other)
            continue
        kept_by_hash.setdefault(cand.content_hash, cand)
        if lsh is not None and cand.minhash is not None:
            lsh.insert(len(kept), lean(cand.minhash))
        kept.append(cand)
    return decisions


def lsh_threshold(threshold: float) -> float:
    """The LSH's own threshold: a little below the asked one, so fewer true pairs are missed
    (every candidate is checked against the real threshold), and within what datasketch can
    band for."""
    return min(max(threshold - 0.1, 0.1), 0.9)


def _nearest(
    cand: Candidate, kept: list[Candidate], lsh: MinHashLSH, threshold: float
) -> tuple[Candidate, float] | None:
    """The kept candidate most similar to ``cand`` at or above ``threshold``, if any."""
    if cand.minhash is None:
        return None
    best: tuple[float, int] | None = None
    for index in lsh.query(lean(cand.minhash)):
        other = kept[index]
        if other.minhash is None or other.key == cand.key:
            continue
        score = similarity(cand.minhash, other.minhash)
        # Highest similarity wins; among equals the earlier-visited (lower index) one.
        if score >= threshold and (best is None or (score, -index) > (best[0], -best[1])):
            best = (score, index)
    return (kept[best[1]], best[0]) if best is not None else None


def candidate_of(record: Record) -> Candidate | None:
    """The dedup candidate of an ok record (None for any other)."""
    if record.status is not RecordStatus.OK or record.article is None:
        return None
    if record.content_hash is None:
        return None
    return Candidate(
        origin=record.origin,
        key=record.key,
        position=record.position,
        content_hash=record.content_hash,
        published=utc_instant(record.article.published),
        minhash=record.minhash,
    )
