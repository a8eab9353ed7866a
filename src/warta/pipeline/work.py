"""What a worker does to one page: extract it, then hash and sign its text.

:class:`PageWork` is a plain picklable value (settings only, no open resources), so it can be
sent to a worker process or a Dask task and called there on raw records.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, Protocol

from warta.article import Article, Status, failed
from warta.extract.language import detect_language
from warta.ingest.record import RawRecord
from warta.pipeline.record import Record, RecordStatus
from warta.pipeline.signature import signature
from warta.store.base import content_hash


class Extractor(Protocol):
    def __call__(
        self,
        page: bytes,
        url: str | None = None,
        *,
        crawled_at: datetime | None = None,
        headers: Any = None,
    ) -> Article: ...


@lru_cache(maxsize=8)
def load_extractor(path: str) -> Extractor:
    """The function named ``module:function`` (cached per process)."""
    module_name, _, name = path.partition(":")
    module = importlib.import_module(module_name)
    function: Extractor = getattr(module, name)
    return function


@dataclass(frozen=True, slots=True)
class PageWork:
    """Extract one record and prepare it for dedup: the per-page, parallel part of a run."""

    extractor: str = "warta.extract:extract"
    dedup: bool = True
    num_perm: int = 128
    shingle_size: int = 5
    metadata: bool = True  # False: text, title and language only

    def prepare(self) -> None:
        """Import the extractor and warm it up, so the first page is not charged for it."""
        load_extractor(self.extractor)(b"<html><body><p>warm</p></body></html>")

    def __call__(self, record: Record) -> Record:
        raw = record.raw
        if raw.error:
            article = failed(Status.ERROR, raw.error, source_url=raw.url)
        else:
            article = self._extract(raw)
        if article.source_url is None and raw.url:
            article = article.with_changes(source_url=raw.url)
        if article.ok and not article.lang:
            article = article.with_changes(lang=detect_language(article.text))
        status = RecordStatus(article.status.value)
        done = record.evolve(article=article, status=status, reason=article.reason)
        done = done.evolve(content_hash=content_hash(article.text))
        if self.dedup and article.ok:
            sig = signature(article.text, num_perm=self.num_perm, shingle_size=self.shingle_size)
            done = done.evolve(minhash=sig)
        return done.without_body()

    def _extract(self, raw: RawRecord) -> Article:
        extract: Callable[..., Article] = load_extractor(self.extractor)
        # Passed only when off, so that a plug-in extractor need not know the option.
        options = {} if self.metadata else {"metadata": False}
        try:
            return extract(
                raw.body, raw.url, crawled_at=raw.crawled_at, headers=raw.headers, **options
            )
        except Exception as exc:  # the extractor promises not to raise; a plug-in may
            return failed(Status.ERROR, f"extraction failed: {type(exc).__name__}: {exc}")
