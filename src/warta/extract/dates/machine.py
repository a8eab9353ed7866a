"""Reading dates written for machines: ISO 8601, compact 20210517, Unix time, RFC 2822."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, tzinfo
from functools import lru_cache

from warta.extract.dates.bounds import Bounds
from warta.extract.dates.parse import scan
from warta.extract.dates.patterns import ascii_digits
from warta.extract.dates.zones import localise, parse_offset

ISO = re.compile(
    r"\s*(?P<y>(?:19|20)[0-9]{2})(?P<s>-?|/|\.)(?P<m>[01]?[0-9])(?P=s)(?P<d>[0-3]?[0-9])(?![0-9])"
    r"(?:(?:[T\s]+|\s*,\s*)(?P<H>[0-2]?[0-9]):?(?P<M>[0-5][0-9])(?::?(?P<S>[0-5]?[0-9])(?:[.,][0-9]+)?)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-][0-9]{2}(?::?[0-9]{2})?)?)?",
    re.IGNORECASE,
)
EPOCH = re.compile(r"\s*([0-9]{10}|[0-9]{13})\s*\Z")
# Longest value worth reading: anything longer is prose, not a timestamp.
MAX_LENGTH = 200


def parse_machine(text: str, *, bounds: Bounds, zone: tzinfo | None) -> date | datetime | None:
    """The date in a metadata value, if it is a possible one.

    Times without a zone take the site's zone where known (else only the day is kept).
    """
    if not text or len(text) > MAX_LENGTH:
        return None
    text = ascii_digits(text)
    value = _iso(text, zone) or _epoch(text)
    if value is None:
        # Human formats inside metadata ("Mon, 17 May 2021 10:00:00 +0000", "17/05/2021").
        found = next(scan(text, lang=None, bounds=bounds, zone=zone), None)
        return found.value if found else None
    return value if bounds.admits(value) else None


def _iso(text: str, zone: tzinfo | None) -> date | datetime | None:
    match = ISO.match(text)
    if match is None:
        return None
    parts = _parts(match)
    if parts is None:
        return None
    day, clock, tz = parts
    if clock is None:
        return day
    moment = datetime.combine(day, clock, tz)
    return moment if tz is not None else localise(moment, zone)


def parse_stamp(text: str) -> tuple[datetime, tzinfo | None] | None:
    """An ISO timestamp as its wall-clock time and its zone (None where it names none)."""
    match = ISO.match(ascii_digits(text)) if text and len(text) <= MAX_LENGTH else None
    parts = _parts(match) if match is not None else None
    if parts is None:
        return None
    day, clock, tz = parts
    return (datetime.combine(day, clock), tz) if clock is not None else None


def _parts(match: re.Match[str]) -> tuple[date, time | None, tzinfo | None] | None:
    """The day, clock time (None without one, or past 23h) and zone an ISO match names; None
    for a day that does not exist. (One ``group`` call: reading the groups one by one costs
    more than the match.)"""
    year, month, day, hour, minute, second, zone = match.group("y", "m", "d", "H", "M", "S", "tz")
    try:
        found = date(int(year), int(month), int(day))
    except ValueError:
        return None
    if hour is None or int(hour) > 23:
        return found, None, None
    clock = time(int(hour), int(minute), int(second) if second else 0)
    return found, clock, _zone(zone) if zone else None


@lru_cache(maxsize=1024)
def _zone(text: str) -> tzinfo | None:
    """The zone an ISO suffix names. (Cached: a few dozen suffixes, "Z" and "+07:00" the most,
    written on every page.)"""
    if text.upper() in ("Z", "UTC", "GMT"):
        return UTC
    return parse_offset(text)


def _epoch(text: str) -> datetime | None:
    match = EPOCH.match(text)
    if match is None:
        return None
    number = int(match[1])
    seconds = number / 1000 if len(match[1]) == 13 else number
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None
