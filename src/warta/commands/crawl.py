"""``warta crawl``: follow feeds or sitemaps, fetch new and changed pages politely, archive."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from warta.commands.runopts import add_run_options, run_command, run_config
from warta.errors import ConfigError
from warta.pipeline.config import RunConfig
from warta.pipeline.crawl import crawl_once, fetch_options
from warta.pipeline.report import LiveProgress, RunReport, render_summary
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
    parser.add_argument("--interval", type=float, default=900.0, metavar="SEC",
                        help="seconds between two cycles (default 900)")  # fmt: skip
    parser.add_argument("--once", action="store_true", help="one cycle, then stop")
    parser.add_argument("--delay", type=float, metavar="SEC",
                        help="pause between two requests to one host (default 1)")  # fmt: skip
    add_run_options(parser, target="archive (.db/.sqlite or postgresql:// URL)")
    parser.set_defaults(handler=handle)


def config_from(args: argparse.Namespace) -> RunConfig:
    config = run_config(args, tuple(args.feed) + tuple(args.sitemap))
    if not config.sources:
        raise ConfigError("give at least one --feed or --sitemap URL.")
    if args.interval <= 0:
        raise ConfigError("--interval must be a positive number of seconds.")
    return config


def handle(args: argparse.Namespace) -> int:
    def body() -> RunReport:
        config = config_from(args)
        base = Path(config.work_dir) if config.work_dir else default_work_dir(config.target)
        options = fetch_options(config, args.delay)
        with open_sink(config.target) as sink:
            while True:
                progress = LiveProgress(quiet=config.quiet)
                report = crawl_once(config, sink, options, base / "validators.json", progress)
                render_summary(report)
                if args.once:
                    return report
                time.sleep(args.interval)

    return run_command("crawl", body)
