"""The local day of a UTC timestamp: a story stamped 02:11 UTC on 9 November in New York was
published on 8 November. The site's zone decides where known; else the page's other timestamps
(the same moment written with an offset, or as bare local time) reveal the offset.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime, timedelta, timezone, tzinfo

from selectolax.lexbor import LexborHTMLParser

from warta.extract.dates.machine import parse_stamp
from warta.extract.lexbor_ext import tagged_attributes

SAME_MOMENT = timedelta(minutes=2)
MAX_OFFSET = timedelta(hours=14)
QUARTER_HOUR = 15 * 60


def is_utc(value: object) -> bool:
    """True for an aware datetime at offset zero."""
    return isinstance(value, datetime) and value.utcoffset() == timedelta(0)


def revealed_offset(
    moment: datetime,
    tree: LexborHTMLParser,
    head_metas: Sequence[Mapping[str, str | None]] | None = None,
) -> tzinfo | None:
    """The offset the page's other timestamps reveal for a UTC ``moment``, if any.
    ``head_metas``: the attributes of the <meta> elements in <head>, if already read."""
    wall_utc = moment.replace(tzinfo=None)
    for text in _stamp_texts(tree, head_metas):
        parsed = parse_stamp(text)
        if parsed is None:
            continue
        wall, zone = parsed
        offset = _offset(wall, zone, wall_utc)
        if offset is not None:
            return offset
    return None


def _offset(wall: datetime, zone: tzinfo | None, wall_utc: datetime) -> tzinfo | None:
    if zone is not None:
        shift = wall.replace(tzinfo=zone).utcoffset()
        if shift and abs(wall - shift - wall_utc) <= SAME_MOMENT:
            return timezone(shift)
        return None
    shift = wall - wall_utc
    if not shift or abs(shift) > MAX_OFFSET:
        return None
    seconds = round(shift.total_seconds())
    rounded = round(seconds / QUARTER_HOUR) * QUARTER_HOUR
    if rounded and abs(seconds - rounded) <= SAME_MOMENT.total_seconds():
        return timezone(timedelta(seconds=rounded))
    return None


def _stamp_texts(
    tree: LexborHTMLParser, head_metas: Sequence[Mapping[str, str | None]] | None
) -> Iterator[str]:
    for attrs in _metas_with_content(tree, head_metas):
        text = attrs.get("content") or ""
        if text[:2] in ("19", "20"):
            yield text
    for attrs in tagged_attributes(tree.root, "time", "datetime"):
        yield attrs.get("datetime") or ""


def _metas_with_content(
    tree: LexborHTMLParser, head_metas: Sequence[Mapping[str, str | None]] | None
) -> Iterator[Mapping[str, str | None]]:
    """The attributes of the page's <meta content> elements, in page order: those of <head> as
    already read, then the body's, looked for only when an offset is still wanted (a parsed
    page's elements are all in one or the other)."""
    head, body = tree.head, tree.body
    if head_metas is None or head is None or body is None:
        yield from tagged_attributes(tree.root, "meta", "content")
        return
    yield from (attrs for attrs in head_metas if "content" in attrs)
    yield from tagged_attributes(body, "meta", "content")
