"""Settings of everything that goes to the network."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

from warta.ingest.limits import DEFAULT_MAX_BYTES
from warta.ingest.netguard import AddressPolicy


def _version() -> str:
    try:
        return version("warta")
    except PackageNotFoundError:
        return "0"


DEFAULT_USER_AGENT = f"warta/{_version()} (+https://github.com/warta-news/warta)"


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How politely and how far the fetcher goes. Times are in seconds, sizes in bytes."""

    user_agent: str = DEFAULT_USER_AGENT
    delay: float = 1.0  # pause between two requests to the same host
    concurrency: int = 8  # requests in flight over all hosts
    timeout: float = 30.0  # the most one response may take, first byte to last
    connect_timeout: float = 10.0
    max_bytes: int = DEFAULT_MAX_BYTES  # per response body, after decompression
    retries: int = 3  # extra attempts after a 429, a 5xx or a timeout
    backoff: float = 1.0  # first retry waits about this long, doubling each time
    max_retry_after: float = 60.0  # a server's Retry-After is obeyed up to this
    max_redirects: int = 10
    obey_robots: bool = True
    max_crawl_delay: float = 30.0  # a robots.txt Crawl-delay is obeyed up to this
    allow_private: bool = False  # allow non-public addresses (loopback, LAN, link-local)
    allow_networks: tuple[str, ...] = ()  # or only these networks, e.g. ("127.0.0.1/32",)

    @property
    def address_policy(self) -> AddressPolicy:
        return AddressPolicy(self.allow_private, self.allow_networks)
