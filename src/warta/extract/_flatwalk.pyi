from collections.abc import Callable

from selectolax.lexbor import LexborNode

from warta.extract.segments import FlatPage, Role

LEXBOR_HEADERS_FROM: str

class TagTable:
    def __init__(
        self, block_tags: frozenset[str], dropped: frozenset[str], named: frozenset[str]
    ) -> None: ...

def flatten_nodes(
    root: LexborNode,
    known: TagTable,
    role_of: Callable[[str, str | None, str | None, str | None], Role],
) -> FlatPage: ...
