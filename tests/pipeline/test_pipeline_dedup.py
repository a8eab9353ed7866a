"""Dedup decisions: exact and near duplicates, the earliest published kept, repeatably."""

from __future__ import annotations

import dataclasses
import random
from datetime import UTC, datetime

from warta.pipeline.dedup import Candidate, decide
from warta.pipeline.signature import shingles, signature, similarity
from warta.store import content_hash

TEXT = (
    "pemerintah kota meresmikan kontes film pendek internasional bertema rasa belas kasihan "
    "dan keadilan kontes ini terbuka untuk siapa saja dari wilayah mana pun agama apapun "
    "bahasa apapun dan ras apapun sehingga memberikan kesempatan kepada semua orang"
)


def story(seed: int, length: int = 120) -> str:
    rng = random.Random(seed)
    words = TEXT.split()
    return " ".join(rng.choice(words) + str(rng.randrange(50)) for _ in range(length))


def cand(origin: str, text: str, day: int | None, pos: int) -> Candidate:
    return Candidate(
        origin=origin,
        key=f"http://example.com/{origin}",
        position=(0, pos),
        content_hash=content_hash(text),
        published=datetime(2024, 1, day, tzinfo=UTC) if day else None,
        minhash=signature(text, num_perm=128, shingle_size=5),
    )


def run(cands: list[Candidate], threshold: float = 0.8) -> dict[str, str]:
    found = decide(cands, threshold=threshold, num_perm=128)
    return {origin: d.duplicate_of.rsplit("/", 1)[-1] for origin, d in found.items()}


def test_near_duplicate_keeps_the_earliest_published_even_when_seen_last() -> None:
    base = story(1)
    variant = "Baca juga ringkasan berita hari ini. " + base
    sigs = [signature(t, num_perm=128, shingle_size=5) for t in (base, variant)]
    assert sigs[0] and sigs[1] and similarity(sigs[0], sigs[1]) > 0.8
    cands = [cand("a", base, 5, 0), cand("b", story(2), 3, 1), cand("c", variant, 2, 2)]
    assert run(cands) == {"a": "c"}


def test_exact_duplicates_whatever_the_spacing_and_case() -> None:
    base = story(3)
    cands = [cand("a", base, 4, 0), cand("b", "  " + base.upper().replace(" ", "\n "), 4, 1)]
    assert run(cands) == {"b": "a"}  # same date: the first in input order is kept


def test_undated_records_lose_to_dated_ones() -> None:
    base = story(4)
    assert run([cand("a", base, None, 0), cand("b", base, 9, 1)]) == {"a": "b"}


def test_distinct_stories_are_all_kept() -> None:
    assert run([cand(str(n), story(10 + n), n + 1, n) for n in range(8)]) == {}


def test_threshold_is_honoured() -> None:
    base = story(5)
    half = " ".join(base.split()[:60]) + " " + story(6, 60)
    cands = [cand("a", base, 1, 0), cand("b", half, 2, 1)]
    assert run(cands, threshold=0.8) == {}
    assert run(cands, threshold=0.2) == {"b": "a"}


def test_same_key_is_never_its_own_duplicate() -> None:
    base = story(7)
    first, second = cand("a", base, 1, 0), cand("b", base, 2, 1)
    second = dataclasses.replace(second, key=first.key)
    assert run([first, second]) == {}


def test_decisions_do_not_depend_on_arrival_order() -> None:
    texts = [story(20), story(21), story(22)]
    cands = [
        cand("a", texts[0], 3, 0),
        cand("b", "Teaser satu. " + texts[0], 1, 1),
        cand("c", texts[0] + " Penutup.", 2, 2),
        cand("d", texts[1], 1, 3),
        cand("e", texts[1], 1, 4),
        cand("f", texts[2], None, 5),
    ]
    expected = run(cands)
    assert expected == {"a": "b", "c": "b", "e": "d"}
    for seed in range(5):
        shuffled = cands[:]
        random.Random(seed).shuffle(shuffled)
        assert run(shuffled) == expected


def test_shingles_of_short_and_empty_texts() -> None:
    assert shingles("", 5) == set()
    assert shingles("Satu dua", 5) == {b"satu dua"}
    assert signature("", num_perm=64, shingle_size=5) is None
