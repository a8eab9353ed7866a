"""find_date_mentions: day/month references in the body, resolved against the publication date."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warta.extract.dates import find_date_mentions
from warta.extract.dates.mentions import whole_word_starts

SEED_SENTENCE = (
    "Laporan tersebut juga menyebutkan bahwa tidak akan ada pihak yang memperbaruinya, "
    "seperti dilansir dari Gizmochina (16/5). Sepertinya Huawei P50 akan menjadi titik terakhir."
)


def test_seed_page_day_month_reference() -> None:
    mentions = find_date_mentions(SEED_SENTENCE, published=date(2021, 5, 17), lang="id")
    assert [(m.text, m.date) for m in mentions] == [("(16/5)", date(2021, 5, 16))]
    start, end = mentions[0].span
    assert SEED_SENTENCE[start:end] == "(16/5)"


def test_published_datetime_is_accepted() -> None:
    published = datetime(2021, 5, 17, 9, 0, tzinfo=timezone(timedelta(hours=7)))
    mentions = find_date_mentions(SEED_SENTENCE, published=published, lang="id")
    assert [m.date for m in mentions] == [date(2021, 5, 16)]


def test_last_year_for_december_in_january() -> None:
    text = "Kebakaran terjadi pada Rabu (28/12) malam."
    mentions = find_date_mentions(text, published=date(2017, 1, 3), lang="id")
    assert [(m.text, m.date) for m in mentions] == [("Rabu (28/12)", date(2016, 12, 28))]


def test_weekday_with_full_date() -> None:
    text = "Presiden bertemu mereka Selasa (16/2/2016) di Istana."
    mentions = find_date_mentions(text, published=date(2016, 2, 17), lang="id")
    assert [(m.text, m.date) for m in mentions] == [("Selasa (16/2/2016)", date(2016, 2, 16))]
    start, end = mentions[0].span
    assert text[start:end] == "Selasa (16/2/2016)"


@pytest.mark.parametrize(
    ("text", "lang", "published", "expected"),
    [
        ("Acara digelar pada 16 Mei di Jakarta.", "id", date(2021, 5, 20), date(2021, 5, 16)),
        ("The deal was signed on May 16 in Paris.", "en", date(2021, 5, 20), date(2021, 5, 16)),
        ("Das Treffen fand am 16. Mai statt.", "de", date(2021, 5, 20), date(2021, 5, 16)),
        ("La réunion a eu lieu le 16 mai.", "fr", date(2021, 5, 20), date(2021, 5, 16)),
        ("El acuerdo se firmó el 16 de mayo.", "es", date(2021, 5, 20), date(2021, 5, 16)),
        ("Perjanjian ditandatangani pada 28 Disember.", "ms", date(2021, 1, 4), date(2020, 12, 28)),
    ],
)
def test_day_and_month_names(text: str, lang: str, published: date, expected: date) -> None:
    assert [m.date for m in find_date_mentions(text, published=published, lang=lang)] == [expected]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("The minister said on Monday that talks would go on.", "en", date(2021, 5, 17)),
        ("Menteri mengatakan pada Senin bahwa perundingan berlanjut.", "id", date(2021, 5, 17)),
        ("Der Minister sagte am Montag, die Gespräche gingen weiter.", "de", date(2021, 5, 17)),
        ("On Thursday the board met.", "en", date(2021, 5, 13)),
        ("The report came out on Wednesday.", "en", date(2021, 5, 19)),
    ],
)
def test_weekdays_resolve_to_the_last_such_day(text: str, lang: str, expected: date) -> None:
    # Published on Wednesday 19 May 2021.
    mentions = find_date_mentions(text, published=date(2021, 5, 19), lang=lang)
    assert [m.date for m in mentions] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Persija menang 3/0 atas Persib.",  # a score
        "Sekitar 2/3 warga setuju.",  # a fraction without parentheses
        "Rapat dimulai pukul 16.30 WIB dan selesai 18:45.",  # times
        "Harga naik (2/3) dari tahun lalu.",  # a fraction far from publication
        "They may 16 times ask.",  # "may" is not a month here
        "Versi 1.2.3 dirilis.",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_date_mentions(text, published=date(2021, 5, 17), lang="id") == ()


def test_without_publication_date_only_full_dates() -> None:
    text = "Dilansir (16/5), rapat pada 17 Mei 2021 dan Senin lalu."
    mentions = find_date_mentions(text, published=None, lang="id")
    assert [(m.text, m.date) for m in mentions] == [("17 Mei 2021", date(2021, 5, 17))]


def test_spans_point_into_the_text() -> None:
    text = "Sejak 1 Mei hingga (16/5), juga pada Jumat (14/5/2021) dan 20 Mei 2021."
    mentions = find_date_mentions(text, published=date(2021, 5, 17), lang="id")
    assert len(mentions) == 4
    for mention in mentions:
        assert text[mention.span[0] : mention.span[1]] == mention.text
    assert [m.span for m in mentions] == sorted(m.span for m in mentions)


def test_never_raises_on_odd_input() -> None:
    for text in ("", "(", "(99/99)", "(0/0)", "31/2", "(31/2)", "\x00", "٣١/١٢"):
        assert isinstance(find_date_mentions(text, published=date(2021, 5, 17)), tuple)


def test_a_language_s_patterns_are_built_once_and_kept() -> None:
    from warta.extract.dates.mention_words import mention_words

    words = mention_words("id")
    first = words.day_month
    assert words.compiled["day_month"] is first is words.day_month
    assert first.match("16 Mei") is not None


# Letters, digits of several scripts, "_", marks and spaces: every kind of edge.
_EDGE_CHARS = st.sampled_from([*"maiyMAY_ 0.é²٣ⅷ-\u0301", "ı", "ß"])


@given(st.text(_EDGE_CHARS, max_size=30), st.text(st.sampled_from("maiy"), min_size=1, max_size=3))
def test_whole_words_are_where_the_regex_finds_them(text: str, word: str) -> None:
    literal = re.escape(word)
    regex = re.compile(rf"{literal}(?<![^\W\d_]{literal})(?![^\W\d_])")
    assert whole_word_starts(text, word) == [m.start() for m in regex.finditer(text)]


def test_whole_words_examples() -> None:
    assert whole_word_starts("mei, mei2 meii mei_ _mei 5mei", "mei") == [0, 5, 15, 21, 26]
    assert whole_word_starts("meimei mei", "mei") == [7]
