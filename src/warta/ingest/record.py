"""The unit every source yields and every pipeline step starts from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One page as it was found, before any extraction.

    ``origin`` names where the bytes came from precisely enough to find them again and to
    resume a run ("file:/data/a.html", "warc:/cc/x.warc.gz@1234", "http"); it is the key
    a run uses to know which inputs it has already done.
    """

    url: str | None
    body: bytes
    origin: str
    headers: Mapping[str, str] = field(default_factory=dict)
    crawled_at: datetime | None = None
    error: str | None = None  # set when the source could not deliver the page's bytes
