"""Crawling feeds and sitemaps into an archive, cycle after cycle, politely and resumably.

A cycle reads each feed or sitemap, and fetches the pages it lists through ingest's polite
fetcher: a page the archive already holds is fetched again only when the server can say
whether it changed (a conditional GET with the ETag/Last-Modified it sent last time; a 304
answer costs no body and is dropped). A page that did change is extracted again and the
archive keeps it as a new version. The validators are saved only after a cycle's pages are
written, so a cycle killed halfway never leaves a validator for a page that was not archived.
Into an archive they are kept in the archive itself (its ``validators`` table, so they travel
with it); other outputs keep them in a JSON file in the work directory.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from warta.ingest import FeedSource, Fetcher, FetchOptions, Validators, not_modified
from warta.ingest.record import RawRecord
from warta.ingest.stats import IngestStats
from warta.pipeline.config import RunConfig
from warta.pipeline.executor import LocalExecutor
from warta.pipeline.record import Shard
from warta.pipeline.report import LiveProgress, RunReport
from warta.store.base import Archive, Sink


class FileValidatorCache:
    """ETag/Last-Modified per URL in a JSON file, loaded at start and saved atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._items: dict[str, Validators] = {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}  # no cache yet, or a damaged one: the crawl just asks unconditionally
        for url, (etag, modified) in data.items() if isinstance(data, dict) else ():
            self._items[url] = Validators(etag, modified)

    def get(self, url: str) -> Validators | None:
        return self._items.get(url)

    def put(self, url: str, validators: Validators) -> None:
        self._items[url] = validators

    def items(self) -> dict[str, Validators]:
        return dict(self._items)

    def save(self) -> None:
        data = {url: [v.etag, v.last_modified] for url, v in sorted(self._items.items())}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".part")
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, self.path)


class ArchiveValidatorCache:
    """ETag/Last-Modified per URL in the archive's own table, loaded at start (the fetcher asks
    from its own thread, where the archive's connection cannot be used) and kept in one
    transaction by :meth:`save`, so, as with the file, only once a cycle's pages are written.
    ``legacy`` is the JSON file an older warta kept them in: its entries are taken over on the
    first save, and the file is removed."""

    def __init__(self, archive: Archive, legacy: Path | None = None) -> None:
        self._archive = archive
        self._legacy = legacy if legacy is not None and legacy.exists() else None
        self._items = {url: Validators(*kept) for url, kept in archive.validators().items()}
        self._changed: dict[str, Validators] = {}
        if self._legacy is not None:
            self._changed = FileValidatorCache(self._legacy).items()
            self._items.update(self._changed)

    def get(self, url: str) -> Validators | None:
        return self._items.get(url)

    def put(self, url: str, validators: Validators) -> None:
        self._items[url] = validators
        self._changed[url] = validators

    def save(self) -> None:
        kept = {url: (v.etag, v.last_modified) for url, v in self._changed.items()}
        self._archive.keep_validators(kept)
        self._changed.clear()
        if self._legacy is not None:
            self._legacy.unlink(missing_ok=True)
            self._legacy = None


class ChangedPages:
    """A feed's fetched pages minus those the server said had not changed."""

    def __init__(self, source: FeedSource) -> None:
        self._source = source
        self.stats = IngestStats()

    def __iter__(self) -> Iterator[RawRecord]:
        try:
            for record in self._source:
                if not_modified(record):
                    self.stats.skip("not modified since the last crawl")
                    continue
                yield record
        finally:
            self.stats.merge(self._source.stats)


def crawl_once(
    config: RunConfig,
    sink: Sink,
    options: FetchOptions,
    cache_path: Path,
    progress: LiveProgress | None = None,
) -> RunReport:
    """One cycle over every feed/sitemap in ``config.sources``. Validators are kept in the
    archive when ``sink`` is one, else in the JSON file ``cache_path``."""
    cache: ArchiveValidatorCache | FileValidatorCache
    if isinstance(sink, Archive):
        cache = ArchiveValidatorCache(sink, legacy=cache_path)
    else:
        cache = FileValidatorCache(cache_path)
    # The fetcher writes validators as pages arrive; they are kept only if the cycle ends.
    with Fetcher(options, validators=cache) as fetcher:

        def archived_without_validators(origin: str) -> bool:
            url = origin.removeprefix("url:")
            return cache.get(url) is None and bool(sink.done_origins([origin]))

        def open_feed(shard: Shard) -> ChangedPages:
            return ChangedPages(
                FeedSource(shard.spec, fetcher=fetcher, skip=archived_without_validators)
            )

        executor = LocalExecutor(config, sink, progress, skip_done=False, open_shard=open_feed)
        shards = [Shard(spec, "feed", n) for n, spec in enumerate(config.sources)]
        report = executor.run(shards)
    if not report.shard_failures:
        cache.save()
    return report


def fetch_options(config: RunConfig, delay: float | None) -> FetchOptions:
    options = FetchOptions(allow_private=config.allow_private)
    return replace(options, delay=delay) if delay is not None else options
