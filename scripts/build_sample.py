"""Build src/warta/data/sample/sample.warc.gz: ~40 real news pages as WARC response records.

The pages come from the evaluation sets in shared/data (their original bytes and URLs); a few
non-page records are added to show that readers skip them. The output is deterministic, so
rebuilding it gives the same file.

    python scripts/build_sample.py [--data ../shared/data] [--out src/warta/data/sample]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import py3langid
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent
# A stand-in crawl time: later than every page's publication date, the same at every build.
WARC_DATE = "2025-01-15T00:00:00Z"
HTTP_DATE = "Wed, 15 Jan 2025 00:00:00 GMT"
ZYTE_PAGES = 10
WEB_EVAL_LANGS = ("de", "en", "es", "fr", "pl", "pt", "ru", "ja", "zh", "ar", "it", "tr")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
LICENCES = {
    "id-news": "pages from public scraper test suites, as listed in shared/data/README.md",
    "zyte": "scrapinghub/article-extraction-benchmark, MIT",
    "web-eval": "evaluation sets of adbar/trafilatura and adbar/htmldate, Apache-2.0",
}


@dataclass(frozen=True)
class Page:
    dataset: str
    page_id: str
    url: str
    lang: str | None
    body: bytes
    upstream: str


def _rows(data: Path, dataset: str) -> list[dict[str, object]]:
    with (data / dataset / "manifest.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _page(data: Path, dataset: str, row: dict[str, object], lang: str | None) -> Page:
    body = gzip.decompress((data / dataset / str(row["html_path"])).read_bytes())
    upstream = str(row.get("origin") or row.get("source") or "")
    return Page(dataset, str(row["id"]), str(row["url"]), lang, body, upstream)


def choose(data: Path) -> Iterator[Page]:
    """All id-news pages, zyte pages in as many languages as possible, web-eval by language."""
    for row in _rows(data, "id-news"):
        yield _page(data, "id-news", row, str(row.get("lang") or "") or None)
    zyte = sorted(_rows(data, "zyte"), key=lambda r: str(r["id"]))
    by_lang: dict[str, list[dict[str, object]]] = {}
    for row in zyte:
        lang = py3langid.classify(str(row["text"]))[0]
        by_lang.setdefault(lang, []).append(row)
    picked: list[tuple[str, dict[str, object]]] = []
    while len(picked) < ZYTE_PAGES and any(by_lang.values()):
        for lang in sorted(by_lang, key=lambda k: (k != "en", k)):
            if by_lang[lang] and len(picked) < ZYTE_PAGES:
                picked.append((lang, by_lang[lang].pop(0)))
    for lang, row in picked:
        yield _page(data, "zyte", row, lang)
    web = sorted(_rows(data, "web-eval"), key=lambda r: str(r["id"]))
    for lang in WEB_EVAL_LANGS:
        rows = [r for r in web if r.get("lang") == lang and r.get("with")]
        rows = rows or [r for r in web if r.get("lang") == lang]
        if rows:
            yield _page(data, "web-eval", rows[0], lang)


def charset(body: bytes) -> str | None:
    """The charset a server would have sent, when the bytes tell it for sure."""
    try:
        body.decode("ascii")
    except UnicodeDecodeError:
        pass
    else:
        match = _META_CHARSET.search(body[:4096])
        return match.group(1).decode().lower() if match else None
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        match = _META_CHARSET.search(body[:4096])
        return match.group(1).decode().lower() if match else None
    return "utf-8"


def _record_id(key: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}>"


def _response(
    writer: WARCWriter, url: str, content_type: str, body: bytes, key: str | None = None
) -> None:
    headers = [
        ("Content-Type", content_type),
        ("Content-Length", str(len(body))),
        ("Date", HTTP_DATE),
    ]
    http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
    warc_headers = {"WARC-Date": WARC_DATE, "WARC-Record-ID": _record_id(key or url)}
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=http,
        warc_headers_dict=warc_headers,
    )
    writer.write_record(record)


def _request(writer: WARCWriter, url: str) -> None:
    host = url.split("/")[2]
    http = StatusAndHeaders(
        "GET /" + url.split("/", 3)[3] + " HTTP/1.1",
        [("Host", host), ("User-Agent", "warta-sample-builder")],
        is_http_request=True,
    )
    warc_headers = {"WARC-Date": WARC_DATE, "WARC-Record-ID": _record_id("request:" + url)}
    record = writer.create_warc_record(
        url,
        "request",
        payload=io.BytesIO(b""),
        http_headers=http,
        warc_headers_dict=warc_headers,
    )
    writer.write_record(record)


# A 1x1 transparent PNG: a real image, so the reader's type filter is what skips it.
_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def build(data: Path, out: Path) -> list[Page]:
    pages = list(choose(data))
    out.mkdir(parents=True, exist_ok=True)
    with (out / "sample.warc.gz").open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        info = {"software": "warta scripts/build_sample.py", "format": "WARC File Format 1.1"}
        record = writer.create_warcinfo_record("sample.warc.gz", info)
        record.rec_headers.replace_header("WARC-Date", WARC_DATE)
        record.rec_headers.replace_header("WARC-Record-ID", _record_id("warcinfo"))
        writer.write_record(record)
        _request(writer, pages[0].url)
        for index, page in enumerate(pages):
            enc = charset(page.body)
            ctype = f"text/html; charset={enc}" if enc else "text/html"
            _response(writer, page.url, ctype, page.body)
            if index == 1:  # non-page records among the pages, as in a real crawl
                robots = "/".join(page.url.split("/")[:3]) + "/robots.txt"
                _response(writer, robots, "text/plain", b"User-agent: *\nDisallow:\n")
            if index == 2:
                image = "/".join(page.url.split("/")[:3]) + "/favicon.png"
                _response(writer, image, "image/png", _PNG)
    (out / "SOURCE.md").write_text(source_md(pages), encoding="utf-8")
    return pages


def source_md(pages: list[Page]) -> str:
    lines = [
        "# sample.warc.gz",
        "",
        f"{len(pages)} real pages as WARC/1.0 response records (gzip, one member per record),",
        "written by `scripts/build_sample.py` from the evaluation sets in `shared/data`.",
        "Each page keeps its original URL and its original bytes; the HTTP headers are made up:",
        "`Content-Type` is `text/html` with the charset only where the bytes make it certain",
        "(valid UTF-8, or a `<meta charset>`), and `WARC-Date` is a fixed stand-in",
        f"({WARC_DATE}), not the time the page was first crawled.",
        "",
        "Also inside, to show readers skip them: a warcinfo record, one request record,",
        "a text/plain robots.txt response and an image/png response.",
        "",
        "Licences: " + "; ".join(f"`{k}`: {v}" for k, v in LICENCES.items()) + ".",
        "",
        "| dataset | id | lang | url | upstream |",
        "|---|---|---|---|---|",
    ]
    for page in pages:
        cells = (page.dataset, page.page_id, page.lang or "", page.url, page.upstream)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "warta" / "data" / "sample")
    args = parser.parse_args()
    pages = build(args.data, args.out)
    size = (args.out / "sample.warc.gz").stat().st_size
    print(f"{len(pages)} pages, {size} bytes -> {args.out / 'sample.warc.gz'}")


if __name__ == "__main__":
    main()
