"""What an archive remembers for cross-run dedup: hashes, signatures and LSH band keys."""

from __future__ import annotations

import dataclasses
import random
import sqlite3
from pathlib import Path

from store_samples import article

from warta.pipeline.signature import signature
from warta.store import Archive, StoredItem, open_archive
from warta.store.bands import band_keys, band_shape
from warta.store.schema import SQLITE_MIGRATIONS


def text(seed: int, words: int = 150) -> str:
    rng = random.Random(seed)
    return " ".join(f"kata{rng.randrange(400)}" for _ in range(words))


def signed(n: int, body: str, origin: str) -> StoredItem:
    item = StoredItem.of(article(n, text=body), origin)
    return dataclasses.replace(item, minhash=signature(body, num_perm=128, shingle_size=5))


def test_band_keys_are_fixed_by_the_signature_length() -> None:
    sig = signature(text(1), num_perm=128, shingle_size=5)
    keys = band_keys(sig)
    assert band_shape(128) == (14, 9) and len(keys) == 14
    assert [band for band, _ in keys] == list(range(14))
    assert all(-(2**63) <= value < 2**63 for _, value in keys)
    assert keys == band_keys(signature(text(1), num_perm=128, shingle_size=5))
    assert band_keys(None) == [] and band_keys(b"") == []


def test_known_articles_by_hash_and_by_band(archive_target: str) -> None:
    first, second = text(1), text(2)
    near = first.rsplit(" ", 5)[0] + " tambahan di akhir berita ini"
    items = [signed(1, first, "o:1"), signed(2, second, "o:2")]
    with open_archive(archive_target) as archive:
        archive.write(items)
        by_hash = archive.known_articles({items[1].content_hash}, set())
        assert [(k.key, k.origin) for k in by_hash] == [(items[1].key, "o:2")]
        assert by_hash[0].minhash == items[1].minhash

        probe = band_keys(signature(near, num_perm=128, shingle_size=5))
        by_band = archive.known_articles(set(), set(probe))
        assert [k.origin for k in by_band] == ["o:1"]  # shares bands with the first text only

        assert archive.known_articles({"0" * 32}, {(0, 1)}) == []
        both = archive.known_articles({items[1].content_hash}, set(probe))
        assert [k.origin for k in both] == ["o:1", "o:2"]  # in storing order, each once


def test_only_stored_articles_are_known(archive_target: str) -> None:
    dup = dataclasses.replace(signed(3, text(3), "o:3"), duplicate_of="https://x.id/0")
    with open_archive(archive_target) as archive:
        archive.write([dup])
        assert archive.known_articles({dup.content_hash}, set(band_keys(dup.minhash))) == []
        assert archive.stats()["by_status"] == {"duplicate": 1}


def test_many_probes_are_asked_in_chunks(archive_target: str) -> None:
    items = [signed(n, text(100 + n), f"o:{n}") for n in range(12)]
    with open_archive(archive_target) as archive:
        archive.write(items)
        hashes = {f"{n:032x}" for n in range(1200)} | {items[0].content_hash}
        bands = {(n % 14, n) for n in range(1500)} | set(band_keys(items[5].minhash))
        found = archive.known_articles(hashes, bands)
    assert [k.origin for k in found] == ["o:0", "o:5"]


def test_an_archive_from_before_signatures_is_found_by_hash(tmp_path: Path) -> None:
    from warta.store.sqlite import migrate

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, SQLITE_MIGRATIONS[:2]) == 2
    conn.execute(
        "INSERT INTO articles (key, version, content_hash, origin, site, text, markdown)"
        " VALUES ('https://x.id/1', 1, 'h1', 'o:1', 'x.id', 'Gempa di Palu', '')"
    )
    conn.close()
    with open_archive(path) as archive:
        assert isinstance(archive, Archive)
        found = archive.known_articles({"h1"}, set())
        assert [(k.key, k.minhash) for k in found] == [("https://x.id/1", None)]
