"""Word alternations written as tries match exactly what the plain alternations match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta import lexicon
from warta.extract.dates.patterns import alternation, patterns, plain_alternation
from warta.extract.dates.vocab import vocab
from warta.extract.dates.word_trie import trie_alternation
from warta.extract.regex_case import folder

# Letters the engine folds oddly ignoring case, prefixes of one another, spaces inside words.
TRICKY = [
    "sept", "september", "septembre", "kasim", "kasım", "KASIM", "ſept", "\u212aelvin", "kelvin",
    "σεπ", "ΣΕΠ", "ς", "straße", "STRAẞE", "ǅemal", "džemal", "a b", "a bc", "ab", "mai", "may",
    "İstanbul", "istanbul", "x.y", "1er", "l'été", "d’été",
]  # fmt: skip
TEXT_PARTS = st.one_of(
    st.sampled_from(TRICKY),
    st.sampled_from([" ", "  ", "\n", ".", "5", ",", "x", "İ", "ı", "ſ", "K", "Σ", "ẞ"]),
)
FOLLOWERS = ["", r"\.?(?![^\W_])", r"\s*(?P<n>[0-9]+)", r"\s+\Z"]


def _ordered(words: list[str]) -> list[str]:
    return sorted({w for w in words if w}, key=lambda w: (-len(w), w))


def _assert_same(words: list[str], text: str, flags: int) -> None:
    ordered = _ordered(words)
    if not ordered:
        return
    trie = trie_alternation(ordered, folder() if flags else None)
    assert trie is not None
    for follower in FOLLOWERS:
        plain_re = re.compile(rf"(?P<w>{plain_alternation(ordered)}){follower}", flags)
        trie_re = re.compile(rf"(?P<w>{trie}){follower}", flags)
        assert [(m.span(), m.groupdict()) for m in trie_re.finditer(text)] == [
            (m.span(), m.groupdict()) for m in plain_re.finditer(text)
        ], (ordered, text, follower)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(TRICKY), min_size=1, max_size=12),
    st.lists(TEXT_PARTS, max_size=12),
    st.sampled_from([0, re.IGNORECASE]),
    st.sampled_from([str, str.upper, str.title, str.lower]),
)
def test_tries_match_as_plain_alternations(
    words: list[str], parts: list[str], flags: int, case: object
) -> None:
    text = case("".join(parts))  # type: ignore[operator]
    _assert_same(words, text, flags)


@pytest.mark.parametrize("lang", [None, "en", "de", "tr", "el", "ru", "id", "vi"])
def test_the_vocabularies_tries_match_as_plain_alternations(lang: str | None) -> None:
    voc = vocab(lang)
    months = list(voc.months)
    text = " ".join(
        [*months, *(m.upper() for m in months[::3]), *(m.title() for m in months[1::3])]
    )
    text += " " + " ".join([*voc.weekdays, *voc.fillers, *voc.units, "17 Mai", "KASIM"])
    for words in (months, list(voc.weekdays), list(voc.units), list(voc.time_words)):
        _assert_same(words, text, re.IGNORECASE)


def test_words_a_trie_cannot_stand_for_keep_the_plain_form() -> None:
    assert trie_alternation(["a  b"], None) is None
    assert trie_alternation([" ab"], folder()) is None
    assert trie_alternation(["a\u00a0b", "a b"], None) is None
    assert alternation(["a  b", "c"]) == plain_alternation(["a  b", "c"])


def test_patterns_use_the_tries() -> None:
    pats = patterns("en")
    assert "(?:" in alternation(vocab("en").months)
    assert pats.day_month_year.search("on 17 May 2021.") is not None


@pytest.mark.parametrize(
    ("words", "text"),
    [
        (["kzzz", "KAB", "ka"], "kab kA KAB"),  # "K" and "k" must share a branch
        (["ſzzz", "SAB", "sa"], "sab sA ſab"),
        (["ızzz", "IAB", "ia"], "iab İab ıab"),
        (["september", "sept", "SEPTEMBRE"], "Sept. septembre SEPTEMBER"),
    ],
)
def test_case_classes_share_a_branch(words: list[str], text: str) -> None:
    _assert_same(words, text, re.IGNORECASE)


@pytest.mark.parametrize("key", ["prefixes", "non_author_roles", "affiliations", "joiners"])
def test_the_byline_words_tries_match_as_plain_alternations(key: str) -> None:
    words = [w for w in lexicon.merged_list("byline", key) if w]
    text = " ".join([*words, *(w.upper() for w in words), *(w.title() for w in words[::2])])
    _assert_same(words, "Oleh " + text + " by Jane Doe, Reuters", re.IGNORECASE)
