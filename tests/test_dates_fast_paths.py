"""The quick searches of the date finders find exactly what their plain regexes find."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from warta import lexicon
from warta.extract.dates import placement, zones
from warta.extract.dates.bounds import bounds_for
from warta.extract.dates.local import _metas_with_content
from warta.extract.dates.mention_words import WORD, mention_words
from warta.extract.dates.mentions import _starts
from warta.extract.dates.parse import YEAR_RE, _month_led, _month_word_finder
from warta.extract.dates.patterns import (
    DAY_LED,
    DAY_PLAIN,
    NUMBER_LED,
    OTHER_DIGIT,
    YEAR_LED,
    Patterns,
    ascii_digit_table,
    patterns,
)
from warta.extract.dates.placement import (
    CHROME_TOKENS,
    _label_hints,
    hint_regex,
    skip_regex,
)
from warta.extract.dates.short_numbers import (
    NUMBER_CHARS,
    number_marks,
    other_digits_possible,
    short_numbers,
)
from warta.extract.dates.structured import from_meta
from warta.extract.dates.vocab import MIN_FOREIGN_WORD, UNITS, vocab
from warta.extract.head import first_meta, read_head
from warta.extract.regex_case import ascii_lowered, fold, folder

# The plain forms the quick ones stand for.
PLAIN_YEAR = re.compile(
    r"(?:19|20)[0-9]{2}(?![0-9])|[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{2}(?![0-9])"
)
PLAIN_OTHER_DIGIT = re.compile(r"(?![0-9])\d")
LANGS = [None, "en", "de", "tr", "el", "ru", "fr", "id", "vi"]
ODD = ["ı", "İ", "ſ", "Σ", "ς", "σ", "\u0345", "K", "é", "٣", "1"]


def _month_words(lang: str | None) -> list[str]:
    return [*sorted(patterns(lang).month_firsts or ())[::7], "Kasım", "MAYIS", "ΜΑΪΟΥ", "März"]


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from([*"0123456789./- a", "٣"]), max_size=40))
def test_year_windows_regex_is_the_plain_one(text: str) -> None:
    assert [m.span() for m in YEAR_RE.finditer(text)] == [
        m.span() for m in PLAIN_YEAR.finditer(text)
    ]
    assert bool(OTHER_DIGIT.search(text)) == bool(PLAIN_OTHER_DIGIT.search(text))


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(LANGS),
    st.lists(
        st.one_of(
            st.sampled_from(["17", "5", "2021", "1999", " ", ", ", ".", "de ", "\n"]),
            st.sampled_from(ODD),
            st.text(st.sampled_from([*"aeikmnorsyAIKMS"]), max_size=4),
            st.sampled_from(_month_words("en") + _month_words(None)),
        ),
        max_size=14,
    ),
    st.sampled_from([str.lower, str.upper, str.title, lambda s: s]),
)
def test_month_led_search_is_the_plain_finditer(
    lang: str | None, parts: list[str], case: object
) -> None:
    text = case("".join(parts))  # type: ignore[operator]
    pats = patterns(lang)
    _assert_month_led_as_plain(text, pats)


def _spellings(name: str) -> list[str]:
    """A month's name as pages may print it, in cases the regex engine matches alike."""
    swaps = [("i", "ı"), ("ı", "I"), ("s", "ſ"), ("ι", "\u0345"), ("σ", "ς"), ("i", "İ")]
    forms = [name, name.upper(), name.title()]
    forms += [name.replace(a, b) for a, b in swaps if a in name]
    return forms


MONTHS = ["kasım", "ağustos", "mayıs", "σεπτεμβρίου", "ιουνίου", "march", "sept", "dezember"]


@pytest.mark.parametrize("name", MONTHS)
def test_month_led_search_reads_every_spelling_as_the_regex(name: str) -> None:
    pats = patterns(None)
    for spelling in _spellings(name):
        for text in (
            f"{spelling} 17, 2021",
            f"on {spelling} 5 1999.",
            f"x{spelling} 5 2001",
            f"17 {spelling} 2021",
            f"2021. {spelling} 17",
        ):
            _assert_month_led_as_plain(text, pats)


def _assert_month_led_as_plain(text: str, pats: Patterns) -> None:
    """Month-led dates found at month words only; none of the month patterns matches in a
    window without month words."""
    finder = _month_word_finder(text, pats)
    for lo, hi in ((0, len(text)), (3, max(3, len(text) - 2))):
        starts = finder(lo, hi)
        quick = [m.span() for m in _month_led(text, lo, hi, starts, pats.month_day_year)]
        assert quick == [m.span() for m in pats.month_day_year.finditer(text, lo, hi)], text
        if starts == []:
            for pattern in (pats.day_month_year, pats.year_month_day):
                assert pattern.search(text, lo, hi) is None, text


def _plain_starts(text: str, firsts: frozenset[str]) -> list[tuple[int, str]]:
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return [(m.start(), m[0]) for m in WORD.finditer(lowered) if m[0] in firsts]


_NAME_PARTS = st.one_of(
    st.sampled_from([" ", "-", "_", "3", "\n", ". ", *ODD]),
    st.text(st.sampled_from([*"aeikmnorsyAIKMS"]), max_size=4),
    st.sampled_from(["mai", "MAY", "März", "kasım", "Σεπτεμβρίου", "мая", "tháng", "jumat"]),
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(LANGS), st.lists(_NAME_PARTS, max_size=12))
def test_name_starts_of_any_text_are_the_plain_ones(lang: str | None, parts: list[str]) -> None:
    words = mention_words(lang)
    text = "".join(parts)
    assert _starts(text, words.firsts) == _plain_starts(
        text, words.month_firsts | words.weekday_firsts
    )


def _plain_numbers(text: str) -> list[int]:
    """One- or two-digit numbers that do not continue another (the plain reading)."""
    return [
        m.start()
        for m in re.finditer(r"[0-9]+", text)
        if len(m[0]) <= 2 and not (m.start() > 0 and text[m.start() - 1] in NUMBER_CHARS)
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        st.sampled_from([*"0123456789./:-, a(", "٣", "\n", "é", "’", "𝟎", "\ud800"]), max_size=30
    )
)
def test_short_numbers_are_the_plain_ones(text: str) -> None:
    assert short_numbers(number_marks(text)) == _plain_numbers(text)


_DIGITS_OF_SCRIPTS = ["٣", "۵", "७", "৫", "๓", "໒", "፫", "១", "᠕", "꧕", "７", "𝟎", "𑁧"]


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from([*"09 a.", "é", "’", "—", "中", "한", "😀", *_DIGITS_OF_SCRIPTS])))
def test_marks_rule_out_other_digits_only_where_there_are_none(text: str) -> None:
    if not other_digits_possible(number_marks(text)):
        assert OTHER_DIGIT.search(text) is None


def test_marks_see_every_other_digit() -> None:
    digits = [m[0] for m in OTHER_DIGIT.finditer("".join(map(chr, range(0x80, 0x30000))))]
    assert len(digits) > 500
    assert all(other_digits_possible(number_marks(f"a {d} b")) for d in digits)
    assert not other_digits_possible(number_marks("Jakarta, 16/5 — “kata” é 中文 ½ ² ①"))


@pytest.mark.parametrize("lang", LANGS)
def test_name_starts_are_the_plain_ones(lang: str | None) -> None:
    words = mention_words(lang)
    names = sorted(words.months)[:30] + sorted(words.weekdays)[:10]
    text = " ".join(names) + " x" + "-".join(n.upper() for n in names) + "_may 3may Mayor İ ı"
    expected = _plain_starts(text, words.month_firsts | words.weekday_firsts)
    assert _starts(text, words.firsts) == expected
    assert expected  # the text does name months


def test_ascii_folds_as_it_lowers() -> None:
    table = folder()
    assert table is not None
    for code in range(128):
        assert fold(chr(code), table) == chr(code).lower()
    assert fold("KASIM", table) == fold("kasım", table) == fold("kasım".upper(), table)
    assert fold("ſ", table) == "s"


PLAIN_LEADS = {
    YEAR_LED: r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})",
    DAY_LED: rf"(?<![0-9]){DAY_PLAIN}",
    NUMBER_LED: r"(?<![0-9])(?<![0-9][./-])(?P<a>[0-9]{1,2})",
}
DIGIT_LED = ("iso", "numeric", "day_month_year", "year_month_day", "cjk")


def _plain(pattern: re.Pattern[str]) -> re.Pattern[str]:
    text = pattern.pattern
    for led, plain in PLAIN_LEADS.items():
        text = text.replace(led, plain)
    assert text != pattern.pattern
    return re.compile(text, pattern.flags)


DATES = [
    "11999-01-01", "x2021-5-17", "2021/05/17", "12021年5月17日", "2021年5月17日", "45 May 2021",
    "5 May 2021", "31st May 2021", "131 May 2021", "41 mai 2021", "1.2.2021", "11.2.2021",
    "111.2.2021", "1.11.2.2021", "3-4-21", "13-04-21.5", "2021. május 17", "12021. május 17",
    "1999 May 5", "20210 May 5", "09.10.2019", "9/10/2019", "5 de mayo de 2021",
]  # fmt: skip


@pytest.mark.parametrize("text", DATES)
def test_digit_led_patterns_read_dates_as_the_plain_ones(text: str) -> None:
    _assert_digit_led_as_plain(None, text)
    _assert_digit_led_as_plain("en", "on " + text + ".")


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["en", "de", None]),
    st.lists(
        st.one_of(
            st.text(st.sampled_from([*"0123456789./- ", "年", "月", "日"]), max_size=8),
            st.sampled_from(["1999", "2021", "12", "31", "May", "mai", "st", ". ", "de "]),
            st.sampled_from(DATES),
        ),
        max_size=10,
    ),
)
def test_digit_led_patterns_match_as_the_plain_ones(lang: str | None, parts: list[str]) -> None:
    _assert_digit_led_as_plain(lang, "".join(parts))


def _assert_digit_led_as_plain(lang: str | None, text: str) -> None:
    pats = patterns(lang)
    for name in DIGIT_LED:
        quick, plain = getattr(pats, name), _plain(getattr(pats, name))
        for lo in (0, 2):
            assert [(m.span(), m.groupdict()) for m in quick.finditer(text, lo)] == [
                (m.span(), m.groupdict()) for m in plain.finditer(text, lo)
            ]


_LABEL_PARTS = st.one_of(
    st.sampled_from(
        [" ", "-", "_", "x", "post", "DATE", "Comment", "header", "site-footer", "nav"]
    ),
    st.sampled_from(["related", "Tanggal", "meta", "ähnlich", "ÄHNLICH", "menu", "top-bar", "nav"]),
    st.sampled_from(["ı", "İ", "ſ", "\u212a", "K", "é"]),  # letters the engine folds oddly
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(LANGS), st.lists(_LABEL_PARTS, max_size=8))
def test_label_hints_are_the_case_insensitive_searches(lang: str | None, parts: list[str]) -> None:
    label = "".join(parts)
    assert _label_hints(label, lang) == (
        hint_regex(lang).search(label) is not None,
        skip_regex(lang).search(label) is not None,
        CHROME_TOKENS.search(label) is not None,
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["date", "Time", "kommentar", "ähnlich", "дата", "ſeite", "\u212aey"])
    ),
    st.text(st.sampled_from([*"adeikmnorstyATEKS -", "ſ", "ı", "İ"]), max_size=20),
)
def test_ascii_lowered_words_match_as_ignoring_case(words: list[str], text: str) -> None:
    lowered = ascii_lowered(words)
    if not text.isascii() or lowered is None:
        return
    anywhere = re.compile("|".join(map(re.escape, words)) or "(?!x)x", re.IGNORECASE)
    found = any(word in text.lower() for word in lowered)
    assert found == (anywhere.search(text) is not None)


def test_ascii_lowered_gives_up_on_words_that_fold_into_ascii() -> None:
    assert ascii_lowered(["date", "ähnlich"]) == ("date",)
    assert ascii_lowered(["ſeite"]) is None
    assert ascii_lowered(["\u212aey"]) is None  # the Kelvin sign matches "k"


META_PAGES = [
    '<html><head><meta property="article:published_time" content="2021-05-17T10:00:00Z">'
    '<meta name="date" content="2020-01-01"><meta CONTENT="2019-02-02" NAME="pubdate">'
    "<meta name=description><meta content><title>x</title></head><body>"
    '<meta itemprop="datePublished" content="2018-03-03"></body></html>',
    '<html><head><meta name="date" content="2020-01-01"></head><body><p>x</p>'
    '<meta itemprop="datePublished" content="2018-03-03"><meta name=lastmod content=2022-1-1>',
    "<p>no head at all</p>",
]


@pytest.mark.parametrize("html", META_PAGES)
def test_meta_dates_from_the_heads_metas_are_the_queried_ones(html: str) -> None:
    tree = LexborHTMLParser(html)
    bounds = bounds_for(None)
    shared = from_meta(tree, bounds=bounds, zone=None, head_metas=read_head(tree).metas)
    assert shared == from_meta(tree, bounds=bounds, zone=None)


STRAY_META_PAGES = [
    *META_PAGES,
    '<meta content="2020-01-01T10:00:00+07:00" name=a><title>t</title><p>x</p>'
    '</body></html><meta content="2020-01-02" name=b><!-- c --><meta content=1 name=c>',
    '<html><head><noscript><meta content="2020-01-03"></noscript></head>'
    '<svg><meta content="2020-01-04"></svg><template><meta content="2020-01-05"></template>',
    '<html><head></head><frameset><meta content="2020-01-06"><frame></frameset></html>',
]


@pytest.mark.parametrize("html", STRAY_META_PAGES)
def test_metas_read_from_the_head_then_the_body_are_the_documents(html: str) -> None:
    tree = LexborHTMLParser(html)
    shared = list(_metas_with_content(tree, read_head(tree).metas))
    assert shared == [node.attributes for node in tree.css("meta[content]")]


def _plain_site_zone(url: str) -> str | None:
    """The zone name by the plain reading: every suffix of the table tried, longest first."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    for suffix, name in sorted(zones._table()["suffixes"].items(), key=lambda kv: -len(kv[0])):
        if host == suffix.lstrip(".") or host.endswith(
            suffix if suffix[0] == "." else "." + suffix
        ):
            return str(name)
    return None


def test_site_zones_are_the_plain_ones() -> None:
    suffixes = [s.lstrip(".") for s in zones._table()["suffixes"]]
    hosts = [h for s in suffixes for h in (s, f"www.{s}", f"x{s}", f"a.b.{s}.", s.upper())]
    hosts += ["", "localhost", "example.com", "news.co.uk", "id", "a..id", "example.org.id"]
    for host in hosts:
        zone = zones.site_zone(f"https://{host}/a") if host else zones.site_zone("file:///a")
        plain = _plain_site_zone(f"https://{host}/a" if host else "file:///a")
        assert (str(zone) if zone else None) == plain, host


def test_digit_table_is_every_decimal_digit_of_the_bmp() -> None:
    # The table is read from the runs' zeros; the plain way tests every character.
    plain = {
        code: ord("0") + unicodedata.decimal(chr(code))
        for code in range(0x80, 0x10000)
        if chr(code).isdecimal()
    }
    assert dict(ascii_digit_table()) == plain


RUSSIAN_TEXTS = [
    "Это случилось 5 августа, а не в авг. и не в апреле; вторник",
    "Собрание во вторник 3 мая",  # no stem of "август" or "апрель" at all
    "авгус август августа АВГУСТА Августовский",
    "",
]


@pytest.mark.parametrize("text", RUSSIAN_TEXTS)
def test_name_starts_skipping_extensions_are_the_plain_ones(text: str) -> None:
    # "август" is not searched for in a text without "авг": what is found is the same.
    words = mention_words("ru")
    assert words.firsts.other
    expected = _plain_starts(text, words.month_firsts | words.weekday_firsts)
    assert _starts(text, words.firsts) == expected


def _plain_numbered(code: str | None, key: str) -> list[tuple[str, int]]:
    """Own words first, then other languages' words that no other language contradicts."""
    own = lexicon.load(code, "dates") if code else {}
    table = {w: int(n) for n, ws in own.get(key, {}).items() for w in ws}
    foreign: dict[str, set[int]] = {}
    for other in lexicon.languages():
        if other != code:
            for n, ws in lexicon.load(other, "dates").get(key, {}).items():
                for w in ws:
                    foreign.setdefault(w, set()).add(int(n))
    for word, numbers in foreign.items():
        if word not in table and len(numbers) == 1:
            table[word] = next(iter(numbers))
    return list(table.items())


def _plain_units(code: str | None) -> list[tuple[str, str]]:
    def units(table: dict[str, Any]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = table.get("relative", {}).get("units", {})
        return found

    own = lexicon.load(code, "dates") if code else {}
    table = {w: u for u in UNITS for w in units(own).get(u, ())}
    foreign: dict[str, set[str]] = {}
    for other in lexicon.languages():
        if other != code:
            for unit in UNITS:
                for w in units(lexicon.load(other, "dates")).get(unit, ()):
                    foreign.setdefault(w, set()).add(unit)
    for word, found in foreign.items():
        if word not in table and len(found) == 1 and len(word) >= MIN_FOREIGN_WORD:
            table[word] = next(iter(found))
    return list(table.items())


@pytest.mark.parametrize("code", [None, *lexicon.languages()])
def test_vocabularies_hold_the_plain_merge_in_its_order(code: str | None) -> None:
    voc = vocab(code)
    assert list(voc.months.items()) == _plain_numbered(voc.lang, "months")
    assert list(voc.weekdays.items()) == _plain_numbered(voc.lang, "weekdays")
    assert list(voc.units.items()) == _plain_units(voc.lang)


def test_codes_of_one_lexicon_share_its_vocabulary_and_patterns() -> None:
    assert vocab("en-US") is vocab("en") is vocab("EN_gb")
    assert patterns("en-US") is patterns("en")
    assert mention_words("en-US") is mention_words("en")
    assert vocab("xx") is vocab(None) and patterns("xx") is patterns(None)


_FIXTURE_PAGES = sorted((Path(__file__).parent / "fixtures").glob("**/*.html"))


@pytest.mark.parametrize("path", _FIXTURE_PAGES, ids=lambda p: p.parent.name + "/" + p.name)
def test_titles_from_the_read_head_are_the_placement_s_own(path: Path) -> None:
    # The date placement matches headings against the page's og:title and <title>; given them
    # as metadata read them, it must match against what its own queries of <head> find.
    tree = LexborHTMLParser(path.read_bytes())
    head = read_head(tree)
    in_head = tree.head is not None and tree.head.css_first("title") is not None
    if in_head or head.title is None:
        read = placement.page_titles(first_meta(head, "og:title"), head.title)
        assert read == placement._page_titles(tree)


def test_a_title_outside_the_head_is_matched_too() -> None:
    # An archive's toolbar before <title> makes the parser put the title in the body: the
    # title reader takes it from there, and so does the placement when given the read head.
    page = "<div>toolbar</div><title>A headline long enough</title><h1>A headline long enough</h1>"
    tree = LexborHTMLParser(page)
    head = read_head(tree)
    assert placement._page_titles(tree) == []
    read = placement.page_titles(first_meta(head, "og:title"), head.title)
    assert read == ["aheadlinelongenough"]
    node = placement.find_title(tree, read)
    assert node is not None and node.tag == "h1"
