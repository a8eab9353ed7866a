"""``warta stats``: what an archive holds, by site, language and status."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from rich.console import Console
from rich.table import Table

from warta.errors import WartaError
from warta.pipeline.report import error_line
from warta.store import open_archive


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "stats",
        help="count an archive's articles by site, language and status",
        description="Counts of an archive: articles, versions, processed records, and more.",
    )
    parser.add_argument("archive", metavar="ARCHIVE", help="archive (.db or postgresql://)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=handle)


def _table(title: str, counts: dict[str, int], limit: int = 20) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(title.split()[-1])
    table.add_column("count", justify="right")
    for name, n in list(counts.items())[:limit]:
        table.add_row(name, str(n))
    if len(counts) > limit:
        table.add_row(f"... {len(counts) - limit} more", "")
    return table


def handle(args: argparse.Namespace) -> int:
    try:
        with open_archive(args.archive) as archive:
            stats = archive.stats()
    except WartaError as exc:
        print(error_line("stats", exc), file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, default=str))
        return 0
    console = Console(highlight=False)
    console.print(
        f"{stats['articles']} articles ({stats['versions']} versions), "
        f"{stats['processed']} records processed"
    )
    console.print(_table("by status", stats.get("by_status", {})))
    console.print(_table("by site", stats.get("by_site", {})))
    console.print(_table("by language", stats.get("by_lang", {})))
    return 0
