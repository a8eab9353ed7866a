"""Loading the evaluation sets: one manifest line per page, the page's original bytes gzipped."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATASETS = ("zyte", "web-eval", "id-news")
ENV_VAR = "WARTA_BENCH_DATA"


@dataclass(frozen=True, slots=True)
class Page:
    """One evaluation page and its ground truth (whichever kinds the set annotates)."""

    dataset: str
    id: str
    url: str | None
    path: Path
    text: str | None = None  # full article body (body metric)
    with_: tuple[str, ...] = ()  # snippets that must be in the output
    without: tuple[str, ...] = ()  # snippets that must not be
    lang: str | None = None

    @property
    def has_body(self) -> bool:
        return self.text is not None

    @property
    def has_snippets(self) -> bool:
        return bool(self.with_ or self.without)

    def raw(self) -> bytes:
        """The page's original bytes, in whatever encoding the site served."""
        with gzip.open(self.path) as handle:
            return handle.read()


def data_root() -> Path:
    """Where the sets live: ``$WARTA_BENCH_DATA``, else ``../shared/data`` beside the repo."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "shared" / "data"


def load(name: str, root: Path | None = None, limit: int | None = None) -> list[Page]:
    """The pages of one set that carry ground truth, in manifest order, at most ``limit``."""
    folder = (root or data_root()) / name
    manifest = folder / "manifest.jsonl"
    if not manifest.is_file():
        raise FileNotFoundError(f"no manifest at {manifest}; set {ENV_VAR} to the data folder")
    pages = [p for p in _read(name, folder, manifest) if p.has_body or p.has_snippets]
    return pages[:limit] if limit is not None else pages


def _read(name: str, folder: Path, manifest: Path) -> Iterator[Page]:
    with manifest.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield _page(name, folder, json.loads(line))


def _page(name: str, folder: Path, record: dict[str, Any]) -> Page:
    return Page(
        dataset=name,
        id=str(record["id"]),
        url=record.get("url") or None,
        path=folder / record["html_path"],
        text=record.get("text"),
        with_=tuple(record.get("with") or ()),
        without=tuple(record.get("without") or ()),
        lang=record.get("lang"),
    )
