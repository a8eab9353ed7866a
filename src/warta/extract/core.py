"""``extract``: one page in, one :class:`~warta.article.Article` out, whatever the page is."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime

from selectolax.lexbor import LexborHTMLParser

from warta.article import Article, Status, failed
from warta.errors import WartaError
from warta.extract.assemble import Assembly, assemble, render_markdown, render_text
from warta.extract.markup import hints
from warta.extract.score import choose_container
from warta.extract.segments import flatten
from warta.html import decode, looks_binary, parse_html

logger = logging.getLogger("warta.extract")

_MIN_ARTICLE_CHARS = 200
_HIDDEN = '[hidden], [style*="display:none"], [style*="display: none"]'


def extract(
    page: bytes | str,
    url: str | None = None,
    *,
    crawled_at: datetime | None = None,
    headers: Mapping[str, str] | None = None,
) -> Article:
    """Extract the article from one page. Never raises: failures come back as a status."""
    try:
        return _extract(page, url, crawled_at, headers)
    except WartaError as error:
        return failed(Status.ERROR, str(error), source_url=url)
    except (RecursionError, MemoryError) as error:
        return failed(
            Status.ERROR, f"The page is too large or too deeply nested: {error!r}.", source_url=url
        )
    except Exception as error:  # a bug must not stop a corpus run; the reason names it
        logger.exception("extraction failed for %s", url)
        return failed(Status.ERROR, f"Extraction failed unexpectedly: {error!r}.", source_url=url)


def _extract(
    page: bytes | str,
    url: str | None,
    crawled_at: datetime | None,
    headers: Mapping[str, str] | None,
) -> Article:
    if not isinstance(page, bytes | str):
        return failed(
            Status.ERROR, f"A page must be bytes or str, not {type(page).__name__}.", source_url=url
        )
    if isinstance(page, bytes) and looks_binary(page):
        return failed(Status.ERROR, "The input is binary data, not an HTML page.", source_url=url)
    text, _encoding = decode(page, headers)
    if not text.strip():
        return failed(Status.EMPTY, "The page is empty.", source_url=url)
    tree = parse_html(text)
    title = _fallback_title(tree)
    body = _clean(tree)
    if body is None:
        return failed(Status.EMPTY, "The page has no body.", source_url=url, title=title)
    assembly = _main_content(tree, url)
    if assembly is None:
        return failed(Status.EMPTY, "The page has no text.", source_url=url, title=title)
    article_text = render_text(assembly.blocks)
    status, reason = _status(article_text)
    return Article(
        status=status,
        reason=reason,
        text=article_text,
        markdown=render_markdown(assembly.blocks),
        title=title or assembly.headline,
        related=tuple(assembly.related.values()),
        source_url=url,
    )


def _clean(tree: LexborHTMLParser) -> object | None:
    body = tree.body
    if body is None:
        return None
    tree.strip_tags(list(hints().drop_tags))
    for node in body.css(_HIDDEN):
        node.decompose()
    return body


def _main_content(tree: LexborHTMLParser, url: str | None) -> Assembly | None:
    body = tree.body
    if body is None:
        return None
    flat = flatten(body, hints())
    if not flat.segments:
        return None
    texts = [segment.text for segment in flat.segments]
    choice = choose_container(flat, texts)
    if choice is None:
        return None
    return assemble(flat, choice, texts, url)


def _status(text: str) -> tuple[Status, str]:
    if not text:
        return Status.EMPTY, "No article text was found on the page."
    if len(text) < _MIN_ARTICLE_CHARS:
        return Status.NOT_ARTICLE, (
            f"The page's main text is only {len(text)} characters long: not an article."
        )
    return Status.OK, ""


def _fallback_title(tree: LexborHTMLParser) -> str | None:
    for selector, attribute in (('meta[property="og:title"]', "content"), ("title", None)):
        node = tree.css_first(selector)
        if node is None:
            continue
        value = node.attributes.get(attribute) if attribute else node.text()
        if value and value.strip():
            return " ".join(value.split())
    return None
