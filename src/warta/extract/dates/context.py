"""What one call to find_page_dates knows about its page, with the costly parts built lazily."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from warta.extract.dates.bounds import bounds_for
from warta.extract.dates.markup import Scope, Shown, texts, time_elements
from warta.extract.dates.placement import Title, page_titles
from warta.extract.dates.vocab import vocab
from warta.extract.dates.zones import site_zone

Stamp = date | datetime
MONTH_FIRST_REGIONS = frozenset({"us", "ph", "ca", "fm", "pw", "mh"})
LOCALE_IN_URL = re.compile(r"/en[-_]([a-z]{2})(?:/|$)", re.IGNORECASE)
DAY_FIRST_SUFFIXES = (".uk", ".au", ".in", ".my", ".sg", ".id", ".ie", ".nz", ".za", ".ph")


class PageContext:
    """One page's inputs. The dates shown in the page are read once, when first needed."""

    __slots__ = (
        "_done",
        "_near",
        "_scope",
        "_shown",
        "bounds",
        "crawled_at",
        "head_metas",
        "lang",
        "titles",
        "tree",
        "url",
        "zone",
    )

    def __init__(
        self,
        tree: LexborHTMLParser,
        url: str | None,
        crawled_at: datetime | None,
        lang: str | None,
        head_metas: Sequence[Mapping[str, str | None]] | None = None,
        titles: tuple[str | None, str | None] | None = None,
    ) -> None:
        self.tree, self.url, self.crawled_at, self.lang = tree, url, crawled_at, lang
        self.head_metas = head_metas  # the attributes of <head>'s metas, if the caller read them
        self.titles = titles  # og:title and <title>, if the caller read them
        self.bounds = bounds_for(crawled_at)
        self.zone = site_zone(url)
        self._scope: Scope | None = None
        self._near: list[Shown] | None = None
        self._shown: list[Shown] | None = None
        self._done: set[int] = set()

    def scope(self) -> Scope:
        if self._scope is None:
            order = numeric_order(self.tree, self.url, self.lang)
            wanted = page_titles(*self.titles) if self.titles is not None else None
            self._scope = Scope(
                self.tree, Title(self.tree, wanted), self.bounds, self.zone, self.lang, order,
                self.crawled_at,
            )  # fmt: skip
        return self._scope

    def near(self) -> list[Shown]:
        """The <time> elements of the page and the dates shown in the title's region."""
        if self._near is None:
            scope = self.scope()
            region = scope.title.region(self.tree)
            found = list(time_elements(scope))
            if region is not None:
                found += texts(scope, region, self._done, relative=True)
            self._near = found
        return self._near

    def shows_clock(self, hour: int, minute: int) -> bool:
        """True if the title's region prints this clock time ("10:08", "10.08"): a cheap test
        before reading its dates."""
        region = self.scope().title.region(self.tree)
        text = region.text(separator=" ") if region is not None else ""
        return any(
            f"{h}{sep}{minute:02d}" in text for h in {f"{hour:02d}", str(hour)} for sep in ":."
        )

    def shown(self) -> list[Shown]:
        """Every date the page shows outside blocks that do not count, each with its rank."""
        if self._shown is None:
            found = list(self.near())
            body = self.tree.body
            if body is not None:
                found += texts(self.scope(), body, self._done, relative=False)
            self._shown = found
        return self._shown


def numeric_order(tree: LexborHTMLParser, url: str | None, lang: str | None) -> str:
    """How to read 05/11/2015: month first only in American English, else as the language does.

    The region comes from the language tag (``en-GB``), the page's ``<html lang>``, a locale in
    the URL (``/en-gb/``) or the country domain.
    """
    order = vocab(lang).order
    if order != "mdy":
        return order
    root = tree.root
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
