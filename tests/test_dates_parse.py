"""parse_date_text: printed dates in many languages, times and zones, relative dates, bounds."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from warta.extract.dates import parse_date_text

WIB = timezone(timedelta(hours=7))
CRAWL = datetime(2024, 4, 26, 10, 0, tzinfo=WIB)

# (text, lang, expected day) — absolute dates, no crawl time needed.
DAYS = [
    # Indonesian
    ("24 Juli 2023 | 11.32 WIB", "id", date(2023, 7, 24)),
    ("Kamis, 05/11/2015 10:08 WIB", "id", date(2015, 11, 5)),
    ("Selasa, 23 Feb 2016 14:39 WIB", "id", date(2016, 2, 23)),
    ("Jumat, 17 Agustus 2018", "id", date(2018, 8, 17)),
    ("Jum'at, 3 Ags 2018", "id", date(2018, 8, 3)),
    ("Rabu, 14 Okt 2020", "id", date(2020, 10, 14)),
    ("2 Nop 2019", "id", date(2019, 11, 2)),
    ("1 Des 2021 08:00", "id", date(2021, 12, 1)),
    ("Senin, 16 Peb 2015", "id", date(2015, 2, 16)),
    ("12 Mei 2021", "id", date(2021, 5, 12)),
    ("Ahad, 3 Juni 2018", "id", date(2018, 6, 3)),
    ("Diterbitkan 17 Mei 2021, 09:00", "id", date(2021, 5, 17)),
    # Malay
    ("Isnin, 9 Mac 2020", "ms", date(2020, 3, 9)),
    ("Khamis, 22 Ogos 2019", "ms", date(2019, 8, 22)),
    ("Jumaat, 4 Julai 2014", "ms", date(2014, 7, 4)),
    ("Ahad, 1 Disember 2019", "ms", date(2019, 12, 1)),
    ("Sabtu, 13 Jun 2020", "ms", date(2020, 6, 13)),
    # English
    ("May 17, 2021", "en", date(2021, 5, 17)),
    ("Published on 3 March 2020", "en", date(2020, 3, 3)),
    ("Feb. 3, 2020 at 5:30 pm", "en", date(2020, 2, 3)),
    ("Tuesday 1st September 2020", "en", date(2020, 9, 1)),
    ("05/11/2015", "en", date(2015, 5, 11)),
    ("Updated: Sept. 21, 2019", "en", date(2019, 9, 21)),
    ("2021-05-17", "en", date(2021, 5, 17)),
    # German
    ("17.05.2021", "de", date(2021, 5, 17)),
    ("17. Mai 2021", "de", date(2021, 5, 17)),
    ("Veröffentlicht am 3. März 2020, 14:15 Uhr", "de", date(2020, 3, 3)),
    ("12. Jänner 2019", "de", date(2019, 1, 12)),
    ("23.09.22", "de", date(2022, 9, 23)),
    # French
    ("17 mai 2021", "fr", date(2021, 5, 17)),
    ("le 1er août 2019 à 10h30", "fr", date(2019, 8, 1)),
    ("Publié le 25 déc. 2018", "fr", date(2018, 12, 25)),
    # Spanish
    ("17 de mayo de 2021", "es", date(2021, 5, 17)),
    ("3 de septiembre del 2019", "es", date(2019, 9, 3)),
    ("Publicado el 10 ene 2020", "es", date(2020, 1, 10)),
    # Portuguese
    ("17 de maio de 2021", "pt", date(2021, 5, 17)),
    ("2 de março de 2020", "pt", date(2020, 3, 2)),
    # Italian
    ("17 maggio 2021", "it", date(2021, 5, 17)),
    ("3 dicembre 2019", "it", date(2019, 12, 3)),
    # Dutch
    ("17 mei 2021", "nl", date(2021, 5, 17)),
    ("3 maart 2020", "nl", date(2020, 3, 3)),
    # Polish
    ("17 maja 2021", "pl", date(2021, 5, 17)),
    ("3 października 2019", "pl", date(2019, 10, 3)),
    # Swedish, Danish, Norwegian, Finnish
    ("17 maj 2021", "sv", date(2021, 5, 17)),
    ("3 marts 2020", "da", date(2020, 3, 3)),
    ("1. desember 2019", "no", date(2019, 12, 1)),
    ("17. toukokuuta 2021", "fi", date(2021, 5, 17)),
    # Turkish
    ("17 Mayıs 2021", "tr", date(2021, 5, 17)),
    ("3 Ağustos 2020", "tr", date(2020, 8, 3)),
    # Russian, Ukrainian
    ("17 мая 2021 г.", "ru", date(2021, 5, 17)),
    ("3 сентября 2020", "ru", date(2020, 9, 3)),
    ("17 травня 2021", "uk", date(2021, 5, 17)),
    ("1 листопада 2019", "uk", date(2019, 11, 1)),
    # Czech, Slovak, Hungarian, Romanian, Greek
    ("17. května 2021", "cs", date(2021, 5, 17)),
    ("3. července 2020", "cs", date(2020, 7, 3)),
    ("17. mája 2021", "sk", date(2021, 5, 17)),
    ("2021. május 17.", "hu", date(2021, 5, 17)),
    ("17 mai 2021", "ro", date(2021, 5, 17)),
    ("17 Μαΐου 2021", "el", date(2021, 5, 17)),
    # Vietnamese
    ("ngày 17 tháng 5 năm 2021", "vi", date(2021, 5, 17)),
    ("17/05/2021", "vi", date(2021, 5, 17)),
    # Japanese, Chinese, Korean
    ("2021年5月17日", "ja", date(2021, 5, 17)),
    ("2021年05月17日 10:00", "zh", date(2021, 5, 17)),
    ("2021년 5월 17일", "ko", date(2021, 5, 17)),
    # Arabic, Hindi, Catalan
    ("17 مايو 2021", "ar", date(2021, 5, 17)),
    ("١٧ مايو ٢٠٢١", "ar", date(2021, 5, 17)),
    ("17 मई 2021", "hi", date(2021, 5, 17)),
    ("17 de maig de 2021", "ca", date(2021, 5, 17)),
    # No language given: every language's words
    ("17 Mei 2021", None, date(2021, 5, 17)),
    ("17. Mai 2021", None, date(2021, 5, 17)),
    ("2016-02-23T14:39:42+07:00", None, date(2016, 2, 23)),
]


def _day(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


@pytest.mark.parametrize(("text", "lang", "expected"), DAYS)
def test_printed_dates(text: str, lang: str | None, expected: date) -> None:
    assert _day(parse_date_text(text, lang=lang)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kamis, 05/11/2015 10:08 WIB", datetime(2015, 11, 5, 10, 8, tzinfo=WIB)),
        ("24 Juli 2023 | 11.32 WIB", datetime(2023, 7, 24, 11, 32, tzinfo=WIB)),
        (
            "16 Feb 2016 at 09:10 WITA",
            datetime(2016, 2, 16, 9, 10, tzinfo=timezone(timedelta(hours=8))),
        ),
        ("1 Jan 2020 12:00 WIT", datetime(2020, 1, 1, 12, 0, tzinfo=timezone(timedelta(hours=9)))),
        ("3 Mac 2020 10:00 MYT", datetime(2020, 3, 3, 10, 0, tzinfo=timezone(timedelta(hours=8)))),
        ("2016-02-23T14:39:42+07:00", datetime(2016, 2, 23, 14, 39, 42, tzinfo=WIB)),
        ("Mon, 17 May 2021 10:00:00 +0000", datetime(2021, 5, 17, 10, 0, tzinfo=UTC)),
        (
            "May 17, 2021 3:30 PM EDT",
            datetime(2021, 5, 17, 15, 30, tzinfo=timezone(-timedelta(hours=4))),
        ),
        (
            "17.05.2021, 14:15 Uhr CEST",
            datetime(2021, 5, 17, 14, 15, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("10:08 WIB, Kamis 05/11/2015", datetime(2015, 11, 5, 10, 8, tzinfo=WIB)),
        ("17 May 2021 10:00 GMT+7", datetime(2021, 5, 17, 10, 0, tzinfo=WIB)),
    ],
)
def test_times_with_zones_give_aware_datetimes(text: str, expected: datetime) -> None:
    value = parse_date_text(text)
    assert isinstance(value, datetime)
    assert value == expected
    assert value.utcoffset() == expected.utcoffset()


def test_time_without_zone_gives_the_day_only() -> None:
    assert parse_date_text("17 May 2021 10:00", lang="en") == date(2021, 5, 17)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("2 jam yang lalu", "id", CRAWL - timedelta(hours=2)),
        ("5 menit lalu", "id", CRAWL - timedelta(minutes=5)),
        ("3 hours ago", "en", CRAWL - timedelta(hours=3)),
        ("Published 3 hours ago", "en", CRAWL - timedelta(hours=3)),
        ("an hour ago", "en", CRAWL - timedelta(hours=1)),
        ("vor 2 Stunden", "de", CRAWL - timedelta(hours=2)),
        ("vor einer Stunde", "de", CRAWL - timedelta(hours=1)),
        ("il y a 3 heures", "fr", CRAWL - timedelta(hours=3)),
        ("hace 2 horas", "es", CRAWL - timedelta(hours=2)),
        ("há 4 horas", "pt", CRAWL - timedelta(hours=4)),
        ("2 ore fa", "it", CRAWL - timedelta(hours=2)),
        ("2 uur geleden", "nl", CRAWL - timedelta(hours=2)),
        ("2 godziny temu", "pl", CRAWL - timedelta(hours=2)),
        ("2 часа назад", "ru", CRAWL - timedelta(hours=2)),
        ("2 saat önce", "tr", CRAWL - timedelta(hours=2)),
        ("2 giờ trước", "vi", CRAWL - timedelta(hours=2)),
        ("2時間前", "ja", CRAWL - timedelta(hours=2)),
        ("2小时前", "zh", CRAWL - timedelta(hours=2)),
    ],
)
def test_relative_times(text: str, lang: str, expected: datetime) -> None:
    assert parse_date_text(text, lang=lang, crawled_at=CRAWL) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("kemarin", "id", date(2024, 4, 25)),
        ("yesterday", "en", date(2024, 4, 25)),
        ("gestern, 10:00", "de", date(2024, 4, 25)),
        ("hier", "fr", date(2024, 4, 25)),
        ("ayer", "es", date(2024, 4, 25)),
        ("3 hari yang lalu", "id", date(2024, 4, 23)),
        ("vor 3 Tagen", "de", date(2024, 4, 23)),
        ("2 minggu lalu", "id", date(2024, 4, 12)),
        ("2 months ago", "en", date(2024, 2, 26)),
        ("1 tahun yang lalu", "id", date(2023, 4, 26)),
        ("hari ini", "id", date(2024, 4, 26)),
    ],
)
def test_relative_days(text: str, lang: str, expected: date) -> None:
    assert parse_date_text(text, lang=lang, crawled_at=CRAWL) == expected


def test_relative_dates_need_a_crawl_time() -> None:
    assert parse_date_text("2 jam yang lalu", lang="id") is None
    assert parse_date_text("yesterday", lang="en") is None


def test_naive_crawl_time_gives_days_for_hours() -> None:
    naive = datetime(2024, 4, 26, 10, 0)
    assert parse_date_text("3 hours ago", lang="en", crawled_at=naive) == date(2024, 4, 26)


@pytest.mark.parametrize(
    "text",
    [
        "24 Juli 2026 | 11.32 WIB",  # after the crawl
        "12 March 1989",  # before 1990
        "31/02/2020",  # no such day
        "Score 3/0, 1.2.3 and version 2.0",
        "",
        "no date here at all",
        "Copyright 2021",
    ],
)
def test_impossible_or_absent_dates_give_none(text: str) -> None:
    assert parse_date_text(text, crawled_at=CRAWL) is None


def test_future_dates_are_bounded_by_now_without_crawl_time() -> None:
    next_year = datetime.now(UTC).year + 2
    assert parse_date_text(f"17 May {next_year}", lang="en") is None


def test_weekday_settles_day_and_month_order() -> None:
    # 05/11/2015 was a Thursday (Kamis) read day first, a Monday read month first.
    assert parse_date_text("Thursday, 05/11/2015", lang="en") == date(2015, 11, 5)
    assert parse_date_text("Monday, 05/11/2015", lang="en") == date(2015, 5, 11)


def test_dotted_numeric_dates_are_day_first_even_in_english() -> None:
    assert parse_date_text("02.12.2019", lang="en") == date(2019, 12, 2)


def test_first_date_wins() -> None:
    text = "Diterbitkan 17 Mei 2021, diperbarui 18 Mei 2021"
    assert parse_date_text(text, lang="id") == date(2021, 5, 17)
