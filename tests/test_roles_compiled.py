"""The compiled reading of class/id names gives container_role's answer, name for name."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from warta.extract.flatten import role_reader
from warta.extract.markup import hints
from warta.extract.segments import NAMED_CONTAINERS, container_role

PAGES = sorted((Path(__file__).parent / "fixtures").glob("**/*.html"))


def _compiled() -> object:
    reader = role_reader(hints())
    assert reader is not container_role, "the compiled roles were not built"
    return reader


def _attributes(path: Path) -> set[tuple[str, str | None, str | None, str | None]]:
    tree = LexborHTMLParser(path.read_bytes())
    found = set()
    for node in tree.root.traverse() if tree.root else ():
        if node.tag in NAMED_CONTAINERS:
            attrs = node.attributes
            found.add((node.tag, attrs.get("class"), attrs.get("id"), attrs.get("itemprop")))
    return found


@pytest.mark.parametrize("path", PAGES, ids=lambda path: str(path.relative_to(PAGES[0].parents[2])))
def test_every_name_on_real_pages_reads_alike(path: Path) -> None:
    compiled = role_reader(hints())
    for tag, class_attr, id_attr, itemprop in _attributes(path):
        expected = container_role.__wrapped__(tag, class_attr, id_attr, itemprop)
        assert compiled(tag, class_attr, id_attr, itemprop) == expected, (class_attr, id_attr)


def test_the_compiled_roles_are_built() -> None:
    _compiled()


@pytest.mark.parametrize(
    ("class_attr", "id_attr"),
    [
        ("share-buttons", None),
        ("entry-content", None),
        ("elementor-widget-container elementor-share", None),
        ("category-newsletter tag-sidebar post-123", None),
        ("InlineImage-imageEmbedCaption", None),
        ("imageEmbedCaption", "relatedStoriesBox"),
        ("social-media-embed", "comments"),
        ("comment-list", None),
        ("a-b-c-d-credit", None),
        ("CAPS_ONLY fooBAR mixed.dots:colons/slashes", None),
        ("ÉDITO partage", "Kommentare"),  # not ASCII: read by the Python reference
        ("\x1cshare\x1f nav", " \t"),
        ("", ""),
        (None, None),
    ],
)
def test_tricky_names_read_alike(class_attr: str | None, id_attr: str | None) -> None:
    compiled = role_reader(hints())
    for tag in ("div", "aside", "article", "span"):
        for itemprop in (None, "articleBody"):
            expected = container_role.__wrapped__(tag, class_attr, id_attr, itemprop)
            assert compiled(tag, class_attr, id_attr, itemprop) == expected


_PIECES = [*"abcxyzABCXYZ019-_:./ \té", "share", "Related", "embed", "credit", "elementor-"]
_NAME = st.lists(st.sampled_from(_PIECES), max_size=12).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(["div", "aside", "section", "p"]), _NAME, st.one_of(st.none(), _NAME))
def test_random_names_read_alike(tag: str, class_attr: str, id_attr: str | None) -> None:
    expected = container_role.__wrapped__(tag, class_attr, id_attr, None)
    assert role_reader(hints())(tag, class_attr, id_attr, None) == expected


def test_the_remembered_roles_stay_right_when_the_memory_starts_again() -> None:
    reader = role_reader(hints())
    names = [f"box-{i} share" if i % 3 else f"post-{i} article-body" for i in range(40_000)]
    for i, name in enumerate(names):  # past the 16,384 remembered, twice
        tag = "div" if i % 2 else "section"
        args = (tag, name, None if i % 5 else f"x{i}", None)
        assert reader(*args) == container_role.__wrapped__(*args)
    assert reader("div", names[1], None, None) == container_role.__wrapped__(
        "div", names[1], None, None
    )
