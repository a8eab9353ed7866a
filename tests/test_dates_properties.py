"""Properties: the date finders never raise and never return an impossible date."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from warta.extract.dates import find_date_mentions, find_page_dates, parse_date_text

EARLIEST = date(1990, 1, 1)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that look like dates, to make random text likely to hit the parsers' paths.
DATEISH = st.sampled_from(
    [
        "17 Mei 2021", "Kamis, 05/11/2015 10:08 WIB", "2016-02-23T14:39:42+07:00", "May 17, 2021",
        "17.05.2021", "31/02/2020", "2099-01-01", "1989-12-31", "3 hours ago", "kemarin",
        "vor 2 Stunden", "2 jam yang lalu", "(16/5)", "Selasa (16/2/2016)", "2021年5月17日",
        "24 Juli 2026 | 11.32 WIB", "0000-00-00", "9999-99-99T99:99:99Z", "Senin", "12:30 PM EST",
        "20210517", "1621234567", "99999 days ago", "Jumat, April 26, 2024", "١٧ مايو ٢٠٢١",
    ]
)  # fmt: skip
TEXT = st.lists(st.one_of(DATEISH, st.text(max_size=30)), max_size=8).map(" ".join)
CRAWL = st.one_of(
    st.none(),
    st.datetimes(
        min_value=datetime(1985, 1, 1),
        max_value=datetime(2100, 1, 1),
        timezones=st.sampled_from(
            [None, UTC, timezone(timedelta(hours=7)), timezone(-timedelta(hours=11))]
        ),
    ),
)
TAGS = st.sampled_from(
    ["div", "p", "span", "time", "article", "header", "footer", "aside", "h1", "script", "meta"]
)
ATTRS = st.sampled_from(
    [
        "", ' class="date"', ' class="comments"', ' datetime="2021-05-17"',
        ' itemprop="datePublished"',
        ' property="article:published_time" content="2021-05-17T10:00:00Z"', ' pubdate',
        ' type="application/ld+json"', ' class="site-header"', ' datetime="2099-12-31"',
    ]
)  # fmt: skip


@st.composite
def markup(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 12))):
        tag, attrs = draw(TAGS), draw(ATTRS)
        inner = draw(
            st.one_of(TEXT, st.just('{"@type": "NewsArticle", "datePublished": "2021-05-17"}'))
        )
        parts.append(f"<{tag}{attrs}>{inner}" + (f"</{tag}>" if draw(st.booleans()) else ""))
    return "".join(parts)


def within(value: date | datetime | None, crawled_at: datetime | None) -> bool:
    if value is None:
        return True
    moment = crawled_at or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    latest = moment + timedelta(days=1)
    if isinstance(value, datetime):
        if value.date() < EARLIEST:
            return False
        return value <= latest if value.tzinfo else value.date() <= latest.date()
    return EARLIEST <= value <= latest.date()


@SETTINGS
@given(text=TEXT, lang=st.sampled_from([None, "id", "en", "de", "ja", "xx"]), crawled_at=CRAWL)
def test_parse_date_text_never_raises_and_stays_in_bounds(
    text: str, lang: str | None, crawled_at: datetime | None
) -> None:
    assert within(parse_date_text(text, lang=lang, crawled_at=crawled_at), crawled_at)


@SETTINGS
@given(
    html=markup(), crawled_at=CRAWL, url=st.sampled_from([None, "https://x.id/2021/05/17/a", "::"])
)
def test_find_page_dates_never_raises_and_stays_in_bounds(
    html: str, crawled_at: datetime | None, url: str | None
) -> None:
    found = find_page_dates(LexborHTMLParser(html), url=url, crawled_at=crawled_at, lang="id")
    assert within(found.published, crawled_at)
    assert within(found.modified, crawled_at)


@SETTINGS
@given(text=TEXT, published=st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2090, 1, 1))))
def test_find_date_mentions_never_raises_and_spans_fit(text: str, published: date | None) -> None:
    for mention in find_date_mentions(text, published=published, lang="id"):
        start, end = mention.span
        assert 0 <= start < end <= len(text)
        assert text[start:end] == mention.text
