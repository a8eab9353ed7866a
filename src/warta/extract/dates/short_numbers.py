"""Where the one- and two-digit numbers of a text start: the places where a day ("16 Mei",
"(16/5)") may be written.

A number counts when it does not continue another ("1.16/5", "3-16 Mei", "2016"): as a regex,
``(?<![0-9.,/:-])[0-9]{1,2}(?![0-9])``. Searched for as written, in a text with a character
beyond Latin-1 (a curly quote is enough), the regex engine tests every character against a
class, which made this search cost as much as all the date patterns after it. Instead, the
text's UTF-8 is mapped, one byte to one byte, to marks (``number_marks``): ``0`` for a digit,
``.`` for the other characters that continue a number, ``~`` for a byte that continues a
character, a space for the rest; the regex engine then scans the marks for the literal ``0``,
much faster. A character's offset is its byte's, less the bytes before it that continue a
character.

The marks also tell, at no extra cost, whether the text may hold a decimal digit other than
0-9 (which ``ascii_digits`` would rewrite, with a search of its own): only where the first
byte of such a digit's UTF-8 is there, marked ``!``.
"""

from __future__ import annotations

import re
from functools import cache

from warta.extract.dates.patterns import OTHER_DIGIT

NUMBER_CHARS = "0123456789.,/:-"
_SHORT = re.compile(rb"0(?<![0.]0)0?(?!0)")  # opens with a literal: a fast scan of the marks
_ASTRAL_FIRSTS = range(0xF0, 0xF5)  # the first bytes of characters beyond the BMP


def number_marks(text: str) -> bytes:
    """The marks of ``text`` (see the module's note), one per byte of its UTF-8."""
    return text.encode("utf-8", "surrogatepass").translate(_marks())


def short_numbers(marks: bytes) -> list[int]:
    """Where each one- or two-digit number starts that does not continue another number, in
    the text of these marks."""
    starts: list[int] = []
    done = continued = 0  # bytes counted so far; of those, the bytes that continue a character
    for match in _SHORT.finditer(marks):
        at = match.start()
        continued += marks.count(b"~", done, at)
        done = at
        starts.append(at - continued)
    return starts


def other_digits_possible(marks: bytes) -> bool:
    """May the text of these marks hold a decimal digit other than 0-9? (False: it does not.)"""
    return b"!" in marks


@cache
def _marks() -> bytes:
    # Built when first needed: reading the BMP for its digits takes some milliseconds.
    bmp = "".join(map(chr, range(0x80, 0x10000)))
    digit_firsts = {m[0].encode("utf-8", "surrogatepass")[0] for m in OTHER_DIGIT.finditer(bmp)}
    return b"".join(_mark(byte, digit_firsts.union(_ASTRAL_FIRSTS)) for byte in range(256))


def _mark(byte: int, digit_firsts: set[int]) -> bytes:
    if byte in digit_firsts:
        return b"!"
    if byte >= 0x80:
        return b"~" if byte < 0xC0 else b" "  # a continuation byte; a character's first byte
    char = chr(byte)
    return b"0" if char.isdigit() else b"." if char in NUMBER_CHARS else b" "
