"""Reading dates that people read: "Kamis, 05/11/2015 10:08 WIB", "17 mai 2021", "May 17, 2021"."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, tzinfo
from typing import Final

from warta.extract.dates.bounds import Bounds, bounds_for
from warta.extract.dates.patterns import LETTERS, Patterns, ascii_digits, patterns
from warta.extract.dates.relative import parse_relative
from warta.extract.dates.vocab import Vocab, vocab
from warta.extract.dates.zones import abbreviations, localise, parse_offset
from warta.extract.regex_case import fold, folder

# How far before a date a time ("10:08 WIB, Kamis 05/11/2015") or weekday may start.
LOOK_BEHIND = 32
# A four-digit year, or a two-digit one closing a numeric date (23.09.22). Opening with one
# digit class (no look-behind, no alternation first) lets the regex engine skip quickly to the
# next digit; the look-behinds then read that digit again ("19", "20").
YEAR_RE = re.compile(
    r"[0-9](?:(?<=1)9[0-9]{2}(?![0-9])|(?<=2)0[0-9]{2}(?![0-9])"
    r"|[0-9]?[./-][0-9]{1,2}[./-][0-9]{2}(?![0-9]))"
)
# Text around a year that a date containing it can span.
WINDOW_BEFORE = 40
WINDOW_AFTER = 40
SPACES = re.compile(r"\s+")


class Found:
    """A date printed in a text, with where it is. (A plain class: compiled, it is built in a
    seventh of a frozen dataclass's time, whose __init__ stays interpreted.)"""

    __slots__ = ("end", "has_time", "start", "value")

    def __init__(self, *, value: date | datetime, start: int, end: int, has_time: bool) -> None:
        self.value: Final = value
        self.start: Final = start
        self.end: Final = end
        self.has_time: Final = has_time


def parse_date_text(
    text: str, *, lang: str | None = None, crawled_at: datetime | None = None
) -> date | datetime | None:
    """The first possible date printed in ``text``; relative ones need ``crawled_at``.

    A printed time gives an aware datetime when the text names its zone ("WIB", "+07:00"),
    else the day alone. Dates before 1990 or after the crawl (or now) plus a day are not possible.
    """
    try:
        bounds = bounds_for(crawled_at)
        for found in scan(text, lang=lang, bounds=bounds):
            return found.value
        if crawled_at is None:
            return None
        value = parse_relative(ascii_digits(text), patterns(lang), vocab(lang), crawled_at)
    except (ValueError, OverflowError, RecursionError):
        return None
    return value if value is not None and bounds.admits(value) else None


def scan(
    text: str,
    *,
    lang: str | None,
    bounds: Bounds,
    zone: tzinfo | None = None,
    order: str | None = None,
) -> Iterator[Found]:
    """Every possible absolute date in ``text`` (with a year), in order, without overlaps."""
    return scan_ascii(ascii_digits(text), lang=lang, bounds=bounds, zone=zone, order=order)


def scan_ascii(
    text: str,
    *,
    lang: str | None,
    bounds: Bounds,
    zone: tzinfo | None = None,
    order: str | None = None,
) -> Iterator[Found]:
    """``scan`` of a text whose digits are already ASCII (see ``ascii_digits``)."""
    pats, voc = patterns(lang), vocab(lang)
    spans = _year_windows(text)
    last_end = -1
    for start, end, y, m, d in _matches(text, pats, voc, spans, order or voc.order):
        if start < last_end:
            continue
        value, t_end = _with_time(text, start, end, y, m, d, pats, zone)
        if value is None or not bounds.admits(value):
            continue
        last_end = max(end, t_end)
        yield Found(value=value, start=start, end=last_end, has_time=isinstance(value, datetime))


def _year_windows(text: str) -> list[tuple[int, int]]:
    """Merged windows around each 19xx/20xx: only there can a full date be."""
    windows: list[tuple[int, int]] = []
    for match in YEAR_RE.finditer(text):
        lo, hi = max(0, match.start() - WINDOW_BEFORE), match.end() + WINDOW_AFTER
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _matches(
    text: str, pats: Patterns, voc: Vocab, spans: list[tuple[int, int]], order: str
) -> list[tuple[int, int, int, int, int]]:
    """(start, end, year, month, day) of every date pattern match, sorted, longest first."""
    found: list[tuple[int, int, int, int, int]] = []
    month_words = _month_word_finder(text, pats)
    for lo, hi in spans:
        for match in pats.iso.finditer(text, lo, hi):
            found.append((*match.span(), int(match["y"]), int(match["m"]), int(match["d"])))
        for match in pats.cjk.finditer(text, lo, hi):
            found.append((*match.span(), int(match["y"]), int(match["m"]), int(match["d"])))
        for match in pats.numeric.finditer(text, lo, hi):
            ymd = _numeric(text, match, pats, voc, order)
            if ymd:
                found.append((*match.span(), *ymd))
        starts = month_words(lo, hi)
        if starts is not None and not starts:
            continue  # no month's name in the window: no date that spells one
        for matches in (
            pats.day_month_year.finditer(text, lo, hi),
            _month_led(text, lo, hi, starts, pats.month_day_year),
            pats.year_month_day.finditer(text, lo, hi),
        ):
            for match in matches:
                month = voc.months.get(_key(match["mon"]))
                if month:
                    found.append((*match.span(), int(match["y"]), month, int(match["d"])))
    found.sort(key=lambda f: (f[0], -f[1]))
    return found


def _month_word_finder(text: str, pats: Patterns) -> Callable[[int, int], list[int] | None]:
    """Where the words start, between two offsets, that fold as the first word of a month's
    name; None where that cannot be told exactly (see warta.extract.regex_case).

    A month's name starts at such a word, so a window without one holds no date that spells a
    month, and a date led by a month can start only there: the patterns with hundreds of names
    are tried there alone, instead of at every word.
    """
    table = folder()
    if pats.month_firsts is None or table is None or any(c in text for c in pats.month_guard):
        return lambda lo, hi: None
    firsts = pats.month_firsts

    def starts(lo: int, hi: int) -> list[int]:
        # An ASCII word folds as it lowers: the rarer others go through the table.
        return [
            word.start()
            for word in LETTERS.finditer(text, lo, hi)
            if (word[0].lower() if word[0].isascii() else fold(word[0], table)) in firsts
        ]

    return starts


def _month_led(
    text: str, lo: int, hi: int, starts: list[int] | None, pattern: re.Pattern[str]
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, lo, hi)``, tried only at ``starts`` when they are known."""
    if starts is None:
        yield from pattern.finditer(text, lo, hi)
        return
    resume = lo
    for start in starts:
        if start >= resume:
            match = pattern.match(text, start, hi)
            if match is not None:
                resume = match.end()
                yield match


def _key(word: str) -> str:
    return SPACES.sub(" ", word.lower().replace("i̇", "i")).rstrip(".")


def _numeric(
    text: str, match: re.Match[str], pats: Patterns, voc: Vocab, order: str
) -> tuple[int, int, int] | None:
    """Year, month, day of an all-numeric date, using the weekday before it when ambiguous."""
    a, b, year = int(match["a"]), int(match["b"]), int(match["y"])
    if year < 100:
        year += 2000 if year < 70 else 1900
    if order == "ymd" or match["s"] == ".":
        # Year-last dates read day first everywhere but in the US, and the US never uses dots.
        order = "dmy"
    # (month, day) readings, the language's usual one first
    options = [(a, b), (b, a)] if order == "mdy" else [(b, a), (a, b)]
    valid = [(m, d) for m, d in options if 1 <= m <= 12 and 1 <= d <= 31 and _real(year, m, d)]
    if not valid:
        return None
    if len(valid) > 1 and valid[0] != valid[1]:
        weekday = _weekday_before(text, match.start(), pats, voc)
        if weekday:
            agreeing = [(m, d) for m, d in valid if date(year, m, d).isoweekday() == weekday]
            valid = agreeing or valid
    month, day = valid[0]
    return year, month, day


def _weekday_before(text: str, start: int, pats: Patterns, voc: Vocab) -> int | None:
    match = pats.weekday_before.search(text, max(0, start - LOOK_BEHIND), start)
    return voc.weekdays.get(_key(match["wd"])) if match else None


def _real(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _with_time(
    text: str,
    start: int,
    end: int,
    year: int,
    month: int,
    day: int,
    pats: Patterns,
    zone: tzinfo | None,
) -> tuple[date | datetime | None, int]:
    """The date, with its printed time (after it, or just before it) where there is one."""
    if not _real(year, month, day):
        return None, end
    match = pats.time_after.match(text, end)
    t_end = match.end() if match else end
    if match is None:
        match = pats.time_before.search(text, max(0, start - LOOK_BEHIND), start)
    if match is None:
        return date(year, month, day), end
    moment = _time_of(match, zone)
    if moment is None:
        return date(year, month, day), end
    clock, tz = moment
    value = localise(datetime.combine(date(year, month, day), clock), tz)
    return value, t_end


def _time_of(match: re.Match[str], zone: tzinfo | None) -> tuple[time, tzinfo | None] | None:
    hour, minute = int(match["H"]), int(match["M"])
    second = int(match["S"]) if match["S"] else 0
    ampm = (match["ap"] or "").lower()
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    if hour > 23:
        return None
    tz = _zone_of(match) or zone
    return time(hour, minute, second), tz


def _zone_of(match: re.Match[str]) -> tzinfo | None:
    if match["off2"]:
        text = match["off2"]
        return parse_offset("+00:00") if text.upper() == "Z" else parse_offset(text)
    if not match["tzn"]:
        return None
    base = abbreviations().get(match["tzn"].upper())
    if base is None:
        return None
    if match["off1"]:
        return parse_offset(match["off1"].replace(" ", ""))
    return base
