from collections.abc import Callable

from selectolax.lexbor import LexborNode

from warta.extract.markup import MarkupHints
from warta.extract.segments import FlatPage, Role

LEXBOR_HEADERS_FROM: str

class TagTable:
    def __init__(
        self, hints: MarkupHints, named: frozenset[str], never_boilerplate: frozenset[str]
    ) -> None: ...

def flatten_nodes(
    root: LexborNode,
    known: TagTable,
    role_of: Callable[[str, str | None, str | None, str | None], Role],
) -> FlatPage: ...
def node_at(like: LexborNode, address: int) -> LexborNode: ...

MAX_CLASS_TOKENS: int

def class_token_elements(root: LexborNode, tokens: tuple[bytes, ...]) -> list[LexborNode]: ...
def dated_texts(
    root: LexborNode, not_text: frozenset[str], short_text: int, limit: int
) -> list[tuple[str, LexborNode]]: ...
def head_parts(
    head: LexborNode,
) -> tuple[list[dict[str, str | None]], list[tuple[str | None, str | None]], str | None]: ...
def headings(root: LexborNode, limit: int) -> list[LexborNode]: ...
def author_elements(root: LexborNode) -> list[LexborNode]: ...
def time_elements(root: LexborNode) -> list[LexborNode]: ...
def ld_json_texts(root: LexborNode) -> list[str]: ...
