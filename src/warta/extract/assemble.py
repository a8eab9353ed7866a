"""From the chosen container's segments to the article's blocks and its related links."""

from __future__ import annotations

from dataclasses import dataclass

from warta.article import RelatedLink
from warta.extract.boilerplate import LineKind, classify_line, single_spaced
from warta.extract.score import Choice
from warta.extract.segments import FlatPage, Segment, context_of, is_heading
from warta.extract.url_join import join_url

_MIN_LINK_TITLE = 12  # shorter anchors are "more", "next", section names: not headlines
_TEASER_ENDINGS = ("...", "…", ",..")
_PROSE_MIN = 50
_LINKED_PROSE_MIN = 100
_LINKED_PROSE_PLAIN = 30
_LINKED_PROSE_ANCHORS = 2
_SENTENCE_MIN = 15
_NEARBY_LEVELS = 2
_RELATED_BOX_SHARE = 0.4
_TRIM_KEEP = 0.6
_SENTENCE_MARKS = (".", "!", "?", "。", "！", "？", "।", ":", ";", "、", "，")
_SENTENCE_ENDINGS = frozenset('.!?。！？…"”»)」')


@dataclass(slots=True, init=False)
class Block:
    """One block of the body's text. (Not frozen, and with an ``__init__`` of its own: mypyc
    compiles that, where a dataclass's own ``__init__`` is interpreted code, and a page has
    dozens of blocks.)"""

    kind: str  # tag of the block element: p, h2, li, td, blockquote, pre, ...
    text: str
    context: str  # ul/ol/table/blockquote/pre ancestor, or ""
    links: tuple[tuple[str, str], ...]  # (anchor text, absolute URL) inside the block

    def __init__(
        self, kind: str, text: str, context: str, links: tuple[tuple[str, str], ...] = ()
    ) -> None:
        self.kind = kind
        self.text = text
        self.context = context
        self.links = links


# __init__ written out for mypyc to compile (see segments.Segment).
@dataclass(slots=True, init=False)
class Assembly:
    blocks: list[Block]
    related: dict[str, RelatedLink]
    headline: str | None

    def __init__(
        self,
        blocks: list[Block] | None = None,
        related: dict[str, RelatedLink] | None = None,
        headline: str | None = None,
    ) -> None:
        self.blocks = [] if blocks is None else blocks
        self.related = {} if related is None else related
        self.headline = headline

    def add_links(self, page: FlatPage, segment: Segment, base_url: str | None, kind: str) -> None:
        for anchor, text in segment.anchors.items():
            link = _link(page, anchor, text)
            # The title first: joining a URL costs more than the rest of a link.
            if link is not None and len(link[0]) >= _MIN_LINK_TITLE:
                url = join_url(base_url, link[1])
                if url.startswith(("http://", "https://")):
                    self.related.setdefault(url, RelatedLink(title=link[0], url=url, kind=kind))


def _link(page: FlatPage, anchor: int, text: str) -> tuple[str, str] | None:
    """(anchor text, href) of a link that leads somewhere, or None."""
    href = page.hrefs.get(anchor)
    title = single_spaced(text)
    if href and title and not href.startswith(("#", "javascript:")):
        return title, href
    return None


def _anchors(page: FlatPage, segment: Segment, base_url: str | None) -> tuple[tuple[str, str], ...]:
    """(anchor text, absolute URL) of the links in a segment that lead somewhere."""
    if not segment.anchors:
        return ()  # most segments of a body: no tuple to build
    found: list[tuple[str, str]] = []
    for anchor, text in segment.anchors.items():
        link = _link(page, anchor, text)
        if link is not None:
            found.append((link[0], join_url(base_url, link[1])))
    return tuple(found)


def assemble(page: FlatPage, choice: Choice, base_url: str | None) -> Assembly:
    out = Assembly()
    in_related_list = False
    related_until = -1  # the related block a heading opened ends before this element
    container, stop, siblings = choice.container, choice.end, choice.siblings
    zones, cards = choice.zones, choice.cards
    nearby = _nearby_root(page, choice)
    nearby_end = choice.ends[nearby]
    outside: list[Segment] = []  # linked segments near the body, but not in it
    for segment in page.segments:
        text = segment.text
        element = segment.element
        # The container's range first: most segments of the body are in it, and no call.
        start = container if container <= element < stop else -1
        if start < 0 and siblings:
            start = choice.range_start(element)
        if not text:
            continue
        if start < 0:
            if segment.anchors and nearby <= element < nearby_end:
                outside.append(segment)
            continue
        if zones[element] > start or cards[element] > start:
            if _in_related_container(page, element, start):
                out.add_links(page, segment, base_url, "block")
            continue
        if element < related_until:
            out.add_links(page, segment, base_url, "block")
            continue
        linky = segment.link_chars > 0.5 * len(text) and not _linked_prose(segment, text)
        verdict = classify_line(text)
        kind = verdict.kind
        if kind is LineKind.RELATED_HEADING:
            in_related_list = True
            related_until = _related_block_end(page, choice, element)
            continue
        if kind is LineKind.READ_ALSO and (segment.link_chars or verdict.separated):
            out.add_links(page, segment, base_url, "inline")
            continue
        if kind is LineKind.BOILERPLATE:
            continue
        if in_related_list:
            if linky or text.endswith(_TEASER_ENDINGS):
                out.add_links(page, segment, base_url, "block")
                continue
            in_related_list = False
        if linky:
            if _in_related_container(page, element, start):
                out.add_links(page, segment, base_url, "block")
            continue
        if segment.kind == "h1":
            out.headline = out.headline or text
            continue
        links = _anchors(page, segment, base_url)
        out.blocks.append(Block(segment.kind, text, context_of(page, element), links))
    out.blocks = _trim_edges(out.blocks)
    # Related-article boxes just outside the body (after it, in the same <article>): their
    # links come after the body's own.
    for segment in outside:
        if _in_related_container(page, segment.element, nearby):
            out.add_links(page, segment, base_url, "block")
    return out


def _nearby_root(page: FlatPage, choice: Choice) -> int:
    """The container's ancestor a few levels up: related boxes in it belong to the story."""
    root = choice.container
    for _ in range(_NEARBY_LEVELS):
        if page.parents[root] < 0:
            break
        root = page.parents[root]
    return root


def _linked_prose(segment: Segment, text: str) -> bool:
    """A paragraph or list item of sentences that happens to be mostly link text (its last
    clause linked, or a briefing's item: a linked headline, then a sentence of its own)."""
    return (
        segment.kind in ("p", "li")
        and len(text) >= _LINKED_PROSE_MIN
        and text[-1] in _SENTENCE_ENDINGS
        and len(text) - segment.link_chars >= _LINKED_PROSE_PLAIN
        and len(segment.anchors) <= _LINKED_PROSE_ANCHORS
    )


def _trim_edges(blocks: list[Block]) -> list[Block]:
    """Drop the labels, dates and bylines that sit before the first and after the last
    paragraph of prose; lists and tables at the edges stay, they are content."""
    prose = [i for i, block in enumerate(blocks) if _is_prose(block)]
    if not prose:
        return blocks
    first, last = prose[0], prose[-1]
    head = [b for b in blocks[:first] if _is_structured(b) or is_heading(b.kind)]
    tail = [b for b in blocks[last + 1 :] if _is_structured(b)]
    trimmed = head + blocks[first : last + 1] + tail
    kept = sum(len(b.text) for b in trimmed)
    if kept < _TRIM_KEEP * sum(len(b.text) for b in blocks):
        return blocks  # that much at the edges is the content (a schedule, a table of lines)
    return trimmed


def _is_prose(block: Block) -> bool:
    text = block.text
    if is_heading(block.kind):
        return False
    if len(text) >= _PROSE_MIN and any(mark in text for mark in _SENTENCE_MARKS):
        return True
    return len(text) >= _SENTENCE_MIN and text[-1] in _SENTENCE_ENDINGS


def _is_structured(block: Block) -> bool:
    return block.context in ("ul", "ol", "table", "pre") or block.kind in ("li", "td", "th", "pre")


def body_links(blocks: list[Block]) -> list[tuple[str, str, int]]:
    """(anchor text, URL, offset in the rendered text) of every link kept in the body."""
    found: list[tuple[str, str, int]] = []
    offset = 0
    for index, block in enumerate(blocks):
        if index:
            offset += len(_separator(blocks[index - 1], block))
        for title, url in block.links:
            at = block.text.find(title)
            if at >= 0:
                found.append((title, url, offset + at))
        offset += len(block.text)
    return found


def _related_block_end(page: FlatPage, choice: Choice, heading: int) -> int:
    """Where the block a related heading opens ends: its parent's subtree, when that parent
    is a box of its own rather than the article (which a heading's parent can also be)."""
    parent = page.parents[heading]
    if parent <= choice.container:
        return -1
    if choice.subtree_prose[parent] >= _RELATED_BOX_SHARE * choice.prose:
        return -1
    return choice.ends[parent]


def _in_related_container(page: FlatPage, element: int, stop: int) -> bool:
    node = element
    while node >= stop:
        if node in page.related:
            return True
        node = page.parents[node]
    return False


def render_text(blocks: list[Block]) -> str:
    parts: list[str] = []
    for index, block in enumerate(blocks):
        if index:
            parts.append(_separator(blocks[index - 1], block))
        parts.append(block.text)
    return "".join(parts)


def _has_markup(block: Block) -> bool:
    return bool(block.context) or block.kind in ("li", "pre") or is_heading(block.kind)


def _separator(previous: Block, block: Block) -> str:
    """Items of one list or table are lines; everything else is a paragraph of its own."""
    grouped = block.context in ("ul", "ol", "table") and block.context == previous.context
    return "\n" if grouped else "\n\n"


def render_markdown(blocks: list[Block], text: str | None = None) -> str:
    """Markdown of the blocks. Given the rendered ``text``, a body of plain paragraphs, whose
    markdown is that very text, shares its string instead of building a copy."""
    if text is not None and not any(_has_markup(block) for block in blocks):
        return text
    parts: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if is_heading(block.kind):
            line = "#" * int(block.kind[1]) + " " + block.text
        elif block.kind == "li":
            line = ("1. " if block.context == "ol" else "- ") + block.text
        elif block.context == "blockquote":
            line = "> " + block.text
        elif block.context == "pre" or block.kind == "pre":
            line = "```\n" + block.text + "\n```"
        else:
            line = block.text
        if parts:
            tight = previous is not None and previous.kind == "li" and block.kind == "li"
            parts.append("\n" if tight else "\n\n")
        parts.append(line)
        previous = block
    return "".join(parts)
