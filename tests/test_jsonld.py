"""read_jsonld: every object of every JSON-LD block, flattened, tolerant of broken JSON."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from warta.extract.jsonld import read_jsonld


def read(*blocks: str, kind: str = "application/ld+json") -> list[dict[str, object]]:
    scripts = "".join(f'<script type="{kind}">{block}</script>' for block in blocks)
    return read_jsonld(LexborHTMLParser(f"<html><head>{scripts}</head><body></body></html>"))


def test_single_object() -> None:
    assert read('{"@type": "NewsArticle", "headline": "A"}') == [
        {"@type": "NewsArticle", "headline": "A"}
    ]


def test_graph_and_lists_are_flattened_nested_objects_kept() -> None:
    objects = read(
        '{"@context": "https://schema.org", "@graph": [{"@type": "WebPage"},'
        ' {"@type": "Article", "author": {"@type": "Person", "name": "B"}}]}',
        '[{"@type": "Organization"}, [{"@type": "BreadcrumbList"}]]',
    )
    assert [o["@type"] for o in objects] == ["WebPage", "Article", "Organization", "BreadcrumbList"]
    assert objects[1]["author"] == {"@type": "Person", "name": "B"}


def test_graph_wrapper_with_its_own_type_is_kept() -> None:
    objects = read('{"@type": "WebSite", "@graph": [{"@type": "Article"}]}')
    assert [o["@type"] for o in objects] == ["WebSite", "Article"]


def test_type_attribute_variants() -> None:
    assert read('{"@type": "A"}', kind="application/ld+json; charset=utf-8") == [{"@type": "A"}]
    assert read('{"@type": "A"}', kind="Application/LD+JSON") == [{"@type": "A"}]
    assert read('{"@type": "A"}', kind="text/javascript") == []


def test_lenient_repairs() -> None:
    assert read('{"@type": "A", "b": [1, 2,],}') == [{"@type": "A", "b": [1, 2]}]
    assert read('<!-- {"@type": "A"} -->') == [{"@type": "A"}]
    assert read('//<![CDATA[\n{"@type": "A"}\n//]]>') == [{"@type": "A"}]
    assert read('{"@type": "A", "d": "line one\nline two\ttab"}') == [
        {"@type": "A", "d": "line one\nline two\ttab"}
    ]
    assert read('{"@type": "A"}{"@type": "B"}') == [{"@type": "A"}, {"@type": "B"}]
    assert read('{"@type": "A"};') == [{"@type": "A"}]


def test_hopeless_blocks_are_skipped() -> None:
    assert read("", "   ", "not json", "{", '{"a": }', "42", '"text"', '{"@type": "ok"}') == [
        {"@type": "ok"}
    ]


def test_deep_nesting_does_not_raise() -> None:
    deep = "[" * 5000 + "]" * 5000
    assert read(deep) == []
    graph = '{"@graph": ' * 50 + "{}" + "}" * 50
    assert isinstance(read(graph), list)


def test_many_objects_are_capped() -> None:
    block = "[" + ",".join('{"@type": "Thing"}' for _ in range(2000)) + "]"
    assert 0 < len(read(block)) <= 500


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_any_block(block: str) -> None:
    html = f'<script type="application/ld+json">{block}</script>'
    objects = read_jsonld(LexborHTMLParser(html))
    assert all(isinstance(o, dict) for o in objects)
