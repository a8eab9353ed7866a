"""The pages warta (or another tool) does worst on: what it kept that it should not, what it missed.

    python -m benchmarks.worst [--dataset zyte] [-n 10] [--compare trafilatura]
        [--ids ID,ID] [--width 200] [--show-text] [--warta-rev REV] [--json worst.json]

Body-metric pages are ranked by per-page F1 (lowest first); snippet pages by the number of
missing ``with`` plus leaked ``without`` snippets (most first). For body pages the extra and the
missing text are shown as the longest runs of tokens that no matched shingle covers, with their
position in the text (0% = start), so header, footer and sidebar debris are easy to tell apart.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from benchmarks import datasets, metrics
from benchmarks.datasets import Page
from benchmarks.extraction import PageResult, Tool, call, make_tool, score, warta_tree

CONTEXT = 60  # characters shown either side of a leaked snippet
_INVISIBLE = frozenset({"script", "style", "template", "noscript"})


@dataclass(frozen=True, slots=True)
class Span:
    """A run of tokens of one text that the other text does not account for."""

    tokens: int
    start: int  # character offsets into the text
    end: int
    where: float  # start position as a share of the text's length


def unmatched_spans(text: str, other: str, n: int = metrics.SHINGLE) -> list[Span]:
    """Runs of ``text``'s tokens covered by no shingle that ``other`` matches, longest first."""
    found = metrics.token_matches(text)
    if not found:
        return []
    tokens = [m.group() for m in found]
    budget = metrics.shingles(metrics.tokenize(other), n)
    width = min(n, len(tokens))
    covered = [False] * len(tokens)
    for i in range(len(tokens) - width + 1):
        shingle = tuple(tokens[i : i + width])
        if budget[shingle] > 0:  # consume, so repeats beyond the other's count stay unmatched
            budget[shingle] -= 1
            covered[i : i + width] = [True] * width
    spans = [_span(found, a, b, len(text)) for a, b in _runs(covered)]
    return sorted(spans, key=lambda s: -s.tokens)


def _runs(covered: Sequence[bool]) -> list[tuple[int, int]]:
    runs, start = [], None
    for i, ok in enumerate([*covered, True]):
        if not ok and start is None:
            start = i
        elif ok and start is not None:
            runs.append((start, i - 1))
            start = None
    return runs


def _span(found: Sequence[Any], first: int, last: int, size: int) -> Span:
    start, end = found[first].start(), found[last].end()
    return Span(last - first + 1, start, end, start / size if size else 0.0)


def excerpt(text: str, width: int) -> str:
    flat = metrics.collapse(text).strip()
    return flat if len(flat) <= width else flat[: width - 1] + "…"


@dataclass(slots=True)
class Diagnosis:
    page: Page
    result: PageResult
    text: str
    other: PageResult | None = None
    other_text: str = ""

    @property
    def wrong(self) -> bool:
        """Anything to show: a failure, a snippet error or a body below a perfect score."""
        s, b = self.result.snippets, self.result.body
        return self.result.error is not None or bool(s and s.errors) or bool(b and b.f1 < 1.0)

    def rank(self) -> tuple[float, ...]:
        """Sort key: worst first."""
        s, b = self.result.snippets, self.result.body
        return (-(s.errors if s else 0), -(s.fn if s else 0), b.f1 if b else 1.0)


def diagnose(pages: Sequence[Page], tool: Tool, other: Tool | None) -> list[Diagnosis]:
    found = []
    for page in pages:
        raw = page.raw()
        result, text = call(tool, page, raw)
        score(page, result, text)
        diagnosis = Diagnosis(page, result, text)
        if other is not None:
            diagnosis.other, diagnosis.other_text = call(other, page, raw)
            score(page, diagnosis.other, diagnosis.other_text)
        found.append(diagnosis)
    return sorted(found, key=Diagnosis.rank)


def describe(d: Diagnosis, width: int, spans: int) -> list[str]:
    r, p = d.result, d.page
    head = f"{p.id}  status {r.status or '-'}  {r.chars} chars out"
    if p.text is not None:
        head += f" / {len(p.text)} truth"
    lines = [head, f"  url  {p.url}  lang {p.lang or '?'}"]
    if r.error:
        lines.append(f"  ERROR {r.error}")
    if r.body is not None and p.text is not None:
        lines.append("  " + _body_figures(r.body))
        tree = _parse(p.raw()) if r.body.f1 < 1.0 else None
        lines += _span_lines("EXTRA", d.text, p.text, width, spans, tree)
        lines += _span_lines("MISSING", p.text, d.text, width, spans, tree)
    if r.snippets is not None:
        lines += _snippet_lines(d, width)
    if d.other is not None:
        lines.append(f"  compare: {_other_figures(d.other)}")
    if not d.text.strip():
        return lines
    lines.append(f"  output starts: {excerpt(d.text, width)!r}")
    return lines


def _body_figures(b: metrics.BodyCounts) -> str:
    p = "-" if b.precision is None else f"{b.precision:.3f}"
    r = "-" if b.recall is None else f"{b.recall:.3f}"
    return f"F1 {b.f1:.3f}  P {p}  R {r}"


def _span_lines(
    label: str, text: str, other: str, width: int, count: int, tree: LexborHTMLParser | None
) -> list[str]:
    found = unmatched_spans(text, other)
    if not found:
        return []
    total = sum(s.tokens for s in found)
    lines = [f"  {label} {total} tokens in {len(found)} runs; longest:"]
    for s in found[:count]:
        body = excerpt(text[s.start : s.end], width)
        lines.append(f"    [@{s.where:4.0%} {s.tokens} tok] {body!r}")
        if tree is not None:
            lines.append(f"        in page at {_locate_run(tree, text[s.start : s.end])}")
    return lines


def _locate_run(tree: LexborHTMLParser, text: str) -> str:
    """Where a run starts in the page, from its first words: few enough to sit in one element."""
    words = metrics.collapse(text).split()
    found = locate(tree, " ".join(words[:6]))
    return found if not found.startswith("(") else locate(tree, " ".join(words[:3]))


def _snippet_lines(d: Diagnosis, width: int) -> list[str]:
    s = d.result.snippets
    assert s is not None
    lines = [f"  with missing {s.fn} of {s.with_total}, without leaked {s.fp} of {s.without_total}"]
    flat = metrics.collapse(d.text)
    other = metrics.collapse(d.other_text) if d.other is not None else None
    tree = _parse(d.page.raw()) if s.errors else None
    for snippet in s.leaked:
        at = flat.find(metrics.collapse(snippet).strip())
        context = flat[max(0, at - CONTEXT) : at + len(snippet) + CONTEXT]
        lines.append(f"    LEAKED  {snippet!r}  @{at / max(len(flat), 1):.0%} in …{context}…")
        lines.append(f"            in page at {locate(tree, snippet)}")
    for snippet in s.missing:
        note = ""
        if other is not None:
            has = metrics.collapse(snippet).strip() in other
            note = "  (compare tool has it)" if has else "  (compare tool lacks it too)"
        lines.append(f"    MISSING {excerpt(snippet, width)!r}{note}")
        lines.append(f"            in page at {locate(tree, snippet)}")
    return lines


def _parse(raw: bytes) -> LexborHTMLParser:
    from trafilatura.utils import decode_file  # a decoder independent of warta's

    return LexborHTMLParser(decode_file(raw))


def locate(tree: LexborHTMLParser | None, snippet: str, depth: int = 4) -> str:
    """Where a snippet sits in the page: the last ``depth`` steps of the path to the smallest
    element whose text holds it, e.g. ``div#main > aside.related > ul > li``."""
    node = tree.body if tree is not None else None
    needle = metrics.collapse(snippet).strip()
    if tree is None or node is None or not _holds(node, needle):
        if tree is not None and tree.root is not None and _holds(tree.root, needle):
            return "(only outside <body>: head, or markup the parser moved)"
        if tree is not None and needle in metrics.collapse(tree.html or ""):
            return "(only in the raw markup: a script, JSON or attribute)"
        return "(not in the page as plain text: escaped, split by tags, or absent)"
    path = [node]
    while (child := next((c for c in node.iter() if _visible_holds(c, needle)), None)) is not None:
        node = child
        path.append(node)
    return " > ".join(_step(n) for n in path[-depth:])


def _visible_holds(node: LexborNode, needle: str) -> bool:
    return node.tag not in _INVISIBLE and _holds(node, needle)


def _holds(node: LexborNode, needle: str) -> bool:
    # With and without a space between text nodes: a snippet may cross inline tags or blocks.
    return any(needle in metrics.collapse(node.text(deep=True, separator=sep)) for sep in ("", " "))


def _step(node: LexborNode) -> str:
    ident = node.attributes.get("id")
    classes = (node.attributes.get("class") or "").split()
    return (
        (node.tag or "?") + (f"#{ident}" if ident else "") + "".join(f".{c}" for c in classes[:2])
    )


def _other_figures(r: PageResult) -> str:
    parts = [f"{r.chars} chars"]
    if r.body is not None:
        parts.append(_body_figures(r.body))
    if r.snippets is not None:
        parts.append(f"missing {r.snippets.fn}, leaked {r.snippets.fp}")
    return "  ".join(parts)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="warta's worst pages on one evaluation set")
    parser.add_argument("--dataset", default="zyte", choices=datasets.DATASETS)
    parser.add_argument("-n", type=int, default=10, help="how many pages to show")
    parser.add_argument("--tool", default="warta", help="the tool to diagnose (warta)")
    parser.add_argument("--compare", default=None, help="also run this tool, e.g. trafilatura")
    parser.add_argument("--ids", default=None, help="only these page ids (comma-separated)")
    parser.add_argument("--width", type=int, default=200, help="characters per excerpt")
    parser.add_argument("--spans", type=int, default=3, help="extra/missing runs per page")
    parser.add_argument("--show-text", action="store_true", help="print warta's whole output")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--warta-rev", default=None, help="diagnose warta as committed at REV")
    parser.add_argument("--json", type=Path, default=None, help="write the ranked list here")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    pages = datasets.load(args.dataset, args.data, args.limit)
    if args.ids:
        wanted = set(args.ids.split(","))
        pages = [p for p in pages if p.id in wanted]
    other = make_tool(args.compare) if args.compare else None
    with warta_tree(args.warta_rev) as (src, label):
        ranked = diagnose(pages, make_tool(args.tool, src), other)
    print(f"warta: {label}\n" + _summary(args.dataset, ranked))
    for index, d in enumerate([d for d in ranked if d.wrong][: args.n], 1):
        print(f"\n#{index} " + "\n".join(describe(d, args.width, args.spans)))
        if args.show_text:
            print("  ---- output ----\n" + d.text + "\n  ---- end ----")
    if args.json:
        rows = [_row(d) for d in ranked]
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1))
    return 0


def _summary(name: str, ranked: Sequence[Diagnosis]) -> str:
    statuses = Counter(d.result.status or "-" for d in ranked)
    errors = sum(d.result.error is not None for d in ranked)
    line = f"{name}: {len(ranked)} pages; statuses {dict(statuses)}; exceptions {errors}"
    bodies = [d.result.body for d in ranked if d.result.body is not None]
    if bodies:
        b = metrics.body_scores(bodies)
        low = sum(c.f1 < 0.8 for c in bodies)
        line += f"\nbody F1 {b.f1:.3f} P {b.precision:.3f} R {b.recall:.3f}; F1<0.8 on {low} pages"
    snips = [d.result.snippets for d in ranked if d.result.snippets is not None]
    if snips:
        s = metrics.snippet_scores(snips)
        line += f"\nsnippets F1 {s.f1:.3f}; missing {s.fn}/{s.with_total}, leaked {s.fp}/"
        line += f"{s.without_total}; pages with an error {sum(c.errors > 0 for c in snips)}"
    return line


def _row(d: Diagnosis) -> dict[str, Any]:
    b, s = d.result.body, d.result.snippets
    return {
        "id": d.page.id,
        "url": d.page.url,
        "status": d.result.status,
        "f1": b.f1 if b else None,
        "precision": b.precision if b else None,
        "recall": b.recall if b else None,
        "missing": list(s.missing) if s else None,
        "leaked": list(s.leaked) if s else None,
        "chars": d.result.chars,
    }


if __name__ == "__main__":
    sys.exit(main())
