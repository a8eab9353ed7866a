"""Regular expressions for printed dates, built once per language from its vocabulary.

Digits are matched as ASCII: callers first run :func:`ascii_digits` over the text (it keeps every
offset), so Arabic-Indic, Devanagari or full-width digits read the same.

Compiling these patterns, with hundreds of names each, costs milliseconds: a pattern is compiled
once per source (most read the same in every language: each vocabulary holds every language's
words), and the relative ones, which only a crawl time calls for, when first used.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from warta.extract.dates.vocab import Vocab, vocab
from warta.extract.dates.word_trie import trie_alternation
from warta.extract.dates.zones import abbreviations
from warta.extract.regex_case import fold, folder, nonletter_cases

# Not preceded by a letter / not followed by a letter or digit: word edges that let "17Mei" pass.
NO_LETTER_BEFORE = r"(?<![^\W\d_])"
NO_WORD_AFTER = r"(?![^\W_])"
# Chinese, Japanese and Korean write words without spaces: no word edge is needed after them.
CJK = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"
WORD_END = rf"(?:(?<=[{CJK}])|{NO_WORD_AFTER})"
YEAR = r"(?P<y>(?:19|20)[0-9]{2})(?![0-9])"
DAY_PLAIN = r"(?P<d>[0-3]?[0-9])"
DAY = DAY_PLAIN + r"(?![0-9])(?:st|nd|rd|th|er|ème|e|º|°|ª)?\.?"
# Not after a digit, then 19xx/20xx or a day: written to open with a digit, the edge checked
# after it, so that the regex engine skips from digit to digit (a look-behind first would have
# it try every position). Each reads as "(?<![0-9])" followed by the plain form.
YEAR_LED = r"(?P<y>(?:1(?<![0-9]1)9|2(?<![0-9]2)0)[0-9]{2})"  # (?<![0-9])(?P<y>(?:19|20)[0-9]{2})
DAY_LED = r"(?P<d>[0-9](?<![0-9][0-9])(?:(?<=[0-3])[0-9])?)"  # (?<![0-9])(?P<d>[0-3]?[0-9])
# (?<![0-9])(?<![0-9][./-])(?P<a>[0-9]{1,2})
NUMBER_LED = r"(?P<a>[0-9](?<![0-9][0-9])(?<![0-9][./-][0-9])[0-9]?)"
FLAGS = re.IGNORECASE
OTHER_DIGIT = re.compile(r"[^\D0-9]")  # a decimal digit but 0-9 (one class: a fast search)
LETTERS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Patterns:
    """Compiled patterns for one vocabulary."""

    iso: re.Pattern[str]  # 2021-05-17, 2021/5/17
    numeric: re.Pattern[str]  # 17.05.2021, 05/11/2015, 17-05-21
    day_month_year: re.Pattern[str]  # 17 Mei 2021, 17. Mai 2021, 17 de mayo de 2021
    month_day_year: re.Pattern[str]  # May 17, 2021
    year_month_day: re.Pattern[str]  # 2021. május 17.
    cjk: re.Pattern[str]  # 2021年5月17日
    time_after: re.Pattern[str]  # ", 10:08 WIB" right after a date (use .match at its end)
    time_before: re.Pattern[str]  # "10:08 WIB, Kamis " right before a date (search, ends at \Z)
    weekday_before: re.Pattern[str]  # "Kamis, " right before a date
    lang: str | None  # the vocabulary's language: the relative patterns below are its
    # The first words of the month names, folded (see warta.extract.regex_case), where a
    # search for month_day_year may start only at such a word; None where it may not.
    month_firsts: frozenset[str] | None = None
    month_guard: str = ""  # a text holding any of these is searched whole

    @property
    def rel_after(self) -> re.Pattern[str]:  # 2 jam yang lalu
        return _relative(self.lang)[0]

    @property
    def rel_before(self) -> re.Pattern[str]:  # vor 2 Stunden
        return _relative(self.lang)[1]

    @property
    def rel_word(self) -> re.Pattern[str]:  # kemarin
        return _relative(self.lang)[2]


def alternation(words: Iterable[str], *, ignore_case: bool = True) -> str:
    """Longest-first alternation of literal words; a space inside a word matches any space.
    Written as a trie (see ``word_trie``) for a pattern that ignores case, or with
    ``ignore_case=False`` for one where case counts."""
    return _alternation(frozenset(w for w in words if w), ignore_case)


@cache
def _alternation(words: frozenset[str], ignore_case: bool) -> str:
    """(Built once per set of words: most sets are every language's, alike in every one.)"""
    unique = sorted(words, key=lambda w: (-len(w), w))
    if not unique:
        return r"(?!x)x"  # matches nothing
    table = folder() if ignore_case else None
    trie = trie_alternation(unique, table) if table is not None or not ignore_case else None
    return trie if trie is not None else plain_alternation(unique)


def plain_alternation(ordered: Iterable[str]) -> str:
    """The alternation of ``ordered`` as written, branch after branch."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


# The zero of every run of ten decimal digits in the BMP beyond ASCII (Arabic-Indic, Devanagari,
# Thai, fullwidth ...), as Python 3.11's Unicode data lists them: reading these 36 runs beats
# testing 65,000 characters on the first page that needs them. Each digit is still checked.
_DIGIT_ZEROS = (
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6,
    0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
    0xFF10,
)  # fmt: skip


@cache
def ascii_digit_table() -> Mapping[int, int]:
    """Non-ASCII decimal digits in the BMP -> their ASCII digit (one char for one char)."""
    table: dict[int, int] = {}
    for zero in _DIGIT_ZEROS:
        for value in range(10):
            char = chr(zero + value)
            if char.isdecimal() and unicodedata.decimal(char) == value:
                table[zero + value] = ord("0") + value
    return MappingProxyType(table)


def ascii_digits(text: str) -> str:
    """The text with every decimal digit in ASCII, offsets unchanged."""
    if text.isascii() or OTHER_DIGIT.search(text) is None:
        return text
    return text.translate(ascii_digit_table())


@cache
def patterns(lang: str | None) -> Patterns:
    """The compiled patterns for a language (None: every language)."""
    return _patterns(vocab(lang).lang)  # built once per lexicon, whatever code names it


@cache
def _patterns(code: str | None) -> Patterns:
    return _build(vocab(code))


def _build(v: Vocab) -> Patterns:
    mon = rf"{NO_LETTER_BEFORE}(?P<mon>{alternation(v.months)})\.?{NO_WORD_AFTER}"
    fill = alternation(v.fillers)
    sep = rf"[\s,./–-]*(?:(?:{fill})\s*)?"
    weekday = rf"{NO_LETTER_BEFORE}(?:{alternation(v.weekdays)})\.?{NO_WORD_AFTER}"
    time_core = (
        r"(?P<H>[01]?[0-9]|2[0-3])(?:\s*[:.hH]\s*|\s*[uU]hr\s*)(?P<M>[0-5][0-9])(?![0-9])"
        r"(?::(?P<S>[0-5][0-9])(?:[.,][0-9]+)?)?"
        r"(?:\s*(?P<ap>[aApP])\.?\s?[mM]\.?" + NO_WORD_AFTER + r")?(?:\s*[uU]hr)?"
    )
    zone_names = alternation(abbreviations(), ignore_case=False)  # in a (?-i:...) group
    local_names = "wib|wita|wit|myt"
    zone = (
        rf"(?:\s*\(?\s*(?:(?P<tzn>(?-i:{zone_names})|{local_names}){NO_WORD_AFTER}"
        r"\s*(?P<off1>[+−-]\s?[0-9]{1,2}(?::?[0-9]{2})?)?"
        r"|(?P<off2>[+−-][0-9]{2}:?[0-9]{2}|Z" + NO_WORD_AFTER + r"))\)?)?"
    )
    connect = rf"[\s,|/·•@(\[–—-]*(?:(?:{alternation(v.time_words)})\.?{NO_WORD_AFTER}\s*)?T?"
    return Patterns(
        iso=_c(
            YEAR_LED + r"(?P<s>[-/.])(?P<m>[01]?[0-9])(?P=s)"
            r"(?P<d>[0-3]?[0-9])(?![0-9])"
        ),
        numeric=_c(
            NUMBER_LED + r"(?P<s>[./-])(?P<b>[0-9]{1,2})(?P=s)"
            r"(?P<y>(?:19|20)[0-9]{2}|(?<=[0-9]{2}[./-][0-9]{2}[./-])[0-9]{2})"
            r"(?![0-9]|[./-][0-9])"
        ),
        day_month_year=_c(rf"{DAY_LED}{DAY.removeprefix(DAY_PLAIN)}{sep}{mon}{sep}{YEAR}"),
        month_day_year=_c(
            rf"{mon}[\s,]*(?P<d>[0-3]?[0-9])(?:st|nd|rd|th)?(?![0-9])[\s,.]*(?:(?:{fill})\s+)?{YEAR}"
        ),
        year_month_day=_c(
            rf"{YEAR_LED}(?![0-9])\.?\s*(?:(?:{fill})\s+)?{mon}\s*(?P<d>[0-3]?[0-9])(?![0-9])"
        ),
        cjk=_c(
            YEAR_LED + r"\s*[年년]\s*(?P<m>[01]?[0-9])\s*[月월]\s*"
            r"(?P<d>[0-3]?[0-9])(?![0-9])\s*[日일]?"
        ),
        time_after=_c(connect + time_core + zone),
        time_before=_c(time_core + zone + rf"[\s,|/·•@–—-]*(?:{weekday})?[\s,.]*\Z"),
        weekday_before=_c(rf"(?P<wd>{alternation(v.weekdays)})\.?[\s,.]*\Z"),
        lang=v.lang,
        month_firsts=_first_words(v.months),
        month_guard=nonletter_cases() or "",
    )


@cache
def _relative(lang: str | None) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The relative patterns of a language ("2 jam yang lalu", "vor 2 Stunden", "kemarin"):
    built when first used, as only a crawl time calls for them (``lang``: a vocabulary's own,
    which gives that vocabulary back)."""
    v = vocab(lang)
    number = rf"(?P<n>[0-9]+|{alternation(v.one)})"
    units = rf"(?P<u>{alternation(v.units)}){WORD_END}\.?"
    return (
        _c(
            rf"{NO_LETTER_BEFORE}(?:{number}\s*)?{units}\s*(?:{alternation(v.ago_after)}){WORD_END}"
        ),
        _c(rf"{NO_LETTER_BEFORE}(?:{alternation(v.ago_before)})\s+(?:{number}\s*)?{units}"),
        _c(rf"{NO_LETTER_BEFORE}(?P<w>{alternation(v.days_back)}){WORD_END}"),
    )


def _first_words(names: Iterable[str]) -> frozenset[str] | None:
    """The folded first words (runs of letters) of ``names``; None if a name does not start
    with a letter, or names cannot be folded as the regex engine matches them."""
    return _first_words_of(frozenset(names))


@cache
def _first_words_of(names: frozenset[str]) -> frozenset[str] | None:
    table = folder()
    if table is None or nonletter_cases() is None:
        return None
    firsts = set()
    for name in filter(None, names):
        first = LETTERS.match(name)
        if first is None:
            return None
        firsts.add(fold(first[0], table))
    return frozenset(firsts)


@cache
def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, FLAGS)
