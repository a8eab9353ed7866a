"""Helpers of the ingest tests: the real fixture pages, and WARC/ARC files built from them."""

from __future__ import annotations

import gzip
import io
import json
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


@dataclass(frozen=True)
class Page:
    url: str
    body: bytes
    file: Path


def load_pages() -> list[Page]:
    meta = json.loads((FIXTURES / "pages.json").read_text(encoding="utf-8"))
    return [
        Page(m["url"], gzip.decompress((FIXTURES / m["file"]).read_bytes()), FIXTURES / m["file"])
        for m in meta
    ]


def write_response(
    writer: WARCWriter,
    url: str,
    body: bytes,
    content_type: str | None = "text/html; charset=utf-8",
    extra: list[tuple[str, str]] | None = None,
    status: str = "200 OK",
) -> None:
    headers = [("Content-Length", str(len(body)))] + (extra or [])
    if content_type is not None:
        headers.insert(0, ("Content-Type", content_type))
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": "2024-05-06T07:08:09Z"},
    )
    writer.write_record(record)


def write_request(writer: WARCWriter, url: str) -> None:
    http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.com")], is_http_request=True)
    writer.write_record(
        writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=http)
    )


def build_warc(pages: list[Page], *, gz: bool) -> bytes:
    """A WARC with the pages plus a request, an image, a text file and a 404 among them."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    write_request(writer, pages[0].url)
    write_response(writer, pages[0].url, pages[0].body)
    write_response(writer, "http://example.com/logo.png", b"\x89PNG\r\n\x1a\n", "image/png")
    write_response(writer, pages[1].url, pages[1].body)
    write_response(writer, "http://example.com/robots.txt", b"User-agent: *\n", "text/plain")
    write_response(writer, "http://example.com/gone", b"<html>gone</html>", status="404 Not Found")
    for page in pages[2:]:
        write_response(writer, page.url, page.body)
    return buf.getvalue()


def build_arc(pages: list[Page]) -> bytes:
    def record(url: str, ctype: str, body: bytes) -> bytes:
        http = b"HTTP/1.0 200 OK\r\nContent-Type: %s\r\n\r\n%s" % (ctype.encode(), body)
        line = f"{url} 192.0.2.1 20050614070159 {ctype.split(';')[0]} {len(http)}\n".encode()
        return line + http + b"\n"

    desc = b"1 0 test\nURL IP-address Archive-date Content-type Archive-length\n"
    head = f"filedesc://t.arc 0.0.0.0 20050614070144 text/plain {len(desc)}\n".encode()
    out = head + desc + b"\n"
    out += record(pages[0].url, "text/html", pages[0].body)
    out += record("http://example.com/x.png", "image/png", b"\x89PNG")
    out += record(pages[1].url, "text/html", pages[1].body)
    return out
