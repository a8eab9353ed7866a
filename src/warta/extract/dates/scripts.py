"""Dates in a page's script data: analytics layers and app state such as
``dataLayer = {"first-publication": "2020-01-28 15:28"}`` or ``"published_at": "..."``.

These are metadata written for machines, like <meta> tags, but less certain to be about the page's
own article, so they count only when the page has no JSON-LD or meta date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, tzinfo

from selectolax.lexbor import LexborHTMLParser

from warta.extract.dates.bounds import Bounds
from warta.extract.dates.machine import parse_machine

KEYS = (
    "datePublished", "date_published", "publishDate", "publish_date", "publishedDate",
    "published_date", "published_at", "publishedAt", "publicationDate", "publication_date",
    "first-publication", "firstPublished", "first_published_at", "firstPublishedAt",
    "publishedFirst", "pubDate", "pub_date", "article_publish_date", "articlePublishDate",
    "publish_time", "publishTime", "publicationTime", "datepublished",
)  # fmt: skip
_KEYS = "|".join(map(re.escape, KEYS))
KEY_VALUE = re.compile(
    rf"""["']?(?:{_KEYS})["']?\s*[:=]\s*["']([^"'\\]{{6,40}})["']""", re.IGNORECASE
)
# Every key has "ubli" or "ub_d"/"ubD" in it (any case: "UBLI" too), found first: one search per
# case, as each opens with a literal the regex engine skips to (one opening with "u" or "U" has
# it try every character, 2.6 times slower). Matches of the two never overlap.
LOWER_ANCHOR = re.compile(r"ub(?:li|_?[dD])")
UPPER_ANCHOR = re.compile(r"UB(?:LI|_?D)")
KEY_REACH = 20  # characters from a key's start to its "ubli"
VALUE_REACH = 80  # characters from there to the end of its value
SELECTOR = "script:not([type*='ld+json' i]):not([src])"
# Script text read per page: data layers sit near the top; bundles after them are code.
MAX_CHARS = 400_000


def from_scripts(
    tree: LexborHTMLParser, *, bounds: Bounds, zone: tzinfo | None
) -> date | datetime | None:
    """The first possible publication date under a publication key in the page's scripts."""
    budget = MAX_CHARS
    for script in tree.css(SELECTOR):
        text = script.text(deep=True) or ""
        if budget <= 0:
            break
        text = text[:budget]
        budget -= len(text)
        for start in anchors(text):
            match = KEY_VALUE.search(text, max(0, start - KEY_REACH), start + VALUE_REACH)
            if match is None:
                continue
            value = parse_machine(match[1], bounds=bounds, zone=zone)
            if value is not None:
                return value
    return None


def anchors(text: str) -> Iterator[int]:
    """Where ``ub(?:li|_?[dD])|UB(?:LI|_?D)`` matches in ``text``, in order, read no further
    than asked: the upper-case matches before each lower-case one, then it."""
    done = 0
    for lower in LOWER_ANCHOR.finditer(text):
        for upper in UPPER_ANCHOR.finditer(text, done, lower.start()):
            yield upper.start()
        yield lower.start()
        done = lower.end()
    for upper in UPPER_ANCHOR.finditer(text, done):
        yield upper.start()
