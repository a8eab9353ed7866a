"""A blocking face for the asynchronous fetcher: its event loop runs in a private thread."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Coroutine, Iterable, Iterator
from dataclasses import replace
from types import TracebackType
from typing import TypeVar

import httpx

from warta.ingest.fetch.client import AsyncFetcher, FetchStats
from warta.ingest.fetch.schedule import BUFFER, Handover, Scheduler, UrlItem
from warta.ingest.fetch.validators import ValidatorCache
from warta.ingest.options import FetchOptions
from warta.ingest.record import RawRecord

T = TypeVar("T")


async def _next(stream: AsyncIterator[T]) -> T:
    return await anext(stream)


async def _close(stream: AsyncIterator[object]) -> None:
    aclose = getattr(stream, "aclose", None)
    if aclose is not None:
        await aclose()


class Fetcher:
    """Blocking fetcher: ``with Fetcher(options) as f: for record in f.fetch_all(urls): ...``.

    Records of :meth:`fetch_all` come in completion order, not input order; each carries its
    ``origin`` (``url:<url>`` unless given as a ``(url, origin)`` pair).
    """

    def __init__(
        self,
        options: FetchOptions | None = None,
        *,
        validators: ValidatorCache | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._async = AsyncFetcher(options, validators=validators, transport=transport)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._run(self._async.__aenter__())
        self._closed = False

    @property
    def options(self) -> FetchOptions:
        return self._async.options

    @property
    def stats(self) -> FetchStats:
        return self._async.stats

    def _run(self, coroutine: Coroutine[object, object, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    def fetch(self, url: str, *, origin: str | None = None) -> RawRecord:
        return self._run(self._async.fetch(url, origin=origin))

    def fetch_all(self, urls: Iterable[UrlItem]) -> Iterator[RawRecord]:
        """Fetch every URL; ``urls`` is consumed lazily, in this (the caller's) thread."""
        source = iter(urls)
        handover = Handover()
        stream = Scheduler(self._async, handover, self.options.concurrency).run()
        try:
            while True:
                while len(handover.items) < BUFFER and not handover.closed:
                    item = next(source, None)
                    if item is None:
                        handover.closed = True
                    else:
                        handover.items.append(item)
                try:
                    record = self._run(_next(stream))
                except StopAsyncIteration:
                    return
                if record is not None:
                    yield record
        finally:
            self._run(_close(stream))

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._run(self._async.__aexit__(None, None, None))
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
        self._loop.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def fetch_one(
    url: str,
    *,
    options: FetchOptions | None = None,
    allow_private: bool = False,
    validators: ValidatorCache | None = None,
) -> RawRecord:
    """Fetch one page with a short-lived :class:`Fetcher` (robots.txt and all); never raises
    for a network fault. ``allow_private`` True also permits non-public addresses."""
    opts = options or FetchOptions()
    if allow_private:
        opts = replace(opts, allow_private=True)
    with Fetcher(opts, validators=validators) as fetcher:
        return fetcher.fetch(url)
