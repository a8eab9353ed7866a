"""Dates shown in the page: <time> elements, date microdata, the byline and other visible text,
each ranked by how near the article's title it stands."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Final

from selectolax.lexbor import LexborHTMLParser, LexborNode

from warta.extract.dates.bounds import Bounds
from warta.extract.dates.machine import parse_machine
from warta.extract.dates.parse import Found, scan
from warta.extract.dates.patterns import ascii_digits, patterns
from warta.extract.dates.placement import Spot, Title
from warta.extract.dates.relative import parse_relative
from warta.extract.dates.vocab import vocab
from warta.extract.lexbor_ext import compiled_lexbor, selected

Stamp = date | datetime

TIME_SELECTOR = "time, [itemprop*='date' i]:not(meta), [pubdate]"
MACHINE_ATTRS = ("datetime", "content", "data-datetime", "data-date", "title")
MODIFIED_MARK = re.compile(r"modif|updat|revis", re.IGNORECASE)
PUBLISHED_MARK = re.compile(r"publish|pubdate|created|posted|entry-date", re.IGNORECASE)
# Steps in the tree from the title within which a date is the byline's.
NEAR_TITLE = 6
# Kinds of evidence, most trusted first, for dates equally near the title.
MARKED_TIME, BYLINE, TIME, TEXT, PROSE = range(5)
# Text longer than this around a date is prose, not a dateline.
SHORT_TEXT = 100
PROSE_PENALTY = 2
# A date in an element's own text is read from at most this many characters.
BYLINE_CHARS = 300
# Elements read for dates: at most this many with a date, and this many in all.
TEXT_NODES = 60
MAX_TEXT_NODES = 600
TEXT_CHARS = 300
# 19xx, 20xx or a numeric date, opening with one digit class: the regex engine skips to digits.
YEAR = re.compile(r"[0-9](?:(?<=1)9[0-9]{2}|(?<=2)0[0-9]{2}|[./-][0-9]{1,2}[./-][0-9]{2})")
NOT_TEXT = frozenset({"script", "style", "noscript", "template", "textarea", "option", "title"})


class Shown:
    """A date shown in the page, with how much to trust it (lower ``rank`` is better). (A plain
    class, as ``parse.Found`` is.)"""

    __slots__ = ("modified", "rank", "source", "value")

    def __init__(
        self, *, value: Stamp, modified: bool, rank: tuple[int, int, int, int], source: str
    ) -> None:
        self.value: Final = value
        self.modified: Final = modified
        self.rank: Final = rank  # (far from the title?, distance, kind of evidence, order)
        self.source: Final = source


# __init__ written out for mypyc to compile (see segments.Segment); Final fields keep it frozen.
@dataclass(slots=True, init=False, unsafe_hash=True)
class Scope:
    """What every finder here needs to know about the page."""

    tree: Final[LexborHTMLParser]
    title: Final[Title]
    bounds: Final[Bounds]
    zone: Final[tzinfo | None]
    lang: Final[str | None]
    order: Final[str | None]
    crawled_at: Final[datetime | None]

    def __init__(
        self,
        tree: LexborHTMLParser,
        title: Title,
        bounds: Bounds,
        zone: tzinfo | None,
        lang: str | None,
        order: str | None,
        crawled_at: datetime | None = None,
    ) -> None:
        self.tree = tree
        self.title = title
        self.bounds = bounds
        self.zone = zone
        self.lang = lang
        self.order = order
        self.crawled_at = crawled_at


def time_elements(scope: Scope) -> Iterator[Shown]:
    """<time datetime>, itemprop date* and pubdate elements outside blocks that do not count."""
    found = selected(scope.tree, TIME_SELECTOR, lambda ext, root: ext.time_elements(root))
    for order, node in enumerate(found):
        spot = scope.title.spot(node, scope.lang)
        if spot.skip:
            continue
        attrs = node.attributes
        label = " ".join(filter(None, (attrs.get("itemprop"), attrs.get("class"))))
        published = "pubdate" in attrs or PUBLISHED_MARK.search(label) is not None
        # WordPress themes mark the publication time "entry-date updated" (hAtom): a
        # publication mark wins over an update mark.
        modified = not published and MODIFIED_MARK.search(label) is not None
        marked = published or modified
        value = _attr_date(attrs, scope) or _text_date(node.text(), scope)
        if value is not None:
            rank = _rank(spot, MARKED_TIME if marked else TIME, order)
            yield Shown(value=value, modified=modified, rank=rank, source="time-element")


def _rank(spot: Spot, kind: int, order: int) -> tuple[int, int, int, int]:
    """Near the title, the nearest date wins; far from it, the best-marked one does."""
    if spot.distance <= NEAR_TITLE:
        return (0, spot.distance + (PROSE_PENALTY if kind == PROSE else 0), kind, order)
    return (1, kind, spot.distance, order)


def _attr_date(attrs: dict[str, str | None], scope: Scope) -> Stamp | None:
    for name in MACHINE_ATTRS:
        text = attrs.get(name)
        if text:
            value = parse_machine(text, bounds=scope.bounds, zone=scope.zone)
            if value is not None:
                return value
    return None


def _text_date(text: str, scope: Scope) -> Stamp | None:
    found = next(_scan(text[:BYLINE_CHARS], scope), None)
    return found.value if found else None


def _scan(text: str, scope: Scope) -> Iterator[Found]:
    return scan(text, lang=scope.lang, bounds=scope.bounds, zone=scope.zone, order=scope.order)


def texts(scope: Scope, root: LexborNode, done: set[int], *, relative: bool) -> Iterator[Shown]:
    """Dates in the visible text under ``root``, skipping elements already in ``done``.

    A text is a byline when its element or one just above it has a date hint in its class or id
    ("post-date", "tanggal"); else it is plain text, or prose when long. With ``relative``,
    short texts without a year are read for "3 hours ago" too (they need the crawl time).
    """
    relative = relative and scope.crawled_at is not None
    seen: set[tuple[Stamp, bool]] = set()
    examined = found = 0
    for content, parent in _candidates(root, relative, MAX_TEXT_NODES + len(done)):
        if parent.mem_id in done:
            continue
        done.add(parent.mem_id)
        spot = scope.title.spot(parent, scope.lang)
        examined += 1
        if not spot.skip:
            text = " ".join(parent.text(separator=" ").split())
            if len(text) > TEXT_CHARS:
                text = " ".join(content.split())
            source = "byline" if spot.hinted else "text"
            dated = list(_printed(text[:TEXT_CHARS], spot, examined, scope, seen, source))
            yield from dated
            found += bool(dated)
        if found >= TEXT_NODES or examined >= MAX_TEXT_NODES:
            return


def _candidates(root: LexborNode, relative: bool, limit: int) -> list[tuple[str, LexborNode]]:
    """(text, parent) of the texts under ``root`` that may show a date, in page order: not
    blank, not in an element whose text is never read, with a year in them (``YEAR``) or, with
    ``relative``, short; the first of each parent, at most ``limit``. ``texts`` reads no more
    than that: each parent once, and at most ``MAX_TEXT_NODES`` besides those already done.
    The compiled extension, where built, finds them in C, making node objects only for these
    (``tests/test_lexbor_scan.py`` holds the two to one answer)."""
    ext = compiled_lexbor()
    if ext is not None:
        return ext.dated_texts(root, NOT_TEXT, SHORT_TEXT if relative else -1, limit)
    return first_per_parent(candidate_texts(root, relative), limit)


def first_per_parent(
    candidates: Iterable[tuple[str, LexborNode]], limit: int
) -> list[tuple[str, LexborNode]]:
    """The first of ``candidates`` under each parent, at most ``limit`` of them."""
    seen: set[int] = set()
    first: list[tuple[str, LexborNode]] = []
    for content, parent in candidates:
        if len(first) >= limit:
            break
        if parent.mem_id not in seen:
            seen.add(parent.mem_id)
            first.append((content, parent))
    return first


def candidate_texts(root: LexborNode, relative: bool) -> Iterator[tuple[str, LexborNode]]:
    """``_candidates`` through selectolax, node by node: the reference for the compiled search."""
    for node in root.traverse(include_text=True, skip_empty=True):
        if not node.is_text_node:
            continue
        parent = node.parent
        if parent is None or (parent.tag or "") in NOT_TEXT:
            continue
        content = node.text_content or ""
        if YEAR.search(content) is not None or (relative and len(content) <= SHORT_TEXT):
            yield content, parent


def _printed(
    text: str, spot: Spot, order: int, scope: Scope, seen: set[tuple[Stamp, bool]], source: str
) -> Iterator[Shown]:
    voc = vocab(scope.lang)
    kind = BYLINE if source == "byline" else TEXT if len(text) <= SHORT_TEXT else PROSE
    rank = _rank(spot, kind, order)
    previous_end = 0
    for found in _scan(text, scope):
        before = text[previous_end : found.start].lower()
        previous_end = found.end
        modified = any(cue in before for cue in voc.modified_cues)
        if (found.value, modified) not in seen:
            seen.add((found.value, modified))
            yield Shown(value=found.value, modified=modified, rank=rank, source=source)
    if previous_end == 0 and scope.crawled_at is not None and (kind == BYLINE or rank[0] == 0):
        # "3 hours ago" counts in a byline or a short line by the title, not in prose.
        value = parse_relative(ascii_digits(text), patterns(scope.lang), voc, scope.crawled_at)
        if value is not None and kind != PROSE and scope.bounds.admits(value):
            modified = any(cue in text.lower() for cue in voc.modified_cues)
            yield Shown(value=value, modified=modified, rank=rank, source=source)
