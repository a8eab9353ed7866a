"""Single metadata fields on small pages: canonical URL, site name, tags, image, language."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from warta.extract.metadata import PageMetadata, read_metadata

ARTICLE_URL = "https://techbiz.id/2021/05/17/putuskan-huawei-leica-sambut-xiaomi/"


def _meta(head: str, body: str = "", url: str | None = ARTICLE_URL) -> PageMetadata:
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    return read_metadata(LexborHTMLParser(html), url=url, crawled_at=None)


def test_canonical_is_resolved_against_the_page() -> None:
    meta = _meta('<link rel="canonical" href="/2021/05/17/putuskan/">')
    assert meta.url == "https://techbiz.id/2021/05/17/putuskan/"


def test_canonical_pointing_at_the_front_page_is_ignored() -> None:
    meta = _meta('<link rel="canonical" href="https://techbiz.id/">'
                 '<meta property="og:url" content="https://techbiz.id/a-story/">')  # fmt: skip
    assert meta.url == "https://techbiz.id/a-story/"


def test_without_canonical_the_page_url_stands() -> None:
    assert _meta("").url == ARTICLE_URL
    assert _meta("", url=None).url is None


def test_site_name_from_the_domain_when_nothing_names_it() -> None:
    assert _meta("<title>Putuskan Huawei, Leica Sambut Xiaomi?</title>").site_name == "Techbiz.id"


def test_site_name_from_og_and_from_the_title_edge() -> None:
    assert _meta('<meta property="og:site_name" content="Techbiz">').site_name == "Techbiz"
    meta = _meta("<title>Bantu pulihkan perdamaian dunia - ANTARA News</title>",
                 url="http://www.antaranews.com/berita/546640/bantu")  # fmt: skip
    assert meta.site_name == "ANTARA News"


def test_title_strips_the_site_name() -> None:
    meta = _meta(
        '<meta property="og:title" content="Putuskan Huawei, Leica Sambut Xiaomi? - Techbiz.id">',
        "<h1>Putuskan Huawei, Leica Sambut Xiaomi?</h1>",
    )
    assert meta.title == "Putuskan Huawei, Leica Sambut Xiaomi?"


def test_tags_categories_and_image() -> None:
    meta = _meta(
        '<meta property="article:section" content="Gadget">'
        '<meta property="article:tag" content="Huawei">'
        '<meta property="article:tag" content="Leica">'
        '<meta name="keywords" content="berita, teknologi">'
        '<meta property="og:image" content="/img/leica.jpg">'
        '<script type="application/ld+json">{"@type": "BreadcrumbList", "itemListElement": ['
        '{"@type": "ListItem", "name": "Home"}, {"@type": "ListItem", "name": "Gadget"},'
        '{"@type": "ListItem", "name": "Smartphone"}]}</script>'
    )
    assert meta.categories == ("Gadget", "Smartphone")
    assert meta.tags == ("Huawei", "Leica")  # article:tag wins over a site-wide keywords list
    assert meta.image == "https://techbiz.id/img/leica.jpg"


def test_jsonld_fields() -> None:
    meta = _meta(
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "NewsArticle", "headline": "Leica Sambut Xiaomi", "inLanguage": "id-ID",'
        '"author": {"@type": "Person", "name": "Oleh Budi Santoso"},'
        '"publisher": {"@type": "Organization", "name": "Techbiz.id"},'
        '"datePublished": "2021-05-17T10:00:00+07:00", "keywords": "Huawei, Leica",'
        '"image": {"@type": "ImageObject", "url": "https://techbiz.id/x.jpg"}}]}</script>'
    )
    assert meta.title == "Leica Sambut Xiaomi"
    assert meta.authors == ("Budi Santoso",)
    assert meta.site_name == "Techbiz.id"
    assert meta.declared_lang == "id"
    assert meta.tags == ("Huawei", "Leica")
    assert meta.image == "https://techbiz.id/x.jpg"
    assert meta.published is not None and meta.published.isoformat().startswith("2021-05-17")


def test_declared_language_sources() -> None:
    assert _meta("", url=None).declared_lang is None
    assert _meta('<meta property="og:locale" content="ms_MY">').declared_lang == "ms"
    html = '<html lang="en-GB"><head></head><body></body></html>'
    assert read_metadata(LexborHTMLParser(html), url=None, crawled_at=None).declared_lang == "en"


def test_double_escaped_entities_are_decoded() -> None:
    meta = _meta('<meta name="description" content="Redacci&amp;oacute;n &amp;amp; m&aacute;s">')
    assert meta.description == "Redacción & más"
