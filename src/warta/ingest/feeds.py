"""RSS, Atom and sitemap documents (with sitemap indexes and Google News sitemaps) -> URL entries.

Parsed with defusedxml only: a feed is untrusted input, and the standard library parser would
expand entity bombs or fetch external entities. Gzipped documents are inflated with a ceiling.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError as XmlParseError
from defusedxml.ElementTree import fromstring

from warta.errors import InputError, ParseError
from warta.ingest.limits import DEFAULT_MAX_BYTES, GZIP_MAGIC, TooLargeError, decompress

FEED_KINDS = ("rss", "atom", "urlset", "sitemapindex")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One URL a feed or sitemap lists, with what it says about it."""

    url: str
    title: str | None = None
    published: datetime | None = None  # pubDate, <published>, news:publication_date
    lastmod: datetime | None = None  # <lastmod>, <updated>


@dataclass(frozen=True, slots=True)
class FeedDocument:
    kind: str  # one of FEED_KINDS
    entries: tuple[FeedEntry, ...] = ()
    sitemaps: tuple[str, ...] = ()  # child sitemaps of a sitemap index


def parse_date(text: str | None) -> datetime | None:
    """An ISO 8601 (W3C, Atom, sitemaps) or RFC 822 (RSS) date; naive results are UTC."""
    if not text or not text.strip():
        return None
    value = text.strip()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _name(element: Element) -> str:
    return element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""


def _child(element: Element, name: str) -> Element | None:
    return next((c for c in element if _name(c) == name), None)


def _text(element: Element | None) -> str | None:
    if element is None or element.text is None:
        return None
    return element.text.strip() or None


def _rss_item(item: Element) -> FeedEntry | None:
    link = _text(_child(item, "link"))
    if not link:
        guid = _child(item, "guid")
        if guid is not None and guid.get("isPermaLink", "true").lower() == "true":
            link = _text(guid)
    link = link or item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
    if not link:
        return None
    published = parse_date(_text(_child(item, "pubdate")) or _text(_child(item, "date")))
    return FeedEntry(link, _text(_child(item, "title")), published)


def _atom_entry(entry: Element) -> FeedEntry | None:
    links = [c for c in entry if _name(c) == "link" and c.get("href")]
    chosen = next((c for c in links if c.get("rel", "alternate") == "alternate"), None)
    if chosen is None:
        return None
    published = parse_date(_text(_child(entry, "published")))
    updated = parse_date(_text(_child(entry, "updated")))
    return FeedEntry(
        str(chosen.get("href")).strip(), _text(_child(entry, "title")), published, updated
    )


def _sitemap_url(url: Element) -> FeedEntry | None:
    loc = _text(_child(url, "loc"))
    if not loc:
        return None
    news = _child(url, "news")
    title = published = None
    if news is not None:
        title = _text(_child(news, "title"))
        published = parse_date(_text(_child(news, "publication_date")))
    return FeedEntry(loc, title, published, parse_date(_text(_child(url, "lastmod"))))


def _entries(root: Element, kind: str) -> tuple[FeedEntry, ...]:
    if kind == "rss":
        items = [e for e in root.iter() if _name(e) == "item"]
        found = [_rss_item(item) for item in items]
    elif kind == "atom":
        found = [_atom_entry(e) for e in root if _name(e) == "entry"]
    else:
        found = [_sitemap_url(e) for e in root if _name(e) == "url"]
    return tuple(entry for entry in found if entry is not None)


def load_xml(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Element:
    """Parse untrusted XML safely (no entities, no external references), gunzipping first."""
    try:
        if data.startswith(GZIP_MAGIC):
            data = decompress(data, "gzip", max_bytes)
        elif len(data) > max_bytes:
            raise TooLargeError(f"The document is larger than {max_bytes} bytes.")
        root: Element = fromstring(data)
        return root
    except DefusedXmlException as exc:
        raise ParseError(
            f"The XML declares entities or external references, which are refused ({exc})."
        ) from exc
    except XmlParseError as exc:
        raise ParseError(f"The XML is not well-formed: {exc}.") from exc
    except TooLargeError:
        raise
    except InputError as exc:
        raise ParseError(f"The document could not be decompressed: {exc}") from exc


def kind_of(root: Element) -> str | None:
    name = _name(root)
    if name in ("rss", "rdf"):
        return "rss"
    if name == "feed":
        return "atom"
    return name if name in ("urlset", "sitemapindex") else None


def parse_feed(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> FeedDocument:
    """Read an RSS/Atom feed, a sitemap or a sitemap index (ParseError if it is none of them)."""
    root = load_xml(data, max_bytes)
    kind = kind_of(root)
    if kind is None:
        raise ParseError(f"The XML is not a feed or a sitemap (its root is <{_name(root)}>).")
    if kind == "sitemapindex":
        locs = (_text(_child(s, "loc")) for s in root if _name(s) == "sitemap")
        return FeedDocument(kind, (), tuple(loc for loc in locs if loc))
    return FeedDocument(kind, _entries(root, kind))


def looks_like_feed(data: bytes) -> bool:
    """A cheap sniff of a document's first bytes, before parsing it."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(GZIP_MAGIC):
        return True
    if head.startswith(b"<?xml"):
        return b"<html" not in head
    return head.startswith((b"<rss", b"<feed", b"<urlset", b"<sitemapindex", b"<rdf:rdf"))
