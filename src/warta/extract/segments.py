"""One pass over the DOM that flattens it into elements and text segments.

Everything after this pass works on plain lists indexed by pre-order position, so the content
scorer never walks the tree again: a subtree is the contiguous range ``[i, end[i])``.
A *segment* is a run of text inside one block element, cut at nested blocks and ``<br>``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from warta.extract.markup import MarkupHints, attribute_names

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
    }
)
_NEVER_BOILERPLATE = frozenset({"article", "main", "body", "html"})
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
    context: list[str]  # nearest list/table/quote ancestor tag of each element, or ""

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
    page = FlatPage([], [], [], set(), [], {}, set(), [], [])
    index_of: dict[int, int] = {}
    block_of: list[int] = []
    link_of: list[int] = []
    current: Segment | None = None
    block_tags = hints.block_tags
    for node in root.traverse(include_text=True):
        tag = node.tag or ""
        parent_node = node.parent
        parent = index_of.get(parent_node.mem_id, -1) if parent_node is not None else -1
        if tag == "-text":
            if parent < 0:
                continue
            text = node.text_content or ""
            if not text or text.isspace():
                if current is not None and text:
                    current.parts.append(" ")
                continue
            block = block_of[parent]
            if current is None or current.element != block:
                current = Segment(block, page.tags[block])
                page.segments.append(current)
            current.parts.append(text)
            anchor = link_of[parent]
            if anchor >= 0:
                chars = len(text.strip())
                current.link_chars += chars
                if not current.plain_seen:
                    current.lead_link_chars += chars
                current.anchors[anchor] = current.anchors.get(anchor, "") + text
            else:
                current.plain_seen = True
            continue
        if tag.startswith("-") or tag == "!doctype":
            continue
        index = len(page.tags)
        index_of[node.mem_id] = index
        page.tags.append(tag)
        page.parents.append(parent)
        is_block = tag in block_tags
        block_of.append(index if is_block or parent < 0 else block_of[parent])
        link_of.append(index if tag == "a" else (link_of[parent] if parent >= 0 else -1))
        inherited = page.context[parent] if parent >= 0 else ""
        page.context.append(tag if tag in ("ul", "ol", "table", "blockquote", "pre") else inherited)
        negative = marked = False
        if tag in _NAMED_CONTAINERS or tag in hints.furniture_tags:
            attrs = node.attributes
            names, tokens = attribute_names(attrs.get("class"), attrs.get("id"))
            marked = attrs.get("itemprop") == "articleBody" or any(
                n in hints.body_markers for n in names
            )
            if not hints.related_tokens.isdisjoint(tokens):
                page.related.add(index)
            negative = (
                not marked
                and tag not in _NEVER_BOILERPLATE
                and (tag in hints.furniture_tags or not hints.negative_tokens.isdisjoint(tokens))
            )
            if negative and not hints.hard_negative_tokens.isdisjoint(tokens):
                page.hard.add(index)
        elif tag == "a":
            href = node.attributes.get("href")
            if href:
                page.hrefs[index] = href
        page.negative.append(negative)
        page.marked.append(marked)
        if is_block:
            current = None
    return page


def is_heading(tag: str) -> bool:
    return tag in _HEADINGS
