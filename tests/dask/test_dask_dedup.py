"""Dedup by shuffle decides exactly as the local engine's ``decide`` over the whole run, and the
archive is looked up a shard at a time exactly as the local engine looks the whole run up."""

from __future__ import annotations

import dataclasses
import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from warta.article import Article
from warta.ingest.stats import IngestStats
from warta.pipeline.dask_dedup import find_duplicates, groups_of, node_of
from warta.pipeline.dask_known import OriginSet, archive_matches
from warta.pipeline.dask_parts import ShardSummary, write_table
from warta.pipeline.dask_rows import candidates_table, read_candidates
from warta.pipeline.dedup import Candidate, Decision, decide
from warta.pipeline.known import archive_decisions
from warta.pipeline.signature import signature
from warta.store.base import StoredItem, content_hash
from warta.store.sqlite import SqliteArchive

SHARDS = 4


def synthetic_run(seed: int) -> list[Candidate]:
    """Texts drawn from a few stories, each copy lightly or heavily edited; some copies under
    one URL (versions, never duplicates), some undated, some with no words (no signature)."""
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(400)]
    stories = [[rng.choice(vocab) for _ in range(60)] for _ in range(25)]
    out = []
    for shard in range(SHARDS):
        for seq in range(45):
            words = list(rng.choice(stories))
            for _ in range(rng.choice([0, 0, 1, 2, 6, 15, 40])):
                words[rng.randrange(len(words))] = rng.choice(vocab)
            text = "" if rng.random() < 0.03 else " ".join(words)
            day = rng.randrange(4)
            published = None if rng.random() < 0.2 else datetime(2024, 5, 1, tzinfo=UTC)
            published = published + timedelta(days=day) if published else None
            out.append(
                Candidate(
                    origin=f"warc:/run/{shard}.warc.gz#{seq}",
                    key=f"https://news.example/{rng.randrange(120)}",
                    position=(shard, seq),
                    content_hash=content_hash(text),
                    published=published,
                    minhash=signature(text, num_perm=64, shingle_size=3),
                )
            )
    return out


def write_shards(root: Path, candidates: list[Candidate]) -> list[str]:
    paths = []
    for shard in range(SHARDS):
        path = root / f"shard={shard}" / "part.parquet"
        write_table(candidates_table(c for c in candidates if c.position[0] == shard), path)
        paths.append(str(path))
    return paths


@pytest.mark.parametrize(("seed", "threshold"), [(1, 0.8), (2, 0.5), (3, 0.9), (4, 0.7)])
def test_shuffled_dedup_equals_decide_over_everything(
    tmp_path: Path, seed: int, threshold: float
) -> None:
    candidates = synthetic_run(seed)
    expected = decide(candidates, threshold=threshold, num_perm=64)
    reasons = Counter(d.reason.split(" of ")[0] for d in expected.values())
    assert reasons["exact duplicate"] and reasons["near duplicate"]  # both kinds are exercised

    paths = write_shards(tmp_path, candidates)
    found = find_duplicates(paths, threshold=threshold, num_perm=64, scheduler="sync")
    assert found == expected
    # The order shards are listed (or finished) in changes nothing.
    again = find_duplicates(paths[::-1], threshold=threshold, num_perm=64, scheduler="sync")
    assert again == expected


def test_candidates_survive_their_parquet_file(tmp_path: Path) -> None:
    candidates = synthetic_run(5)[:40]
    write_table(candidates_table(candidates), tmp_path / "c.parquet")
    assert read_candidates(tmp_path / "c.parquet") == candidates


def test_links_join_into_groups_named_by_their_smallest_node() -> None:
    groups = groups_of([(5, 9), (9, 2), (7, 8), (2, 5)])
    assert groups == {2: 2, 5: 2, 9: 2, 7: 7, 8: 7}
    assert groups_of([]) == {}


def test_shard_summary_round_trip() -> None:
    summary = ShardSummary(
        "shard-000003", "/data/x.warc.gz", extracted=9, already_done=2,
        filtered=Counter({"language en is not one of id": 2}),
        source=IngestStats(9, 1, Counter({"request record": 9})),
    )  # fmt: skip
    back = ShardSummary.from_json(summary.to_json())
    assert back.resumed and not summary.resumed
    back.resumed = False
    assert back == summary


@pytest.mark.parametrize("seed", [6, 7])
def test_excluded_candidates_are_decided_as_if_absent(tmp_path: Path, seed: int) -> None:
    candidates = synthetic_run(seed)
    rng = random.Random(seed)
    out = set(rng.sample(range(len(candidates)), 60))
    rest = [c for n, c in enumerate(candidates) if n not in out]
    expected = decide(rest, threshold=0.8, num_perm=64)
    assert expected != decide(candidates, threshold=0.8, num_perm=64)  # the exclusion matters

    exclude = np.array([node_of(candidates[n].position) for n in out], dtype=np.int64)
    paths = write_shards(tmp_path, candidates)
    found = find_duplicates(paths, threshold=0.8, num_perm=64, exclude=exclude, scheduler="sync")
    assert found == expected


def stored_item(cand: Candidate) -> StoredItem:
    # Only the key, hash and signature matter to the lookup.
    article = Article(text=f"text of {cand.origin}", url=cand.key)
    return StoredItem(article, cand.origin, None, cand.content_hash, minhash=cand.minhash)


def test_archive_lookup_a_shard_at_a_time_equals_one_lookup_over_the_run(tmp_path: Path) -> None:
    """Half of a run archived by an earlier run, some of its own records archived by a killed
    attempt of itself (never duplicates), looked up one shard at a time."""
    rng = random.Random(8)
    run = synthetic_run(8)
    earlier = [dataclasses.replace(c, origin=f"old:{c.origin}") for c in run if rng.random() < 0.5]
    mine = [c for c in run if rng.random() < 0.15]
    paths = write_shards(tmp_path / "run", run)
    with SqliteArchive(tmp_path / "a.db") as archive:
        archive.write([stored_item(c) for c in earlier + mine])
        expected = archive_decisions(run, archive, threshold=0.8, batch=50)
        found = archive_matches(paths, archive, threshold=0.8, batch=50)
        # What the whole run's own origins change: a shard's alone would not do.
        per_shard: dict[str, Decision] = {}
        for path in paths:
            per_shard.update(archive_decisions(read_candidates(path), archive, threshold=0.8))
    reasons = Counter(d.reason.split(" of ")[0] for d in expected.values())
    assert reasons["exact duplicate"] and reasons["near duplicate"]
    assert per_shard != expected
    assert found.decisions == expected
    matched = sorted(node_of(c.position) for c in run if c.origin in expected)
    assert found.nodes.tolist() == matched


def test_origin_sets_know_their_origins(tmp_path: Path) -> None:
    run = synthetic_run(9)
    origins = OriginSet.of_files(write_shards(tmp_path, run))
    assert len(origins) == len({c.origin for c in run})
    assert all(c.origin in origins for c in run)
    assert "warc:/elsewhere.warc.gz#1" not in origins and 3 not in origins
    assert "x" in OriginSet(["x"]) and "y" not in OriginSet(["x"]) and "x" not in OriginSet()
