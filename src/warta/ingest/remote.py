"""A large remote file (a WARC) read as a stream: never held whole in memory."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO
from urllib.parse import urljoin

import httpx

from warta.errors import FetchError
from warta.ingest.netguard import check_url_sync
from warta.ingest.options import FetchOptions
from warta.ingest.stats import LOG


class _ResponseReader(io.RawIOBase):
    """File-like view of a streamed httpx response that counts its position."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._buffer = b""
        self._pos = 0

    def readable(self) -> bool:
        return True

    def readinto(self, target: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._buffer:
            try:
                self._buffer = next(self._chunks)
            except StopIteration:
                return 0
            except httpx.HTTPError as exc:
                # End the stream here, as a truncated file would end: readers then report the
                # record cut short, after yielding every record that arrived whole.
                LOG.warning("The download broke off after %d bytes: %s", self._pos, exc)
                self._chunks = iter(())
                return 0
        size = min(len(target), len(self._buffer))
        target[:size] = self._buffer[:size]
        self._buffer = self._buffer[size:]
        self._pos += size
        return size

    def tell(self) -> int:
        return self._pos


@contextmanager
def open_url(url: str, options: FetchOptions | None = None) -> Iterator[BinaryIO]:
    """Stream ``url``'s raw bytes (no content decoding), checking every address on the way."""
    opts = options or FetchOptions()
    timeout = httpx.Timeout(opts.timeout, connect=opts.connect_timeout)
    headers = {"User-Agent": opts.user_agent}
    with httpx.Client(timeout=timeout, headers=headers, follow_redirects=False) as client:
        for _ in range(opts.max_redirects + 1):
            check_url_sync(url, opts.address_policy)
            try:
                with client.stream("GET", url) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    if response.status_code != 200:
                        raise FetchError(f"{url} answered HTTP {response.status_code}.")
                    reader = _ResponseReader(response.iter_raw())
                    yield io.BufferedReader(reader, 1 << 16)
                    return
            except httpx.HTTPError as exc:
                raise FetchError(f"Could not download {url}: {exc}.") from exc
        raise FetchError(f"Too many redirects while downloading {url}.")
