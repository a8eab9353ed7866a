"""Pick the right source for a command-line argument: a path, a glob, a folder or a URL."""

from __future__ import annotations

import glob
import gzip
import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, Protocol
from urllib.parse import urlsplit

from warta.errors import InputError
from warta.ingest.arc import ArcSource
from warta.ingest.feeds import looks_like_feed
from warta.ingest.fetch import Fetcher
from warta.ingest.files import FileSource, is_html_path
from warta.ingest.httpmsg import looks_like_html
from warta.ingest.limits import DEFAULT_MAX_BYTES, GZIP_MAGIC
from warta.ingest.options import FetchOptions
from warta.ingest.record import RawRecord
from warta.ingest.remote import open_url
from warta.ingest.stats import LOG, IngestStats
from warta.ingest.warc import WarcSource
from warta.ingest.web import FeedSource, UrlListSource, UrlSource

WARC_SUFFIXES = (".warc", ".warc.gz")
ARC_SUFFIXES = (".arc", ".arc.gz")
FEED_SUFFIXES = (".xml", ".xml.gz", ".rss", ".atom")


class Source(Protocol):
    """What every source is: an iterable of RawRecords that keeps counts of what it did."""

    stats: IngestStats

    def __iter__(self) -> Iterator[RawRecord]: ...


def is_url(spec: str) -> bool:
    return spec.lower().startswith(("http://", "https://"))


def kind_of(spec: str) -> str:
    """The kind of input ``spec`` names: warc, arc, files, urls, feed or url (for http pages).

    Local files without a telling suffix are sniffed from their first bytes.
    """
    lower = spec.lower()
    path_part = urlsplit(spec).path.lower() if is_url(spec) else lower
    if path_part.endswith(WARC_SUFFIXES):
        return "warc"
    if path_part.endswith(ARC_SUFFIXES):
        return "arc"
    if is_url(spec):
        return "url"
    if glob.has_magic(spec) or os.path.isdir(os.path.expanduser(spec)):
        return "files"
    if is_html_path(lower):
        return "files"
    if lower.endswith(".txt"):
        return "urls"
    if lower.endswith(FEED_SUFFIXES):
        return "feed"
    return _sniff(Path(spec).expanduser())


def _sniff(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return "files"  # FileSource reports the unreadable path as an error record
    if head.startswith(GZIP_MAGIC):
        try:
            with gzip.open(path, "rb") as handle:
                head = handle.read(4096)
        except (OSError, EOFError):
            return "files"
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"filedesc://"):
        return "arc"
    if looks_like_feed(head):
        return "feed"
    if looks_like_html(head):
        return "files"
    first = head.lstrip().split(b"\n", 1)[0].strip().lower()
    return "urls" if first.startswith((b"http://", b"https://", b"#")) else "files"


class ArchiveSource:
    """A WARC or ARC file, local or remote (streamed), read record by record."""

    def __init__(
        self,
        location: str,
        *,
        kind: str = "warc",
        max_bytes: int = DEFAULT_MAX_BYTES,
        options: FetchOptions | None = None,
        skip: Callable[[str], bool] | None = None,
    ) -> None:
        self._location = location if is_url(location) else str(Path(location).resolve())
        self._kind = kind
        self._max_bytes = max_bytes
        self._options = options
        self._skip = skip
        self.stats = IngestStats()

    def __iter__(self) -> Iterator[RawRecord]:
        try:
            if is_url(self._location):
                with open_url(self._location, self._options) as stream:
                    yield from self._read(stream)
            else:
                with open(self._location, "rb") as stream:
                    yield from self._read(stream)
        except (InputError, OSError) as exc:
            reason = f"Could not read {self._location}: {exc}"
            LOG.warning("%s", reason)
            self.stats.errors += 1
            yield RawRecord(None, b"", f"{self._kind}:{self._location}", {}, None, reason)

    def _read(self, stream: BinaryIO) -> Iterator[RawRecord]:
        source: WarcSource | ArcSource
        if self._kind == "arc":
            if isinstance(stream, io.BufferedReader) and stream.peek(2)[:2] == GZIP_MAGIC:
                stream = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
            source = ArcSource(stream, self._location, max_bytes=self._max_bytes, skip=self._skip)
        else:
            source = WarcSource(stream, self._location, max_bytes=self._max_bytes, skip=self._skip)
        try:
            yield from source
        finally:
            self.stats.merge(source.stats)


def detect_source(
    spec: str,
    *,
    fetcher: Fetcher | None = None,
    options: FetchOptions | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    skip: Callable[[str], bool] | None = None,
) -> Source:
    """The source for one command-line input (see :func:`kind_of` for how it is chosen).

    Never raises for a bad input: a missing file or an unreachable URL comes out as a record
    with ``error`` set. ``skip(origin)`` true leaves an input out (already done in a resumed
    run) before it is read or fetched. Pages from the web go through ``fetcher`` (or one the
    source makes from ``options`` and closes when done).
    """
    kind = kind_of(spec)
    if kind in ("warc", "arc"):
        return ArchiveSource(spec, kind=kind, max_bytes=max_bytes, options=options, skip=skip)
    if kind == "files":
        return FileSource.from_spec(spec, max_bytes=max_bytes, skip=skip)
    if kind == "urls":
        return UrlListSource(spec, fetcher=fetcher, options=options, skip=skip)
    if kind == "feed":
        location = spec if is_url(spec) else str(Path(spec).expanduser().resolve())
        return FeedSource(
            location, max_bytes=max_bytes, fetcher=fetcher, options=options, skip=skip
        )
    return UrlSource(spec, max_bytes=max_bytes, fetcher=fetcher, options=options, skip=skip)
