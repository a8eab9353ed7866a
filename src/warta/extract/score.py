"""Choose the element that holds the article: the subtree whose text is most worth keeping.

Each segment gets a value: positive for prose (long, few links, sentence punctuation),
negative for link lists, short labels and text inside boilerplate containers. Values add up
the tree, and the container is the element with the largest sum: the smallest subtree that
takes in most of the prose while leaving out most of the furniture around it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate
from typing import Final

from warta.extract.segments import HEADINGS, FlatPage, Segment

_MARKED_BONUS = 1.3
_ARTICLE_BONUS = 1.1
_ZONE_SHARE = 0.5  # a "boilerplate" container that holds this much of the prose is not one
_ZONE_SHARE_OUTSIDE = 0.25
_TEASER_HEADLINE = 25
_SHORT_PROSE = 500
_LEAD_MIN = 80.0
_SIBLING_LEVELS = 3
_LEAD_LEVELS = 5  # a lead set in paragraphs is looked for this far up
_TAIL_SHARE = 0.25
_LINK_RUN_CAP = 60.0
_CELLS = frozenset({"td", "th"})
_ARTICLE_TAGS = frozenset({"article", "main"})
_STANDFIRST = 100  # a "heading" this long is a standfirst set in heading type: prose
# A teaser card: a linked headline with a short excerpt beside it ("More from ...").
_CARD_HEADLINE_MIN = 20
_CARD_MAX_PROSE = 500
_CARD_LEVELS = 4


# __init__ written out for mypyc to compile (see segments.Segment); Final fields keep it frozen.
@dataclass(slots=True, init=False, unsafe_hash=True)
class Choice:
    container: Final[int]
    end: Final[int]
    zones: Final[list[int]]  # innermost boilerplate-container ancestor of each element, or -1
    cards: Final[list[int]]  # innermost teaser-card ancestor of each element, or -1
    prose: Final[int]  # characters of prose inside the container
    ends: Final[list[int]]  # one past the last descendant of each element
    subtree_prose: Final[list[float]]
    siblings: Final[tuple[int, ...]]  # the container's siblings that belong to the article too

    def __init__(
        self,
        container: int,
        end: int,
        zones: list[int],
        cards: list[int],
        prose: int,
        ends: list[int],
        subtree_prose: list[float],
        siblings: tuple[int, ...] = (),
    ) -> None:
        self.container = container
        self.end = end
        self.zones = zones
        self.cards = cards
        self.prose = prose
        self.ends = ends
        self.subtree_prose = subtree_prose
        self.siblings = siblings

    def range_start(self, element: int) -> int:
        """The first element of the included subtree holding ``element``, or -1."""
        if self.container <= element < self.end:
            return self.container
        for sibling in self.siblings:
            if sibling <= element < self.ends[sibling]:
                return sibling
        return -1


def segment_value(segment: Segment, teasers: bool = True) -> float:
    text = segment.text
    length = len(text)
    if length == 0 or text[0] == "<":  # markup shown as text: an unparsed <noscript>
        return 0.0
    density = segment.link_chars / length
    if density > 0.5:
        # One long run of links (a tag list, a breadcrumb) weighs like a few menu entries;
        # menus are many segments and still add up.
        return -min(float(length) * density, _LINK_RUN_CAP)
    kind = segment.kind
    if (kind in HEADINGS and length < _STANDFIRST) or kind in _CELLS:
        return 0.0  # headings and table cells are content only where prose is around them
    if (
        teasers
        and segment.lead_link_chars >= _TEASER_HEADLINE
        and segment.lead_link_chars >= 0.1 * length
    ):
        return -0.5 * length  # a linked headline and its excerpt: a teaser, not the story
    punctuation = text.count(".") + text.count(",")
    if not text.isascii():  # (a flag of the string: no scan) CJK commas and full stops
        punctuation += text.count("。") + text.count("、")
    if length < 40 and punctuation == 0:
        # A short line without punctuation is a label or a menu entry, unless the page put
        # it in a paragraph (a line of a poem, of a schedule, of an address).
        return 0.0 if kind == "p" else -min(10.0, float(length)) * 0.5
    return (length - 20.0) * (1.0 - density) + 10.0 * min(punctuation, 5)


# __init__ written out for mypyc to compile (see segments.Segment).
@dataclass(slots=True, init=False)
class _Tally:
    """The segments' values, added up by the element that holds them."""

    own: list[float]
    prose_own: list[int]  # whole characters of prose (positive values)
    prose: list[tuple[int, float]]  # (element, value) of each segment of prose, in order
    headlines: list[int]  # elements of the linked headlines (a teaser card's, perhaps)

    def __init__(
        self,
        own: list[float],
        prose_own: list[int],
        prose: list[tuple[int, float]],
        headlines: list[int],
    ) -> None:
        self.own = own
        self.prose_own = prose_own
        self.prose = prose
        self.headlines = headlines


def _tally(page: FlatPage, teasers: bool) -> _Tally:
    count = len(page.tags)
    tally = _Tally([0.0] * count, [0] * count, [], [])
    own, prose_own, prose, headlines = tally.own, tally.prose_own, tally.prose, tally.headlines
    for segment in page.segments:
        value = segment_value(segment, teasers)
        text = segment.text
        element = segment.element
        own[element] += value
        if value > 0:
            prose_own[element] += int(value)
            prose.append((element, value))
        elif (
            value < 0 and len(text) >= _CARD_HEADLINE_MIN and segment.link_chars >= 0.7 * len(text)
        ):
            headlines.append(element)
    return tally


def choose_container(page: FlatPage) -> Choice | None:
    if not page.tags:
        return None
    end = page.end_positions()
    choice = _choose(page, end, teasers=True)
    if choice.prose < _SHORT_PROSE:
        # Little prose is left once teasers are discounted: the story may itself be a list
        # of linked headlines with summaries ("10 things you need to know today").
        as_list = _choose(page, end, teasers=False)
        if as_list.prose > 3 * choice.prose:
            return as_list
    return choice


def _choose(page: FlatPage, end: list[int], teasers: bool) -> Choice:
    count = len(page.tags)
    tally = _tally(page, teasers)
    own = tally.own
    # before[i]: prose of the elements ahead of i. Prose is whole characters, so a subtree's
    # is a difference of two of these, exactly.
    before = list(accumulate(tally.prose_own, initial=0))
    prose = _range_sums(before, end)
    total_prose = prose[0]
    limit = total_prose * _ZONE_SHARE
    zoning = _zoning(page.negative, prose, limit)
    zones = innermost(zoning, page.parents)
    zoned = _covered(zoning, end, before)
    if total_prose and total_prose - zoned < _ZONE_SHARE_OUTSIDE * total_prose:
        # Most of the prose sits in "boilerplate" containers (a photo story told in
        # figcaptions): the markers are wrong about this page, so none is believed.
        zones = innermost(page.hard, page.parents)
    cards = _cards(page, tally.headlines, prose, before, end)
    discounted = [0.0] * count
    for element, value in tally.prose:
        if zones[element] >= 0 or cards[element] >= 0:
            own[element] -= 2 * value
            discounted[element] += value
    sums = _subtree_sums(page.parents, own)
    best = _best(page, sums)
    # Furniture inside a lead's block (a photo gallery in the story's header) weighs nothing
    # there rather than against it: assembling leaves it out anyway.
    neutral = _Neutral(sums, list(accumulate(discounted, initial=0.0)), end)
    siblings = _article_siblings(page, best, neutral)
    return Choice(best, end[best], zones, cards, int(prose[best]), end, prose, siblings)


def _best(page: FlatPage, sums: list[float]) -> int:
    """The element with the largest score, the first of equals: its subtree sum, raised for
    a container named or tagged as the article."""
    found, best = 0, _score(page, sums[0], 0)
    for element in range(1, len(sums)):
        score = _score(page, sums[element], element)
        if score > best:  # strictly: an equal later score leaves the first
            found, best = element, score
    return found


def _score(page: FlatPage, value: float, element: int) -> float:
    if value > 0:
        if page.marked[element]:
            return value * _MARKED_BONUS
        if page.tags[element] in _ARTICLE_TAGS:
            return value * _ARTICLE_BONUS
    return value


# __init__ written out for mypyc to compile (see segments.Segment); Final fields keep it frozen.
@dataclass(slots=True, init=False, unsafe_hash=True)
class _Neutral:
    """Subtree sums, and the same with discounted furniture counted as nothing."""

    sums: Final[list[float]]
    discounted: Final[list[float]]  # prefix sums, by element, of the discounted prose
    end: Final[list[int]]

    def __init__(self, sums: list[float], discounted: list[float], end: list[int]) -> None:
        self.sums = sums
        self.discounted = discounted
        self.end = end

    def __call__(self, element: int) -> float:
        end = self.end[element]
        return self.sums[element] + self.discounted[end] - self.discounted[element]


def _article_siblings(page: FlatPage, container: int, neutral: _Neutral) -> tuple[int, ...]:
    """Subtrees beside the container that carry prose of their own: a standfirst or a lead
    paragraph set apart from the body (in the article's header, say), or the rest of a body
    split in two. Looked for among the container's siblings, then its parent's, and so on up."""
    sums, end = neutral.sums, neutral.end
    if sums[container] <= 0:
        return ()
    found: list[int] = []
    branch = container
    for level in range(_LEAD_LEVELS):
        parent = page.parents[branch]
        if parent < 0:
            break
        child = parent + 1
        while child < end[parent]:
            if child != branch and (child < container or level == 0):
                needed = _LEAD_MIN if child < container else _TAIL_SHARE * sums[container]
                # Far up, or once furniture is discounted, only a lead set in paragraphs: a
                # heading there is the dek of a template that keeps it apart from the story.
                if (sums[child] >= needed and level < _SIBLING_LEVELS) or (
                    neutral(child) >= needed and "p" in page.tags[child : end[child]]
                ):
                    found.append(child)
            child = end[child]
        branch = parent
    return tuple(sorted(found))


def _subtree_sums(parents: list[int], own: list[float]) -> list[float]:
    """Each element's value plus its descendants', added child by child from the last.

    The floating-point sums are the very ones of adding every child in that order: a child
    whose subtree sums to zero is skipped, and adding +0.0 changes no sum (no -0.0 arises: values
    are +0.0 or nonzero, and sums that cancel round to +0.0)."""
    sums = list(own)
    for i in range(len(sums) - 1, 0, -1):
        value = sums[i]
        if value:
            parent = parents[i]
            if parent >= 0:
                sums[parent] += value
    return sums


def _range_sums(before: list[int], end: list[int]) -> list[float]:
    """The subtree sums of whole numbers, from their prefix sums: ``before[end[i]] - before[i]``."""
    return [float(before[end[i]] - before[i]) for i in range(len(end))]


def _zoning(negative: list[bool], prose: list[float], limit: float) -> list[int]:
    """The elements named as furniture that hold less than ``limit`` of the prose."""
    return [i for i in range(len(negative)) if negative[i] and prose[i] < limit]


def innermost(marks: Iterable[int], parents: list[int]) -> list[int]:
    """For each element, the innermost of the marked elements that is it or holds it, or -1:
    itself if marked, else its parent's (which comes before it in pre-order), in one pass."""
    owner = [-1] * len(parents)
    for mark in marks:
        owner[mark] = mark
    for element in range(len(parents)):
        if owner[element] < 0:  # not marked: nothing but the element itself writes its entry
            parent = parents[element]
            if parent >= 0:
                owner[element] = owner[parent]
    return owner


def _covered(marks: list[int], end: list[int], before: list[int]) -> int:
    """The prose inside any of the marked subtrees (given in document order)."""
    total, reach = 0, 0
    for mark in marks:
        if mark >= reach:  # not inside the last outermost subtree counted
            reach = end[mark]
            total += before[reach] - before[mark]
    return total


def count_below(ordered: list[int], value: int) -> int:
    """``bisect.bisect_left(ordered, value)``, as a loop mypyc compiles to native integer
    compares: called from compiled code, the bisect module compares through Python objects."""
    low, high = 0, len(ordered)
    while low < high:
        middle = (low + high) // 2
        if ordered[middle] < value:
            low = middle + 1
        else:
            high = middle
    return low


def _cards(
    page: FlatPage, headlines: list[int], prose: list[float], before: list[int], end: list[int]
) -> list[int]:
    """Mark teaser cards: around one linked headline, the largest subtree with a short excerpt.

    A card holds exactly one headline; an ancestor holding two is a list of teasers, or the
    article itself, and the walk stops below it. Nor is a card most of the page's prose: that
    is a short article whose headline links to itself. Nor does a card have prose ahead of its
    headline: that is a stretch of the story ending in a "see more" link.
    """
    limit = min(float(_CARD_MAX_PROSE), prose[0] * _ZONE_SHARE)
    parents = page.parents
    if not headlines:
        return [-1] * len(page.tags)
    ordered = sorted(headlines)  # the headlines inside a subtree: a range of these, by bisection
    # The page's own headline is never inside a teaser: a subtree holding an <h1> is the
    # article's header, however much it looks like a card.
    tags = page.tags
    h1 = tags.index("h1") if "h1" in tags else -1  # the first: pages of teasers set each in an h1
    cards: set[int] = set()
    for element in headlines:
        node, card, in_list = element, -1, False
        for _ in range(_CARD_LEVELS):
            node = parents[node]
            if node < 0 or node <= h1 < end[node]:
                break
            if count_below(ordered, end[node]) - count_below(ordered, node) > 1:
                in_list = True
                break
            if prose[node] >= limit or before[element] - before[node] >= _LEAD_MIN:
                break  # a teaser opens with its headline; prose ahead of it is a story's
            card = node
        # A lone headline with a paragraph is as likely the article's own kicker and
        # standfirst; teasers come in lists, and only there is the pattern believed.
        if card >= 0 and in_list and prose[card] > 0:
            cards.add(card)
    return innermost(cards, parents)
