"""Multi-shard inputs from the real pages of tests/fixtures/pipeline, and archive readers."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline_corpus import (
    EXACT_SOURCE,
    NEAR_SOURCE,
    Page,
    bigger_corpus,
    exact_copy,
    near_variant,
    real_pages,
    standard_corpus,
    write_warc,
)

# Shards (in plan order): three WARC files, then two parts of a folder of HTML files.
WARC_SPLITS = ((0, 4), (4, 7), (7, 10))


def sharded_input(root: Path) -> Path:
    """A folder holding three WARCs (the standard corpus: eight real pages, a near variant
    and an exact copy, which land in another WARC than their originals) and three HTML files
    (copies of real pages with a paragraph added: near duplicates of WARC pages).
    """
    root.mkdir(parents=True, exist_ok=True)
    pages = standard_corpus()
    for i, (start, end) in enumerate(WARC_SPLITS):
        write_warc(root / f"part-{i}.warc.gz", pages[start:end])
    for n, page in enumerate(bigger_corpus(1)[:3]):
        (root / f"copy-{n}.html").write_bytes(page.body)
    return root


def republished(page: Page, host: str) -> Page:
    """The same page, word for word, on another host (every mention of its address moved)."""
    scheme, _, rest = page.url.partition("://")
    url = f"{scheme}://{host}/{rest.partition('/')[2]}"
    body = page.body.decode("utf-8", "replace").replace(page.url, url)
    return Page(url, body.encode("utf-8"), f"copy on {host}")


def two_days(root: Path) -> tuple[Path, Path]:
    """Day one: a WARC of six real pages. Day two: two WARCs holding, besides two new pages,
    a near variant and two exact copies of day-one articles (duplicates of archived articles),
    a day-one page again under its own URL (a version, not a duplicate), and a copy of a new
    page in the other WARC (a duplicate within the run).
    """
    root.mkdir(parents=True, exist_ok=True)
    pages = real_pages()
    by_note = {p.note: p for p in pages}
    day1 = write_warc(root / "day1.warc.gz", pages[:6])
    fresh, other = pages[6], pages[7]
    assert {NEAR_SOURCE, EXACT_SOURCE} <= {p.note for p in pages[:6]}
    assert {fresh.note, other.note}.isdisjoint(p.note for p in pages[:6])
    detik = by_note[EXACT_SOURCE]
    day2 = root / "day2"
    day2.mkdir()
    first = [near_variant(by_note[NEAR_SOURCE]), fresh, exact_copy(detik), pages[0]]
    second = [republished(fresh, "mirror.example.org"), other, republished(detik, "x.example")]
    write_warc(day2 / "a.warc.gz", first, start=datetime(2024, 1, 2, tzinfo=UTC))
    write_warc(day2 / "b.warc.gz", second, start=datetime(2024, 1, 2, 1, tzinfo=UTC))
    return day1, day2


def archive_rows(db: Path, skip: tuple[str, ...] = ()) -> dict[str, list[tuple[Any, ...]]]:
    """Everything the archive holds, in a stable order, minus row ids, write times and the
    ``skip`` columns."""
    out = {}
    with sqlite3.connect(db) as conn:
        for table, order in (("processed", "origin"), ("articles", "origin, version")):
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
            wanted = [c for c in columns if c not in {"id", "written_at", *skip}]
            query = f"SELECT {', '.join(wanted)} FROM {table} ORDER BY {order}"
            out[table] = conn.execute(query).fetchall()
    return out
