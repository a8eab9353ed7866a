"""Publication-date accuracy and speed: warta against htmldate and trafilatura, side by side.

Run from the repository root: ``python -m benchmarks.dates`` (``--failures`` lists warta's misses,
``--set web-eval`` or ``--set id-news`` runs one set). Pages: those of ``web-eval`` that have a
``date``, and all of ``id-news``. Metric: exact YYYY-MM-DD match of the publication date.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
import warnings
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks.datasets import data_root
from warta.extract.dates import find_page_dates
from warta.html.decode import decode
from warta.html.parse import parse_html

SETS = ("web-eval", "id-news")


@dataclass
class Case:
    dataset: str
    id: str
    url: str | None
    lang: str
    truth: str
    raw: bytes
    crawled_at: datetime | None = None


@dataclass
class Score:
    hits: int = 0
    total: int = 0
    times: list[float] = field(default_factory=list)
    by_lang: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    misses: list[tuple[Case, str | None, str | None]] = field(default_factory=list)

    def add(self, case: Case, got: str | None, seconds: float, source: str | None = None) -> None:
        ok = got == case.truth
        self.hits += ok
        self.total += 1
        self.times.append(seconds)
        self.by_lang[case.lang][0] += ok
        self.by_lang[case.lang][1] += 1
        if not ok:
            self.misses.append((case, got, source))

    @property
    def accuracy(self) -> float:
        return self.hits / self.total if self.total else 0.0

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times) * 1000 if self.times else 0.0


def load_cases(name: str, root: Path) -> list[Case]:
    folder = root / name
    cases = []
    with (folder / "manifest.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record: dict[str, Any] = json.loads(line)
            if not record.get("date"):
                continue
            with gzip.open(folder / record["html_path"]) as page:
                raw = page.read()
            crawled = record.get("crawled_at") or record.get("crawl_date")
            cases.append(
                Case(
                    dataset=name,
                    id=str(record["id"]),
                    url=record.get("url"),
                    lang=record.get("lang") or "?",
                    truth=record["date"][:10],
                    raw=raw,
                    crawled_at=datetime.fromisoformat(crawled) if crawled else None,
                )
            )
    return cases


def day_of(value: date | datetime | str | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value[:10] or None
    return value.isoformat()[:10]


def timed(function: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    try:
        result = function()
    except Exception:  # a baseline crashing on a page is a miss, not the end of the run
        result = None
    return result, time.perf_counter() - start


def run_warta(case: Case, text: str, score: Score) -> None:
    tree = parse_html(text)
    result, seconds = timed(
        lambda: find_page_dates(tree, url=case.url, crawled_at=case.crawled_at, lang=_lang(case))
    )
    got = day_of(result.published) if result else None
    score.add(case, got, seconds, result.source if result else None)


def _lang(case: Case) -> str | None:
    return None if case.lang == "?" else case.lang


def run_extract(case: Case, score: Score) -> bool:
    """warta's full extract, if it reports a publication date; False if it reports none."""
    import warta

    article, seconds = timed(
        lambda: warta.extract(case.raw, url=case.url, crawled_at=case.crawled_at)
    )
    published = getattr(article, "published", None)
    score.add(case, day_of(published), seconds, getattr(article, "date_source", None))
    return published is not None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--set", choices=SETS, action="append")
    parser.add_argument("--failures", action="store_true", help="list warta's misses")
    parser.add_argument("--only-warta", action="store_true", help="skip the other tools")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    root = data_root()
    for name in args.set or SETS:
        report(name, load_cases(name, root), args)


def run_others(case: Case, text: str, scores: dict[str, Score]) -> None:
    """htmldate (extensive and fast) and trafilatura's metadata on the same decoded text."""
    from htmldate import find_date
    from trafilatura import extract_metadata

    for label, extensive in (("htmldate extensive", True), ("htmldate fast", False)):
        got, seconds = timed(
            partial(find_date, text, url=case.url, extensive_search=extensive, original_date=True)
        )
        scores[label].add(case, day_of(got), seconds)
    meta, seconds = timed(partial(extract_metadata, text, default_url=case.url))
    scores["trafilatura metadata"].add(case, day_of(getattr(meta, "date", None)), seconds)


def report(name: str, cases: list[Case], args: argparse.Namespace) -> None:
    scores: dict[str, Score] = defaultdict(Score)
    for case in cases:
        text, _ = decode(case.raw)
        run_warta(case, text, scores["warta find_page_dates"])
        if args.only_warta:
            continue
        run_extract(case, scores["warta.extract (whole)"])
        run_others(case, text, scores)
    if scores["warta.extract (whole)"].hits == 0:
        scores.pop("warta.extract (whole)", None)  # extract does not report dates yet
    print(f"\n## {name}: {len(cases)} pages with a date")
    print("| tool | accuracy | hits | median ms/page |\n|---|---|---|---|")
    for label, score in scores.items():
        hits = f"{score.hits}/{score.total}"
        print(f"| {label} | {score.accuracy:.3f} | {hits} | {score.median_ms:.2f} |")
    warta = scores["warta find_page_dates"]
    langs = sorted(warta.by_lang.items(), key=lambda kv: -kv[1][1])
    print("\nwarta by language: " + ", ".join(f"{k} {h}/{t}" for k, (h, t) in langs))
    if args.failures:
        for case, got, source in warta.misses:
            print(f"MISS {case.id} {case.lang} truth={case.truth} got={got} ({source}) {case.url}")


if __name__ == "__main__":
    main()
