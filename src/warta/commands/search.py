"""``warta search``: full-text search of an archive."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from warta.errors import ConfigError, WartaError
from warta.pipeline.report import error_line
from warta.store import SearchHit, open_archive


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "search",
        help="search an archive's articles",
        description='Find articles containing every word and "quoted phrase" of QUERY.',
    )
    parser.add_argument("query", metavar="QUERY")
    parser.add_argument("--archive", default="warta.db", help="archive (.db or postgresql://)")
    parser.add_argument("--site", help="only this site and its subdomains (kompas.com)")
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="only articles published since")
    parser.add_argument("--lang", help="only articles in this language (id)")
    parser.add_argument("--limit", type=int, default=20, help="at most this many hits")
    parser.add_argument("--json", action="store_true", help="one JSON object per hit")
    parser.set_defaults(handler=handle)


def parse_since(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"--since wants a date written YYYY-MM-DD, not {text!r}.") from None


def hit_dict(hit: SearchHit) -> dict[str, Any]:
    return {
        "url": hit.url,
        "title": hit.title,
        "published": hit.published.isoformat() if hit.published else None,
        "site_name": hit.site_name,
        "lang": hit.lang,
        "snippet": hit.snippet,
        "score": round(hit.score, 4),
    }


def handle(args: argparse.Namespace) -> int:
    try:
        since = parse_since(args.since)
        with open_archive(args.archive) as archive:
            hits = archive.search(
                args.query, site=args.site, since=since, lang=args.lang, limit=args.limit
            )
    except WartaError as exc:
        print(error_line("search", exc), file=sys.stderr)
        return 1
    for hit in hits:
        if args.json:
            print(json.dumps(hit_dict(hit), ensure_ascii=False))
        else:
            when = hit.published.isoformat()[:10] if hit.published else "undated"
            print(f"{when}  {hit.title or '(no title)'}\n            {hit.url}")
    if not args.json:
        print(f"{len(hits)} hit{'s' if len(hits) != 1 else ''}.", file=sys.stderr)
    return 0
