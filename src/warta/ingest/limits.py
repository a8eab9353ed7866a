"""Decompression with a ceiling: a few kilobytes of gzip or brotli must not become gigabytes."""

from __future__ import annotations

import zlib
from collections.abc import Iterable

import brotli

from warta.errors import InputError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # the most a page may weigh once decompressed
GZIP_MAGIC = b"\x1f\x8b"


class TooLargeError(InputError):
    """Data grew past the allowed size while being read or decompressed."""


class _Zlib:
    """Incremental zlib/gzip/deflate with bounded output per call."""

    def __init__(self, wbits: int) -> None:
        self._wbits = wbits
        self._obj = zlib.decompressobj(wbits)

    def feed(self, data: bytes, room: int) -> bytes:
        out = bytearray()
        while data or self._obj.unconsumed_tail:
            chunk = self._obj.decompress(data or self._obj.unconsumed_tail, room - len(out) + 1)
            data = b""
            out += chunk
            if len(out) > room:
                break
            if self._obj.eof and self._obj.unused_data and self._wbits & 16:
                # Concatenated gzip members are one stream (RFC 1952 section 2.2).
                data = self._obj.unused_data
                self._obj = zlib.decompressobj(self._wbits)
            elif not chunk and not self._obj.unconsumed_tail:
                break
        return bytes(out)

    @property
    def finished(self) -> bool:
        return self._obj.eof


class _Brotli:
    def __init__(self) -> None:
        self._obj = brotli.Decompressor()

    def feed(self, data: bytes, room: int) -> bytes:
        out = bytearray(self._obj.process(data, output_buffer_limit=room + 1))
        while len(out) <= room and not self._obj.can_accept_more_data():
            out += self._obj.process(b"", output_buffer_limit=room - len(out) + 1)
        return bytes(out)

    @property
    def finished(self) -> bool:
        return bool(self._obj.is_finished())


class _Identity:
    finished = True

    def feed(self, data: bytes, room: int) -> bytes:
        return data


_Codec = _Zlib | _Brotli | _Identity


def _codec(encoding: str) -> _Codec:
    name = encoding.strip().lower()
    if name in ("gzip", "x-gzip"):
        return _Zlib(16 + zlib.MAX_WBITS)
    if name == "deflate":
        return _Zlib(32 + zlib.MAX_WBITS)  # zlib or gzip header, detected
    if name == "br":
        return _Brotli()
    if name in ("", "identity", "none"):
        return _Identity()
    raise InputError(f"The content encoding {encoding!r} is not supported.")


class BoundedDecoder:
    """Undo a Content-Encoding chain ("gzip", "br", "gzip, br") chunk by chunk, up to ``limit``.

    Raises :class:`TooLargeError` as soon as the output passes the limit, and
    :class:`InputError` when the data is not valid for its encoding.
    """

    def __init__(self, encoding: str | None, limit: int = DEFAULT_MAX_BYTES) -> None:
        names = [part for part in (encoding or "").split(",") if part.strip()]
        # Encodings are listed in the order they were applied, so undo them in reverse.
        self._codecs = [_codec(name) for name in reversed(names)]
        self._limit = limit
        self._size = 0

    def feed(self, data: bytes) -> bytes:
        for codec in self._codecs:
            try:
                data = codec.feed(data, self._limit - self._size)
            except (zlib.error, brotli.error) as exc:
                raise InputError(f"The compressed data is corrupt ({exc}).") from exc
        self._size += len(data)
        if self._size > self._limit:
            raise TooLargeError(f"The data inflates to more than {self._limit} bytes.")
        return data

    @property
    def finished(self) -> bool:
        """True when every compressed layer reached its end marker."""
        return all(codec.finished for codec in self._codecs)


def decompress(data: bytes, encoding: str | None, limit: int = DEFAULT_MAX_BYTES) -> bytes:
    """Decode ``data`` in one go with the same ceiling as :class:`BoundedDecoder`."""
    return BoundedDecoder(encoding, limit).feed(data)


def read_limited(chunks: Iterable[bytes], limit: int) -> bytes:
    """Join chunks, refusing to hold more than ``limit`` bytes."""
    out = bytearray()
    for chunk in chunks:
        out += chunk
        if len(out) > limit:
            raise TooLargeError(f"The data is larger than {limit} bytes.")
    return bytes(out)
