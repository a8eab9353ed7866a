from selectolax.lexbor import LexborNode

from warta.extract.markup import MarkupHints
from warta.extract.segments import FlatPage

LEXBOR_HEADERS_FROM: str

def flatten_nodes(root: LexborNode, hints: MarkupHints, named: frozenset[str]) -> FlatPage: ...
