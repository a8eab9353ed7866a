"""Dates a page states for machines: JSON-LD objects and <meta> tags."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from types import MappingProxyType
from typing import Any, Final

from selectolax.lexbor import LexborHTMLParser, LexborNode

from warta.extract.dates.bounds import Bounds
from warta.extract.dates.machine import parse_machine
from warta.extract.lexbor_ext import tagged_attributes

Stamp = date | datetime

# schema.org types whose dates are the article's, best first; other typed objects come after.
ARTICLE_TYPES = (
    "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle", "article",
    "blogposting", "liveblogposting", "socialmediaposting", "techarticle", "scholarlyarticle",
    "report", "review", "recipe",
)  # fmt: skip
PAGE_TYPES = ("webpage", "itempage", "collectionpage", "medicalwebpage", "qapage", "faqpage")
# Pictures and videos carry their own upload dates, often older or newer than the article.
MEDIA_TYPES = ("imageobject", "videoobject", "audioobject", "mediaobject", "clip", "podcastepisode")
JSONLD_PUBLISHED = ("datePublished", "dateCreated", "uploadDate", "datepublished")
JSONLD_MODIFIED = ("dateModified", "datemodified")

# <meta> keys (name, property, itemprop or http-equiv, lower case), most trusted first.
META_PUBLISHED = (
    "article:published_time", "og:article:published_time", "article:published",
    "og:published_time", "datepublished", "published_time", "article.published",
    "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dc.created",
    "parsely-pub-date", "sailthru.date", "article_date_original", "original-publish-date",
    "publish-date", "publish_date", "publishdate", "published-date", "published_date",
    "pubdate", "pub_date", "og:pubdate", "bt:pubdate", "date_published", "datecreated",
    "article:post_date", "article_date", "citation_publication_date", "citation_date",
    "citation_online_date", "prism.publicationdate", "rnews:datepublished", "creation_date",
    "release_date", "displaydate", "ptime", "cxenseparse:recs:publishtime",
    "shareaholic:article_published_time", "dc.date", "dcterms.date", "date", "created",
)  # fmt: skip
META_MODIFIED = (
    "article:modified_time", "og:article:modified_time", "article:modified", "og:updated_time",
    "datemodified", "modified_time", "article:updated_time", "dc.date.modified",
    "dcterms.modified", "dc.modified", "shareaholic:article_modified_time", "lastmod",
    "last-modified", "utime", "updated_time", "eomportal-lastupdate",
)  # fmt: skip
META_RANK = MappingProxyType(
    {
        **{k: (True, i) for i, k in enumerate(META_PUBLISHED)},
        **{k: (False, i) for i, k in enumerate(META_MODIFIED)},
    }
)
META_KEYS = ("property", "name", "itemprop", "http-equiv")
# Keys that say "a date" rather than "published": CMSs fill them with the page's build day too.
WEAK_META = frozenset({"date", "dc.date", "dcterms.date", "created", "displaydate", "release_date"})


# __init__ written out for mypyc to compile (see segments.Segment); Final fields keep it frozen.
@dataclass(slots=True, init=False, unsafe_hash=True)
class Pair:
    """A published and a modified date from one kind of evidence."""

    published: Final[Stamp | None]
    modified: Final[Stamp | None]
    alternatives: Final[tuple[Stamp, ...]]  # other published dates it gives, less trusted
    weak: Final[bool]  # the published date comes from a vague key such as <meta name="date">

    def __init__(
        self,
        published: Stamp | None = None,
        modified: Stamp | None = None,
        alternatives: tuple[Stamp, ...] = (),
        weak: bool = False,
    ) -> None:
        self.published = published
        self.modified = modified
        self.alternatives = alternatives
        self.weak = weak


def from_jsonld(
    objects: list[dict[str, Any]], *, url: str | None, bounds: Bounds, zone: tzinfo | None
) -> Pair:
    """The dates of the page's own article object (its type and URL decide which one)."""
    best: tuple[tuple[int, int, int], Pair] | None = None
    for index, obj in enumerate(objects):
        rank = _type_rank(obj.get("@type"))
        if rank is None:
            continue
        pair = Pair(
            published=_first_date(obj, JSONLD_PUBLISHED, bounds, zone),
            modified=_first_date(obj, JSONLD_MODIFIED, bounds, zone),
        )
        if pair.published is None and pair.modified is None:
            continue
        key = (0 if _same_page(obj, url) else 1, rank, index)
        if best is None or key < best[0]:
            best = (key, pair)
    return best[1] if best else Pair()


def _type_rank(value: Any) -> int | None:
    names = value if isinstance(value, list) else [value]
    ranks = []
    for name in names:
        if not isinstance(name, str):
            continue
        short = name.rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower()
        if short in MEDIA_TYPES:
            continue
        if short in ARTICLE_TYPES:
            ranks.append(0)
        elif short in PAGE_TYPES:
            ranks.append(1)
        else:
            ranks.append(2)
    return min(ranks) if ranks else None


def _same_page(obj: dict[str, Any], url: str | None) -> bool:
    if not url:
        return False
    wanted = _norm_url(url)
    for key in ("url", "@id", "mainEntityOfPage"):
        value = obj.get(key)
        if isinstance(value, dict):
            value = value.get("@id") or value.get("url")
        if isinstance(value, str) and _norm_url(value) == wanted:
            return True
    return False


def _norm_url(url: str) -> str:
    url = url.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    return url.split("://", 1)[-1].removeprefix("www.").lower()


def _first_date(
    obj: dict[str, Any], keys: tuple[str, ...], bounds: Bounds, zone: tzinfo | None
) -> Stamp | None:
    for key in keys:
        value = obj.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, dict):
            value = value.get("@value")
        if isinstance(value, str | int) and not isinstance(value, bool):
            found = parse_machine(str(value), bounds=bounds, zone=zone)
            if found is not None:
                return found
    return None


def from_meta(
    tree: LexborHTMLParser,
    *,
    bounds: Bounds,
    zone: tzinfo | None,
    head_metas: Sequence[Mapping[str, str | None]] | None = None,
) -> Pair:
    """The possible published and modified dates among the <meta> tags, most trusted first.
    ``head_metas``: the attributes of the <meta> elements in <head>, if already read."""
    found: dict[bool, list[tuple[int, Stamp]]] = {True: [], False: []}
    # The head first (a small subtree); the body only when the head states no publication date
    # but a vague one (microdata puts <meta itemprop="datePublished"> in the body).
    head, body = tree.head, tree.body
    if head is not None:
        _read_metas(head_metas if head_metas is not None else _metas(head), found, bounds, zone)
    strong = any(META_PUBLISHED[rank] not in WEAK_META for rank, _ in found[True])
    if body is not None and not strong:
        _read_metas(_metas(body), found, bounds, zone)
    published = sorted(found[True], key=lambda item: item[0])
    modified = [v for _, v in sorted(found[False], key=lambda item: item[0])]
    return Pair(
        published=published[0][1] if published else None,
        modified=modified[0] if modified else None,
        alternatives=tuple(v for _, v in published[1:]),
        weak=bool(published) and META_PUBLISHED[published[0][0]] in WEAK_META,
    )


def _metas(part: LexborNode) -> list[dict[str, str | None]]:
    return tagged_attributes(part, "meta", "content")


def _read_metas(
    metas: Iterable[Mapping[str, str | None]],
    found: dict[bool, list[tuple[int, Stamp]]],
    bounds: Bounds,
    zone: tzinfo | None,
) -> None:
    for attrs in metas:
        if "content" not in attrs:
            continue  # what "meta[content]" leaves out
        for attr in META_KEYS:
            key = attrs.get(attr)
            rank = META_RANK.get(key.strip().lower()) if key else None
            if rank is None:
                continue
            value = parse_machine(attrs.get("content") or "", bounds=bounds, zone=zone)
            if value is not None:
                found[rank[0]].append((rank[1], value))
            break
