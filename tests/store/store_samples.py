"""Deterministic sample items for the store tests (also imported by the kill-test child)."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from warta.article import Article, Dateline, DateMention, RelatedLink, Source, Status
from warta.store import StoredItem
from warta.store.rows import ARTICLE_COLUMNS

WIB = timezone(timedelta(hours=7))
SITES = ("www.kompas.com", "nasional.kompas.com", "detik.com", "tempo.co", "antaranews.com")
WORDS = [
    "pemerintah",
    "presiden",
    "menteri",
    "rakyat",
    "ekonomi",
    "harga",
    "beras",
    "banjir",
    "jakarta",
    "gempa",
    "bumi",
    "pemilu",
    "partai",
    "kebijakan",
    "pendidikan",
    "sekolah",
    "rumah",
    "sakit",
    "kesehatan",
    "jalan",
    "tol",
    "kereta",
    "bandara",
    "pelabuhan",
    "nelayan",
    "petani",
    "pasar",
    "saham",
    "rupiah",
    "inflasi",
    "anggaran",
    "desa",
    "kota",
]


def article(
    n: int,
    *,
    site: str = "www.kompas.com",
    text: str | None = None,
    title: str | None = None,
    lang: str = "id",
    published: datetime | date | None = None,
) -> Article:
    """A full ok article with every nested field filled."""
    body = text if text is not None else f"Berita nomor {n} tentang ekonomi dan harga beras."
    return Article(
        text=body,
        markdown=body,
        title=title if title is not None else f"Judul berita {n}",
        lang=lang,
        url=f"https://{site}/read/{n}",
        source_url=f"https://{site}/read/{n}?utm_source=feed",
        published=published or datetime(2024, 5, 1, 9, 30, tzinfo=WIB) + timedelta(days=n % 30),
        modified=date(2024, 6, 1),
        date_source="json-ld",
        authors=("Budi Santoso", "Siti Aminah"),
        site_name="Kompas",
        description="Ringkasan",
        categories=("Nasional",),
        tags=("ekonomi", "beras"),
        image=f"https://{site}/img/{n}.jpg",
        related=(RelatedLink("Baca juga", f"https://{site}/read/{n + 1}", "inline"),),
        dateline=Dateline("JAKARTA, KOMPAS.com -", "JAKARTA", "KOMPAS.com"),
        sources=(Source("Antara", "outlet", "https://antaranews.com/x", date(2024, 5, 2), (0, 6)),),
        date_mentions=(DateMention("(16/5)", date(2024, 5, 16), (10, 16)),),
    )


def _outcome(i: int, body: str) -> tuple[Article, str | None]:
    """The i-th input's article and what it duplicates, cycling through every kind of input."""
    site = SITES[i % len(SITES)]
    earlier = SITES[(i - 10) % len(SITES)]
    if i % 11 == 3:
        return Article(
            status=Status.ERROR, reason="decode failed", source_url=f"https://{site}/e"
        ), None
    if i % 7 == 2:
        return Article(
            status=Status.NOT_ARTICLE, reason="index page", source_url=f"https://{site}/"
        ), None
    if i % 5 == 4 and i > 10:  # a re-crawl of an earlier page whose text changed
        return article(i - 10, site=earlier, text=body), None
    if i % 13 == 6 and i > 20:  # the same page and text again: no new version
        return article(i - 20, site=SITES[(i - 20) % len(SITES)]), None
    if i % 17 == 8:
        return article(i, site=site, text=body), f"https://{site}/read/0"
    return article(i, site=site), None


def corpus(n: int, seed: int = 7) -> list[StoredItem]:
    """``n`` items mixing new articles, changed re-crawls (new versions), identical re-crawls,
    duplicates and failures, in a fixed order."""
    rng = random.Random(seed)
    crawled = datetime(2024, 7, 1, tzinfo=UTC)
    items = []
    for i in range(n):
        body = " ".join(rng.choice(WORDS) for _ in range(40))
        found, duplicate_of = _outcome(i, body)
        origin = f"warc:/crawl/part-{i // 100}.warc.gz@{i * 4096}"
        items.append(StoredItem.of(found, origin, crawled + timedelta(minutes=i), duplicate_of))
    return items


def dump_sqlite(path: str) -> dict[str, Any]:
    """Everything an archive holds, minus row ids and write times (which may differ)."""
    columns = ", ".join((*ARTICLE_COLUMNS, "version", "latest"))
    with sqlite3.connect(path) as conn:
        articles = conn.execute(f"SELECT {columns} FROM articles ORDER BY key, version").fetchall()
        processed = conn.execute("SELECT * FROM processed ORDER BY origin").fetchall()
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        indexed = conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
    conn.close()
    return {"articles": articles, "processed": processed, "fts_rows": indexed}


def dump_postgres(url: str) -> dict[str, Any]:
    import psycopg

    columns = ", ".join((*ARTICLE_COLUMNS, "version", "latest", "tsv::text"))
    with psycopg.connect(url) as conn:
        articles = conn.execute(f"SELECT {columns} FROM articles ORDER BY key, version").fetchall()
        processed = conn.execute("SELECT * FROM processed ORDER BY origin").fetchall()
    return {"articles": articles, "processed": processed}
