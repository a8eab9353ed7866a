"""The compiled reading of the head and of JSON-LD scripts gives what selectolax's selector
queries give, on real and hostile pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from warta.extract import head as head_module
from warta.extract import jsonld
from warta.extract._flatwalk import head_parts, ld_json_texts
from warta.extract.lexbor_ext import compiled_lexbor

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(FIXTURES.glob("**/*.html"))
LINKS = 'link[rel*="canonical" i], link[rel*="image_src" i]'


def _reference_head(tree: LexborHTMLParser) -> object:
    head = tree.head
    assert head is not None
    metas = [node.attributes for node in head.css("meta")]
    links = [(n.attributes.get("rel"), n.attributes.get("href")) for n in head.css(LINKS)]
    title = head.css_first("title")
    return metas, links, title.text() if title is not None else None


def _reference_scripts(tree: LexborHTMLParser) -> list[str]:
    return [script.text(deep=True) for script in tree.css(jsonld.SELECTOR)]


def test_the_compiled_readers_are_built_and_used() -> None:
    assert compiled_lexbor() is not None


@pytest.mark.parametrize("path", PAGES, ids=lambda path: str(path.relative_to(FIXTURES)))
def test_real_pages_read_alike(path: Path) -> None:
    tree = LexborHTMLParser(path.read_bytes())
    if tree.head is not None:
        assert head_parts(tree.head) == _reference_head(tree)
    assert tree.root is not None
    assert ld_json_texts(tree.root) == _reference_scripts(tree)


HOSTILE = {
    "links": (
        '<link rel="Canonical" href="/a"><link rel="canonical image_src" href="/b">'
        '<link REL="IMAGE_SRC"><link rel="alternate canonicalish" href=" /c ">'
        '<link href="/d"><link rel="canonİcal" href="/e"><svg><link rel="canonical"></svg>'
    ),
    "metas": (
        '<meta charset="utf-8"><meta name="author" content><meta property="og:title" content="">'
        '<meta xml:lang="id" content="x"><meta NAME="Date" CONTENT="2024-01-02">'
        '<meta name="a" content="\xff\xfe">'
    ),
    "titles": "<title></title><title>second</title>",
    "no_title": "<meta name=x content=y>",
    "scripts": (
        '<script type="application/LD+JSON">{"a": 1}</script>'
        '<script type="application/ld+json; charset=utf-8"><!--{"b": 2}--></script>'
        '<script type="text/javascript">var x = "ld+json";</script><script>{"c": 3}</script>'
        '<script type="application/ld+json"></script>'
        "<svg><script type='application/ld+json'>{\"d\": 4}</script></svg>"
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_heads_read_alike(name: str) -> None:
    html = f"<html><head>{HOSTILE[name]}</head><body>{HOSTILE[name]}</body></html>"
    tree = LexborHTMLParser(html.encode("utf-8", "surrogateescape").replace(b"\xc3\xbf", b"\xff"))
    assert tree.head is not None and tree.root is not None
    assert head_parts(tree.head) == _reference_head(tree)
    assert ld_json_texts(tree.root) == _reference_scripts(tree)


def test_a_page_without_a_head_title_takes_the_body_s() -> None:
    tree = LexborHTMLParser("<html><head></head><body><title>In the body</title></body></html>")
    assert head_module.read_head(tree).title == "In the body"
