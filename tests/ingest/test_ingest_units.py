"""Small pieces: address policy, Retry-After, backoff, bounded decompression, HTTP parsing."""

from __future__ import annotations

import gzip
import itertools
import threading
import zlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import brotli
import pytest
from ingest_helpers import Page

from support.httpserver import LoopbackServer, Reply
from warta.errors import InputError
from warta.ingest import FetchOptions
from warta.ingest.fetch import Fetcher
from warta.ingest.fetch.politeness import backoff, retry_after
from warta.ingest.httpmsg import dechunk, decode_payload, looks_like_html, parse_head
from warta.ingest.limits import BoundedDecoder, TooLargeError, decompress
from warta.ingest.netguard import AddressPolicy, refusal
from warta.ingest.web import UrlListSource

FAST = FetchOptions(delay=0.0, timeout=1.0, retries=1, backoff=0.01, allow_private=True)


@pytest.mark.parametrize(
    "address",
    ["10.0.0.1", "172.16.5.4", "192.168.1.1", "127.0.0.1", "169.254.169.254", "0.0.0.0",
     "::1", "fc00::1", "fe80::1", "::ffff:10.0.0.1", "100.64.0.1", "224.0.0.1"],
)  # fmt: skip
def test_non_public_addresses_are_refused(address: str) -> None:
    assert refusal(address, AddressPolicy()) is not None
    assert refusal(address, AddressPolicy(allow_private=True)) is None


def test_public_addresses_and_allowed_networks() -> None:
    assert refusal("93.184.216.34", AddressPolicy()) is None
    assert refusal("2606:4700:4700::1111", AddressPolicy()) is None
    only_one = AddressPolicy(allow_networks=("127.0.0.1/32",))
    assert refusal("127.0.0.1", only_one) is None
    assert refusal("127.0.0.2", only_one) is not None


def test_retry_after_forms() -> None:
    now = datetime(2024, 10, 1, 12, 0, tzinfo=UTC)
    assert retry_after({"retry-after": "7"}, now) == 7.0
    later = format_datetime(now + timedelta(seconds=90), usegmt=True)
    assert retry_after({"retry-after": later}, now) == pytest.approx(90.0)
    past = format_datetime(now - timedelta(seconds=90), usegmt=True)
    assert retry_after({"retry-after": past}, now) == 0.0
    assert retry_after({"retry-after": "soon"}, now) is None
    assert retry_after({}, now) is None


def test_backoff_grows_with_jitter() -> None:
    for attempt in range(4):
        waits = {backoff(attempt, 0.5) for _ in range(20)}
        assert all(0.25 * 2**attempt <= w <= 0.5 * 2**attempt for w in waits)
        assert len(waits) > 1  # jittered, so clients do not retry in lockstep


def test_retry_after_date_is_capped(server: LoopbackServer) -> None:
    far = format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True)
    server.add_sequence("/busy", [Reply(503, headers={"Retry-After": far}), Reply(200, b"<p>")])
    with Fetcher(replace(FAST, max_retry_after=0.3)) as fetcher:
        assert fetcher.fetch(server.url("/busy")).error is None
    first, second = server.hits("/busy")
    assert 0.25 <= second.time - first.time < 0.9


def test_robots_crawl_delay_slows_a_host_down(server: LoopbackServer) -> None:
    server.add("/robots.txt", b"User-agent: *\nCrawl-delay: 0.2\n")
    for n in range(3):
        server.add(f"/p{n}", b"<html/>")
    with Fetcher(replace(FAST, delay=0.0)) as fetcher:
        list(fetcher.fetch_all(server.url(f"/p{n}") for n in range(3)))
    times = sorted(h.time for h in server.hits() if h.path.startswith("/p"))
    assert all(b - a >= 0.18 for a, b in itertools.pairwise(times))


def test_skip_runs_in_the_callers_thread(
    tmp_path: Path, server: LoopbackServer, pages: list[Page]
) -> None:
    server.add("/a", pages[0].body, headers={"Content-Type": "text/html"})
    listing = tmp_path / "u.txt"
    listing.write_text(server.url("/a") + "\n")
    threads: list[int] = []

    def skip(origin: str) -> bool:
        threads.append(threading.get_ident())  # e.g. a SQLite lookup bound to this thread
        return False

    records = list(UrlListSource(listing, options=FAST, skip=skip))
    assert records[0].body == pages[0].body
    assert threads == [threading.get_ident()]


def test_bounded_decoder_stops_every_codec_at_the_limit() -> None:
    payload = b"a" * 3_000_000
    for encoding, data in (
        ("gzip", gzip.compress(payload)),
        ("deflate", zlib.compress(payload)),
        ("br", brotli.compress(payload)),
    ):
        assert decompress(data, encoding) == payload
        with pytest.raises(TooLargeError):
            decompress(data, encoding, limit=1_000_000)
    decoder = BoundedDecoder("gzip", limit=10**6)
    stream = gzip.compress(payload[:500_000])
    out = b"".join(decoder.feed(stream[i : i + 1000]) for i in range(0, len(stream), 1000))
    assert out == payload[:500_000] and decoder.finished
    with pytest.raises(InputError):
        decompress(b"not gzip at all", "gzip")
    with pytest.raises(InputError):
        decompress(b"x", "zstd")


def test_http_head_parsing_and_payload_decoding() -> None:
    raw = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-A: 1\r\nX-A: 2\r\n Folded\r\n\r\nbody"
    head = parse_head(raw)
    assert head.status == 200 and head.headers["x-a"] == "1, 2 Folded"
    assert raw[head.size :] == b"body"
    with pytest.raises(InputError):
        parse_head(b"GARBAGE\r\n\r\n")
    assert dechunk(b"4\r\nWiki\r\n5;x=1\r\npedia\r\n0\r\n\r\n") == b"Wikipedia"
    assert dechunk(b"<html>not chunked") == b"<html>not chunked"
    # A header that says gzip over a body stored already decoded is believed less than the bytes.
    assert decode_payload({"content-encoding": "gzip"}, b"<html>x") == b"<html>x"
    assert looks_like_html(b"\xef\xbb\xbf  <!-- c --><!DOCTYPE html><html>")
    assert not looks_like_html(b"%PDF-1.4")
