"""Metadata benchmark: warta's titles, authors, dates and site names against other tools.

    python -m benchmarks.metadata [--tools warta,warta-extract,trafilatura,newspaper4k]
        [--datasets web-eval,id-news] [--limit N]
        [--failures title,author,date,site] [--json out.json]

Run from the repository root. Pages are decoded once (``warta.html.decode``) and every tool gets
the same string. Two warta rows: ``warta`` is ``read_metadata`` alone on a parsed page (its time
excludes parsing, which is reported apart and shared with content extraction; dates included),
the counterpart of trafilatura's ``extract_metadata``; ``warta-extract`` is the whole
``warta.extract`` (parsing, metadata, content, language, body analysis), the counterpart of
newspaper4k's ``parse``. trafilatura runs ``extract_metadata(html, default_url=url)``;
newspaper4k ``Article(url, fetch_images=False); download(input_html=html); parse()`` (no image
downloads, and tldextract kept offline). Each tool is timed around its own call (``--repeat N``:
the fastest of N calls, which a shared machine disturbs least); tools run one
after another on each page.

Matching rules:

* title: equal after collapsing whitespace and casefolding (the data README's rule);
* author: a name list is split on ``; , / & + and und dan et y e en i`` into names (whitespace
  collapsed, casefolded); "exact" when the two sets of names are equal, "overlap" when they
  share a name. Pages whose truth has no author are not counted;
* date: the publication date's YYYY-MM-DD equals the truth;
* site name: equal as written, and equal casefolded.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from benchmarks.datasets import data_root

REPO = Path(__file__).resolve().parents[1]
TOOLS = ("warta", "warta-extract", "trafilatura", "newspaper4k")
_SPACE = re.compile(r"\s+")
_NAME_SPLIT = re.compile(r"\s*[;,/&+]\s*|\s+(?:and|und|dan|et|y|e|en|i)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Truth:
    dataset: str
    id: str
    url: str | None
    path: Path
    title: str | None
    authors: tuple[str, ...] | None  # None: not annotated
    date: str | None
    site_name: str | None


@dataclass(frozen=True, slots=True)
class Guess:
    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    site_name: str | None = None


@dataclass(slots=True)
class Tally:
    """One tool's counts on one set."""

    title: list[bool] = field(default_factory=list)
    author_exact: list[bool] = field(default_factory=list)
    author_overlap: list[bool] = field(default_factory=list)
    date: list[bool] = field(default_factory=list)
    site: list[bool] = field(default_factory=list)
    site_casefold: list[bool] = field(default_factory=list)
    ms: list[float] = field(default_factory=list)
    failures: list[tuple[str, str, str, str]] = field(default_factory=list)


# --- data ------------------------------------------------------------------------------------


def load_truth(dataset: str, root: Path | None = None) -> list[Truth]:
    folder = (root or data_root()) / dataset
    pages: list[Truth] = []
    with (folder / "manifest.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                pages.append(_truth(dataset, folder, json.loads(line)))
    return pages


def _truth(dataset: str, folder: Path, record: dict[str, Any]) -> Truth:
    authors: tuple[str, ...] | None = None
    if "authors" in record:
        authors = tuple(record["authors"] or ())
    elif record.get("author"):
        raw = record["author"]
        authors = tuple(raw) if isinstance(raw, list) else (raw,)
    return Truth(
        dataset=dataset,
        id=str(record["id"]),
        url=record.get("url") or None,
        path=folder / record["html_path"],
        title=record.get("title") or None,
        authors=authors,
        date=record.get("date") or None,
        site_name=record.get("site_name") or None,
    )


def page_html(page: Truth) -> str:
    from warta.html import decode

    with gzip.open(page.path) as handle:
        return decode(handle.read())[0]


# --- tools -----------------------------------------------------------------------------------

Runner = Callable[[str, str | None], Guess]


def _iso(value: date | datetime | str | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    return str(value)[:10] or None


def warta_runner() -> tuple[Runner, list[float]]:
    """warta's metadata on an already decoded page; parse time is collected apart."""
    from warta.extract.metadata import read_metadata
    from warta.html import parse_html

    parse_ms: list[float] = []

    def run(html: str, url: str | None) -> Guess:
        start = time.perf_counter()
        tree = parse_html(html)
        parse_ms.append((time.perf_counter() - start) * 1000)
        meta = read_metadata(tree, url=url, crawled_at=None)
        return Guess(meta.title, meta.authors, _iso(meta.published), meta.site_name)

    return run, parse_ms


def warta_extract_runner() -> Runner:
    """warta's whole extraction (``warta.extract``), whose Article carries the metadata."""
    import warta

    def run(html: str, url: str | None) -> Guess:
        article = warta.extract(html, url=url)
        return Guess(article.title, article.authors, _iso(article.published), article.site_name)

    return run


def trafilatura_runner() -> Runner:
    import trafilatura

    def run(html: str, url: str | None) -> Guess:
        doc = trafilatura.extract_metadata(html, default_url=url)
        if doc is None:
            return Guess()
        authors = tuple(a for a in (doc.author or "").split("; ") if a)
        return Guess(doc.title, authors, _iso(doc.date), doc.sitename)

    return run


def newspaper_runner() -> Runner:
    warnings.filterwarnings("ignore", module="newspaper")
    import newspaper  # type: ignore[import-untyped]
    import tldextract

    # newspaper4k asks tldextract for domains, which fetches the public suffix list from the
    # network on first use; the list bundled with tldextract is enough and keeps runs offline.
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())

    def run(html: str, url: str | None) -> Guess:
        article = newspaper.Article(url or "http://example.invalid/", fetch_images=False)
        article.download(input_html=html)
        article.parse()
        site = (article.meta_site_name or None) if hasattr(article, "meta_site_name") else None
        return Guess(
            article.title or None, tuple(article.authors), _iso(article.publish_date), site
        )

    return run


# --- scoring ---------------------------------------------------------------------------------


def norm_title(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip().casefold()


def name_set(names: Iterable[str]) -> frozenset[str]:
    out: set[str] = set()
    for name in names:
        for part in _NAME_SPLIT.split(name):
            part = _SPACE.sub(" ", part).strip(" .").casefold()
            if part:
                out.add(part)
    return frozenset(out)


def score(tally: Tally, page: Truth, guess: Guess, failures: set[str]) -> None:
    if page.title:
        ok = norm_title(guess.title) == norm_title(page.title)
        tally.title.append(ok)
        if not ok and "title" in failures:
            tally.failures.append(("title", page.id, page.title, guess.title or ""))
    if page.authors is not None and (page.authors or page.dataset == "id-news"):
        truth, got = name_set(page.authors), name_set(guess.authors)
        tally.author_exact.append(truth == got)
        tally.author_overlap.append(bool(truth & got) or truth == got)
        if truth != got and "author" in failures:
            tally.failures.append(
                ("author", page.id, "; ".join(page.authors), "; ".join(guess.authors))
            )
    if page.date and page.dataset == "id-news":
        ok = guess.date == page.date
        tally.date.append(ok)
        if not ok and "date" in failures:
            tally.failures.append(("date", page.id, page.date, guess.date or ""))
    if page.site_name:
        tally.site.append((guess.site_name or "").strip() == page.site_name)
        ok = (guess.site_name or "").strip().casefold() == page.site_name.casefold()
        tally.site_casefold.append(ok)
        if not ok and "site" in failures:
            tally.failures.append(("site", page.id, page.site_name, guess.site_name or ""))


def _rate(values: list[bool]) -> str:
    return f"{sum(values) / len(values):.3f} ({sum(values)}/{len(values)})" if values else "–"


# --- run -------------------------------------------------------------------------------------


def _timed(
    name: str,
    runner: Runner,
    page: Truth,
    html: str,
    repeat: int,
    parse_ms: list[float],
    parse_times: list[float],
) -> tuple[Guess, float]:
    """The tool's answer and its fastest time over ``repeat`` runs (the least disturbed by
    other work on a shared machine). warta's metadata time excludes its parse."""
    guess, best, best_parse = Guess(), float("inf"), 0.0
    for attempt in range(repeat):
        start = time.perf_counter()
        try:
            answer = runner(html, page.url)
        except Exception as error:  # a tool's crash on a page counts as a wrong answer
            print(f"{name} failed on {page.id}: {error!r}", file=sys.stderr)
            answer = Guess()
        elapsed = (time.perf_counter() - start) * 1000
        parse = parse_ms.pop() if name == "warta" and parse_ms else 0.0
        if attempt == 0:
            guess = answer
        if elapsed - parse < best:
            best, best_parse = elapsed - parse, parse
    if name == "warta":
        parse_times.append(best_parse)
    return guess, best


def run(
    datasets: Iterable[str],
    tools: Iterable[str],
    limit: int | None,
    failures: set[str],
    repeat: int = 1,
) -> dict[str, dict[str, Tally]]:
    tools = tuple(tools)
    runners: dict[str, Runner] = {}
    parse_ms: list[float] = []
    if "warta" in tools:
        runners["warta"], parse_ms = warta_runner()
    if "warta-extract" in tools:
        runners["warta-extract"] = warta_extract_runner()
    if "trafilatura" in tools:
        runners["trafilatura"] = trafilatura_runner()
    if "newspaper4k" in tools:
        runners["newspaper4k"] = newspaper_runner()
    results: dict[str, dict[str, Tally]] = {}
    for dataset in datasets:
        pages = [p for p in load_truth(dataset) if p.title or p.authors or p.date][:limit]
        tallies = {name: Tally() for name in runners}
        parse_times: list[float] = []
        for page in pages:
            html = page_html(page)
            for name, runner in runners.items():
                guess, best = _timed(name, runner, page, html, repeat, parse_ms, parse_times)
                tallies[name].ms.append(best)
                score(tallies[name], page, guess, failures)
        if parse_times:
            median_parse = f"{statistics.median(parse_times):.2f}"
            tallies["warta"].failures.append(("parse-ms", dataset, median_parse, ""))
        results[dataset] = tallies
    return results


def report(results: dict[str, dict[str, Tally]]) -> Iterator[str]:
    for dataset, tallies in results.items():
        yield f"\n{dataset}\n"
        yield (
            "| tool | title | author exact | author overlap | date"
            " | site name (exact / casefold) | median ms |"
        )
        yield "|---|---|---|---|---|---|---|"
        for name, t in tallies.items():
            site = f"{_rate(t.site)} / {_rate(t.site_casefold)}" if t.site else "–"
            yield (
                f"| {name} | {_rate(t.title)} | {_rate(t.author_exact)} | {_rate(t.author_overlap)}"
                f" | {_rate(t.date)} | {site} | {statistics.median(t.ms):.2f} |"
            )
        for name, t in tallies.items():
            for kind, page, truth, got in t.failures:
                if kind == "parse-ms":
                    yield f"\n(warta: median parse time {truth} ms a page, not included above)"
                else:
                    yield f"  {name} {kind} {page}: want {truth!r} got {got!r}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", default="web-eval,id-news")
    parser.add_argument("--tools", default=",".join(TOOLS))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--failures", default="", help="title,author,date,site: list misses")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument(
        "--repeat", type=int, default=1, help="time each call N times and keep the fastest"
    )
    args = parser.parse_args(argv)
    src = REPO / "src"
    if str(src) not in sys.path:
        sys.path.insert(0, str(src))
    results = run(
        args.datasets.split(","),
        [t for t in args.tools.split(",") if t],
        args.limit,
        {f for f in args.failures.split(",") if f},
        max(1, args.repeat),
    )
    for line in report(results):
        print(line)
    if args.json:
        summary = {
            ds: {
                name: {k: getattr(t, k) for k in ("title", "author_exact", "date", "ms")}
                for name, t in tallies.items()
            }
            for ds, tallies in results.items()
        }
        args.json.write_text(json.dumps(summary))


if __name__ == "__main__":
    main()
