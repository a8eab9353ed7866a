"""The quick forms of the content stage compute exactly what their plain forms compute."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from warta.extract.boilerplate import _tight_colons

PLAIN_SPACE_COLON = re.compile(r"\s+:")
# Every kind of whitespace str.split() and \s know, colons, and a few letters between them.
SPACED = st.text(
    alphabet=st.sampled_from([" ", ":", "\t", "\u00a0", "\u2028", "\u3000", "\x1c", "a", "é"]),
    max_size=30,
)


@settings(max_examples=500, deadline=None)
@given(SPACED)
def test_tight_colons_is_the_space_colon_regex(text: str) -> None:
    spaced = " ".join(text.split())
    assert _tight_colons(spaced) == PLAIN_SPACE_COLON.sub(":", spaced)


def test_split_and_the_regex_agree_on_whitespace() -> None:
    space = re.compile(r"\s")
    assert [c for c in map(chr, range(0x110000)) if bool(space.match(c)) != c.isspace()] == []
