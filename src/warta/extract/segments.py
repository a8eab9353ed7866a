"""The flat form of a page that ``warta.extract.flatten`` builds, and what its names mean.

Everything after the one DOM walk works on plain lists indexed by pre-order position, so the
content scorer never walks the tree again: a subtree is the contiguous range ``[i, end[i])``.
A *segment* is a run of text inside one block element, cut at nested blocks and ``<br>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from warta.extract.markup import (
    BODY_MARKER,
    COMMENTS,
    EMBED,
    FURNITURE,
    RELATED_LINKS,
    MarkupHints,
    name_flags,
)
from warta.extract.markup import hints as markup_hints

# Elements whose class/id we read: the containers that page templates name. Reading the
# attributes of every inline element would cost more than it tells.
NAMED_CONTAINERS = frozenset(
    {
        "div",
        "section",
        "aside",
        "ul",
        "ol",
        "table",
        "header",
        "footer",
        "nav",
        "figure",
        "article",
        "main",
        "dl",
        "form",
        "center",
        "span",
        "p",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    }
)
NEVER_BOILERPLATE = frozenset({"article", "main", "body", "html"})
_CONTEXTS = frozenset({"ul", "ol", "table", "blockquote", "pre"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


# A page makes hundreds of segments. ``init=False`` and an ``__init__`` of its own: mypyc
# compiles that one, where the ``__init__`` the dataclass decorator writes is interpreted code
# (four times slower; mypyc issue 817).
@dataclass(slots=True, init=False)
class Segment:
    element: int
    kind: str  # tag of the block element that holds it
    text: str  # its words, joined by single spaces
    link_chars: int
    lead_link_chars: int  # link text before any plain text: a teaser's headline
    plain_seen: bool
    anchors: dict[int, str]  # <a> index -> its text here

    def __init__(
        self,
        element: int,
        kind: str,
        text: str = "",
        link_chars: int = 0,
        lead_link_chars: int = 0,
        plain_seen: bool = False,
        anchors: dict[int, str] | None = None,
    ) -> None:
        self.element = element
        self.kind = kind
        self.text = text
        self.link_chars = link_chars
        self.lead_link_chars = lead_link_chars
        self.plain_seen = plain_seen
        self.anchors = {} if anchors is None else anchors


# __init__ written out for mypyc to compile (see segments.Segment).
@dataclass(slots=True, init=False)
class FlatPage:
    tags: list[str]
    parents: list[int]
    negative: list[bool]  # class/id names boilerplate
    hard: set[int]  # class/id names a comment thread: never the article
    marked: list[bool]  # class/id/itemprop names the article body
    hrefs: dict[int, str]
    related: set[int]  # containers whose class/id say their links are other stories
    segments: list[Segment]
    # ``ends[i]``: one past the last descendant of element ``i``, where the walk recorded them
    ends: list[int]

    def __init__(
        self,
        tags: list[str],
        parents: list[int],
        negative: list[bool],
        hard: set[int],
        marked: list[bool],
        hrefs: dict[int, str],
        related: set[int],
        segments: list[Segment],
        ends: list[int] | None = None,
    ) -> None:
        self.tags = tags
        self.parents = parents
        self.negative = negative
        self.hard = hard
        self.marked = marked
        self.hrefs = hrefs
        self.related = related
        self.segments = segments
        self.ends = [] if ends is None else ends

    def end_positions(self) -> list[int]:
        """``end[i]``: one past the last descendant of element ``i`` in pre-order."""
        if len(self.ends) == len(self.tags):
            return self.ends
        end = list(range(1, len(self.tags) + 1))
        for i in range(len(self.tags) - 1, 0, -1):
            parent = self.parents[i]
            if parent >= 0 and end[i] > end[parent]:
                end[parent] = end[i]
        return end


@cache
def named_tags(hints: MarkupHints) -> frozenset[str]:
    """The tags whose class, id and itemprop the walk reads."""
    return NAMED_CONTAINERS | hints.furniture_tags


@dataclass(frozen=True, slots=True)
class Role:
    negative: bool  # page furniture: comments, sharing, navigation, promotion
    marked: bool  # named as the article body
    related: bool  # its links are other stories
    hard: bool  # a comment thread: never the article


@lru_cache(maxsize=16384)
def container_role(
    tag: str, class_attr: str | None, id_attr: str | None, itemprop: str | None
) -> Role:
    """What a container's tag and names say it is. Cached: templates repeat their names."""
    flags = 0
    for name in (class_attr or "").split():
        flags |= name_flags(name)
    for name in (id_attr or "").split():
        flags |= name_flags(name)
    marked = itemprop == "articleBody" or bool(flags & BODY_MARKER)
    negative = (
        not marked
        and tag not in NEVER_BOILERPLATE
        and (
            tag in markup_hints().furniture_tags
            # An embed token ("tweet", "embed") on the element cancels its furniture words: a
            # "social-media-embed" box holds the posts the story quotes.
            or (bool(flags & FURNITURE) and not flags & EMBED)
        )
    )
    return role(negative, marked, bool(flags & RELATED_LINKS), negative and bool(flags & COMMENTS))


@cache
def role(negative: bool, marked: bool, related: bool, hard: bool) -> Role:
    return Role(negative, marked, related, hard)  # sixteen of them, built once each


def context_of(page: FlatPage, element: int) -> str:
    """The nearest list, table, quote or preformatted ancestor's tag, or ""."""
    while element >= 0:
        tag = page.tags[element]
        if tag in _CONTEXTS:
            return tag
        element = page.parents[element]
    return ""


def is_heading(tag: str) -> bool:
    return tag in HEADINGS
