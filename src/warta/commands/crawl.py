"""``warta crawl``: follow feeds or sitemaps, fetch new and changed pages politely, archive."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from warta.errors import ConfigError, WartaError
from warta.pipeline.config import DEFAULT_TARGET, RunConfig, build_config
from warta.pipeline.crawl import crawl_once, fetch_options
from warta.pipeline.report import LiveProgress, error_line, render_summary
from warta.pipeline.spool import default_work_dir
from warta.store import open_sink


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "crawl",
        help="keep an archive up to date from feeds or sitemaps",
        description=(
            "Fetch the pages that RSS/Atom feeds or sitemaps list (robots.txt obeyed, one "
            "request per host at a time, paced), extract and deduplicate them into an archive, "
            "then wait and do it again. Pages already archived are fetched again only when "
            "the server says they changed (conditional GET)."
        ),
    )
    parser.add_argument("--feed", action="append", default=[], metavar="URL", help="a feed")
    parser.add_argument("--sitemap", action="append", default=[], metavar="URL", help="a sitemap")
    parser.add_argument("--to", dest="target", metavar="ARCHIVE", help=f"default {DEFAULT_TARGET}")
    parser.add_argument("--config", metavar="RUN.TOML", help="read settings from a TOML file")
    parser.add_argument("--interval", type=float, default=900.0, metavar="SEC",
                        help="seconds between two cycles (default 900)")  # fmt: skip
    parser.add_argument("--once", action="store_true", help="one cycle, then stop")
    parser.add_argument("--delay", type=float, metavar="SEC",
                        help="pause between two requests to one host (default 1)")  # fmt: skip
    parser.add_argument("--jobs", type=int, help="extraction processes (default: one per CPU)")
    parser.add_argument("--lang", dest="langs", metavar="LANGS", help="keep only these, e.g. id,ms")
    parser.add_argument("--near-dup-threshold", type=float, metavar="J")
    parser.add_argument("--no-dedup", action="store_const", const=True, default=None)
    parser.add_argument("--timeout", type=float, metavar="SEC", help="per-page extraction limit")
    parser.add_argument("--allow-private", action="store_const", const=True, default=None,
                        help="allow loopback and private-network addresses")  # fmt: skip
    parser.add_argument("--work-dir", metavar="DIR", help="where a crawl keeps its state")
    parser.add_argument("--quiet", "-q", action="store_const", const=True, default=None)
    parser.set_defaults(handler=handle)


def config_from(args: argparse.Namespace) -> RunConfig:
    sources = tuple(args.feed) + tuple(args.sitemap)
    config = build_config(
        args.config,
        sources=sources or None,
        target=args.target,
        jobs=args.jobs,
        langs=args.langs,
        near_dup_threshold=args.near_dup_threshold,
        no_dedup=args.no_dedup,
        timeout=args.timeout,
        allow_private=args.allow_private,
        work_dir=args.work_dir,
        quiet=args.quiet,
    )
    if not config.sources:
        raise ConfigError("give at least one --feed or --sitemap URL.")
    if args.interval <= 0:
        raise ConfigError("--interval must be a positive number of seconds.")
    return config


def handle(args: argparse.Namespace) -> int:
    try:
        config = config_from(args)
        base = Path(config.work_dir) if config.work_dir else default_work_dir(config.target)
        options = fetch_options(config, args.delay)
        with open_sink(config.target) as sink:
            while True:
                progress = LiveProgress(quiet=config.quiet)
                report = crawl_once(config, sink, options, base / "validators.json", progress)
                render_summary(report)
                if args.once:
                    break
                time.sleep(args.interval)
    except WartaError as exc:
        print(error_line("crawl", exc), file=sys.stderr)
        return 1
    if report.nothing_done:
        print(error_line("crawl", WartaError(report.failure_summary)), file=sys.stderr)
        return 1
    return 0
