"""detect_source: every kind of input picked from its name or its first bytes, files included."""

from __future__ import annotations

import gzip
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from ingest_helpers import Page, build_arc, build_warc

from support.httpserver import LoopbackServer, Reply
from warta.ingest import FetchOptions, detect_source, kind_of
from warta.ingest.files import FileSource

FAST = FetchOptions(delay=0.0, timeout=1.0, retries=0, allow_private=True)


@pytest.mark.parametrize(
    ("spec", "kind"),
    [
        ("crawl.warc.gz", "warc"),
        ("crawl.WARC", "warc"),
        ("old.arc.gz", "arc"),
        ("https://data.example/x.warc.gz?sig=1", "warc"),
        ("https://news.example/2024/story", "url"),
        ("https://news.example/sitemap.xml", "url"),  # fetched once, then sniffed
        ("pages/*.html", "files"),
        ("a.htm.gz", "files"),
        ("urls.txt", "urls"),
        ("feed.rss", "feed"),
        ("sitemap.xml.gz", "feed"),
    ],
)
def test_kind_from_the_name(spec: str, kind: str) -> None:
    assert kind_of(spec) == kind


def test_kind_from_the_content(tmp_path: Path, pages: list[Page]) -> None:
    samples = {
        "w": (build_warc(pages, gz=True), "warc"),
        "a": (build_arc(pages), "arc"),
        "f": (b'<?xml version="1.0"?><rss><channel/></rss>', "feed"),
        "s": (gzip.compress(b"<urlset></urlset>"), "feed"),
        "h": (pages[0].body, "files"),
        "u": (b"# list\nhttps://a.example/1\n", "urls"),
    }
    for name, (data, kind) in samples.items():
        (tmp_path / name).write_bytes(data)
        assert kind_of(str(tmp_path / name)) == kind, name
    assert kind_of(str(tmp_path)) == "files"


def test_folders_and_globs_of_html_files(tmp_path: Path, pages: list[Page]) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(pages[0].file, tmp_path / "a" / "one.html.gz")
    (tmp_path / "a" / "b" / "two.htm").write_bytes(pages[1].body)
    (tmp_path / "a" / "notes.txt").write_text("not a page")
    folder = list(detect_source(str(tmp_path / "a")))
    # Sorted by path (a/b/two.htm before a/one.html.gz), gzip undone, the .txt left out.
    assert [r.body for r in folder] == [pages[1].body, pages[0].body]
    assert folder[1].origin == f"file:{(tmp_path / 'a' / 'one.html.gz').resolve()}"
    globbed = list(detect_source(str(tmp_path / "**" / "*.htm")))
    assert [r.body for r in globbed] == [pages[1].body]


def test_missing_or_oversized_files_are_error_records(tmp_path: Path) -> None:
    (missing,) = list(detect_source(str(tmp_path / "nope.html")))
    assert missing.error is not None and "nope.html" in missing.error
    big = tmp_path / "big.html"
    big.write_bytes(b"<html>" + b"x" * 2000)
    source = FileSource.from_spec(str(big), max_bytes=1000)
    (record,) = list(source)
    assert record.error is not None and source.stats.errors == 1
    (warc,) = list(detect_source(str(tmp_path / "nope.warc.gz")))
    assert warc.error is not None and warc.origin.startswith("warc:")


def test_local_warc_and_arc(tmp_path: Path, pages: list[Page]) -> None:
    (tmp_path / "c.warc.gz").write_bytes(build_warc(pages, gz=True))
    (tmp_path / "c.arc.gz").write_bytes(gzip.compress(build_arc(pages)))
    warc = detect_source(str(tmp_path / "c.warc.gz"))
    assert [r.url for r in warc] == [p.url for p in pages]
    assert warc.stats.yielded == len(pages) and warc.stats.skipped["request record"] == 1
    arc = list(detect_source(str(tmp_path / "c.arc.gz")))
    assert [r.url for r in arc] == [pages[0].url, pages[1].url]
    assert arc[0].origin.startswith(f"arc:{(tmp_path / 'c.arc.gz').resolve()}#")


@pytest.mark.parametrize("gz", [True, False])
def test_remote_warc_is_streamed(server: LoopbackServer, pages: list[Page], gz: bool) -> None:
    data = build_warc(pages, gz=gz)
    server.add("/crawl.warc.gz", Reply(200, data, {"Content-Type": "application/warc"}))
    server.add("/moved.warc.gz", Reply(301, b"", {"Location": "/crawl.warc.gz"}))
    source = detect_source(server.url("/moved.warc.gz"), options=FAST)
    records = list(source)
    assert [r.body for r in records] == [p.body for p in pages]
    assert records[0].origin.startswith("warc:" + server.url("/moved.warc.gz") + "#")


def test_remote_warc_cut_short_and_refused_addresses(
    server: LoopbackServer, pages: list[Page]
) -> None:
    data = build_warc(pages, gz=True)
    server.add("/cut.warc.gz", Reply(200, data, truncate_to=len(data) - 300))
    records = list(detect_source(server.url("/cut.warc.gz"), options=FAST))
    assert [r.url for r in records if r.error is None] == [p.url for p in pages[:-1]]
    assert records[-1].error is not None
    closed = replace(FAST, allow_private=False)
    (refused,) = list(detect_source(server.url("/cut.warc.gz"), options=closed))
    assert refused.error is not None and "non-public" in refused.error
    assert len(server.hits("/cut.warc.gz")) == 1


def test_the_packaged_sample_reads_cleanly() -> None:
    sample = Path(__file__).resolve().parents[2] / "src/warta/data/sample/sample.warc.gz"
    source = detect_source(str(sample))
    records = list(source)
    assert len(records) >= 40 and all(r.error is None and r.url for r in records)
    assert source.stats.skipped["request record"] == 1
    assert source.stats.skipped["not HTML (image/png)"] == 1
    assert source.stats.skipped["not HTML (text/plain)"] == 1
    assert sample.stat().st_size < 2 * 1024 * 1024
