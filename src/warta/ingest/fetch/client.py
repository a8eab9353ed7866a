"""The asynchronous fetcher: polite, bounded, and never raising for a network fault."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx

from warta.errors import FetchError, InputError
from warta.ingest.fetch.politeness import RETRY_STATUSES, HostPacer, backoff, retry_after
from warta.ingest.fetch.robots import MAX_ROBOTS_BYTES, RobotsCache
from warta.ingest.fetch.schedule import fetch_by_host
from warta.ingest.fetch.validators import ValidatorCache, Validators
from warta.ingest.limits import BoundedDecoder, TooLargeError
from warta.ingest.netguard import check_url
from warta.ingest.options import FetchOptions
from warta.ingest.record import RawRecord
from warta.ingest.stats import LOG

HTML_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
STATUS = ":status"  # pseudo-header carrying the HTTP status of a fetched record


@dataclass(slots=True)
class FetchStats:
    """What went over the wire. ``retries`` counts repeated attempts, not URLs."""

    requests: int = 0
    retries: int = 0
    redirects: int = 0
    not_modified: int = 0
    robots_disallowed: int = 0
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Response:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes


class AsyncFetcher:
    """Fetch URLs with httpx. Use ``async with AsyncFetcher(options) as fetcher``."""

    def __init__(
        self,
        options: FetchOptions | None = None,
        *,
        validators: ValidatorCache | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.options = options or FetchOptions()
        self.stats = FetchStats()
        self._validators = validators
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._pacer = HostPacer(self.options.delay)
        self._robots = RobotsCache(self.options.user_agent, self._robots_text)
        self._in_flight: asyncio.Semaphore | None = None

    async def __aenter__(self) -> AsyncFetcher:
        opts = self.options
        self._client = httpx.AsyncClient(
            transport=self._transport,
            timeout=httpx.Timeout(opts.timeout, connect=opts.connect_timeout),
            limits=httpx.Limits(max_connections=opts.concurrency),
            headers={"User-Agent": opts.user_agent, "Accept-Encoding": "gzip, deflate, br"},
            follow_redirects=False,
        )
        self._in_flight = asyncio.Semaphore(opts.concurrency)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def fetch(self, url: str, *, origin: str | None = None) -> RawRecord:
        """The page at ``url``; a fault becomes a record with ``error`` set, never an exception."""
        origin = origin or f"url:{url}"
        try:
            response = await self._follow(url, robots=self.options.obey_robots)
        except FetchError as exc:
            self.stats.errors += 1
            LOG.warning("%s: %s", origin, exc)
            return RawRecord(url, b"", origin, {}, _now(), str(exc))
        headers = {**response.headers, STATUS: str(response.status)}
        if response.status == 304:
            self.stats.not_modified += 1
            return RawRecord(response.url, b"", origin, headers, _now())
        if not 200 <= response.status < 300:
            self.stats.errors += 1
            reason = f"{response.url} answered HTTP {response.status}."
            return RawRecord(response.url, b"", origin, headers, _now(), reason)
        if self._validators is not None and (found := Validators.from_headers(headers)):
            self._validators.put(response.url, found)
        return RawRecord(response.url, response.body, origin, headers, _now())

    async def fetch_many(self, urls: Iterable[str]) -> AsyncIterator[RawRecord]:
        """Fetch many URLs, several hosts at once, yielding records as they complete."""
        async for record in fetch_by_host(self, urls, self.options.concurrency):
            yield record

    async def _follow(self, url: str, *, robots: bool) -> _Response:
        seen = {url}
        current = url
        for _ in range(self.options.max_redirects + 1):
            await check_url(current, self.options.address_policy)
            if robots and (refused := await self._robots.refusal(current)):
                self.stats.robots_disallowed += 1
                raise FetchError(refused)
            if robots and (delay := await self._robots.crawl_delay(current)) is not None:
                host = urlsplit(current).netloc
                self._pacer.set_delay(host, min(delay, self.options.max_crawl_delay))
            response = await self._with_retries(current)
            if response.status not in (301, 302, 303, 307, 308):
                return response
            location = response.headers.get("location")
            if not location:
                return response
            following = urljoin(current, location.strip())
            if following in seen:
                raise FetchError(f"Redirect loop: {current} leads back to {following}.")
            seen.add(following)
            self.stats.redirects += 1
            current = following
        raise FetchError(f"More than {self.options.max_redirects} redirects from {url}.")

    async def _with_retries(self, url: str) -> _Response:
        opts = self.options
        for attempt in range(opts.retries + 1):
            last = attempt == opts.retries
            try:
                response = await self._request(url)
            except (httpx.TimeoutException, TimeoutError) as exc:
                if last:
                    raise FetchError(f"{url} timed out ({opts.retries + 1} attempts).") from exc
                wait = backoff(attempt, opts.backoff)
            except httpx.TransportError as exc:
                if last:
                    raise FetchError(f"Could not fetch {url}: {_describe(exc)}.") from exc
                wait = backoff(attempt, opts.backoff)
            else:
                if response.status not in RETRY_STATUSES or last:
                    return response
                asked = retry_after(response.headers)
                wait = backoff(attempt, opts.backoff) if asked is None else asked
            self.stats.retries += 1
            await asyncio.sleep(min(wait, opts.max_retry_after))
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def _request(self, url: str) -> _Response:
        assert self._client is not None and self._in_flight is not None, "use 'async with'"
        headers = {"Accept": HTML_ACCEPT}
        cached = self._validators.get(url) if self._validators is not None else None
        if cached is not None:
            headers.update(cached.request_headers())
        async with self._pacer.turn(urlsplit(url).netloc), self._in_flight:
            self.stats.requests += 1
            async with asyncio.timeout(self.options.timeout):
                return await self._send(url, headers)

    async def _send(self, url: str, headers: dict[str, str]) -> _Response:
        assert self._client is not None
        async with self._client.stream("GET", url, headers=headers) as response:
            status = response.status_code
            self.stats.statuses[status] = self.stats.statuses.get(status, 0) + 1
            names = {k.lower(): v for k, v in response.headers.items()}
            if not 200 <= status < 300:
                return _Response(url, status, names, b"")
            self._check_before_download(url, names)
            body = await self._read_body(url, response, names.get("content-encoding"))
            return _Response(url, status, names, body)

    def _check_before_download(self, url: str, headers: dict[str, str]) -> None:
        """Refuse, before reading a byte of it, a body that is too big or cannot be a page."""
        kind = headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if not _may_be_page(kind):
            raise FetchError(f"{url} is {kind}, not a page, feed or sitemap; not downloaded.")
        declared = headers.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > self.options.max_bytes:
            raise FetchError(
                f"{url} is too large: it announces {declared} bytes, "
                f"the limit is {self.options.max_bytes}."
            )

    async def _read_body(self, url: str, response: httpx.Response, encoding: str | None) -> bytes:
        limit = self.options.max_bytes
        try:
            decoder = BoundedDecoder(encoding, limit)
            out = bytearray()
            received = 0
            async for chunk in response.aiter_raw():
                received += len(chunk)
                if received > limit:
                    raise TooLargeError(f"more than {limit} bytes were sent")
                out += decoder.feed(chunk)
        except TooLargeError as exc:
            raise FetchError(f"{url} is too large: {exc}.") from exc
        except InputError as exc:
            raise FetchError(f"{url} sent a body that cannot be decoded: {exc}") from exc
        return bytes(out)

    async def _robots_text(self, robots: str) -> tuple[int | None, str]:
        """robots.txt: (status, text), or (None, "") when it cannot be had."""
        try:
            response = await self._follow(robots, robots=False)
        except FetchError as exc:
            LOG.info("%s: %s", robots, exc)
            return None, str(exc).rstrip(".")
        return response.status, response.body[:MAX_ROBOTS_BYTES].decode("utf-8", "replace")


# Media types worth downloading: pages, feeds, sitemaps (XML, plain text, gzip) and the unknown.
_PAGE_TYPES = frozenset(
    {"", "application/gzip", "application/x-gzip", "application/octet-stream", "application/json"}
)


def _may_be_page(kind: str) -> bool:
    return kind in _PAGE_TYPES or kind.startswith("text/") or "xml" in kind or "html" in kind


def _describe(exc: httpx.TransportError) -> str:
    text = str(exc) or type(exc).__name__
    return text.rstrip(".")


def _now() -> datetime:
    return datetime.now(UTC)


def not_modified(record: RawRecord) -> bool:
    """True for a conditional re-fetch the server answered with 304 Not Modified."""
    return record.headers.get(STATUS) == "304"
