"""A page's own publication and update dates, from the most trusted evidence it offers.

Order of trust: JSON-LD, <meta>, then the dates shown in the page (<time> elements, date
microdata, the byline, other text), ranked by how near the title they stand, then script data,
the URL, and shown dates far from the title. The shown dates are read only when the metadata
gives no publication date, or to settle a conflict (see ``reconcile``). Nothing here changes
the tree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, Final

from selectolax.lexbor import LexborHTMLParser

from warta.extract.dates.context import PageContext
from warta.extract.dates.local import is_utc
from warta.extract.dates.markup import Shown
from warta.extract.dates.reconcile import (
    agreed,
    best,
    day_of,
    local_day,
    near_title,
    relabelled,
    vague_meta,
    with_time,
)
from warta.extract.dates.scripts import from_scripts
from warta.extract.dates.structured import from_jsonld, from_meta
from warta.extract.dates.urls import date_from_url
from warta.extract.dates.zones import to_site_zone
from warta.extract.jsonld import read_jsonld

Stamp = date | datetime
ONE_DAY = timedelta(days=1)


# __init__ written out for mypyc to compile (see segments.Segment); Final fields keep it frozen.
@dataclass(slots=True, init=False, unsafe_hash=True)
class PageDates:
    """When the page says its article was first published and last updated, and from where."""

    published: Final[datetime | date | None]
    modified: Final[datetime | date | None]
    source: Final[str | None]  # "json-ld", "meta", "time-element", "byline", "url" or "text"

    def __init__(
        self,
        published: datetime | date | None = None,
        modified: datetime | date | None = None,
        source: str | None = None,
    ) -> None:
        self.published = published
        self.modified = modified
        self.source = source


def find_page_dates(
    tree: LexborHTMLParser,
    *,
    url: str | None,
    crawled_at: datetime | None,
    jsonld: list[dict[str, Any]] | None = None,
    lang: str | None = None,
    head_metas: Sequence[Mapping[str, str | None]] | None = None,
    titles: tuple[str | None, str | None] | None = None,
) -> PageDates:
    """The page's publication and update dates. Never raises; never changes ``tree``.
    ``jsonld``, ``head_metas`` (the attributes of the <meta> elements in <head>) and ``titles``
    (the page's og:title and <title>, None where it has none) save reading them again where the
    caller has."""
    try:
        page = PageContext(tree, url, crawled_at, lang, head_metas, titles)
        return _find(page, read_jsonld(tree) if jsonld is None else jsonld)
    except Exception:  # the contract is "never raises": a page that breaks a finder has no date
        return PageDates()


def _find(page: PageContext, objects: list[dict[str, Any]]) -> PageDates:
    ld = from_jsonld(objects, url=page.url, bounds=page.bounds, zone=page.zone)
    meta = from_meta(page.tree, bounds=page.bounds, zone=page.zone, head_metas=page.head_metas)
    modified = ld.modified or meta.modified
    url_day = date_from_url(page.url, page.bounds)
    stated = [("json-ld", ld.published), ("meta", meta.published)]
    stated += [("meta", value) for value in meta.alternatives]
    candidates = [(source, value) for source, value in stated if value is not None]
    if not candidates:
        return _from_page(page, modified, url_day, "json-ld" if ld.modified else "meta")
    source, published = agreed(page, candidates)
    if source == "meta" and meta.weak and published is meta.published and ld.published is None:
        shown = vague_meta(published, page)
        if shown is not None:
            return _result(with_time(shown, page), modified, shown.source, page.zone)
    if url_day is not None and day_of(published) - url_day > ONE_DAY:
        # Metadata later than the date in the URL is a re-publication or an update.
        return _result(url_day, modified or published, "url", page.zone)
    if isinstance(published, datetime) and is_utc(published):
        if page.zone is None:
            published = local_day(published, page, url_day)
        else:
            published = relabelled(published, page)
    return _result(published, modified, source, page.zone)


def _from_page(
    page: PageContext, modified: Stamp | None, url_day: date | None, stated: str
) -> PageDates:
    """Dates shown in the page: near the title first, then script data, the URL, anything else."""
    published, updated = best(page.near())
    if published is None or published.rank[0] > 0:
        published, updated = best(_not_today(page.shown(), page))
    if url_day is not None and published is not None and day_of(published.value) != url_day:
        # A date near the title that the URL confirms beats a nearer one it does not.
        agreeing = [s for s in near_title(page) if day_of(s.value) == url_day]
        published = agreeing[0] if agreeing else published
    modified = modified or (updated.value if updated else None)
    if published is not None and published.rank[0] == 0:
        return _result(with_time(published, page), modified, published.source, page.zone)
    scripted = from_scripts(page.tree, bounds=page.bounds, zone=page.zone)
    if scripted is not None:
        return _result(scripted, modified, "meta", page.zone)
    if url_day is not None:
        return _result(url_day, modified, "url", page.zone)
    if published is not None:
        return _result(with_time(published, page), modified, published.source, page.zone)
    if modified is not None:
        # A page that gives only when it was last updated ("last edited 2019-11-10"): that is
        # the latest it can have been published, and the best date it offers.
        source = updated.source if updated is not None and updated.value == modified else stated
        return _result(modified, modified, source, page.zone)
    return PageDates()


def _not_today(shown: list[Shown], page: PageContext) -> list[Shown]:
    """Without the crawl day's date far from the title: that is a "today" widget, not a byline."""
    if page.crawled_at is None:
        return shown
    today = page.crawled_at.date()
    return [s for s in shown if s.rank[0] == 0 or day_of(s.value) != today]


def _result(
    published: Stamp, modified: Stamp | None, source: str, zone: tzinfo | None
) -> PageDates:
    published = to_site_zone(published, zone)
    modified = to_site_zone(modified, zone) if modified is not None else None
    if modified is not None and day_of(modified) < day_of(published):
        modified = None
    return PageDates(published=published, modified=modified, source=source)
