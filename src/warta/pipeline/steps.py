"""Pipeline steps: each takes an iterator of records and yields records.

Steps hold settings only (and, for the I/O steps, a callable they were given), so they pickle
and can run anywhere: in :class:`~warta.pipeline.executor.LocalExecutor`, or inside a Dask task
over one shard. A step never drops a record silently: records it rejects come out with a final
status and a reason, and later steps pass finished records through untouched.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from warta.article import Status, failed
from warta.pipeline.dedup import Decision
from warta.pipeline.pool import Failure, WorkerPool
from warta.pipeline.record import Record, RecordStatus
from warta.pipeline.work import PageWork
from warta.store.base import Sink, StoredItem, content_hash


class Step(Protocol):
    def __call__(self, records: Iterator[Record]) -> Iterator[Record]: ...


def run_steps(records: Iterable[Record], steps: Sequence[Step]) -> Iterator[Record]:
    stream: Iterator[Record] = iter(records)
    for step in steps:
        stream = step(stream)
    return stream


@dataclass(frozen=True, slots=True)
class SkipDone:
    """Drop records whose origin the sink already holds: what makes a run resumable.

    ``done`` is the sink's ``done_origins``; it is asked once per ``batch`` records. Dropped
    records are counted through ``on_skip`` (a resumed run reports how many it skipped).
    """

    done: Callable[[Iterable[str]], set[str]]
    batch: int = 256
    on_skip: Callable[[Record], None] | None = None

    def __call__(self, records: Iterator[Record]) -> Iterator[Record]:
        while chunk := list(itertools.islice(records, self.batch)):
            done = self.done([r.origin for r in chunk])
            for record in chunk:
                if record.origin not in done:
                    yield record
                elif self.on_skip is not None:
                    self.on_skip(record)


@dataclass(frozen=True, slots=True)
class Extract:
    """Extract (and hash and sign) every pending record.

    With ``jobs`` > 0 the work runs in that many worker processes, each page limited to
    ``timeout`` seconds: a page that hangs or crashes its worker ends as ``error`` with the
    reason, and the run goes on. With ``jobs`` = 0 it runs here, without a time limit.
    """

    work: PageWork
    jobs: int = 1
    timeout: float = 30.0

    def __call__(self, records: Iterator[Record]) -> Iterator[Record]:
        if self.jobs <= 0:
            for record in records:
                yield record if record.done else self.work(record)
            return
        with WorkerPool(self.work, self.jobs, self.timeout) as pool:
            # Finished records skip the workers but keep their place in the order.
            held: deque[Record] = deque()

            def tasks() -> Iterator[Record]:
                for record in records:
                    held.append(record)
                    if not record.done:
                        yield record

            results = pool.map(tasks())
            for result in results:
                while held and held[0].done:
                    yield held.popleft()
                sent = held.popleft()
                yield _outcome(sent, result)
            yield from held


def _outcome(sent: Record, result: Record | Failure) -> Record:
    if isinstance(result, Record):
        return result
    article = failed(Status.ERROR, result.reason, source_url=sent.raw.url)
    return sent.without_body().evolve(
        article=article,
        status=RecordStatus.ERROR,
        reason=result.reason,
        content_hash=content_hash(""),
    )


@dataclass(frozen=True, slots=True)
class LanguageFilter:
    """Keep ok records whose language is one of ``langs`` (primary subtags: "id", "ms")."""

    langs: tuple[str, ...]

    def __call__(self, records: Iterator[Record]) -> Iterator[Record]:
        wanted = {lang.lower().split("-")[0] for lang in self.langs}
        for record in records:
            if not wanted or record.status is not RecordStatus.OK or record.article is None:
                yield record
                continue
            lang = (record.article.lang or "").lower().split("-")[0]
            if lang in wanted:
                yield record
            else:
                why = f"language {lang or 'unknown'} is not one of {', '.join(sorted(wanted))}"
                yield record.evolve(status=RecordStatus.FILTERED, reason=why)


@dataclass(frozen=True, slots=True)
class ApplyDedup:
    """Mark the records that :func:`~warta.pipeline.dedup.decide` found to be duplicates."""

    decisions: Mapping[str, Decision]

    def __call__(self, records: Iterator[Record]) -> Iterator[Record]:
        for record in records:
            decision = self.decisions.get(record.origin)
            if decision is None or record.status is not RecordStatus.OK:
                yield record
                continue
            yield record.evolve(
                status=RecordStatus.DUPLICATE,
                reason=decision.reason,
                duplicate_of=decision.duplicate_of,
            )


def stored_item(record: Record) -> StoredItem | None:
    """What the sink is given of a record (None before extraction). A filtered record is given
    too: an archive records it as processed (so a rerun skips it), a file sink drops it."""
    if record.article is None or record.content_hash is None:
        return None
    article = record.article
    if record.status in {RecordStatus.DUPLICATE, RecordStatus.FILTERED}:
        article = article.with_changes(reason=record.reason)
    return StoredItem(
        article,
        record.origin,
        record.raw.crawled_at,
        record.content_hash,
        record.duplicate_of,
        filtered=record.status is RecordStatus.FILTERED,
        minhash=record.minhash,
    )


@dataclass(slots=True)
class WriteSink:
    """Write records to a sink in batches (each batch one durable write), passing them on."""

    sink: Sink
    batch: int = 200

    def __call__(self, records: Iterator[Record]) -> Iterator[Record]:
        pending: list[Record] = []
        for record in records:
            pending.append(record)
            if len(pending) >= self.batch:
                yield from self._flush(pending)
                pending = []
        yield from self._flush(pending)

    def _flush(self, records: list[Record]) -> list[Record]:
        items = [item for item in map(stored_item, records) if item is not None]
        if items:
            self.sink.write(items)
        return records
