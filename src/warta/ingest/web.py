"""Sources that go through the fetcher: URL lists, single URLs, feeds and sitemaps."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from warta.errors import InputError, ParseError
from warta.ingest.feeds import FeedDocument, FeedEntry, looks_like_feed, parse_feed
from warta.ingest.fetch import Fetcher
from warta.ingest.httpmsg import is_html, media_type
from warta.ingest.limits import DEFAULT_MAX_BYTES
from warta.ingest.netguard import host_and_port
from warta.ingest.options import FetchOptions
from warta.ingest.record import RawRecord
from warta.ingest.stats import LOG, IngestStats

MAX_SITEMAPS = 1000  # child sitemaps read from one index tree
MAX_DEPTH = 3  # index -> index -> sitemap is already unusual
# Headers added to pages found through a feed, carrying what the feed said about them.
FEED_TITLE = "x-warta-feed-title"
FEED_PUBLISHED = "x-warta-feed-published"
FEED_LASTMOD = "x-warta-feed-lastmod"


def read_url_list(text: str) -> Iterator[tuple[int, str]]:
    """(line number, URL) for each non-blank line that is not a # comment."""
    for number, line in enumerate(text.splitlines(), start=1):
        item = line.strip()
        if item and not item.startswith("#"):
            yield number, item


def valid_url(url: str) -> str | None:
    """Why ``url`` cannot be fetched, or None."""
    try:
        host_and_port(url)
    except InputError as exc:
        return str(exc)
    return None


class _WebSource:
    """Shared plumbing: a fetcher (given, or made and closed here), stats and the skip test."""

    def __init__(
        self,
        *,
        fetcher: Fetcher | None = None,
        options: FetchOptions | None = None,
        skip: Callable[[str], bool] | None = None,
    ) -> None:
        self._fetcher = fetcher
        self._options = options
        self._skip = skip
        self.stats = IngestStats()

    @contextmanager
    def _fetching(self) -> Iterator[Fetcher]:
        if self._fetcher is not None:
            yield self._fetcher
            return
        with Fetcher(self._options) as fetcher:
            yield fetcher

    def _wanted(self, origin: str) -> bool:
        if self._skip is not None and self._skip(origin):
            self.stats.skip("already done")
            return False
        return True

    def _fail(self, origin: str, reason: str, url: str | None = None) -> RawRecord:
        LOG.warning("%s: %s", origin, reason)
        self.stats.errors += 1
        return RawRecord(url, b"", origin, {}, None, reason)

    def _page(self, record: RawRecord) -> RawRecord:
        """Count a fetched record; a body that is not HTML becomes an error record."""
        if record.error is None and record.body and not is_html(dict(record.headers), record.body):
            kind = media_type(dict(record.headers)) or "unknown type"
            record = replace(record, body=b"", error=f"{record.url} is not an HTML page ({kind}).")
        if record.error is not None:
            self.stats.errors += 1
        else:
            self.stats.yielded += 1
        return record

    def _fetch_pages(
        self, fetcher: Fetcher, items: Iterable[tuple[str, str]]
    ) -> Iterator[RawRecord]:
        for record in fetcher.fetch_all(items):
            yield self._page(record)


class UrlListSource(_WebSource):
    """A text file of URLs, one a line (# comments); each page's origin is ``url:<url>``."""

    def __init__(
        self,
        path: str | Path,
        *,
        fetcher: Fetcher | None = None,
        options: FetchOptions | None = None,
        skip: Callable[[str], bool] | None = None,
    ) -> None:
        super().__init__(fetcher=fetcher, options=options, skip=skip)
        self._path = Path(path).expanduser().resolve()

    def __iter__(self) -> Iterator[RawRecord]:
        try:
            text = self._path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            yield self._fail(f"file:{self._path}", f"Could not read {self._path}: {exc}.")
            return
        with self._fetching() as fetcher:
            yield from self._fetch_pages(fetcher, self._items(text))

    def _items(self, text: str) -> Iterator[tuple[str, str]]:
        for number, url in read_url_list(text):
            origin = f"url:{url}"
            if not self._wanted(origin):
                continue
            reason = valid_url(url)
            if reason is not None:
                # Not fetched; reported through the stats and the log, line by line.
                LOG.warning("%s line %d: %s", self._path, number, reason)
                self.stats.skip("not an http(s) URL")
                continue
            yield url, origin


class FeedSource(_WebSource):
    """The pages an RSS/Atom feed or a sitemap (index) lists, fetched.

    ``location`` is a URL or a local file. The document itself is reported only when it
    fails (one error record with origin ``feed:<location>``).
    """

    def __init__(
        self,
        location: str,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        document: bytes | None = None,
        fetcher: Fetcher | None = None,
        options: FetchOptions | None = None,
        skip: Callable[[str], bool] | None = None,
    ) -> None:
        super().__init__(fetcher=fetcher, options=options, skip=skip)
        self._location = location
        self._max_bytes = max_bytes
        self._document = document  # already fetched (by UrlSource's sniffing)
        self.sitemaps_read = 0

    def __iter__(self) -> Iterator[RawRecord]:
        with self._fetching() as fetcher:
            yield from self._walk(fetcher, self._location, self._document, 0, set())

    def _walk(
        self, fetcher: Fetcher, location: str, data: bytes | None, depth: int, seen: set[str]
    ) -> Iterator[RawRecord]:
        """Fetch one document's pages (each URL once over the whole tree), then its children.

        Pages are fetched document by document, so a big sitemap index is never held whole.
        """
        origin = f"feed:{location}"
        try:
            document = self._load(fetcher, location, data)
        except (InputError, ParseError) as exc:
            yield self._fail(origin, f"{location}: {exc}")
            return
        self.sitemaps_read += 1
        entries: dict[str, FeedEntry] = {}
        for entry in document.entries:
            if valid_url(entry.url) is not None:
                self.stats.skip("not an http(s) URL")
            elif entry.url not in seen:
                seen.add(entry.url)
                entries[entry.url] = entry
        items = ((url, f"url:{url}") for url in entries if self._wanted(f"url:{url}"))
        for record in self._fetch_pages(fetcher, items):
            yield _with_feed_headers(record, entries.get(record.origin[4:]))
        for child in document.sitemaps:
            if depth >= MAX_DEPTH or self.sitemaps_read >= MAX_SITEMAPS:
                yield self._fail(f"feed:{child}", "Sitemap index too deep or too large; skipped.")
                continue
            yield from self._walk(fetcher, child, None, depth + 1, seen)

    def _load(self, fetcher: Fetcher, location: str, data: bytes | None) -> FeedDocument:
        if data is None:
            data = self._read(fetcher, location)
        return parse_feed(data, self._max_bytes)

    def _read(self, fetcher: Fetcher, location: str) -> bytes:
        if location.startswith(("http://", "https://")):
            record = fetcher.fetch(location, origin=f"feed:{location}")
            if record.error is not None:
                raise InputError(record.error)
            return record.body
        path = Path(location).expanduser()
        try:
            with path.open("rb") as handle:
                return handle.read(self._max_bytes + 1)
        except OSError as exc:
            raise InputError(f"Could not read {path}: {exc.strerror or exc}.") from exc


def _with_feed_headers(record: RawRecord, entry: FeedEntry | None) -> RawRecord:
    if entry is None:
        return record
    extra = {
        FEED_TITLE: entry.title,
        FEED_PUBLISHED: entry.published.isoformat() if entry.published else None,
        FEED_LASTMOD: entry.lastmod.isoformat() if entry.lastmod else None,
    }
    added = {k: v for k, v in extra.items() if v is not None}
    return replace(record, headers={**record.headers, **added}) if added else record


class UrlSource(_WebSource):
    """One http(s) URL: a page, or a feed/sitemap (sniffed from the answer) whose pages follow."""

    def __init__(
        self,
        url: str,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        fetcher: Fetcher | None = None,
        options: FetchOptions | None = None,
        skip: Callable[[str], bool] | None = None,
    ) -> None:
        super().__init__(fetcher=fetcher, options=options, skip=skip)
        self._url = url
        self._max_bytes = max_bytes

    def __iter__(self) -> Iterator[RawRecord]:
        origin = f"url:{self._url}"
        if not self._wanted(origin):
            return
        with self._fetching() as fetcher:
            record = fetcher.fetch(self._url, origin=origin)
            if record.error is None and _is_feed(record):
                feed = FeedSource(
                    self._url,
                    max_bytes=self._max_bytes,
                    document=record.body,
                    fetcher=fetcher,
                    skip=self._skip,
                )
                yield from feed
                self.stats.merge(feed.stats)
                return
            yield self._page(record)


def _is_feed(record: RawRecord) -> bool:
    kind = media_type(dict(record.headers))
    if kind.endswith(("xml", "rss", "atom")) and "html" not in kind:
        return True
    return kind in ("", "application/gzip", "application/x-gzip") and looks_like_feed(record.body)
