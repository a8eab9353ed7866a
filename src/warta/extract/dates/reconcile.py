"""Settling conflicts between kinds of evidence: disagreeing metadata, a UTC stamp's local day,
a UTC label on a local time, a shown date without its time."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from warta.extract.dates.context import PageContext
from warta.extract.dates.local import revealed_offset
from warta.extract.dates.markup import Shown

Stamp = date | datetime
ONE_DAY = timedelta(days=1)
SAME_DAY_HOURS = (10, 14)


def day_of(value: Stamp) -> date:
    return value.date() if isinstance(value, datetime) else value


def best(candidates: Iterable[Shown]) -> tuple[Shown | None, Shown | None]:
    """The best-ranked published date and the best-ranked modified one."""
    published: Shown | None = None
    modified: Shown | None = None
    for item in candidates:
        if item.modified:
            if modified is None or item.rank < modified.rank:
                modified = item
        elif published is None or item.rank < published.rank:
            published = item
    return published, modified


def near_title(page: PageContext) -> list[Shown]:
    """Publication dates shown near the title, the most likely first."""
    near = [s for s in page.near() if s.rank[0] == 0 and not s.modified]
    return sorted(near, key=lambda s: s.rank)


def agreed(page: PageContext, candidates: list[tuple[str, Stamp]]) -> tuple[str, Stamp]:
    """The most trusted stated date, unless the statements disagree: then the one the reader
    sees near the title (a CMS may state an old creation date beside the real one)."""
    if len({day_of(value) for _, value in candidates}) == 1:
        return candidates[0]
    for shown in near_title(page)[:1]:
        for source, value in candidates:
            if day_of(value) == day_of(shown.value):
                return source, value
    return candidates[0]


def vague_meta(stated: Stamp, page: PageContext) -> Shown | None:
    """The date shown by the title, or in a <time> element, where it differs from a date stated
    only as <meta name="date"> (often the day the page was built, not published)."""
    near = near_title(page)
    times = [s for s in page.near() if s.source == "time-element" and not s.modified]
    for shown in (near or sorted(times, key=lambda s: s.rank))[:1]:
        if day_of(shown.value) != day_of(stated):
            return shown
    return None


def local_day(moment: datetime, page: PageContext, url_day: date | None) -> Stamp:
    """A UTC timestamp in the page's local time, or its local day where only that is known."""
    offset = revealed_offset(moment, page.tree, page.head_metas)
    if offset is not None:
        return moment.astimezone(offset)
    if SAME_DAY_HOURS[0] <= moment.hour < SAME_DAY_HOURS[1] and url_day is None:
        return moment  # between these hours UTC, the day is the same from UTC-10 to UTC+10
    days = [url_day] if url_day is not None else [day_of(s.value) for s in near_title(page)]
    for day in days[:1]:
        if abs(day - moment.date()) == ONE_DAY:
            return day
    return moment


def relabelled(moment: datetime, page: PageContext) -> datetime:
    """A "UTC" stamp that is really local time: the byline shows the same clock time with the
    site's zone ("10:08 WIB" beside a meta "10:08:58Z"), so the stamp's label is wrong."""
    wall = moment.replace(tzinfo=None)
    if not page.shows_clock(wall.hour, wall.minute):
        return moment
    for shown in near_title(page)[:3]:
        value = shown.value
        if not isinstance(value, datetime) or value.tzinfo is None:
            continue
        offset = value.utcoffset()
        same_clock = value.replace(tzinfo=None, second=0) == wall.replace(second=0)
        if offset and same_clock:
            return moment.replace(tzinfo=value.tzinfo)
    return moment


def with_time(published: Shown, page: PageContext) -> Stamp:
    """A shown day with the time another shown date gives it, where one gives the same day."""
    if isinstance(published.value, datetime):
        return published.value
    timed = [
        s
        for s in page.near()
        if isinstance(s.value, datetime) and not s.modified and s.value.date() == published.value
    ]
    return min(timed, key=lambda s: s.rank).value if timed else published.value
