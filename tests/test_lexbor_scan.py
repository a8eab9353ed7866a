"""The compiled tree searches of metadata (``_flatwalk_scan.pxi``) find what selectolax's
selector queries and traversal find, as the same node objects, on real and hostile pages."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import selectolax
from hypothesis import HealthCheck, given, settings
from selectolax.lexbor import LexborHTMLParser, LexborNode

from markup_strategy import random_markup
from warta.extract import authors
from warta.extract.dates import markup, placement
from warta.extract.lexbor_ext import LexborExtension, compiled_lexbor

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(FIXTURES.glob("**/*.html"))
# "x": in many class names. The second set's tokens share first bytes, and one holds another.
TOKEN_SETS = (
    ("author", "byline", "penulis", "reporter", "x"),
    ("autor", "author", "auteur", "a", "or", "é", "by"),
)


def _ext() -> LexborExtension:
    ext = compiled_lexbor()
    assert ext is not None, "the compiled extension was not built"
    return ext


def _same_nodes(found: list[LexborNode], expected: list[LexborNode]) -> None:
    assert [n.mem_id for n in found] == [n.mem_id for n in expected]
    assert [n.tag for n in found] == [n.tag for n in expected]
    assert [n.text() for n in found] == [n.text() for n in expected]
    assert [n.attributes for n in found] == [n.attributes for n in expected]


def _class_search_alike(html: str | bytes) -> None:
    tree = LexborHTMLParser(html)
    root = tree.root
    for tokens in TOKEN_SETS:
        encoded = tuple(t.encode() for t in tokens)
        compiled = _ext().class_token_elements(root, encoded) if root else []
        selector = ", ".join(f'[class*="{token}"]' for token in tokens)
        _same_nodes(compiled, tree.css(selector))


def test_the_class_search_takes_up_to_64_tokens() -> None:
    tree = LexborHTMLParser('<p class="t63 t64">x</p>')
    root = tree.root
    assert root is not None
    tokens = tuple(f"t{i:02d}".encode() for i in range(1, 65))
    assert len(_ext().class_token_elements(root, tokens)) == 2  # t63 and t64
    with pytest.raises(ValueError, match="64"):
        _ext().class_token_elements(root, (*tokens, b"t65"))
    with pytest.raises(ValueError, match="non-empty"):
        _ext().class_token_elements(root, (b"",))
    # More than the compiled search takes: authors searches the class names itself.
    many = tuple(f"t{i:02d}" for i in range(1, 66))
    assert [n.tag for n in authors._with_class_tokens(tree, many)] == ["p", "p"]


def _headings_alike(html: str | bytes) -> None:
    tree = LexborHTMLParser(html)
    root = tree.root
    if root is None:
        return
    for limit in (0, 1, 40, 10**6):
        _same_nodes(_ext().headings(root, limit), tree.css("h1, h2, h3")[:limit])
        _same_nodes(_ext().title_like_elements(root, limit), tree.css(placement.TITLE_LIKE)[:limit])


def _marked_alike(html: str | bytes) -> None:
    tree = LexborHTMLParser(html)
    root = tree.root
    if root is None:
        return
    _same_nodes(_ext().author_elements(root), tree.css(authors.AUTHOR_MARKUP))
    _same_nodes(_ext().time_elements(root), tree.css(markup.TIME_SELECTOR))
    for part in (root, tree.body):
        if part is None:
            continue
        for tag, attribute in (("meta", "content"), ("time", "datetime")):
            found = _ext().tagged_attributes(part, tag, attribute.encode())
            assert found == [n.attributes for n in part.css(f"{tag}[{attribute}]")]


def test_tagged_attributes_are_for_meta_and_time_only() -> None:
    root = LexborHTMLParser("<p content=x>a</p>").root
    assert root is not None
    with pytest.raises(ValueError, match="meta and time"):
        _ext().tagged_attributes(root, "p", b"content")


def _texts_alike(html: str | bytes) -> None:
    tree = LexborHTMLParser(html)
    for root in (tree.body, tree.root):
        if root is None:
            continue
        for relative, limit in ((False, 10**6), (True, 10**6), (False, 3), (True, 1), (True, 0)):
            short = markup.SHORT_TEXT if relative else -1
            compiled = _ext().dated_texts(root, markup.NOT_TEXT, short, limit)
            python = markup.first_per_parent(markup.candidate_texts(root, relative), limit)
            assert [text for text, _ in compiled] == [text for text, _ in python]
            _same_nodes([node for _, node in compiled], [node for _, node in python])


def test_the_extension_is_built_and_used() -> None:
    assert compiled_lexbor() is not None


def test_another_selectolax_release_falls_back_to_python(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selectolax, "__version__", "0.0.1")
    compiled_lexbor.cache_clear()
    try:
        assert compiled_lexbor() is None
        tree = LexborHTMLParser('<p class="byline">By <b>Ann Lee</b></p>')
        assert [n.tag for n in authors._with_class_tokens(tree, ("byline",))] == ["p"]
    finally:
        monkeypatch.undo()
        compiled_lexbor.cache_clear()


def test_a_made_node_is_selectolax_s_own() -> None:
    from warta.extract._flatwalk import node_at

    tree = LexborHTMLParser("<div id=a><p>one <b>two</b></p></div>")
    paragraph = tree.css_first("p")
    assert paragraph is not None
    root = tree.root
    assert root is not None
    made = node_at(root, paragraph.mem_id)
    assert made == paragraph and made.parser is tree
    assert made.text() == "one two" and made.parent is not None and made.parent.id == "a"
    before = sys.getrefcount(tree)
    nodes = [node_at(root, paragraph.mem_id) for _ in range(100)]
    assert sys.getrefcount(tree) == before + 100  # each node holds its parser, as selectolax's
    del nodes
    assert sys.getrefcount(tree) == before


@pytest.mark.parametrize("path", PAGES, ids=lambda path: str(path.relative_to(FIXTURES)))
def test_real_pages_alike(path: Path) -> None:
    raw = path.read_bytes()
    _class_search_alike(raw)
    _headings_alike(raw)
    _marked_alike(raw)
    _texts_alike(raw)


HOSTILE: dict[str, str | bytes] = {
    "empty": "",
    "deep": "<div class='byline'>" * 5_000 + "12/05/2020" + "</div>" * 5_000,
    "years": (
        "<p>1999 and 2000</p><p>19 99</p><p>1-2-33</p><p>1.22.33</p><p>3/4/5</p><p>19a9</p>"
        "<p>x2019</p><p>2/13/</p><p>9/9/99</p><p>１９９９</p><p>12.12.1</p><p>209</p><p>1x</p>"
    ),
    "not_text": (
        "<script>var d = '2020-01-01'</script><style>/* 2019 */</style><title>2018</title>"
        "<noscript>2017</noscript><textarea>2016</textarea><select><option>2015</option>"
        "</select><template><p>2014</p></template><svg><title>2013</title></svg>"
    ),
    "short_and_blank": "<p> \n\t </p><p>\xa0</p><p>kemarin</p><p>" + "é" * 100 + "</p>"
    "<p>" + "é" * 101 + "</p><p>" + "e" * 100 + "</p><p>" + "e" * 101 + "</p>",
    "classes": (
        '<div class="author-box x"><span class="AUTHOR">a</span><span class="">b</span>'
        '<span class>c</span><p class="by\nline">d</p><p class="post-byline">e</p>'
        '<i class="penulis">f</i><em class="é x">g</em></div>'
    ),
    "bad_utf8": b"<p class='x\xff'>caf\xe9 2020 \xff\xfe</p><div class='\xc3'>1/2/34</div>",
    "comments": "<p>a<!-- 2020-01-01 --> b</p><!-- <p class='byline'>x</p> -->",
    "marked": (
        '<p itemprop="author">a</p><a rel="author" itemprop="author">b</a><a rel="Author">c</a>'
        '<span itemprop="Author">d</span><a rel="author me">e</a><i itemprop="author ">f</i>'
        '<a rel="AUTHOR">g</a><a rel="authoR ">h</a><a rel="auth\u212aor">i</a>'
        '<time pubdate itemprop="datePublished">1</time><meta itemprop="dateModified" content=x>'
        '<div itemprop="DATE">2</div><b pubdate="">3</b><span itemprop="upDATEd">4</span>'
        "<time>5</time><x-time>6</x-time><svg><time>7</time></svg><p itemprop>8</p>"
        '<meta content="a" name=n><meta name=m><meta content><time datetime="2020">9</time>'
        '<time datetime>10</time><meta CONTENT="B" property=p><time DateTime="x">11</time>'
    ),
    "headings": (
        "<p class='Title judul-x'>t</p><div class='post-HEADLINE title' itemprop='headline'>u</div>"
        "<span itemprop='Headline'>v</span><i class='titl e'>w</i><b class='subtitle'>x</b>"
        "<h1>a<h2>b</h2></h1><svg><h1>c</h1></svg><math><h3>d</h3></math><h4>e</h4>"
        "<template><h2>f</h2></template><H3>g</H3><x:h1>h</x:h1><h2/>"
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_pages_alike(name: str) -> None:
    _class_search_alike(HOSTILE[name])
    _headings_alike(HOSTILE[name])
    _marked_alike(HOSTILE[name])
    _texts_alike(HOSTILE[name])


_TAGS = [
    *("div", "p", "span", "script", "style", "title", "option", "time", "b"),
    *("h1", "h2", "h3", "meta"),
]
_ATTRS = [
    "",
    ' class="byline"',
    ' class="post-author x"',
    " class",
    ' class="Byline"',
    ' itemprop="author"',
    ' rel="author" itemprop="datePublished"',
    " pubdate",
    ' class="entry-Title"',
    ' itemprop="headline"',
    ' content="2020-01-01"',
    ' datetime="2020-01-01T10:00"',
]
_TEXTS = ["", " ", "word", "2020", "19", "99", "12/5/2019", "1.2.34", "é", "\n", "kemarin"]


_MARKUP = random_markup(_TAGS, _ATTRS, _TEXTS)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MARKUP)
def test_random_markup_alike(html: str) -> None:
    _class_search_alike(html)
    _headings_alike(html)
    _marked_alike(html)
    _texts_alike(html)


def test_a_node_is_made_only_beside_a_selectolax_node() -> None:
    from warta.extract._flatwalk import node_at

    tree = LexborHTMLParser("<p>x</p>")
    with pytest.raises(TypeError):
        node_at(tree, 0)  # type: ignore[arg-type]  # the parser is no node: nothing is written


def test_a_page_of_many_dates_is_read_only_as_far_as_needed() -> None:
    # 50,000 dated rows: the dates search looks at no more of them than it can use.
    rows = "".join(f"<tr><td>Row {i}</td><td>{i % 28 + 1}/05/2020</td></tr>" for i in range(50_000))
    tree = LexborHTMLParser(f"<html><body><h1>Jadwal</h1><table>{rows}</table></body></html>")
    assert tree.body is not None
    found = markup._candidates(tree.body, relative=False, limit=markup.MAX_TEXT_NODES)
    assert len(found) == markup.MAX_TEXT_NODES
    assert found[0][0] == "1/05/2020" and found[-1][0] == f"{599 % 28 + 1}/05/2020"
