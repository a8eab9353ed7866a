"""robots.txt, fetched once per host and obeyed (RFC 9309)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

MAX_ROBOTS_BYTES = 500 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def _parser(status: int | None, text: str) -> RobotFileParser:
    parser = RobotFileParser()
    if status is not None and 200 <= status < 300:
        parser.parse(text.splitlines())
    elif status is not None and 400 <= status < 500:
        parser.parse(["User-agent: *", "Allow: /"])  # no robots.txt: everything is allowed
    else:
        parser.parse(["User-agent: *", "Disallow: /"])  # server error or unreachable
    return parser


# Fetches a URL's text: returns (HTTP status or None if unreachable, body text).
# On failure the text is the reason, for the message of the URLs it blocks.
RobotsGetter = Callable[[str], Awaitable[tuple[int | None, str]]]


class RobotsCache:
    """One parsed robots.txt per scheme+host+port, fetched on first need."""

    def __init__(self, user_agent: str, get: RobotsGetter) -> None:
        self._agent = user_agent
        self._get = get
        self._parsers: dict[str, RobotFileParser] = {}
        self._unreachable: dict[str, str] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def _parser_for(self, url: str) -> RobotFileParser:
        key = robots_url(url)
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            if key not in self._parsers:
                status, text = await self._get(key)
                self._parsers[key] = _parser(status, text)
                if status is None or status >= 500:
                    self._unreachable[key] = text or f"HTTP {status}"
        return self._parsers[key]

    async def refusal(self, url: str) -> str | None:
        """Why robots.txt forbids ``url``, or None when it may be fetched."""
        parser = await self._parser_for(url)
        if parser.can_fetch(self._agent, url):
            return None
        key = robots_url(url)
        host = urlsplit(url).netloc
        if key in self._unreachable:
            return (
                f"robots.txt of {host} could not be read ({self._unreachable[key]}), "
                f"so {url} is not fetched."
            )
        return f"robots.txt of {host} disallows {url}."

    async def crawl_delay(self, url: str) -> float | None:
        parser = await self._parser_for(url)
        delay = parser.crawl_delay(self._agent)
        return float(delay) if delay is not None else None
