"""Counters a source keeps so a run can say what it read, yielded, skipped and lost."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

LOG = logging.getLogger("warta.ingest")


@dataclass(slots=True)
class IngestStats:
    """What one source did.

    ``yielded`` counts records handed out with bytes, ``errors`` records handed out with
    ``error`` set (a page the source could not deliver: corrupt, truncated, too large, fetch
    failed). ``skipped`` counts, by reason, what was read but is not a page and so is never
    yielded (request records, images, warcinfo, robots-disallowed URLs ...).
    """

    yielded: int = 0
    errors: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def skip(self, reason: str) -> None:
        self.skipped[reason] += 1

    def merge(self, other: IngestStats) -> None:
        self.yielded += other.yielded
        self.errors += other.errors
        self.skipped.update(other.skipped)

    @property
    def total_skipped(self) -> int:
        return sum(self.skipped.values())

    def as_dict(self) -> dict[str, object]:
        return {"yielded": self.yielded, "errors": self.errors, "skipped": dict(self.skipped)}
