"""Hostile and malformed input: extract() always returns an Article with a status."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import warta
from warta import Status

PROSE = (
    "Pemerintah kota meresmikan kontes film pendek internasional bertema keadilan, "
    "yang terbuka untuk siapa saja dari wilayah mana pun. "
)


def _article_page(paragraphs: int = 6) -> str:
    body = "".join(f"<p>{PROSE * 2}</p>" for _ in range(paragraphs))
    return f"<html><head><title>T</title></head><body><article>{body}</article></body></html>"


@given(st.binary(max_size=4000))
@settings(max_examples=150, deadline=None)
def test_arbitrary_bytes_give_an_article(data: bytes) -> None:
    article = warta.extract(data)
    assert isinstance(article, warta.Article)
    assert article.status in set(Status)


@given(st.text(max_size=3000))
@settings(max_examples=150, deadline=None)
def test_arbitrary_text_gives_an_article(data: str) -> None:
    article = warta.extract(data)
    assert article.status in set(Status)


_TAGS = st.sampled_from(["div", "p", "a", "span", "table", "td", "li", "ul", "article", "b"])


@st.composite
def _markup(draw: st.DrawFn) -> str:
    pieces = draw(
        st.lists(
            st.one_of(
                _TAGS.map(lambda t: f"<{t}>"),
                _TAGS.map(lambda t: f"</{t}>"),
                st.just(PROSE),
                st.text(max_size=30),
                st.just("<br>"),
                st.just('<a href="/x">Baca juga: judul berita lain</a>'),
            ),
            max_size=60,
        )
    )
    return "".join(pieces)


@given(_markup())
@settings(max_examples=150, deadline=None)
def test_malformed_markup_gives_an_article(markup: str) -> None:
    article = warta.extract(markup)
    assert article.status in set(Status)
    if article.status is Status.OK:
        assert article.text.strip()


def test_unclosed_tags() -> None:
    page = "<html><body><div><p>" + "<div><span><b>" * 50 + PROSE * 8
    article = warta.extract(page)
    assert article.status is Status.OK
    assert "kontes film pendek" in article.text


def test_ten_thousand_deep_nesting() -> None:
    page = "<html><body>" + "<div>" * 10_000 + f"<p>{PROSE * 4}</p>" + "</div>" * 10_000
    article = warta.extract(page)
    assert article.status in set(Status)
    assert article.status is not Status.ERROR or "nested" in article.reason


def test_binary_junk_is_not_an_article() -> None:
    junk = os.urandom(200_000)
    article = warta.extract(junk)
    assert article.status in (Status.EMPTY, Status.NOT_ARTICLE, Status.ERROR)


def test_wrong_declared_charset_is_overridden_by_utf8_bytes() -> None:
    page = (
        '<html><head><meta charset="iso-8859-1"></head><body><article>'
        + f"<p>{PROSE} Ketua MPR Zulkifli Hasan — ‘ujar’ dia, café.</p>" * 4
        + "</article></body></html>"
    ).encode("utf-8")
    article = warta.extract(page)
    assert "café" in article.text
    assert "‘ujar’" in article.text


def test_cp1252_page_decoded_from_meta() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "</head><body><article>"
        + "<p>Der Bürgermeister sagte, dass die Straße über Nacht geschlossen wird.</p>" * 6
        + "</article></body></html>"
    ).encode("cp1252")
    article = warta.extract(page)
    assert "Bürgermeister" in article.text
    assert "Straße" in article.text


def test_http_header_charset_wins_over_detection() -> None:
    page = (
        "<html><body><article>"
        + "<p>Привет, мир. Это статья о новостях дня.</p>" * 8
        + "</article></body></html>"
    ).encode("koi8-r")
    article = warta.extract(page, headers={"Content-Type": "text/html; charset=KOI8-R"})
    assert "Привет" in article.text


@pytest.mark.parametrize("page", [b"", "", "   ", "<html></html>", "<!-- only a comment -->"])
def test_empty_pages(page: bytes | str) -> None:
    assert warta.extract(page).status is Status.EMPTY


def test_not_bytes_or_str() -> None:
    article = warta.extract(12345)  # type: ignore[arg-type]
    assert article.status is Status.ERROR
    assert "bytes or str" in article.reason


def test_twenty_megabyte_page() -> None:
    article = warta.extract(_article_page(paragraphs=40_000))
    assert article.status is Status.OK
    assert len(article.text) > 10_000_000


def test_article_json_round_trip() -> None:
    article = warta.extract(_article_page(), url="https://example.com/a")
    again = warta.Article.from_json(article.to_json())
    assert again == article


def test_hidden_elements_are_left_out_but_a_hidden_body_is_read() -> None:
    page = _article_page().replace("<body>", '<body style="display: none">')
    hidden = "<p hidden>Teks tersembunyi untuk mesin pencari.</p>"
    page = page.replace("</article>", hidden + "</article>")
    article = warta.extract(page)
    assert article.status is Status.OK
    assert PROSE.strip() in article.text
    assert "tersembunyi" not in article.text
