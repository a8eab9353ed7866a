"""The page warta exists for: the seed article, its "today" widget, "Baca juga" and related block.

The expectation in ``fixtures/seed/expected.json`` is written by hand (see SOURCE.md there).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import warta

SEED = Path(__file__).resolve().parent / "fixtures" / "seed"
URL = "https://www.techbiz.id/putuskan-huawei-leica-sambut-xiaomi/"


@pytest.fixture(scope="module")
def article() -> dict[str, Any]:
    return warta.extract((SEED / "page.html").read_bytes(), url=URL).to_dict()


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SEED / "expected.json").read_text("utf-8"))
    return data


@pytest.mark.parametrize(
    "field",
    ["status", "title", "text", "lang", "url", "published", "modified", "authors", "site_name",
     "categories", "related"],
)  # fmt: skip
def test_field(article: dict[str, Any], expected: dict[str, Any], field: str) -> None:
    assert article[field] == expected[field]


def test_today_widget_is_neither_text_nor_date(article: dict[str, Any]) -> None:
    assert "2024" not in article["text"]
    assert not str(article["published"]).startswith("2024")


def test_read_also_and_related_block_are_not_text(article: dict[str, Any]) -> None:
    for boilerplate in ("Baca juga", "Terkait", "Memajukan Potensi Digital", "Akses internet"):
        assert boilerplate not in article["text"]


def test_dateline_stays_in_text_and_names_the_publisher(
    article: dict[str, Any], expected: dict[str, Any]
) -> None:
    assert article["text"].startswith("Techbiz.id – Hampir setiap flagship")
    assert article["dateline"]["publisher"] == expected["dateline"]["publisher"]


def test_sources(article: dict[str, Any], expected: dict[str, Any]) -> None:
    found = {s["name"]: s for s in article["sources"]}
    assert set(found) == {s["name"] for s in expected["sources"]}
    for want in expected["sources"]:
        got = found[want["name"]]
        for key, value in want.items():
            assert got[key] == value, (want["name"], key)
        start, end = got["span"]
        assert article["text"][start:end] == want["name"]


def test_date_mentions(article: dict[str, Any], expected: dict[str, Any]) -> None:
    got = [(m["text"], m["date"]) for m in article["date_mentions"]]
    assert got == [(m["text"], m["date"]) for m in expected["date_mentions"]]
    for mention in article["date_mentions"]:
        start, end = mention["span"]
        assert article["text"][start:end] == mention["text"]
