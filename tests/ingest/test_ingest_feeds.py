"""Feeds, sitemaps and URL lists: parsed safely, their pages fetched from a local server."""

from __future__ import annotations

import gzip
import time
from dataclasses import replace
from pathlib import Path

import pytest
from ingest_helpers import Page

from support.httpserver import LoopbackServer, Reply, billion_laughs
from warta.errors import ParseError
from warta.ingest import FetchOptions, parse_feed
from warta.ingest.web import FEED_PUBLISHED, FEED_TITLE, FeedSource, UrlListSource, UrlSource

HTML = {"Content-Type": "text/html; charset=utf-8"}
XML = {"Content-Type": "application/xml"}
FAST = FetchOptions(delay=0.0, timeout=1.0, retries=0, backoff=0.01, allow_private=True)


def serve_pages(server: LoopbackServer, pages: list[Page]) -> list[str]:
    for n, page in enumerate(pages):
        server.add(f"/news/{n}.html", page.body, headers=HTML)
    return [server.url(f"/news/{n}.html") for n in range(len(pages))]


def rss(urls: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Story {n}</title><link>{url}</link>"
        f"<pubDate>Tue, 0{n + 1} Oct 2024 10:00:00 +0700</pubDate></item>"
        for n, url in enumerate(urls)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode()


def atom(urls: list[str]) -> bytes:
    entries = "".join(
        f'<entry><title>A{n}</title><link rel="alternate" href="{url}"/>'
        f"<published>2024-10-0{n + 1}T10:00:00Z</published></entry>"
        for n, url in enumerate(urls)
    )
    return f'<feed xmlns="http://www.w3.org/2005/Atom">{entries}</feed>'.encode()


def urlset(urls: list[str], news: bool = False) -> bytes:
    def item(n: int, url: str) -> str:
        extra = (
            "<news:news><news:publication><news:name>T</news:name></news:publication>"
            f"<news:publication_date>2024-11-0{n + 1}T08:00:00+07:00</news:publication_date>"
            f"<news:title>Berita {n}</news:title></news:news>"
            if news
            else ""
        )
        return f"<url><loc>{url}</loc><lastmod>2024-11-0{n + 1}</lastmod>{extra}</url>"

    body = "".join(item(n, url) for n, url in enumerate(urls))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"{body}</urlset>"
    ).encode()


def index(urls: list[str]) -> bytes:
    body = "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in urls)
    return (
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</sitemapindex>'
    ).encode()


def test_rss_feed_pages_are_fetched_with_feed_metadata(
    server: LoopbackServer, pages: list[Page]
) -> None:
    urls = serve_pages(server, pages[:2])
    server.add("/feed.rss", rss(urls), headers={"Content-Type": "application/rss+xml"})
    source = UrlSource(server.url("/feed.rss"), options=FAST)
    records = sorted(source, key=lambda r: r.url or "")
    assert [r.url for r in records] == urls
    assert [r.body for r in records] == [p.body for p in pages[:2]]
    assert records[0].headers[FEED_TITLE] == "Story 0"
    assert records[0].headers[FEED_PUBLISHED] == "2024-10-01T10:00:00+07:00"
    assert all(r.origin == f"url:{r.url}" for r in records)
    assert source.stats.yielded == 2


def test_atom_feed_from_a_file(tmp_path: Path, server: LoopbackServer, pages: list[Page]) -> None:
    urls = serve_pages(server, pages[:3])
    feed = tmp_path / "news.atom"
    feed.write_bytes(atom(urls))
    records = list(FeedSource(str(feed), options=FAST))
    assert sorted(r.url or "" for r in records) == sorted(urls)
    assert all(r.error is None for r in records)


def test_sitemap_index_with_gzip_and_news_sitemaps(
    server: LoopbackServer, pages: list[Page]
) -> None:
    urls = serve_pages(server, pages)
    server.add("/sitemap-a.xml.gz", gzip.compress(urlset(urls[:2])))
    server.add("/news-sitemap.xml", urlset(urls[2:], news=True), headers=XML)
    server.add(
        "/sitemap.xml",
        index([server.url("/sitemap-a.xml.gz"), server.url("/news-sitemap.xml")]),
        headers=XML,
    )
    source = UrlSource(server.url("/sitemap.xml"), options=FAST)
    records = {r.url: r for r in source}
    assert sorted(records) == sorted(urls)
    news = records[urls[2]]
    assert news.headers[FEED_TITLE] == "Berita 0"
    assert news.headers[FEED_PUBLISHED] == "2024-11-01T08:00:00+07:00"
    assert records[urls[0]].headers["x-warta-feed-lastmod"].startswith("2024-11-01")


def test_parse_feed_reads_news_sitemap_fields() -> None:
    doc = parse_feed(urlset(["https://a.example/x"], news=True))
    (entry,) = doc.entries
    assert doc.kind == "urlset"
    assert entry.title == "Berita 0"
    assert entry.published is not None and entry.published.utcoffset() is not None
    assert entry.lastmod is not None and entry.lastmod.day == 1


@pytest.mark.parametrize("root", ["rss", "urlset"])
def test_xml_bomb_is_refused_not_expanded(root: str) -> None:
    started = time.monotonic()
    with pytest.raises(ParseError, match="entities"):
        parse_feed(billion_laughs(root))
    assert time.monotonic() - started < 1.0


def test_xml_bomb_from_the_web_becomes_an_error_record(server: LoopbackServer) -> None:
    server.add("/bomb.xml", billion_laughs("rss"), headers=XML)
    source = FeedSource(server.url("/bomb.xml"), options=FAST)
    (record,) = list(source)
    assert record.error is not None and "entities" in record.error
    assert record.origin == "feed:" + server.url("/bomb.xml")
    assert source.stats.errors == 1


def test_gzip_sitemap_over_the_cap_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "sitemap.xml.gz"
    big.write_bytes(gzip.compress(b"<urlset>" + b" " * 3_000_000 + b"</urlset>"))
    (record,) = list(FeedSource(str(big), max_bytes=1_000_000, options=FAST))
    assert record.error is not None and "1000000" in record.error


def test_robots_disallowed_sitemap_entries_are_error_records(
    server: LoopbackServer, pages: list[Page]
) -> None:
    urls = serve_pages(server, pages[:2])
    server.add("/robots.txt", b"User-agent: *\nDisallow: /news/1.html\n")
    server.add("/sitemap.xml", urlset(urls), headers=XML)
    records = {r.url: r for r in UrlSource(server.url("/sitemap.xml"), options=FAST)}
    assert records[urls[0]].error is None
    assert "robots.txt" in (records[urls[1]].error or "")
    assert server.hits("/news/1.html") == []


def test_url_list_with_comments_bad_lines_and_skips(
    tmp_path: Path, server: LoopbackServer, pages: list[Page]
) -> None:
    urls = serve_pages(server, pages[:3])
    server.add("/img.png", Reply(200, b"\x89PNG\r\n", {"Content-Type": "image/png"}))
    server.add("/notes", Reply(200, b"just words", {"Content-Type": "text/plain"}))
    listing = tmp_path / "urls.txt"
    listing.write_text(
        "# today's pages\n\n"
        + "\n".join(urls)
        + f"\nnot-a-url\n{server.url('/img.png')}\n{server.url('/missing')}\n"
        + f"{server.url('/notes')}\n"
    )
    source = UrlListSource(listing, options=FAST, skip={f"url:{urls[0]}"}.__contains__)
    records = {r.url: r for r in source}
    assert records[urls[1]].body == pages[1].body
    assert urls[0] not in records  # already done: not fetched
    assert server.hits("/news/0.html") == []
    assert "not downloaded" in (records[server.url("/img.png")].error or "")
    assert "not an HTML page" in (records[server.url("/notes")].error or "")
    assert "404" in (records[server.url("/missing")].error or "")
    assert source.stats.skipped["already done"] == 1
    assert source.stats.skipped["not an http(s) URL"] == 1
    assert source.stats.yielded == 2 and source.stats.errors == 3


def test_single_page_url(server: LoopbackServer, pages: list[Page]) -> None:
    (url,) = serve_pages(server, pages[:1])
    (record,) = list(UrlSource(url, options=replace(FAST, delay=0.05)))
    assert record.body == pages[0].body and record.origin == f"url:{url}"
