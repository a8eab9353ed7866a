"""``warta extract PATH|URL|-``: extract articles from pages, one output per page."""

from __future__ import annotations

import argparse
import glob
import gzip
import json
import os
import sys
import time
import zlib
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

import warta
from warta.article import Article, Status

_PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz", ".xhtml")
_MAX_PAGE_BYTES = 200 * 1024 * 1024  # a gzip member that inflates past this is refused


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="extract articles from HTML files, a folder, a glob, a URL or stdin",
        description="Extract the article from each page and print or save it.",
    )
    parser.add_argument("input", help="a file, folder, glob, http(s) URL, or - for stdin")
    parser.add_argument(
        "--format", choices=("json", "text", "markdown"), default="json", help="output format"
    )
    parser.add_argument("--output", "-o", help="write one file per page into this folder")
    parser.add_argument("--jobs", "-j", type=int, default=1, help="pages extracted in parallel")
    parser.add_argument("--url", help="the page's URL, for a single file or stdin")
    parser.add_argument(
        "--no-metadata",
        action="store_true",
        help="extract the text, title and language only, in about 60%% of the time: dates, authors,"
        " site and sources are left empty (the text and markdown formats never print them, and"
        " skip them without this flag)",
    )
    parser.add_argument(
        "--allow-private", action="store_true", help="allow fetching private/loopback addresses"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.input.startswith(("http://", "https://")):
        return _run_url(args)
    if args.input == "-":
        article = warta.extract(sys.stdin.buffer.read(), url=args.url, metadata=_metadata(args))
        _emit(article, "stdin", args)
        return 0 if article.status is not Status.ERROR else 1
    paths = list(_pages(args.input))
    if not paths:
        _say(f"No HTML pages found at {args.input!r} (looked for {', '.join(_PAGE_SUFFIXES)}).")
        return 2
    return _run_files(paths, args)


def _metadata(args: argparse.Namespace) -> bool:
    """Whether to read the metadata: only JSON prints it, and the user may not want it."""
    return args.format == "json" and not args.no_metadata


def _run_files(paths: list[Path], args: argparse.Namespace) -> int:
    if args.output:
        Path(args.output).mkdir(parents=True, exist_ok=True)
    done = failures = 0
    single_url = args.url if len(paths) == 1 else None
    started = time.monotonic()
    with _progress(len(paths)) as (progress, task):
        for path, article in _extract_all(paths, args.jobs, single_url, _metadata(args)):
            done += 1
            if article.status is Status.ERROR:
                failures += 1
                _say(f"{path}: {article.reason}")
            _emit(article, str(path), args)
            rate = done / max(time.monotonic() - started, 1e-9)
            progress.update(task, advance=1, rate=f"{rate:.1f} pages/s")
    elapsed = time.monotonic() - started
    _say(f"{_pages_word(done)} in {elapsed:.1f} s: {done - failures} extracted, {failures} failed.")
    return 1 if failures == done else 0


def _extract_all(
    paths: list[Path], jobs: int, url: str | None, metadata: bool
) -> Iterator[tuple[Path, Article]]:
    if jobs <= 1:
        for path in paths:
            yield path, _extract_file(path, url, metadata)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        chunk = max(1, min(64, len(paths) // (jobs * 8) or 1))
        count = len(paths)
        results = pool.map(_extract_file, paths, [url] * count, [metadata] * count, chunksize=chunk)
        yield from zip(paths, results, strict=True)


def _extract_file(path: Path, url: str | None, metadata: bool = True) -> Article:
    try:
        data = _read_page(path)
    except (gzip.BadGzipFile, EOFError, zlib.error, ValueError) as error:
        return Article(status=Status.ERROR, reason=f"The file is not valid gzip: {error}.")
    except OSError as error:
        return Article(
            status=Status.ERROR, reason=f"The file could not be read: {error.strerror or error}."
        )
    return warta.extract(data, url=url, metadata=metadata)


def _read_page(path: Path) -> bytes:
    if path.suffix != ".gz":
        return path.read_bytes()
    with gzip.open(path, "rb") as stream:
        data = stream.read(_MAX_PAGE_BYTES + 1)
    if len(data) > _MAX_PAGE_BYTES:
        raise ValueError(f"it inflates past {_MAX_PAGE_BYTES // 2**20} MB")
    return data


def _run_url(args: argparse.Namespace) -> int:
    from warta.ingest.fetch import fetch_one  # the network stack loads only when needed

    record = fetch_one(args.input, allow_private=args.allow_private)
    if record.error:
        _say(f"{args.input}: {record.error}")
        return 1
    article = warta.extract(
        record.body,
        url=record.url,
        crawled_at=record.crawled_at,
        headers=record.headers,
        metadata=_metadata(args),
    )
    _emit(article, args.input, args)
    return 0 if article.status is not Status.ERROR else 1


def _pages(spec: str) -> Iterator[Path]:
    path = Path(spec)
    if path.is_dir():
        for root, _dirs, files in os.walk(path):
            for name in sorted(files):
                if name.lower().endswith(_PAGE_SUFFIXES):
                    yield Path(root, name)
    elif path.is_file():
        yield path
    else:
        for match in sorted(glob.glob(spec, recursive=True)):
            if Path(match).is_file():
                yield Path(match)


def _emit(article: Article, name: str, args: argparse.Namespace) -> None:
    rendered = _render(article, name, args.format)
    if not args.output:
        sys.stdout.write(rendered + "\n")
        return
    suffix = {"json": ".json", "text": ".txt", "markdown": ".md"}[args.format]
    stem = Path(name).name.removesuffix(".gz").rsplit(".", 1)[0] or "page"
    Path(args.output, stem + suffix).write_text(rendered + "\n", encoding="utf-8")


def _render(article: Article, name: str, fmt: str) -> str:
    if fmt == "json":
        data = article.to_dict()
        data["input"] = name
        return json.dumps(data, ensure_ascii=False)
    return article.markdown if fmt == "markdown" else article.text


class _progress:
    """A progress bar on stderr when it is a terminal; silent otherwise."""

    def __init__(self, total: int) -> None:
        self.progress = Progress(
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            disable=not sys.stderr.isatty() or total < 2,
            transient=True,
        )
        self.task = self.progress.add_task("pages", total=total, rate="")

    def __enter__(self) -> tuple[Progress, Any]:
        self.progress.start()
        return self.progress, self.task

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()


def _say(message: str) -> None:
    print(f"warta: {message}", file=sys.stderr)


def _pages_word(count: int) -> str:
    return f"{count} page" if count == 1 else f"{count} pages"
