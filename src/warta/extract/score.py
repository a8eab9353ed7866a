"""Choose the element that holds the article: the subtree whose text is most worth keeping.

Each segment gets a value: positive for prose (long, few links, sentence punctuation),
negative for link lists, short labels and text inside boilerplate containers. Values add up
the tree, and the container is the element with the largest sum: the smallest subtree that
takes in most of the prose while leaving out most of the furniture around it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

from warta.extract.segments import FlatPage, Segment, is_heading

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


@dataclass(frozen=True, slots=True)
class Choice:
    container: int
    end: int
    zones: list[int]  # innermost boilerplate-container ancestor of each element, or -1
    cards: list[int]  # innermost teaser-card ancestor of each element, or -1
    prose: int  # characters of prose inside the container
    ends: list[int]  # one past the last descendant of each element
    subtree_prose: list[float]
    siblings: tuple[int, ...] = ()  # the container's siblings that belong to the article too

    def range_start(self, element: int) -> int:
        """The first element of the included subtree holding ``element``, or -1."""
        if self.container <= element < self.end:
            return self.container
        for sibling in self.siblings:
            if sibling <= element < self.ends[sibling]:
                return sibling
        return -1


def segment_value(segment: Segment, text: str, teasers: bool = True) -> float:
    length = len(text)
    if length == 0 or text[0] == "<":  # markup shown as text: an unparsed <noscript>
        return 0.0
    density = segment.link_chars / length
    if density > 0.5:
        # One long run of links (a tag list, a breadcrumb) weighs like a few menu entries;
        # menus are many segments and still add up.
        return -min(float(length) * density, _LINK_RUN_CAP)
    if (is_heading(segment.kind) and length < _STANDFIRST) or segment.kind in _CELLS:
        return 0.0  # headings and table cells are content only where prose is around them
    if (
        teasers
        and segment.lead_link_chars >= _TEASER_HEADLINE
        and segment.lead_link_chars >= 0.1 * length
    ):
        return -0.5 * length  # a linked headline and its excerpt: a teaser, not the story
    punctuation = text.count(".") + text.count(",") + text.count("。") + text.count("、")
    if length < 40 and punctuation == 0:
        # A short line without punctuation is a label or a menu entry, unless the page put
        # it in a paragraph (a line of a poem, of a schedule, of an address).
        return 0.0 if segment.kind == "p" else -min(10.0, float(length)) * 0.5
    return (length - 20.0) * (1.0 - density) + 10.0 * min(punctuation, 5)


def choose_container(page: FlatPage, texts: list[str]) -> Choice | None:
    if not page.tags:
        return None
    choice = _choose(page, texts, teasers=True)
    if choice.prose < _SHORT_PROSE:
        # Little prose is left once teasers are discounted: the story may itself be a list
        # of linked headlines with summaries ("10 things you need to know today").
        as_list = _choose(page, texts, teasers=False)
        if as_list.prose > 3 * choice.prose:
            return as_list
    return choice


def _choose(page: FlatPage, texts: list[str], teasers: bool) -> Choice:
    count = len(page.tags)
    own = [0.0] * count
    prose_own = [0] * count
    values = [segment_value(s, t, teasers) for s, t in zip(page.segments, texts, strict=True)]
    for segment, value in zip(page.segments, values, strict=True):
        own[segment.element] += value
        if value > 0:
            prose_own[segment.element] += int(value)
    prose = _subtree_sums(page, [float(p) for p in prose_own])
    total_prose = prose[0] if prose else 0.0
    zones = _zones(page, prose, total_prose)
    zoned = sum(p for p, zone in zip(prose_own, zones, strict=True) if zone >= 0)
    if total_prose and total_prose - zoned < _ZONE_SHARE_OUTSIDE * total_prose:
        # Most of the prose sits in "boilerplate" containers (a photo story told in
        # figcaptions): the markers are wrong about this page, so none is believed.
        zones = _zones(page, prose, total_prose, only=page.hard)
    cards = _cards(page, values, texts, prose, prose_own)
    discounted = [0.0] * count
    for segment, value in zip(page.segments, values, strict=True):
        if value > 0 and (zones[segment.element] >= 0 or cards[segment.element] >= 0):
            own[segment.element] -= 2 * value
            discounted[segment.element] += value
    sums = _subtree_sums(page, own)
    best, best_score = 0, float("-inf")
    marked, tags = page.marked, page.tags
    for i, score in enumerate(sums):
        if score > 0:
            if marked[i]:
                score *= _MARKED_BONUS
            elif tags[i] in _ARTICLE_TAGS:
                score *= _ARTICLE_BONUS
        if score > best_score:
            best, best_score = i, score
    end = page.end_positions()
    # Furniture inside a lead's block (a photo gallery in the story's header) weighs nothing
    # there rather than against it: assembling leaves it out anyway.
    neutral = _Neutral(sums, list(accumulate(discounted, initial=0.0)), end)
    siblings = _article_siblings(page, best, neutral)
    return Choice(best, end[best], zones, cards, int(prose[best]), end, prose, siblings)


@dataclass(frozen=True, slots=True)
class _Neutral:
    """Subtree sums, and the same with discounted furniture counted as nothing."""

    sums: list[float]
    discounted: list[float]  # prefix sums, by element, of the discounted prose
    end: list[int]

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


def _subtree_sums(page: FlatPage, own: list[float]) -> list[float]:
    sums = list(own)
    parents = page.parents
    for i in range(len(sums) - 1, 0, -1):
        parent = parents[i]
        if parent >= 0:
            sums[parent] += sums[i]
    return sums


def _zones(
    page: FlatPage, prose: list[float], total_prose: float, only: set[int] | None = None
) -> list[int]:
    limit = total_prose * _ZONE_SHARE
    zones = [-1] * len(page.tags)
    for i, parent in enumerate(page.parents):
        inherited = zones[parent] if parent >= 0 else -1
        is_zone = (page.negative[i] and prose[i] < limit) if only is None else i in only
        zones[i] = i if is_zone else inherited
    return zones


def _cards(
    page: FlatPage, values: list[float], texts: list[str], prose: list[float], own: list[int]
) -> list[int]:
    """Mark teaser cards: around one linked headline, the largest subtree with a short excerpt.

    A card holds exactly one headline; an ancestor holding two is a list of teasers, or the
    article itself, and the walk stops below it. Nor is a card most of the page's prose: that
    is a short article whose headline links to itself. Nor does a card have prose ahead of its
    headline: that is a stretch of the story ending in a "see more" link.
    """
    limit = min(float(_CARD_MAX_PROSE), prose[0] * _ZONE_SHARE)
    before = list(accumulate(own, initial=0))  # before[i]: prose of the elements ahead of i
    parents = page.parents
    headlines: list[int] = []
    own_count = [0.0] * len(page.tags)
    for segment, value, text in zip(page.segments, values, texts, strict=True):
        if value < 0 and len(text) >= _CARD_HEADLINE_MIN and segment.link_chars >= 0.7 * len(text):
            headlines.append(segment.element)
            own_count[segment.element] += 1
    if not headlines:
        return [-1] * len(page.tags)
    count = _subtree_sums(page, own_count)
    # The page's own headline is never inside a teaser: a subtree holding an <h1> is the
    # article's header, however much it looks like a card.
    headline = [0.0] * len(page.tags)
    if "h1" in page.tags:
        headline[page.tags.index("h1")] = 1.0  # the first: pages of teasers set each in an h1
    h1s = _subtree_sums(page, headline)
    is_card = [False] * len(page.tags)
    for element in headlines:
        node, card, in_list = element, -1, False
        for _ in range(_CARD_LEVELS):
            node = parents[node]
            if node < 0 or h1s[node] > 0:
                break
            if count[node] > 1:
                in_list = True
                break
            if prose[node] >= limit or before[element] - before[node] >= _LEAD_MIN:
                break  # a teaser opens with its headline; prose ahead of it is a story's
            card = node
        # A lone headline with a paragraph is as likely the article's own kicker and
        # standfirst; teasers come in lists, and only there is the pattern believed.
        if card >= 0 and in_list and prose[card] > 0:
            is_card[card] = True
    cards = [-1] * len(page.tags)
    for i, parent in enumerate(parents):
        inherited = cards[parent] if parent >= 0 else -1
        cards[i] = i if is_card[i] else inherited
    return cards
