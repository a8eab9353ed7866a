"""``extract(..., metadata=False)``: the text alone, the same text as a full extraction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import warta
from golden import CRAWLED_AT, GOLDEN

PAGES = sorted(p for p in GOLDEN.iterdir() if (p / "page.html").is_file())
# What the text-only mode promises to give as a full extraction does.
CORE_FIELDS = ("status", "reason", "text", "markdown", "title", "lang", "related", "source_url")
# What it leaves out, each with its empty value.
LEFT_OUT = {
    "published": None,
    "modified": None,
    "date_source": None,
    "authors": (),
    "site_name": None,
    "description": None,
    "categories": (),
    "tags": (),
    "image": None,
    "dateline": None,
    "sources": (),
    "date_mentions": (),
}


def _extracted(folder: Path, *, metadata: bool = True) -> warta.Article:
    url = json.loads((folder / "source.json").read_text("utf-8")).get("url")
    page = (folder / "page.html").read_bytes()
    return warta.extract(page, url=url, crawled_at=CRAWLED_AT, metadata=metadata)


@pytest.mark.parametrize("folder", PAGES, ids=[p.name for p in PAGES])
def test_text_only_gives_the_full_extractions_text(folder: Path) -> None:
    full, text_only = _extracted(folder), _extracted(folder, metadata=False)
    for name in CORE_FIELDS:
        assert getattr(text_only, name) == getattr(full, name), name
    assert text_only.url == text_only.source_url  # the page's own URL: no canonical is read
    for name, empty in LEFT_OUT.items():
        assert getattr(text_only, name) == empty, name


def test_the_golden_pages_have_what_text_only_leaves_out() -> None:
    """Otherwise the test above would not show that anything is left out."""
    fulls = [_extracted(folder) for folder in PAGES]
    assert len(PAGES) >= 30
    for name, empty in LEFT_OUT.items():
        assert any(getattr(full, name) != empty for full in fulls), name


def test_text_only_never_raises_either() -> None:
    for page in (b"", b"\x00\x01\x02" * 50, "<p>" * 5000, b"<html><body><p>x</p>"):
        article = warta.extract(page, metadata=False)
        assert article.status in set(warta.Status)
        assert article.published is None and article.sources == ()
