"""Is one revision of warta faster than another? Alternating runs, paired round by round.

    python -m benchmarks.compare BASE [HEAD] [--dataset zyte] [--rounds 8]
        [--between trafilatura|none|flush]

Both revisions are exported and built as the extraction benchmark's ``--warta-rev`` builds them
(HEAD omitted: the working tree, as installed). Each round measures BASE and HEAD once each, in
fresh processes, in the order A B in one round and B A in the next, so that a drift in the
machine's load falls on both alike. A measurement is warta's median time per page over the whole
set, after a warm-up of three pages, with other work between pages: ``trafilatura`` (default)
stands for the other tools of the extraction benchmark's page order, ``flush`` evicts the CPU
caches (its ``--order cold``), ``none`` runs warta alone.

It prints every round, the median of HEAD's differences from BASE, their range and how many
rounds HEAD won; and whether the two give the same ``Article`` (every field) on every page. A
difference inside the range of the rounds is noise: on a shared 2-core machine, rounds of the
same code differ by a few percent.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from benchmarks import datasets
from benchmarks.extraction import (
    FLUSH_BYTES,
    WARMUP_PAGES,
    cache_flusher,
    import_warta,
    make_tool,
    warta_tree,
)

BETWEEN = ("trafilatura", "none", "flush")


@dataclass(frozen=True, slots=True)
class Measurement:
    median_ms: float
    mean_ms: float
    digests: tuple[str, ...]  # one per page: the Article's JSON, hashed


@dataclass(frozen=True, slots=True)
class Summary:
    rounds: int
    median_change_ms: float  # HEAD minus BASE: below zero, HEAD is faster
    smallest_change_ms: float
    largest_change_ms: float
    head_wins: int
    base_median_ms: float
    head_median_ms: float

    def verdict(self) -> str:
        if self.largest_change_ms < 0:
            return "HEAD is faster in every round"
        if self.smallest_change_ms > 0:
            return "HEAD is slower in every round"
        return "within noise: no difference holds in every round"


def schedule(rounds: int) -> list[tuple[str, str]]:
    """The order of the two measurements in each round: A B, then B A, and so on."""
    return [("base", "head") if i % 2 == 0 else ("head", "base") for i in range(rounds)]


def summarise(pairs: Sequence[tuple[float, float]]) -> Summary:
    """(base, head) medians of each round, as one summary."""
    changes = [head - base for base, head in pairs]
    return Summary(
        rounds=len(pairs),
        median_change_ms=statistics.median(changes),
        smallest_change_ms=min(changes),
        largest_change_ms=max(changes),
        head_wins=sum(change < 0 for change in changes),
        base_median_ms=statistics.median(base for base, _ in pairs),
        head_median_ms=statistics.median(head for _, head in pairs),
    )


def measure(src: Path, dataset: str, between: str) -> Measurement:
    """warta from ``src`` over one set, in this process (the child of a round)."""
    warta = import_warta(src)
    pages = datasets.load(dataset)
    raws = [page.raw() for page in pages]
    work = _between(between)
    for page, raw in zip(pages[:WARMUP_PAGES], raws, strict=False):
        warta.extract(raw, url=page.url)
    times: list[float] = []
    digests: list[str] = []
    for page, raw in zip(pages, raws, strict=True):
        work(raw, page.url)
        start = time.perf_counter()
        article = warta.extract(raw, url=page.url)
        times.append((time.perf_counter() - start) * 1000)
        digests.append(hashlib.sha1(article.to_json().encode()).hexdigest())
    return Measurement(statistics.median(times), statistics.mean(times), tuple(digests))


def _between(kind: str) -> Callable[[bytes, str | None], object]:
    if kind == "trafilatura":
        return make_tool("trafilatura")  # as the extraction benchmark calls it
    if kind == "flush":
        flush = cache_flusher()
        return lambda raw, url: flush()
    return lambda raw, url: None


def _measure_in_child(src: Path, dataset: str, between: str) -> Measurement:
    command = [sys.executable, "-m", "benchmarks.compare", "--child", str(src)]
    command += ["--dataset", dataset, "--between", between]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"a measurement failed:\n{done.stderr}")
    found = json.loads(done.stdout.splitlines()[-1])
    return Measurement(found["median_ms"], found["mean_ms"], tuple(found["digests"]))


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("base", nargs="?", help="the git revision to compare against")
    parser.add_argument("head", nargs="?", default=None, help="default: the working tree")
    parser.add_argument("--dataset", default="zyte", choices=datasets.DATASETS)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--between", default="trafilatura", choices=BETWEEN)
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child is not None:
        found = measure(args.child, args.dataset, args.between)
        print(json.dumps(_as_json(found)))
        return 0
    if not args.base:
        raise SystemExit("name the revision to compare against: python -m benchmarks.compare REV")
    with ExitStack() as stack:
        base_src, base_label = stack.enter_context(warta_tree(args.base))
        head_src, head_label = stack.enter_context(warta_tree(args.head))
        work = f"a {FLUSH_BYTES >> 20} MB copy" if args.between == "flush" else args.between
        print(f"BASE {base_label}, HEAD {head_label}; {args.dataset}, between pages: {work}")
        return _rounds(args, {"base": base_src, "head": head_src})


def _rounds(args: argparse.Namespace, sources: dict[str, Path]) -> int:
    pairs: list[tuple[float, float]] = []
    differing = pages = 0
    for number, order in enumerate(schedule(args.rounds), 1):
        found = {
            name: _measure_in_child(sources[name], args.dataset, args.between) for name in order
        }
        base, head = found["base"], found["head"]
        pages = len(base.digests)
        differing = sum(a != b for a, b in zip(base.digests, head.digests, strict=True))
        pairs.append((base.median_ms, head.median_ms))
        print(
            f"round {number}: BASE {base.median_ms:.3f} ms  HEAD {head.median_ms:.3f} ms  "
            f"(means {base.mean_ms:.3f} / {head.mean_ms:.3f})",
            flush=True,
        )
    summary = summarise(pairs)
    print(
        f"median BASE {summary.base_median_ms:.3f} ms, HEAD {summary.head_median_ms:.3f} ms; "
        f"HEAD - BASE: median {summary.median_change_ms:+.3f} ms, range "
        f"{summary.smallest_change_ms:+.3f} to {summary.largest_change_ms:+.3f}; HEAD faster in "
        f"{summary.head_wins} of {summary.rounds} rounds: {summary.verdict()}"
    )
    print(f"pages whose Article differs (last round): {differing} of {pages}")
    return 0


def _as_json(found: Measurement) -> dict[str, object]:
    return {"median_ms": found.median_ms, "mean_ms": found.mean_ms, "digests": found.digests}


if __name__ == "__main__":
    raise SystemExit(main())
