"""The content scorer's plain form, as it was before its passes were sped up: the reference that
``test_content_fast_paths`` holds the quick one to, choice for choice."""

from __future__ import annotations

from itertools import accumulate

from warta.extract.score import (
    _ARTICLE_BONUS,
    _ARTICLE_TAGS,
    _CARD_HEADLINE_MIN,
    _CARD_LEVELS,
    _CARD_MAX_PROSE,
    _CELLS,
    _LEAD_MIN,
    _LINK_RUN_CAP,
    _MARKED_BONUS,
    _SHORT_PROSE,
    _STANDFIRST,
    _TEASER_HEADLINE,
    _ZONE_SHARE,
    _ZONE_SHARE_OUTSIDE,
    Choice,
    _article_siblings,
    _Neutral,
)
from warta.extract.segments import FlatPage, Segment, is_heading


def segment_value(segment: Segment, text: str, teasers: bool = True) -> float:
    length = len(text)
    if length == 0 or text[0] == "<":
        return 0.0
    density = segment.link_chars / length
    if density > 0.5:
        return -min(float(length) * density, _LINK_RUN_CAP)
    if (is_heading(segment.kind) and length < _STANDFIRST) or segment.kind in _CELLS:
        return 0.0
    if (
        teasers
        and segment.lead_link_chars >= _TEASER_HEADLINE
        and segment.lead_link_chars >= 0.1 * length
    ):
        return -0.5 * length
    punctuation = text.count(".") + text.count(",") + text.count("。") + text.count("、")
    if length < 40 and punctuation == 0:
        return 0.0 if segment.kind == "p" else -min(10.0, float(length)) * 0.5
    return (length - 20.0) * (1.0 - density) + 10.0 * min(punctuation, 5)


def plain_choose_container(page: FlatPage, texts: list[str]) -> Choice | None:
    if not page.tags:
        return None
    choice = _choose(page, texts, teasers=True)
    if choice.prose < _SHORT_PROSE:
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
    neutral = _Neutral(sums, list(accumulate(discounted, initial=0.0)), end)
    siblings = _article_siblings(page, best, neutral)
    return Choice(best, end[best], zones, cards, int(prose[best]), end, prose, siblings)


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
        if card >= 0 and in_list and prose[card] > 0:
            is_card[card] = True
    cards = [-1] * len(page.tags)
    for i, parent in enumerate(parents):
        inherited = cards[parent] if parent >= 0 else -1
        cards[i] = i if is_card[i] else inherited
    return cards
