"""One pass over the DOM that flattens it into elements and text segments.

Everything after this pass works on plain lists indexed by pre-order position, so the content
scorer never walks the tree again: a subtree is the contiguous range ``[i, end[i])``.
A *segment* is a run of text inside one block element, cut at nested blocks and ``<br>``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache

from selectolax.lexbor import LexborNode

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
_NAMED_CONTAINERS = frozenset(
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
_NEVER_BOILERPLATE = frozenset({"article", "main", "body", "html"})
_CONTEXTS = frozenset({"ul", "ol", "table", "blockquote", "pre"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass(slots=True)
class Segment:
    element: int
    kind: str  # tag of the block element that holds it
    parts: list[str] = field(default_factory=list)
    link_chars: int = 0
    lead_link_chars: int = 0  # link text before any plain text: a teaser's headline
    plain_seen: bool = False
    anchors: dict[int, str] = field(default_factory=dict)  # <a> index -> its text here

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


@dataclass(slots=True)
class FlatPage:
    tags: list[str]
    parents: list[int]
    negative: list[bool]  # class/id names boilerplate
    hard: set[int]  # class/id names a comment thread: never the article
    marked: list[bool]  # class/id/itemprop names the article body
    hrefs: dict[int, str]
    related: set[int]  # containers whose class/id say their links are other stories
    segments: list[Segment]

    def end_positions(self) -> list[int]:
        """``end[i]``: one past the last descendant of element ``i`` in pre-order."""
        end = list(range(1, len(self.tags) + 1))
        for i in range(len(self.tags) - 1, 0, -1):
            parent = self.parents[i]
            if parent >= 0 and end[i] > end[parent]:
                end[parent] = end[i]
        return end


def flatten(root: LexborNode, hints: MarkupHints) -> FlatPage:
    """Walk ``root`` once, in document order, and return its flat form."""
    page = FlatPage([], [], [], set(), [], {}, set(), [])
    tags, parents, negatives, markers = page.tags, page.parents, page.negative, page.marked
    segments, hrefs = page.segments, page.hrefs
    index_of: dict[int, int] = {}
    block_of: list[int] = []
    link_of: list[int] = []
    current: Segment | None = None
    block_tags = hints.block_tags
    dropped = hints.drop_tags
    named = _NAMED_CONTAINERS | hints.furniture_tags
    # Dropped elements (scripts, forms' controls, embedded media) are skipped here, subtree and
    # all, rather than removed beforehand: one walk instead of one per tag.
    for node in root.traverse(include_text=True):
        tag = node.tag
        if tag == "-text":
            text = node.text_content
            if not text:
                continue
            parent_node = node.parent
            if text.isspace():
                # Whitespace only separates words inside a segment; none is open after a block.
                if (
                    current is not None
                    and parent_node is not None
                    and parent_node.mem_id in index_of  # not inside a dropped element
                ):
                    current.parts.append(" ")
                continue
            parent = index_of.get(parent_node.mem_id, -1) if parent_node is not None else -1
            if parent < 0:
                continue
            block = block_of[parent]
            if current is None or current.element != block:
                current = Segment(block, tags[block], [text], 0, 0, False, {})
                segments.append(current)
            else:
                current.parts.append(text)
            anchor = link_of[parent]
            if anchor >= 0:
                chars = len(text.strip())
                current.link_chars += chars
                if not current.plain_seen:
                    current.lead_link_chars += chars
                anchors = current.anchors
                anchors[anchor] = anchors.get(anchor, "") + text
            else:
                current.plain_seen = True
            continue
        if not tag or tag[0] == "-" or tag == "!doctype" or tag in dropped:
            continue
        parent_node = node.parent
        parent = index_of.get(parent_node.mem_id, -1) if parent_node is not None else -1
        if parent < 0 and tags:
            continue  # inside a dropped element: its whole subtree goes with it
        index = len(tags)
        index_of[node.mem_id] = index
        tags.append(tag)
        parents.append(parent)
        is_block = tag in block_tags
        if parent >= 0:
            block_of.append(index if is_block else block_of[parent])
            link_of.append(index if tag == "a" else link_of[parent])
        else:
            block_of.append(index)
            link_of.append(index if tag == "a" else -1)
        if tag in named:
            attrs = node.attributes
            role = container_role(tag, attrs.get("class"), attrs.get("id"), attrs.get("itemprop"))
            negatives.append(role.negative)
            markers.append(role.marked)
            if role.related:
                page.related.add(index)
            if role.hard:
                page.hard.add(index)
            if role.negative and not is_block:
                # An inline element named as furniture (a caption, credit, date or "read more"
                # <span>) makes a segment of its own: inside its block's segment, the zone its
                # name marks would never reach its text.
                is_block = True
                block_of[index] = index
        else:
            negatives.append(False)
            markers.append(False)
            if tag == "a":
                href = node.attributes.get("href")
                if href:
                    hrefs[index] = href
        if is_block:
            current = None
    return page


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
        and tag not in _NEVER_BOILERPLATE
        and (
            tag in markup_hints().furniture_tags
            # An embed token ("tweet", "embed") on the element cancels its furniture words: a
            # "social-media-embed" box holds the posts the story quotes.
            or (bool(flags & FURNITURE) and not flags & EMBED)
        )
    )
    return _role(negative, marked, bool(flags & RELATED_LINKS), negative and bool(flags & COMMENTS))


@cache
def _role(negative: bool, marked: bool, related: bool, hard: bool) -> Role:
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
    return tag in _HEADINGS
