"""Relative dates ("2 jam yang lalu", "vor 2 Stunden", "kemarin"), anchored to the crawl time."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from types import MappingProxyType

from warta.extract.dates.patterns import Patterns
from warta.extract.dates.vocab import Vocab

CLOCK_UNITS = MappingProxyType({"second": 1, "minute": 60, "hour": 3600})
DAY_UNITS = MappingProxyType({"day": 1, "week": 7})
MAX_AMOUNT = 100_000
SPACES = re.compile(r"\s+")


def parse_relative(
    text: str, pats: Patterns, voc: Vocab, crawled_at: datetime
) -> date | datetime | None:
    """The moment the first relative expression in ``text`` points to, counted back from the crawl.

    Seconds, minutes and hours give a datetime when the crawl time is aware (else its day);
    days and longer give a day.
    """
    match = _first(text, pats)
    if match is None:
        return None
    if match.re is pats.rel_word:
        back = voc.days_back.get(_key(match["w"]))
        return None if back is None else crawled_at.date() - timedelta(days=back)
    unit = voc.units.get(_key(match["u"]))
    amount = _amount(match["n"], voc)
    if unit is None or amount is None:
        return None
    try:
        return _back(crawled_at, unit, amount)
    except (OverflowError, ValueError):
        return None


def _first(text: str, pats: Patterns) -> re.Match[str] | None:
    matches = [p.search(text) for p in (pats.rel_after, pats.rel_before, pats.rel_word)]
    found = [m for m in matches if m is not None]
    return min(found, key=lambda m: m.start()) if found else None


def _key(word: str) -> str:
    return SPACES.sub(" ", word.lower())


def _amount(word: str | None, voc: Vocab) -> int | None:
    if word is None or _key(word) in voc.one:
        return 1
    if word.isdigit():
        value = int(word)
        return value if value <= MAX_AMOUNT else None
    return None


def _back(crawled_at: datetime, unit: str, amount: int) -> date | datetime:
    if unit in CLOCK_UNITS:
        moment = crawled_at - timedelta(seconds=amount * CLOCK_UNITS[unit])
        return moment if moment.tzinfo is not None else moment.date()
    day = crawled_at.date()
    if unit in DAY_UNITS:
        return day - timedelta(days=amount * DAY_UNITS[unit])
    months = amount * (12 if unit == "year" else 1)
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return _clamped(year, month + 1, day.day)


def _clamped(year: int, month: int, day: int) -> date:
    while True:
        try:
            return date(year, month, day)
        except ValueError:
            if day <= 28:
                raise
            day -= 1
