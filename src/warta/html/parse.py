"""Parse text into a Lexbor DOM, translating the parser's failures into warta's errors."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from warta.errors import ParseError


def parse_html(text: str) -> LexborHTMLParser:
    """A DOM for ``text``. Lexbor repairs any markup; only resource failures reach here."""
    # Lexbor stops at NUL in some paths; NUL never carries meaning in HTML text.
    if "\x00" in text:
        text = text.replace("\x00", "")
    try:
        return LexborHTMLParser(text)
    except (RuntimeError, ValueError, MemoryError) as error:
        raise ParseError(f"The page could not be parsed as HTML: {error}.") from error
