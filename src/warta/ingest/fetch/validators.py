"""What a re-crawl needs to ask "has it changed?": the ETag and Last-Modified of each URL."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Validators:
    etag: str | None = None
    last_modified: str | None = None

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> Validators | None:
        """The validators a response carries, or None when it has neither."""
        etag, modified = headers.get("etag"), headers.get("last-modified")
        return cls(etag, modified) if etag or modified else None

    def request_headers(self) -> dict[str, str]:
        """Headers of a conditional GET (RFC 9110 section 13.1)."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class ValidatorCache(Protocol):
    """Where validators are kept between runs; an archive can implement these two methods."""

    def get(self, url: str) -> Validators | None: ...

    def put(self, url: str, validators: Validators) -> None: ...


class MemoryValidatorCache:
    """Validators in a dict: for one process, and for tests."""

    def __init__(self) -> None:
        self._items: dict[str, Validators] = {}

    def get(self, url: str) -> Validators | None:
        return self._items.get(url)

    def put(self, url: str, validators: Validators) -> None:
        self._items[url] = validators

    def __len__(self) -> int:
        return len(self._items)
