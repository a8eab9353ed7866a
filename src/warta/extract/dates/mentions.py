"""Days the article's text refers to: "(16/5)", "Selasa (16/2/2016)", "pada 16 Mei", "on Monday".

References without a year take the year that puts them closest to the publication date, and
rather before it than after: a "(28/12)" in an article of 3 January is last year's. A weekday is
the last such day on or before publication.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from warta import lexicon
from warta.article import DateMention
from warta.extract.dates.bounds import bounds_for
from warta.extract.dates.parse import scan
from warta.extract.dates.patterns import NO_LETTER_BEFORE, NO_WORD_AFTER, alternation, ascii_digits
from warta.extract.dates.vocab import TOPIC, resolve, vocab

# A bare day/month is believed only this close to publication (days before, days after).
WINDOW_BEFORE = 62
WINDOW_AFTER = 31
# A date after publication costs this many times as much as one as far before it.
AFTER_COST = 3
WEEKDAY_GAP = 3  # characters allowed between a weekday and the "(16/5)" it names
NAMES_A_DATE = re.compile(r"[\s,]{0,3}[(0-9]")


@dataclass(frozen=True, slots=True)
class _Words:
    months: dict[str, int]
    weekdays: dict[str, int]
    capitalised: bool
    bare_weekdays: bool
    day_slash_month: re.Pattern[str]
    day_month: re.Pattern[str]
    month_day: re.Pattern[str]
    weekday: re.Pattern[str]
    order: str


def find_date_mentions(
    text: str, *, published: date | datetime | None, lang: str | None = None
) -> tuple[DateMention, ...]:
    """Every day the text refers to, resolved to a date, with its character span in ``text``.

    Full dates ("16/2/2016") need nothing else; a day and month, or a weekday, are resolved
    against ``published`` and are skipped when it is unknown.
    """
    try:
        return _find(text, published, lang)
    except (ValueError, OverflowError, RecursionError):
        return ()


def _find(
    text: str, published: date | datetime | None, lang: str | None
) -> tuple[DateMention, ...]:
    digits = ascii_digits(text)
    day = published.date() if isinstance(published, datetime) else published
    words = _words(lang)
    taken: list[tuple[int, int, date]] = []
    bounds = bounds_for(None)
    for found in scan(digits, lang=lang, bounds=bounds, order=words.order):
        taken.append((found.start, found.end, _as_date(found.value)))
    if day is not None:
        taken.extend(_partial(digits, words, day))
        taken.extend(_weekdays(digits, words, day))
    mentions: list[DateMention] = []
    last_end = -1
    for start, end, value in sorted(taken, key=lambda t: (t[0], -t[1])):
        if start < last_end:
            continue
        start = _with_weekday(digits, start, words)
        if end < len(digits) and digits[end] == ")" and "(" in digits[start:end]:
            end += 1
        mentions.append(DateMention(text=text[start:end], date=value, span=(start, end)))
        last_end = end
    return tuple(mentions)


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _partial(text: str, words: _Words, published: date) -> list[tuple[int, int, date]]:
    """Day-and-month references without a year."""
    out: list[tuple[int, int, date]] = []
    for match in words.day_slash_month.finditer(text):
        a, b = int(match["a"]), int(match["b"])
        month, day = (a, b) if words.order == "mdy" else (b, a)
        if match["open"] or _weekday_just_before(text, match.start(), words):
            _add(out, match.start(), match.end(), infer_year(month, day, published, near=True))
    for pattern in (words.day_month, words.month_day):
        for match in pattern.finditer(text):
            name = match["mon"]
            if words.capitalised and not name[:1].isupper():
                continue
            number = words.months.get(name.lower().rstrip("."))
            if number:
                value = infer_year(number, int(match["d"]), published, near=False)
                _add(out, match.start(), match.end(), value)
    return out


def _add(out: list[tuple[int, int, date]], start: int, end: int, value: date | None) -> None:
    if value is not None:
        out.append((start, end, value))


def infer_year(month: int, day: int, published: date, *, near: bool = False) -> date | None:
    """The date of a day and month seen in an article published on ``published``.

    With ``near``, only a date within a few weeks of publication is believed (a bare "(2/3)" is
    more likely a fraction than a date three months back).
    """
    best: tuple[int, date] | None = None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            value = date(year, month, day)
        except ValueError:
            continue
        delta = (value - published).days
        if near and (delta < -WINDOW_BEFORE or delta > WINDOW_AFTER):
            continue
        cost = -delta if delta <= 0 else delta * AFTER_COST
        if best is None or cost < best[0]:
            best = (cost, value)
    return best[1] if best else None


def _weekdays(text: str, words: _Words, published: date) -> list[tuple[int, int, date]]:
    out: list[tuple[int, int, date]] = []
    for match in words.weekday.finditer(text):
        name = match["wd"]
        if words.capitalised and not name[:1].isupper():
            continue
        number = words.weekdays.get(name.lower())
        if number is None or not (match["cue"] or words.bare_weekdays):
            continue
        if NAMES_A_DATE.match(text, match.end()):
            continue  # "Selasa (16/2)": the date after it is the mention
        back = (published.isoweekday() - number) % 7
        out.append((match.start("wd"), match.end("wd"), published - timedelta(days=back)))
    return out


def _weekday_just_before(text: str, start: int, words: _Words) -> bool:
    window = text[max(0, start - 20) : start].rstrip(" ,(")
    return any(window.lower().endswith(name) for name in words.weekdays)


def _with_weekday(text: str, start: int, words: _Words) -> int:
    """Extend a date's span back over the weekday that names it ("Selasa (16/2/2016)")."""
    window = text[max(0, start - 20) : start]
    stripped = window.rstrip(" ,(")
    if len(window) - len(stripped) > WEEKDAY_GAP:
        return start
    lowered = stripped.lower()
    for name in sorted(words.weekdays, key=len, reverse=True):
        if lowered.endswith(name) and (
            len(lowered) == len(name) or not lowered[-len(name) - 1].isalpha()
        ):
            return start - (len(window) - len(stripped)) - len(name)
    return start


@cache
def _words(lang: str | None) -> _Words:
    code = resolve(lang)
    table: dict[str, Any] = lexicon.load(code, TOPIC) if code else {}
    voc = vocab(lang)
    if table:
        months = {w: int(n) for n, ws in table.get("months", {}).items() for w in ws}
        weekdays = {w: int(n) for n, ws in table.get("weekdays", {}).items() for w in ws}
    else:
        months, weekdays = dict(voc.months), dict(voc.weekdays)
    weekdays = {w: n for w, n in weekdays.items() if len(w) >= 4 or not w.isascii()}
    months = {w: n for w, n in months.items() if len(w) >= 3}
    cues = alternation(table.get("weekday_cues", ()))
    fill = alternation(voc.fillers)
    mon = rf"{NO_LETTER_BEFORE}(?P<mon>{alternation(months)})\.?{NO_WORD_AFTER}"
    return _Words(
        months=months,
        weekdays=weekdays,
        capitalised=bool(table.get("capitalised", True)),
        bare_weekdays=bool(table.get("bare_weekdays", False)),
        day_slash_month=re.compile(
            r"(?P<open>\(\s*)?(?<![0-9./-])(?P<a>[0-3]?[0-9])/(?P<b>[01]?[0-9])(?![0-9/.,-])"
            r"(?(open)\s*\))"
        ),
        day_month=re.compile(
            rf"(?<![0-9.,/:-])(?P<d>[0-3]?[0-9])(?![0-9])\.?\s*(?:(?:{fill})\s*)?{mon}(?![\s.,]*(?:19|20)[0-9]{{2}})",
            re.IGNORECASE,
        ),
        month_day=re.compile(
            rf"{mon}\s*(?P<d>[0-3]?[0-9])(?![0-9.:/-]|,?\s*(?:19|20)[0-9]{{2}})(?:st|nd|rd|th)?",
            re.IGNORECASE,
        ),
        weekday=re.compile(
            rf"(?:(?P<cue>{NO_LETTER_BEFORE}(?:{cues}))\s+)?"
            rf"{NO_LETTER_BEFORE}(?P<wd>{alternation(weekdays)}){NO_WORD_AFTER}",
            re.IGNORECASE,
        ),
        order=voc.order,
    )
