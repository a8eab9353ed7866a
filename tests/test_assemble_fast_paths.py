"""The quick forms of assembling compute exactly what their plain forms compute."""

from __future__ import annotations

from urllib.parse import urljoin

from hypothesis import given, settings
from hypothesis import strategies as st

from warta.extract.assemble import _absolute, _joins_to_itself, _joins_to_the_host

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


@settings(max_examples=3000, deadline=None)
@given(st.one_of(URLS, HTTP_URLS), LINKS)
def test_a_link_taken_as_it_is_is_what_urljoin_gives(base: str, href: str) -> None:
    if _joins_to_itself(base, href):
        assert urljoin(base, href) == href
    if _joins_to_the_host(base, href):
        assert urljoin(base, href) == _absolute(base, href)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(URLS, HTTP_URLS), LINKS)
def test_absolute_is_urljoin(base: str, href: str) -> None:
    try:
        expected = urljoin(base, href) if base else href
    except ValueError:
        assert not _joins_to_itself(base, href)  # rejected either way
        return
    assert _absolute(base, href) == expected


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
    assert _absolute(base, "/world/story-2?x=1") == "https://news.example.com/world/story-2?x=1"
    assert _joins_to_the_host(base, "/")
    assert not _joins_to_the_host(base, "/a/../b")
    assert not _joins_to_the_host(base, "//cdn.example.com/a")
    assert not _joins_to_the_host("https:///no-host", "/a")
