"""Turn one archived HTTP response into a RawRecord, or say why it is not a page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from warta.errors import InputError
from warta.ingest.httpmsg import decode_payload, is_html, media_type, parse_head
from warta.ingest.limits import DEFAULT_MAX_BYTES, TooLargeError
from warta.ingest.record import RawRecord

HEAD_BYTES = 64 * 1024  # enough for any sane HTTP header block


class Skip(Exception):
    """The archived response is not a page (not HTML, not a success): count it, yield nothing."""


def parse_date(text: str | None) -> datetime | None:
    """A WARC-Date (ISO 8601, usually with a trailing Z); None when absent or malformed."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        return None


def _truncated(got: int, length: int) -> str:
    return f"The archived record is truncated ({got} of {length} bytes): the file ends here."


def http_response_record(
    *,
    origin: str,
    url: str | None,
    crawled_at: datetime | None,
    read: Callable[[int], bytes],
    length: int,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> RawRecord:
    """Read an HTTP response block of ``length`` bytes through ``read``.

    Raises :class:`Skip` for responses that are not HTML pages, and returns a record with
    ``error`` set when the block is malformed, truncated or too large.
    """

    def failed(reason: str) -> RawRecord:
        return RawRecord(url, b"", origin, {}, crawled_at, reason)

    head = read(min(length, HEAD_BYTES))
    if len(head) < min(length, HEAD_BYTES):
        return failed(_truncated(len(head), length))
    if not head.startswith(b"HTTP/"):
        raise Skip("response record without an HTTP message")
    try:
        parsed = parse_head(head)
    except InputError as exc:
        return failed(f"The archived HTTP response is malformed: {exc}")
    headers = parsed.headers
    if not 200 <= parsed.status < 300:
        raise Skip(f"HTTP status {parsed.status}")
    declared = media_type(headers)
    if declared and not is_html(headers, b""):
        raise Skip(f"not HTML ({declared})")
    if length - parsed.size > max_bytes:
        return failed(f"The archived page is larger than the limit of {max_bytes} bytes.")
    block = head + read(length - len(head)) if length > len(head) else head
    if len(block) < length:
        return failed(_truncated(len(block), length))
    try:
        body = decode_payload(headers, block[parsed.size :], max_bytes)
    except TooLargeError:
        return failed(f"The archived page inflates to more than {max_bytes} bytes.")
    except InputError as exc:
        return failed(f"The archived page could not be decoded: {exc}")
    if not declared and not is_html(headers, body):
        raise Skip("not HTML (sniffed, no Content-Type)")
    return RawRecord(url, body, origin, headers, crawled_at)
