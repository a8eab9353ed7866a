"""The characters a regex match can start with, as a one-character lookahead to put before it.

A union of many anchored patterns (``fullmatch`` of "a|b|c|...") has the engine try every
alternative on every line, each failing at its first character. Behind a lookahead on the
characters it can start with, an alternative is skipped in one charset test instead.

The first characters come from the parsed pattern (``re._parser``, the parser ``re.compile``
itself runs). Only a superset of them is ever used: zero-width assertions are read as matching
nothing and everything, and a pattern whose start is anything else (".", "[^...]", a
backreference, a change of flags) or that can match the empty string is left unguarded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from re import _constants, _parser  # type: ignore[attr-defined]
from typing import Any

# What a pattern's leading items can start with: character-class items, and whether all of
# them can match the empty string (so the item after them can start the match too).
_First = tuple[list[str], bool]
_CATEGORIES = {
    _constants.CATEGORY_SPACE: r"\s",
    _constants.CATEGORY_NOT_SPACE: r"\S",
    _constants.CATEGORY_DIGIT: r"\d",
    _constants.CATEGORY_NOT_DIGIT: r"\D",
    _constants.CATEGORY_WORD: r"\w",
    _constants.CATEGORY_NOT_WORD: r"\W",
}
_REPEATS = frozenset({_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT})
_ZERO_WIDTH = frozenset({_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT})


def guarded(pattern: str, flags: int = 0) -> str:
    """``pattern`` behind a lookahead on its possible first characters, when they are known;
    else ``pattern`` itself. Either way, what ``fullmatch`` or ``match`` finds is the same."""
    return _behind(first_characters(pattern, flags), pattern)


def guarded_union(patterns: Sequence[str], flags: int = 0) -> str:
    """The union of ``patterns``, each behind its guard; and, when every one has a guard, the
    whole behind the union of them: a line that no pattern can start with fails one test, not
    one per pattern. What ``fullmatch`` or ``match`` finds is that of the plain union."""
    firsts = [first_characters(pattern, flags) for pattern in patterns]
    union = "|".join(
        f"(?:{_behind(first, pattern)})" for pattern, first in zip(patterns, firsts, strict=True)
    )
    known = [first for first in firsts if first is not None]
    if not patterns or len(known) < len(firsts):
        return union
    return _behind("".join(known), union)


def _behind(first: str | None, pattern: str) -> str:
    """``pattern`` behind a lookahead on the class of its first characters, where known."""
    return pattern if first is None else f"(?=[{first}])(?:{pattern})"


def first_characters(pattern: str, flags: int = 0) -> str | None:
    """The inside of a character class holding every character a match of ``pattern`` can
    start with, when that is known (and the pattern cannot match the empty string)."""
    try:
        first = _sequence(_parser.parse(pattern, flags))
    except (re.error, TypeError, ValueError, AttributeError):
        return None  # a parser of another shape: no guard, no harm
    if first is None or first[1] or not first[0]:
        return None
    return "".join(dict.fromkeys(first[0]))


def _sequence(items: Any) -> _First | None:
    found: list[str] = []
    for op, av in items:
        first = _item(op, av)
        if first is None:
            return None
        found += first[0]
        if not first[1]:
            return found, False
    return found, True


def _item(op: Any, av: Any) -> _First | None:
    if op is _constants.LITERAL:
        return [re.escape(chr(av))], False
    if op is _constants.IN:
        return _charset(av)
    if op is _constants.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return None if add_flags or del_flags else _sequence(sub)
    if op is _constants.ATOMIC_GROUP:
        return _sequence(av)
    if op is _constants.BRANCH:
        found: list[str] = []
        empty = False
        for alternative in av[1]:
            first = _sequence(alternative)
            if first is None:
                return None
            found += first[0]
            empty = empty or first[1]
        return found, empty
    if op in _REPEATS:
        low, _high, sub = av
        first = _sequence(sub)
        return None if first is None else (first[0], low == 0 or first[1])
    if op in _ZERO_WIDTH:
        return [], True  # consumes nothing: the next item starts the match
    return None


def _charset(items: Any) -> _First | None:
    found: list[str] = []
    for op, av in items:
        if op is _constants.LITERAL:
            found.append(re.escape(chr(av)))
        elif op is _constants.RANGE:
            found.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is _constants.CATEGORY and av in _CATEGORIES:
            found.append(_CATEGORIES[av])
        else:
            return None  # a negated set, or a category of another kind
    return found, False
