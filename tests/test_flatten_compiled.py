"""The compiled DOM walk gives exactly what the Python walk gives, on real and hostile pages."""

from __future__ import annotations

from pathlib import Path

import pytest
import selectolax
from hypothesis import HealthCheck, given, settings
from selectolax.lexbor import LexborHTMLParser

from markup_strategy import random_markup
from warta.extract import flatten as flatten_module
from warta.extract.flatten import compiled_walk, flatten, flatten_python
from warta.extract.lexbor_ext import compiled_lexbor
from warta.extract.markup import hints
from warta.extract.segments import FlatPage

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(FIXTURES.glob("**/*.html"))


def _both(html: str | bytes) -> tuple[FlatPage, FlatPage]:
    body = LexborHTMLParser(html).body
    assert body is not None
    walk = compiled_walk()
    assert walk is not None
    compiled = walk(body, hints())
    return flatten_python(body, hints()), compiled


def test_the_compiled_walk_is_built_and_used() -> None:
    # The install builds it wherever a C compiler is at hand, as on CI: if it silently fell
    # back to Python here, every speed figure would be about another program.
    assert compiled_walk() is not None
    assert flatten_module._COMPILED is not None


def test_another_selectolax_release_falls_back_to_python(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selectolax, "__version__", "0.0.1")
    compiled_lexbor.cache_clear()  # it decides once a process
    try:
        assert compiled_walk() is None
    finally:
        monkeypatch.undo()
        compiled_lexbor.cache_clear()


@pytest.mark.parametrize("path", PAGES, ids=lambda path: str(path.relative_to(FIXTURES)))
def test_real_pages_flatten_alike(path: Path) -> None:
    python, compiled = _both(path.read_bytes())
    assert compiled == python


HOSTILE: dict[str, str | bytes] = {
    "deep": "<div>" * 10_000 + "deep text" + "</div>" * 10_000,
    "deep_inline": "<p>" + "<b><i>" * 6_000 + "x" + "</i></b>" * 6_000,
    "custom_and_svg": (
        '<my-widget class="share">hi <a href="/x">x</a></my-widget>'
        "<svg><clipPath><text>svg words</text></clipPath><foreignObject><p>inside</p>"
        "</foreignObject></svg>"
    ),
    "attributes": (
        '<div class id="" itemprop="articleBody"><p class="a b" class="c">one</p>'
        '<a href>empty</a><a HREF="/Y" href="/z">caps</a><span class="caption credit">c</span>'
        '<section ItemProp="articleBody" data-x="1">two</section></div>'
    ),
    "bad_utf8": b"<html><body><p>caf\xe9 \xff\xfe text</p><div class='\xc3'>x</div></body></html>",
    "whitespace": "<p> \n\t</p><p>\xa0</p><p>a\u2003b <a href='/q'> </a> c</p><br> <div> </div>",
    "dropped": "<div><script>var x = '<p>no</p>';</script><form><p>in form</p></form>"
    "<p>kept</p><template><p>template</p></template><noscript><p>ns</p></noscript></div>",
    "comments": "<p>a<!-- note --> b</p><!DOCTYPE html><p><![CDATA[c]]></p>",
    "empty": "",
    "text_only": "just text, no tags",
    "links": "<p><a href='/1'>lead</a> then plain <a href='/2'>and</a> more <a href='/1'>x</a></p>",
    "every_space": "<p>"
    + "|".join(
        f"a{chr(c)}b"
        for c in [
            *range(0x09, 0x0E),
            *range(0x1C, 0x21),
            0x85,
            0xA0,
            0x1680,
            *range(0x2000, 0x200C),
            0x2028,
            0x2029,
            0x202F,
            0x205F,
            0x3000,
            0x180E,
            0xFEFF,
        ]
    )
    + "</p>",
    "bad_utf8_across_nodes": (
        b"<p>a\xc3<b>\xa9b</b> c\xc0\x80d \xed\xa0\x80e \xf4\x90\x80\x80f \xe2\x80</p>"
        b"<p>\xc2\xa0<i>\xe3\x80\x80</i> g\xe2\x80\xa8h <a href='/x'>\xff link</a></p>"
    ),
    "hidden": (
        "<p>shown <span hidden>gone</span> too</p><div HIDDEN='false'><p>gone</p></div>"
        "<p style='color: red;display:none'>gone</p><p style='display: none'>gone</p>"
        "<p style='DISPLAY:NONE'>kept: the match is exact</p><p style='display:block'>kept</p>"
        "<div data-hidden='1' aria-hidden='true'>kept</div>"
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_pages_flatten_alike(name: str) -> None:
    python, compiled = _both(HOSTILE[name])
    assert compiled == python


def test_flatten_reads_real_structure() -> None:
    page = flatten(
        LexborHTMLParser(
            '<body><div class="share"><a href="/s">Share</a></div>'
            '<article><p>One <a href="/r">two</a> three.</p></article></body>'
        ).body,  # type: ignore[arg-type]
        hints(),
    )
    assert page.tags[:4] == ["body", "div", "a", "article"]
    assert page.negative[1] and not page.negative[3]
    assert [segment.text for segment in page.segments] == ["Share", "One two three."]
    assert page.segments[1].link_chars == 3 and page.segments[1].lead_link_chars == 0
    assert page.hrefs == {2: "/s", 5: "/r"}


_TAGS = ["div", "p", "span", "a", "ul", "li", "script", "h2", "br", "section", "em", "x-card"]
_ATTRS = ["", ' class="share"', ' id="content"', ' itemprop="articleBody"', ' href="/a"', " class"]
_ATTRS += [" hidden", ' style="display:none"', ' style="x: 1; display: none"']
_TEXTS = ["", " ", "word", "Baca juga", "\xa0", "é ü", "\n", "\u3000", "\x1c", "\u2028x", "\u200b"]


_MARKUP = random_markup(_TAGS, _ATTRS, _TEXTS)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MARKUP)
def test_random_markup_flattens_alike(html: str) -> None:
    python, compiled = _both(html)
    assert compiled == python


@pytest.mark.parametrize("root", ["<body hidden>", '<body style="display:none">'])
def test_a_hidden_root_is_walked_and_its_hidden_children_are_not(root: str) -> None:
    # Sites hide <body> until their script has run ("anti-flicker"): the page is not empty.
    python, compiled = _both(f"<html>{root}<p>story</p><p hidden>teaser</p></body></html>")
    assert compiled == python
    assert [segment.text for segment in compiled.segments] == ["story"]


def test_many_named_elements_match_the_python_walk() -> None:
    # Thousands of named elements, the same class on tags of other roles, and classes seen
    # again on a second page.
    names = ["share-box", "article-body", "related-posts", "comment-list", "row", ""]
    parts = []
    for i in range(30_000):
        tag = ("div", "section", "aside", "span", "nav")[i % 5]
        name = f"{names[i % 6]} n{i}" if i % 7 else names[i % 6]
        parts.append(f'<{tag} class="{name}"><p>text {i}</p></{tag}>')
    html = "<body>" + "".join(parts) + "</body>"
    for page in (html, html.replace("<nav", "<div").replace("</nav>", "</div>")):
        python, compiled = _both(page)
        assert compiled == python
