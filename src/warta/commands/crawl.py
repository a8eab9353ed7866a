"""``warta crawl``: follow a feed or sitemap, fetch new pages politely, archive them."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "crawl", help="fetch and archive the pages a feed or sitemap lists"
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    print("warta crawl: not available yet.", file=sys.stderr)
    return 2
