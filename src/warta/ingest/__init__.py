"""Sources of raw pages: files, URL lists, WARC/ARC files, feeds, sitemaps and the web.

Every source is an iterable of :class:`RawRecord` with a ``stats`` attribute
(:class:`IngestStats`). How problems surface:

- a page the source could not deliver (unreadable file, corrupt or truncated WARC record,
  page over the size limit, fetch failure, robots.txt refusal, non-public address, feed
  that cannot be parsed) is YIELDED as a record with ``error`` set, so every input of a run
  ends with a status; it is also counted in ``stats.errors`` and logged on "warta.ingest";
- what is read but is not a page (WARC request/metadata records, images, 404 responses,
  inputs ``skip`` says are done) is only COUNTED, by reason, in ``stats.skipped``.

``origin`` names each input stably, for resuming: ``file:<abs path>``,
``warc:<abs path or URL>#<record offset>``, ``arc:...#<offset>``, ``url:<requested URL>``,
``feed:<location>`` (a feed that failed).
"""

from warta.ingest.arc import ArcSource
from warta.ingest.detect import ArchiveSource, Source, detect_source, kind_of
from warta.ingest.feeds import FeedDocument, FeedEntry, parse_feed
from warta.ingest.fetch import (
    AsyncFetcher,
    Fetcher,
    FetchOptions,
    MemoryValidatorCache,
    ValidatorCache,
    Validators,
    fetch_one,
    not_modified,
)
from warta.ingest.files import FileSource
from warta.ingest.record import RawRecord
from warta.ingest.stats import IngestStats
from warta.ingest.warc import WarcSource
from warta.ingest.web import FeedSource, UrlListSource, UrlSource

__all__ = [
    "ArcSource",
    "ArchiveSource",
    "AsyncFetcher",
    "FeedDocument",
    "FeedEntry",
    "FeedSource",
    "FetchOptions",
    "Fetcher",
    "FileSource",
    "IngestStats",
    "MemoryValidatorCache",
    "RawRecord",
    "Source",
    "UrlListSource",
    "UrlSource",
    "ValidatorCache",
    "Validators",
    "WarcSource",
    "detect_source",
    "fetch_one",
    "kind_of",
    "not_modified",
    "parse_feed",
]
