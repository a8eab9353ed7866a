"""Archive behaviour, run against both SQLite and a real PostgreSQL server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from store_samples import WIB, article, corpus

from warta.article import Article, Status
from warta.store import Archive, StoredItem, open_archive, open_sink


def _open(target: str) -> Archive:
    sink = open_sink(target)
    assert isinstance(sink, Archive)
    return sink


def test_round_trip_keeps_every_field(archive_target: str) -> None:
    original = article(1)
    with _open(archive_target) as archive:
        archive.write([StoredItem.of(original, "file:/1.html")])
    with _open(archive_target) as archive:
        assert archive.get(original.url or "") == original
        assert archive.get(original.source_url or "") == original  # the fetch URL finds it too
        assert archive.get("https://www.kompas.com/nope") is None


def test_same_batch_twice_is_a_no_op(archive_target: str) -> None:
    items = corpus(60)
    with _open(archive_target) as archive:
        archive.write(items)
        first = archive.stats()
        archive.write(items)
        assert archive.stats() == first
    assert first["processed"] == 60
    assert sum(first["by_status"].values()) == 60
    assert {"ok", "error", "not_article", "duplicate"} <= set(first["by_status"])


def test_changed_text_is_a_new_version(archive_target: str) -> None:
    v1 = article(5, text="Harga beras naik di pasar induk.")
    v2 = article(5, text="Harga beras turun di pasar induk setelah operasi pasar.")
    with _open(archive_target) as archive:
        archive.write([StoredItem.of(v1, "o:1")])
        archive.write([StoredItem.of(v2, "o:2")])
        archive.write([StoredItem.of(v2, "o:3")])  # identical re-crawl: no version
        stats = archive.stats()
        assert (stats["articles"], stats["versions"], stats["processed"]) == (1, 2, 3)
        assert archive.get(v1.url or "") == v2
        assert [h.url for h in archive.search("turun")] == [v1.url]
        assert archive.search("naik") == []  # only the latest version is searched


def test_failures_duplicates_and_filtered_are_counted_not_stored(archive_target: str) -> None:
    kept = article(1)
    items = [
        StoredItem.of(kept, "o:ok"),
        StoredItem.of(article(2, text=kept.text), "o:dup", duplicate_of=kept.url),
        StoredItem.of(Article(status=Status.EMPTY, reason="no text"), "o:empty"),
        StoredItem.of(Article(status=Status.ERROR, reason="boom", source_url="http://x/"), "o:e"),
        StoredItem(article(3, lang="en"), "o:en", None, "h3", filtered=True),
    ]
    with _open(archive_target) as archive:
        archive.write(items)
        stats = archive.stats()
        assert stats["by_status"] == {
            "duplicate": 1, "empty": 1, "error": 1, "filtered": 1, "ok": 1
        }  # fmt: skip
        assert stats["articles"] == 1
        assert stats["by_site"] == {"kompas.com": 1}
        assert stats["by_lang"] == {"id": 1}
        assert archive.done_origins(["o:ok", "o:dup", "o:e", "o:empty", "o:en", "o:new"]) == {
            "o:ok", "o:dup", "o:e", "o:empty", "o:en"
        }  # fmt: skip


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def news(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Archive]:
    """A small read-only archive shared by the search tests of one backend."""
    if request.param == "sqlite":
        target = str(tmp_path_factory.mktemp("news") / "news.db")
    else:
        target = request.getfixturevalue("pg_database")()
    items = [
        StoredItem.of(article(1, title="Banjir rendam Jakarta",
                              text="Banjir besar merendam ribuan rumah warga di Jakarta Utara."),
                      "o:1"),
        StoredItem.of(article(2, site="detik.com", title="Gempa bumi guncang Sulawesi",
                              text="Gempa bumi berkekuatan 6,2 mengguncang Sulawesi Tengah.",
                              published=datetime(2024, 1, 5, 8, 0, tzinfo=WIB)), "o:2"),
        StoredItem.of(article(3, site="nasional.kompas.com", title="Presiden tinjau banjir",
                              text="Presiden meninjau lokasi banjir dan rumah warga yang rusak.",
                              published=date(2024, 3, 1)), "o:3"),
        StoredItem.of(article(4, lang="en", title="Flood in Jakarta",
                              text="A flood hit Jakarta; rumah warga terendam (residents' homes)."),
                      "o:4"),
    ]  # fmt: skip
    with _open(target) as archive:
        archive.write(items)
        yield archive


def test_search_indonesian_words_and_phrases(news: Archive) -> None:
    hits = news.search("banjir")
    assert {h.url for h in hits} == {
        "https://www.kompas.com/read/1",
        "https://nasional.kompas.com/read/3",
    }
    assert hits[0].title == "Banjir rendam Jakarta"  # title matches weigh more
    assert all("[" in h.snippet for h in hits)
    assert all(h.score > 0 and h.site_name == "Kompas" for h in hits)
    assert [h.url for h in news.search('"rumah warga" banjir')] != []
    assert len(news.search('"rumah warga"')) == 3
    assert [h.url for h in news.search('"warga rumah"')] == []  # order matters in a phrase
    assert [h.title for h in news.search("GEMPA Bumi")] == ["Gempa bumi guncang Sulawesi"]


@pytest.mark.parametrize(
    ("query", "finds"),
    [
        ('banjir"', True), ('"banjir', True), ("(banjir", True), ("banjir)", True),
        ("banjir AND", True), ("banjir OR", True), ("-banjir", True), ("banjir*", True),
        ("^banjir", True), ("banjir + rumah", True), ("\x00banjir", True), ("{banjir}", True),
        ("banjir:*", True), ("6,2", True), ('"rumah warga', True), ("NOT banjir", False),
        ("OR", False), ("title:banjir", False), ("NEAR(banjir rumah)", False),
        ("'; DROP TABLE articles; --", False), ('""', False), ("a\\b", False), ("!!", False),
        ("&|", False), ("", False), ("   ", False), ("*", False),
    ],
)  # fmt: skip
def test_odd_user_input_never_raises(news: Archive, query: str, finds: bool) -> None:
    hits = news.search(query)
    assert bool(hits) == finds
    assert news.stats()["articles"] == 4  # nothing was dropped


def test_search_filters(news: Archive) -> None:
    assert {h.url for h in news.search("warga", site="kompas.com")} == {
        "https://www.kompas.com/read/1",
        "https://nasional.kompas.com/read/3",
        "https://www.kompas.com/read/4",
    }
    assert [h.url for h in news.search("warga", site="nasional.kompas.com")] == [
        "https://nasional.kompas.com/read/3"
    ]
    assert news.search("warga", site="pas.com") == []  # a suffix, but not a subdomain
    assert [h.lang for h in news.search("warga", lang="en")] == ["en"]
    assert news.search("gempa", since=date(2024, 2, 1)) == []
    assert news.search("gempa", since=datetime(2024, 1, 5, 0, 30)) != []  # 01:00 UTC
    assert news.search("gempa", since=datetime(2024, 1, 5, 1, 30)) == []
    assert len(news.search("banjir", since=date(2024, 3, 1))) == 2
    assert len(news.search("banjir", since=datetime(2024, 3, 1, 0, 1))) == 1
    assert len(news.search("warga", limit=1)) == 1
    assert news.search("warga", since=datetime(2099, 1, 1) - timedelta(days=1)) == []


def test_open_archive_and_reopen(archive_target: str) -> None:
    with open_archive(archive_target) as archive:
        archive.write([StoredItem.of(article(1), "o:1")])
    with open_archive(archive_target) as archive:
        assert archive.stats()["articles"] == 1
        assert archive.done_origins(["o:1"]) == {"o:1"}
        archive.close()  # closing twice is harmless


def test_concurrent_writers_neither_fail_nor_double(archive_target: str) -> None:
    items = corpus(120)
    _open(archive_target).close()  # create the schema before the race

    def run(part: list[StoredItem]) -> None:
        with _open(archive_target) as archive:
            for start in range(0, len(part), 5):
                archive.write(part[start : start + 5])

    threads = [threading.Thread(target=run, args=(items[k::2],)) for k in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    ok = [i for i in items if i.status == "ok"]
    with _open(archive_target) as archive:
        stats = archive.stats()
    assert stats["processed"] == len(items)
    assert stats["versions"] == len({(i.key, i.content_hash) for i in ok})
    assert stats["articles"] == len({i.key for i in ok})
