"""Spread many URLs over hosts: one worker per host, at most ``concurrency`` hosts at a time.

URLs are read lazily from the input into per-host queues (at most ``BUFFER`` held at once), so
a list sorted by host does not stall on one slow host while others wait.

The blocking facade hands input over through a :class:`Handover` instead of an iterator, so
that the caller's iterator (and whatever it calls, such as a SQLite "already done?" check) runs
in the caller's thread, never in the event loop's.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncGenerator, AsyncIterator, Iterable, Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from warta.ingest.record import RawRecord

if TYPE_CHECKING:
    from warta.ingest.fetch.client import AsyncFetcher

BUFFER = 1000

# An input item: a URL, or (URL, origin) when the caller names the origin itself.
UrlItem = str | tuple[str, str]


def _split(item: UrlItem) -> tuple[str, str]:
    return (item, f"url:{item}") if isinstance(item, str) else item


def _host(url: str) -> str:
    try:
        return urlsplit(url).netloc.lower()
    except ValueError:
        return ""


class Handover:
    """Input filled by another thread while the scheduler is paused (between two steps)."""

    def __init__(self) -> None:
        self.items: deque[UrlItem] = deque()
        self.closed = False  # no more items will come


class Scheduler:
    """Runs the fetches; :meth:`run` yields records, and None when it needs more input."""

    def __init__(
        self, fetcher: AsyncFetcher, items: Iterator[UrlItem] | Handover, concurrency: int
    ) -> None:
        self._fetcher = fetcher
        self._items = items
        self._concurrency = max(1, concurrency)
        self._queues: dict[str, deque[tuple[str, str]]] = {}
        self._workers: dict[str, asyncio.Task[None]] = {}
        self._results: asyncio.Queue[RawRecord] = asyncio.Queue()
        self._buffered = 0
        self._exhausted = False

    def _next_item(self) -> UrlItem | None:
        if isinstance(self._items, Handover):
            if self._items.items:
                return self._items.items.popleft()
            self._exhausted = self._items.closed
            return None
        try:
            return next(self._items)
        except StopIteration:
            self._exhausted = True
            return None

    def _fill(self) -> None:
        while not self._exhausted and self._buffered < BUFFER:
            item = self._next_item()
            if item is None:
                return
            url, origin = _split(item)
            self._queues.setdefault(_host(url), deque()).append((url, origin))
            self._buffered += 1

    def _start_workers(self) -> None:
        for host, queue in self._queues.items():
            if len(self._workers) >= self._concurrency:
                return
            if queue and host not in self._workers:
                self._workers[host] = asyncio.create_task(self._work(host))

    async def _work(self, host: str) -> None:
        queue = self._queues[host]
        while queue:
            url, origin = queue.popleft()
            await self._results.put(await self._fetcher.fetch(url, origin=origin))

    async def run(self) -> AsyncIterator[RawRecord | None]:
        try:
            while True:
                self._fill()
                self._start_workers()
                if not self._workers and self._results.empty():
                    if self._exhausted:
                        return
                    yield None  # idle: the caller must hand over more input
                    continue
                record = await self._next_result()
                if record is not None:
                    self._buffered -= 1
                    yield record
        finally:
            for task in self._workers.values():
                task.cancel()

    async def _next_result(self) -> RawRecord | None:
        """The next finished record, or None when a worker ended and the pool must refill."""
        if not self._results.empty():
            return self._results.get_nowait()
        getter = asyncio.ensure_future(self._results.get())
        waiting: set[asyncio.Future[object]] = {getter, *self._workers.values()}  # type: ignore[arg-type]
        done, _ = await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
        for host, task in list(self._workers.items()):
            if task.done():
                del self._workers[host]
                task.result()  # surface a bug in a worker rather than hang
        if getter in done:
            return getter.result()
        getter.cancel()
        return None


async def fetch_by_host(
    fetcher: AsyncFetcher, items: Iterable[UrlItem], concurrency: int
) -> AsyncGenerator[RawRecord, None]:
    async for record in Scheduler(fetcher, iter(items), concurrency).run():
        if record is not None:
            yield record
