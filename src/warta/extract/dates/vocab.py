"""The date words of one language, merged with every other language's as a fallback.

A page in Indonesian may still print "April 26, 2024", so each vocabulary holds its own language's
words first and then the words of all other languages that do not contradict them (a word that
means different months in two other languages is left out). Built once per language and cached.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

from warta import lexicon

TOPIC = "dates"
UNITS = ("second", "minute", "hour", "day", "week", "month", "year")
# Standalone relative words of other languages this short are too often ordinary words.
MIN_FOREIGN_WORD = 3


@dataclass(frozen=True, slots=True)
class Vocab:
    """Every date word warta knows, as seen from one language."""

    lang: str | None
    order: str  # "dmy", "mdy" or "ymd"
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    units: Mapping[str, str]  # unit word -> one of UNITS
    fillers: tuple[str, ...]
    time_words: tuple[str, ...]
    ago_after: tuple[str, ...]
    ago_before: tuple[str, ...]
    one: tuple[str, ...]
    days_back: Mapping[str, int]  # "kemarin" -> 1, "today" -> 0
    published_cues: tuple[str, ...]
    modified_cues: tuple[str, ...]
    date_hints: tuple[str, ...]
    skip_hints: tuple[str, ...]


def resolve(lang: str | None) -> str | None:
    """The lexicon folder for a language code ("id", "en-US", "nb"), or None if there is none."""
    if not lang:
        return None
    code = lang.strip().lower().replace("_", "-").split("-")[0]
    if code in lexicon.languages() and lexicon.load(code, TOPIC):
        return code
    for other in lexicon.languages():
        if code in lexicon.load(other, TOPIC).get("aliases", ()):
            return other
    return None


@cache
def vocab(lang: str | None) -> Vocab:
    """The vocabulary for ``lang`` (any code; unknown or None gives the all-language one)."""
    return _vocab(resolve(lang))  # built once per lexicon, whatever code names it


@cache
def _vocab(code: str | None) -> Vocab:
    own = lexicon.load(code, TOPIC) if code else {}
    others = [lexicon.load(o, TOPIC) for o in lexicon.languages() if o != code]
    others = [o for o in others if o]
    rel_own = own.get("relative", {})
    return Vocab(
        lang=code,
        order=str(own.get("order", "dmy")),
        months=_numbered(own, "months"),
        weekdays=_numbered(own, "weekdays"),
        units=_units(own),
        fillers=_words(own, others, lambda t: t.get("fillers", ())),
        time_words=_words(own, others, lambda t: t.get("time_words", ())),
        ago_after=_words(own, others, lambda t: t.get("relative", {}).get("ago_after", ())),
        ago_before=_words(own, others, lambda t: t.get("relative", {}).get("ago_before", ())),
        one=tuple(rel_own.get("one", ())) + _foreign(others, "one"),
        days_back=_days_back(own, others),
        published_cues=_words(own, others, lambda t: t.get("cues", {}).get("published", ())),
        modified_cues=_words(own, others, lambda t: t.get("cues", {}).get("modified", ())),
        date_hints=_words(own, others, lambda t: t.get("markup", {}).get("date_hints", ())),
        skip_hints=_words(own, others, lambda t: t.get("markup", {}).get("skip_hints", ())),
    )


def _numbered(own: dict[str, Any], key: str) -> Mapping[str, int]:
    """Word -> number for months or weekdays: own words win, contradicted foreign words go."""
    table = {w: int(n) for n, words in own.get(key, {}).items() for w in words}
    for word, number in _unambiguous(key):
        if word not in table:
            table[word] = number
    return MappingProxyType(table)


@cache
def _unambiguous(key: str) -> tuple[tuple[str, int], ...]:
    """The month or weekday words of every language that mean one number in every language
    that lists them, in the order they first appear. Gathered once for all vocabularies: a
    word that a language lists is its own there, so the other languages alone decide the
    rest, as they do here."""
    numbers: dict[str, set[int]] = {}
    for lang in lexicon.languages():
        for n, words in lexicon.load(lang, TOPIC).get(key, {}).items():
            for word in words:
                numbers.setdefault(word, set()).add(int(n))
    return tuple((word, next(iter(found))) for word, found in numbers.items() if len(found) == 1)


def _units(own: dict[str, Any]) -> Mapping[str, str]:
    table = {w: u for u in UNITS for w in own.get("relative", {}).get("units", {}).get(u, ())}
    for word, unit in _unambiguous_units():
        if word not in table:
            table[word] = unit
    return MappingProxyType(table)


@cache
def _unambiguous_units() -> tuple[tuple[str, str], ...]:
    """As ``_unambiguous``, for the relative units' words long enough to borrow."""
    units: dict[str, set[str]] = {}
    for lang in lexicon.languages():
        for unit in UNITS:
            for word in (
                lexicon.load(lang, TOPIC).get("relative", {}).get("units", {}).get(unit, ())
            ):
                units.setdefault(word, set()).add(unit)
    return tuple(
        (word, next(iter(found)))
        for word, found in units.items()
        if len(found) == 1 and len(word) >= MIN_FOREIGN_WORD
    )


MIN_FOREIGN_DAY_WORD = 6  # without a known language, only long words: "kemarin", "gestern"


def _days_back(own: dict[str, Any], others: list[dict[str, Any]]) -> Mapping[str, int]:
    keys = (("today", 0), ("yesterday", 1), ("day_before_yesterday", 2))
    table: dict[str, int] = {}
    for key, back in keys:
        for word in own.get("relative", {}).get(key, ()):
            table.setdefault(word, back)
    if own:
        # One word is too little to borrow from another language: French "hier" (yesterday)
        # is German and Dutch for "here".
        return MappingProxyType(table)
    for other in others:
        for key, back in keys:
            for word in other.get("relative", {}).get(key, ()):
                if len(word) >= MIN_FOREIGN_DAY_WORD:
                    table.setdefault(word, back)
    return MappingProxyType(table)


def _foreign(others: list[dict[str, Any]], key: str) -> tuple[str, ...]:
    words = (w for o in others for w in o.get("relative", {}).get(key, ()))
    return tuple(dict.fromkeys(w for w in words if len(w) >= MIN_FOREIGN_WORD))


def _words(
    own: dict[str, Any], others: list[dict[str, Any]], get: Callable[[dict[str, Any]], Any]
) -> tuple[str, ...]:
    """A list key gathered from own language first, then every other, without repeats."""
    words: Iterable[str] = [*get(own), *(w for o in others for w in get(o))]
    return tuple(dict.fromkeys(words))
