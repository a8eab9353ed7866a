"""What Python's regex engine counts as the same letter when it ignores case, for code that
matches words case-insensitively by cheaper means and must find exactly what a regex would.

The engine compares the simple lowercase of each character and, besides, treats a few letters
as one though they do not lower to each other ("ı" and "i", "ſ" and "s", "σ" and "ς"): its
table of those is ``re._casefix``. Without it (another Python) the callers fall back to their
regexes.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Mapping
from functools import cache
from types import MappingProxyType

_LETTER = re.compile(r"[^\W\d_]")  # a letter as the date and name patterns see one


@cache
def _extra_cases() -> Mapping[int, tuple[int, ...]] | None:
    try:
        table: Mapping[int, tuple[int, ...]] = importlib.import_module("re._casefix")._EXTRA_CASES
    except (ImportError, AttributeError):
        return None
    return MappingProxyType(dict(table))


def unsafe_for(chars: Iterable[str]) -> str | None:
    """The characters that match one of ``chars`` (lowercase) case-insensitively without
    lowering to it; None if the engine's table cannot be read."""
    extra = _extra_cases()
    if extra is None:
        return None
    return "".join(sorted({chr(o) for ch in chars for o in extra.get(ord(ch), ())}))


@cache
def _canonical() -> Mapping[int, int] | None:
    """Each letter the engine counts as another's case -> one letter standing for them all."""
    extra = _extra_cases()
    if extra is None:
        return None
    table: dict[int, int] = {}
    for code, others in extra.items():
        group = {code, *others}
        for other in others:  # the table lists each letter's fellows; join them all
            group |= set(extra.get(other, ()))
        for member in group:
            table[member] = min(group)
    return MappingProxyType(table)


def folder() -> Mapping[int, int] | None:
    """A ``str.translate`` table for :func:`fold`, or None (see the module's docstring)."""
    return _canonical()


def fold(text: str, table: Mapping[int, int]) -> str:
    """``text`` such that two words the regex engine matches case-insensitively fold alike
    (when neither holds a character that is not a letter but matches one, such as U+0345)."""
    return text.lower().replace("i\u0307", "i").translate(table)


def nonletter_cases() -> str | None:
    """Characters that are not letters but match a letter case-insensitively (U+0345)."""
    extra = _extra_cases()
    if extra is None:
        return None
    codes = {code for code in extra} | {o for others in extra.values() for o in others}
    return "".join(sorted(chr(c) for c in codes if not _LETTER.match(chr(c))))


def ascii_lowered(words: Iterable[str]) -> tuple[str, ...] | None:
    """``words`` as a text written in ASCII can hold them, lowered: such a text holds one of
    ``words`` where the regex engine, ignoring case, finds one exactly where its lowered form
    holds one of these (an ASCII letter matches no other ASCII letter than its other case).
    A word with a character that matches no ASCII character cannot be in such a text and is
    left out; None if a word not in ASCII could still match one ("ſ" matches "s")."""
    lowered: list[str] = []
    for word in words:
        if word.isascii():
            lowered.append(word.lower())
        elif all(map(_matches_ascii, word)):
            return None
    return tuple(lowered)


@cache
def _matches_ascii(char: str) -> bool:
    """Does ``char`` match an ASCII character when the regex engine ignores case?"""
    pattern = re.compile(re.escape(char), re.IGNORECASE)
    return any(pattern.fullmatch(chr(code)) for code in range(128))
