from collections.abc import Callable

from selectolax.lexbor import LexborNode

from warta.extract.markup import MarkupHints
from warta.extract.segments import FlatPage, Role

LEXBOR_HEADERS_FROM: str

def flatten_nodes(
    root: LexborNode,
    hints: MarkupHints,
    named: frozenset[str],
    role_of: Callable[[str, str | None, str | None, str | None], Role],
) -> FlatPage: ...
