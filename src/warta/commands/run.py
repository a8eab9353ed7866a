"""``warta run``: sources in, a deduplicated archive (or JSONL/Parquet file) out."""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from typing import Any

from warta.errors import WartaError
from warta.pipeline.config import DEFAULT_TARGET, RunConfig, build_config
from warta.pipeline.dask_cli import add_engine_options, make_executor
from warta.pipeline.report import LiveProgress, error_line, render_summary
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
    parser.add_argument(
        "--to", dest="target", metavar="OUTPUT",
        help=f"archive (.db/.sqlite or postgresql:// URL), .jsonl or .parquet "
        f"(default {DEFAULT_TARGET})",
    )  # fmt: skip
    parser.add_argument("--config", metavar="RUN.TOML", help="read settings from a TOML file")
    parser.add_argument("--sample", action="store_true", help="run on the bundled sample WARC")
    parser.add_argument("--jobs", type=int, help="extraction processes (default: one per CPU)")
    parser.add_argument("--lang", dest="langs", metavar="LANGS", help="keep only these, e.g. id,ms")
    parser.add_argument(
        "--near-dup-threshold", type=float, metavar="J",
        help="similarity at or above which two texts are near duplicates (default 0.8)",
    )  # fmt: skip
    parser.add_argument(
        "--no-dedup", action="store_const", const=True, default=None,
        help="keep duplicates (no exact or near-duplicate removal)",
    )  # fmt: skip
    parser.add_argument("--timeout", type=float, metavar="SEC", help="per-page extraction limit")
    parser.add_argument(
        "--allow-private", action="store_const", const=True, default=None,
        help="allow fetching from loopback and private-network addresses",
    )  # fmt: skip
    parser.add_argument("--work-dir", metavar="DIR", help="where a run keeps its resumable state")
    parser.add_argument(
        "--quiet", "-q", action="store_const", const=True, default=None,
        help="no progress display (the summary is still printed)",
    )  # fmt: skip
    add_engine_options(parser)  # --engine local|dask, --scheduler, --workers
    parser.set_defaults(handler=handle)


def config_from(args: argparse.Namespace) -> RunConfig:
    sources = list(args.sources)
    if args.sample:
        sources.append(sample_path())
    return build_config(
        args.config,
        sources=tuple(sources) or None,
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


def handle(args: argparse.Namespace) -> int:
    try:
        config = config_from(args)
        if not config.sources:
            print("warta run: give at least one source, or --sample.", file=sys.stderr)
            return 2
        shards = plan(config.sources, config.part_size)
        with open_sink(config.target) as sink:
            executor = make_executor(args, config, sink, LiveProgress(quiet=config.quiet))
            report = executor.run(shards)
    except WartaError as exc:
        print(error_line("run", exc), file=sys.stderr)
        return 1
    render_summary(report)
    if report.nothing_done:
        reason = " ".join(report.failure_summary.split())
        print(f"warta run: nothing could be processed: {reason}", file=sys.stderr)
        return 1
    return 0
