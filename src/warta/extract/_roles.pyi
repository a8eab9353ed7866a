from collections.abc import Callable

from warta.extract.markup import MarkupHints
from warta.extract.segments import Role

def role_reader(
    hints: MarkupHints,
) -> Callable[[str, str | None, str | None, str | None], Role]: ...
