"""What a run did: counters, the live progress display, and the closing summary table."""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from warta.ingest.stats import IngestStats
from warta.pipeline.record import Record, RecordStatus

_FAILED = {RecordStatus.ERROR, RecordStatus.EMPTY, RecordStatus.NOT_ARTICLE}


_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_LOCATION = re.compile(r"(?:https?|file|warc|arc|url|feed):\S+|/\S+")


def reason_group(reason: str) -> str:
    """A reason without its specifics (URLs, paths, numbers), so like failures count together."""
    head = reason.split(" (similarity", 1)[0]
    head = _NUMBER.sub("N", _LOCATION.sub("…", head))
    head = " ".join(head.split())
    return (head[:57] + "…" if len(head) > 58 else head) or "(no reason given)"


@dataclass(slots=True)
class RunReport:
    """Counts by final status and by reason, plus what the sources skipped and lost."""

    started: float = field(default_factory=time.monotonic)
    statuses: Counter[str] = field(default_factory=Counter)
    reasons: Counter[tuple[str, str]] = field(default_factory=Counter)
    extracted: int = 0  # pages that went through extraction in this attempt
    already_done: int = 0  # records the sink held from an earlier run or attempt
    source: IngestStats = field(default_factory=IngestStats)
    shard_failures: list[tuple[str, str]] = field(default_factory=list)
    shards: int = 0
    elapsed: float = 0.0

    first_error: str = ""

    def count(self, record: Record) -> None:
        self.statuses[record.status.value] += 1
        if record.status is RecordStatus.ERROR and not self.first_error:
            self.first_error = record.reason
        if record.status is not RecordStatus.OK and record.reason:
            self.reasons[(record.status.value, reason_group(record.reason))] += 1

    @property
    def processed(self) -> int:
        return sum(self.statuses.values())

    @property
    def nothing_done(self) -> bool:
        """True when inputs failed and not one record got through (nor was already done)."""
        errors = self.statuses.get(RecordStatus.ERROR.value, 0)
        if self.already_done or self.processed > errors:
            return False
        return errors > 0 or bool(self.shard_failures)

    @property
    def failure_summary(self) -> str:
        if self.shard_failures:
            return self.shard_failures[0][1]
        return self.first_error

    def finish(self) -> None:
        self.elapsed = time.monotonic() - self.started

    @property
    def rate(self) -> float:
        return self.extracted / self.elapsed if self.elapsed > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "processed": self.processed,
            "statuses": dict(self.statuses),
            "reasons": {f"{s}: {r}": n for (s, r), n in self.reasons.most_common()},
            "extracted": self.extracted,
            "already_done": self.already_done,
            "source": self.source.as_dict(),
            "shards": self.shards,
            "shard_failures": [{"source": s, "reason": r} for s, r in self.shard_failures],
            "elapsed": round(self.elapsed, 3),
            "pages_per_second": round(self.rate, 2),
        }


def render_summary(report: RunReport, stream: TextIO | None = None) -> None:
    """The table a run ends with: always printed, progress display or not."""
    console = Console(file=stream or sys.stderr, highlight=False, soft_wrap=True)
    table = Table(title="warta run", show_header=True, title_justify="left")
    table.add_column("outcome", no_wrap=True, overflow="ellipsis")
    table.add_column("records", justify="right", no_wrap=True)
    for status in RecordStatus:
        if report.statuses.get(status.value):
            table.add_row(status.value, str(report.statuses[status.value]))
    for (name, reason), n in report.reasons.most_common(12):
        table.add_row(f"  {name}: {reason}", str(n))
    if report.already_done:
        table.add_row("already in the output (skipped)", str(report.already_done))
    for reason, n in report.source.skipped.most_common(6):
        table.add_row(f"not a page: {reason}", str(n))
    for spec, reason in report.shard_failures:
        table.add_row(f"source failed: {spec}", reason)
    table.add_row("pages extracted", str(report.extracted))
    table.add_row("pages/s", f"{report.rate:.1f}")
    table.add_row("elapsed", f"{report.elapsed:.1f} s")
    console.print(table)


class LiveProgress:
    """A progress bar on stderr: pages, pages/s and failures. Silent when not a TTY or quiet."""

    def __init__(self, *, quiet: bool = False, stream: TextIO | None = None) -> None:
        out = stream or sys.stderr
        self._enabled = not quiet and out.isatty()
        self._failures = 0
        self._started = time.monotonic()
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:.1f} pages/s"),
            TextColumn("{task.fields[failures]} failed"),
            TimeElapsedColumn(),
            console=Console(file=out),
            disable=not self._enabled,
            transient=False,
        )
        self._task: TaskID | None = None

    def __enter__(self) -> LiveProgress:
        self._progress.start()
        self._task = self._progress.add_task("extracting", total=None, rate=0.0, failures=0)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._progress.stop()

    def phase(self, description: str, total: int | None = None) -> None:
        if self._task is not None:
            self._progress.update(self._task, description=description, total=total, completed=0)
            self._started = time.monotonic()

    def tap(self, records: Iterator[Record]) -> Iterator[Record]:
        """Pass records through, advancing the bar."""
        for record in records:
            if record.status in _FAILED:
                self._failures += 1
            if self._task is not None:
                task = self._progress.tasks[0]
                elapsed = max(time.monotonic() - self._started, 1e-6)
                self._progress.update(
                    self._task,
                    advance=1,
                    rate=(task.completed + 1) / elapsed,
                    failures=self._failures,
                )
            yield record


def error_line(command: str, exc: BaseException) -> str:
    """An error as the one line a user sees: "warta run: <sentence>" (no traceback)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"warta {command}: {text}"
