"""Stored items as flat rows (scalars plus JSON for nested fields), and back again."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from warta.article import Article
from warta.store.base import StoredItem, site_of, utc_instant

# Article fields kept as JSON text: lists and nested records that are read whole.
JSON_FIELDS = (
    "authors",
    "categories",
    "tags",
    "related",
    "sources",
    "date_mentions",
    "dateline",
    "extra",
)
SCALAR_FIELDS = (
    "url",
    "source_url",
    "site_name",
    "title",
    "text",
    "markdown",
    "lang",
    "published",
    "modified",
    "date_source",
    "description",
    "image",
)
# Every column of the archive's articles table that an insert fills, in order.
ARTICLE_COLUMNS = (
    "key",
    "content_hash",
    "origin",
    "crawled_at",
    "site",
    "published_at",
    *SCALAR_FIELDS,
    *JSON_FIELDS,
)
PROCESSED_COLUMNS = (
    "origin",
    "status",
    "reason",
    "key",
    "content_hash",
    "duplicate_of",
    "crawled_at",
)


def dump_json(value: Any) -> str:
    """Compact, stable JSON. Values JSON cannot hold (in ``Article.extra``) become their str():
    one odd value must not stop a long run."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=str)


def article_row(item: StoredItem, *, strip_nul: bool = False) -> dict[str, Any]:
    """The articles-table row of an item (without version/latest, which the archive decides).

    ``published``/``modified`` keep their exact ISO text; ``published_at`` is the UTC instant
    used to filter and sort. ``strip_nul`` drops NUL characters, which PostgreSQL refuses.
    """
    data = item.article.to_dict()
    if strip_nul:
        data = _without_nul(data)
    row: dict[str, Any] = {name: data[name] for name in SCALAR_FIELDS}
    row.update({name: dump_json(data[name]) for name in JSON_FIELDS})
    row["key"] = _without_nul(item.key) if strip_nul else item.key
    row["content_hash"] = item.content_hash
    row["origin"] = item.origin
    row["crawled_at"] = item.crawled_at.isoformat() if item.crawled_at else None
    row["site"] = site_of(item.article, item.origin)
    row["published_at"] = utc_instant(item.article.published)
    return row


def _without_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {k: _without_nul(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_nul(v) for v in value]
    return value


def processed_row(item: StoredItem) -> dict[str, Any]:
    """The processed-table row: every input ends here, whatever its status."""
    return {
        "origin": item.origin,
        "status": item.status,
        "reason": item.article.reason,
        "key": item.key,
        "content_hash": item.content_hash,
        "duplicate_of": item.duplicate_of,
        "crawled_at": item.crawled_at.isoformat() if item.crawled_at else None,
    }


def article_from_row(row: Mapping[str, Any]) -> Article:
    """Rebuild an ok Article from an articles-table row (JSON columns as text or decoded)."""
    data: dict[str, Any] = {name: row[name] for name in SCALAR_FIELDS}
    for name in JSON_FIELDS:
        value = row[name]
        data[name] = json.loads(value) if isinstance(value, str) else value
    for name in ("published", "modified"):
        if isinstance(data[name], datetime | date):  # a driver may decode it already
            data[name] = data[name].isoformat()
    return Article.from_dict(data)
