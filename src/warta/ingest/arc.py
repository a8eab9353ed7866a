"""ARC files (the Internet Archive's format before WARC), read with warcio since fastwarc cannot."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import BinaryIO

from warta.errors import InputError
from warta.ingest.limits import DEFAULT_MAX_BYTES
from warta.ingest.payload import Skip, http_response_record, parse_date
from warta.ingest.record import RawRecord
from warta.ingest.stats import LOG, IngestStats
from warta.ingest.warc import reader_of


class ArcSource:
    """The HTML responses of one ARC file; origins are ``arc:<name>#<offset>``.

    Unlike :class:`~warta.ingest.warc.WarcSource`, reading stops at the first corrupt
    record (one error record says where): warcio cannot resynchronise. Give gzipped files
    already decompressed (``gzip.open``): offsets are then in the uncompressed stream.
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

    def __iter__(self) -> Iterator[RawRecord]:
        try:  # warcio is only needed for ARC, the old format: import it when one is read
            from warcio.archiveiterator import ArchiveIterator
            from warcio.exceptions import ArchiveLoadFailed
        except ImportError as exc:
            raise InputError("Reading ARC files needs warcio: pip install warcio.") from exc
        records = ArchiveIterator(self._stream, no_record_parse=True, arc2warc=True)
        offset = 0
        try:
            for record in records:
                offset = int(records.offset)  # get_record_offset() would consume the record
                item = self._record(record, f"arc:{self._name}#{offset}")
                if item is not None:
                    yield item
        except (ArchiveLoadFailed, OSError, ValueError, EOFError) as exc:
            reason = f"The ARC file is corrupt or truncated after byte {offset}: {exc}"
            LOG.warning("%s: %s", self._name, reason)
            self.stats.errors += 1
            yield RawRecord(None, b"", f"arc:{self._name}#{offset}+", {}, None, reason)

    def _record(self, record: object, origin: str) -> RawRecord | None:
        rec_type = getattr(record, "rec_type", "")
        if rec_type != "response":
            self.stats.skip(f"{rec_type} record")
            return None
        if self._skip is not None and self._skip(origin):
            self.stats.skip("already done")
            return None
        warc_headers = record.rec_headers  # type: ignore[attr-defined]
        try:
            item = http_response_record(
                origin=origin,
                url=warc_headers.get_header("WARC-Target-URI"),
                crawled_at=parse_date(warc_headers.get_header("WARC-Date")),
                read=reader_of(record.raw_stream.read),  # type: ignore[attr-defined]
                length=int(record.length),  # type: ignore[attr-defined]
                max_bytes=self._max_bytes,
            )
        except Skip as why:
            self.stats.skip(str(why))
            return None
        if item.error:
            self.stats.errors += 1
        else:
            self.stats.yielded += 1
        return item
