"""The shared pieces: content hash, stored items, query parsing, and choosing a sink."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from store_samples import article, corpus

from warta.article import Article
from warta.errors import ConfigError
from warta.store import Archive, StoredItem, content_hash, open_sink, site_of
from warta.store.jsonl import JsonlSink
from warta.store.parquet import ParquetSink
from warta.store.query import fts5_match, parse_query


def test_content_hash_ignores_case_and_layout() -> None:
    a = content_hash("Harga  beras\nNAIK di pasar.")
    assert a == content_hash("  harga beras naik\tdi pasar. ")
    assert a != content_hash("Harga beras turun di pasar.")
    assert len(a) == 32


def test_stored_item_dict_round_trip() -> None:
    for item in corpus(30):
        assert StoredItem.from_dict(item.to_dict()) == item
    item = StoredItem.of(article(1), "o:1", datetime(2024, 1, 1, tzinfo=UTC), "https://x/0")
    assert item.status == "duplicate" and item.content_hash == content_hash(article(1).text)
    assert item.key == "https://www.kompas.com/read/1"
    assert StoredItem.of(Article(), "file:/a.html").key == "file:/a.html"


def test_site_of() -> None:
    assert site_of(article(1, site="WWW.Kompas.com")) == "kompas.com"
    assert site_of(Article(source_url="http://[bad")) == "unknown"
    assert site_of(Article()) == "unknown"


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("banjir jakarta", ["banjir", "jakarta"]),
        ('"rumah warga" banjir', ["rumah warga", "banjir"]),
        ('banjir "rumah warga', ["banjir", "rumah", "warga"]),
        ("(banjir) OR -gempa*", ["banjir", "gempa"]),
        ('"" ( ) * -', []),
        ("covid-19", ["covid-19"]),
    ],
)
def test_parse_query(query: str, terms: list[str]) -> None:
    assert parse_query(query) == terms


def test_fts5_match_quotes_every_term() -> None:
    assert fts5_match(["banjir", 'a"b']) == '"banjir" AND "a""b"'


@given(st.text())
def test_parsed_terms_are_always_searchable(query: str) -> None:
    for term in parse_query(query):
        assert term.strip() and '"' not in term and any(ch.isalnum() for ch in term)


def test_open_sink_chooses_by_target(tmp_path: Path) -> None:
    with open_sink(tmp_path / "a.jsonl.gz") as sink:
        assert isinstance(sink, JsonlSink)
    with open_sink(str(tmp_path / "b.parquet") + "/") as sink:
        assert isinstance(sink, ParquetSink)
    for name in ("c.db", "d.sqlite", "e.SQLITE3"):
        with open_sink(tmp_path / name) as sink:
            assert isinstance(sink, Archive)
    with pytest.raises(ConfigError):
        open_sink(tmp_path / "out.csv")
