"""A page's own publication and update dates, from the most trusted evidence it offers.

Order of trust: JSON-LD, <meta>, <time> and date microdata, the byline, the URL, the first
paragraphs. The costly finders (everything read from the visible page) run only when the cheap
ones found no publication date, or to settle which day a UTC timestamp fell on locally.
Nothing here changes the tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from warta.extract.dates.bounds import Bounds, bounds_for
from warta.extract.dates.local import is_utc, revealed_offset
from warta.extract.dates.markup import Scope, Shown, bylines, time_elements, visible_text
from warta.extract.dates.placement import Title
from warta.extract.dates.scripts import from_scripts
from warta.extract.dates.structured import from_jsonld, from_meta
from warta.extract.dates.urls import date_from_url
from warta.extract.dates.vocab import vocab
from warta.extract.dates.zones import site_zone, to_site_zone
from warta.extract.jsonld import read_jsonld

Stamp = date | datetime
MONTH_FIRST_REGIONS = frozenset({"us", "ph", "ca", "fm", "pw", "mh"})
LOCALE_IN_URL = re.compile(r"/en[-_]([a-z]{2})(?:/|$)", re.IGNORECASE)
DAY_FIRST_SUFFIXES = (".uk", ".au", ".in", ".my", ".sg", ".id", ".ie", ".nz", ".za", ".ph")
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class PageDates:
    """When the page says its article was first published and last updated, and from where."""

    published: datetime | date | None = None
    modified: datetime | date | None = None
    source: str | None = None  # "json-ld", "meta", "time-element", "byline", "url" or "text"


@dataclass(frozen=True, slots=True)
class _Page:
    tree: LexborHTMLParser
    url: str | None
    bounds: Bounds
    zone: tzinfo | None
    lang: str | None

    def scope(self) -> Scope:
        order = _order(self.tree, self.url, self.lang)
        return Scope(self.tree, Title(self.tree), self.bounds, self.zone, self.lang, order)


def find_page_dates(
    tree: LexborHTMLParser,
    *,
    url: str | None,
    crawled_at: datetime | None,
    jsonld: list[dict[str, Any]] | None = None,
    lang: str | None = None,
) -> PageDates:
    """The page's publication and update dates. Never raises; never changes ``tree``."""
    try:
        page = _Page(tree, url, bounds_for(crawled_at), site_zone(url), lang)
        return _find(page, read_jsonld(tree) if jsonld is None else jsonld)
    except (ValueError, TypeError, AttributeError, OverflowError, RecursionError):
        return PageDates()


def _find(page: _Page, objects: list[dict[str, Any]]) -> PageDates:
    ld = from_jsonld(objects, url=page.url, bounds=page.bounds, zone=page.zone)
    meta = from_meta(page.tree, bounds=page.bounds, zone=page.zone)
    modified = ld.modified or meta.modified
    url_day = date_from_url(page.url, page.bounds)
    stated = [("json-ld", ld.published), ("meta", meta.published)]
    stated += [("meta", value) for value in meta.alternatives]
    candidates = [(source, value) for source, value in stated if value is not None]
    if not candidates:
        return _from_page(page, modified, url_day)
    source, published = _agreed(page, candidates)
    if url_day is not None and _day(published) - url_day > ONE_DAY:
        # Metadata later than the date in the URL is a re-publication or an update.
        return _result(url_day, modified or published, "url", page.zone)
    if isinstance(published, datetime) and is_utc(published) and page.zone is None:
        published = _local_day(published, page, url_day)
    return _result(published, modified, source, page.zone)


def _agreed(page: _Page, candidates: list[tuple[str, Stamp]]) -> tuple[str, Stamp]:
    """The most trusted stated date, unless the statements disagree: then the one the reader
    sees near the title (a CMS may state an old creation date beside the real one)."""
    if len({_day(value) for _, value in candidates}) == 1:
        return candidates[0]
    for day in _near_title_days(page)[:1]:
        for source, value in candidates:
            if _day(value) == day:
                return source, value
    return candidates[0]


def _near_title_days(page: _Page) -> list[date]:
    """Days shown near the title, the most likely publication date first."""
    scope = page.scope()
    shown = [*time_elements(scope), *bylines(scope), *visible_text(scope)]
    near = [s for s in shown if s.rank[0] == 0 and not s.modified]
    return [_day(s.value) for s in sorted(near, key=lambda s: s.rank)]


def _from_page(page: _Page, modified: Stamp | None, url_day: date | None) -> PageDates:
    """Dates shown in the page: near the title first, then script data, the URL, anything else."""
    scope = page.scope()
    shown = [*time_elements(scope), *bylines(scope), *visible_text(scope)]
    published, updated = _best(shown)
    if url_day is not None and published is not None and _day(published.value) != url_day:
        # A date near the title that the URL confirms beats a nearer one it does not.
        agreeing = [
            s for s in shown if not s.modified and s.rank[0] == 0 and _day(s.value) == url_day
        ]
        published = min(agreeing, key=lambda s: s.rank) if agreeing else published
    modified = modified or (updated.value if updated else None)
    if published is not None and published.rank[0] == 0:
        return _result(published.value, modified, published.source, page.zone)
    scripted = from_scripts(page.tree, bounds=page.bounds, zone=page.zone)
    if scripted is not None:
        return _result(scripted, modified, "meta", page.zone)
    if url_day is not None:
        return _result(url_day, modified, "url", page.zone)
    if published is not None:
        return _result(published.value, modified, published.source, page.zone)
    return PageDates(modified=modified) if modified else PageDates()


def _local_day(moment: datetime, page: _Page, url_day: date | None) -> Stamp:
    """A UTC timestamp in the page's local time, or its local day where only that is known."""
    offset = revealed_offset(moment, page.tree)
    if offset is not None:
        return moment.astimezone(offset)
    near = [url_day] if url_day is not None else _near_title_days(page)
    for day in near[:1]:
        if abs(day - moment.date()) == ONE_DAY:
            return day
    return moment


def _best(candidates: Iterable[Shown]) -> tuple[Shown | None, Shown | None]:
    """The best-ranked published date and the best-ranked modified one."""
    published: Shown | None = None
    modified: Shown | None = None
    for item in candidates:
        if item.modified:
            if modified is None or item.rank < modified.rank:
                modified = item
        elif published is None or item.rank < published.rank:
            published = item
    return published, modified


def _order(tree: LexborHTMLParser, url: str | None, lang: str | None) -> str:
    """How to read 05/11/2015: month first only in American English, else as the language does.

    The region comes from the language tag (``en-GB``), the page's ``<html lang>``, a locale in
    the URL (``/en-gb/``) or the country domain.
    """
    order = vocab(lang).order
    if order != "mdy":
        return order
    root = tree.css_first("html")
    tags = [lang or "", (root.attributes.get("lang") or "") if root is not None else ""]
    for tag in tags:
        region = tag.replace("_", "-").lower().partition("-")[2][:2]
        if region:
            return order if region in MONTH_FIRST_REGIONS else "dmy"
    if url:
        locale = LOCALE_IN_URL.search(url)
        if locale:
            return order if locale[1].lower() in MONTH_FIRST_REGIONS else "dmy"
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:
            return order
        if host.endswith(DAY_FIRST_SUFFIXES):
            return "dmy"
    return order


def _result(
    published: Stamp, modified: Stamp | None, source: str, zone: tzinfo | None
) -> PageDates:
    published = to_site_zone(published, zone)
    modified = to_site_zone(modified, zone) if modified is not None else None
    if modified is not None and _day(modified) < _day(published):
        modified = None
    return PageDates(published=published, modified=modified, source=source)


def _day(value: Stamp) -> date:
    return value.date() if isinstance(value, datetime) else value
