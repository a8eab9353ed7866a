"""Pacing: one request at a time per host with a pause between, and patient retries."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


@dataclass(slots=True)
class _Slot:
    lock: asyncio.Lock
    ready_at: float = 0.0
    delay: float = 0.0


class HostPacer:
    """Serialises requests per host and spaces them ``delay`` seconds apart (end to start)."""

    def __init__(self, delay: float) -> None:
        self._delay = delay
        self._slots: dict[str, _Slot] = {}

    def _slot(self, host: str) -> _Slot:
        if host not in self._slots:
            self._slots[host] = _Slot(asyncio.Lock(), 0.0, self._delay)
        return self._slots[host]

    def set_delay(self, host: str, delay: float) -> None:
        """Raise a host's pause (a robots.txt Crawl-delay); never below the configured one."""
        slot = self._slot(host)
        slot.delay = max(self._delay, delay)

    @asynccontextmanager
    async def turn(self, host: str) -> AsyncIterator[None]:
        slot = self._slot(host)
        async with slot.lock:
            loop = asyncio.get_running_loop()
            wait = slot.ready_at - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                yield
            finally:
                slot.ready_at = loop.time() + slot.delay


def backoff(attempt: int, base: float) -> float:
    """Exponential backoff with full jitter: up to base * 2**attempt, at least half of it."""
    ceiling = base * 2.0**attempt
    return ceiling / 2 + random.uniform(0, ceiling / 2)


def retry_after(headers: Mapping[str, str], now: datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or HTTP-date), None if absent."""
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
