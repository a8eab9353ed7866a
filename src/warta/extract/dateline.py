"""The dateline that opens a news story: place, publisher or agency, sometimes a date.

"JAKARTA, KOMPAS.com -", "Techbiz.id –", "ISTANBUL, 23 Februari 2016 (Antara/PRNewswire) --",
"WASHINGTON (Reuters) -", "KUALA LUMPUR, Nov 22 —", "TEMPO.CO, Jakarta -". The text keeps it;
this module only reports it. The forms are punctuation and letter case, not words, so one set
of patterns serves every language written in Latin script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from warta.article import Dateline
from warta.extract.outlets import as_domain, load_outlets, name_key

_LOOK = 200  # a dateline sits in the first characters of a paragraph
_PARAGRAPHS = 2  # ... of the first paragraphs (a photo caption may come first)

_DASH = r"(?:\s+\u00ad?(?:--|[-–—])\s*|\s*\u00ad?(?:--|[-–—])\s+)"
_UPPER = "A-ZÀ-ÖØ-ÞĄĆĘŁŃŚŹŻČĎĚŇŘŠŤŮŽŐŰĞİŞ"
_CAPS_WORD = rf"[{_UPPER}][{_UPPER}'’.\-]+"
_PLACE_CAPS = rf"{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}}"
_TITLE_WORD = r"[A-Z][a-zà-ÿ'’\-]+"
_PLACE_ANY = rf"(?:{_PLACE_CAPS}|{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,2}})"
_PUBLISHER = r"[A-Za-z0-9][\w&'’\-]*(?:\.[A-Za-z]{2,}){0,3}(?:\s+[A-Z][\w&'’\-]*){0,2}"
_DATE = (
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?"
    r"|\d{1,2}\.?\s+[A-Za-z]{3,10}\.?(?:\s+\d{4})?"
    r"|\d{1,2}/\d{1,2}(?:/\d{2,4})?)"
)
_AGENCY = r"\((?P<pub>[^()\n]{2,40})\)"

_FORMS = (
    # WASHINGTON (Reuters) -  /  ISTANBUL, 23 Februari 2016 (Antara/PRNewswire) --
    ("agency", re.compile(rf"^(?P<place>{_PLACE_ANY})(?:,\s*{_DATE})?\s*{_AGENCY}{_DASH}")),
    # JAKARTA, KOMPAS.com -  /  Jakarta, KompasOtomotif –
    ("place_pub", re.compile(rf"^(?P<place>{_PLACE_ANY}),\s*(?P<pub>{_PUBLISHER}){_DASH}")),
    # TEMPO.CO, Jakarta -  /  IHRAM.CO.ID, BANJARMASIN --
    ("pub_place", re.compile(rf"^(?P<pub>{_PUBLISHER}),\s*(?P<place>{_PLACE_ANY}){_DASH}")),
    # Liputan6.com, Jakarta London Love Story ... (no dash: the place is one word)
    ("pub_place", re.compile(
        rf"^(?P<pub>{_PUBLISHER}),\s*(?P<place>{_TITLE_WORD}|{_CAPS_WORD})(?=\s+[A-Z\"“])"
    )),
    # KUALA LUMPUR, Nov 22 —
    ("place_date", re.compile(rf"^(?P<place>{_PLACE_CAPS}),\s*{_DATE}{_DASH}")),
    # Techbiz.id –
    ("pub", re.compile(rf"^(?P<pub>{_PUBLISHER}){_DASH}")),
    # JAKARTA -
    ("place", re.compile(rf"^(?P<place>{_PLACE_CAPS}){_DASH}")),
)  # fmt: skip
_CAMEL = re.compile(r"^[a-z]*[A-Z]?[a-z]+[A-Z][A-Za-z]+$")


@dataclass(frozen=True, slots=True)
class _Match:
    text: str
    place: str | None
    publisher: str | None


def find_dateline(text: str, *, site_name: str | None = None) -> Dateline | None:
    """The dateline at the start of the text (or of its second paragraph), if any."""
    starts = [p.lstrip() for p in text.lstrip().split("\n", _PARAGRAPHS)[:_PARAGRAPHS]]
    for index, start in enumerate(starts):
        found = _match(start[:_LOOK], site_name, first=index == 0)
        if found:
            return Dateline(found.text, found.place, found.publisher)
    return None


def _match(head: str, site_name: str | None, *, first: bool) -> _Match | None:
    for kind, pattern in _FORMS:
        if kind == "place" and not first:
            continue
        match = pattern.match(head)
        if not match:
            continue
        groups = match.groupdict()
        place, publisher = groups.get("place"), groups.get("pub")
        if publisher and kind != "agency" and not _is_publisher(publisher, site_name):
            continue
        if place and not _is_place(place):
            continue
        return _Match(match.group(0).strip(), place, publisher.strip() if publisher else None)
    return None


def _is_publisher(text: str, site_name: str | None) -> bool:
    """A publisher written in a dateline: a domain, a camel-cased brand, the site's name, or a
    known outlet."""
    text = text.strip()
    if as_domain(text) or _CAMEL.match(text):
        return True
    key = name_key(text)
    if site_name and key and key == name_key(site_name):
        return True
    return load_outlets().domain_of(text) is not None


def _is_place(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and not as_domain(text)
