"""warta's compiled extension over lexbor's own structs (``_flatwalk``), where it can be used.

It reads the nodes of documents that selectolax parsed, through lexbor's struct layouts and
selectolax's node objects as one selectolax release lays them out (``LEXBOR_HEADERS_FROM``):
with any other release, or where no compiler built it, callers use their Python code, which is
the reference the compiled code is tested against.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Protocol

import selectolax
from selectolax.lexbor import LexborHTMLParser, LexborNode

from warta.extract.segments import FlatPage, Role

if TYPE_CHECKING:
    from warta.extract._flatwalk import TagTable


class LexborExtension(Protocol):
    """What callers use of ``_flatwalk`` (its stub, ``_flatwalk.pyi``, says what each does)."""

    MAX_CLASS_TOKENS: int  # the most tokens ``class_token_elements`` takes

    def flatten_nodes(
        self,
        root: LexborNode,
        known: TagTable,
        role_of: Callable[[str, str | None, str | None, str | None], Role],
    ) -> FlatPage: ...

    def class_token_elements(
        self, root: LexborNode, tokens: tuple[bytes, ...]
    ) -> list[LexborNode]: ...

    def head_parts(
        self, head: LexborNode
    ) -> tuple[list[dict[str, str | None]], list[tuple[str | None, str | None]], str | None]: ...

    def ld_json_texts(self, root: LexborNode) -> list[str]: ...

    def headings(self, root: LexborNode, limit: int) -> list[LexborNode]: ...

    def author_elements(self, root: LexborNode) -> list[LexborNode]: ...

    def time_elements(self, root: LexborNode) -> list[LexborNode]: ...

    def title_like_elements(self, root: LexborNode, limit: int) -> list[LexborNode]: ...

    def tagged_attributes(
        self, root: LexborNode, tag: str, attribute: bytes
    ) -> list[dict[str, str | None]]: ...

    def dated_texts(
        self, root: LexborNode, not_text: frozenset[str], short_text: int, limit: int
    ) -> list[tuple[str, LexborNode]]: ...


@cache
def compiled_lexbor() -> LexborExtension | None:
    """The ``_flatwalk`` module, or None where it was not built or was built for another
    selectolax release (whose structs may be laid out differently)."""
    try:
        from warta.extract import _flatwalk
    except ImportError:
        return None
    if selectolax.__version__ != _flatwalk.LEXBOR_HEADERS_FROM:
        return None
    return _flatwalk


def tagged_attributes(
    root: LexborNode | None, tag: str, attribute: str
) -> list[dict[str, str | None]]:
    """``[node.attributes for node in root.css(f"{tag}[{attribute}]")]`` for ``meta`` and
    ``time`` elements: in C where the extension was built (``tests/test_lexbor_scan.py`` holds
    the two to one answer). ``root``: an element, or None for none."""
    if root is None:
        return []
    ext = compiled_lexbor()
    if ext is not None:
        return ext.tagged_attributes(root, tag, attribute.encode())
    return [node.attributes for node in root.css(f"{tag}[{attribute}]")]


def selected(
    tree: LexborHTMLParser,
    selector: str,
    walk: Callable[[LexborExtension, LexborNode], list[LexborNode]],
    limit: int | None = None,
) -> list[LexborNode]:
    """``tree.css(selector)[:limit]``: by ``walk``, the extension's own search for that selector
    (given the same limit), where the extension was built; each such search is held to its
    selector's answer by ``tests/test_lexbor_scan.py``."""
    ext = compiled_lexbor()
    root = tree.root
    if ext is not None and root is not None:
        return walk(ext, root)
    found = tree.css(selector)
    return found if limit is None else found[:limit]
