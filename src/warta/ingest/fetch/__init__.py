"""A polite fetcher: robots.txt, per-host pacing, retries, size and time limits, safe addresses.

``Fetcher`` (blocking) and ``AsyncFetcher`` (asyncio) share one engine built on httpx. A
network fault never raises out of them: it becomes a ``RawRecord`` whose ``error`` says what
happened. Header names of fetched records are lower-case; ``headers[":status"]`` is the HTTP
status, and a 304 answer to a conditional re-fetch has an empty body (see ``not_modified``).
"""

from warta.ingest.fetch.client import STATUS, AsyncFetcher, FetchStats, not_modified
from warta.ingest.fetch.sync import Fetcher, fetch_one
from warta.ingest.fetch.validators import MemoryValidatorCache, ValidatorCache, Validators
from warta.ingest.options import DEFAULT_USER_AGENT, FetchOptions

__all__ = [
    "DEFAULT_USER_AGENT",
    "STATUS",
    "AsyncFetcher",
    "FetchOptions",
    "FetchStats",
    "Fetcher",
    "MemoryValidatorCache",
    "ValidatorCache",
    "Validators",
    "fetch_one",
    "not_modified",
]
