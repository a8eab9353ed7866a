"""Joining a link to its page's URL: ``urllib.parse.urljoin``, with its two commonest cases
done without parsing either URL (urljoin is interpreted Python, a few microseconds a call, and
pages hold hundreds of links). The cases follow urljoin's rules as CPython 3.11 has them; tests
hold them to urljoin on real, hostile and random URLs, so a release that differs shows there."""

from __future__ import annotations

from urllib.parse import urljoin

_DROPPED = ("\t", "\r", "\n")  # urljoin takes these out of a URL before parsing it
_URL_PARTS = ("#", ";", *_DROPPED)  # see _joins_to_itself


def join_url(base_url: str | None, href: str) -> str:
    """``urljoin(base_url, href)`` (``href`` itself without a base), raising as it does; the
    links most pages hold are joined here without urljoin's interpreted parsing."""
    if not base_url:
        return href
    if _joins_to_itself(base_url, href):
        return href  # most links on a page: urljoin, in Python, costs more than the rest
    if _joins_to_the_host(base_url, href):
        return _origin(base_url) + href
    return urljoin(base_url, href)


def _joins_to_itself(base_url: str, href: str) -> bool:
    """Whether ``urljoin(base_url, href)`` is ``href`` as it is: an http(s) URL with a host.

    urljoin gives back a URL of another scheme untouched, and one of the base's own scheme
    with a host as its parts put back together: ``href`` itself, unless it had a part that
    comes back only when non-empty (an empty query, a fragment or parameters: those are not
    looked into) or characters the parser drops (tab, CR, LF). Both URLs are parsed, so neither
    may have a host the parser checks, and may reject: with brackets (IPv6) or non-ASCII."""
    return (
        _is_checked_http(base_url)
        and _is_checked_http(href)
        and not any(mark in href for mark in _URL_PARTS)
        and not href.endswith("?")
        and _has_host(href)
    )


def _joins_to_the_host(base_url: str, href: str) -> bool:
    """Whether ``urljoin(base_url, href)`` is the base's scheme and host, then ``href``: a
    path from the root ("/a/b?c") with no dot segments to resolve ("/." rules those out, and
    more), no part that comes back only when non-empty, and none of what urljoin drops or
    checks, in either URL (see ``_joins_to_itself``)."""
    return (
        href.startswith("/")
        and not href.startswith("//")
        and href.isascii()
        and "/." not in href
        and not any(mark in href for mark in _URL_PARTS)
        and not href.endswith("?")
        and _is_checked_http(base_url)
        and not any(mark in base_url for mark in _DROPPED)
        and _has_host(base_url)
    )


def _origin(url: str) -> str:
    """The scheme and host of an http(s) URL: up to the path, the query or the fragment."""
    end = url.index("//") + 2
    while end < len(url) and url[end] not in "/?#":
        end += 1
    return url[:end]


def _is_checked_http(url: str) -> bool:
    return (
        url.startswith(("https://", "http://"))
        and url.isascii()
        and "[" not in url
        and "]" not in url
    )


def _has_host(url: str) -> bool:
    """Something between the scheme's "//" and the path, query or fragment."""
    start = url.index("//") + 2
    return start < len(url) and url[start] not in "/?#"
