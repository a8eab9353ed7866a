"""Days the article's text refers to: "(16/5)", "Selasa (16/2/2016)", "pada 16 Mei", "on Monday".

References without a year take the year that puts them closest to the publication date, and
rather before it than after: a "(28/12)" in an article of 3 January is last year's. A weekday is
the last such day on or before publication.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from itertools import chain

from warta.article import DateMention
from warta.extract.cue_scan import LoweredText, text_words
from warta.extract.dates.bounds import bounds_for
from warta.extract.dates.mention_words import (
    CJK_CHAR,
    Firsts,
    MentionWords,
    mention_words,
)
from warta.extract.dates.parse import scan_ascii
from warta.extract.dates.patterns import (
    ascii_digits,
)
from warta.extract.dates.short_numbers import (
    number_marks,
    other_digits_possible,
    short_numbers,
)

# A bare day/month is believed only this close to publication (days before, days after).
WINDOW_BEFORE = 62
WINDOW_AFTER = 31
# A date after publication costs this many times as much as one as far before it.
AFTER_COST = 3
WEEKDAY_GAP = 3  # characters allowed between a weekday and the "(16/5)" it names
CUE_REACH = 25  # characters before a weekday searched for "on", "pada", "am"
NAMES_A_DATE = re.compile(r"[\s,]{0,3}[(0-9]")


# Tried at the start of a number only; the same in every language.
DAY_SLASH_MONTH = re.compile(r"(?P<a>[0-3]?[0-9])/(?P<b>[01]?[0-9])(?![0-9/.,-])(?P<close>\s*\))?")
CJK_MONTH_DAY = re.compile(
    r"(?<![0-9年년])(?P<m>[01]?[0-9])\s*[月월]\s*(?P<d>[0-3]?[0-9])\s*[日일]"
)


def find_date_mentions(
    text: str,
    *,
    published: date | datetime | None,
    lang: str | None = None,
    lowered: LoweredText | None = None,
) -> tuple[DateMention, ...]:
    """Every day the text refers to, resolved to a date, with its character span in ``text``.

    Full dates ("16/2/2016") need nothing else; a day and month, or a weekday, are resolved
    against ``published`` and are skipped when it is unknown. ``lowered``:
    ``cue_scan.lowered_text(text)``, where the caller has it.
    """
    try:
        return _find(text, published, lang, lowered)
    except (ValueError, OverflowError, RecursionError):
        return ()


def _find(
    text: str, published: date | datetime | None, lang: str | None, lowered: LoweredText | None
) -> tuple[DateMention, ...]:
    digits, marks = _digits_and_marks(text)
    day = published.date() if isinstance(published, datetime) else published
    words = mention_words(lang)
    taken: list[tuple[int, int, date]] = []
    bounds = bounds_for(None)
    for found in scan_ascii(digits, lang=lang, bounds=bounds, order=words.order):
        taken.append((found.start, found.end, _as_date(found.value)))
    if day is not None:
        named = _starts(digits, words.firsts, lowered)
        taken.extend(_partial(digits, words, day, named, short_numbers(marks)))
        taken.extend(_weekdays(digits, words, day, named))
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


def _digits_and_marks(text: str) -> tuple[str, bytes]:
    """``ascii_digits(text)``, and its ``number_marks``. The marks tell first whether the text
    may hold other digits at all: most texts do not, and need no search for them."""
    marks = number_marks(text)
    if not other_digits_possible(marks):
        return text, marks
    digits = ascii_digits(text)
    return digits, marks if digits == text else number_marks(digits)


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _partial(
    text: str,
    words: MentionWords,
    published: date,
    named: list[tuple[int, str]],
    numbers: list[int],
) -> list[tuple[int, int, date]]:
    """Day-and-month references without a year: "(16/5)", "16 Mei", "May 16", "5月16日".

    Every pattern is tried only where a number (``numbers``: ``short_numbers`` of the text)
    or a month's first word starts: one quick pass over the text each, not one per pattern.
    """
    out: list[tuple[int, int, date]] = []
    # "16/5" has its slash right after the number; "5月16日" needs a month sign in the text.
    signs = "月" in text or "월" in text
    for start in numbers:
        slash = DAY_SLASH_MONTH.match(text, start) if "/" in text[start + 1 : start + 3] else None
        if slash is not None:
            _slash(out, text, slash, words, published)
            continue
        cjk = CJK_MONTH_DAY.match(text, start) if signs else None
        if cjk is not None:
            value = infer_year(int(cjk["m"]), int(cjk["d"]), published)
            _add(out, cjk.start(), cjk.end(), value)
            continue
        _named(out, words.day_month.match(text, start), words, published)
    for start, word in named:
        if word in words.month_firsts:
            _named(out, words.month_day.match(text, start), words, published)
    return out


def _slash(
    out: list[tuple[int, int, date]],
    text: str,
    match: re.Match[str],
    words: MentionWords,
    published: date,
) -> None:
    """A day/month in parentheses ("(16/5)") or after a weekday ("Senin 16/5"); not "2/3"."""
    a, b = int(match["a"]), int(match["b"])
    month, day = (a, b) if words.order == "mdy" else (b, a)
    before = text[: match.start()].rstrip()
    if match["close"] and before.endswith("("):
        start = len(before) - 1
    elif _weekday_just_before(text, match.start(), words):
        start = match.start()
    else:
        return
    _add(out, start, match.end(), infer_year(month, day, published, near=True))


def _named(
    out: list[tuple[int, int, date]],
    match: re.Match[str] | None,
    words: MentionWords,
    published: date,
) -> None:
    if match is None:
        return
    name = match["mon"]
    if words.capitalised and not name[:1].isupper():
        return
    number = words.months.get(name.lower().rstrip("."))
    if number:
        value = infer_year(number, int(match["d"]), published, near=False)
        _add(out, match.start(), match.end(), value)


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


def _weekdays(
    text: str, words: MentionWords, published: date, named: list[tuple[int, str]]
) -> list[tuple[int, int, date]]:
    out: list[tuple[int, int, date]] = []
    found: Iterable[re.Match[str] | None] = (
        words.weekday.match(text, start) for start, word in named if word in words.weekday_firsts
    )
    if words.cjk_weekdays and CJK_CHAR.search(text):
        found = chain(found, words.cjk_weekday.finditer(text))
    for match in found:
        if match is None:
            continue
        name = match["wd"]
        if words.capitalised and not name[:1].isupper():
            continue
        number = words.weekdays.get(name.lower())
        cued = words.cue_before.search(text, max(0, match.start() - CUE_REACH), match.start())
        if number is None or not (cued or words.bare_weekdays):
            continue
        if NAMES_A_DATE.match(text, match.end()):
            continue  # "Selasa (16/2)": the date after it is the mention
        back = (published.isoweekday() - number) % 7
        out.append((match.start(), match.end(), published - timedelta(days=back)))
    return out


def _starts(text: str, firsts: Firsts, given: LoweredText | None = None) -> list[tuple[int, str]]:
    """Where the words that can begin a name start, and the word: one quick pass over the text
    before the costly patterns are tried there. ``firsts``: runs of letters, lower case;
    ``given``: the text lowered, with its words (digits aside, the same text)."""
    if given is not None and len(given.text) == len(text):
        lowered, runs = given.text, given.words
    else:
        lowered = text.lower()
        if len(lowered) != len(text):  # a few letters ("İ") lengthen when lowered
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        runs = text_words(lowered)
    # A word written in ASCII letters stands whole among the text's runs of ASCII letters
    # (any other character ends one): only the words found there, and the others found in the
    # text as strings, are sought.
    present = _present(firsts, lowered, runs)
    # Each word is a whole run of letters where it is found, so two finds never overlap and
    # none is found twice at one place: in the order of places, they are what one alternation
    # of them all would find (compiling one per text, of the words it holds, cost more).
    found = [(at, word) for word in present for at in whole_word_starts(lowered, word)]
    found.sort()
    return found


def _present(firsts: Firsts, lowered: str, runs: frozenset[bytes]) -> list[str]:
    """The words of ``firsts`` that ``lowered`` may hold whole: an ASCII one among its
    ``runs``, another as a string. Each of the others costs a search of the text (a long text
    in Cyrillic holds no ASCII run to look up): a word that extends one not found, which sorts
    right before it ("август" after "авг"), is not found either, and is not searched for."""
    present = [word.decode() for word in firsts.ascii.intersection(runs)]
    missing = ""  # the last word searched for and not found
    for word in firsts.other:
        if missing and word.startswith(missing):
            continue
        elif word in lowered:
            present.append(word)
        else:
            missing = word
    return present


def whole_word_starts(text: str, word: str) -> list[int]:
    r"""Where ``word`` (a run of letters) stands in ``text`` as a whole run of letters, left to
    right: where the regex ``word(?<![^\W\d_]word)(?![^\W\d_])`` matches. A search for the
    word as a string, with its edges checked: no regex to compile for each word, as most of
    them turn up on few pages."""
    found: list[int] = []
    size = len(word)
    at = text.find(word) if size else -1
    while at >= 0:
        end = at + size
        if (at == 0 or not _is_letter(text[at - 1])) and (
            end == len(text) or not _is_letter(text[end])
        ):
            found.append(at)
            at = text.find(word, end)
        else:
            at = text.find(word, at + 1)
    return found


def _is_letter(char: str) -> bool:
    r"""``[^\W\d_]``: a word character (``isalnum``, or "_") that is neither a decimal digit
    nor "_"."""
    return char.isalnum() and not char.isdecimal()


def _weekday_just_before(text: str, start: int, words: MentionWords) -> bool:
    window = text[max(0, start - 20) : start].rstrip(" ,(")
    return window.lower().endswith(tuple(words.weekdays))


def _with_weekday(text: str, start: int, words: MentionWords) -> int:
    """Extend a date's span back over the weekday that names it ("Selasa (16/2/2016)")."""
    window = text[max(0, start - 20) : start]
    stripped = window.rstrip(" ,(")
    if len(window) - len(stripped) > WEEKDAY_GAP:
        return start
    lowered = stripped.lower()
    if not lowered.endswith(words.weekdays_longest_first):
        return start  # most dates: no weekday before them, told without a loop over the names
    for name in words.weekdays_longest_first:
        if lowered.endswith(name) and (
            len(lowered) == len(name) or not lowered[-len(name) - 1].isalpha()
        ):
            return start - (len(window) - len(stripped)) - len(name)
    return start
