"""The compiled walk reads class and id names from lexbor's bytes (``_flatwalk_roles.pxi``):
the roles it gives every element are the Python walk's, whose names ``container_role`` reads."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from warta.extract.flatten import compiled_walk, flatten_python
from warta.extract.markup import TAXONOMY_PREFIXES, hints
from warta.extract.segments import FlatPage

TAGS = ("div", "aside", "article", "section", "span", "nav", "x-card", "footer")


def _both(html: str) -> tuple[FlatPage, FlatPage]:
    body = LexborHTMLParser(html).body
    assert body is not None
    walk = compiled_walk()
    assert walk is not None
    return flatten_python(body, hints()), walk(body, hints())


def _page(class_attr: str | None, id_attr: str | None) -> str:
    """Every tag with these names, with and without an itemprop, each holding a paragraph."""
    names = ""
    if class_attr is not None:
        names += f' class="{class_attr}"'
    if id_attr is not None:
        names += f' id="{id_attr}"'
    parts = [
        f"<{tag}{names}{prop}><p>words</p></{tag}>"
        for tag in TAGS
        for prop in ("", ' itemprop="articleBody"', ' itemprop="author"')
    ]
    return "<body>" + "".join(parts) + "</body>"


@pytest.mark.parametrize(
    ("class_attr", "id_attr"),
    [
        ("share-buttons", None),
        ("entry-content", None),
        ("Entry-Content", "ARTICLE-BODY"),
        ("elementor-widget-container elementor-share", None),
        ("elementor-shareButtons", None),
        ("category-newsletter tag-sidebar post-123", None),
        ("InlineImage-imageEmbedCaption", None),
        ("a-b-c-d-caption", "a-b-c-d-share"),
        ("imageEmbedCaption", "relatedStoriesBox"),
        ("social-media-embed", "comments"),
        ("comment-list", None),
        ("CAPS_ONLY fooBAR mixed.dots:colons/slashes", None),
        ("ÉDITO partage", "Kommentare"),  # not ASCII: read by role_of
        ("share", "caf\u00e9"),
        ("\x1cshare\x1f nav", " \t"),
        ("--share--", "_related_"),
        ("x" * 300 + "-share", None),  # longer than the compiled reading takes: role_of
        ("", ""),
        (None, None),
    ],
)
def test_tricky_names_give_the_python_walk_s_roles(
    class_attr: str | None, id_attr: str | None
) -> None:
    python, compiled = _both(_page(class_attr, id_attr))
    assert compiled == python


def _lexicon_words() -> list[str]:
    found = hints()
    words = [
        *found.negative_tokens, *found.related_tokens, *found.hard_negative_tokens,
        *found.embed_tokens, *found.body_markers, *found.head_tokens,
        *found.builder_prefixes, *TAXONOMY_PREFIXES,
    ]  # fmt: skip
    return sorted(words)


_PIECES = st.sampled_from(_lexicon_words()) | st.sampled_from([*"aZ09-_:./ \té", "Box", "x"])
_NAMES = st.lists(_PIECES, max_size=8).map("".join)
_CASED = _NAMES.flatmap(lambda name: st.sampled_from([name, name.upper(), name.title()]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_CASED, st.one_of(st.none(), _CASED))
def test_names_made_of_the_lexicon_s_words_give_the_python_walk_s_roles(
    class_attr: str, id_attr: str | None
) -> None:
    python, compiled = _both(_page(class_attr.replace('"', ""), id_attr))
    assert compiled == python


def test_the_lexicon_s_words_do_give_roles() -> None:
    # The comparison above is not of empty answers: these names make furniture, body markers,
    # related links and comment threads.
    page = _both(
        '<body><div class="share-buttons"><p>a</p></div><div class="entry-content"><p>b</p>'
        '</div><div id="related-posts"><p>c</p></div><div class="comment-list"><p>d</p></div>'
        "</body>"
    )[1]
    assert page.negative[1] and page.marked[3] and 5 in page.related and 7 in page.hard
