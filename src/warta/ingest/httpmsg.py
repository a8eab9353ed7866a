"""HTTP messages stored in archives: status line, headers, transfer and content codings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from warta.errors import InputError
from warta.ingest.limits import DEFAULT_MAX_BYTES, GZIP_MAGIC, decompress

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_STATUS_LINE = re.compile(rb"^HTTP/\d(?:\.\d)?\s+(\d{3})")
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S
)
_CHUNK_SIZE = re.compile(rb"([0-9a-fA-F]+)[ \t]*(?:;[^\r\n]*)?\r?\n")
_SNIFF_BYTES = 1024


@dataclass(frozen=True, slots=True)
class HttpHead:
    """A parsed status line and header block. Header names are lower-cased."""

    status: int
    headers: dict[str, str]
    size: int  # bytes taken by the status line, the headers and the blank line


def head_end(data: bytes) -> int:
    """Index just past the blank line ending the header block, or -1 if not in ``data``."""
    crlf, lf = data.find(b"\r\n\r\n"), data.find(b"\n\n")
    ends = [i + 4 for i in (crlf,) if i >= 0] + [i + 2 for i in (lf,) if i >= 0]
    return min(ends) if ends else -1


def parse_head(data: bytes) -> HttpHead:
    """Parse the HTTP response head at the start of ``data`` (raises InputError if malformed)."""
    end = head_end(data)
    if end < 0:
        raise InputError("The HTTP header block has no end.")
    lines = data[:end].decode("latin-1").splitlines()
    match = _STATUS_LINE.match(lines[0].encode("latin-1")) if lines else None
    if match is None:
        raise InputError("The HTTP status line is missing or malformed.")
    headers: dict[str, str] = {}
    name = ""
    for line in lines[1:]:
        if not line.strip():
            continue
        if line[0] in " \t" and name:  # obsolete line folding: a continuation of the last value
            headers[name] += " " + line.strip()
            continue
        name, sep, value = line.partition(":")
        if not sep:
            continue  # tolerate junk lines rather than lose the page
        name = name.strip().lower()
        value = value.strip()
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return HttpHead(int(match.group(1)), headers, end)


def media_type(headers: dict[str, str]) -> str:
    """The lower-cased media type of a Content-Type header, "" when absent."""
    return headers.get("content-type", "").split(";", 1)[0].strip().lower()


def looks_like_html(body: bytes) -> bool:
    """Sniff the first bytes of a payload whose type was not declared."""
    start = body[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf\x00\xfe\xff")
    return _HTML_START.match(start) is not None


def is_html(headers: dict[str, str], body_start: bytes) -> bool:
    """HTML by declaration, or by sniffing when no usable type is declared."""
    declared = media_type(headers)
    if declared in HTML_TYPES:
        return True
    if declared in ("", "application/octet-stream", "unknown/unknown"):
        return looks_like_html(body_start)
    return False


def dechunk(data: bytes) -> bytes:
    """Undo chunked transfer coding; data that is not validly chunked is returned unchanged.

    Some archivers store the payload already de-chunked but keep the header, hence the fallback.
    """
    out = bytearray()
    pos = 0
    while pos < len(data):
        match = _CHUNK_SIZE.match(data, pos)
        if match is None:
            return data if not out else bytes(out)
        size = int(match.group(1), 16)
        pos = match.end()
        if size == 0:
            return bytes(out)
        out += data[pos : pos + size]
        pos += size
        pos += 2 if data[pos : pos + 2] == b"\r\n" else (1 if data[pos : pos + 1] == b"\n" else 0)
    return bytes(out)


def decode_payload(headers: dict[str, str], raw: bytes, limit: int = DEFAULT_MAX_BYTES) -> bytes:
    """The payload as the page author wrote it: transfer and content codings undone, bounded."""
    body = raw
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = dechunk(body)
    encoding = headers.get("content-encoding", "").strip().lower()
    if encoding in ("", "identity", "none"):
        return body
    if encoding in ("gzip", "x-gzip") and not body.startswith(GZIP_MAGIC):
        return body  # stored already decoded though the header still says gzip
    try:
        return decompress(body, encoding, limit)
    except InputError:
        if looks_like_html(body):
            return body  # the header lied; the bytes are plain markup
        raise
