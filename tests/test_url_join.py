"""join_url gives exactly what urljoin gives, on the URLs it takes a quick path for and the rest."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from warta.extract.url_join import _joins_to_itself, _joins_to_the_host, join_url

SCHEMES = ("http://", "https://", "HTTPS://", "ftp://", "http:/", "http:", "//", "", " https://")
HOSTS = ("a.com", "", "user@b.org:8080", "[::1]", "[x", "x]", "é.fr", "ℂ.com", "a.com:", "/")
PATHS = ("", "/", "/a/b", "/a/../b", "/./c", "/p;v", "/p?", "/p?q=1", "/p#", "/p#f", "?q", "#f")
NOISE = ("", "\t", "\n", "\r", " ", "é", "%20", "//", ";", "[", "]", "?")
URLS = st.builds(
    lambda *parts: "".join(parts),
    st.sampled_from(SCHEMES),
    st.sampled_from(HOSTS),
    st.sampled_from(PATHS),
    st.sampled_from(NOISE),
    st.sampled_from(PATHS),
)

# Mostly links of the kind taken as they are, and the near misses around them.
HTTP_URLS = st.builds(
    lambda *parts: "".join(parts),
    st.sampled_from(("http://", "https://")),
    st.sampled_from(HOSTS),
    st.sampled_from(PATHS),
    st.sampled_from(NOISE),
)
ROOTED = st.builds(
    lambda *parts: "/" + "".join(parts),
    st.sampled_from(PATHS),
    st.sampled_from(NOISE),
    st.sampled_from(PATHS),
)
LINKS = st.one_of(URLS, HTTP_URLS, ROOTED)
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
URL_CHARS = st.sampled_from(list("aZ09-._~%!$&'()*+,;=:@/?#[]\\ \t\nä\uff0f"))


@settings(max_examples=3000, deadline=None)
@given(st.one_of(URLS, HTTP_URLS), LINKS)
def test_a_link_taken_as_it_is_is_what_urljoin_gives(base: str, href: str) -> None:
    if _joins_to_itself(base, href):
        assert urljoin(base, href) == href
    if _joins_to_the_host(base, href):
        assert urljoin(base, href) == join_url(base, href)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(URLS, HTTP_URLS), LINKS)
def test_join_url_is_urljoin(base: str, href: str) -> None:
    try:
        expected = urljoin(base, href) if base else href
    except ValueError:
        assert not _joins_to_itself(base, href)  # rejected either way
        return
    assert join_url(base, href) == expected


def test_the_common_links_are_taken_as_they_are() -> None:
    base = "https://news.example.com/world/story-1?ref=home"
    assert _joins_to_itself(base, "https://news.example.com/world/story-2")
    assert _joins_to_itself(base, "http://other.example.org/a/../b")
    assert not _joins_to_itself(base, "/world/story-2")
    assert _joins_to_itself(base, "https://news.example.com/search?q=x")
    assert not _joins_to_itself(base, "https://news.example.com/search?")
    assert not _joins_to_itself(base, "https://?q=x")
    assert not _joins_to_itself(base, "https:///no-host")


def test_a_path_from_the_root_joins_to_the_host() -> None:
    base = "https://news.example.com/world/story-1?ref=home"
    assert join_url(base, "/world/story-2?x=1") == "https://news.example.com/world/story-2?x=1"
    assert _joins_to_the_host(base, "/")
    assert not _joins_to_the_host(base, "/a/../b")
    assert not _joins_to_the_host(base, "//cdn.example.com/a")
    assert not _joins_to_the_host("https:///no-host", "/a")


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
            join_url(base, value)
        return
    assert join_url(base, value) == expected


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
