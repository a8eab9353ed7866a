"""Dates in URLs: /2021/05/17/, /2021-05-17-slug, /20160223/, ?date=2021-05-17."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import unquote

from warta.extract.dates.bounds import Bounds

_Y = r"(?P<y>(?:19|20)[0-9]{2})"
_M = r"(?P<m>0?[1-9]|1[0-2])"
_D = r"(?P<d>0?[1-9]|[12][0-9]|3[01])"
PATTERNS = (
    # /2021/05/17/ or /2021/5/17- : year, month, day as path parts
    re.compile(rf"/{_Y}/{_M}/{_D}(?:(?=[/?#.]|$)|(?<=[0-9]{{2}})(?=[-_]))"),
    # /2021-05-17 or _2021_05_17 or 2021.05.17 inside a part
    re.compile(
        rf"(?<![0-9]){_Y}(?P<s>[-_.])(?P<m>0[1-9]|1[0-2])(?P=s)(?P<d>0[1-9]|[12][0-9]|3[01])(?![0-9])"
    ),
    # /20160223/ or /20160223-slug or -20160223.html : eight digits standing alone
    re.compile(rf"(?<![0-9]){_Y}(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12][0-9]|3[01])(?![0-9])"),
    # /17/05/2021/ : day, month, year as path parts
    re.compile(rf"/{_D}/{_M}/{_Y}(?![0-9])"),
)

YEAR_MONTH = re.compile(rf"/{_Y}/(?P<m>0[1-9]|1[0-2])/")


def date_from_url(url: str | None, bounds: Bounds) -> date | None:
    """The full date a URL names, if it names one (a year and month alone do not count)."""
    if not url:
        return None
    path = unquote(url.split("#", 1)[0])
    scheme_end = path.find("//")
    if scheme_end >= 0:
        path = path[scheme_end + 2 :]
    slash = path.find("/")
    if slash < 0:
        return None
    path = path[slash:]
    for pattern in PATTERNS:
        for match in pattern.finditer(path):
            try:
                value = date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                continue
            if bounds.admits(value):
                return value
    return None


def year_month_from_url(url: str | None) -> tuple[int, int] | None:
    """The year and month a URL names (/2021/05/), for checking other evidence against."""
    if not url:
        return None
    match = YEAR_MONTH.search(url)
    return (int(match["y"]), int(match["m"])) if match else None
