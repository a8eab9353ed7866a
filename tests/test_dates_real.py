"""find_page_dates on real pages (tests/fixtures/dates, see SOURCE.md) against human annotations."""

from __future__ import annotations

import gzip
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from warta.extract.dates import find_date_mentions, find_page_dates
from warta.html.decode import decode
from warta.html.parse import parse_html

FIXTURES = Path(__file__).parent / "fixtures"
WIB = timezone(timedelta(hours=7))
MYT = timezone(timedelta(hours=8))

CASES = [
    (
        "detik.com-singlepage.html.gz",
        "http://inet.detik.com/read/2015/11/05/100026/3062623/323/google-umbar-kelemahan-galaxy-s6-edge",
        "id",
        datetime(2015, 11, 5, 10, 8, 58, tzinfo=WIB),
    ),
    (
        "antaranews.com-singlepage4.html.gz",
        "http://otomotif.antaranews.com/berita/546646/prototype",
        "id",
        datetime(2016, 2, 23, 15, 6, tzinfo=WIB),
    ),
    (
        "en.tempo.co-singlepage.html.gz",
        "http://en.tempo.co/read/news/2015/11/04/055715684,uk.html/Indonesia-can-Learn-from-Finlands-Peatland-Fire-Case-Pratikno",
        "en",
        datetime(2015, 11, 4, 7, 28, tzinfo=WIB),
    ),
    (
        "malaymail.com-2024-11-22.html.gz",
        "https://www.malaymail.com/news/malaysia/2024/11/22/all-paid-their-own-way-on-pm-anwars-foreign-trips-fahmi-clarifies/157698",
        "en",
        datetime(2024, 11, 22, 16, 55, 35, tzinfo=MYT),
    ),
    (
        "hobby-werkstatt-blog.de-roomba.html.gz",
        "http://www.hobby-werkstatt-blog.de/arduino/424-eine-arduino-virtual-wall-fuer-den-irobot-roomba.php",
        "de",
        date(2015, 12, 14),
    ),
    (
        "bumsbutzener-gumpfen.blogspot.com-tach-auch.html.gz",
        "https://bumsbutzener-gumpfen.blogspot.com/2020/04/tach-auch.html",
        "de",
        date(2020, 4, 28),
    ),
    (
        "nypost.com-gop.html.gz",
        "https://nypost.com/2023/11/08/news/nikki-haley-rips-vivek-ramaswamy-as-scum-in-fiery-exchange-after-gop-hopeful-calls-out-her-daughters-tiktok-use/",
        "en",
        date(2023, 11, 8),
    ),
]  # fmt: skip


def _tree(name: str):  # type: ignore[no-untyped-def]
    text, _ = decode(gzip.decompress((FIXTURES / "dates" / name).read_bytes()))
    return parse_html(text)


@pytest.mark.parametrize(("name", "url", "lang", "expected"), CASES)
def test_real_page(name: str, url: str, lang: str, expected: date | datetime) -> None:
    found = find_page_dates(_tree(name), url=url, crawled_at=None, lang=lang)
    assert found.published is not None
    if isinstance(expected, datetime):
        assert found.published == expected
        assert found.published.utcoffset() == expected.utcoffset()
    else:
        day = found.published
        assert (day.date() if isinstance(day, datetime) else day) == expected


def test_seed_page_widget_and_mention() -> None:
    """The project's seed page: the header's "today" widget must lose to the metadata."""
    html = (FIXTURES / "seed" / "page.html").read_text(encoding="utf-8")
    crawled = datetime(2024, 4, 26, 8, 0, tzinfo=WIB)
    found = find_page_dates(
        parse_html(html), url="https://www.techbiz.id/putuskan-huawei-leica-sambut-xiaomi/",
        crawled_at=crawled, lang="id",
    )  # fmt: skip
    assert found.published == datetime(2021, 5, 17, 9, 30, tzinfo=WIB)
    assert found.source == "meta"
    text = "Laporan tersebut juga menyebutkan, seperti dilansir dari Gizmochina (16/5)."
    mentions = find_date_mentions(text, published=found.published, lang="id")
    assert [(m.text, m.date) for m in mentions] == [("(16/5)", date(2021, 5, 16))]


def test_seed_page_without_metadata_still_ignores_the_widget() -> None:
    html = (FIXTURES / "seed" / "page.html").read_text(encoding="utf-8")
    for key in ("published", "modified"):
        start = html.index(f'<meta property="article:{key}_time"')
        html = html[:start] + html[html.index(">", start) + 1 :]
    found = find_page_dates(
        parse_html(html), url="https://www.techbiz.id/putuskan-huawei-leica-sambut-xiaomi/",
        crawled_at=datetime(2024, 4, 26, 8, 0, tzinfo=WIB), lang="id",
    )  # fmt: skip
    assert found.published == datetime(2021, 5, 17, 9, 30, tzinfo=WIB)
    assert found.source == "time-element"
