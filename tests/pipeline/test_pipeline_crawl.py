"""``warta crawl --feed`` against a loopback server: archive, then re-crawl conditionally."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pipeline_cli import Cli
from pipeline_corpus import real_pages

from support.httpserver import Hit, LoopbackServer, Reply

HTML = {"Content-Type": "text/html; charset=utf-8"}


class Site:
    """Four real pages (two with an ETag, two with none) and an RSS feed listing them."""

    def __init__(self, server: LoopbackServer) -> None:
        self.server = server
        self.pages = real_pages()[:4]
        assert b"Turki" in self.pages[0].body
        self.versions = {n: 1 for n in range(4)}
        for n in range(4):
            server.add(f"/news/{n}.html", self._handler(n))
        items = "".join(
            f"<item><title>Story {n}</title><link>{self.url(n)}</link></item>" for n in range(4)
        )
        feed = f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'
        server.add("/feed.xml", feed.encode(), headers={"Content-Type": "application/rss+xml"})

    def url(self, n: int) -> str:
        return self.server.url(f"/news/{n}.html")

    def _handler(self, n: int):  # type: ignore[no-untyped-def]
        def answer(hit: Hit) -> Reply:
            etag = f'"v{self.versions[n]}"'
            if n < 2 and hit.headers.get("If-None-Match") == etag:
                return Reply(304)
            body = self.pages[n].body
            if self.versions[n] > 1:  # the story was updated (page 0 is Antara's, about Turkey)
                body = body.replace(b"Turki", b"Turkiye")
            headers = {**HTML, "ETag": etag} if n < 2 else HTML
            return Reply(200, body, headers)

        return answer

    def page_hits(self) -> dict[int, int]:
        return {n: len(self.server.hits(f"/news/{n}.html")) for n in range(4)}


@pytest.fixture
def site() -> Iterator[Site]:
    with LoopbackServer() as server:
        yield Site(server)


def crawl(cli: Cli, site: Site, db: Path, *extra: str) -> None:
    result = cli(
        "crawl", "--feed", site.server.url("/feed.xml"), "--to", db, "--once",
        "--allow-private", "--delay", "0", "--jobs", "1", "--quiet", *extra,
    )  # fmt: skip
    assert result.code == 0, result.err


def pairs(db: Path, sql: str) -> dict[str, Any]:
    with sqlite3.connect(db) as conn:
        found = dict(conn.execute(sql))
    conn.close()
    return found


def versions(db: Path) -> dict[str, int]:
    return pairs(db, "SELECT source_url, max(version) FROM articles GROUP BY 1")


def validators(db: Path) -> dict[str, str]:
    return pairs(db, "SELECT url, etag FROM validators")


def test_crawl_archives_a_feed_then_refetches_only_what_changed(
    cli: Cli, site: Site, tmp_path: Path
) -> None:
    db = tmp_path / "crawl.db"
    crawl(cli, site, db)
    assert site.page_hits() == {0: 1, 1: 1, 2: 1, 3: 1}
    first = versions(db)
    assert set(first) == {site.url(n) for n in range(4)} and set(first.values()) == {1}

    site.versions[0] = 2  # page 0 changes; page 1 does not; 2 and 3 give no validators
    crawl(cli, site, db)
    hits = site.page_hits()
    assert hits[0] == 2 and hits[1] == 2  # asked again, conditionally
    assert hits[2] == 1 and hits[3] == 1  # archived, and no way to ask "changed?": not fetched
    conditional = [h for h in site.server.hits("/news/1.html") if "If-None-Match" in h.headers]
    assert len(conditional) == 1
    assert versions(db) == {**first, site.url(0): 2}  # the changed page is a new version

    stats = cli("stats", db, "--json").json_lines()[0]
    assert stats["articles"] == 4 and stats["versions"] == 5
    # The validators live in the archive, not in a file beside it.
    assert validators(db) == {site.url(0): '"v2"', site.url(1): '"v1"'}
    assert not (tmp_path / "crawl.db.work" / "validators.json").exists()


def test_validators_an_older_crawl_kept_in_a_file_are_taken_over(
    cli: Cli, site: Site, tmp_path: Path
) -> None:
    db = tmp_path / "crawl.db"
    crawl(cli, site, db)
    legacy = tmp_path / "crawl.db.work" / "validators.json"
    legacy.parent.mkdir()
    legacy.write_text(json.dumps({site.url(1): ['"v0"', None]}))  # what the file said
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM validators")  # as in an archive from before schema 4
    conn.close()
    crawl(cli, site, db)
    asked = [h.headers.get("If-None-Match") for h in site.server.hits("/news/1.html")]
    assert asked == [None, '"v0"']  # the file's validator was used, then replaced
    # Page 0 is archived and now has no validator: it is not fetched, so it gets none.
    assert validators(db) == {site.url(1): '"v1"'}
    assert site.page_hits()[0] == 1
    assert not legacy.exists()


def test_crawl_needs_a_feed(cli: Cli, tmp_path: Path) -> None:
    result = cli("crawl", "--to", tmp_path / "x.db", "--once")
    assert result.code == 1 and "--feed or --sitemap" in result.err


def test_crawl_refuses_loopback_unless_allowed(cli: Cli, site: Site, tmp_path: Path) -> None:
    result = cli(
        "crawl", "--feed", site.server.url("/feed.xml"), "--to", tmp_path / "x.db", "--once",
        "--delay", "0", "--jobs", "1", "--quiet",
    )  # fmt: skip
    assert result.code == 1
    assert "Traceback" not in result.err
    assert site.page_hits() == {0: 0, 1: 0, 2: 0, 3: 0}
