"""WARC files, local or remote, gzipped or not: their HTML responses as RawRecords.

Errors never stop the file: a record that cannot be read is yielded with ``error`` set and
reading carries on at the next record that can (the next gzip member, or the next record
fastwarc resynchronises on). A file that ends in the middle of a record ends the stream.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Generator, Iterator
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from warta.ingest.limits import DEFAULT_MAX_BYTES, GZIP_MAGIC
from warta.ingest.payload import Skip, http_response_record, parse_date
from warta.ingest.record import RawRecord
from warta.ingest.stats import LOG, IngestStats

_MEMBER = GZIP_MAGIC + b"\x08"  # gzip magic plus the deflate method byte
_SCAN = 1 << 20
_MAX_MEMBER = 256 * 1024 * 1024  # a member bigger than this is not worth recovering


def reader_of(read: Callable[[int], bytes]) -> Callable[[int], bytes]:
    """Make ``read(n)`` return exactly n bytes unless the stream ends first."""

    def read_exact(size: int) -> bytes:
        parts, got = [], 0
        while got < size:
            part = read(size - got)
            if not part:
                break
            parts.append(part)
            got += len(part)
        return b"".join(parts)

    return read_exact


def target_uri(record: WarcRecord) -> str | None:
    uri = record.headers.get("WARC-Target-URI")
    return uri.strip().strip("<>") if uri else None


def _find(stream: BinaryIO, start: int, marker: bytes, valid: Callable[[int], bool]) -> int | None:
    """Offset of the next ``marker`` at or after ``start`` for which ``valid(offset)`` holds."""
    pos = start
    while True:
        stream.seek(pos)
        window = stream.read(_SCAN)
        found = window.find(marker)
        while found >= 0:
            if valid(pos + found):
                return pos + found
            found = window.find(marker, found + 1)
        if len(window) < _SCAN:
            return None
        pos += len(window) - len(marker)


def _find_member(stream: BinaryIO, start: int, valid: bool) -> int | None:
    """Offset of the next gzip member header at or after ``start`` (that opens a whole record)."""
    return _find(stream, start, _MEMBER, (lambda at: _opens_record(stream, at)) if valid else _any)


def _find_plain_record(stream: BinaryIO, start: int) -> int | None:
    """Offset of the next line that opens a WARC record in an uncompressed file."""

    def at_line_start(offset: int) -> bool:
        if offset == 0:
            return True
        stream.seek(offset - 1)
        return stream.read(1) == b"\n"

    return _find(stream, start, b"WARC/1.", at_line_start)


def _any(offset: int) -> bool:
    return True


def _opens_record(stream: BinaryIO, offset: int) -> bool:
    """True when the gzip member at ``offset`` inflates cleanly and starts a WARC record."""
    stream.seek(offset)
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    first = b""
    inflated = 0
    try:
        while not inflater.eof and inflated <= _MAX_MEMBER:
            data = stream.read(1 << 16)
            if not data:
                return False
            while data and inflated <= _MAX_MEMBER:
                out = inflater.decompress(data, 1 << 20)
                data = inflater.unconsumed_tail
                inflated += len(out)
                first = first or out[:5]
                if inflater.eof:
                    break
    except zlib.error:
        return False
    return inflater.eof and first.startswith(b"WARC/")


class WarcSource:
    """The HTML ``response`` records of one WARC file.

    ``origin`` of each record is ``warc:<name>#<offset>``, the record's byte offset in the
    (compressed) file. ``stats`` counts what was skipped (non-response records, non-HTML
    responses) and lost (yielded with ``error``).
    """

    def __init__(
        self,
        stream: BinaryIO,
        name: str,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        skip: Callable[[str], bool] | None = None,
    ) -> None:
        self._stream = stream
        self._name = name
        self._max_bytes = max_bytes
        self._skip = skip
        self.stats = IngestStats()

    def _origin(self, offset: int) -> str:
        return f"warc:{self._name}#{offset}"

    def _lost(self, offset: int, reason: str) -> RawRecord:
        LOG.warning("%s: %s", self._origin(offset), reason)
        self.stats.errors += 1
        return RawRecord(None, b"", self._origin(offset), {}, None, reason)

    def __iter__(self) -> Iterator[RawRecord]:
        seekable = self._stream.seekable()
        start = self._stream.tell() if seekable else 0
        gzipped = seekable and self._peek(2) == GZIP_MAGIC
        while True:
            last = yield from self._run(start)
            if last is None:
                return
            # The stream broke after the record at ``last``: skip to the next sound record.
            if not seekable:
                yield self._lost(last + 1, "The stream is corrupt here; reading stopped.")
                return
            if gzipped:
                bad = _find_member(self._stream, last + 1, valid=False)
                resume = _find_member(self._stream, last + 1, valid=True)
            else:
                bad, resume = None, _find_plain_record(self._stream, last + 1)
            where = last + 1 if bad is None else bad
            if resume is None:
                yield self._lost(where, "The file is corrupt or truncated here; reading stopped.")
                return
            yield self._lost(where, f"Corrupt data from byte {where} to {resume} was skipped.")
            start = resume

    def _peek(self, size: int) -> bytes:
        pos = self._stream.tell()
        data = self._stream.read(size)
        self._stream.seek(pos)
        return data

    def _run(self, start: int) -> Generator[RawRecord, None, int | None]:
        """Read from ``start``; None at a clean end, else the offset of the last record seen."""
        if self._stream.seekable():
            self._stream.seek(start)
        last = start
        try:
            for record in ArchiveIterator(self._stream, parse_http=False):
                last = record.stream_pos
                item = self._record(record)
                if item is not None:
                    yield item
        except OSError as exc:
            LOG.warning("%s: reading failed after byte %d: %s", self._name, last, exc)
            return last
        return None

    def _record(self, record: WarcRecord) -> RawRecord | None:
        if record.record_type != WarcRecordType.response:
            self.stats.skip(f"{record.record_type} record")
            return None
        origin = self._origin(record.stream_pos)
        if self._skip is not None and self._skip(origin):
            self.stats.skip("already done")
            return None
        try:
            item = http_response_record(
                origin=origin,
                url=target_uri(record),
                crawled_at=parse_date(record.headers.get("WARC-Date")),
                read=reader_of(record.reader.read),
                length=record.content_length,
                max_bytes=self._max_bytes,
            )
        except Skip as why:
            self.stats.skip(str(why))
            return None
        if item.error:
            LOG.warning("%s: %s", origin, item.error)
            self.stats.errors += 1
        else:
            self.stats.yielded += 1
        return item
