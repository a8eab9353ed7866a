"""Time zones: offsets of printed abbreviations ("WIB") and the local zone of a site."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DATA_PACKAGE = "warta.data"
DATA_FILE = "timezones.toml"


@cache
def _table() -> dict[str, Any]:
    text = resources.files(DATA_PACKAGE).joinpath(DATA_FILE).read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def abbreviations() -> Mapping[str, timezone]:
    """Upper-case zone abbreviation -> fixed offset."""
    table = {name: parse_offset(value) for name, value in _table()["abbreviations"].items()}
    return MappingProxyType({k: v for k, v in table.items() if v is not None})


def parse_offset(text: str) -> timezone | None:
    """ "+07:00", "+0700", "-5", "+07" -> a fixed offset; None if it is not one."""
    text = text.strip().replace("−", "-")
    if not text or text[0] not in "+-":
        return None
    digits = text[1:].replace(":", "")
    if not digits.isdigit() or len(digits) not in (1, 2, 3, 4):
        return None
    if len(digits) <= 2:
        hours, minutes = int(digits), 0
    else:
        hours, minutes = int(digits[:-2]), int(digits[-2:])
    if hours > 14 or minutes > 59:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    return UTC if not delta else timezone(-delta if text[0] == "-" else delta)


@cache
def _suffixes() -> Mapping[str, str]:
    """Host suffix (without a leading dot) -> zone name. A host takes the zone of its longest
    suffix in the table that it equals or ends with after a dot ("kompas.com", ".id")."""
    table: dict[str, str] = {}
    for suffix, name in sorted(_table()["suffixes"].items(), key=lambda kv: -len(kv[0])):
        table.setdefault(suffix.removeprefix("."), name)
    return MappingProxyType(table)


def site_zone(url: str | None) -> tzinfo | None:
    """The zone a site prints its local times in, from its host name, where known."""
    if not url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    suffixes = _suffixes()
    # The host, then each suffix after a dot, longest first: the longest known one wins.
    while True:
        name = suffixes.get(host)
        if name is not None:
            return _zone(name)
        dot = host.find(".")
        if dot < 0:
            return None
        host = host[dot + 1 :]


@cache
def _zone(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def localise(moment: datetime, zone: tzinfo | None) -> datetime | date:
    """Give a moment a zone: keep its own, else the site's; with neither, only its day is sure."""
    if moment.tzinfo is not None:
        return moment
    if zone is None:
        return moment.date()
    return moment.replace(tzinfo=zone)


def to_site_zone(moment: datetime | date, zone: tzinfo | None) -> datetime | date:
    """A UTC timestamp shown in the site's own zone, so its day is the one the site printed."""
    if zone is None or not isinstance(moment, datetime) or moment.tzinfo is None:
        return moment
    if moment.utcoffset() != timedelta(0):
        return moment
    return moment.astimezone(zone)
