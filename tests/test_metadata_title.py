"""Headline choice: site-name affixes removed, h1 and declared titles reconciled."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from warta.extract.outlets import name_key
from warta.extract.title import clean_title, find_title

CLEANING = [
    ("Putuskan Huawei, Leica Sambut Xiaomi? - Techbiz.id", ["techbizid", "techbiz"],
     "Putuskan Huawei, Leica Sambut Xiaomi?"),
    ("Diancam Lewat Dunia Maya | Kompas.com", ["kompascom", "kompas"], "Diancam Lewat Dunia Maya"),
    ("Google Umbar Kelemahan Galaxy S6 Edge - detikNews", ["detik"],
     "Google Umbar Kelemahan Galaxy S6 Edge"),
    ("Tri Indonesia: Broadband Dorong Ekosistem - Tekno Liputan6.com", ["liputan6"],
     "Tri Indonesia: Broadband Dorong Ekosistem"),
    ("Kompas.com - Harga Cabai Naik Lagi", ["kompascom", "kompas"], "Harga Cabai Naik Lagi"),
    ("Indonesia can Learn from Finland`s Peatland Fire Case: Pratikno | National | Tempo.Co :: "
     "Indonesian News Portal", ["tempo"],
     "Indonesia can Learn from Finland`s Peatland Fire Case: Pratikno"),
    ("23.01.2022 - Dorothea Wierer darf jubeln - Biathlon Antholz", ["biathlonantholz"],
     "Dorothea Wierer darf jubeln"),
    ("Items We Never Knew We Wanted : The Perspective", ["theperspective"],
     "Items We Never Knew We Wanted"),
    ("Trails! Ischgl", ["trails"], "Ischgl"),
    # no site name in it: kept whole, separators and all
    ("Lehrberufe KFT - Siegfried Marcus Berufsschule", ["smbs"],
     "Lehrberufe KFT - Siegfried Marcus Berufsschule"),
    ("Covid-19 et infox : comment une rumeur devient réalité", ["sciencesetavenir"],
     "Covid-19 et infox : comment une rumeur devient réalité"),
    # the longest part is never dropped, even when it names the site
    ("Kompas Gramedia Fair 2024 Dibuka - Kompas.com", ["kompascom", "kompas"],
     "Kompas Gramedia Fair 2024 Dibuka"),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "sites", "clean"), CLEANING)
def test_clean_title(raw: str, sites: list[str], clean: str) -> None:
    assert clean_title(raw, sites) == clean


def _title(body: str, declared: list[str | None], sites: tuple[str, ...] = ()) -> str | None:
    return find_title(LexborHTMLParser(f"<html><body>{body}</body></html>"), declared, sites)


def test_h1_agreeing_with_og_title_prefix_wins() -> None:
    declared = ["Putuskan Huawei, Leica Sambut Xiaomi? - Techbiz.id", None, None, None]
    body = "<h1>Techbiz</h1><article><h1>Putuskan Huawei, Leica Sambut Xiaomi?</h1></article>"
    assert _title(body, declared, ("techbiz", "techbizid")) == (
        "Putuskan Huawei, Leica Sambut Xiaomi?"
    )


def test_h1_restores_a_part_that_looked_like_a_section_name() -> None:
    declared = [None, None, None, "Hund vertreibt Einbrecher – Zeugenaufruf – Hildesheimer Presse"]
    body = "<h1> Hund vertreibt Einbrecher – Zeugenaufruf</h1>"
    expected = "Hund vertreibt Einbrecher – Zeugenaufruf"
    assert _title(body, declared, ("hildesheimerpresse",)) == expected


def test_kicker_inside_the_h1_is_left_out() -> None:
    body = (
        '<h1><span class="article-heading__kicker">Klimaschutz</span>'
        '<span class="visually-hidden">: </span>'
        '<span class="article-heading__title">Bohren, bis es heiß wird</span></h1>'
    )
    declared = ["Klimaschutz: Bohren, bis es heiß wird", None, None, "Bohren | ZEIT ONLINE"]
    assert _title(body, declared, ("zeitonline", "zeit")) == "Bohren, bis es heiß wird"


def test_subtitle_inside_the_h1_is_left_out() -> None:
    body = (
        '<h1><span class="entry-title-primary">Tagesschau unterschlägt Hass-Demo</span> '
        '<span class="entry-subtitle">Gebührenfinanzierte Verharmlosung</span></h1>'
    )
    declared = ["Tagesschau unterschlägt Hass-Demo - reitschuster.de", None, None, None]
    assert _title(body, declared, ("reitschuster",)) == "Tagesschau unterschlägt Hass-Demo"


def test_h1_longer_than_a_declared_title_is_the_printed_headline() -> None:
    body = '<h1>"Pure Leere": Marita Kramer verpasst Olympische Spiele in Peking</h1>'
    declared = ["Marita Kramer verpasst Olympische Spiele in Peking - skispringen.com"]
    expected = '"Pure Leere": Marita Kramer verpasst Olympische Spiele in Peking'
    assert _title(body, declared, ("skispringen", "skispringencom")) == expected


def test_logo_h1_linking_home_is_not_the_headline() -> None:
    body = '<h1><a href="https://example.org/">Time 4 talks</a></h1>'
    declared = [None, None, None, "Time 4 talks » Blog Archiv » Weitere Digitalisierung der Kinos"]
    assert _title(body, declared, ("time4talks",)) == "Weitere Digitalisierung der Kinos"


def test_hidden_h1_is_skipped() -> None:
    body = '<h1 class="pagetitle hidden">News</h1><h1>Auf das erste Elektron kommt es an</h1>'
    declared = ["Auf das erste Elektron kommt es an", None, None, "News - Eawag"]
    assert _title(body, declared, ("eawag",)) == "Auf das erste Elektron kommt es an"


def test_lone_title_tag_gives_way_to_the_only_h1() -> None:
    body = "<h1>Time to say goodbye.</h1>"
    assert _title(body, [None, None, None, "Home"]) == "Time to say goodbye."


def test_no_candidates() -> None:
    assert _title("<p>text</p>", [None, None, None, None]) is None


def test_name_key_ignores_case_spacing_and_article() -> None:
    assert name_key("The Verge") == name_key("verge") == "verge"
    assert name_key("KOMPAS.com") == "kompascom"
