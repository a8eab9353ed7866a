"""What ``warta run`` and ``warta crawl`` share: their run options, and how they end."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from warta.errors import WartaError
from warta.pipeline.config import DEFAULT_TARGET, RunConfig, build_config
from warta.pipeline.report import RunReport, error_line


def add_run_options(parser: argparse.ArgumentParser, *, target: str) -> None:
    """The options that become a :class:`RunConfig` (``target`` says what --to may be)."""
    parser.add_argument(
        "--to", dest="target", metavar="OUTPUT", help=f"{target} (default {DEFAULT_TARGET})"
    )
    parser.add_argument("--config", metavar="RUN.TOML", help="read settings from a TOML file")
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
    parser.add_argument(
        "--no-metadata", action="store_const", const=True, default=None,
        help="extract the text, title and language only, in about 60%% of the time (no dates,"
        " authors, site names or sources)",
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


def run_config(args: argparse.Namespace, sources: tuple[str, ...]) -> RunConfig:
    """The run file's settings (``--config``), overridden by the options that were given."""
    return build_config(
        args.config,
        sources=sources or None,
        target=args.target,
        jobs=args.jobs,
        langs=args.langs,
        near_dup_threshold=args.near_dup_threshold,
        no_dedup=args.no_dedup,
        no_metadata=args.no_metadata,
        timeout=args.timeout,
        allow_private=args.allow_private,
        work_dir=args.work_dir,
        quiet=args.quiet,
    )


def run_command(command: str, body: Callable[[], RunReport | int]) -> int:
    """Run ``body``; its report (or exit code) as the exit code, a WartaError as one line.

    A report whose inputs all failed ends the command with 1 and the first reason.
    """
    try:
        outcome = body()
    except WartaError as exc:
        print(error_line(command, exc), file=sys.stderr)
        return 1
    if isinstance(outcome, int):
        return outcome
    if outcome.nothing_done:
        reason = " ".join(outcome.failure_summary.split())
        print(f"warta {command}: nothing could be processed: {reason}", file=sys.stderr)
        return 1
    return 0
