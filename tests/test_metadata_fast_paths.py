"""The quick paths of metadata give exactly what the plain forms they skip give."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from warta.extract.dates.scripts import SELECTOR, anchors
from warta.extract.dates.vocab import vocab
from warta.extract.dates.word_trie import any_of

GOLDEN = Path(__file__).parent / "fixtures" / "golden"
# The one search the script anchors stand for.
PLAIN_ANCHOR = re.compile(r"ub(?:li|_?[dD])|UB(?:LI|_?D)")
ANCHOR_CHARS = st.sampled_from(list("uUbBlLiI_dDx \n"))
HINT_LANGS = [None, "en", "id", "de", "tr", "ru", "vi"]
HINT_FLAGS = [0, re.IGNORECASE]


def _plain_anchors(text: str) -> list[int]:
    return [match.start() for match in PLAIN_ANCHOR.finditer(text)]


def test_script_anchors_are_the_plain_ones_on_the_fixture_pages() -> None:
    texts = []
    for page in sorted(GOLDEN.glob("*/page.html")):
        tree = LexborHTMLParser(page.read_text(encoding="utf-8", errors="replace"))
        texts += [script.text(deep=True) or "" for script in tree.css(SELECTOR)]
    assert sum(len(_plain_anchors(text)) for text in texts) > 100
    for text in texts:
        assert list(anchors(text)) == _plain_anchors(text)


@pytest.mark.parametrize(
    "text",
    ["", "ub", "UB", "UBLIubli", "ubD UB_D ub_d UBD", "uUBLIub_D", "UBubliUB", "ubub_dUBdUBD"],
)
def test_script_anchors_are_the_plain_ones_on_edge_cases(text: str) -> None:
    assert list(anchors(text)) == _plain_anchors(text)


@settings(max_examples=400, deadline=None)
@given(st.text(ANCHOR_CHARS, max_size=40))
def test_script_anchors_are_the_plain_ones_on_random_text(text: str) -> None:
    assert list(anchors(text)) == _plain_anchors(text)


def _hint_sets() -> list[frozenset[str]]:
    return [
        frozenset(getattr(vocab(lang), kind))
        for lang in HINT_LANGS
        for kind in ("date_hints", "skip_hints")
    ]


def _plainany_of(words: frozenset[str], flags: int) -> re.Pattern[str]:
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return re.compile("|".join(re.escape(w) for w in ordered) or r"(?!x)x", flags)


def _labels() -> list[str]:
    labels = ["", " ", "post-DATE", "Entry-Date updated", "RELATED-posts", "ı İ ſ K"]
    for page in sorted(GOLDEN.glob("*/page.html")):
        tree = LexborHTMLParser(page.read_text(encoding="utf-8", errors="replace"))
        for node in tree.css("[class], [id]"):
            attrs = node.attributes
            labels.append(f"{attrs.get('class') or ''} {attrs.get('id') or ''}")
    return labels


@pytest.mark.parametrize("flags", HINT_FLAGS)
def test_hint_searches_find_what_the_plain_alternation_finds(flags: int) -> None:
    labels = _labels()
    sets = _hint_sets()
    # the trie form is in use (it differs from the plain one)
    assert any(any_of(w, flags).pattern != _plainany_of(w, flags).pattern for w in sets)
    for words in sets:
        quick, plain = any_of(words, flags), _plainany_of(words, flags)
        for label in labels:
            for text in (label, label.lower()):
                assert (quick.search(text) is None) == (plain.search(text) is None), text


@settings(max_examples=300, deadline=None)
@given(
    words=st.frozensets(st.text("abcAB- ", min_size=1, max_size=4), max_size=8),
    text=st.text("abcAB- x", max_size=30),
    flags=st.sampled_from(HINT_FLAGS),
)
def test_any_of_finds_what_the_plain_alternation_finds(
    words: frozenset[str], text: str, flags: int
) -> None:
    quick = any_of(words, flags)
    assert (quick.search(text) is None) == (_plainany_of(words, flags).search(text) is None)
