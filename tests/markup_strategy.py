"""Random markup for the property tests that hold compiled DOM code to its Python reference:
nested elements drawn from given tags, attributes and texts, now and then left unclosed."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st


def random_markup(
    tags: Sequence[str], attributes: Sequence[str], texts: Sequence[str], max_depth: int = 5
) -> st.SearchStrategy[str]:
    @st.composite
    def markup(draw: st.DrawFn, depth: int = 0) -> str:
        parts = []
        for _ in range(draw(st.integers(0, 4))):
            if depth < max_depth and draw(st.booleans()):
                tag = draw(st.sampled_from(tags))
                attrs = draw(st.sampled_from(attributes))
                inner = draw(markup(depth + 1))
                closed = draw(st.integers(0, 5)) > 0  # now and then an unclosed tag
                parts.append(f"<{tag}{attrs}>{inner}" + (f"</{tag}>" if closed else ""))
            else:
                parts.append(draw(st.sampled_from(texts)))
        return "".join(parts)

    return markup()
