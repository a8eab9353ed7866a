"""Page metadata (everything but the body) and the analysis of a body once it is extracted.

``read_metadata`` runs on the parsed page BEFORE content extraction and never changes the tree:
it reads the head once (see ``head``), JSON-LD once, and hands each field to its own module
(title, authors, dates). ``analyse_body`` runs on the extracted text: dateline, attributed
sources and day/month references.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from warta.article import Dateline, DateMention, Source, Timestamp
from warta.extract.authors import find_authors
from warta.extract.cue_scan import lowered_text
from warta.extract.dateline import find_dateline
from warta.extract.dates import find_date_mentions, find_page_dates
from warta.extract.head import Head, first_meta, read_head
from warta.extract.jsonld import read_jsonld
from warta.extract.language import normalise_language
from warta.extract.outlets import (
    as_domain,
    domain_label,
    host_of,
    name_key,
    registered_domain,
    unwrap_archive,
)
from warta.extract.sources import find_sources
from warta.extract.title import collapse, find_title, title_parts
from warta.extract.url_join import join_url

_ARTICLE_TYPES = frozenset(
    {
        "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
        "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "technarticle",
        "techarticle", "scholarlyarticle", "livebloposting", "liveblogposting", "report",
        "satiricalarticle", "advertisercontentarticle", "socialmediaposting", "posting",
        "discussionforumposting", "medicalscholarlyarticle", "askpublicnewsarticle",
    }
)  # fmt: skip
_SITE_TYPES = frozenset({"website", "organization", "newsmediaorganization", "corporation"})
_MAX_SITE_NAME = 60
_MAX_TAGS = 30
_MAX_TAG_CHARS = 60
_LIST_SPLIT = re.compile(r"\s*[,;]\s*")
_DOUBLE_SCHEME = re.compile(r"^https?:(?=https?://)", re.IGNORECASE)


# __init__ written out for mypyc to compile (see segments.Segment); Final fields keep it frozen.
@dataclass(slots=True, init=False, unsafe_hash=True)
class PageMetadata:
    """What a page declares about its article, cleaned; every field may be missing."""

    title: Final[str | None]
    url: Final[str | None]  # canonical URL, absolute
    published: Final[Timestamp | None]
    modified: Final[Timestamp | None]
    date_source: Final[str | None]
    authors: Final[tuple[str, ...]]
    site_name: Final[str | None]
    description: Final[str | None]
    categories: Final[tuple[str, ...]]
    tags: Final[tuple[str, ...]]
    image: Final[str | None]  # absolute URL
    declared_lang: Final[str | None]  # ISO 639-1
    article_body: Final[str | None]  # JSON-LD articleBody: the text, for pages drawn by script
    site_keys: Final[tuple[str, ...]]  # name keys the site goes by (its credits are no authors)

    def __init__(
        self,
        title: str | None = None,
        url: str | None = None,
        published: Timestamp | None = None,
        modified: Timestamp | None = None,
        date_source: str | None = None,
        authors: tuple[str, ...] = (),
        site_name: str | None = None,
        description: str | None = None,
        categories: tuple[str, ...] = (),
        tags: tuple[str, ...] = (),
        image: str | None = None,
        declared_lang: str | None = None,
        article_body: str | None = None,
        site_keys: tuple[str, ...] = (),
    ) -> None:
        self.title = title
        self.url = url
        self.published = published
        self.modified = modified
        self.date_source = date_source
        self.authors = authors
        self.site_name = site_name
        self.description = description
        self.categories = categories
        self.tags = tags
        self.image = image
        self.declared_lang = declared_lang
        self.article_body = article_body
        self.site_keys = site_keys


# __init__ written out for mypyc to compile (see segments.Segment); Final fields keep it frozen.
@dataclass(slots=True, init=False, unsafe_hash=True)
class BodyAnalysis:
    """What the extracted text says about itself: its dateline, sources and dated mentions."""

    dateline: Final[Dateline | None]
    sources: Final[tuple[Source, ...]]
    date_mentions: Final[tuple[DateMention, ...]]

    def __init__(
        self,
        dateline: Dateline | None = None,
        sources: tuple[Source, ...] = (),
        date_mentions: tuple[DateMention, ...] = (),
    ) -> None:
        self.dateline = dateline
        self.sources = sources
        self.date_mentions = date_mentions


def read_metadata(
    tree: LexborHTMLParser, *, url: str | None, crawled_at: datetime | None, complete: bool = True
) -> PageMetadata:
    """Read every metadata field of a parsed page, or with ``complete=False`` only those the
    text and the title need: the title, the declared language, the JSON-LD articleBody and the
    site's name keys (the title drops the site's name). Never mutates ``tree``."""
    head = read_head(tree)
    jsonld = read_jsonld(tree)
    article = _main_object(jsonld)
    declared_lang = _declared_lang(head, article)
    site_name = _site_name(head, jsonld, article, url)
    site_keys = _site_keys(site_name, head, url)
    declared_titles = (
        first_meta(head, "og:title"),
        first_meta(head, "twitter:title"),
        _ld_text(article, "headline"),
        head.title,
    )
    title = find_title(tree, declared_titles, site_keys)
    if not complete:
        return PageMetadata(
            title=title,
            declared_lang=declared_lang,
            article_body=_article_body(article),
            site_keys=site_keys,
        )
    authors = find_authors(tree, head.meta, article, site_keys)
    dates = find_page_dates(
        tree,
        url=url,
        crawled_at=crawled_at,
        jsonld=jsonld,
        lang=declared_lang,
        head_metas=head.metas,
        titles=(declared_titles[0], head.title),
    )
    return PageMetadata(
        title=title,
        url=_canonical(head, article, url),
        published=dates.published,
        modified=dates.modified,
        date_source=dates.source,
        authors=authors,
        site_name=site_name,
        description=_description(head, article),
        categories=_categories(head, jsonld, article, site_keys, title),
        tags=_tags(head, article, site_keys),
        image=_image(head, article, url),
        declared_lang=declared_lang,
        article_body=_article_body(article),
        site_keys=site_keys,
    )


def analyse_body(
    text: str,
    *,
    lang: str | None,
    published: date | datetime | None,
    site_name: str | None,
    links: Sequence[tuple[str, str, int]] = (),
) -> BodyAnalysis:
    """Dateline, attributed sources and day/month mentions of an extracted article text.
    ``links``: (anchor text, absolute href, offset of the anchor in ``text``) of body links."""
    lowered = lowered_text(text)  # read by both searches below
    mentions = find_date_mentions(text, published=published, lang=lang, lowered=lowered)
    return BodyAnalysis(
        dateline=find_dateline(text, site_name=site_name),
        sources=find_sources(text, lang=lang, links=links, mentions=mentions, lowered=lowered),
        date_mentions=mentions,
    )


# --- JSON-LD -------------------------------------------------------------------------------


def _types(obj: Mapping[str, Any]) -> set[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.rsplit("/", 1)[-1].lower() for v in values if isinstance(v, str)}


def _main_object(objects: Sequence[Mapping[str, Any]]) -> Mapping[str, Any]:
    """The JSON-LD object describing the article: the first article-typed one."""
    for obj in objects:
        if _types(obj) & _ARTICLE_TYPES:
            return obj
    for obj in objects:
        if "webpage" in _types(obj) and ("headline" in obj or "author" in obj):
            return obj
    return {}


def _ld_text(obj: Mapping[str, Any] | None, key: str) -> str | None:
    value = obj.get(key) if obj else None
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("url")
    return collapse(value) or None if isinstance(value, str) else None


def _article_body(article: Mapping[str, Any]) -> str | None:
    value = article.get("articleBody") or article.get("text")
    if isinstance(value, list):
        value = "\n\n".join(v for v in value if isinstance(v, str))
    return value.strip() or None if isinstance(value, str) else None


def _ld_list(obj: Mapping[str, Any], key: str) -> list[Any]:
    value = obj.get(key)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


# --- fields ---------------------------------------------------------------------------------


def _site_name(
    head: Head,
    objects: Sequence[Mapping[str, Any]],
    article: Mapping[str, Any],
    url: str | None,
) -> str | None:
    candidates = [first_meta(head, "og:site_name"), _ld_text(article, "publisher")]
    candidates += [_ld_text(o, "name") for o in objects if _types(o) & _SITE_TYPES]
    candidates.append(first_meta(head, "application-name", "apple-mobile-web-app-title"))
    names = [c for c in candidates if c and len(c) <= _MAX_SITE_NAME and not c.startswith("http")]
    host = host_of(unwrap_archive(url or ""))
    label = name_key(domain_label(host) or "") if host else ""
    # A name that shares the domain's name wins over one that does not (og:site_name "U.S."
    # on an edition of reuters.com, where the publisher says "Reuters").
    for name in names:
        key = name_key(name)
        if label and len(label) >= 3 and (label in key or (len(key) >= 4 and key in label)):
            return _tidy_site_name(name)
    edge = _title_site_part(head.title, label)
    if edge:
        return edge
    if names:
        return _tidy_site_name(names[0])
    registered = registered_domain(host) if host else None
    return _tidy_site_name(registered) if registered else None


def _title_site_part(title: str | None, label: str) -> str | None:
    """The site's name as the <title> prints it at one end ("... - ANTARA News")."""
    if not title or len(label) < 4:
        return None
    parts = [collapse(p) for p in title_parts(title)]
    if len(parts) < 2:
        return None
    longest = max(parts, key=len)
    for part in (parts[-1], parts[0]):
        if part is not longest and label in name_key(part) and len(part) <= _MAX_SITE_NAME:
            return _tidy_site_name(part)
    return None


def _tidy_site_name(name: str) -> str:
    """A site name written as a bare lowercase domain gets a capital ("ihram.co.id")."""
    name = name.strip()
    if as_domain(name) and name.islower():
        return name[:1].upper() + name[1:]
    return name


def _site_keys(site_name: str | None, head: Head, url: str | None) -> tuple[str, ...]:
    """Name keys the site goes by: its name, its domain's label, its twitter handle."""
    keys = [name_key(site_name or "")]
    host = host_of(unwrap_archive(url or "")) or host_of(first_meta(head, "og:url"))
    if host:
        keys += [name_key(registered_domain(host) or ""), domain_label(host) or ""]
    handle = first_meta(head, "twitter:site")
    if handle and handle.startswith("@"):
        keys.append(name_key(handle[1:]))
    return tuple(dict.fromkeys(k for k in keys if len(k) >= 2))


def _canonical(head: Head, article: Mapping[str, Any], url: str | None) -> str | None:
    main = article.get("mainEntityOfPage")
    candidates = [
        *head.links.get("canonical", ()),
        first_meta(head, "og:url"),
        _ld_text(article, "url"),
    ]
    candidates.append(main.get("@id") if isinstance(main, dict) else main)
    for candidate in candidates:
        resolved = _absolute(candidate, url)
        if resolved and not _is_wrong_canonical(resolved, url):
            return resolved
    return url or None


def _is_wrong_canonical(candidate: str, url: str | None) -> bool:
    """A canonical that points at the site's front page while the page itself is deeper."""
    if not url:
        return False
    try:
        page, canon = urlsplit(url), urlsplit(candidate)
    except ValueError:
        return True
    return canon.path.strip("/") == "" and not canon.query and page.path.strip("/") != ""


def _absolute(value: Any, base: str | None) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    value = _DOUBLE_SCHEME.sub("", value.strip())
    if value.startswith(("data:", "javascript:", "#")):
        return None
    try:
        resolved = join_url(base, value)
    except ValueError:
        return None
    return resolved if resolved.startswith(("http://", "https://")) else None


def _description(head: Head, article: Mapping[str, Any]) -> str | None:
    return first_meta(head, "og:description", "description", "twitter:description") or _ld_text(
        article, "description"
    )


def _categories(
    head: Head,
    objects: Sequence[Mapping[str, Any]],
    article: Mapping[str, Any],
    site_keys: Sequence[str],
    title: str | None,
) -> tuple[str, ...]:
    found = [*head.meta.get("article:section", ()), *head.meta.get("parsely-section", ())]
    found += [s for s in _ld_list(article, "articleSection") if isinstance(s, str)]
    for obj in objects:
        if "breadcrumblist" in _types(obj):
            found += _breadcrumb_names(obj)
    skip = {*site_keys, name_key(title or ""), "home", "beranda", "startseite", "accueil", "inicio"}
    return _dedupe(found, skip)


def _breadcrumb_names(obj: Mapping[str, Any]) -> list[str]:
    names: list[str] = []
    for element in _ld_list(obj, "itemListElement"):
        if isinstance(element, dict):
            name = _ld_text(element, "name") or _ld_text(element.get("item"), "name")
            if name:
                names.append(name)
    return names


def _tags(head: Head, article: Mapping[str, Any], site_keys: Sequence[str]) -> tuple[str, ...]:
    skip = set(site_keys)
    for source in _tag_lists(head, article):
        tags = _dedupe(source, skip)
        if tags:
            return tags[:_MAX_TAGS]
    return ()


def _tag_lists(head: Head, article: Mapping[str, Any]) -> Iterator[Sequence[Any]]:
    """The page's tag lists, most trusted first: each is split only if those before it gave no
    tag (keyword lists run long, and the first list usually serves)."""
    yield head.meta.get("article:tag", ())
    yield _split_lists(head.meta.get("news_keywords", ()))
    yield _split_lists([v for v in _ld_list(article, "keywords") if isinstance(v, str)])
    yield _split_lists(head.meta.get("parsely-tags", ()))
    yield _split_lists(head.meta.get("keywords", ()))


def _split_lists(values: Sequence[str]) -> list[str]:
    return [t for v in values for t in _LIST_SPLIT.split(v)]


def _dedupe(values: Sequence[Any], skip: set[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for value in values:
        text = collapse(value) if isinstance(value, str) else ""
        key = name_key(text)
        if key and key not in skip and len(text) <= _MAX_TAG_CHARS:
            seen.setdefault(key, text)
    return tuple(seen.values())


def _image(head: Head, article: Mapping[str, Any], url: str | None) -> str | None:
    candidates: list[Any] = [
        first_meta(head, "og:image", "og:image:url", "og:image:secure_url"),
        first_meta(head, "twitter:image", "twitter:image:src"),
    ]
    for image in _ld_list(article, "image"):
        candidates.append(image.get("url") if isinstance(image, dict) else image)
    candidates += [*head.links.get("image_src", ()), first_meta(head, "thumbnailurl", "image")]
    for candidate in candidates:
        resolved = _absolute(candidate, url)
        if resolved:
            return resolved
    return None


def _declared_lang(head: Head, article: Mapping[str, Any]) -> str | None:
    for value in (
        head.html_lang,
        first_meta(head, "og:locale"),
        first_meta(head, "content-language", "language", "dc.language", "inlanguage"),
        _ld_text(article, "inLanguage"),
    ):
        code = normalise_language(value)
        if code:
            return code
    return None
