"""The function-word test that confirms a declared language before fastText is asked."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from test_language import SENTENCES
from warta import lexicon
from warta.extract import function_words
from warta.extract.function_words import reads_as
from warta.extract.language import detect_language

LISTED = tuple(function_words.function_words().bits)
WORD = re.compile(r"\w+")

# Written for these tests: two close languages each, and a mixed German text.
CATALAN = (
    "El Govern ha aprovat aquest dimarts un nou pla d'ajudes per als pagesos afectats per la "
    "sequera, que rebran els primers pagaments abans de l'estiu, segons ha explicat la consellera."
)
DANISH = (
    "Regeringen vil i det kommende år bruge flere penge på at bygge boliger, og det blev "
    "bekræftet af ministeren, som sagde at planen også omfatter kommunerne efter valget."
)
GERMAN_WITH_ENGLISH = (
    "Der Konzern teilte am Montag mit, dass die Zahl der Mitarbeiter im kommenden Jahr "
    "nicht steigen wird, und der Chef sagte dazu nur: the market is hard."
)


def test_every_language_with_a_list_has_lowercase_whole_words() -> None:
    assert {"en", "de", "fr", "es", "id", "ms"} <= set(LISTED)
    for lang in LISTED:
        words = lexicon.load(lang, "language")["function_words"]
        assert len(words) >= 20, lang
        assert len(set(words)) == len(words), lang
        for word in words:
            assert word == word.lower() and WORD.fullmatch(word), (lang, word)


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es", "pt", "it", "nl"])
def test_news_prose_reads_as_its_language(lang: str) -> None:
    assert reads_as(SENTENCES[lang], lang)


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es", "pt", "it", "nl", "pl", "ru", "id"])
def test_news_prose_reads_as_no_other_language(lang: str) -> None:
    for other in LISTED:
        if other != lang:
            assert not reads_as(SENTENCES[lang], other), (lang, other)


def test_close_languages_are_not_confirmed_on_shared_words() -> None:
    assert not reads_as(CATALAN, "es")  # el, la, de, que, per ... and no Spanish-only word
    assert not reads_as(DANISH, "no")  # og, i, det, er ... and Danish "af", "blev", "efter"
    assert not reads_as(SENTENCES["es"], "ca")


def test_a_quotation_in_another_language_does_not_undo_the_declared_one() -> None:
    assert reads_as(GERMAN_WITH_ENGLISH, "de")
    assert not reads_as(GERMAN_WITH_ENGLISH, "en")


def test_too_few_words_or_no_list_confirm_nothing() -> None:
    assert not reads_as("the of and", "en")
    assert not reads_as(SENTENCES["ja"], "ja")  # no list: the model decides
    assert not reads_as(SENTENCES["en"], "xx")
    assert not reads_as("", "en")


def test_the_declared_language_read_this_way_is_the_answer() -> None:
    text = " ".join([SENTENCES["en"]] * 4)
    assert detect_language(text, declared="en") == "en"
    assert detect_language(" ".join([SENTENCES["es"]] * 4), declared="en") == "es"


ALL_WORDS = sorted(function_words.function_words().masks)


@st.composite
def mostly_one_language(draw: st.DrawFn) -> str:
    """Words of one language's list, some of any list's, and some other text, shuffled."""
    lang = draw(st.sampled_from(LISTED))
    own = lexicon.load(lang, "language")["function_words"]
    words = draw(st.lists(st.sampled_from(own), min_size=3, max_size=20))
    words += draw(st.lists(st.sampled_from(ALL_WORDS) | st.text(max_size=8), max_size=8))
    return " ".join(draw(st.permutations(words)))


@settings(max_examples=300, deadline=None)
@given(mostly_one_language())
def test_a_sample_reads_as_one_language_at_most(sample: str) -> None:
    # If it read as two, each would need several times the other's evidence against it.
    assert sum(reads_as(sample, lang) for lang in LISTED) <= 1


def test_samples_of_the_property_test_do_read_as_a_language() -> None:
    # The property above is not vacuous: such samples are often confirmed.
    sample = " ".join(lexicon.load("sv", "language")["function_words"][:12])
    assert reads_as(sample, "sv")
