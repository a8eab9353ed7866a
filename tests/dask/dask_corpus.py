"""Multi-shard inputs from the real pages of tests/fixtures/pipeline, and archive readers."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from pipeline_corpus import bigger_corpus, standard_corpus, write_warc

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
