"""One pass over the DOM that flattens it into elements and text segments.

The walk exists twice, with one output: compiled against lexbor's structs (``_flatwalk``), used
when it was built and matches the installed selectolax, and in Python, the reference it is
tested against and the fallback where no compiler was at hand.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import TYPE_CHECKING

from selectolax.lexbor import LexborNode

from warta.extract.lexbor_ext import compiled_lexbor
from warta.extract.markup import MarkupHints
from warta.extract.segments import (
    NEVER_BOILERPLATE,
    FlatPage,
    Segment,
    container_role,
    named_tags,
)

if TYPE_CHECKING:
    from warta.extract._flatwalk import TagTable


def flatten(root: LexborNode, hints: MarkupHints) -> FlatPage:
    """Walk ``root`` once, in document order, and return its flat form."""
    if _COMPILED is not None:
        return _COMPILED(root, hints)
    return flatten_python(root, hints)


def is_hidden(attributes: Mapping[str, str | None]) -> bool:
    """An element the page hides: what ``[hidden], [style*="display:none"], [style*="display:
    none"]`` selects (the script that would show it does not run here)."""
    if "hidden" in attributes:
        return True
    style = attributes.get("style")
    return style is not None and ("display:none" in style or "display: none" in style)


CompiledWalk = Callable[[LexborNode, MarkupHints], FlatPage]


def compiled_walk() -> CompiledWalk | None:
    """The compiled walk, if it was built and its lexbor headers match selectolax's lexbor."""
    ext = compiled_lexbor()
    if ext is None:
        return None

    def walk(root: LexborNode, hints: MarkupHints) -> FlatPage:
        return ext.flatten_nodes(root, _tag_table(hints), container_role)

    return walk


@cache
def _tag_table(hints: MarkupHints) -> TagTable:
    """One table a process: what each of lexbor's own tag ids is to the walk (a module-level
    cache: mypyc does not compile decorated nested functions)."""
    from warta.extract._flatwalk import TagTable

    return TagTable(hints, named_tags(hints), NEVER_BOILERPLATE)


_COMPILED = compiled_walk()


def flatten_python(root: LexborNode, hints: MarkupHints) -> FlatPage:
    """The walk in Python, node by node through selectolax: the reference for the compiled one."""
    page = FlatPage([], [], [], set(), [], {}, set(), [])
    tags, parents, negatives, markers = page.tags, page.parents, page.negative, page.marked
    segments, hrefs = page.segments, page.hrefs
    index_of: dict[int, int] = {}
    block_of: list[int] = []
    link_of: list[int] = []
    current: Segment | None = None
    current_parts: list[str] = []
    parts_of: list[list[str]] = []  # each segment's pieces of text, joined once at the end
    block_tags = hints.block_tags
    dropped = hints.drop_tags
    named = named_tags(hints)
    # Dropped elements (scripts, forms' controls, embedded media) and hidden ones are skipped
    # here, subtree and all, rather than removed beforehand: one walk instead of one per kind.
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
                    current_parts.append(" ")
                continue
            parent = index_of.get(parent_node.mem_id, -1) if parent_node is not None else -1
            if parent < 0:
                continue
            block = block_of[parent]
            if current is None or current.element != block:
                current = Segment(block, tags[block], "", 0, 0, False, {})
                segments.append(current)
                current_parts = [text]
                parts_of.append(current_parts)
            else:
                current_parts.append(text)
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
        if not tag or tag[0] == "-" or tag in dropped:  # "-text", "-comment", "-doctype"
            continue
        parent_node = node.parent
        parent = index_of.get(parent_node.mem_id, -1) if parent_node is not None else -1
        if parent < 0 and tags:
            continue  # inside a dropped or hidden element: its whole subtree goes with it
        if tags and is_hidden(node.attributes):
            continue  # never the root: a hidden <body> is one its script shows
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
    for segment, parts in zip(segments, parts_of, strict=True):
        segment.text = " ".join("".join(parts).split())
    page.ends = page.end_positions()  # as the compiled walk records them
    return page
