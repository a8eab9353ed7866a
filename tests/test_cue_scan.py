"""Cue scanning finds exactly what the whole case-insensitive alternation finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.extract.cue_scan import CueList, cue_list, find_cues, text_words
from warta.extract.source_names import cues_for

CUES = ["according to", "as reported by", "told", "via", "h/t", "sources:", "laut", "σύμφωνα με"]
TEXTS = [
    "According to Reuters, the bank fell. As  REPORTED\nby The Verge (via Gizmochina).",
    "H/T Jane. Sources: officials. LAUT dpa sank der Kurs; told.",
    "ACCORDİNG TO Reuters",  # "İ" lowers to two characters
    "accordıng to Reuters",  # dotless i matches "i" case-insensitively
    "ſources: none; told",  # long s matches "s" case-insensitively
    "ΣΎΜΦΩΝΑ ΜΕ το Reuters, σύμφωνα με την ΕΡΤ",
    "xtold y; untold stories; told",
    "",
]


def _spans(text: str, cues: CueList) -> list[tuple[int, int]]:
    lowered = text.lower()
    return list(find_cues(text, lowered, text_words(lowered), cues))


def _expected(text: str, cues: CueList) -> list[tuple[int, int]]:
    return [m.span() for m in cues.pattern.finditer(text)]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("any_case", [True, False])
def test_same_matches_as_the_full_alternation(text: str, any_case: bool) -> None:
    cues = cue_list(CUES, trailing=r"(?=\s)" if any_case else r"(?!\w)", any_case=any_case)
    assert cues is not None
    assert _spans(text, cues) == _expected(text, cues)


def test_matches_are_found_at_all() -> None:
    cues = cue_list(CUES, trailing=r"(?=\s)", any_case=True)
    assert cues is not None
    text = TEXTS[0]
    assert [text[a:b] for a, b in _spans(text, cues)] == [
        "According to",
        "As  REPORTED\nby",
        "via",
    ]


def test_no_cue_list_without_cues() -> None:
    assert cue_list([], trailing="", any_case=True) is None


@pytest.mark.parametrize("lang", ["en", "de", "id", "el", "ru", ""])
def test_language_lists_match_as_their_alternations(lang: str) -> None:
    cues = cues_for(lang)
    text = (
        " ".join(TEXTS)
        + " "
        + " ".join(c.upper() for c in (cues.before.cues if cues.before else ()))
    )
    for cue_list_ in (cues.before, cues.after, cues.claims):
        if cue_list_ is not None:
            assert _spans(text, cue_list_) == _expected(text, cue_list_)


_ALPHABET = st.sampled_from([*"acdginoprstvyAIST ,.:()/\n", "ı", "İ", "ſ", "σ", "ς", "Σ"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(CUES), st.text(_ALPHABET, max_size=6)), max_size=12))
def test_random_texts_match_as_the_alternation(parts: list[str]) -> None:
    text = "".join(parts)
    for variant in (text, text.upper(), text.title()):
        for any_case in (True, False):
            cues = cue_list(CUES, trailing=r"(?=\s)" if any_case else r"(?!\w)", any_case=any_case)
            assert cues is not None
            assert _spans(variant, cues) == _expected(variant, cues)


# Cues that overlap themselves or open other cues: the alternation picks, at each place, the
# first cue of the list that matches there, and goes on from its end.
NESTED = ["ha ha", "ha", "ha ha ha", "said", "said to", "to say", "o"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*NESTED, " ", "  ", "\n", "x", ",", "HA"]), max_size=14))
def test_nested_cues_match_as_the_alternation(parts: list[str]) -> None:
    text = "".join(parts)
    for any_case in (True, False):
        for trailing in (r"(?=\s)", r"(?!\w)"):  # a cue ends at a word edge
            cues = cue_list(NESTED, trailing=trailing, any_case=any_case)
            assert cues is not None
            assert _spans(text, cues) == _expected(text, cues)


# Cues with digits and underscores: a text's words are its runs of letters alone.
DIGITED = ["9to5mac", "24 jam", "h2o_news", "x_y", "covid-19 update", "2021"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*DIGITED, " ", "\n", "a", "9", "_", "-", ",", "MAC", "to5", "jam"]),
        max_size=14,
    )
)
def test_cues_with_digits_match_as_the_alternation(parts: list[str]) -> None:
    text = "".join(parts)
    for any_case in (True, False):
        for trailing in (r"(?=\s)", r"(?!\w)"):
            cues = cue_list(DIGITED, trailing=trailing, any_case=any_case)
            assert cues is not None
            assert _spans(text, cues) == _expected(text, cues)
