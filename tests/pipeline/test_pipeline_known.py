"""Dedup across runs: a record that duplicates an article an earlier run archived."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pipeline_cli import Cli
from pipeline_corpus import (
    EXACT_SOURCE,
    NEAR_SOURCE,
    Page,
    exact_copy,
    near_variant,
    real_pages,
    write_warc,
)
from test_pipeline_dedup import story

from warta import extract
from warta.pipeline.dedup import Candidate
from warta.pipeline.known import archive_decisions
from warta.pipeline.signature import signature
from warta.store import Archive, StoredItem, content_hash
from warta.store.sqlite import SqliteArchive


def cand(origin: str, text: str, key: str | None = None) -> Candidate:
    return Candidate(
        origin=origin,
        key=key or f"https://new.example/{origin}",
        position=(0, 0),
        content_hash=content_hash(text),
        published=datetime(2020, 1, 1, tzinfo=UTC),  # older than anything stored: no matter
        minhash=signature(text, num_perm=128, shingle_size=5),
    )


def stored(archive: Archive, n: int, text: str, origin: str | None = None) -> str:
    from warta.article import Article

    key = f"https://old.example/{n}"
    item = StoredItem.of(Article(text=text, url=key), origin or f"old:{n}")
    item = dataclasses.replace(item, minhash=signature(text, num_perm=128, shingle_size=5))
    archive.write([item])
    return key


def test_archived_articles_are_kept_and_new_copies_point_at_them(tmp_path: Path) -> None:
    texts = [story(n) for n in range(30, 34)]
    with SqliteArchive(tmp_path / "a.db") as archive:
        keys = [stored(archive, n, t) for n, t in enumerate(texts)]
        cands = [
            cand("exact", "  " + texts[0].upper()),
            cand("near", "Baca juga berita lain. " + texts[1]),
            cand("new", story(40)),
            cand("same-key", texts[2], key=keys[2]),  # a new version of a stored story
            cand("half", " ".join(texts[3].split()[:60]) + " " + story(41, 60)),
        ]
        found = archive_decisions(cands, archive, threshold=0.8, batch=2)
    assert {origin: d.duplicate_of for origin, d in found.items()} == {
        "exact": keys[0],
        "near": keys[1],
    }
    assert found["exact"].reason == f"exact duplicate of archived {keys[0]}"
    assert found["near"].reason.startswith(f"near duplicate of archived {keys[1]} (similarity")


def test_articles_this_run_wrote_before_it_was_killed_are_not_matched(tmp_path: Path) -> None:
    text = story(50)
    with SqliteArchive(tmp_path / "a.db") as archive:
        stored(archive, 1, text, origin="warc:/x.warc.gz@10")
        mine = cand("warc:/x.warc.gz@10", text, key="https://old.example/1")
        copy = cand("warc:/x.warc.gz@99", text)
        assert archive_decisions([mine, copy], archive, threshold=0.8) == {}


def test_the_most_similar_stored_article_wins(tmp_path: Path) -> None:
    base = story(60)
    with SqliteArchive(tmp_path / "a.db") as archive:
        far = stored(archive, 1, base + " " + story(61, 25))
        close = stored(archive, 2, base + " penutup")
        found = archive_decisions([cand("n", base)], archive, threshold=0.7)
    assert far != close and found["n"].duplicate_of == close


def day_pages() -> tuple[list[Page], list[Page]]:
    """Day 1: the eight real pages; day 2: a near variant and an exact copy of two of them,
    under new URLs."""
    pages = real_pages()
    by_note = {p.note: p for p in pages}
    return pages, [near_variant(by_note[NEAR_SOURCE]), exact_copy(by_note[EXACT_SOURCE])]


def query(target: str, sql: str) -> list[tuple[Any, ...]]:
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target) as conn:
            return [tuple(row) for row in conn.execute(sql).fetchall()]
    with sqlite3.connect(target) as conn:
        found = conn.execute(sql).fetchall()
    conn.close()
    return found


@pytest.fixture(params=["sqlite", "postgres"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "news.db")
    return str(request.getfixturevalue("pg_url"))


def test_a_second_day_duplicating_the_first_keeps_the_first(
    cli: Cli, tmp_path: Path, target: str
) -> None:
    day1, day2 = day_pages()
    # The premise: day 2's near variant is dated before its day-1 original; the stored
    # original stays all the same (an archive never replaces what it kept).
    original = next(p for p in day1 if p.note == NEAR_SOURCE)
    assert extract(day2[0].body).published < extract(original.body).published  # type: ignore[operator]
    first = write_warc(tmp_path / "day1.warc.gz", day1)
    second = write_warc(tmp_path / "day2.warc.gz", day2, start=datetime(2024, 1, 2, tzinfo=UTC))
    work = tmp_path / "work"
    assert cli("run", first, "--to", target, "--jobs", "1", "--quiet", "--work-dir", work).code == 0
    result = cli("run", second, "--to", target, "--jobs", "1", "--quiet", "--work-dir", work)
    assert result.code == 0, result.err
    assert "duplicate of archived" in result.err  # the summary says why

    rows = query(
        target, "SELECT key, reason, duplicate_of FROM processed WHERE status = 'duplicate'"
    )
    by_kind = {reason.split(" of ")[0]: (key, dup) for key, reason, dup in rows}
    exact_source = next(p for p in day1 if p.note == EXACT_SOURCE)
    assert by_kind == {
        "near duplicate": (day2[0].url, original.url),
        "exact duplicate": (day2[1].url, exact_source.url),
    }
    assert {key for (key,) in query(target, "SELECT key FROM articles")} == {p.url for p in day1}

    stats = cli("stats", target, "--json").json_lines()[0]
    assert stats["articles"] == 8 and stats["by_status"] == {"ok": 8, "duplicate": 2}
