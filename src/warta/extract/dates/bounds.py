"""Which dates are possible at all: not before 1990, not after the crawl (plus a day of slack)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Final

EARLIEST = date(1990, 1, 1)
SLACK = timedelta(days=1)


# __init__ written out for mypyc to compile (see segments.Segment); Final fields keep it frozen.
@dataclass(slots=True, init=False, unsafe_hash=True)
class Bounds:
    """The window a page date must fall in."""

    latest: Final[datetime]  # aware: crawl time (or now) plus the slack

    def __init__(self, latest: datetime) -> None:
        self.latest = latest

    def admits(self, value: date | datetime) -> bool:
        """True if ``value`` is a possible publication date."""
        if isinstance(value, datetime):
            if value.date() < EARLIEST:
                return False
            if value.tzinfo is not None:
                return value <= self.latest
            return value.date() <= self.latest.date()
        return EARLIEST <= value <= self.latest.date()

    @property
    def anchor(self) -> datetime:
        """The moment the crawl happened (or now), for relative dates."""
        return self.latest - SLACK


def bounds_for(crawled_at: datetime | None) -> Bounds:
    """The window for a page crawled at ``crawled_at`` (naive means UTC; None means now)."""
    moment = crawled_at if crawled_at is not None else datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return Bounds(latest=moment + SLACK)
    except OverflowError:
        return Bounds(latest=moment)
