"""Source specs cut into shards, and a shard read back as raw records.

The sources themselves live in :mod:`warta.ingest` (``detect_source`` and friends); this
module only decides how a spec is split so that independent workers (local or Dask) can each
take a shard: one shard per WARC or ARC file, folders of pages cut into parts of
``part_size`` files, and any other source (URL list, feed, sitemap, URL) whole.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from warta.ingest import ArchiveSource, FileSource, Source, detect_source, kind_of
from warta.ingest.files import expand
from warta.ingest.options import FetchOptions
from warta.ingest.record import RawRecord
from warta.ingest.stats import IngestStats
from warta.pipeline.record import Shard

_ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_WEB_KINDS = {"urls", "feed", "url"}


def _archives_in(spec: str) -> list[str]:
    """WARC/ARC files a folder or glob names, sorted so runs are repeatable."""
    if glob.has_magic(spec):
        found = glob.glob(os.path.expanduser(spec), recursive=True)
    else:
        found = [str(p) for p in Path(spec).expanduser().rglob("*")]
    wanted = (p for p in found if p.lower().endswith(_ARCHIVE_SUFFIXES) and os.path.isfile(p))
    return sorted(str(Path(p).resolve()) for p in wanted)


def _is_collection(spec: str) -> bool:
    return glob.has_magic(spec) or os.path.isdir(os.path.expanduser(spec))


def plan(specs: Iterable[str], part_size: int = 1000) -> list[Shard]:
    """The shards of a run, in a fixed order (each shard's ``index`` is its place)."""
    shards: list[Shard] = []

    def add(spec: str, kind: str, parts: int = 1, size: int = 0) -> None:
        for part in range(parts):
            shards.append(Shard(spec, kind, len(shards), part, size))

    for spec in specs:
        kind = kind_of(spec)
        if kind != "files" or not _is_collection(spec):
            add(spec, kind)
            continue
        archives = _archives_in(spec)
        for archive in archives:
            add(archive, kind_of(archive))
        pages = expand(spec)
        if pages:
            name = spec if glob.has_magic(spec) else str(Path(spec).expanduser().resolve())
            add(name, "files", -(-len(pages) // part_size), part_size)
        elif not archives:
            add(spec, "nothing")
    return shards


class ShardReader:
    """Iterate a shard's raw records; ``stats`` says what the source skipped and lost.

    ``skip(origin)`` is asked before a page is fetched from the web, so a resumed run does not
    fetch again what it already holds (files and archives are filtered after reading, in
    batches, by the pipeline's SkipDone step, which is cheaper than one query per record).
    """

    def __init__(
        self,
        shard: Shard,
        options: FetchOptions | None = None,
        skip: Callable[[str], bool] | None = None,
    ) -> None:
        self.shard = shard
        self.options = options or FetchOptions()
        self.skip = skip
        self.stats = IngestStats()

    def __iter__(self) -> Iterator[RawRecord]:
        shard = self.shard
        if shard.kind == "nothing":
            reason = f"{shard.spec} names no HTML, WARC or ARC file."
            self.stats.errors += 1
            yield RawRecord(None, b"", f"file:{shard.spec}", {}, None, reason)
            return
        source = self._open()
        try:
            yield from source
        finally:
            self.stats.merge(source.stats)

    def _open(self) -> Source:
        shard = self.shard
        if shard.kind == "files" and shard.part_size:
            paths = expand(shard.spec)
            start = shard.part * shard.part_size
            return FileSource([p for p in paths[start : start + shard.part_size]])
        if shard.kind in {"warc", "arc"}:
            return ArchiveSource(shard.spec, kind=shard.kind, options=self.options)
        skip = self.skip if shard.kind in _WEB_KINDS else None
        return detect_source(shard.spec, options=self.options, skip=skip)
