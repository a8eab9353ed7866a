"""read_metadata on real pages against their human annotations (see fixtures/metadata/SOURCE.md)."""

from __future__ import annotations

import gzip
from datetime import date, datetime
from pathlib import Path

import pytest

from warta.extract.metadata import PageMetadata, read_metadata
from warta.html import decode, parse_html

FIXTURES = Path(__file__).parent / "fixtures" / "metadata"

# id, url, title, date, authors, site name (None: not annotated or not asserted)
PAGES = [
    (
        "kompas.com-anpandu-kompas-singlepage5",
        "http://otomotif.kompas.com/read/2016/02/23/165200515/Merek.China.Serbu.Indonesia.Ini.Kata.Gaikindo",
        "Merek China “Serbu” Indonesia, Ini Kata Gaikindo",
        "2016-02-23",
        ("Aditya Maulana",),
        "Kompas.com",
    ),
    (
        "liputan6.com-anpandu-liputan6-singlepage",
        "http://tekno.liputan6.com/read/2436773/tri-indonesia-broadband-dorong-ekosistem-digital-dalam-negeri",
        "Tri Indonesia: Broadband Dorong Ekosistem Digital Dalam Negeri",
        "2016-02-16",
        ("Corry Anestia",),
        "Liputan6.com",
    ),
    (
        "antaranews.com-anpandu-antara-singlepage3",
        "http://www.antaranews.com/berita/546640/bantu-pulihkan-perdamaian-dunia-turki-selenggarakan-kontes-film-pendek-internasional",
        "Bantu pulihkan perdamaian dunia, Turki selenggarakan kontes film pendek internasional",
        "2016-02-23",
        ("prwir",),
        None,
    ),
    (
        "detik.com-anpandu-detik-singlepage",
        "http://inet.detik.com/read/2015/11/05/100026/3062623/323/google-umbar-kelemahan-galaxy-s6-edge",
        "Google Umbar Kelemahan Galaxy S6 Edge",
        "2015-11-05",
        ("Fino Yurio Kristo",),
        None,
    ),
    (
        "malaymail.com-anwar-trips",
        "https://www.malaymail.com/news/malaysia/2024/11/22/all-paid-their-own-way-on-pm-anwars-foreign-trips-fahmi-clarifies/157698",
        "All paid their own way on PM Anwar’s foreign trips, Fahmi clarifies",
        "2024-11-22",
        ("Yiswaree Palansamy",),
        "Malay Mail",
    ),
    (
        "5c492cb634004d54",
        "https://www.zeit.de/2019/43/klimaschutz-banken-unternehmen-fracking-oelfoerderung-fossile-brennstoffe",
        "Bohren, bis es heiß wird",
        None,
        ("Heike Buchter",),
        None,
    ),
    (
        "3793fbb6b724605f",
        "https://www.reuters.com/article/us-awards-sag/parasite-scores-upset-at-sag-awards-boosting-oscar-chances-idUSKBN1ZI0EH",
        "'Parasite' scores historic upset at SAG awards, boosting Oscar chances",
        "2020-01-19",
        ("Jill Serjeant",),
        None,
    ),
    (
        "1eb5fd68d9c17472",
        "https://www.sciencesetavenir.fr/sante/covid-19-et-infox-comment-une-rumeur-devient-realite_147359",
        "Covid-19 et infox : comment une rumeur devient réalité",
        "2020-09-14",
        ("Nicolas Gutierrez C.",),
        None,
    ),
]


def _read(page_id: str, url: str) -> PageMetadata:
    raw = gzip.decompress((FIXTURES / f"{page_id}.html.gz").read_bytes())
    return read_metadata(parse_html(decode(raw)[0]), url=url, crawled_at=None)


@pytest.mark.parametrize(("page_id", "url", "title", "day", "authors", "site"), PAGES)
def test_page_metadata_matches_annotation(
    page_id: str,
    url: str,
    title: str,
    day: str | None,
    authors: tuple[str, ...],
    site: str | None,
) -> None:
    meta = _read(page_id, url)
    assert " ".join((meta.title or "").split()).casefold() == " ".join(title.split()).casefold()
    assert meta.authors == authors
    if day:
        published = meta.published
        assert isinstance(published, date)
        assert published.isoformat()[:10] == day
    if site:
        assert (meta.site_name or "").casefold() == site.casefold()


def test_page_metadata_fields_are_clean() -> None:
    meta = _read(*PAGES[4][:2])  # Malay Mail: JSON-LD, og and article meta tags
    assert meta.url == PAGES[4][1]
    assert meta.declared_lang == "en"
    assert meta.categories == ("Malaysia",)
    assert meta.tags == ("anwar ibrahim", "fahmi fadzil")
    assert meta.image and meta.image.startswith("https://www.malaymail.com/")
    assert meta.description and meta.description.startswith("PUTRAJAYA, Nov 22")
    assert isinstance(meta.published, datetime)


def test_site_name_prefers_a_name_that_matches_the_domain() -> None:
    meta = _read(*PAGES[6][:2])  # reuters.com, whose og:site_name is the edition, "U.S."
    assert meta.site_name == "Reuters"


def test_read_metadata_does_not_change_the_tree() -> None:
    raw = gzip.decompress((FIXTURES / f"{PAGES[0][0]}.html.gz").read_bytes())
    tree = parse_html(decode(raw)[0])
    before = tree.html
    read_metadata(tree, url=PAGES[0][1], crawled_at=None)
    assert tree.html == before
