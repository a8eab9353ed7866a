"""Parse a page into a Lexbor DOM, translating the parser's failures into warta's errors."""

from __future__ import annotations

from collections.abc import Mapping

from selectolax.lexbor import LexborHTMLParser

from warta.errors import ParseError
from warta.html.decode import read_text, utf8_as_is


def parse_page(
    page: bytes | str, headers: Mapping[str, str] | None = None
) -> LexborHTMLParser | None:
    """The DOM of a page as it came (bytes in any encoding, or text), or None for a blank page."""
    if isinstance(page, bytes) and type(page) is not bytes:
        page = bytes(page)  # selectolax takes bytes themselves, not a subclass of them
    if isinstance(page, bytes) and utf8_as_is(page):
        return parse_html(page)  # most pages: no text made only to be thrown away
    text, _encoding, verbatim = read_text(page, headers)
    if not text.strip():
        return None
    # UTF-8 bytes go to lexbor as they are, sparing selectolax re-encoding the text (a tenth
    # of a millisecond a page); the text is not kept alive beside the DOM.
    markup: str | bytes = page if verbatim else text
    del text
    return parse_html(markup)


def parse_html(markup: str | bytes) -> LexborHTMLParser:
    """A DOM for ``markup`` (bytes are read as UTF-8). Lexbor repairs any markup; only resource
    failures reach here."""
    # Lexbor stops at NUL in some paths; NUL never carries meaning in HTML text.
    if isinstance(markup, str):
        if "\x00" in markup:
            markup = markup.replace("\x00", "")
    elif b"\x00" in markup:
        markup = markup.replace(b"\x00", b"")
    try:
        return LexborHTMLParser(markup)
    except (RuntimeError, ValueError, MemoryError) as error:
        raise ParseError(f"The page could not be parsed as HTML: {error}.") from error
