"""Shared by the golden-page test and the script that regenerates its expectations."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import warta

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "golden"
# The crawl time the expectations assume, so relative dates resolve the same way every run.
CRAWLED_AT = datetime(2024, 12, 1, tzinfo=UTC)


def expected_of(folder: Path) -> dict[str, Any]:
    source = json.loads((folder / "source.json").read_text("utf-8"))
    article = warta.extract(
        (folder / "page.html").read_bytes(), url=source.get("url"), crawled_at=CRAWLED_AT
    )
    data = article.to_dict()
    data.pop("extra", None)
    return data
