"""parse_page: UTF-8 bytes skip the round trip through str, with the DOM decoding would give."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from warta.html import decode, parse_html, parse_page
from warta.html.decode import read_text, utf8_as_is


def _through_text(page: bytes) -> LexborHTMLParser | None:
    """The long way: decode to text, then parse the text."""
    text, _encoding = decode(page)
    return parse_html(text) if text.strip() else None


def _same_dom(page: bytes) -> None:
    direct, reference = parse_page(page), _through_text(page)
    if reference is None:
        assert direct is None
    else:
        assert direct is not None
        assert direct.html == reference.html


CASES = {
    "ascii": b"<html><body><p>plain words</p></body></html>",
    "utf8": "<p>Jum'at, 26 April — café, 東京</p>".encode(),
    "utf8_declared_latin1": b'<meta charset="iso-8859-1"><p>caf\xc3\xa9</p>',
    "bom": codecs.BOM_UTF8 + b"<p>dengan tanda</p>",
    "cut_mid_character": "<p>東京</p><p>東".encode()[:-1],
    "cp1252": b'<meta charset="windows-1252"><p>caf\xe9 \x93quoted\x94</p>',
    "nul_bytes": b"<p>a\x00b</p>\x00",
    "blank": b" \n\t ",
    "unicode_blank": "\u3000\xa0 \u2003".encode(),
    "separator_blank": b" \x1c\x1f ",
    "surrogate": b"<p>\xed\xa0\x80</p>",
    "empty": b"",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_short_way_builds_the_same_dom(name: str) -> None:
    _same_dom(CASES[name])


def test_only_plain_utf8_takes_the_short_way() -> None:
    assert read_text(CASES["utf8"]) == ("<p>Jum'at, 26 April — café, 東京</p>", "utf-8", True)
    assert read_text(CASES["ascii"])[2]
    assert read_text(CASES["utf8_declared_latin1"])[2]  # valid UTF-8 wins over the declaration
    assert not read_text(CASES["bom"])[2]
    assert not read_text(CASES["cp1252"])[2]
    assert not read_text(CASES["cut_mid_character"])[2]
    assert not read_text("<p>already text</p>")[2]


def test_plain_utf8_is_told_without_decoding() -> None:
    assert utf8_as_is(CASES["utf8"]) and utf8_as_is(CASES["ascii"])
    assert utf8_as_is(CASES["utf8_declared_latin1"]) and utf8_as_is(CASES["nul_bytes"])
    for name in ("bom", "cp1252", "cut_mid_character", "surrogate", "blank", "empty"):
        assert not utf8_as_is(CASES[name]), name
    # Pages that open with white space only str.strip() knows go the long way, blank or not.
    assert not utf8_as_is(CASES["unicode_blank"]) and not utf8_as_is(CASES["separator_blank"])
    assert not utf8_as_is("\u3000<p>x</p>".encode())


def test_blank_pages_have_no_dom() -> None:
    assert parse_page(CASES["unicode_blank"]) is None
    assert parse_page("  ") is None
    page = parse_page(CASES["utf8"])
    assert page is not None and page.body is not None
    assert page.body.text() == "Jum'at, 26 April — café, 東京"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                b"<p>",
                b"</p>",
                b"x",
                b" ",
                b"\xc3\xa9",
                b"\xe6\x9d\xb1",
                b"\xe9",
                b"\x00",
                b"\xef",
                b"\x1c",
                b"\xe3\x80\x80",
                b"\xef\xbb\xbf",
                b"\xed\xa0\x80",
                b"\t",
            ]
        ),
        max_size=30,
    )
)
def test_any_bytes_parse_as_decoding_would(parts: list[bytes]) -> None:
    page = b"".join(parts)
    _same_dom(page)
    if utf8_as_is(page):  # what the short way assumes of the page
        text, _encoding, verbatim = read_text(page)
        assert verbatim and text.strip()


def test_a_subclass_of_bytes_parses_as_bytes_do() -> None:
    class Page(bytes):
        pass

    page = parse_page(Page(CASES["utf8"]))
    assert page is not None and page.body is not None
    assert page.body.text() == "Jum'at, 26 April — café, 東京"
