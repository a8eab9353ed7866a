"""``extract``: one page in, one :class:`~warta.article.Article` out, whatever the page is."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from warta.article import Article, Status, failed
from warta.errors import WartaError
from warta.extract.assemble import (
    Assembly,
    Block,
    assemble,
    body_links,
    render_markdown,
    render_text,
)
from warta.extract.credits import printed_authors
from warta.extract.flatten import flatten
from warta.extract.language import detect_language
from warta.extract.markup import hints
from warta.extract.metadata import BodyAnalysis, PageMetadata, analyse_body, read_metadata
from warta.extract.score import Choice, choose_container
from warta.extract.segments import FlatPage
from warta.html import looks_binary, parse_page
from warta.memory import LARGE_PAGE_BYTES, release_freed_memory

logger = logging.getLogger("warta.extract")

_MIN_ARTICLE_CHARS = 200
_ANALYSED_CHARS = 200_000
_DECLARED_BODY_RATIO = 3  # the markup's text must be a third of the declared body, at least


def extract(
    page: bytes | str,
    url: str | None = None,
    *,
    crawled_at: datetime | None = None,
    headers: Mapping[str, str] | None = None,
    metadata: bool = True,
) -> Article:
    """Extract the article from one page. Never raises: failures come back as a status.

    ``metadata=False`` extracts the text alone, for a corpus that needs nothing else: ``text``,
    ``markdown``, ``title``, ``lang``, ``related``, ``status`` and ``reason`` are what a full
    extraction gives, and ``url`` is the page's URL; the dates, authors, site name,
    description, categories, tags, image, dateline, sources and date mentions are left empty
    (they are not read: the extraction takes about 60% of the time)."""
    try:
        return _extract(page, url, crawled_at, headers, metadata)
    except WartaError as error:
        return failed(Status.ERROR, str(error), source_url=url)
    # One name per handler: mypyc gives a name one type, the first handler's.
    except (RecursionError, MemoryError) as limit:
        return failed(
            Status.ERROR, f"The page is too large or too deeply nested: {limit!r}.", source_url=url
        )
    except Exception as bug:  # a bug must not stop a corpus run; the reason names it
        logger.exception("extraction failed for %s", url)
        return failed(Status.ERROR, f"Extraction failed unexpectedly: {bug!r}.", source_url=url)


def _extract(
    page: bytes | str,
    url: str | None,
    crawled_at: datetime | None,
    headers: Mapping[str, str] | None,
    metadata: bool,
) -> Article:
    if not isinstance(page, bytes | str):
        return failed(
            Status.ERROR, f"A page must be bytes or str, not {type(page).__name__}.", source_url=url
        )
    if isinstance(page, bytes) and looks_binary(page):
        return failed(Status.ERROR, "The input is binary data, not an HTML page.", source_url=url)
    tree = parse_page(page, headers)
    if tree is None:
        return failed(Status.EMPTY, "The page is empty.", source_url=url)
    meta = read_metadata(tree, url=url, crawled_at=crawled_at, complete=metadata)
    fields = _metadata_fields(meta, url)
    content = _main_content(tree, url)
    del tree  # the DOM is the largest thing alive; nothing below needs it
    if len(page) > LARGE_PAGE_BYTES:
        release_freed_memory()
    assembly = _prefer_declared_body(content[2] if content else None, meta.article_body)
    if assembly is None:
        return failed(Status.EMPTY, "The page has no text.", **fields)
    article_text = render_text(assembly.blocks)
    status, reason = _status(article_text)
    lang = detect_language(article_text or (meta.title or ""), meta.declared_lang)
    ok = status is Status.OK
    analysis = _analyse(article_text, assembly, meta, lang) if ok and metadata else BodyAnalysis()
    fields["title"] = fields["title"] or assembly.headline
    if metadata and not fields["authors"] and content is not None:
        fields["authors"] = printed_authors(content[0], content[1], lang, meta.site_keys)
    markdown = render_markdown(assembly.blocks, article_text)
    return Article(
        status=status,
        reason=reason,
        text=article_text,
        markdown=markdown,
        lang=lang,
        related=tuple(assembly.related.values()),
        dateline=analysis.dateline,
        sources=analysis.sources,
        date_mentions=analysis.date_mentions,
        **fields,
    )


def _prefer_declared_body(assembly: Assembly | None, declared: str | None) -> Assembly | None:
    """The JSON-LD articleBody, where the markup holds much less: a page whose story is drawn
    by script, with only a notice or a teaser in the HTML."""
    if not declared or len(declared) < _MIN_ARTICLE_CHARS:
        return assembly
    found = sum(len(block.text) for block in assembly.blocks) if assembly else 0
    if found * _DECLARED_BODY_RATIO >= len(declared):
        return assembly
    paragraphs = [" ".join(p.split()) for p in declared.splitlines()]
    blocks = [Block("p", p, "") for p in paragraphs if p]
    return replace(assembly, blocks=blocks) if assembly else Assembly(blocks=blocks)


def _analyse(text: str, assembly: Assembly, meta: PageMetadata, lang: str | None) -> BodyAnalysis:
    """Dateline, sources and date mentions of an article's text (not of a listing's scraps).

    Attribution and date cues sit in the body of a story, not 100 pages into it: scanning a
    prefix keeps a pathological page's cost bounded, and spans stay valid in the text."""
    return analyse_body(
        text[:_ANALYSED_CHARS],
        lang=lang,
        published=meta.published,
        site_name=meta.site_name,
        links=[link for link in body_links(assembly.blocks) if link[2] < _ANALYSED_CHARS],
    )


def _metadata_fields(meta: PageMetadata, url: str | None) -> dict[str, Any]:
    return {
        "title": meta.title,
        "url": meta.url or url,
        "source_url": url,
        "published": meta.published,
        "modified": meta.modified,
        "date_source": meta.date_source,
        "authors": meta.authors,
        "site_name": meta.site_name,
        "description": meta.description,
        "categories": meta.categories,
        "tags": meta.tags,
        "image": meta.image,
    }


def _main_content(
    tree: LexborHTMLParser, url: str | None
) -> tuple[FlatPage, Choice, Assembly] | None:
    """The flat page, the body chosen in it, and the body's text and links."""
    body = tree.body  # the walk leaves out what the page hides
    if body is None:
        return None
    flat = flatten(body, hints())
    if not flat.segments:
        return None
    choice = choose_container(flat)
    if choice is None:
        return None
    return flat, choice, assemble(flat, choice, url)


def _status(text: str) -> tuple[Status, str]:
    if not text:
        return Status.EMPTY, "No article text was found on the page."
    if len(text) < _MIN_ARTICLE_CHARS:
        return Status.NOT_ARTICLE, (
            f"The page's main text is only {len(text)} characters long: not an article."
        )
    return Status.OK, ""
