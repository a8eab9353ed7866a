"""The compiled UTF-8 check answers what Python's strict decoder answers, on any bytes."""

from __future__ import annotations

import importlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.html._utf8 import is_utf8


def _decodes(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def test_the_compiled_check_is_built_and_used() -> None:
    # The install builds it wherever a C compiler is at hand, as on CI.
    decode_module = importlib.import_module(
        "warta.html.decode"
    )  # (warta.html.decode is a function)
    assert decode_module.is_utf8 is is_utf8


@pytest.mark.parametrize(
    "data",
    [
        b"", b"plain ascii " * 10, "café 東京 😀".encode(), b"\xc3\xa9" * 9,
        b"\xc0\x80", b"\xc1\xbf", b"\xe0\x80\x80", b"\xe0\x9f\xbf", b"\xf0\x80\x80\x80",
        b"\xf0\x8f\xbf\xbf",  # overlong forms
        b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xed\x9f\xbf",  # surrogates, and just below them
        b"\xf4\x8f\xbf\xbf", b"\xf4\x90\x80\x80", b"\xf5\x80\x80\x80", b"\xff", b"\x80",
        b"\xe6\x9d", b"abcdefgh\xe6\x9d", b"abcdefg\xf0\x9f\x98", b"\xc3", b"\xc3abcdefgh",
        b"12345678\xc3\xa9abcdefgh\xe6\x9d\xb1", b"\x00\x7f" * 8,
    ],
)  # fmt: skip
def test_edge_cases_read_as_the_decoder_reads_them(data: bytes) -> None:
    assert is_utf8(data) == _decodes(data)


_PIECES = st.sampled_from(
    [b"a", b"abcdefgh", b"\x00", b"\x7f", b"\x80", b"\xbf", b"\xc2", b"\xdf", b"\xe0", b"\xed",
     b"\xef", b"\xf0", b"\xf4", b"\xf5", b"\xa0", b"\x9f", b"\x8f", b"\x90", b"\xff"]
)  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(st.lists(_PIECES | st.binary(max_size=4), max_size=40).map(b"".join))
def test_any_bytes_read_as_the_decoder_reads_them(data: bytes) -> None:
    assert is_utf8(data) == _decodes(data)


@settings(max_examples=300, deadline=None)
@given(st.text(), st.integers(0, 64), st.binary(max_size=2))
def test_text_cut_or_damaged_anywhere_reads_as_the_decoder_reads_it(
    text: str, at: int, junk: bytes
) -> None:
    data = text.encode("utf-8", "surrogatepass")
    assert is_utf8(data) == _decodes(data)
    assert is_utf8(data[:at]) == _decodes(data[:at])
    damaged = data[:at] + junk + data[at:]
    assert is_utf8(damaged) == _decodes(damaged)


def test_a_subclass_of_bytes_is_read() -> None:
    class Page(bytes):
        pass

    assert is_utf8(Page("café".encode())) and not is_utf8(Page(b"\xff"))
