"""The run's shards, as the cluster takes them: long URL lists cut into chunks.

:func:`~warta.pipeline.shards.plan` keeps a URL list whole (one shard), which is right for one
machine, where one fetcher paces requests per host. On a cluster a long list would be one task
on one worker, so it is cut into lists of ``part_size`` URLs, each its own shard. Each page's
origin is ``url:<URL>``, whatever file listed it, so resuming and the archive see the same
records; shards are renumbered in their original order, so records keep their relative order
and dedup decides as it would over the uncut list.

The chunks are written in the run directory (where every worker can read them), atomically,
and rewritten only when their content changed.
"""

from __future__ import annotations

import dataclasses
import os
import uuid
from collections.abc import Sequence
from pathlib import Path

from warta.ingest.web import read_url_list
from warta.pipeline.record import Shard


def cluster_shards(shards: Sequence[Shard], part_size: int, folder: Path) -> list[Shard]:
    """``shards`` with every local URL list longer than ``part_size`` cut into chunks."""
    out: list[Shard] = []
    for shard in shards:
        out.extend(_chunks(shard, part_size, folder))
    return [dataclasses.replace(shard, index=n) for n, shard in enumerate(out)]


def _chunks(shard: Shard, part_size: int, folder: Path) -> list[Shard]:
    if shard.kind != "urls":
        return [shard]
    try:
        text = Path(shard.spec).expanduser().read_text(encoding="utf-8", errors="replace")
    except OSError:
        return [shard]  # its task reports the failure, as the local engine does
    urls = [url for _number, url in read_url_list(text)]
    if len(urls) <= part_size:
        return [shard]
    chunks = []
    for part, start in enumerate(range(0, len(urls), part_size)):
        path = folder / f"{shard.id}-urls-{part:05d}.txt"
        _write_if_changed(path, "\n".join(urls[start : start + part_size]) + "\n")
        chunks.append(Shard(str(path), "urls", shard.index, part))
    return chunks


def _write_if_changed(path: Path, text: str) -> None:
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
