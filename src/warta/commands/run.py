"""``warta run``: sources in, a deduplicated archive (or JSONL/Parquet file) out."""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from typing import Any

from warta.commands.runopts import add_run_options, run_command, run_config
from warta.pipeline.config import RunConfig
from warta.pipeline.dask_cli import add_engine_options, make_executor
from warta.pipeline.report import LiveProgress, RunReport, render_summary
from warta.pipeline.shards import plan
from warta.store import open_sink


def sample_path() -> str:
    """The bundled sample WARC."""
    return str(resources.files("warta") / "data" / "sample" / "sample.warc.gz")


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "run",
        help="extract, filter and deduplicate pages from sources into an archive",
        description=(
            "Read pages from SOURCES (HTML files, folders, globs, WARC/ARC files, URL lists, "
            "feeds, sitemaps), extract articles, drop other languages and duplicates, and "
            "write everything to the output. A killed run resumes where it stopped."
        ),
    )
    parser.add_argument("sources", nargs="*", metavar="SOURCE", help="where the pages are")
    parser.add_argument("--sample", action="store_true", help="run on the bundled sample WARC")
    add_run_options(parser, target="archive (.db/.sqlite or postgresql:// URL), .jsonl or .parquet")
    add_engine_options(parser)  # --engine local|dask, --scheduler, --workers
    parser.set_defaults(handler=handle)


def config_from(args: argparse.Namespace) -> RunConfig:
    sources = list(args.sources)
    if args.sample:
        sources.append(sample_path())
    return run_config(args, tuple(sources))


def handle(args: argparse.Namespace) -> int:
    def body() -> RunReport | int:
        config = config_from(args)
        if not config.sources:
            print("warta run: give at least one source, or --sample.", file=sys.stderr)
            return 2
        shards = plan(config.sources, config.part_size)
        with open_sink(config.target) as sink:
            executor = make_executor(args, config, sink, LiveProgress(quiet=config.quiet))
            report = executor.run(shards)
        render_summary(report)
        return report

    return run_command("run", body)
