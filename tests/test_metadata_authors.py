"""Author cleaning: bylines in several languages, and where names come from in the markup."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from warta.extract.authors import (
    _byline,
    _with_class_tokens,
    clean_authors,
    find_authors,
    split_byline,
)

BYLINES = [
    ("Oleh Desca Lidya Natalia", ["Desca Lidya Natalia"]),
    ("Penulis: Aditya Maulana Editor: Agung Kurniawan", ["Aditya Maulana"]),
    ("Pewarta: prwir", ["prwir"]),
    ("Reporter: Budi Santoso", ["Budi Santoso"]),
    ("Laporan wartawan Tribunnews.com, Taufik Ismail", ["Taufik Ismail"]),
    ("By Corry Anestia on 16 Feb 2016 at 09:10 WIB", ["Corry Anestia"]),
    ("By Jane Doe and John Smith", ["Jane Doe", "John Smith"]),
    ("By A. Smith, B. Jones & C. Brown", ["A. Smith", "B. Jones", "C. Brown"]),
    ("Budi Santoso dan Siti Aminah", ["Budi Santoso", "Siti Aminah"]),
    ("Von Benjamin Fischer und Marcus Theurer", ["Benjamin Fischer", "Marcus Theurer"]),
    ("Par Marie Merlet", ["Marie Merlet"]),
    ("Por Verónica De Vita", ["Verónica De Vita"]),
    ("Luana Patriolino; Raphael Felice", ["Luana Patriolino", "Raphael Felice"]),
    ("Jill Serjeant for Reuters", ["Jill Serjeant"]),
    ("Fino Yurio Kristo - detikinet", ["Fino Yurio Kristo"]),
    ("Posted on September 21, 2020 by Adi Tzlil", ["Adi Tzlil"]),
    ("Poppy Reid Feb 14, 2020", ["Poppy Reid"]),
    ("Jane Doe, Staff Writer", ["Jane Doe"]),
    ("jane.doe@example.com", []),
    ("https://www.facebook.com/detikdotcom", []),
    ("Text: Ursula Eggers", ["Ursula Eggers"]),
    ("Nicolas Gutierrez C.", ["Nicolas Gutierrez C."]),
    ("Editor: Agung Kurniawan", []),
    ("Theresa May", ["Theresa May"]),
    ("By Red Smith", ["Red Smith"]),  # "red" alone is a desk ("Autor: red"), not a first name
    ("Autor: red", []),
]


@pytest.mark.parametrize(("byline", "names"), BYLINES)
def test_split_byline(byline: str, names: list[str]) -> None:
    assert split_byline(byline) == names


def test_site_credits_are_not_authors() -> None:
    sites = ("kompascom", "kompas")
    assert clean_authors(["Kompas Cyber Media", "Tim Kompas.com"], sites) == ()
    assert clean_authors(["Reuters"], ()) == ()  # a known outlet, not a person
    assert clean_authors(["Redaktion"], ()) == ("Redaktion",)  # the page's own credit, kept


def test_names_are_deduplicated_in_order() -> None:
    assert clean_authors(["Jane Doe", "JANE DOE", "John Smith"]) == ("Jane Doe", "John Smith")


def _authors(html: str, site_keys: tuple[str, ...] = ()) -> tuple[str, ...]:
    tree = LexborHTMLParser(html)
    meta: dict[str, list[str]] = {}
    for node in tree.css("meta[name]"):
        meta.setdefault(node.attributes["name"] or "", []).append(
            node.attributes.get("content") or ""
        )
    return find_authors(tree, meta, {}, site_keys)


def test_jsonld_person_author_wins() -> None:
    tree = LexborHTMLParser("<p class='byline'>By Someone Else</p>")
    article = {"author": [{"@type": "Person", "name": "Ana Lopez"}, "Ben Wu"]}
    assert find_authors(tree, {}, article, ()) == ("Ana Lopez", "Ben Wu")


def test_jsonld_author_that_is_the_editor_gives_way_to_creator() -> None:
    tree = LexborHTMLParser("<div class='byline'>Oleh Desca Lidya Natalia</div>")
    article = {
        "author": {"@type": "Person", "name": "B Kunto Wibisono"},
        "creator": {"@type": "Person", "name": "Desca Lidya Natalia"},
    }
    assert find_authors(tree, {}, article, ()) == ("Desca Lidya Natalia",)


def test_jsonld_organisation_is_a_last_resort() -> None:
    tree = LexborHTMLParser("<span class='author'>Nathan Parker</span>")
    article = {"author": {"@type": "Organization", "name": "Google Security Team"}}
    assert find_authors(tree, {}, article, ()) == ("Nathan Parker",)


def test_meta_author_urls_are_skipped_for_the_markup() -> None:
    html = (
        '<meta name="author" content="https://www.facebook.com/x">'
        "<div class='author'>Fino Yurio Kristo - detikinet</div>"
    )
    assert _authors(html, ("detik", "detikinet")) == ("Fino Yurio Kristo",)


def test_picture_credits_and_comments_are_not_bylines() -> None:
    html = (
        "<figure><img><figcaption><span class='author'>Photographer Name</span></figcaption>"
        "</figure><div class='comments'><span class='comment-author'>Reader Joe</span></div>"
        "<p class='byline'>By Real Writer</p>"
    )
    assert _authors(html) == ("Real Writer",)


def test_only_the_first_byline_and_its_co_authors_count() -> None:
    html = (
        "<header><span class='author'>Ana Lopez</span><span class='author'>Ben Wu</span></header>"
        "<aside><ul><li><div><span class='author'>Other Story Writer</span></div></li></ul></aside>"
    )
    assert _authors(html) == ("Ana Lopez", "Ben Wu")


def test_itemprop_author_name() -> None:
    html = '<div itemprop="author"><span itemprop="name">Heike Buchter</span> Redakteurin</div>'
    assert _authors(html) == ("Heike Buchter",)


@pytest.mark.parametrize(
    "html",
    [
        '<div class="author byline">A<span class="byline">B</span></div>'
        '<p class="writer author reporter">C</p><p class="Author">D</p><p class="x&#97;uthor">E</p>'
        '<p class="by-\nauthor">F</p><p class>G</p><p class="">H</p><i class="autorin">I</i>',
        "<!DOCTYPE html><div class='AUTHOR'>x</div><div class='penulis-name'>y</div>",
        "<div>no classes at all</div>",
        '<p class="by-\nauthor">F</p>',
        "<p class='a\nb'>x</p><div class='author\n\nbyline'><b class='\nwriter\n'>y</b></div>",
    ],
)
def test_class_token_elements_are_the_selectors(html: str) -> None:
    tree = LexborHTMLParser(html)
    tokens = _byline().class_tokens
    expected = tree.css(", ".join(f'[class*="{token}"]' for token in tokens))
    assert [n.mem_id for n in _with_class_tokens(tree, tokens)] == [n.mem_id for n in expected]
