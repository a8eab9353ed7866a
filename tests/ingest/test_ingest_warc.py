"""WARC and ARC reading on files built from real pages, including damaged ones."""

from __future__ import annotations

import gzip
import io
import logging
import zlib
from pathlib import Path

import pytest
from ingest_helpers import Page, build_arc, build_warc, write_response
from warcio.warcwriter import WARCWriter

from warta.ingest.arc import ArcSource
from warta.ingest.warc import WarcSource

HTML_COUNT = 4  # the four fixture pages; the other records are not pages


def read(data: bytes, name: str = "t.warc") -> tuple[list, WarcSource]:
    source = WarcSource(io.BytesIO(data), name)
    return list(source), source


def gzip_members(data: bytes) -> list[int]:
    offsets, pos = [], 0
    while pos < len(data):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        inflater.decompress(data[pos:])
        offsets.append(pos)
        pos = len(data) - len(inflater.unused_data)
    return offsets


@pytest.mark.parametrize("gz", [False, True])
def test_only_html_responses_come_out_with_their_metadata(pages: list[Page], gz: bool) -> None:
    records, source = read(build_warc(pages, gz=gz))
    assert [r.url for r in records] == [p.url for p in pages]
    assert [r.body for r in records] == [p.body for p in pages]  # original bytes, untouched
    first = records[0]
    assert first.headers["content-type"] == "text/html; charset=utf-8"
    assert (
        first.crawled_at is not None and first.crawled_at.isoformat() == "2024-05-06T07:08:09+00:00"
    )
    assert all(r.error is None for r in records)
    assert len({r.origin for r in records}) == HTML_COUNT
    assert all(r.origin.startswith("warc:t.warc#") for r in records)
    assert source.stats.yielded == HTML_COUNT
    assert source.stats.skipped["request record"] == 1
    assert source.stats.skipped["not HTML (image/png)"] == 1
    assert source.stats.skipped["not HTML (text/plain)"] == 1
    assert source.stats.skipped["HTTP status 404"] == 1


def test_origin_offsets_point_at_the_records(pages: list[Page], tmp_path: Path) -> None:
    data = build_warc(pages, gz=True)
    records, _ = read(data)
    for record in records:
        offset = int(record.origin.rsplit("#", 1)[1])
        member = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[offset:])
        assert member.startswith(b"WARC/1.")
        assert record.url is not None and record.url.encode() in member


def test_corrupt_gzip_member_in_the_middle_is_skipped_and_reported(
    pages: list[Page], caplog: pytest.LogCaptureFixture
) -> None:
    data = build_warc(pages, gz=True)
    members = gzip_members(data)
    # Member 3 holds pages[1]: keep its gzip header, overwrite its deflate data with junk.
    start, end = members[3], members[4]
    broken = data[: start + 12] + bytes(range(256))[: end - start - 12] + data[end:]
    with caplog.at_level(logging.WARNING, logger="warta.ingest"):
        records, source = read(broken)
    good = [r for r in records if r.error is None]
    bad = [r for r in records if r.error is not None]
    assert [r.url for r in good] == [pages[0].url] + [p.url for p in pages[2:]]
    assert len(bad) == 1 and "Corrupt data" in bad[0].error
    assert source.stats.errors == 1
    assert any("Corrupt" in m for m in caplog.messages)


def test_truncated_last_gzip_member_ends_the_stream_cleanly(pages: list[Page]) -> None:
    data = build_warc(pages, gz=True)
    records, source = read(data[:-200])
    good = [r.url for r in records if r.error is None]
    assert good == [p.url for p in pages[:-1]]
    assert records[-1].error is not None
    assert source.stats.errors == 1


def test_truncated_plain_file_reports_the_cut_record(pages: list[Page]) -> None:
    data = build_warc(pages, gz=False)
    records, source = read(data[:-500])
    assert [r.url for r in records if r.error is None] == [p.url for p in pages[:-1]]
    assert "truncated" in (records[-1].error or "")
    assert source.stats.errors == 1


def test_garbage_between_plain_records_is_stepped_over(pages: list[Page]) -> None:
    data = build_warc(pages, gz=False)
    cut = data.index(b"WARC/1.0", data.index(pages[1].url.encode()))
    broken = data[:cut] + b"\x00\x01 not a record at all \r\n\r\n" * 3 + data[cut:]
    records, source = read(broken)
    assert [r.url for r in records if r.error is None] == [p.url for p in pages]
    assert source.stats.errors == 1  # the junk is reported once, as one skipped region


def test_content_encodings_are_undone_and_missing_types_sniffed(pages: list[Page]) -> None:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    body = pages[0].body
    write_response(
        writer, "http://a.test/gz", gzip.compress(body), extra=[("Content-Encoding", "gzip")]
    )
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    write_response(writer, "http://a.test/chunk", chunked, extra=[("Transfer-Encoding", "chunked")])
    write_response(writer, "http://a.test/untyped", body, content_type=None)
    write_response(writer, "http://a.test/untyped-bin", b"\x00\x01binary", content_type=None)
    write_response(writer, "http://a.test/xhtml", body, "application/xhtml+xml")
    bomb = gzip.compress(b" " * (2 * 1024 * 1024))
    write_response(writer, "http://a.test/bomb", bomb, extra=[("Content-Encoding", "gzip")])
    source = WarcSource(io.BytesIO(buf.getvalue()), "enc.warc.gz", max_bytes=1024 * 1024)
    records = {r.url: r for r in source}
    for url in ("http://a.test/gz", "http://a.test/chunk", "http://a.test/untyped"):
        assert records[url].body == body, url
    assert "http://a.test/xhtml" in records
    assert "http://a.test/untyped-bin" not in records
    assert "inflates to more than" in (records["http://a.test/bomb"].error or "")


def test_skip_predicate_leaves_done_records_out(pages: list[Page]) -> None:
    data = build_warc(pages, gz=True)
    first, _ = read(data)
    done = {first[0].origin, first[2].origin}
    source = WarcSource(io.BytesIO(data), "t.warc", skip=done.__contains__)
    again = list(source)
    assert [r.origin for r in again] == [first[1].origin, first[3].origin]
    assert source.stats.skipped["already done"] == 2


def test_arc_files_are_read_with_warcio(pages: list[Page]) -> None:
    data = build_arc(pages)
    for stream in (io.BytesIO(data), gzip.GzipFile(fileobj=io.BytesIO(gzip.compress(data)))):
        source = ArcSource(stream, "t.arc")
        records = list(source)
        assert [r.url for r in records] == [pages[0].url, pages[1].url]
        assert [r.body for r in records] == [pages[0].body, pages[1].body]
        assert records[0].crawled_at is not None and records[0].crawled_at.year == 2005
        assert source.stats.skipped["not HTML (image/png)"] == 1


def test_sample_agrees_with_warcio() -> None:
    """Cross-check: warcio's own reading of the packaged sample gives the same pages."""
    from warcio.archiveiterator import ArchiveIterator

    sample = Path(__file__).resolve().parents[2] / "src/warta/data/sample/sample.warc.gz"
    with sample.open("rb") as handle:
        expected = [
            (r.rec_headers.get_header("WARC-Target-URI"), r.content_stream().read())
            for r in ArchiveIterator(handle)
            if r.rec_type == "response"
            and r.http_headers.get_header("Content-Type", "").startswith("text/html")
        ]
    with sample.open("rb") as handle:
        ours = [(r.url, r.body) for r in WarcSource(handle, str(sample))]
    assert ours == expected and len(ours) >= 40
