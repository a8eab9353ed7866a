"""Test inputs: WARC files built at run time around the real pages in tests/fixtures/pipeline."""

from __future__ import annotations

import gzip
import io
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders  # type: ignore[import-untyped]
from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pipeline"
NEAR_SOURCE = "kompas.com-anpandu-kompas-singlepage3.html.gz"
EXACT_SOURCE = "detik.com-anpandu-detik-singlepage.html.gz"
TEASER = "<p>Simak ringkasan berita pilihan redaksi hari ini di kanal internasional kami.</p>"
NEAR_ANCHOR = "Reaksi Zuckerberg adalah"


@dataclass(frozen=True)
class Page:
    url: str
    body: bytes
    note: str = ""


def real_pages() -> list[Page]:
    meta = json.loads((FIXTURES / "pages.json").read_text())
    return [
        Page(info["url"], gzip.decompress((FIXTURES / name).read_bytes()), name)
        for name, info in sorted(meta.items())
    ]


def _moved(page: Page, url: str, html: str) -> Page:
    """The page published at ``url``: every mention of its old address (canonical, og:url)
    points to the new one, as on a real mirror."""
    return Page(url, html.replace(page.url, url).encode("utf-8"))


def near_variant(page: Page) -> Page:
    """The same story with a teaser paragraph added and its footer gone, on another site, and
    dated a day earlier (a syndicated copy that went out first, though it comes later in the
    input)."""
    html = page.body.decode("utf-8", "replace").replace("Selasa, 16 Februari", "Senin, 15 Februari")
    anchor = html.index(NEAR_ANCHOR)
    html = html[:anchor] + TEASER + html[anchor:]
    html = re.sub(r"<footer.*?</footer>", "", html, flags=re.S | re.I)
    url = page.url.replace("internasional.kompas.com", "mirror.example.com").replace(
        "2016/02/16", "2016/02/15"
    )
    return Page(**{**_moved(page, url, html).__dict__, "note": "near variant"})


def exact_copy(page: Page) -> Page:
    url = page.url.replace("inet.detik.com", "copy.example.net")
    moved = _moved(page, url, page.body.decode("utf-8", "replace"))
    return Page(moved.url, moved.body, "exact copy")


def standard_corpus() -> list[Page]:
    """The eight real pages, then a near variant and an exact copy (in that order)."""
    pages = real_pages()
    by_note = {p.note: p for p in pages}
    return [*pages, near_variant(by_note[NEAR_SOURCE]), exact_copy(by_note[EXACT_SOURCE])]


def write_warc(path: Path, pages: list[Page], *, start: datetime | None = None) -> Path:
    """A gzipped WARC with one response record per page (and a request record before each)."""
    when = start or datetime(2024, 1, 1, tzinfo=UTC)
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for n, page in enumerate(pages):
            date = (when + timedelta(seconds=n)).strftime("%Y-%m-%dT%H:%M:%SZ")
            request = writer.create_warc_record(
                page.url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
                warc_headers_dict={"WARC-Date": date},
            )  # fmt: skip
            writer.write_record(request)
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            response = writer.create_warc_record(
                page.url, "response", payload=io.BytesIO(page.body), http_headers=headers,
                warc_headers_dict={"WARC-Date": date},
            )  # fmt: skip
            writer.write_record(response)
    return path


def bigger_corpus(copies: int) -> list[Page]:
    """The real pages repeated under distinct URLs, each copy's text made distinct too."""
    pages = real_pages()
    out = []
    for n in range(copies):
        for page in pages:
            marker = f"<p>Nomor arsip {n} untuk {page.note}.</p>".encode()
            body = page.body.replace(b"</body>", marker + b"</body>", 1)
            out.append(Page(f"{page.url}?copy={n}", body, page.note))
    return out
