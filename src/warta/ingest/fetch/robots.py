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
def crawl_delays(text: str) -> dict[str, float]:
    """Crawl-delay per user-agent token ("*" included), fractions allowed (the stdlib parser
    reads whole seconds only)."""
    delays: dict[str, float] = {}
    agents: list[str] = []
    in_rules = False
    for raw in text.splitlines():
        key, _, value = raw.split("#", 1)[0].partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "user-agent":
            if in_rules:  # a user-agent line after rules starts a new group
                agents, in_rules = [], False
            agents.append(value.lower())
        elif key in ("allow", "disallow", "crawl-delay"):
            in_rules = True
            if key == "crawl-delay":
                try:
                    delays.update({agent: float(value) for agent in agents})
                except ValueError:
                    continue
    return delays


# On failure the text is the reason, for the message of the URLs it blocks.
RobotsGetter = Callable[[str], Awaitable[tuple[int | None, str]]]


class RobotsCache:
    """One parsed robots.txt per scheme+host+port, fetched on first need."""

    def __init__(self, user_agent: str, get: RobotsGetter) -> None:
        self._agent = user_agent
        self._get = get
        self._parsers: dict[str, RobotFileParser] = {}
        self._unreachable: dict[str, str] = {}
        self._delays: dict[str, dict[str, float]] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def _parser_for(self, url: str) -> RobotFileParser:
        key = robots_url(url)
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            if key not in self._parsers:
                status, text = await self._get(key)
                self._parsers[key] = _parser(status, text)
                ok = status is not None and 200 <= status < 300
                self._delays[key] = crawl_delays(text) if ok else {}
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
        await self._parser_for(url)
        delays = self._delays.get(robots_url(url), {})
        token = self._agent.split("/", 1)[0].lower()
        for agent, delay in delays.items():
            if agent != "*" and agent in token:
                return delay
        return delays.get("*")
