"""find_page_dates on small pages: each kind of evidence, the traps, and what must not count."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from selectolax.lexbor import LexborHTMLParser

from warta.extract.dates import PageDates, find_page_dates

CRAWL = datetime(2024, 4, 26, 10, 0, tzinfo=timezone(timedelta(hours=7)))
WIB = timezone(timedelta(hours=7))


def dates_of(html: str, url: str | None = None, lang: str | None = None) -> PageDates:
    return find_page_dates(LexborHTMLParser(html), url=url, crawled_at=CRAWL, lang=lang)


def day(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def page(head: str = "", body: str = "") -> str:
    return f"<html><head><title>Putuskan Huawei</title>{head}</head><body>{body}</body></html>"


ARTICLE = "<article><h1>Putuskan Huawei, Leica Sambut Xiaomi?</h1>{byline}<p>{text}</p></article>"
TEXT = "Hampir setiap flagship memiliki kamera yang bagus. " * 5


def test_jsonld_news_article() -> None:
    head = """<script type="application/ld+json">{"@context": "https://schema.org",
        "@type": "NewsArticle", "datePublished": "2016-02-23T14:39:42+07:00",
        "dateModified": "2016-02-24T08:00:00+07:00"}</script>"""
    found = dates_of(page(head, ARTICLE.format(byline="", text=TEXT)))
    assert found.published == datetime(2016, 2, 23, 14, 39, 42, tzinfo=WIB)
    assert found.modified == datetime(2016, 2, 24, 8, 0, tzinfo=WIB)
    assert found.source == "json-ld"


def test_jsonld_graph_prefers_the_article_over_the_page_and_images() -> None:
    head = """<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
        {"@type": "ImageObject", "uploadDate": "2019-01-01"},
        {"@type": "WebPage", "datePublished": "2021-05-10"},
        {"@type": ["BlogPosting"], "datePublished": "2021-05-17T08:00:00+07:00"}]}</script>"""
    assert day(dates_of(page(head)).published) == date(2021, 5, 17)


def test_jsonld_list_and_broken_json_are_read() -> None:
    head = """<script type="application/ld+json">[{"@type": "Organization", "name": "X"},
        {"@type": "ReportageNewsArticle", "datePublished": "2021-05-17",}]</script>"""
    assert dates_of(page(head)).published == date(2021, 5, 17)


def test_impossible_jsonld_date_falls_back_to_meta() -> None:
    head = """<script type="application/ld+json">{"@type": "NewsArticle",
        "datePublished": "2099-01-01T00:00:00Z"}</script>
        <meta property="article:published_time" content="2021-05-17T08:00:00+07:00">"""
    found = dates_of(page(head))
    assert day(found.published) == date(2021, 5, 17)
    assert found.source == "meta"


@pytest.mark.parametrize(
    "meta",
    [
        '<meta property="article:published_time" content="2021-05-17T10:00:00+07:00">',
        '<meta property="og:published_time" content="2021-05-17">',
        '<meta name="dc.date.issued" content="2021-05-17">',
        '<meta name="DC.date" content="2021-05-17">',
        '<meta name="dcterms.created" content="2021-05-17">',
        '<meta name="pubdate" content="20210517">',
        '<meta name="publishdate" content="2021-05-17 10:00:00">',
        '<meta name="parsely-pub-date" content="2021-05-17T03:00:00Z">',
        '<meta name="sailthru.date" content="2021-05-17 10:00:00">',
        '<meta itemprop="datePublished" content="2021-05-17">',
        '<meta name="date" content="Mon, 17 May 2021 10:00:00 +0700">',
    ],
)
def test_meta_tags(meta: str) -> None:
    found = dates_of(page(meta))
    assert day(found.published) == date(2021, 5, 17)
    assert found.source == "meta"


def test_meta_modified_is_told_apart() -> None:
    head = """<meta property="article:modified_time" content="2021-05-20T10:00:00+07:00">
        <meta property="article:published_time" content="2021-05-17T10:00:00+07:00">"""
    found = dates_of(page(head))
    assert day(found.published) == date(2021, 5, 17)
    assert day(found.modified) == date(2021, 5, 20)


def test_time_element_in_the_article_beats_related_and_comment_times() -> None:
    body = """<article><h1>Putuskan Huawei, Leica Sambut Xiaomi?</h1>
        <div class="meta"><time datetime="2021-05-17T09:00:00+07:00">17 Mei</time></div>
        <p>Isi berita.</p>
        <div class="comments"><time datetime="2021-05-19T09:00:00+07:00">19 Mei</time></div>
        </article>
        <aside><ul class="related-posts">
        <li><time datetime="2021-05-18">18 Mei</time></li></ul></aside>"""
    found = dates_of(page(body=body))
    assert day(found.published) == date(2021, 5, 17)
    assert found.source == "time-element"


def test_only_comment_and_related_dates_give_nothing() -> None:
    body = """<article><h1>Putuskan Huawei, Leica Sambut Xiaomi?</h1><p>Isi berita.</p>
        <ol class="comment-list"><li><span class="comment-date">19 Mei 2021</span></li></ol>
        </article>
        <div class="related-articles"><span class="date">18 Mei 2021</span></div>
        <div class="sidebar"><span class="date">20 Mei 2021</span></div>"""
    assert dates_of(page(body=body)).published is None


@pytest.mark.parametrize(
    ("byline", "lang", "expected"),
    [
        ('<div class="date">Kamis, 05/11/2015 10:08 WIB</div>', "id", date(2015, 11, 5)),
        ("<p>24 Juli 2023 | 11.32 WIB</p>", "id", date(2023, 7, 24)),
        ('<span class="tanggal">Selasa, 23 Feb 2016 14:39 WIB</span>', "id", date(2016, 2, 23)),
        ('<div class="byline">By Ann Lee · Published 3 hours ago</div>', "en", date(2024, 4, 26)),
        ('<p class="post-meta">Diterbitkan 2 hari yang lalu</p>', "id", date(2024, 4, 24)),
        ('<div class="info">Veröffentlicht am 3. März 2020</div>', "de", date(2020, 3, 3)),
    ],
)
def test_byline_dates(byline: str, lang: str, expected: date) -> None:
    found = dates_of(page(body=ARTICLE.format(byline=byline, text=TEXT)), lang=lang)
    assert day(found.published) == expected
    assert found.source in ("byline", "text")


def test_byline_zone_gives_an_aware_time() -> None:
    byline = '<div class="date">Kamis, 05/11/2015 10:08 WIB</div>'
    found = dates_of(page(body=ARTICLE.format(byline=byline, text=TEXT)), lang="id")
    assert found.published == datetime(2015, 11, 5, 10, 8, tzinfo=WIB)


def test_published_and_updated_in_one_byline() -> None:
    byline = '<div class="meta">Diperbarui 20 Mei 2021 | Diterbitkan 17 Mei 2021</div>'
    found = dates_of(page(body=ARTICLE.format(byline=byline, text=TEXT)), lang="id")
    assert found.published == date(2021, 5, 17)
    assert found.modified == date(2021, 5, 20)


def test_today_widget_loses_to_metadata() -> None:
    """The seed page: a WordPress header shows the crawl day; the metadata says May 2021."""
    head = '<meta property="article:published_time" content="2021-05-17T09:12:00+00:00">'
    body = """<div id="page"><header id="masthead" class="site-header">
        <div class="top-bar"><span class="date">Jumat, April 26, 2024</span></div>
        <p class="site-title">Techbiz.id</p></header>
        <main id="main"><article class="post"><h1 class="entry-title">Putuskan Huawei,
        Leica Sambut Xiaomi?</h1><div class="entry-content"><p>Techbiz.id – Hampir setiap
        flagship memiliki kamera yang bagus, seperti dilansir dari Gizmochina (16/5).</p>
        </div></article></main></div>"""
    found = dates_of(page(head, body), url="https://techbiz.id/putuskan-huawei", lang="id")
    assert day(found.published) == date(2021, 5, 17)


def test_today_widget_loses_without_metadata() -> None:
    body = """<div id="header"><div class="tanggal">Jumat, April 26, 2024</div></div>
        <div id="content"><h1>Putuskan Huawei, Leica Sambut Xiaomi?</h1>
        <div class="post-date">Senin, 17 Mei 2021</div><p>Isi berita.</p></div>"""
    assert dates_of(page(body=body), lang="id").published == date(2021, 5, 17)


def test_header_widget_alone_is_not_a_date() -> None:
    body = """<header class="site-header"><div class="today">Jumat, April 26, 2024</div></header>
        <div id="content"><h1>Putuskan Huawei, Leica Sambut Xiaomi?</h1><p>Isi berita.</p></div>"""
    assert dates_of(page(body=body), lang="id").published is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/2021/05/17/some-story/", date(2021, 5, 17)),
        ("https://example.com/news/2021-05-17-some-story", date(2021, 5, 17)),
        ("http://finance.example.com/read/20160223/153201/story", date(2016, 2, 23)),
        ("https://example.com/story?d=2021-05-17", date(2021, 5, 17)),
    ],
)
def test_url_dates(url: str, expected: date) -> None:
    found = dates_of(page(body="<h1>A story</h1><p>Text.</p>"), url=url)
    assert found.published == expected
    assert found.source == "url"


def test_url_without_a_full_date_gives_nothing() -> None:
    for url in ("https://example.com/2021/10/3-fragen-an", "https://example.com/2021/05/"):
        assert dates_of(page(body="<h1>A story</h1><p>Text.</p>"), url=url).published is None


def test_text_date_is_the_last_resort() -> None:
    body = "<h1>A story</h1><p>The meeting was held on 17 May 2021 in Jakarta.</p>"
    found = dates_of(page(body=body), lang="en")
    assert found.published == date(2021, 5, 17)
    assert found.source == "text"


def test_dates_in_scripts_and_copyright_do_not_count() -> None:
    body = """<h1>A story</h1><p>Text without a date.</p>
        <script>var built = "2021-05-17"; var x = "17 May 2021";</script>
        <footer><p>Copyright © 2021 Example. Updated 17.05.2021</p></footer>"""
    assert dates_of(page(body=body), lang="en").published is None


def test_metadata_later_than_url_date_is_an_update() -> None:
    head = '<meta property="article:published_time" content="2019-06-17T18:28:00+02:00">'
    found = dates_of(page(head), url="https://example.com/home/2017/7/12/story")
    assert found.published == date(2017, 7, 12)


def test_utc_stamp_takes_the_local_day_from_the_url() -> None:
    head = '<meta property="article:published_time" content="2020-02-25T02:25:54+00:00">'
    found = dates_of(page(head), url="https://example.com/2020/02/24/story/")
    assert day(found.published) == date(2020, 2, 24)


def test_utc_stamp_takes_the_offset_of_the_same_moment_elsewhere() -> None:
    head = """<meta property="article:published_time" content="2023-11-09T02:11:03+00:00">"""
    body = """<h1>Story</h1><time itemprop="datePublished"
        datetime="2023-11-08T21:11:03-05:00">November 8, 2023</time>"""
    found = dates_of(page(head, body))
    assert found.published == datetime(2023, 11, 8, 21, 11, 3, tzinfo=timezone(-timedelta(hours=5)))
    assert day(found.published) == date(2023, 11, 8)


def test_site_zone_localises_utc_and_naive_times() -> None:
    head = '<meta property="article:published_time" content="2016-02-16T02:10:56Z">'
    found = dates_of(page(head), url="http://tekno.liputan6.com/read/2436773/story")
    assert isinstance(found.published, datetime)
    assert found.published.utcoffset() == timedelta(hours=7)
    assert found.published.hour == 9
    naive = '<meta property="article:published_time" content="2016-02-16 09:10:56">'
    found = dates_of(page(naive), url="https://www.kompas.id/baca/story")
    assert isinstance(found.published, datetime)
    assert found.published.utcoffset() == timedelta(hours=7)


def test_naive_time_on_unknown_site_gives_the_day() -> None:
    head = '<meta property="article:published_time" content="2016-02-16 09:10:56">'
    assert dates_of(page(head), url="https://example.com/x").published == date(2016, 2, 16)


def test_tree_is_not_changed() -> None:
    html = page(
        '<script type="application/ld+json">{"@type": "NewsArticle"}</script>',
        ARTICLE.format(byline='<div class="date">17 Mei 2021</div>', text=TEXT),
    )
    tree = LexborHTMLParser(html)
    before = tree.html
    find_page_dates(tree, url="https://example.com/a", crawled_at=None, lang="id")
    assert tree.html == before


def test_empty_and_odd_pages_give_nothing() -> None:
    for html in ("", "<html></html>", "<p>", "<script>{</script>", "\x00\x01"):
        assert find_page_dates(LexborHTMLParser(html), url=None, crawled_at=None) == PageDates()


def test_crawl_day_far_from_the_title_is_a_widget() -> None:
    # No header element or class marks the widget here; being the crawl day, far from the
    # title, is enough for it to lose.
    body = """<div class="wrap"><div class="a"><div class="b"><div class="c"><div class="d">
        <span>Jumat, 26 April 2024</span></div></div></div></div>
        <div class="x"><div class="y"><div class="z"><div class="w"><div class="v">
        <h1>Putuskan Huawei, Leica Sambut Xiaomi?</h1><p>Isi berita tanpa tanggal.</p>
        </div></div></div></div></div></div>"""
    assert dates_of(page(body=body), lang="id").published is None


def test_a_page_with_only_an_update_date_gives_it_for_both() -> None:
    body = """<h1>BeginnersGuide/Download</h1><p>Text.</p>
        <p id="pageinfo" class="info">Download (last edited 2019-11-10 13:28:18)</p>"""
    found = dates_of(page(body=body), lang="en")
    assert found.published == date(2019, 11, 10)
    assert found.modified == date(2019, 11, 10)


def test_update_and_publication_lines_in_german() -> None:
    byline = "<p>Letzte Änderung: 31.10.2023 - 14:49:39<br>Erschienen am: 01.11.2023</p>"
    found = dates_of(page(body=ARTICLE.format(byline=byline, text=TEXT)), lang="de")
    assert day(found.published) == date(2023, 11, 1)
    assert found.modified is None  # an "update" before publication is not kept


LONG_FILLER = "a{color:red}" * 300  # 3,600 characters of style or script: never read for dates


@pytest.mark.parametrize("tag", ["style", "script"])
def test_a_date_in_a_long_style_or_script_is_not_read(tag: str) -> None:
    html = page(
        body=f"<h1>Putuskan Huawei</h1><{tag}>/* 2019-01-01 */{LONG_FILLER}</{tag}><p>x</p>"
    )
    assert dates_of(html).published is None


def test_a_long_text_still_gives_its_date() -> None:
    long_text = "Posted 2021-03-03 " + "kata " * 500
    html = page(body=f"<h1>Putuskan Huawei</h1><style>{LONG_FILLER}</style><p>{long_text}</p>")
    assert day(dates_of(html).published) == date(2021, 3, 3)
