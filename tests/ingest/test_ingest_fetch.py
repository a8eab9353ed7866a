"""The fetcher against a local server that misbehaves on purpose."""

from __future__ import annotations

import asyncio
import itertools
import time
from dataclasses import replace

import httpx
import pytest
from ingest_helpers import Page

from support.httpserver import LoopbackServer, Reply, gzip_bomb, redirect
from warta.ingest.fetch import (
    DEFAULT_USER_AGENT,
    AsyncFetcher,
    Fetcher,
    FetchOptions,
    MemoryValidatorCache,
    fetch_one,
    not_modified,
)

HTML = {"Content-Type": "text/html; charset=utf-8"}
FAST = FetchOptions(
    delay=0.0,
    timeout=1.0,
    connect_timeout=1.0,
    retries=2,
    backoff=0.01,
    max_retry_after=0.5,
    allow_private=True,  # the test server is on loopback
)


def test_a_page_is_fetched_with_our_user_agent(server: LoopbackServer, pages: list[Page]) -> None:
    server.add("/a", pages[0].body, headers=HTML)
    with Fetcher(FAST) as fetcher:
        record = fetcher.fetch(server.url("/a"))
    assert record.error is None
    assert record.body == pages[0].body
    assert record.origin == "url:" + server.url("/a")
    assert record.headers["content-type"] == "text/html; charset=utf-8"
    assert record.crawled_at is not None
    assert server.hits("/a")[0].headers["User-Agent"] == DEFAULT_USER_AGENT
    assert DEFAULT_USER_AGENT.startswith("warta/")


def test_server_errors_are_retried_then_succeed(server: LoopbackServer) -> None:
    server.add_sequence("/flaky", [Reply(500), Reply(503), Reply(200, b"<html>ok</html>", HTML)])
    with Fetcher(FAST) as fetcher:
        record = fetcher.fetch(server.url("/flaky"))
        assert fetcher.stats.retries == 2
    assert record.error is None and record.body == b"<html>ok</html>"
    assert len(server.hits("/flaky")) == 3


def test_retries_give_up_with_an_error_record(server: LoopbackServer) -> None:
    server.add("/down", Reply(502))
    with Fetcher(FAST) as fetcher:
        record = fetcher.fetch(server.url("/down"))
    assert record.error is not None and "502" in record.error
    assert len(server.hits("/down")) == FAST.retries + 1


def test_retry_after_is_honoured(server: LoopbackServer) -> None:
    server.add_sequence(
        "/busy2", [Reply(429, headers={"Retry-After": "1"}), Reply(200, b"<html/>", HTML)]
    )
    with Fetcher(replace(FAST, max_retry_after=0.4)) as fetcher:
        assert fetcher.fetch(server.url("/busy2")).error is None
    first, second = server.hits("/busy2")
    # Retry-After: 1 is capped at max_retry_after=0.4.
    assert 0.35 <= second.time - first.time < 0.9


def test_slow_response_times_out(server: LoopbackServer) -> None:
    server.add("/slow", b"<html/>", headers=HTML, delay=1.5)
    options = replace(FAST, timeout=0.3, retries=1)
    started = time.monotonic()
    with Fetcher(options) as fetcher:
        record = fetcher.fetch(server.url("/slow"))
    assert record.error is not None and "timed out" in record.error
    assert time.monotonic() - started < 1.5
    assert len(server.hits("/slow")) == 2


def test_truncated_body_is_an_error(server: LoopbackServer) -> None:
    server.add("/cut", b"<html>" + b"x" * 1000, headers=HTML, truncate_to=100)
    with Fetcher(replace(FAST, retries=0)) as fetcher:
        record = fetcher.fetch(server.url("/cut"))
    assert record.error is not None and record.body == b""


def test_redirects_are_followed_and_loops_refused(server: LoopbackServer) -> None:
    server.add("/old", redirect("/new"))
    server.add("/new", b"<html>new</html>", headers=HTML)
    server.add("/loop-a", redirect("/loop-b"))
    server.add("/loop-b", redirect("/loop-a"))
    for n in range(5):
        server.add(f"/hop{n}", redirect(f"/hop{n + 1}"))
    with Fetcher(replace(FAST, max_redirects=3)) as fetcher:
        moved = fetcher.fetch(server.url("/old"))
        loop = fetcher.fetch(server.url("/loop-a"))
        long = fetcher.fetch(server.url("/hop0"))
    assert moved.url == server.url("/new") and moved.body == b"<html>new</html>"
    assert moved.origin == "url:" + server.url("/old")  # origin stays the input
    assert loop.error is not None and "loop" in loop.error.lower()
    assert long.error is not None and "redirects" in long.error


def test_gzip_bomb_is_stopped_at_the_cap(server: LoopbackServer) -> None:
    server.add("/bomb", gzip_bomb(20 * 1024 * 1024))
    server.add("/fine", gzip_bomb(1000))
    with Fetcher(replace(FAST, max_bytes=1024 * 1024, retries=0)) as fetcher:
        bomb = fetcher.fetch(server.url("/bomb"))
        fine = fetcher.fetch(server.url("/fine"))
    assert bomb.error is not None and "too large" in bomb.error
    assert fine.error is None and len(fine.body) == 1006


def test_oversized_plain_body_is_aborted(server: LoopbackServer) -> None:
    server.add("/big", b"<html>" + b"x" * 300_000, headers=HTML)
    with Fetcher(replace(FAST, max_bytes=100_000)) as fetcher:
        record = fetcher.fetch(server.url("/big"))
    assert record.error is not None and "too large" in record.error


def test_robots_disallow_is_obeyed_and_cached(server: LoopbackServer) -> None:
    server.add("/robots.txt", b"User-agent: warta\nDisallow: /private/\n", headers={})
    server.add("/private/x", b"<html/>", headers=HTML)
    server.add("/public", b"<html/>", headers=HTML)
    with Fetcher(FAST) as fetcher:
        blocked = fetcher.fetch(server.url("/private/x"))
        allowed = fetcher.fetch(server.url("/public"))
        assert fetcher.stats.robots_disallowed == 1
    assert blocked.error is not None and "robots.txt" in blocked.error
    assert allowed.error is None
    assert server.hits("/private/x") == []
    assert len(server.hits("/robots.txt")) == 1


def test_robots_can_be_ignored_on_request(server: LoopbackServer) -> None:
    server.add("/robots.txt", b"User-agent: *\nDisallow: /\n")
    server.add("/p", b"<html/>", headers=HTML)
    with Fetcher(replace(FAST, obey_robots=False)) as fetcher:
        assert fetcher.fetch(server.url("/p")).error is None
    assert server.hits("/robots.txt") == []


def test_per_host_delay_is_respected(server: LoopbackServer) -> None:
    for n in range(4):
        server.add(f"/p{n}", b"<html/>", headers=HTML)
    delay = 0.15
    urls = [server.url(f"/p{n}") for n in range(4)]
    with Fetcher(replace(FAST, delay=delay, concurrency=4)) as fetcher:
        records = list(fetcher.fetch_all(urls))
    assert sorted(r.url or "" for r in records) == sorted(urls)
    times = sorted(h.time for h in server.hits() if h.path.startswith("/p"))
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= delay * 0.9, gaps


def test_different_hosts_are_fetched_in_parallel(server: LoopbackServer) -> None:
    server.add("/slow", b"<html/>", headers=HTML, delay=0.5)
    urls = [server.url("/slow", host) for host in ("127.0.0.1", "localhost")]
    started = time.monotonic()
    with Fetcher(replace(FAST, concurrency=4)) as fetcher:
        records = list(fetcher.fetch_all(urls))
    assert all(r.error is None for r in records)
    assert time.monotonic() - started < 0.95  # two 0.5 s answers overlapped (serial: >= 1 s)


def test_conditional_get_and_304(server: LoopbackServer) -> None:
    def answer(hit):  # type: ignore[no-untyped-def]
        if hit.headers.get("If-None-Match") == '"v1"':
            return Reply(304, headers={"ETag": '"v1"'})
        headers = {**HTML, "ETag": '"v1"', "Last-Modified": "Tue, 01 Oct 2024 10:00:00 GMT"}
        return Reply(200, b"<html>v1</html>", headers)

    server.add("/cond", answer)
    cache = MemoryValidatorCache()
    with Fetcher(FAST, validators=cache) as fetcher:
        first = fetcher.fetch(server.url("/cond"))
        second = fetcher.fetch(server.url("/cond"))
        assert fetcher.stats.not_modified == 1
    assert not not_modified(first) and first.body == b"<html>v1</html>"
    assert not_modified(second) and second.body == b"" and second.error is None
    sent = server.hits("/cond")[1].headers
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == "Tue, 01 Oct 2024 10:00:00 GMT"


def test_private_addresses_are_refused_without_contact(server: LoopbackServer) -> None:
    contacted: list[str] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        contacted.append(str(request.url))
        return httpx.Response(500)

    options = replace(FAST, allow_private=False)
    with Fetcher(options, transport=httpx.MockTransport(refuse)) as fetcher:
        records = [
            fetcher.fetch(url)
            for url in (
                "http://10.1.2.3/x",
                "http://192.168.0.1/",
                "http://169.254.169.254/latest/meta-data/",
                "http://[::1]/",
                server.url("/x"),
            )
        ]
    assert contacted == []
    assert all(r.error and "non-public" in r.error for r in records)


def test_redirect_to_a_private_address_is_refused(server: LoopbackServer) -> None:
    # Only 127.0.0.1 is allowed; 127.0.0.2 stands for "somewhere inside" and stays on loopback.
    server.add("/out", redirect(server.url("/inside", "127.0.0.2")))
    server.add("/inside", b"<html>secret</html>", headers=HTML)
    options = replace(FAST, allow_private=False, allow_networks=("127.0.0.1/32",))
    with Fetcher(options) as fetcher:
        record = fetcher.fetch(server.url("/out"))
    assert record.error is not None and "127.0.0.2" in record.error
    assert server.hits("/inside") == []


@pytest.mark.parametrize("url", ["ftp://example.com/x", "not a url", "http://"])
def test_bad_urls_become_error_records(url: str) -> None:
    with Fetcher(FAST) as fetcher:
        record = fetcher.fetch(url)
    assert record.error is not None and record.origin == f"url:{url}"


def test_connection_refused_is_an_error_record() -> None:
    with LoopbackServer() as gone:
        url = gone.url("/x")
    with Fetcher(replace(FAST, retries=1)) as fetcher:
        record = fetcher.fetch(url)
    # Unreachable robots.txt means "do not crawl" (RFC 9309), and the message says why.
    assert record.error is not None and "could not be read" in record.error
    with Fetcher(replace(FAST, retries=1, obey_robots=False)) as fetcher:
        record = fetcher.fetch(url)
    assert record.error is not None and record.error.startswith("Could not fetch")


def test_fetch_one_convenience(server: LoopbackServer) -> None:
    server.add("/one", b"<html>one</html>", headers=HTML)
    refused = fetch_one(server.url("/one"))  # loopback is refused by default
    assert refused.error is not None and "non-public" in refused.error
    record = fetch_one(server.url("/one"), options=FAST, allow_private=True)
    assert record.error is None and record.body == b"<html>one</html>"


def test_global_concurrency_limit_holds_across_hosts(server: LoopbackServer) -> None:
    server.add("/slow", b"<html/>", headers=HTML, delay=0.3)
    urls = [server.url("/slow", host) for host in ("127.0.0.1", "localhost")]
    started = time.monotonic()
    with Fetcher(replace(FAST, concurrency=1)) as fetcher:
        assert all(r.error is None for r in fetcher.fetch_all(urls))
    assert time.monotonic() - started >= 0.55  # one request at a time, though two hosts


def test_async_fetcher_fetch_many(server: LoopbackServer) -> None:
    for n in range(3):
        server.add(f"/a{n}", f"<html>{n}</html>".encode(), headers=HTML)
    urls = [server.url(f"/a{n}") for n in range(3)]

    async def fetch_all() -> list[bytes]:
        async with AsyncFetcher(FAST) as fetcher:
            return sorted([r.body async for r in fetcher.fetch_many(urls)])

    bodies = asyncio.run(fetch_all())
    assert bodies == [b"<html>0</html>", b"<html>1</html>", b"<html>2</html>"]
