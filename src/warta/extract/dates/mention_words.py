"""A language's day and month words, for the date mentions of a text (see ``mentions``), and
the patterns that read them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Any

from warta import lexicon
from warta.extract.dates.patterns import CJK, NO_LETTER_BEFORE, NO_WORD_AFTER, alternation
from warta.extract.dates.vocab import TOPIC, resolve, vocab

WORD = re.compile(r"[^\W\d_]+")
CJK_CHAR = re.compile(f"[{CJK}]")
NOT_YEAR = r"(?![\s.,]*(?:19|20)[0-9]{2})"


@dataclass(frozen=True, slots=True)
class Firsts:
    """The words that can begin a day's or a month's name, lower case, as ``mentions`` reads
    them: those in ASCII letters encoded, to be looked up among a text's runs of ASCII letters
    at once; the others, sorted, to be searched for in the text."""

    ascii: frozenset[bytes]
    other: tuple[str, ...]


@dataclass(frozen=True)
class MentionWords:
    """A language's day and month words, and the patterns that read them. Each pattern is
    compiled when first read and kept in ``compiled``: compiling them all cost a language's
    first page a millisecond, and most texts call for a few (no weekday, no CJK, no weekday
    after a cue). (Not ``cached_property``: mypyc compiles it to a plain property, which built
    the pattern's source and looked it up again on every read, 1.5 µs each.)"""

    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    month_firsts: frozenset[str]
    weekday_firsts: frozenset[str]
    firsts: Firsts  # both, without those that are no single word
    capitalised: bool
    bare_weekdays: bool
    fillers: tuple[str, ...]
    cjk_days: tuple[str, ...]  # weekday names in CJK characters
    weekday_cues: tuple[str, ...]
    order: str
    weekdays_longest_first: tuple[str, ...] = ()
    compiled: dict[str, re.Pattern[str]] = field(
        default_factory=dict, hash=False, compare=False, repr=False
    )

    @property
    def cjk_weekdays(self) -> bool:
        """There are CJK weekday names: texts with CJK characters are searched for them."""
        return bool(self.cjk_days)

    def _month(self) -> str:
        return rf"{NO_LETTER_BEFORE}(?P<mon>{alternation(self.months)})\.?{NO_WORD_AFTER}"

    def _pattern(self, name: str) -> re.Pattern[str]:
        found = self.compiled.get(name)
        if found is None:
            source, flags = self._source(name)
            found = self.compiled[name] = _compiled(source, flags)
        return found

    def _source(self, name: str) -> tuple[str, int]:
        """The regex of the pattern called ``name``, and its flags."""
        if name == "day_month":
            fill = alternation(self.fillers)
            day = r"(?P<d>[0-3]?[0-9])(?![0-9])\.?\s*"
            return rf"{day}(?:(?:{fill})\s*)?{self._month()}{NOT_YEAR}", re.IGNORECASE
        if name == "month_day":
            after = r"(?![0-9.:/-]|,?\s*(?:19|20)[0-9]{2})(?:st|nd|rd|th)?"
            return rf"{self._month()}\s*(?P<d>[0-3]?[0-9]){after}", re.IGNORECASE
        if name == "weekday":
            names = alternation(self.weekdays)
            return rf"{NO_LETTER_BEFORE}(?P<wd>{names}){NO_WORD_AFTER}", re.IGNORECASE
        if name == "cjk_weekday":  # matches nothing without CJK weekday names
            return rf"(?P<wd>{alternation(self.cjk_days, ignore_case=False)})", 0
        cues = alternation(self.weekday_cues)  # "cue_before"
        return rf"{NO_LETTER_BEFORE}(?:{cues})\s+\Z", re.IGNORECASE

    @property
    def day_month(self) -> re.Pattern[str]:  # tried at the start of a number
        return self._pattern("day_month")

    @property
    def month_day(self) -> re.Pattern[str]:  # tried at the start of a month's first word
        return self._pattern("month_day")

    @property
    def weekday(self) -> re.Pattern[str]:
        return self._pattern("weekday")

    @property
    def cjk_weekday(self) -> re.Pattern[str]:
        return self._pattern("cjk_weekday")

    @property
    def cue_before(self) -> re.Pattern[str]:
        return self._pattern("cue_before")


@cache
def mention_words(lang: str | None) -> MentionWords:
    # Built once per lexicon, whatever code names it ("en", "en-US", "EN"; None for all).
    return _lexicon_words(resolve(lang))


@cache
def _lexicon_words(code: str | None) -> MentionWords:
    table: dict[str, Any] = lexicon.load(code, TOPIC) if code else {}
    voc = vocab(code)
    if table:
        months = {w: int(n) for n, ws in table.get("months", {}).items() for w in ws}
        weekdays = {w: int(n) for n, ws in table.get("weekdays", {}).items() for w in ws}
    else:
        months, weekdays = dict(voc.months), dict(voc.weekdays)
    weekdays = {w: n for w, n in weekdays.items() if len(w) >= 4 or not w.isascii()}
    months = {w: n for w, n in months.items() if len(w) >= 3}
    cjk_days = [w for w in weekdays if CJK_CHAR.search(w)]
    return MentionWords(
        months=MappingProxyType(months),
        weekdays=MappingProxyType(weekdays),
        month_firsts=_firsts(months),
        weekday_firsts=_firsts(w for w in weekdays if w not in cjk_days),
        firsts=_split_firsts(
            f
            for f in _firsts(months) | _firsts(w for w in weekdays if w not in cjk_days)
            if WORD.fullmatch(f)
        ),
        capitalised=bool(table.get("capitalised", True)),
        bare_weekdays=bool(table.get("bare_weekdays", False)),
        fillers=tuple(voc.fillers),
        cjk_days=tuple(cjk_days),
        weekday_cues=tuple(table.get("weekday_cues", ())),
        order=voc.order,
        weekdays_longest_first=tuple(sorted(weekdays, key=len, reverse=True)),
    )


def _split_firsts(firsts: Iterable[str]) -> Firsts:
    ordered = sorted(firsts)
    return Firsts(
        ascii=frozenset(f.encode() for f in ordered if f.isascii()),
        other=tuple(f for f in ordered if not f.isascii()),
    )


def _firsts(names: Iterable[str]) -> frozenset[str]:
    """The first word of each name, lower case ("tháng" of "tháng 5", "jum" of "jum'at")."""
    firsts = (WORD.match(name) for name in names)
    return frozenset(m[0].lower() for m in firsts if m is not None)


@cache
def _compiled(source: str, flags: int = 0) -> re.Pattern[str]:
    """A compiled pattern, shared by the languages whose patterns read the same (all those
    without date words of their own read every language's)."""
    return re.compile(source, flags)
