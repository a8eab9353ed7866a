"""The quick paths of metadata give exactly what the plain forms they skip give."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from warta.extract.dates.placement import _any_of
from warta.extract.dates.scripts import SELECTOR, anchors
from warta.extract.dates.vocab import vocab
from warta.extract.metadata import _join

GOLDEN = Path(__file__).parent / "fixtures" / "golden"
BASES = [
    None,
    "",
    "https://example.com/news/2021/05/story.html",
    "http://example.com/a/b/",
    "ftp://example.com/x",
    "https://[broken/",
    "https://exa\uff0fmple.com/",
    "//example.com/path",
    "news/relative",
]
HOSTILE = [
    "https://example.com",
    "https://example.com/",
    "HTTPS://Example.com/Path",
    "https://example.com/a;b",
    "https://example.com/a;",
    "https://example.com/a?",
    "https://example.com/a#",
    "https://example.com/a?#f",
    "https://example.com/a?q=1#",
    "https://example.com/a/../b/./c",
    "https://example.com//double//slash",
    "https://user:pw@example.com:8080/a?b=c&d=e#frag?x#y",
    "https://[::1]/a",
    "https://[::1/a",
    "https://exa\uff0fmple.com/a",
    "https://ex\u00e4mple.com/a",
    "https://example.com/\u00e4",
    "https://example.com/a b",
    "https://example.com/a\tb",
    "https://example.com/a\nb",
    "https:///path",
    "https:example.com/a",
    "http://example.com/a",
    "https://example.com/a%20b?q=%C3%A4",
    "https://example.com/a\\b",
    "https://example.com:99999/a",
    "/relative/path",
    "relative",
    "?q=1",
    "#top",
    "",
]
# The one search the script anchors stand for.
PLAIN_ANCHOR = re.compile(r"ub(?:li|_?[dD])|UB(?:LI|_?D)")
ANCHOR_CHARS = st.sampled_from(list("uUbBlLiI_dDx \n"))
HINT_LANGS = [None, "en", "id", "de", "tr", "ru", "vi"]
HINT_FLAGS = [0, re.IGNORECASE]
URL_CHARS = st.sampled_from(list("aZ09-._~%!$&'()*+,;=:@/?#[]\\ \t\nä\uff0f"))


def _page_urls() -> list[str]:
    """Every href, src and content URL-like value of the fixture pages."""
    found: list[str] = []
    for page in sorted(GOLDEN.glob("*/page.html")):
        tree = LexborHTMLParser(page.read_text(encoding="utf-8", errors="replace"))
        for node in tree.css("[href], [src], meta[content]"):
            for name in ("href", "src", "content"):
                value = node.attributes.get(name)
                if value and re.match(r"\s*(?:https?:|/)", value, re.IGNORECASE):
                    found.append(value.strip())
    return found


def _source_urls() -> list[str | None]:
    sources = sorted(GOLDEN.glob("*/source.json"))
    return [json.loads(path.read_text(encoding="utf-8")).get("url") for path in sources]


def _urljoin(base: str | None, value: str) -> str:
    return urljoin(base, value) if base else value


def _same(base: str | None, value: str) -> None:
    try:
        expected = _urljoin(base, value)
    except ValueError:
        with pytest.raises(ValueError):
            _join(base, value)
        return
    assert _join(base, value) == expected


@pytest.mark.parametrize("base", BASES)
def test_join_is_urljoin_on_hostile_urls(base: str | None) -> None:
    for value in HOSTILE:
        _same(base, value)


def test_join_is_urljoin_on_the_fixture_pages() -> None:
    urls = _page_urls()
    assert len(urls) > 1000
    for base in [*_source_urls(), *BASES]:
        for value in urls:
            _same(base, value)


@settings(max_examples=400, deadline=None)
@given(
    scheme=st.sampled_from(["https://", "http://", "HTTP://", "https:", ""]),
    rest=st.text(URL_CHARS, max_size=30),
    base=st.sampled_from(BASES),
)
def test_join_is_urljoin_on_random_urls(scheme: str, rest: str, base: str | None) -> None:
    _same(base, scheme + rest)


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


def _plain_any_of(words: frozenset[str], flags: int) -> re.Pattern[str]:
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
    assert any(_any_of(w, flags).pattern != _plain_any_of(w, flags).pattern for w in sets)
    for words in sets:
        quick, plain = _any_of(words, flags), _plain_any_of(words, flags)
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
    quick = _any_of(words, flags)
    assert (quick.search(text) is None) == (_plain_any_of(words, flags).search(text) is None)
