"""Where warta's time goes: each stage of ``warta.extract`` timed on its own, page by page.

    python -m benchmarks.stages [--dataset zyte] [--limit N]

The stages are called in turn as ``warta.extract`` calls them (``core._extract``). Each page is
measured three times: alone (pages one after another), then with the other extractors of the
extraction benchmark run on the page just before warta's stages, as in that benchmark, where
they evict warta's data from the CPU caches, and once more with the caches flushed before each
page (``benchmarks.extraction``'s ``--order cold``). Medians over the pages, in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence
from itertools import pairwise

from benchmarks import datasets
from benchmarks.extraction import TOOL_NAMES, cache_flusher, make_tool
from warta.extract import core
from warta.extract.assemble import assemble, render_markdown, render_text
from warta.extract.flatten import flatten
from warta.extract.language import detect_language
from warta.extract.markup import hints
from warta.extract.metadata import read_metadata
from warta.extract.score import choose_container
from warta.html import parse_page

STAGES = ("parse", "metadata", "walk", "choice", "assembly", "render", "language", "body")


def stage_times(raw: bytes, url: str | None) -> list[float]:
    """Seconds spent in each of ``STAGES`` on one page."""
    clock = time.perf_counter
    marks = [clock()]
    tree = parse_page(raw, None)
    marks.append(clock())
    if tree is None:
        return [marks[1] - marks[0]] + [0.0] * (len(STAGES) - 1)
    meta = read_metadata(tree, url=url, crawled_at=None)
    marks.append(clock())
    body = tree.body  # the walk leaves out hidden elements itself
    flat = flatten(body, hints()) if body is not None else None
    marks.append(clock())
    choice = choose_container(flat) if flat is not None and flat.segments else None
    marks.append(clock())
    assembly = assemble(flat, choice, url) if flat is not None and choice is not None else None
    marks.append(clock())
    text = render_text(assembly.blocks) if assembly else ""
    if assembly:
        render_markdown(assembly.blocks, text)
    marks.append(clock())
    lang = detect_language(text or (meta.title or ""), meta.declared_lang)
    marks.append(clock())
    if assembly is not None and len(text) >= core._MIN_ARTICLE_CHARS:
        core._analyse(text, assembly, meta, lang)
    marks.append(clock())
    return [later - earlier for earlier, later in pairwise(marks)]


def measure(
    pages: Sequence[datasets.Page], before: Sequence[Callable[[bytes, str | None], object]]
) -> list[list[float]]:
    """Each page's stage times, with the ``before`` tools run on the page first."""
    rows = []
    for page in pages:
        raw = page.raw()
        for tool in before:
            tool(raw, page.url)
        rows.append(stage_times(raw, page.url))
    return rows


def report(label: str, rows: list[list[float]]) -> None:
    medians = [statistics.median(row[i] for row in rows) * 1000 for i in range(len(STAGES))]
    total = statistics.median(sum(row) for row in rows) * 1000
    cells = "  ".join(f"{name} {ms:.3f}" for name, ms in zip(STAGES, medians, strict=True))
    print(f"{label:<14} {cells}  all {total:.2f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--dataset", default="zyte")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    pages = datasets.load(args.dataset, limit=args.limit)
    others = [make_tool(name) for name in TOOL_NAMES if name != "warta"]
    for page in pages[:3]:  # warm-up: models loaded, lexicons read
        stage_times(page.raw(), page.url)
    report("alone", measure(pages, []))
    report("between tools", measure(pages, others))
    flush = cache_flusher()
    report("caches flushed", measure(pages, [lambda raw, url: flush()]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
