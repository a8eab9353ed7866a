"""Where the one- and two-digit numbers of a text start: the places where a day ("16 Mei",
"(16/5)") may be written.

A number counts when it does not continue another ("1.16/5", "3-16 Mei", "2016"): as a regex,
``(?<![0-9.,/:-])[0-9]{1,2}(?![0-9])``. Searched for as written, in a text with a character
beyond Latin-1 (a curly quote is enough), the regex engine tests every character against a
class, which made this search cost as much as all the date patterns after it. Instead, the
text's UTF-8 is mapped, one byte to one byte, to marks: ``0`` for a digit, ``.`` for the other
characters that continue a number, ``~`` for a byte that continues a character, a space for the
rest; the regex engine then scans the marks for the literal ``0``, much faster. A character's
offset is its byte's, less the bytes before it that continue a character.
"""

from __future__ import annotations

import re

NUMBER_CHARS = "0123456789.,/:-"


def _mark(byte: int) -> bytes:
    if byte >= 0x80:
        return b"~" if byte < 0xC0 else b" "  # a continuation byte; a character's first byte
    char = chr(byte)
    return b"0" if char.isdigit() else b"." if char in NUMBER_CHARS else b" "


_MARKS = b"".join(_mark(byte) for byte in range(256))
_SHORT = re.compile(rb"0(?<![0.]0)0?(?!0)")  # opens with a literal: a fast scan of the marks


def short_numbers(text: str) -> list[int]:
    """Where each one- or two-digit number starts that does not continue another number."""
    marks = text.encode("utf-8", "surrogatepass").translate(_MARKS)
    starts: list[int] = []
    done = continued = 0  # bytes counted so far; of those, the bytes that continue a character
    for match in _SHORT.finditer(marks):
        at = match.start()
        continued += marks.count(b"~", done, at)
        done = at
        starts.append(at - continued)
    return starts
